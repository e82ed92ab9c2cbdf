//! The `--tls-policy` setting against the real server: under `kmip-profile` a client that offers
//! only one of the KMIP Profiles' static-RSA AES-CBC suites connects (OpenSSL client from the
//! `openssl` crate, and `openssl s_client -cipher` as an administrator would check it) and is
//! identified, refused or served exactly as under `modern`; under `modern` the same client is
//! refused in the handshake; TLS 1.3 clients are served under both.

#[allow(unused_imports)]
mod common;

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::Duration;

use keyhaven_kmip::enums::{operation as op, result_reason};
use keyhaven_kmip::{tag, ProtocolVersion};
use keyhaven_ttlv::Item;
use openssl::pkey::PKey;
use openssl::ssl::{SslConnector, SslMethod, SslStream, SslVerifyMode, SslVersion};
use openssl::x509::X509;

use common::{
    admin, assert_success, batch_items, create_aes_v1, request, result_reason, uid_of, Conn, Creds,
    TestServer,
};

/// The suites only `kmip-profile` offers: (IANA name, OpenSSL name).
const PROFILE_SUITES: [(&str, &str); 4] = [
    ("TLS_RSA_WITH_AES_128_CBC_SHA256", "AES128-SHA256"),
    ("TLS_RSA_WITH_AES_256_CBC_SHA256", "AES256-SHA256"),
    ("TLS_RSA_WITH_AES_128_CBC_SHA", "AES128-SHA"),
    ("TLS_RSA_WITH_AES_256_CBC_SHA", "AES256-SHA"),
];

const V: ProtocolVersion = ProtocolVersion::V1_2;

struct ClientFiles {
    cert: PathBuf,
    key: PathBuf,
    ca: PathBuf,
}

fn issue_files(server: &TestServer, name: &str) -> ClientFiles {
    let out = server.dir.path().join(format!("files-{name}"));
    admin(
        &server.data(),
        &[
            "client",
            "issue",
            "--name",
            name,
            "--out",
            out.to_str().expect("utf8"),
        ],
    );
    ClientFiles {
        cert: out.join(format!("{name}.crt")),
        key: out.join(format!("{name}.key")),
        ca: out.join("ca.crt"),
    }
}

/// An OpenSSL TLS 1.2 client offering exactly `cipher` (OpenSSL name), with a client certificate.
fn openssl_connect(
    addr: SocketAddr,
    files: &ClientFiles,
    cipher: &str,
) -> Result<SslStream<TcpStream>, String> {
    let mut b = SslConnector::builder(SslMethod::tls_client()).map_err(|e| e.to_string())?;
    b.set_min_proto_version(Some(SslVersion::TLS1_2))
        .map_err(|e| e.to_string())?;
    b.set_max_proto_version(Some(SslVersion::TLS1_2))
        .map_err(|e| e.to_string())?;
    b.set_cipher_list(cipher).map_err(|e| e.to_string())?;
    b.set_ca_file(&files.ca).map_err(|e| e.to_string())?;
    b.set_verify(SslVerifyMode::PEER);
    let cert = X509::from_pem(&std::fs::read(&files.cert).expect("cert")).expect("cert pem");
    let key = PKey::private_key_from_pem(&std::fs::read(&files.key).expect("key")).expect("key");
    b.set_certificate(&cert).map_err(|e| e.to_string())?;
    b.set_private_key(&key).map_err(|e| e.to_string())?;
    let tcp = TcpStream::connect(addr).map_err(|e| e.to_string())?;
    tcp.set_read_timeout(Some(Duration::from_secs(30)))
        .map_err(|e| e.to_string())?;
    b.build()
        .connect("localhost", tcp)
        .map_err(|e| e.to_string())
}

