//! `serve --cluster-listen ADDR`: answers nodes joining with a token (see the module docs of
//! [`super`]). One request per connection, bounded in size and time; over the node's own mutual
//! TLS configuration (a client certificate is required; the token says who may join).

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

use serde::{Deserialize, Serialize};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;
use tokio_rustls::TlsAcceptor;
use zeroize::Zeroizing;

use crate::datadir::DataDir;

/// Bound on each step of a join (handshake, request, answer).
const STEP_TIMEOUT: Duration = Duration::from_secs(10);
/// Largest join request accepted.
const MAX_REQUEST: u64 = 4096;

/// The first line the server sends: its CA (public), for the joining node to check.
#[derive(Serialize, Deserialize)]
pub struct Hello {
    pub ca_cert: String,
}

/// What the joining node sends once it trusts the server.
#[derive(Serialize, Deserialize)]
pub struct JoinRequest {
    pub token: String,
    pub node: String,
}

/// The answer: the secrets a node of this cluster needs, or why not.
#[derive(Serialize, Deserialize, Default)]
pub struct JoinAnswer {
    #[serde(default)]
    pub error: Option<String>,
    #[serde(default)]
    pub ca_key: String,
    /// Hex.
    #[serde(default)]
    pub cluster_key: String,
    /// File name in `rootkeys/` -> contents (hex).
    #[serde(default)]
    pub rootkeys: BTreeMap<String, String>,
}

impl Drop for JoinAnswer {
    fn drop(&mut self) {
        use zeroize::Zeroize;
        self.ca_key.zeroize();
        self.cluster_key.zeroize();
        for v in self.rootkeys.values_mut() {
            v.zeroize();
        }
    }
}

fn answer(dir: &DataDir) -> Result<JoinAnswer, String> {
    let read = |p: &std::path::Path| {
        std::fs::read(p)
            .map(Zeroizing::new)
            .map_err(|e| format!("{}: {e}", p.display()))
    };
    let ca_key = read(&dir.ca_key())?;
    let cluster_key = read(&dir.cluster_key())?;
    let mut rootkeys = BTreeMap::new();
    for e in std::fs::read_dir(dir.rootkeys()).map_err(|e| e.to_string())? {
        let e = e.map_err(|e| e.to_string())?;
        let name = e.file_name().to_string_lossy().into_owned();
        if (name.ends_with(".key") || name.ends_with(".disabled")) && !name.starts_with('.') {
            rootkeys.insert(name, hex::encode(&*read(&e.path())?));
        }
    }
    Ok(JoinAnswer {
        error: None,
        ca_key: String::from_utf8_lossy(&ca_key).into_owned(),
        cluster_key: hex::encode(&*cluster_key),
        rootkeys,
    })
}

async fn handle(
    acceptor: TlsAcceptor,
    tcp: tokio::net::TcpStream,
    dir: DataDir,
) -> Result<String, String> {
    let tls = tokio::time::timeout(STEP_TIMEOUT, acceptor.accept(tcp))
        .await
        .map_err(|_| "handshake timed out".to_string())?
        .map_err(|e| format!("handshake: {e}"))?;
    let (r, mut w) = tokio::io::split(tls);
    let hello = Hello {
        ca_cert: std::fs::read_to_string(dir.ca_cert()).map_err(|e| e.to_string())?,
    };
    let mut line = serde_json::to_vec(&hello).map_err(|e| e.to_string())?;
    line.push(b'\n');
    tokio::time::timeout(STEP_TIMEOUT, w.write_all(&line))
        .await
        .map_err(|_| "timed out".to_string())?
        .map_err(|e| e.to_string())?;
    let mut req = Zeroizing::new(String::new());
    let mut reader = BufReader::new(r).take(MAX_REQUEST);
    tokio::time::timeout(STEP_TIMEOUT, reader.read_line(&mut req))
        .await
        .map_err(|_| "request timed out".to_string())?
        .map_err(|e| e.to_string())?;
    let req: JoinRequest =
        serde_json::from_str(&req).map_err(|_| "malformed join request".to_string())?;
    let node = req.node.chars().take(64).collect::<String>();
    let result = super::token::consume(&dir, &req.token).and_then(|()| answer(&dir));
    let (ans, outcome) = match result {
        Ok(a) => (a, Ok(node)),
        Err(e) => (
            JoinAnswer {
                error: Some(format!("join refused: {e}")),
                ca_key: String::new(),
                cluster_key: String::new(),
                rootkeys: BTreeMap::new(),
            },
            Err(format!("refused a join from {node:?}: {e}")),
        ),
    };
    let mut out = Zeroizing::new(serde_json::to_vec(&ans).map_err(|e| e.to_string())?);
    out.push(b'\n');
    tokio::time::timeout(STEP_TIMEOUT, async {
        w.write_all(&out).await?;
        w.shutdown().await
    })
    .await
    .map_err(|_| "answer timed out".to_string())?
    .map_err(|e| e.to_string())?;
    outcome
}

/// Serves join requests until `stop` turns true.
pub async fn serve(
    tls: Arc<rustls::ServerConfig>,
    listener: TcpListener,
    dir: DataDir,
    mut stop: tokio::sync::watch::Receiver<bool>,
) {
    let acceptor = TlsAcceptor::from(tls);
    loop {
        let (tcp, peer) = tokio::select! {
            r = listener.accept() => match r {
                Ok(x) => x,
                Err(e) => {
                    tracing::warn!(error = %e, "cluster join listener: accept failed");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            _ = stop.changed() => return,
        };
        let (acceptor, dir) = (acceptor.clone(), dir.clone());
        tokio::spawn(async move {
            match handle(acceptor, tcp, dir).await {
                Ok(node) => tracing::info!(%peer, node = %node, "a node joined the cluster"),
                Err(e) => tracing::warn!(%peer, "cluster join: {e}"),
            }
        });
    }
}
