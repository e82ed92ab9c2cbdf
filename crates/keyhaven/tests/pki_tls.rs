//! PKI helpers and the mutual-TLS server configuration, exercised with real
//! handshakes over loopback TCP.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use keyhaven::pki::{self, CertAndKey, PkiError};
use keyhaven::server::tls::{self, TlsError, TlsSettings};
use rustls::client::{ResolvesClientCert, Resumption, Tls12Resumption};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, ServerName};
use rustls::sign::CertifiedKey;
use rustls::{ClientConfig, HandshakeKind, ProtocolVersion, SupportedProtocolVersion};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use x509_parser::extensions::GeneralName;
use x509_parser::prelude::FromDer;
use zeroize::Zeroizing;

struct Fixture {
    ca: CertAndKey,
    server: CertAndKey,
    client: CertAndKey,
    other_ca: CertAndKey,
    other_client: CertAndKey,
}

fn fx() -> &'static Fixture {
    static FX: OnceLock<Fixture> = OnceLock::new();
    FX.get_or_init(|| {
        let t = Instant::now();
        let ca = pki::generate_ca("Keyhaven Test CA").unwrap();
        let t_ca = t.elapsed();
        let server = pki::issue_server_cert(
            &ca,
            "keyhaven.test",
            &[
                "localhost".into(),
                "kms.example.com".into(),
                "10.1.2.3".into(),
            ],
            &[
                IpAddr::V4(Ipv4Addr::LOCALHOST),
                IpAddr::V6(Ipv6Addr::LOCALHOST),
            ],
        )
        .unwrap();
        let client = pki::issue_client_cert(&ca, "vcenter-1").unwrap();
        let other_ca = pki::generate_ca("Some Other CA").unwrap();
        let other_client = pki::issue_client_cert(&other_ca, "intruder").unwrap();
        let total = t.elapsed();
        eprintln!(
            "RSA-2048: generate_ca {t_ca:?}; 5 key pairs + certificates {total:?} ({:?} each)",
            total / 5
        );
        Fixture {
            ca,
            server,
            client,
            other_ca,
            other_client,
        }
    })
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

fn server_cfg() -> Arc<rustls::ServerConfig> {
    let f = fx();
    let mut chain = f.server.cert_pem.clone().into_bytes();
    chain.extend_from_slice(f.ca.cert_pem.as_bytes());
    tls::server_config(&TlsSettings {
        cert_chain_pem: chain,
        key_pem: Zeroizing::new(f.server.key_pem.as_bytes().to_vec()),
    })
    .unwrap()
}

/// Presents a fixed certificate with an arbitrary (possibly wrong) key,
/// bypassing rustls' own key/cert consistency check.
#[derive(Debug)]
struct FixedClientCert(Arc<CertifiedKey>);

impl ResolvesClientCert for FixedClientCert {
    fn resolve(
        &self,
        _root_hint_subjects: &[&[u8]],
        _sigschemes: &[rustls::SignatureScheme],
    ) -> Option<Arc<CertifiedKey>> {
        Some(self.0.clone())
    }

    fn has_certs(&self) -> bool {
        true
    }
}

enum Auth<'a> {
    None,
    Cert(&'a CertAndKey),
    /// Certificate of the first, private key of the second.
    Mismatched(&'a CertAndKey, &'a CertAndKey),
}

