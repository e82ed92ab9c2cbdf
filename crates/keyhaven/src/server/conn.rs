//! The listener and one task per TLS connection: timeouts, the connection limit, graceful shutdown.
//!
//! vCenter opens many short connections, some finishing only the handshake, and closes without
//! close_notify: those are debug events, not errors.

use std::io;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{watch, Semaphore};
use tokio::time::timeout;

use super::dispatch;
use super::identity::Identity;
use super::tls_stream::{Acceptor, TlsStream};
use super::Server;

/// Serves KMIP on the listeners until `shutdown` turns true, then lets connections finish the
/// request in flight (up to the shutdown grace) and returns.
pub async fn serve(
    server: Arc<Server>,
    acceptor: Acceptor,
    listeners: Vec<TcpListener>,
    mut shutdown: watch::Receiver<bool>,
) {
    let max = server.limits.max_connections;
    let slots = Arc::new(Semaphore::new(max));
    let mut accept_tasks = Vec::new();
    for listener in listeners {
        let (server, acceptor, slots, shutdown) = (
            server.clone(),
            acceptor.clone(),
            slots.clone(),
            shutdown.clone(),
        );
        accept_tasks.push(tokio::spawn(accept_loop(
            server, acceptor, listener, slots, shutdown,
        )));
    }
    while !*shutdown.borrow() {
        if shutdown.changed().await.is_err() {
            break;
        }
    }
    for t in &accept_tasks {
        t.abort();
    }
    tracing::info!("shutting down: finishing requests in flight");
    let grace = server.limits.shutdown_grace;
    let drained = timeout(grace, slots.acquire_many(max as u32)).await;
    match drained {
        Ok(_) => tracing::info!("all connections closed"),
        Err(_) => tracing::warn!(
            grace_secs = grace.as_secs(),
            "connections still open after the shutdown grace"
        ),
    }
}

