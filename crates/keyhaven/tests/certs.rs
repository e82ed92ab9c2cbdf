//! Server certificates through the real binary (docs/certificates.md):
//!
//! * `server-cert renew` under load: new handshakes get the new certificate, open connections go
//!   on, no request fails;
//! * an RSA-only client gets the RSA certificate, an ECDSA-only client (TLS 1.3 and 1.2) the
//!   ECDSA P-256 one; a data directory without an ECDSA certificate gets one at start;
//! * expiry warnings in the log for a client certificate, automatic renewal of a server
//!   certificate about to expire, `client list` and `server-cert expiry` showing dates;
//! * CA rollover: clients trusting the bundle never fail; the old CA alone stops working only after
//!   `finish`.

mod common;

use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::*;
use keyhaven_kmip::tag;
use rustls::crypto::WebPkiSupportedAlgorithms;
use rustls::SignatureScheme;

fn first_der(pem_path: &Path) -> Vec<u8> {
    use rustls_pki_types::pem::PemObject;
    let pem = std::fs::read(pem_path).expect("read cert");
    rustls_pki_types::CertificateDer::pem_slice_iter(&pem)
        .next()
        .expect("a cert")
        .expect("pem")
        .to_vec()
}

fn server_cert_of(c: &Conn) -> Vec<u8> {
    c.tls.conn.peer_certificates().expect("server certs")[0].to_vec()
}

fn creds_with_ca(creds: &Creds, ca_pem: Vec<u8>) -> Creds {
    Creds {
        ca_pem,
        ..creds.clone()
    }
}

static RSA_ALL: &[&dyn rustls::pki_types::SignatureVerificationAlgorithm] = &[
    webpki::ring::RSA_PKCS1_2048_8192_SHA256,
    webpki::ring::RSA_PSS_2048_8192_SHA256_LEGACY_KEY,
    webpki::ring::ECDSA_P256_SHA256,
];
static RSA_ONLY: WebPkiSupportedAlgorithms = WebPkiSupportedAlgorithms {
    all: RSA_ALL,
    mapping: &[
        (
            SignatureScheme::RSA_PSS_SHA256,
            &[webpki::ring::RSA_PSS_2048_8192_SHA256_LEGACY_KEY],
        ),
        (
            SignatureScheme::RSA_PKCS1_SHA256,
            &[webpki::ring::RSA_PKCS1_2048_8192_SHA256],
        ),
    ],
};
static ECDSA_ONLY: WebPkiSupportedAlgorithms = WebPkiSupportedAlgorithms {
    // The chain itself is signed by the RSA CA: verifying it needs RSA; the handshake does not.
    all: RSA_ALL,
    mapping: &[(
        SignatureScheme::ECDSA_NISTP256_SHA256,
        &[webpki::ring::ECDSA_P256_SHA256],
    )],
};

/// A client whose handshake accepts only `algs` (and, for TLS 1.2, only `suites`).
fn restricted_client(
    creds: &Creds,
    algs: WebPkiSupportedAlgorithms,
    tls12_only: bool,
) -> Arc<rustls::ClientConfig> {
    use rustls_pki_types::pem::PemObject;
    let mut provider = rustls::crypto::ring::default_provider();
    provider.signature_verification_algorithms = algs;
    if tls12_only {
        provider.cipher_suites =
            vec![rustls::crypto::ring::cipher_suite::TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256];
    }
    let versions: &[&'static rustls::SupportedProtocolVersion] = if tls12_only {
        &[&rustls::version::TLS12]
    } else {
        &[&rustls::version::TLS13]
    };
    let mut roots = rustls::RootCertStore::empty();
    for c in rustls_pki_types::CertificateDer::pem_slice_iter(&creds.ca_pem) {
        roots.add(c.expect("ca")).expect("add");
    }
    let chain = rustls_pki_types::CertificateDer::pem_slice_iter(&creds.cert_pem)
        .map(|c| c.expect("cert"))
        .collect();
    let key = rustls_pki_types::PrivateKeyDer::from_pem_slice(&creds.key_pem).expect("key");
    Arc::new(
        rustls::ClientConfig::builder_with_provider(Arc::new(provider))
            .with_protocol_versions(versions)
            .expect("versions")
            .with_root_certificates(roots)
            .with_client_auth_cert(chain, key)
            .expect("client auth"),
    )
}