fn client_cfg(versions: &[&'static SupportedProtocolVersion], auth: Auth<'_>) -> ClientConfig {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut roots = rustls::RootCertStore::empty();
    roots
        .add(CertificateDer::from(fx().ca.cert_der.clone()))
        .unwrap();
    let builder = ClientConfig::builder_with_provider(provider.clone())
        .with_protocol_versions(versions)
        .unwrap()
        .with_root_certificates(roots);
    let key = |c: &CertAndKey| PrivateKeyDer::from_pem_slice(c.key_pem.as_bytes()).unwrap();
    match auth {
        Auth::None => builder.with_no_client_auth(),
        Auth::Cert(c) => builder
            .with_client_auth_cert(vec![CertificateDer::from(c.cert_der.clone())], key(c))
            .unwrap(),
        Auth::Mismatched(cert, key_of) => {
            let signing = provider.key_provider.load_private_key(key(key_of)).unwrap();
            let ck = CertifiedKey::new(vec![CertificateDer::from(cert.cert_der.clone())], signing);
            builder.with_client_cert_resolver(Arc::new(FixedClientCert(Arc::new(ck))))
        }
    }
}

#[derive(Debug)]
struct ServerSide {
    chain: Vec<Vec<u8>>,
    kind: Option<HandshakeKind>,
    version: Option<ProtocolVersion>,
}

#[derive(Debug)]
struct ClientSide {
    kind: Option<HandshakeKind>,
    version: Option<ProtocolVersion>,
}

/// One connection: the server writes "hello" after the handshake, the client
/// reads it (which also processes TLS 1.3 session tickets) and closes.
async fn connect_once(
    server: Arc<rustls::ServerConfig>,
    client: Arc<ClientConfig>,
    name: ServerName<'static>,
) -> (std::io::Result<ServerSide>, std::io::Result<ClientSide>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let acceptor = tokio_rustls::TlsAcceptor::from(server);
    let server_task = tokio::spawn(async move {
        let (tcp, _) = listener.accept().await?;
        let mut tls = acceptor.accept(tcp).await?;
        let (_, conn) = tls.get_ref();
        let side = ServerSide {
            chain: tls::peer_chain(conn),
            kind: conn.handshake_kind(),
            version: conn.protocol_version(),
        };
        tls.write_all(b"hello").await?;
        tls.flush().await?;
        let mut rest = Vec::new();
        let _ = tls.read_to_end(&mut rest).await;
        Ok::<_, std::io::Error>(side)
    });
    let client_res = async {
        let tcp = TcpStream::connect(addr).await?;
        let mut tls = tokio_rustls::TlsConnector::from(client)
            .connect(name, tcp)
            .await?;
        let mut buf = [0u8; 5];
        tls.read_exact(&mut buf).await?;
        assert_eq!(&buf, b"hello");
        let (_, conn) = tls.get_ref();
        let side = ClientSide {
            kind: conn.handshake_kind(),
            version: conn.protocol_version(),
        };
        tls.shutdown().await?;
        Ok(side)
    };
    let client_res = tokio::time::timeout(Duration::from_secs(30), client_res)
        .await
        .expect("client timed out");
    let server_res = tokio::time::timeout(Duration::from_secs(30), server_task)
        .await
        .expect("server timed out")
        .unwrap();
    (server_res, client_res)
}

fn localhost() -> ServerName<'static> {
    ServerName::try_from("localhost").unwrap()
}

async fn full_handshake(version: &'static SupportedProtocolVersion, expect: ProtocolVersion) {
    let f = fx();
    let client = Arc::new(client_cfg(&[version], Auth::Cert(&f.client)));
    let (s, c) = connect_once(server_cfg(), client, localhost()).await;
    let s = s.unwrap();
    let c = c.unwrap();
    assert_eq!(s.version, Some(expect));
    assert_eq!(c.version, Some(expect));
    assert_eq!(s.kind, Some(HandshakeKind::Full));
    assert_eq!(s.chain, vec![f.client.cert_der.clone()]);
    // The chain the server saw identifies the tenant.
    pki::verify_client_chain(&s.chain[0], &s.chain[1..], &f.ca.cert_der, now()).unwrap();
}

#[tokio::test]
async fn handshake_tls13() {
    full_handshake(&rustls::version::TLS13, ProtocolVersion::TLSv1_3).await;
}

#[tokio::test]
async fn handshake_tls12() {
    full_handshake(&rustls::version::TLS12, ProtocolVersion::TLSv1_2).await;
}

#[tokio::test]
async fn handshake_by_ip_address() {
    let f = fx();
    let client = Arc::new(client_cfg(
        &[&rustls::version::TLS13],
        Auth::Cert(&f.client),
    ));
    let name = ServerName::IpAddress(IpAddr::V4(Ipv4Addr::LOCALHOST).into());
    let (s, c) = connect_once(server_cfg(), client, name).await;
    s.unwrap();
    c.unwrap();
}

#[tokio::test]
async fn client_without_certificate_is_refused() {
    for v in [&rustls::version::TLS13, &rustls::version::TLS12] {
        let client = Arc::new(client_cfg(&[v], Auth::None));
        let (s, c) = connect_once(server_cfg(), client, localhost()).await;
        let err = s.expect_err("server must refuse a client without a certificate");
        eprintln!(
            "{:?}: server: {err}; client: {:?}",
            v.version,
            c.as_ref().err()
        );
        assert!(c.is_err());
    }
}

