//! TLS configuration for the KMIP listener (mutual TLS).
//!
//! Protocols and ciphers: TLS 1.3 and TLS 1.2 with the suites of [`CIPHER_SUITES`] from the `ring`
//! provider, in the server's order: AES-128-GCM first, then AES-256-GCM, then ChaCha20-Poly1305
//! (TLS 1.2: ECDHE-ECDSA/ECDHE-RSA only). rustls has no CBC-mode suites and no static-RSA key
//! exchange; vCenter 7 also offers `TLS_ECDHE_RSA_WITH_AES_*_CBC_SHA*` (and older clients may offer
//! nothing else), but vCenter 7/8 always also offers the ECDHE-RSA AES-GCM suites, which is what
//! gets negotiated. A KMIP client that offers only CBC suites cannot connect under this (`modern`)
//! policy; `serve --tls-policy kmip-profile` ([`super::tls_openssl`]) serves it.

//!
//! Client certificates are mandatory, but are *not* validated against a CA
//! during the handshake (see [`AnyClientCert`]): the server decides who the
//! client is afterwards, from [`peer_chain`], against the tenants' pinned
//! fingerprints and CAs.

use std::sync::Arc;

use rustls::client::danger::HandshakeSignatureValid;
use rustls::crypto::{CryptoProvider, WebPkiSupportedAlgorithms};
use rustls::pki_types::{CertificateDer, UnixTime};
use rustls::server::danger::{ClientCertVerified, ClientCertVerifier};
use rustls::{DigitallySignedStruct, DistinguishedName, SignatureScheme};
use zeroize::Zeroizing;

/// Number of TLS 1.2 sessions (by session id) the server remembers for
/// resumption. TLS 1.3 and ticket-capable TLS 1.2 clients use stateless
/// tickets instead.
pub const SESSION_CACHE_SIZE: usize = 4096;

/// The server's certificate and key, as PEM.
pub struct TlsSettings {
    /// The server certificate followed by any intermediates (PEM).
    pub cert_chain_pem: Vec<u8>,
    /// The server's private key: PEM "PRIVATE KEY" (PKCS#8), "RSA PRIVATE
    /// KEY" (PKCS#1) or "EC PRIVATE KEY" (SEC1), unencrypted.
    pub key_pem: Zeroizing<Vec<u8>>,
}

impl std::fmt::Debug for TlsSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TlsSettings")
            .field(
                "cert_chain_pem",
                &String::from_utf8_lossy(&self.cert_chain_pem),
            )
            .field("key_pem", &"<redacted>")
            .finish()
    }
}

