//! The server's cipher-suite choice over real handshakes: AES-128-GCM whatever order the client
//! offers its suites in (TLS 1.3 and 1.2), and the other suites still served to clients that offer
//! nothing else.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::net::{IpAddr, Ipv4Addr};
use std::sync::Arc;

use keyhaven::pki;
use keyhaven::server::tls::{self, TlsSettings};
use rustls::crypto::ring::cipher_suite as cs;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, ServerName};
use rustls::{CipherSuite, ClientConfig, SupportedCipherSuite, SupportedProtocolVersion};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use zeroize::Zeroizing;

struct Pki {
    ca: pki::CertAndKey,
    server: Arc<rustls::ServerConfig>,
    client: pki::CertAndKey,
}

fn setup() -> Pki {
    let ca = pki::generate_ca("Suites Test CA").unwrap();
    let server = pki::issue_server_cert(
        &ca,
        "keyhaven.test",
        &["localhost".into()],
        &[IpAddr::V4(Ipv4Addr::LOCALHOST)],
    )
    .unwrap();
    let client = pki::issue_client_cert(&ca, "suites-client").unwrap();
    let mut chain = server.cert_pem.clone().into_bytes();
    chain.extend_from_slice(ca.cert_pem.as_bytes());
    let server = tls::server_config(&TlsSettings {
        cert_chain_pem: chain,
        key_pem: Zeroizing::new(server.key_pem.as_bytes().to_vec()),
    })
    .unwrap();
    Pki { ca, server, client }
}

fn client_cfg(
    p: &Pki,
    version: &'static SupportedProtocolVersion,
    suites: &[SupportedCipherSuite],
) -> Arc<ClientConfig> {
    let mut provider = rustls::crypto::ring::default_provider();
    provider.cipher_suites = suites.to_vec();
    let mut roots = rustls::RootCertStore::empty();
    roots
        .add(CertificateDer::from(p.ca.cert_der.clone()))
        .unwrap();
    let key = PrivateKeyDer::from_pem_slice(p.client.key_pem.as_bytes()).unwrap();
    Arc::new(
        ClientConfig::builder_with_provider(Arc::new(provider))
            .with_protocol_versions(&[version])
            .unwrap()
            .with_root_certificates(roots)
            .with_client_auth_cert(vec![CertificateDer::from(p.client.cert_der.clone())], key)
            .unwrap(),
    )
}

/// One handshake; the suite both sides agreed on.
async fn negotiated(server: Arc<rustls::ServerConfig>, client: Arc<ClientConfig>) -> CipherSuite {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let acceptor = tokio_rustls::TlsAcceptor::from(server);
    let srv = tokio::spawn(async move {
        let (tcp, _) = listener.accept().await.unwrap();
        let mut tls = acceptor.accept(tcp).await.unwrap();
        let suite = tls.get_ref().1.negotiated_cipher_suite().unwrap().suite();
        tls.write_all(b"ok").await.unwrap();
        tls.flush().await.unwrap();
        let mut rest = Vec::new();
        let _ = tls.read_to_end(&mut rest).await;
        suite
    });
    let tcp = TcpStream::connect(addr).await.unwrap();
    let mut tls = tokio_rustls::TlsConnector::from(client)
        .connect(ServerName::try_from("localhost").unwrap(), tcp)
        .await
        .unwrap();
    let mut buf = [0u8; 2];
    tls.read_exact(&mut buf).await.unwrap();
    let client_suite = tls.get_ref().1.negotiated_cipher_suite().unwrap().suite();
    tls.shutdown().await.unwrap();
    let server_suite = srv.await.unwrap();
    assert_eq!(client_suite, server_suite);
    server_suite
}

#[tokio::test]
async fn server_prefers_aes_128_gcm_and_serves_the_others() {
    let p = setup();
    let v13 = &rustls::version::TLS13;
    let v12 = &rustls::version::TLS12;
    // rustls clients list AES-256-GCM first: the server's order wins.
    let cases: &[(
        &'static SupportedProtocolVersion,
        Vec<SupportedCipherSuite>,
        CipherSuite,
    )] = &[
        (
            v13,
            vec![
                cs::TLS13_AES_256_GCM_SHA384,
                cs::TLS13_CHACHA20_POLY1305_SHA256,
                cs::TLS13_AES_128_GCM_SHA256,
            ],
            CipherSuite::TLS13_AES_128_GCM_SHA256,
        ),
        (
            v12,
            vec![
                cs::TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
                cs::TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
                cs::TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
            ],
            CipherSuite::TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
        ),
        // A client that offers nothing else still gets what it offers.
        (
            v13,
            vec![cs::TLS13_AES_256_GCM_SHA384],
            CipherSuite::TLS13_AES_256_GCM_SHA384,
        ),
        (
            v13,
            vec![cs::TLS13_CHACHA20_POLY1305_SHA256],
            CipherSuite::TLS13_CHACHA20_POLY1305_SHA256,
        ),
        (
            v12,
            vec![cs::TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384],
            CipherSuite::TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
        ),
    ];
    for (version, offered, want) in cases {
        let got = negotiated(p.server.clone(), client_cfg(&p, version, offered)).await;
        assert_eq!(got, *want, "{:?} offering {offered:?}", version.version);
    }
}