#[tokio::test]
async fn certificate_with_wrong_private_key_is_refused() {
    let f = fx();
    for v in [&rustls::version::TLS13, &rustls::version::TLS12] {
        // The legitimate client's (public) certificate with someone else's key.
        let client = Arc::new(client_cfg(&[v], Auth::Mismatched(&f.client, &f.server)));
        let (s, c) = connect_once(server_cfg(), client, localhost()).await;
        let err = s.expect_err("server must check the CertificateVerify signature");
        eprintln!(
            "{:?}: server: {err}; client: {:?}",
            v.version,
            c.as_ref().err()
        );
        assert!(
            err.to_string().to_lowercase().contains("signature"),
            "unexpected error: {err}"
        );
        assert!(c.is_err());
    }
}

#[tokio::test]
async fn any_client_certificate_is_accepted_at_handshake_time() {
    // Identity is decided after the handshake: a certificate from an unknown
    // CA gets through the handshake but fails verify_client_chain.
    let f = fx();
    let client = Arc::new(client_cfg(
        &[&rustls::version::TLS13],
        Auth::Cert(&f.other_client),
    ));
    let (s, c) = connect_once(server_cfg(), client, localhost()).await;
    c.unwrap();
    let s = s.unwrap();
    assert_eq!(s.chain, vec![f.other_client.cert_der.clone()]);
    assert!(matches!(
        pki::verify_client_chain(&s.chain[0], &[], &f.ca.cert_der, now()),
        Err(PkiError::ChainRejected(_))
    ));
}

async fn resumption(version: &'static SupportedProtocolVersion, tls12_session_id_only: bool) {
    let f = fx();
    let server = server_cfg();
    let mut cfg = client_cfg(&[version], Auth::Cert(&f.client));
    if tls12_session_id_only {
        cfg.resumption =
            Resumption::in_memory_sessions(32).tls12_resumption(Tls12Resumption::SessionIdOnly);
    }
    let client = Arc::new(cfg);
    let (s1, c1) = connect_once(server.clone(), client.clone(), localhost()).await;
    assert_eq!(c1.unwrap().kind, Some(HandshakeKind::Full));
    assert_eq!(s1.unwrap().kind, Some(HandshakeKind::Full));
    let (s2, c2) = connect_once(server, client, localhost()).await;
    let (s2, c2) = (s2.unwrap(), c2.unwrap());
    assert_eq!(c2.kind, Some(HandshakeKind::Resumed), "{version:?}");
    assert_eq!(s2.kind, Some(HandshakeKind::Resumed), "{version:?}");
    // A resumed session still tells the server who the client is.
    assert_eq!(s2.chain, vec![f.client.cert_der.clone()]);
}

#[tokio::test]
async fn session_resumption_tls13() {
    resumption(&rustls::version::TLS13, false).await;
}

#[tokio::test]
async fn session_resumption_tls12_tickets() {
    resumption(&rustls::version::TLS12, false).await;
}

#[tokio::test]
async fn session_resumption_tls12_session_id_cache() {
    resumption(&rustls::version::TLS12, true).await;
}

#[test]
fn server_config_errors() {
    let f = fx();
    let settings = |cert: &str, key: &str| TlsSettings {
        cert_chain_pem: cert.as_bytes().to_vec(),
        key_pem: Zeroizing::new(key.as_bytes().to_vec()),
    };
    assert!(matches!(
        tls::server_config(&settings(&f.server.cert_pem, &f.client.key_pem)),
        Err(TlsError::KeyMismatch)
    ));
    assert!(matches!(
        tls::server_config(&settings("", &f.server.key_pem)),
        Err(TlsError::NoCertificate)
    ));
    assert!(matches!(
        tls::server_config(&settings(&f.server.cert_pem, "not a key")),
        Err(TlsError::BadPrivateKey(_))
    ));
    let dbg = format!("{:?}", settings(&f.server.cert_pem, &f.server.key_pem));
    assert!(!dbg.contains("PRIVATE KEY"));
    let verifier = tls::AnyClientCert::default();
    use rustls::server::danger::ClientCertVerifier;
    assert!(verifier.client_auth_mandatory());
    assert!(verifier.root_hint_subjects().is_empty());
    assert!(!verifier.supported_verify_schemes().is_empty());
}