fn exchange(s: &mut SslStream<TcpStream>, msg: &Item) -> Item {
    s.write_all(&keyhaven_ttlv::encode(msg)).expect("write");
    let mut hdr = [0u8; 8];
    s.read_exact(&mut hdr).expect("read header");
    let len = u32::from_be_bytes([hdr[4], hdr[5], hdr[6], hdr[7]]) as usize;
    let mut body = vec![0u8; 8 + len];
    body[..8].copy_from_slice(&hdr);
    s.read_exact(&mut body[8..]).expect("read body");
    keyhaven_ttlv::decode(&body, &keyhaven_ttlv::Limits::default()).expect("decode")
}

fn call(s: &mut SslStream<TcpStream>, operation: u32, payload: Vec<Item>) -> Item {
    let resp = exchange(s, &request(V, None, &[(operation, None, payload)]));
    batch_items(&resp).into_iter().next().expect("batch item")
}

fn key_bytes(bi: &Item) -> Vec<u8> {
    common::key_material(bi.child(tag::RESPONSE_PAYLOAD).expect("payload"))
}

#[test]
fn kmip_profile_policy_serves_each_profile_suite_and_identifies_clients() {
    let server = TestServer::start_with(&["--tls-policy", "kmip-profile"]);
    let files = issue_files(&server, "appliance");

    // A key made over a modern TLS 1.3 connection (still offered under this policy)...
    let creds = Creds::load(&files.cert, &files.key, &files.ca);
    let mut modern = Conn::connect(server.addr, &creds);
    let uid = uid_of(&modern.ok(V, op::CREATE, create_aes_v1(256)));
    let want = common::key_material(&modern.ok(V, op::GET, vec![common::uid_item(&uid)]));

    // ...is served with the same bytes to a client speaking each Profiles suite alone.
    for (iana, name) in PROFILE_SUITES {
        let mut s = openssl_connect(server.addr, &files, name)
            .unwrap_or_else(|e| panic!("{iana} refused under kmip-profile: {e}"));
        let got = s.ssl().current_cipher().expect("cipher");
        assert_eq!(got.name(), name, "negotiated {} for {iana}", got.name());
        assert_eq!(s.ssl().version_str(), "TLSv1.2");
        let bi = call(&mut s, op::GET, vec![common::uid_item(&uid)]);
        assert_success(&bi);
        assert_eq!(key_bytes(&bi), want, "{iana}: other key material");
    }

    // An unknown client certificate gets the same refusal as under `modern`.
    let stranger = {
        let other = TestServer::start();
        let f = issue_files(&other, "stranger");
        let dir = server.dir.path().join("stranger");
        std::fs::create_dir_all(&dir).expect("dir");
        for (from, to) in [(&f.cert, "s.crt"), (&f.key, "s.key")] {
            std::fs::copy(from, dir.join(to)).expect("copy");
        }
        ClientFiles {
            cert: dir.join("s.crt"),
            key: dir.join("s.key"),
            ca: files.ca.clone(),
        }
    };
    let mut s = openssl_connect(server.addr, &stranger, "AES128-SHA256")
        .expect("the handshake itself succeeds; identity is decided after it");
    let bi = call(&mut s, op::GET, vec![common::uid_item(&uid)]);
    assert_eq!(
        result_reason(&bi),
        Some(result_reason::AUTHENTICATION_NOT_SUCCESSFUL),
        "unknown client under kmip-profile"
    );

    // The server says which policy it runs.
    assert!(server.log_text().contains("kmip-profile"));
}

#[test]
fn modern_policy_refuses_the_profile_suites() {
    let server = TestServer::start();
    let files = issue_files(&server, "appliance");
    for (iana, name) in PROFILE_SUITES {
        let r = openssl_connect(server.addr, &files, name);
        assert!(
            r.is_err(),
            "{iana} was accepted under the modern policy (rustls offers no static-RSA CBC suite)"
        );
    }
    // An ECDHE AES-GCM client is served.
    let mut s = openssl_connect(server.addr, &files, "ECDHE-RSA-AES128-GCM-SHA256")
        .expect("ECDHE-RSA-AES128-GCM-SHA256 under modern");
    assert_success(&call(
        &mut s,
        op::QUERY,
        vec![Item::enumeration(tag::QUERY_FUNCTION, 1)],
    ));
}

