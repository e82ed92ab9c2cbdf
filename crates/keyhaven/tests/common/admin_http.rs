//! A small HTTPS client for the admin listener (`serve --admin-listen`): one request per connection,
//! a session cookie and CSRF token once logged in, or an admin client certificate.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::Arc;
use std::time::Duration;

use keyhaven_kmip::{tag, ProtocolVersion};
use keyhaven_ttlv::Item;

use crate::common::*;

/// The admin listener's address from the ready file (`admin=ADDR`).
pub fn admin_addr(server: &TestServer) -> SocketAddr {
    let ready = std::fs::read_to_string(server.dir.path().join("ready")).expect("ready file");
    ready
        .lines()
        .find_map(|l| l.strip_prefix("admin="))
        .expect("admin= line in the ready file")
        .parse()
        .expect("address")
}

/// Creates a console user with a password.
pub fn create_user(server: &TestServer, name: &str, role: &str, password: &str) {
    let f = server.dir.path().join(format!("pw-{name}"));
    std::fs::write(&f, format!("{password}\n")).expect("password file");
    super::admin(
        &server.data(),
        &[
            "admin",
            "create-user",
            "--name",
            name,
            "--role",
            role,
            "--password-file",
            f.to_str().expect("utf8"),
        ],
    );
}

/// A key as vCenter leaves it: created, tagged with VMware's attributes (x-Name = `vm`), activated.
pub fn vm_key(c: &mut Conn, vm: &str) -> String {
    let uid = uid_of(&c.ok(V1_1, CREATE, create_aes_v1(256)));
    for (n, v) in [
        ("x-Vendor", "VMware, Inc."),
        ("x-Product", "VMware vSphere"),
        ("x-Component", "Virtual Machine"),
        ("x-Name", vm),
    ] {
        c.ok(
            V1_1,
            ADD_ATTRIBUTE,
            vec![uid_item(&uid), attr_v1(n, Item::text(0, v))],
        );
    }
    c.ok(V1_1, ACTIVATE, vec![uid_item(&uid)]);
    uid
}

/// KMIP Encrypt with the key: allowed only while it is Active (and not held).
pub fn encrypts(c: &mut Conn, uid: &str) -> bool {
    let r = c.call(
        ProtocolVersion::V1_4,
        ENCRYPT,
        vec![
            uid_item(uid),
            Item::structure(
                tag::CRYPTOGRAPHIC_PARAMETERS,
                vec![Item::enumeration(
                    tag::BLOCK_CIPHER_MODE,
                    keyhaven_kmip::enums::block_cipher_mode::ECB,
                )],
            ),
            Item::bytes(tag::DATA, vec![7u8; 16]),
        ],
    );
    result_status(&r) == 0
}

pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text()))
    }
}

pub struct AdminClient {
    pub addr: SocketAddr,
    cfg: Arc<rustls::ClientConfig>,
    pub cookie: Option<String>,
    pub csrf: Option<String>,
}

fn roots(ca_pem: &[u8]) -> rustls::RootCertStore {
    use rustls_pki_types::pem::PemObject;
    let mut roots = rustls::RootCertStore::empty();
    for c in rustls_pki_types::CertificateDer::pem_slice_iter(ca_pem) {
        roots.add(c.expect("ca pem")).expect("ca");
    }
    roots
}

impl AdminClient {
    /// A browser-like client: trusts the server CA, presents no certificate.
    pub fn anonymous(server: &TestServer) -> AdminClient {
        let ca = std::fs::read(server.data().join("tls/ca.crt")).expect("server CA");
        AdminClient::anonymous_at(admin_addr(server), &ca)
    }

    /// A browser-like client of the admin listener at `addr`, trusting the CA `ca_pem`.
    pub fn anonymous_at(addr: SocketAddr, ca_pem: &[u8]) -> AdminClient {
        let ca = ca_pem;
        let cfg = rustls::ClientConfig::builder_with_provider(Arc::new(
            rustls::crypto::ring::default_provider(),
        ))
        .with_safe_default_protocol_versions()
        .expect("versions")
        .with_root_certificates(roots(ca))
        .with_no_client_auth();
        AdminClient {
            addr,
            cfg: Arc::new(cfg),
            cookie: None,
            csrf: None,
        }
    }