/// Polls new connections until the server presents `want` (bounded).
fn wait_for_cert(addr: std::net::SocketAddr, creds: &Creds, want: &[u8]) {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let c = Conn::connect(addr, creds);
        if server_cert_of(&c) == want {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "the server never switched certificates"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn renewal_under_load_loses_no_request() {
    let server = TestServer::start_with(&["--cert-check-secs", "1"]);
    let creds = server.issue("app", "default");
    let data = server.data();
    let old = first_der(&data.join("tls/server.crt"));
    let stop = AtomicBool::new(false);
    let ops_open = AtomicUsize::new(0);
    let seen_new = Mutex::new(false);
    let errors = AtomicUsize::new(0);
    let new_cert = Mutex::new(Vec::new());
    let (open_before_swap, open_after_swap) = std::thread::scope(|s| {
        // One connection opened before the renewal, used throughout.
        let persistent = s.spawn(|| {
            let mut c = Conn::connect(server.addr, &creds);
            assert_eq!(server_cert_of(&c), old);
            for _ in 0..100_000 {
                if stop.load(Ordering::SeqCst) {
                    break;
                }
                let bi = c.call(V1_1, CREATE, create_aes_v1(256));
                if result_status(&bi) != 0 {
                    errors.fetch_add(1, Ordering::SeqCst);
                }
                ops_open.fetch_add(1, Ordering::SeqCst);
            }
        });
        // New handshakes all along.
        let fresh = s.spawn(|| {
            for _ in 0..100_000 {
                if stop.load(Ordering::SeqCst) {
                    break;
                }
                let mut c = match Conn::try_connect(
                    server.addr,
                    creds.client_config(&[&rustls::version::TLS13, &rustls::version::TLS12]),
                ) {
                    Ok(c) => c,
                    Err(_) => {
                        errors.fetch_add(1, Ordering::SeqCst);
                        continue;
                    }
                };
                let bi = c.call(V1_1, CREATE, create_aes_v1(256));
                if result_status(&bi) != 0 {
                    errors.fetch_add(1, Ordering::SeqCst);
                }
                let nc = new_cert.lock().expect("lock");
                if !nc.is_empty() && server_cert_of(&c) == *nc {
                    *seen_new.lock().expect("lock") = true;
                }
            }
        });
        while ops_open.load(Ordering::SeqCst) < 20 {
            std::thread::sleep(Duration::from_millis(10));
        }
        let out = admin(&data, &["server-cert", "renew"]);
        assert!(out.contains("Renewed"), "{out}");
        let new = first_der(&data.join("tls/server.crt"));
        assert_ne!(new, old);
        *new_cert.lock().expect("lock") = new.clone();
        wait_for_cert(server.addr, &creds, &new);
        let before = ops_open.load(Ordering::SeqCst);
        while ops_open.load(Ordering::SeqCst) < before + 20 || !*seen_new.lock().expect("lock") {
            std::thread::sleep(Duration::from_millis(10));
        }
        let after = ops_open.load(Ordering::SeqCst);
        stop.store(true, Ordering::SeqCst);
        persistent.join().expect("persistent");
        fresh.join().expect("fresh");
        (before, after)
    });
    assert_eq!(errors.load(Ordering::SeqCst), 0, "no request failed");
    assert!(
        open_after_swap > open_before_swap,
        "the open connection went on"
    );
    assert!(server.log_text().contains("server certificates reloaded"));
}

#[test]
fn rsa_only_client_gets_rsa_and_ecdsa_only_client_gets_ecdsa() {
    let mut server = TestServer::start();
    let creds = server.issue("app", "default");
    let data = server.data();
    let rsa = first_der(&data.join("tls/server.crt"));
    let ec = first_der(&data.join("tls/server-ecdsa.crt"));
    let mut c = Conn::connect_with(server.addr, restricted_client(&creds, RSA_ONLY, false));
    assert_eq!(server_cert_of(&c), rsa, "RSA-only client gets RSA");
    c.ok(V1_1, CREATE, create_aes_v1(256));
    for tls12 in [false, true] {
        let mut c = Conn::connect_with(server.addr, restricted_client(&creds, ECDSA_ONLY, tls12));
        assert_eq!(
            server_cert_of(&c),
            ec,
            "ECDSA-only client (TLS 1.2: {tls12})"
        );
        c.ok(V1_1, CREATE, create_aes_v1(256));
    }
    // A default client (accepts both) keeps getting RSA, which vCenter may have pinned.
    assert_eq!(server_cert_of(&Conn::connect(server.addr, &creds)), rsa);
    // A data directory from before ECDSA certificates gets one at start.
    server.terminate();
    std::fs::remove_file(data.join("tls/server-ecdsa.crt")).expect("rm");
    std::fs::remove_file(data.join("tls/server-ecdsa.key")).expect("rm");
    server.spawn(&[]);
    let ec2 = first_der(&data.join("tls/server-ecdsa.crt"));
    assert_ne!(ec2, ec);
    let c = Conn::connect_with(server.addr, restricted_client(&creds, ECDSA_ONLY, false));
    assert_eq!(server_cert_of(&c), ec2);
}

#[test]
fn expiry_warnings_and_automatic_renewal() {
    let mut server = TestServer::start();
    let creds = server.issue("app", "default");
    let data = server.data();
    server.terminate();
    // A server certificate with 10 days left, and a pinned client certificate with 5.
    let dir = keyhaven::datadir::DataDir::new(&data);
    let ca = keyhaven::datadir::load_ca(&dir).expect("ca");
    let short = keyhaven::pki::issue_server_cert_with(
        &ca,
        "localhost",
        &["localhost".into()],
        &["127.0.0.1".parse().expect("ip")],
        keyhaven::pki::ServerKeyKind::Rsa,
        10,
    )
    .expect("issue");
    std::fs::write(data.join("tls/server.key"), short.key_pem.as_bytes()).expect("key");
    std::fs::write(data.join("tls/server.crt"), &short.cert_pem).expect("crt");
    let soon = keyhaven::pki::issue_server_cert_with(
        &ca,
        "soon-client",
        &[],
        &[],
        keyhaven::pki::ServerKeyKind::EcdsaP256,
        5,
    )
    .expect("issue");
    let soon_path = server.dir.path().join("soon.crt");
    std::fs::write(&soon_path, &soon.cert_pem).expect("write");
    admin(
        &data,
        &[
            "client",
            "trust-cert",
            "--name",
            "soon",
            "--cert",
            soon_path.to_str().expect("utf8"),
        ],
    );
    server.spawn(&["--cert-check-secs", "1"]);
    let c = Conn::connect(server.addr, &creds);
    let presented = server_cert_of(&c);
    let not_after = keyhaven::pki::summarize(&presented)
        .expect("parse")
        .not_after;
    let now = keyhaven::server::ops::now();
    assert!(
        not_after - now > 800 * 86_400,
        "the 10-day certificate was renewed before the first client came"
    );
    let log = server.log_text();
    assert!(log.contains("renewed automatically"), "{log}");
    assert!(
        log.lines()
            .any(|l| l.contains("certificate expires in") && l.contains("soon")),
        "warning about the client certificate: {log}"
    );
    let list = admin(&data, &["client", "list"]);
    let soon_line = list
        .lines()
        .find(|l| l.starts_with("soon "))
        .expect("soon listed");
    let expected = keyhaven::cli::fmt_time(
        keyhaven::pki::summarize(&soon.cert_der)
            .expect("parse")
            .not_after,
    );
    assert!(
        soon_line.contains(&expected),
        "{soon_line} shows {expected}"
    );
    let v: serde_json::Value =
        serde_json::from_str(&admin(&data, &["server-cert", "expiry", "--json"])).expect("json");
    let first = &v.as_array().expect("array")[0];
    assert_eq!(first["name"], "soon", "soonest first: {v}");
    assert!(first["days_left"].as_i64().expect("days") <= 5);
}

#[test]
fn ca_rollover_with_both_cas_trusted_meanwhile() {
    let server = TestServer::start_with(&["--cert-check-secs", "1"]);
    let data = server.data();
    let old_only = server.issue("old", "default");
    let out = admin(&data, &["ca", "rollover", "start"]);
    assert!(out.contains("ca-bundle.crt"), "{out}");
    let bundle = std::fs::read(data.join("tls/ca-bundle.crt")).expect("bundle");
    // Clients issued now get the bundle as their CA.
    let with_bundle = server.issue("new", "default");
    assert_eq!(with_bundle.ca_pem, bundle);
    let next_ca = std::fs::read(data.join("tls/ca-next.crt")).expect("next");
    for c in [&old_only, &with_bundle] {
        Conn::connect(server.addr, c).ok(V1_1, CREATE, create_aes_v1(256));
    }
    let out = admin(&data, &["ca", "rollover", "finish"]);
    assert!(out.contains("Switched"), "{out}");
    let new_server = first_der(&data.join("tls/server.crt"));
    wait_for_cert(server.addr, &with_bundle, &new_server);
    // Bundle and new CA alone work; the old CA alone no longer verifies the server.
    Conn::connect(server.addr, &with_bundle).ok(V1_1, CREATE, create_aes_v1(256));
    let new_only = creds_with_ca(&with_bundle, next_ca);
    Conn::connect(server.addr, &new_only).ok(V1_1, CREATE, create_aes_v1(256));
    let r = Conn::try_connect(
        server.addr,
        old_only.client_config(&[&rustls::version::TLS13, &rustls::version::TLS12]),
    );
    assert!(
        r.is_err(),
        "a client trusting only the old CA is refused after finish"
    );
    // Its client certificate (issued by the old CA, pinned) is still trusted with the new CA.
    let old_client_new_ca = creds_with_ca(
        &old_only,
        std::fs::read(data.join("tls/ca.crt")).expect("ca"),
    );
    let mut c = Conn::connect(server.addr, &old_client_new_ca);
    let p = c.ok(V1_1, CREATE, create_aes_v1(256));
    assert!(p.child(tag::UNIQUE_IDENTIFIER).is_some());
    let out = admin(&data, &["ca", "rollover", "end"]);
    assert!(out.contains("forgotten"), "{out}");
    let bundle = std::fs::read_to_string(data.join("tls/ca-bundle.crt")).expect("bundle");
    assert_eq!(bundle.matches("BEGIN CERTIFICATE").count(), 1);
}
