//! The `kmip-profile` TLS policy: the KMIP Profiles' authentication-suite cipher suites that rustls
//! will never offer, through OpenSSL (the system library, via the `openssl` crate).
//!
//! The KMIP Profiles' Basic Authentication Suite and TLS 1.2 Authentication Suite name static-RSA
//! AES-CBC suites as the ones conformant clients and servers SHALL support
//! (`TLS_RSA_WITH_AES_128_CBC_SHA256` and `TLS_RSA_WITH_AES_256_CBC_SHA256` for TLS 1.2; the 1.0
//! Profiles' Basic suite `TLS_RSA_WITH_AES_128_CBC_SHA` and `TLS_RSA_WITH_AES_256_CBC_SHA`). Storage
//! arrays, tape libraries and backup appliances built to those Profiles often offer nothing else.
//! Under this policy the server offers, in order of preference: TLS 1.3 (AES-GCM, ChaCha20), TLS 1.2
//! ECDHE with AES-GCM / ChaCha20 (what the `modern` policy offers), then exactly those four suites.
//! TLS 1.0 and 1.1 stay refused (the 1.0 Basic suite's CBC-SHA suites are offered over TLS 1.2).
//! What that costs: no forward secrecy for a client that picks a static-RSA suite (a recorded
//! session can be decrypted by whoever later obtains the server's RSA key), and CBC with
//! MAC-then-encrypt (the Lucky-13 class of timing attacks, mitigated in OpenSSL): docs/tls.md.
//!
//! Client certificates are handled exactly as under the `modern` policy ([`super::tls`]): one is
//! required, any chain is accepted during the handshake (the client still proves possession of its
//! key: OpenSSL always verifies the CertificateVerify signature), and identity is decided
//! afterwards from the presented chain against the tenants' pinned certificates and CAs.
//!
//! The certificate and key files are read again when they change on disk (renewal without a
//! restart): each accept compares their modification times with those the acceptor was built from.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use openssl::pkey::PKey;
use openssl::ssl::{
    SslAcceptor, SslMethod, SslMode, SslOptions, SslSessionCacheMode, SslVerifyMode, SslVersion,
};
use openssl::x509::X509;
use zeroize::Zeroizing;

/// TLS 1.2 suites, in OpenSSL's names: the `modern` policy's ECDHE AEAD suites first, then the
/// KMIP Profiles' SHALL suites.
pub const CIPHER_LIST: &str = concat!(
    "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:",
    "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:",
    "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305:",
    // TLS 1.2 Authentication Suite (and the 1.x/2.x Basic suite): SHALL
    "AES128-SHA256:AES256-SHA256:",
    // KMIP 1.0 Profiles' Basic Authentication Suite: SHALL (over TLS 1.2 here)
    "AES128-SHA:AES256-SHA"
);

/// TLS 1.3 suites (OpenSSL names), AES-128-GCM first like the `modern` policy.
pub const TLS13_SUITES: &str =
    "TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256";

/// The suites of the KMIP Profiles that only this policy offers (IANA names), for documentation
/// and for the tests that connect with each of them alone.
pub const PROFILE_SUITES: [(&str, &str); 4] = [
    ("TLS_RSA_WITH_AES_128_CBC_SHA256", "AES128-SHA256"),
    ("TLS_RSA_WITH_AES_256_CBC_SHA256", "AES256-SHA256"),
    ("TLS_RSA_WITH_AES_128_CBC_SHA", "AES128-SHA"),
    ("TLS_RSA_WITH_AES_256_CBC_SHA", "AES256-SHA"),
];

/// One server certificate (chain) and its key, as files.
#[derive(Clone, Debug)]
pub struct CertFiles {
    pub chain: PathBuf,
    pub key: PathBuf,
}

/// An OpenSSL acceptor over the server's certificate files, rebuilt when a file changes.
pub struct ProfileAcceptor {
    files: Vec<CertFiles>,
    current: Mutex<Current>,
}

/// The acceptor in use, the files' modification times it was built from, and when they were
/// last looked at.
struct Current {
    stamp: Vec<Option<SystemTime>>,
    checked: std::time::Instant,
    acceptor: Arc<SslAcceptor>,
}

/// The certificate files are looked at no more often than this (not on every handshake of a
/// storm).
const RECHECK: std::time::Duration = std::time::Duration::from_secs(1);

impl std::fmt::Debug for ProfileAcceptor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ProfileAcceptor")
            .field("files", &self.files)
            .finish()
    }
}

fn mtimes(files: &[CertFiles]) -> Vec<Option<SystemTime>> {
    files
        .iter()
        .flat_map(|f| [&f.chain, &f.key])
        .map(|p| std::fs::metadata(p).and_then(|m| m.modified()).ok())
        .collect()
}