    /// A client presenting an admin (or any) certificate.
    pub fn with_cert(server: &TestServer, creds: &Creds) -> AdminClient {
        AdminClient {
            addr: admin_addr(server),
            cfg: creds.client_config(&[&rustls::version::TLS13, &rustls::version::TLS12]),
            cookie: None,
            csrf: None,
        }
    }

    /// Logs in; returns the reply (the cookie and CSRF token are kept on success).
    pub fn login(&mut self, user: &str, password: &str) -> Reply {
        let r = self.request(
            "POST",
            "/api/v1/login",
            Some(&serde_json::json!({"username": user, "password": password})),
        );
        if r.status == 200 {
            let set = r.header("set-cookie").expect("Set-Cookie").to_owned();
            self.cookie = set.split(';').next().map(str::to_owned);
            self.csrf = r.json()["csrf_token"].as_str().map(str::to_owned);
        }
        r
    }

    pub fn get(&self, path: &str) -> Reply {
        self.request("GET", path, None)
    }

    pub fn post(&self, path: &str, body: &serde_json::Value) -> Reply {
        self.request("POST", path, Some(body))
    }

    pub fn request(&self, method: &str, path: &str, body: Option<&serde_json::Value>) -> Reply {
        self.raw(method, path, body, true)
    }

    /// A request, with or without the session's CSRF header.
    pub fn raw(
        &self,
        method: &str,
        path: &str,
        body: Option<&serde_json::Value>,
        send_csrf: bool,
    ) -> Reply {
        let tcp = TcpStream::connect(self.addr).expect("connect to the admin listener");
        tcp.set_read_timeout(Some(Duration::from_secs(60)))
            .expect("timeout");
        let name = rustls_pki_types::ServerName::try_from("localhost").expect("name");
        let conn = rustls::ClientConnection::new(self.cfg.clone(), name).expect("client conn");
        let mut tls = rustls::StreamOwned::new(conn, tcp);
        let body = body.map(|b| b.to_string()).unwrap_or_default();
        let mut head = format!(
            "{method} {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Length: {}\r\n",
            body.len()
        );
        if !body.is_empty() {
            head.push_str("Content-Type: application/json\r\n");
        }
        if let Some(c) = &self.cookie {
            head.push_str(&format!("Cookie: {c}\r\n"));
        }
        if let (Some(t), true) = (&self.csrf, send_csrf) {
            head.push_str(&format!("X-CSRF-Token: {t}\r\n"));
        }
        head.push_str("\r\n");
        tls.write_all(head.as_bytes()).expect("write");
        tls.write_all(body.as_bytes()).expect("write");
        tls.flush().expect("flush");
        let mut all = Vec::new();
        match tls.read_to_end(&mut all) {
            Ok(_) => {}
            // The server may close without close_notify after Connection: close.
            Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => {}
            Err(e) => panic!("read: {e}"),
        }
        parse(&all)
    }
}

fn parse(all: &[u8]) -> Reply {
    let split = all
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("response head");
    let head = String::from_utf8_lossy(&all[..split]).into_owned();
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .expect("status");
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
        .collect();
    let mut body = all[split + 4..].to_vec();
    let chunked = headers.iter().any(|(k, v)| {
        k.eq_ignore_ascii_case("transfer-encoding") && v.eq_ignore_ascii_case("chunked")
    });
    if chunked {
        let mut out = Vec::new();
        let mut rest = &body[..];
        while let Some(eol) = rest.windows(2).position(|w| w == b"\r\n") {
            let size = usize::from_str_radix(
                String::from_utf8_lossy(&rest[..eol])
                    .split(';')
                    .next()
                    .unwrap_or("0")
                    .trim(),
                16,
            )
            .expect("chunk size");
            if size == 0 {
                break;
            }
            out.extend_from_slice(&rest[eol + 2..eol + 2 + size]);
            rest = &rest[eol + 2 + size + 2..];
        }
        body = out;
    }
    Reply {
        status,
        headers,
        body,
    }
}