// ---------------------------------------------------------------------------
// Certificates
// ---------------------------------------------------------------------------

fn parse(der: &[u8]) -> x509_parser::certificate::X509Certificate<'_> {
    x509_parser::parse_x509_certificate(der).unwrap().1
}

#[test]
fn server_certificate_contents() {
    let f = fx();
    let cert = parse(&f.server.cert_der);
    let san = cert.subject_alternative_name().unwrap().unwrap().value;
    let mut dns = Vec::new();
    let mut ips = Vec::new();
    for n in &san.general_names {
        match n {
            GeneralName::DNSName(d) => dns.push(d.to_string()),
            GeneralName::IPAddress(b) => ips.push(b.to_vec()),
            other => panic!("unexpected SAN {other:?}"),
        }
    }
    assert_eq!(dns, vec!["localhost", "kms.example.com"]);
    assert_eq!(
        ips,
        vec![
            vec![10, 1, 2, 3],
            vec![127, 0, 0, 1],
            Ipv6Addr::LOCALHOST.octets().to_vec()
        ]
    );
    let eku = cert.extended_key_usage().unwrap().unwrap().value;
    assert!(eku.server_auth && !eku.client_auth);
    assert!(!cert.is_ca());
    let s = pki::summarize(&f.server.cert_der).unwrap();
    assert_eq!(s.subject, "CN=keyhaven.test");
    assert_eq!(s.issuer, "CN=Keyhaven Test CA");
    assert_eq!((s.not_after - s.not_before) / 86400, 825);
    assert!(s.not_before <= now() as i64 && now() as i64 <= s.not_after);
    assert_eq!(
        cert.public_key().algorithm.algorithm.to_id_string(),
        "1.2.840.113549.1.1.1"
    );
    let rsa_bits = match cert.public_key().parsed().unwrap() {
        x509_parser::public_key::PublicKey::RSA(k) => k.key_size(),
        other => panic!("{other:?}"),
    };
    assert_eq!(rsa_bits, 2048);

    let client = parse(&f.client.cert_der);
    let eku = client.extended_key_usage().unwrap().unwrap().value;
    assert!(eku.client_auth && !eku.server_auth);
    let s = pki::summarize(&f.client.cert_der).unwrap();
    assert_eq!((s.not_after - s.not_before) / 86400, 730);
    assert_ne!(client.raw_serial(), parse(&f.server.cert_der).raw_serial());

    assert!(matches!(
        pki::issue_server_cert(&f.ca, "x", &["bad name!".into()], &[]),
        Err(PkiError::InvalidName(..))
    ));
}

#[test]
fn verify_client_chain_accepts_and_refuses() {
    let f = fx();
    let t = now();
    pki::verify_client_chain(&f.client.cert_der, &[], &f.ca.cert_der, t).unwrap();
    // Issued by another CA.
    assert!(matches!(
        pki::verify_client_chain(&f.other_client.cert_der, &[], &f.ca.cert_der, t),
        Err(PkiError::ChainRejected(_))
    ));
    // serverAuth-only EKU.
    let err = pki::verify_client_chain(&f.server.cert_der, &[], &f.ca.cert_der, t).unwrap_err();
    assert!(matches!(err, PkiError::ChainRejected(_)), "{err}");
    eprintln!("serverAuth only: {err}");
    // Expired / not yet valid.
    assert!(
        pki::verify_client_chain(&f.client.cert_der, &[], &f.ca.cert_der, t + 800 * 86400).is_err()
    );
    assert!(pki::verify_client_chain(&f.client.cert_der, &[], &f.ca.cert_der, t - 86400).is_err());
    // Garbage.
    assert!(pki::verify_client_chain(b"junk", &[], &f.ca.cert_der, t).is_err());
    assert!(pki::verify_client_chain(&f.client.cert_der, &[], b"junk", t).is_err());
}

/// rcgen view of the test CA, for making unusual certificates.
fn rcgen_ca(ca: &CertAndKey) -> (rcgen::Certificate, rcgen::KeyPair) {
    let key = rcgen::KeyPair::from_pem(&ca.key_pem).unwrap();
    let params =
        rcgen::CertificateParams::from_ca_cert_der(&CertificateDer::from(ca.cert_der.as_slice()))
            .unwrap();
    (params.self_signed(&key).unwrap(), key)
}