fn s_client(addr: SocketAddr, files: &ClientFiles, cipher: &str) -> String {
    let out = Command::new("openssl")
        .args(["s_client", "-connect", &addr.to_string(), "-tls1_2"])
        .args(["-cipher", cipher, "-servername", "localhost"])
        .arg("-cert")
        .arg(&files.cert)
        .arg("-key")
        .arg(&files.key)
        .arg("-CAfile")
        .arg(&files.ca)
        .stdin(Stdio::null())
        .output()
        .expect("run openssl s_client (Debian package openssl)");
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

#[test]
fn openssl_s_client_negotiates_each_profile_suite() {
    let profile = TestServer::start_with(&["--tls-policy", "kmip-profile"]);
    let modern = TestServer::start();
    let pf = issue_files(&profile, "admin-check");
    let mf = issue_files(&modern, "admin-check");
    for (iana, name) in PROFILE_SUITES {
        let out = s_client(profile.addr, &pf, name);
        assert!(
            out.contains(&format!("Cipher is {name}")),
            "s_client -cipher {name} ({iana}) under kmip-profile:\n{out}"
        );
        assert!(out.contains("Verify return code: 0 (ok)"), "{out}");
        let out = s_client(modern.addr, &mf, name);
        assert!(
            !out.contains(&format!("Cipher is {name}")),
            "s_client -cipher {name} ({iana}) negotiated under modern:\n{out}"
        );
    }
}

#[test]
fn kmip_over_https_under_kmip_profile() {
    let server = TestServer::start_with(&[
        "--tls-policy",
        "kmip-profile",
        "--https-listen",
        "127.0.0.1:0",
    ]);
    let https: SocketAddr = std::fs::read_to_string(server.dir.path().join("ready"))
        .expect("ready file")
        .lines()
        .find_map(|l| l.strip_prefix("https="))
        .expect("https= line")
        .parse()
        .expect("addr");
    let files = issue_files(&server, "web-appliance");
    let mut s = openssl_connect(https, &files, "AES256-SHA256").expect("AES256-SHA256 over HTTPS");
    let body = keyhaven_ttlv::encode(&request(V, None, &[(op::CREATE, None, create_aes_v1(128))]));
    let head = format!(
        "POST /kmip HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/octet-stream\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    s.write_all(head.as_bytes()).expect("write head");
    s.write_all(&body).expect("write body");
    let mut resp = Vec::new();
    let _ = s.read_to_end(&mut resp);
    let text = String::from_utf8_lossy(&resp);
    assert!(text.starts_with("HTTP/1.1 200"), "{text}");
    let split = resp
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("end of head")
        + 4;
    let item = keyhaven_ttlv::decode(&resp[split..], &keyhaven_ttlv::Limits::default())
        .expect("TTLV answer");
    let bi = batch_items(&item).into_iter().next().expect("batch item");
    assert_success(&bi);
}

/// `server-cert renew` under kmip-profile: the next handshakes (after the files are looked at
/// again, once a second at most) get the new certificate, with no restart.
#[test]
fn kmip_profile_serves_a_renewed_certificate() {
    let server = TestServer::start_with(&["--tls-policy", "kmip-profile"]);
    let files = issue_files(&server, "appliance");
    let served = || {
        let s = openssl_connect(server.addr, &files, "AES256-SHA256").expect("handshake");
        s.ssl()
            .peer_certificate()
            .expect("server certificate")
            .to_der()
            .expect("der")
    };
    let before = served();
    admin(&server.data(), &["server-cert", "renew"]);
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    loop {
        if served() != before {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the renewed certificate is not served"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
    assert!(
        server.log_text().contains("reloaded"),
        "{}",
        server.log_text()
    );
}
