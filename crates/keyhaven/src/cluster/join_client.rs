//! `keyhaven cluster join TOKEN`: makes this (empty) data directory a node of the cluster.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::sync::Arc;
use std::time::Duration;

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::WebPkiSupportedAlgorithms;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, ServerName, UnixTime};
use rustls::{DigitallySignedStruct, SignatureScheme};
use zeroize::Zeroizing;

use super::join_server::{Hello, JoinAnswer, JoinRequest};
use super::token::Token;
use crate::datadir::{self, DataDir};

const TIMEOUT: Duration = Duration::from_secs(15);

/// Accepts the server's certificate for the handshake (its signature is still verified); the
/// certificate is checked against the token's CA before anything secret is sent.
#[derive(Debug)]
struct CheckedAfterHandshake {
    algs: WebPkiSupportedAlgorithms,
}

impl ServerCertVerifier for CheckedAfterHandshake {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }
    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(message, cert, dss, &self.algs)
    }
    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(message, cert, dss, &self.algs)
    }
    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.algs.supported_schemes()
    }
}

/// What a join did.
#[derive(Debug)]
pub struct Joined {
    pub root_keys: usize,
    pub server: String,
}

fn is_fresh(dir: &DataDir) -> bool {
    !dir.ca_cert().exists()
        && !dir.cluster_key().exists()
        && std::fs::read_dir(dir.rootkeys())
            .map(|mut r| r.next().is_none())
            .unwrap_or(true)
}

/// Joins through the node named in `token`, writes the received secrets into `dir`.
pub fn join(dir: &DataDir, token: &str) -> Result<Joined, String> {
    let token = Token::parse(token)?;
    if !is_fresh(dir) {
        return Err(format!(
            "{} already holds a CA, root keys or a cluster key: join with a new, empty data directory",
            dir.root.display()
        ));
    }
    // A throwaway certificate: the TLS connection is mutual; the token is the credential.
    let kp =
        rcgen::KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256).map_err(|e| e.to_string())?;
    let cert = rcgen::CertificateParams::new(vec!["keyhaven-joining-node".to_string()])
        .and_then(|p| p.self_signed(&kp))
        .map_err(|e| e.to_string())?;
    let key = PrivateKeyDer::try_from(kp.serialize_der()).map_err(|e| e.to_string())?;
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let verifier = Arc::new(CheckedAfterHandshake {
        algs: provider.signature_verification_algorithms,
    });
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| e.to_string())?
        .dangerous()
        .with_custom_certificate_verifier(verifier)
        .with_client_auth_cert(vec![cert.der().clone()], key)
        .map_err(|e| e.to_string())?;
    let addr = token
        .address
        .to_socket_addrs()
        .map_err(|e| format!("{}: {e}", token.address))?
        .next()
        .ok_or_else(|| format!("{}: no address", token.address))?;
    let tcp = TcpStream::connect_timeout(&addr, TIMEOUT)
        .map_err(|e| format!("cannot reach {addr}: {e}"))?;
    tcp.set_read_timeout(Some(TIMEOUT))
        .map_err(|e| e.to_string())?;
    tcp.set_write_timeout(Some(TIMEOUT))
        .map_err(|e| e.to_string())?;
    let name = ServerName::try_from("keyhaven-cluster").map_err(|e| e.to_string())?;
    let conn = rustls::ClientConnection::new(Arc::new(config), name).map_err(|e| e.to_string())?;
    let mut tls = rustls::StreamOwned::new(conn, tcp);
    let mut reader_line = String::new();
    {
        let mut r = BufReader::new(&mut tls);
        r.read_line(&mut reader_line)
            .map_err(|e| format!("TLS with {addr}: {e}"))?;
    }
    let hello: Hello = serde_json::from_str(&reader_line)
        .map_err(|_| format!("{addr} is not a Keyhaven cluster join listener"))?;
    // The server must be the token's: its CA has the pinned fingerprint and signed its certificate.
    let ca_der = crate::pki::parse_certificates(hello.ca_cert.as_bytes())
        .map_err(|e| e.to_string())?
        .into_iter()
        .next()
        .ok_or("the server sent no CA certificate")?;
    if crate::pki::fingerprint_hex(&ca_der) != token.ca_sha256 {
        return Err(format!(
            "{addr} presented another CA than the token's: refusing to send the token"
        ));
    }
    let leaf = tls
        .conn
        .peer_certificates()
        .and_then(|c| c.first())
        .map(|c| c.as_ref().to_vec())
        .ok_or("the server presented no certificate")?;
    verify_server(&leaf, &ca_der)?;
    let req = JoinRequest {
        token: token.secret.to_string(),
        node: super::host_name(),
    };
    let mut line = Zeroizing::new(serde_json::to_vec(&req).map_err(|e| e.to_string())?);
    line.push(b'\n');
    tls.write_all(&line).map_err(|e| e.to_string())?;
    tls.flush().map_err(|e| e.to_string())?;
    let mut answer = Zeroizing::new(String::new());
    BufReader::new(&mut tls)
        .take(64 * 1024 * 1024)
        .read_line(&mut answer)
        .map_err(|e| format!("reading the answer of {addr}: {e}"))?;
    let ans: JoinAnswer =
        serde_json::from_str(&answer).map_err(|_| format!("malformed answer from {addr}"))?;
    if let Some(e) = &ans.error {
        return Err(e.clone());
    }
    write_secrets(dir, &hello.ca_cert, &ans)?;
    Ok(Joined {
        root_keys: ans.rootkeys.keys().filter(|k| k.ends_with(".key")).count(),
        server: addr.to_string(),
    })
}

