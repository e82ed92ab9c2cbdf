//! Test harness: starts the real `keyhaven` binary on a temporary data directory and talks KMIP to it
//! over real mutual-TLS connections.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use keyhaven_kmip::enums::operation as op;
use keyhaven_kmip::{tag, ProtocolVersion};
use keyhaven_ttlv::Item;

pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_keyhaven")
}

/// Runs an admin command against a data directory; panics with its output when it fails.
pub fn admin(data: &Path, args: &[&str]) -> String {
    let out = Command::new(bin())
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .output()
        .expect("run keyhaven");
    assert!(
        out.status.success(),
        "keyhaven {args:?} failed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A running server process.
pub struct TestServer {
    pub dir: tempfile::TempDir,
    pub child: Option<Child>,
    pub addr: SocketAddr,
    pub log: PathBuf,
}

impl TestServer {
    pub fn start() -> TestServer {
        Self::start_with(&[])
    }

    pub fn start_with(extra: &[&str]) -> TestServer {
        let mut s = TestServer::unstarted();
        s.spawn(extra);
        s
    }

    /// A server with its own temporary folder, not started yet (see [`TestServer::spawn_in`]).
    pub fn unstarted() -> TestServer {
        let dir = tempfile::tempdir().expect("tempdir");
        TestServer {
            child: None,
            addr: "127.0.0.1:1".parse().expect("addr"),
            log: dir.path().join("server.log"),
            dir,
        }
    }

    pub fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    /// (Re)starts the process on the same data directory.
    pub fn spawn(&mut self, extra: &[&str]) {
        let data = self.data();
        self.spawn_in(&data, &[] as &[(&str, &str)], extra);
    }

    /// (Re)starts the process on the data directory `data` with more environment variables.
    pub fn spawn_in<K: AsRef<std::ffi::OsStr>, V: AsRef<std::ffi::OsStr>>(
        &mut self,
        data: &Path,
        env: &[(K, V)],
        extra: &[&str],
    ) {
        let ready = self.dir.path().join("ready");
        let _ = std::fs::remove_file(&ready);
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.log)
            .expect("log file");
        let child = Command::new(bin())
            .arg("--data-dir")
            .arg(data)
            .envs(env.iter().map(|(k, v)| (k, v)))
            .args(["serve", "--listen", "127.0.0.1:0", "--ready-file"])
            .arg(&ready)
            .args(extra)
            .args(if extra.contains(&"--log") {
                &[][..]
            } else {
                &["--log", "debug"][..]
            })
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .expect("spawn keyhaven serve");
        self.child = Some(child);
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            if let Ok(text) = std::fs::read_to_string(&ready) {
                if let Some(a) = text.lines().next().and_then(|l| l.parse().ok()) {
                    self.addr = a;
                    return;
                }
            }
            if let Some(st) = self
                .child
                .as_mut()
                .and_then(|c| c.try_wait().ok().flatten())
            {
                panic!(
                    "server exited with {st}: {}",
                    std::fs::read_to_string(&self.log).unwrap_or_default()
                );
            }
            assert!(
                Instant::now() < deadline,
                "server did not start: {}",
                std::fs::read_to_string(&self.log).unwrap_or_default()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// kill -9.
    pub fn kill(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }

    /// SIGTERM and wait for a clean exit.
    pub fn terminate(&mut self) -> std::process::ExitStatus {
        let mut c = self.child.take().expect("running");
        let _ = Command::new("kill")
            .arg("-TERM")
            .arg(c.id().to_string())
            .status();
        c.wait().expect("wait")
    }

    pub fn log_text(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// Issues a client certificate for `name` in `tenant`.
    pub fn issue(&self, name: &str, tenant: &str) -> Creds {
        let out = self.dir.path().join(format!("client-{name}"));
        admin(
            &self.data(),
            &[
                "client",
                "issue",
                "--name",
                name,
                "--tenant",
                tenant,
                "--out",
                out.to_str().expect("utf8"),
            ],
        );
        Creds::load(
            &out.join(format!("{name}.crt")),
            &out.join(format!("{name}.key")),
            &out.join("ca.crt"),
        )
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.kill();
    }
}

/// A client's certificate, key and the server CA, as PEM.
#[derive(Clone)]
pub struct Creds {
    pub cert_pem: Vec<u8>,
    pub key_pem: Vec<u8>,
    pub ca_pem: Vec<u8>,
}

impl Creds {
    pub fn load(cert: &Path, key: &Path, ca: &Path) -> Creds {
        Creds {
            cert_pem: std::fs::read(cert).expect("cert"),
            key_pem: std::fs::read(key).expect("key"),
            ca_pem: std::fs::read(ca).expect("ca"),
        }
    }

    pub fn client_config(
        &self,
        versions: &[&'static rustls::SupportedProtocolVersion],
    ) -> Arc<rustls::ClientConfig> {
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let mut roots = rustls::RootCertStore::empty();
        for c in rustls_pemfile_certs(&self.ca_pem) {
            roots.add(c).expect("ca");
        }
        let chain = rustls_pemfile_certs(&self.cert_pem);
        let key = {
            use rustls_pki_types::pem::PemObject;
            rustls_pki_types::PrivateKeyDer::from_pem_slice(&self.key_pem).expect("key pem")
        };
        Arc::new(
            rustls::ClientConfig::builder_with_provider(provider)
                .with_protocol_versions(versions)
                .expect("versions")
                .with_root_certificates(roots)
                .with_client_auth_cert(chain, key)
                .expect("client auth"),
        )
    }
}

fn rustls_pemfile_certs(pem: &[u8]) -> Vec<rustls_pki_types::CertificateDer<'static>> {
    use rustls_pki_types::pem::PemObject;
    rustls_pki_types::CertificateDer::pem_slice_iter(pem)
        .map(|c| c.expect("cert pem"))
        .collect()
}

/// One TLS connection speaking KMIP.
pub struct Conn {
    pub tls: rustls::StreamOwned<rustls::ClientConnection, TcpStream>,
}

impl Conn {
    pub fn connect(addr: SocketAddr, creds: &Creds) -> Conn {
        Self::connect_with(
            addr,
            creds.client_config(&[&rustls::version::TLS13, &rustls::version::TLS12]),
        )
    }

    pub fn connect_with(addr: SocketAddr, cfg: Arc<rustls::ClientConfig>) -> Conn {
        Self::try_connect(addr, cfg).expect("TLS connection")
    }

    pub fn try_connect(addr: SocketAddr, cfg: Arc<rustls::ClientConfig>) -> std::io::Result<Conn> {
        let tcp = TcpStream::connect(addr)?;
        tcp.set_read_timeout(Some(Duration::from_secs(30)))?;
        tcp.set_nodelay(true)?;
        let name = rustls_pki_types::ServerName::try_from("localhost").expect("name");
        let conn = rustls::ClientConnection::new(cfg, name).expect("client conn");
        let mut tls = rustls::StreamOwned::new(conn, tcp);
        while tls.conn.is_handshaking() {
            tls.conn.complete_io(&mut tls.sock)?;
        }
        Ok(Conn { tls })
    }

    pub fn send_raw(&mut self, bytes: &[u8]) -> std::io::Result<Vec<u8>> {
        self.tls.write_all(bytes)?;
        self.tls.flush()?;
        let mut hdr = [0u8; 8];
        self.tls.read_exact(&mut hdr)?;
        let len = u32::from_be_bytes([hdr[4], hdr[5], hdr[6], hdr[7]]) as usize;
        let mut body = vec![0u8; 8 + len];
        body[..8].copy_from_slice(&hdr);
        self.tls.read_exact(&mut body[8..])?;
        Ok(body)
    }

    pub fn send(&mut self, msg: &Item) -> Item {
        let bytes = self
            .send_raw(&keyhaven_ttlv::encode(msg))
            .expect("exchange");
        keyhaven_ttlv::decode(&bytes, &keyhaven_ttlv::Limits::default()).expect("decode response")
    }

    /// Sends one operation and returns its batch item.
    pub fn call(&mut self, v: ProtocolVersion, operation: u32, payload: Vec<Item>) -> Item {
        let resp = self.send(&request(v, None, &[(operation, None, payload)]));
        batch_items(&resp)
            .into_iter()
            .next()
            .expect("one batch item")
    }

    /// Sends one operation, asserts success, returns the response payload.
    pub fn ok(&mut self, v: ProtocolVersion, operation: u32, payload: Vec<Item>) -> Item {
        let bi = self.call(v, operation, payload);
        assert_success(&bi);
        bi.child(tag::RESPONSE_PAYLOAD)
            .cloned()
            .unwrap_or_else(|| Item::structure(tag::RESPONSE_PAYLOAD, vec![]))
    }

    /// Whether the server closed the connection (reads EOF).
    pub fn is_closed(&mut self) -> bool {
        let mut b = [0u8; 1];
        matches!(self.tls.read(&mut b), Ok(0) | Err(_))
    }
}

/// One batch item to send: operation, Unique Batch Item ID, payload.
pub type Op<'a> = (u32, Option<&'a [u8]>, Vec<Item>);

/// Builds a request message.
pub fn request(v: ProtocolVersion, extra_header: Option<Vec<Item>>, items: &[Op<'_>]) -> Item {
    let mut header = vec![v.to_item()];
    header.extend(extra_header.unwrap_or_default());
    header.push(Item::int(tag::BATCH_COUNT, items.len() as i32));
    let mut c = vec![Item::structure(tag::REQUEST_HEADER, header)];
    for (operation, id, payload) in items {
        let mut bi = vec![Item::enumeration(tag::OPERATION, *operation)];
        if let Some(id) = id {
            bi.push(Item::bytes(tag::UNIQUE_BATCH_ITEM_ID, id.to_vec()));
        }
        bi.push(Item::structure(tag::REQUEST_PAYLOAD, payload.clone()));
        c.push(Item::structure(tag::BATCH_ITEM, bi));
    }
    Item::structure(tag::REQUEST_MESSAGE, c)
}

/// A request header item authenticating with a ticket (Login, Delegated Login).
pub fn ticket_auth(ticket: &Item) -> Vec<Item> {
    vec![Item::structure(
        tag::AUTHENTICATION,
        vec![Item::structure(
            tag::CREDENTIAL,
            vec![
                Item::enumeration(tag::CREDENTIAL_TYPE, 6),
                Item::structure(tag::CREDENTIAL_VALUE, vec![ticket.clone()]),
            ],
        )],
    )]
}

/// One 2.1 batch item sent with extra request header items; its answer.
pub fn call_with(c: &mut Conn, header: Vec<Item>, operation: u32, payload: Vec<Item>) -> Item {
    let resp = c.send(&request(
        ProtocolVersion::V2_1,
        Some(header),
        &[(operation, None, payload)],
    ));
    batch_items(&resp)
        .into_iter()
        .next()
        .expect("one batch item")
}

pub fn batch_items(resp: &Item) -> Vec<Item> {
    assert_eq!(resp.tag, tag::RESPONSE_MESSAGE, "not a response message");
    resp.children(tag::BATCH_ITEM).cloned().collect()
}

pub fn response_version(resp: &Item) -> ProtocolVersion {
    ProtocolVersion::from_item(
        resp.child(tag::RESPONSE_HEADER)
            .and_then(|h| h.child(tag::PROTOCOL_VERSION))
            .expect("version"),
    )
    .expect("version")
}

pub fn result_status(bi: &Item) -> u32 {
    bi.child(tag::RESULT_STATUS)
        .and_then(Item::as_enum)
        .expect("result status")
}

pub fn result_reason(bi: &Item) -> Option<u32> {
    bi.child(tag::RESULT_REASON).and_then(Item::as_enum)
}

pub fn result_message(bi: &Item) -> &str {
    bi.child(tag::RESULT_MESSAGE)
        .and_then(Item::as_text)
        .unwrap_or("")
}

pub fn assert_success(bi: &Item) {
    assert_eq!(
        result_status(bi),
        0,
        "operation failed: reason {:?}, message {:?}",
        result_reason(bi),
        bi.child(tag::RESULT_MESSAGE).and_then(Item::as_text)
    );
}

/// 1.x attribute.
pub fn attr_v1(name: &str, value: Item) -> Item {
    let mut v = value;
    v.tag = tag::ATTRIBUTE_VALUE;
    Item::structure(
        tag::ATTRIBUTE,
        vec![Item::text(tag::ATTRIBUTE_NAME, name), v],
    )
}

/// vCenter's Create (KMIP 1.1): AES-256, usage mask Encrypt|Decrypt.
pub fn create_aes_v1(len: i32) -> Vec<Item> {
    vec![
        Item::enumeration(
            tag::OBJECT_TYPE,
            keyhaven_kmip::enums::object_type::SYMMETRIC_KEY,
        ),
        Item::structure(
            tag::TEMPLATE_ATTRIBUTE,
            vec![
                attr_v1(
                    "Cryptographic Algorithm",
                    Item::enumeration(0, keyhaven_kmip::enums::cryptographic_algorithm::AES),
                ),
                attr_v1("Cryptographic Usage Mask", Item::int(0, 12)),
                attr_v1("Cryptographic Length", Item::int(0, len)),
            ],
        ),
    ]
}

pub fn uid_of(payload: &Item) -> String {
    payload
        .child(tag::UNIQUE_IDENTIFIER)
        .and_then(Item::as_text)
        .expect("unique identifier")
        .to_owned()
}

pub fn uid_item(uid: &str) -> Item {
    Item::text(tag::UNIQUE_IDENTIFIER, uid)
}

/// Key material of a Get response payload (Raw format).
pub fn key_material(payload: &Item) -> Vec<u8> {
    let obj = payload.child(tag::SYMMETRIC_KEY).expect("symmetric key");
    let kv = obj
        .child(tag::KEY_BLOCK)
        .and_then(|b| b.child(tag::KEY_VALUE))
        .expect("key value");
    kv.child(tag::KEY_MATERIAL)
        .and_then(Item::as_bytes)
        .expect("key material")
        .to_vec()
}

pub const V1_1: ProtocolVersion = ProtocolVersion::V1_1;
pub const V2_0: ProtocolVersion = ProtocolVersion::V2_0;
pub const V2_1: ProtocolVersion = ProtocolVersion::V2_1;
pub use op::*;