impl ProfileAcceptor {
    /// Builds the acceptor from certificate/key file pairs (an RSA one, and an ECDSA one if the
    /// server has it: OpenSSL picks per handshake by what the client supports).
    pub fn new(files: Vec<CertFiles>) -> Result<ProfileAcceptor, String> {
        let stamp = mtimes(&files);
        let acceptor = build(&files)?;
        Ok(ProfileAcceptor {
            files,
            current: Mutex::new(Current {
                stamp,
                checked: std::time::Instant::now(),
                acceptor: Arc::new(acceptor),
            }),
        })
    }

    /// The acceptor for the next handshake: rebuilt first if a certificate or key file changed
    /// (looked at once a second at most; a failed rebuild keeps the previous one and says why).
    pub fn acceptor(&self) -> Arc<SslAcceptor> {
        // A poisoned lock still holds a usable acceptor.
        let mut cur = self.current.lock().unwrap_or_else(|p| p.into_inner());
        if cur.checked.elapsed() < RECHECK {
            return cur.acceptor.clone();
        }
        cur.checked = std::time::Instant::now();
        let now = mtimes(&self.files);
        if cur.stamp != now {
            match build(&self.files) {
                Ok(a) => {
                    tracing::info!("kmip-profile TLS: server certificate files changed; reloaded");
                    cur.acceptor = Arc::new(a);
                }
                Err(e) => {
                    tracing::warn!(error = %e, "kmip-profile TLS: cannot reload the changed server certificate; still serving the previous one");
                }
            }
            cur.stamp = now;
        }
        cur.acceptor.clone()
    }
}

fn build(files: &[CertFiles]) -> Result<SslAcceptor, String> {
    let ossl = |what: &str, e: openssl::error::ErrorStack| format!("{what}: {e}");
    let mut b = SslAcceptor::mozilla_intermediate_v5(SslMethod::tls_server())
        .map_err(|e| ossl("OpenSSL server context", e))?;
    b.set_min_proto_version(Some(SslVersion::TLS1_2))
        .map_err(|e| ossl("TLS versions", e))?;
    b.set_cipher_list(CIPHER_LIST)
        .map_err(|e| ossl("cipher list", e))?;
    b.set_ciphersuites(TLS13_SUITES)
        .map_err(|e| ossl("TLS 1.3 suites", e))?;
    b.set_options(SslOptions::CIPHER_SERVER_PREFERENCE | SslOptions::NO_RENEGOTIATION);
    b.set_mode(SslMode::RELEASE_BUFFERS);
    b.set_session_cache_mode(SslSessionCacheMode::SERVER);
    b.set_session_id_context(b"keyhaven-kmip")
        .map_err(|e| ossl("session id context", e))?;
    // A certificate is required; any chain passes here, identity is decided after the handshake.
    // OpenSSL checks the client's CertificateVerify signature whatever this callback answers.
    b.set_verify_callback(
        SslVerifyMode::PEER | SslVerifyMode::FAIL_IF_NO_PEER_CERT,
        |_preverified, _ctx| true,
    );
    // No CA names in the CertificateRequest: clients offer their certificate whoever issued it.
    b.set_client_ca_list(openssl::stack::Stack::new().map_err(|e| ossl("CA list", e))?);
    let mut loaded = 0;
    for f in files {
        let chain_pem =
            std::fs::read(&f.chain).map_err(|e| format!("{}: {e}", f.chain.display()))?;
        let key_pem =
            Zeroizing::new(std::fs::read(&f.key).map_err(|e| format!("{}: {e}", f.key.display()))?);
        let chain = X509::stack_from_pem(&chain_pem)
            .map_err(|e| format!("{}: not a PEM certificate chain: {e}", f.chain.display()))?;
        let Some((leaf, rest)) = chain.split_first() else {
            return Err(format!("{}: no certificate", f.chain.display()));
        };
        let key = PKey::private_key_from_pem(&key_pem)
            .map_err(|_| format!("{}: not a PEM private key", f.key.display()))?;
        b.set_certificate(leaf)
            .map_err(|e| format!("{}: {e}", f.chain.display()))?;
        b.set_private_key(&key)
            .map_err(|e| format!("{}: {e}", f.key.display()))?;
        b.check_private_key().map_err(|_| {
            format!(
                "{} does not match the certificate {}",
                f.key.display(),
                f.chain.display()
            )
        })?;
        for c in rest {
            b.add_extra_chain_cert(c.clone())
                .map_err(|e| format!("{}: {e}", f.chain.display()))?;
        }
        loaded += 1;
    }
    if loaded == 0 {
        return Err("no server certificate".into());
    }
    Ok(b.build())
}

/// The client's chain as presented, end entity first (OpenSSL keeps the leaf apart on the server
/// side); on a resumed session, the chain of the original handshake.
pub fn peer_chain(ssl: &openssl::ssl::SslRef) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    if let Some(leaf) = ssl.peer_certificate() {
        if let Ok(der) = leaf.to_der() {
            out.push(der);
        }
    }
    if let Some(rest) = ssl.peer_cert_chain() {
        for c in rest {
            if let Ok(der) = c.to_der() {
                if out.first() != Some(&der) {
                    out.push(der);
                }
            }
        }
    }
    out
}