fn verify_server(leaf: &[u8], ca_der: &[u8]) -> Result<(), String> {
    let ca = CertificateDer::from(ca_der);
    let anchor = webpki::anchor_from_trusted_cert(&ca).map_err(|e| format!("{e:?}"))?;
    let ee_der = CertificateDer::from(leaf);
    let ee = webpki::EndEntityCert::try_from(&ee_der).map_err(|e| format!("{e:?}"))?;
    let algs = rustls::crypto::ring::default_provider()
        .signature_verification_algorithms
        .all;
    ee.verify_for_usage(
        algs,
        &[anchor],
        &[],
        UnixTime::now(),
        webpki::KeyUsage::server_auth(),
        None,
        None,
    )
    .map(|_| ())
    .map_err(|e| format!("the server's certificate is not from the token's CA: {e:?}"))
}

fn write_secrets(dir: &DataDir, ca_cert: &str, ans: &JoinAnswer) -> Result<(), String> {
    let e = |e: datadir::SetupError| e.to_string();
    datadir::make_private_dir(&dir.root).map_err(e)?;
    datadir::make_private_dir(&dir.tls()).map_err(e)?;
    datadir::make_private_dir(&dir.rootkeys()).map_err(e)?;
    for (name, hexdata) in &ans.rootkeys {
        let ok = !name.starts_with('.')
            && name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'));
        if !ok {
            return Err(format!("refusing a root key file named {name:?}"));
        }
        let data = Zeroizing::new(hex::decode(hexdata).map_err(|e| e.to_string())?);
        datadir::write_file(&dir.rootkeys().join(name), &data, 0o600).map_err(e)?;
    }
    let ck = Zeroizing::new(hex::decode(&ans.cluster_key).map_err(|e| e.to_string())?);
    if ck.len() != crate::rootkey::shared::CLUSTER_KEY_LEN {
        return Err("the cluster key received has a wrong length".into());
    }
    datadir::write_file(&dir.ca_key(), ans.ca_key.as_bytes(), 0o600).map_err(e)?;
    datadir::write_file(&dir.ca_cert(), ca_cert.as_bytes(), 0o644).map_err(e)?;
    datadir::write_file(&dir.cluster_key(), &ck, 0o600).map_err(e)?;
    Ok(())
}