async fn accept_loop(
    server: Arc<Server>,
    acceptor: Acceptor,
    listener: TcpListener,
    slots: Arc<Semaphore>,
    shutdown: watch::Receiver<bool>,
) {
    loop {
        let (tcp, peer) = match listener.accept().await {
            Ok(x) => x,
            Err(e) => {
                // Out of file descriptors and the like: wait a little rather than spin.
                tracing::warn!(error = %e, "accept failed");
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let Ok(permit) = slots.clone().try_acquire_owned() else {
            tracing::warn!(%peer, limit = server.limits.max_connections, "connection limit reached; closing new connection");
            drop(tcp);
            continue;
        };
        let Some(per_ip) = server.peers.admit(peer.ip()) else {
            drop(tcp);
            continue;
        };
        let (server, acceptor, shutdown) = (server.clone(), acceptor.clone(), shutdown.clone());
        tokio::spawn(async move {
            connection(server, acceptor, tcp, peer, shutdown).await;
            drop(per_ip);
            drop(permit);
        });
    }
}

fn quiet(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::UnexpectedEof
            | io::ErrorKind::ConnectionReset
            | io::ErrorKind::BrokenPipe
            | io::ErrorKind::ConnectionAborted
    )
}

/// The TLS handshake (bounded by the handshake timeout) and the client's identification, shared by
/// the KMIP port and the HTTPS listener. `None` when the handshake failed (a debug event: vCenter
/// probes with handshake-only connections).
pub(super) async fn handshake(
    server: &Arc<Server>,
    acceptor: &Acceptor,
    tcp: TcpStream,
    peer: &str,
    listener: &str,
) -> Option<(TlsStream, Identity)> {
    let _ = tcp.set_nodelay(true);
    let hs_slot = match tcp.peer_addr() {
        Ok(a) => Some(server.peers.handshake(a.ip())?),
        Err(_) => None,
    };
    let stream = match timeout(server.limits.handshake_timeout, acceptor.accept(tcp)).await {
        Ok(Ok(s)) => s,
        Ok(Err(e)) => {
            super::refusal::handshake_failed(peer, listener, Some(&e));
            return None;
        }
        Err(_) => {
            super::refusal::handshake_failed(peer, listener, None);
            return None;
        }
    };
    let resumed = stream.resumed();
    super::metrics::global().handshake_ok(resumed);
    drop(hs_slot);
    tracing::debug!(peer, listener, cipher = ?stream.cipher_suite(), resumed, "TLS established");
    let chain = Arc::new(stream.peer_chain());
    let pending = chain.clone();
    let s = server.clone();
    let who = match tokio::task::spawn_blocking(move || s.trust.identify(s.store.as_ref(), &chain))
        .await
    {
        Ok(Ok(who)) => who,
        Ok(Err(e)) => {
            // The store cannot be read (say, the database restarts): keep the connection and
            // identify again at each request; until then requests get a clear error.
            tracing::warn!(peer, error = %e, "cannot load client trust yet");
            Identity::Pending {
                chain: pending,
                error: e.to_string(),
            }
        }
        Err(_) => return None,
    };
    match &who {
        Identity::Client { client, tenant } => {
            tracing::debug!(peer, listener, client = %client.name, tenant = %tenant.name, "client connected")
        }
        Identity::Unknown { fingerprint, .. } => {
            let chain = stream.peer_chain();
            super::refusal::unknown_client(peer, listener, &chain, fingerprint)
        }
        Identity::Pending { .. } => {}
    }
    Some((stream, who))
}

async fn connection(
    server: Arc<Server>,
    acceptor: Acceptor,
    tcp: TcpStream,
    peer: SocketAddr,
    mut shutdown: watch::Receiver<bool>,
) {
    let limits = server.limits.clone();
    let peer_s = peer.to_string();
    let _open = super::metrics::global().connection_opened("kmip");
    let Some((mut stream, who)) = handshake(&server, &acceptor, tcp, &peer_s, "KMIP").await else {
        return;
    };
    let who = Arc::new(who);
    loop {
        // Wait for the next request: idle timeout, or shutdown between requests.
        let mut header = [0u8; 8];
        let first = tokio::select! {
            r = timeout(limits.idle_timeout, stream.read(&mut header[..1])) => r,
            _ = shutdown.changed() => break,
        };
        match first {
            Ok(Ok(0)) => break,
            Ok(Ok(_)) => {}
            Ok(Err(e)) => {
                if !quiet(&e) {
                    tracing::debug!(peer = %peer_s, error = %e, "read failed");
                }
                break;
            }
            Err(_) => {
                tracing::debug!(peer = %peer_s, "idle timeout");
                break;
            }
        }
        let body = match timeout(
            limits.read_timeout,
            read_message(&mut stream, header, &limits),
        )
        .await
        {
            Ok(Ok(Ok(body))) => body,
            Ok(Ok(Err(refusal))) => {
                let _ = write(&mut stream, &refusal.response).await;
                break;
            }
            Ok(Err(e)) => {
                if !quiet(&e) {
                    tracing::debug!(peer = %peer_s, error = %e, "read failed mid-message");
                }
                break;
            }
            Err(_) => {
                tracing::debug!(peer = %peer_s, "message not received within the read timeout");
                break;
            }
        };
        // From memory when it can be (no hand-off to the blocking pool), else on the pool.
        let inline = dispatch::handle_nonblocking(&server, &who, &peer_s, &body);
        let outcome = if let Some(o) = inline {
            o
        } else {
            let (server, who, peer) = (server.clone(), who.clone(), peer_s.clone());
            match tokio::task::spawn_blocking(move || dispatch::handle(&server, &who, &peer, &body))
                .await
            {
                Ok(o) => o,
                Err(e) => {
                    tracing::error!(peer = %peer_s, error = %e, "request handler failed");
                    break;
                }
            }
        };
        if let Err(e) = write(&mut stream, &outcome.response).await {
            if !quiet(&e) {
                tracing::debug!(peer = %peer_s, error = %e, "write failed");
            }
            break;
        }
        if outcome.close {
            break;
        }
    }
    let _ = timeout(Duration::from_secs(1), stream.shutdown()).await;
}

/// Reads the rest of a message whose first byte is in `header[0]`. The length in the header is
/// checked against the limit before the body buffer is allocated.
async fn read_message<S: AsyncReadExt + Unpin>(
    stream: &mut S,
    mut header: [u8; 8],
    limits: &super::Limits,
) -> io::Result<Result<Vec<u8>, dispatch::Outcome>> {
    stream.read_exact(&mut header[1..]).await?;
    let total = match keyhaven_ttlv::decode_header(&header, &limits.ttlv()) {
        Ok(n) => n,
        Err(e) => {
            return Ok(Err(dispatch::invalid_message(
                keyhaven_kmip::ProtocolVersion::V1_0,
                format!("message refused before reading its body: {e}"),
            )))
        }
    };
    let mut body = vec![0u8; total];
    body[..8].copy_from_slice(&header);
    stream.read_exact(&mut body[8..]).await?;
    Ok(Ok(body))
}

async fn write<S: AsyncWriteExt + Unpin>(stream: &mut S, bytes: &[u8]) -> io::Result<()> {
    stream.write_all(bytes).await?;
    stream.flush().await
}