#[test]
fn certificate_without_eku_and_intermediates() {
    let f = fx();
    let (ca_cert, ca_key) = rcgen_ca(&f.ca);
    let t = now();

    // No EKU extension at all (like some vCenter certificates).
    let key = rcgen::KeyPair::generate().unwrap();
    let mut params = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
    params.distinguished_name = rcgen::DistinguishedName::new();
    params
        .distinguished_name
        .push(rcgen::DnType::CommonName, "vcenter-no-eku");
    params.not_before = rcgen::date_time_ymd(2020, 1, 1);
    params.not_after = rcgen::date_time_ymd(2090, 1, 1);
    let cert = params.signed_by(&key, &ca_cert, &ca_key).unwrap();
    assert!(parse(cert.der()).extended_key_usage().unwrap().is_none());
    pki::verify_client_chain(cert.der(), &[], &f.ca.cert_der, t).unwrap();

    // Leaf under an intermediate CA.
    let ikey = rcgen::KeyPair::generate().unwrap();
    let mut iparams = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
    iparams
        .distinguished_name
        .push(rcgen::DnType::CommonName, "Intermediate");
    iparams.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
    iparams.key_usages = vec![rcgen::KeyUsagePurpose::KeyCertSign];
    let inter = iparams.signed_by(&ikey, &ca_cert, &ca_key).unwrap();
    let lkey = rcgen::KeyPair::generate().unwrap();
    let mut lparams = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
    lparams
        .distinguished_name
        .push(rcgen::DnType::CommonName, "leaf");
    lparams.extended_key_usages = vec![rcgen::ExtendedKeyUsagePurpose::ClientAuth];
    let leaf = lparams.signed_by(&lkey, &inter, &ikey).unwrap();
    pki::verify_client_chain(leaf.der(), &[inter.der().to_vec()], &f.ca.cert_der, t).unwrap();
    assert!(pki::verify_client_chain(leaf.der(), &[], &f.ca.cert_der, t).is_err());
    assert!(pki::summarize(inter.der()).unwrap().is_ca);
}

fn make_csr() -> (String, rcgen::KeyPair) {
    let key = rcgen::KeyPair::generate().unwrap();
    let mut params = rcgen::CertificateParams::new(vec!["vc.example.com".to_string()]).unwrap();
    let mut dn = rcgen::DistinguishedName::new();
    dn.push(
        rcgen::DnType::CountryName,
        rcgen::DnValue::PrintableString("US".try_into().unwrap()),
    );
    dn.push(rcgen::DnType::OrganizationName, "VMware");
    dn.push(rcgen::DnType::OrganizationalUnitName, "vCenter");
    dn.push(rcgen::DnType::CommonName, "tamper-me");
    params.distinguished_name = dn;
    // Requested extensions are ignored by sign_csr.
    params.extended_key_usages = vec![rcgen::ExtendedKeyUsagePurpose::ServerAuth];
    let csr = params.serialize_request(&key).unwrap().pem().unwrap();
    (csr, key)
}