/// Errors building the TLS configuration.
#[derive(Debug, thiserror::Error)]
pub enum TlsError {
    #[error("the TLS certificate file contains no \"-----BEGIN CERTIFICATE-----\" block")]
    NoCertificate,
    #[error("the TLS certificate file cannot be read as PEM: {0}")]
    BadCertificatePem(String),
    #[error("the TLS private key cannot be read: {0}; expected an unencrypted PEM private key (PKCS#8, PKCS#1 RSA or SEC1 EC)")]
    BadPrivateKey(String),
    #[error("the TLS private key does not match the server certificate (the first certificate in the chain)")]
    KeyMismatch,
    #[error("TLS setup failed: {0}")]
    Rustls(#[from] rustls::Error),
}

/// The ring provider with the server's cipher-suite preference (see [`CIPHER_SUITES`]).
fn provider() -> CryptoProvider {
    CryptoProvider {
        cipher_suites: CIPHER_SUITES.to_vec(),
        ..rustls::crypto::ring::default_provider()
    }
}

/// Cipher suites, most preferred first; the server's order wins over the client's
/// (`ignore_client_order`). AES-128-GCM comes first in both protocol versions: on CPUs with AES-NI
/// and SHA-NI its SHA-256 key schedule (and binder, on resumption) costs less than AES-256-GCM's
/// SHA-384, and 128-bit AES is what vCenter and ESXi negotiate with other servers. AES-256-GCM
/// and ChaCha20-Poly1305 stay for clients that offer nothing else.
pub static CIPHER_SUITES: &[rustls::SupportedCipherSuite] = {
    use rustls::crypto::ring::cipher_suite as cs;
    &[
        cs::TLS13_AES_128_GCM_SHA256,
        cs::TLS13_AES_256_GCM_SHA384,
        cs::TLS13_CHACHA20_POLY1305_SHA256,
        cs::TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
        cs::TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
        cs::TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
        cs::TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
        cs::TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
        cs::TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
    ]
};

/// Builds the rustls server configuration for mutual TLS.
///
/// * TLS 1.2 and 1.3, the suites of [`CIPHER_SUITES`] in the server's order (see the module docs
///   about vCenter's AES-CBC suites).
/// * Session resumption: stateless session tickets (rustls' ring ticketer,
///   keys rotated automatically) plus an in-memory session-id cache of
///   [`SESSION_CACHE_SIZE`] entries for TLS 1.2 clients without tickets.
///   A resumed connection reports the same client chain as the original.
/// * No ALPN.
/// * Client certificates: [`AnyClientCert`].
pub fn server_config(s: &TlsSettings) -> Result<Arc<rustls::ServerConfig>, TlsError> {
    let key = crate::certs::resolver::certified_key(&s.cert_chain_pem, &s.key_pem)?;
    server_config_resolving(crate::certs::resolver::ServerCerts::fixed(key))
}

/// Like [`server_config`], with the certificate chosen per handshake by `certs` (RSA or ECDSA,
/// and swapped at run time when renewed: see [`crate::certs`]).
pub fn server_config_resolving(
    certs: Arc<dyn rustls::server::ResolvesServerCert>,
) -> Result<Arc<rustls::ServerConfig>, TlsError> {
    let provider = Arc::new(provider());
    let verifier = Arc::new(AnyClientCert::new(&provider));
    let mut config = rustls::ServerConfig::builder_with_provider(provider)
        .with_protocol_versions(&[&rustls::version::TLS13, &rustls::version::TLS12])?
        .with_client_cert_verifier(verifier)
        .with_cert_resolver(certs);
    config.session_storage = rustls::server::ServerSessionMemoryCache::new(SESSION_CACHE_SIZE);
    config.ticketer = rustls::crypto::ring::Ticketer::new()?;
    // One TLS 1.3 ticket per handshake (rustls sends two by default): a client that reconnects
    // uses one and gets the next with that connection. Each ticket is an AEAD seal of the session
    // (the client's certificate chain included) and a key derivation on every connection.
    config.send_tls13_tickets = 1;
    config.alpn_protocols = Vec::new();
    // The server picks the suite from [`CIPHER_SUITES`] (AES-128-GCM first), whatever the client
    // lists first.
    config.ignore_client_order = true;
    Ok(Arc::new(config))
}

/// The client's certificate chain as presented (DER, end entity first);
/// empty before the handshake completes. On a resumed session this is the
/// chain from the original full handshake.
pub fn peer_chain(conn: &rustls::ServerConnection) -> Vec<Vec<u8>> {
    conn.peer_certificates()
        .map(|certs| certs.iter().map(|c| c.as_ref().to_vec()).collect())
        .unwrap_or_default()
}

/// Client certificate verifier that requires a certificate but trusts any.
///
/// * A client certificate is mandatory; a client without one is refused.
/// * Any certificate chain is accepted at handshake time: whether it belongs
///   to a tenant is decided after the handshake from [`peer_chain`], against
///   pinned fingerprints and per-tenant CAs (see
///   [`crate::pki::verify_client_chain`]).
/// * No CA names are sent in the CertificateRequest, so clients offer their
///   certificate whoever issued it.
/// * The handshake signature (CertificateVerify) is always checked against
///   the presented certificate's public key. This proves the client holds
///   the private key; without it anyone with a copy of a (public) client
///   certificate could impersonate its owner.
#[derive(Debug)]
pub struct AnyClientCert {
    algs: WebPkiSupportedAlgorithms,
}

impl AnyClientCert {
    /// Uses the signature algorithms of `provider` for CertificateVerify.
    pub fn new(provider: &CryptoProvider) -> Self {
        Self {
            algs: provider.signature_verification_algorithms,
        }
    }
}

impl Default for AnyClientCert {
    /// Uses the ring provider's signature algorithms.
    fn default() -> Self {
        Self::new(&provider())
    }
}

impl ClientCertVerifier for AnyClientCert {
    fn offer_client_auth(&self) -> bool {
        true
    }

    fn client_auth_mandatory(&self) -> bool {
        true
    }

    fn root_hint_subjects(&self) -> &[DistinguishedName] {
        &[]
    }

    fn verify_client_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _now: UnixTime,
    ) -> Result<ClientCertVerified, rustls::Error> {
        Ok(ClientCertVerified::assertion())
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