#[test]
fn csr_signing() {
    let f = fx();
    let (csr_pem, key) = make_csr();
    let (pem, der) = pki::sign_csr(&f.ca, &csr_pem, 397).unwrap();
    assert_eq!(
        pki::parse_certificates(pem.as_bytes()).unwrap(),
        vec![der.clone()]
    );
    let cert = parse(&der);
    let csr_der =
        rustls::pki_types::CertificateSigningRequestDer::from_pem_slice(csr_pem.as_bytes())
            .unwrap();
    let csr =
        x509_parser::certification_request::X509CertificationRequest::from_der(csr_der.as_ref())
            .unwrap()
            .1;
    assert_eq!(
        cert.subject().as_raw(),
        csr.certification_request_info.subject.as_raw()
    );
    assert_eq!(
        cert.public_key().raw,
        csr.certification_request_info.subject_pki.raw
    );
    assert_eq!(cert.public_key().raw, key.public_key_der().as_slice());
    let s = pki::summarize(&der).unwrap();
    assert_eq!(s.subject, "C=US, O=VMware, OU=vCenter, CN=tamper-me");
    assert_eq!((s.not_after - s.not_before) / 86400, 397);
    assert!(!s.is_ca);
    let eku = cert.extended_key_usage().unwrap().unwrap().value;
    assert!(eku.client_auth && !eku.server_auth);
    assert!(cert.subject_alternative_name().unwrap().is_none());
    let ku = cert.key_usage().unwrap().unwrap().value;
    assert!(ku.digital_signature() && !ku.key_encipherment());
    pki::verify_client_chain(&der, &[], &f.ca.cert_der, now()).unwrap();

    // An RSA CSR (what vCenter produces), reusing an existing RSA key.
    let rsa_key = rcgen::KeyPair::from_pem(&f.other_client.key_pem).unwrap();
    let mut params = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
    params.distinguished_name = rcgen::DistinguishedName::new();
    params
        .distinguished_name
        .push(rcgen::DnType::CommonName, "vcenter.example.com");
    let rsa_csr = params.serialize_request(&rsa_key).unwrap().pem().unwrap();
    let (_, rsa_der) = pki::sign_csr(&f.ca, &rsa_csr, 730).unwrap();
    let rsa_cert = parse(&rsa_der);
    assert_eq!(
        rsa_cert.public_key().raw,
        rsa_key.public_key_der().as_slice()
    );
    assert!(rsa_cert
        .key_usage()
        .unwrap()
        .unwrap()
        .value
        .key_encipherment());
    assert_eq!(
        pki::summarize(&rsa_der).unwrap().subject,
        "CN=vcenter.example.com"
    );
    pki::verify_client_chain(&rsa_der, &[], &f.ca.cert_der, now()).unwrap();

    // A CSR whose content was changed after signing is refused.
    let needle = b"tamper-me";
    let mut bad = csr_der.as_ref().to_vec();
    let pos = bad.windows(needle.len()).position(|w| w == needle).unwrap();
    bad[pos + needle.len() - 1] = b'X';
    let bad_pem = pem_encode("CERTIFICATE REQUEST", &bad);
    let err = pki::sign_csr(&f.ca, &bad_pem, 30).unwrap_err();
    assert!(matches!(err, PkiError::CsrSignature(_)), "{err}");
    eprintln!("tampered CSR: {err}");
    // Sanity: the encoder produces what rcgen produced for the intact CSR.
    assert!(pki::sign_csr(
        &f.ca,
        &pem_encode("CERTIFICATE REQUEST", csr_der.as_ref()),
        30
    )
    .is_ok());

    assert!(matches!(
        pki::sign_csr(&f.ca, &csr_pem, 0),
        Err(PkiError::InvalidValidity(0))
    ));
    assert!(matches!(
        pki::sign_csr(&f.ca, &f.client.cert_pem, 30),
        Err(PkiError::InvalidCsr(_))
    ));
}

fn pem_encode(label: &str, der: &[u8]) -> String {
    const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut b64 = String::new();
    for chunk in der.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |acc, (i, &b)| acc | (u32::from(b) << (16 - 8 * i)));
        for i in 0..4 {
            if i <= chunk.len() {
                b64.push(T[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                b64.push('=');
            }
        }
    }
    let mut out = format!("-----BEGIN {label}-----\n");
    for line in b64.as_bytes().chunks(64) {
        out.push_str(std::str::from_utf8(line).unwrap());
        out.push('\n');
    }
    out.push_str(&format!("-----END {label}-----\n"));
    out
}

#[test]
fn fingerprints_and_parsing() {
    let f = fx();
    let fp = pki::fingerprint_hex(&f.client.cert_der);
    assert_eq!(fp.len(), 64);
    assert!(fp
        .chars()
        .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()));
    assert_eq!(fp, hex::encode(pki::sha256_fingerprint(&f.client.cert_der)));
    let bundle = format!("{}{}", f.client.cert_pem, f.ca.cert_pem);
    assert_eq!(
        pki::parse_certificates(bundle.as_bytes()).unwrap(),
        vec![f.client.cert_der.clone(), f.ca.cert_der.clone()]
    );
    assert_eq!(
        pki::parse_certificates(&f.client.cert_der).unwrap(),
        vec![f.client.cert_der.clone()]
    );
    assert!(!format!("{:?}", f.client).contains("PRIVATE"));
    let _ = &f.other_ca;
}
