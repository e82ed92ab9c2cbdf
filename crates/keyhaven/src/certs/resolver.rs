//! The server certificates the TLS listeners present, swappable while the server runs.
//!
//! Every handshake asks [`ServerCerts`] for a certificate; it answers from the pair loaded last.
//! [`ServerCerts::reload_if_changed`] replaces the pair when the files changed: handshakes after
//! it get the new certificate, connections already open keep the session they have.
//!
//! Choice per handshake: the RSA certificate when the client accepts an RSA signature (every
//! KMIP client does; vCenter may have pinned it), else the ECDSA P-256 one when the client
//! accepts ECDSA P-256 with SHA-256 and offers a cipher suite usable with it (any TLS 1.3 suite
//! or an ECDHE-ECDSA TLS 1.2 suite), else RSA (the handshake then fails as it would have).

use std::sync::{Arc, RwLock};

use rustls::crypto::CryptoProvider;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use rustls::server::{ClientHello, ResolvesServerCert};
use rustls::sign::CertifiedKey;
use rustls::{CipherSuite, SignatureScheme};
use sha2::{Digest, Sha256};

use super::CertPaths;
use crate::datadir::DataDir;
use crate::server::tls::TlsError;

/// One loaded set of server certificates.
struct Loaded {
    rsa: Arc<CertifiedKey>,
    ecdsa: Option<Arc<CertifiedKey>>,
    /// SHA-256 over the files they came from, to notice a change.
    digest: [u8; 32],
}

/// The server certificates of a node.
pub struct ServerCerts {
    dir: Option<DataDir>,
    current: RwLock<Arc<Loaded>>,
}

impl std::fmt::Debug for ServerCerts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let cur = self.loaded();
        f.debug_struct("ServerCerts")
            .field("dir", &self.dir)
            .field("ecdsa", &cur.ecdsa.is_some())
            .finish_non_exhaustive()
    }
}

fn provider() -> CryptoProvider {
    rustls::crypto::ring::default_provider()
}

/// Builds a certified key from PEM, checking that key and certificate are a pair.
pub fn certified_key(cert_pem: &[u8], key_pem: &[u8]) -> Result<Arc<CertifiedKey>, TlsError> {
    let chain = CertificateDer::pem_slice_iter(cert_pem)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| TlsError::BadCertificatePem(e.to_string()))?;
    if chain.is_empty() {
        return Err(TlsError::NoCertificate);
    }
    let key = PrivateKeyDer::from_pem_slice(key_pem).map_err(|e| match e {
        rustls::pki_types::pem::Error::NoItemsFound => {
            TlsError::BadPrivateKey("no private key block found".into())
        }
        other => TlsError::BadPrivateKey(other.to_string()),
    })?;
    CertifiedKey::from_der(chain, key, &provider())
        .map(Arc::new)
        .map_err(|e| match e {
            rustls::Error::InconsistentKeys(_) => TlsError::KeyMismatch,
            rustls::Error::General(msg) => TlsError::BadPrivateKey(msg),
            other => TlsError::Rustls(other),
        })
}

fn read(p: &std::path::Path) -> Result<Option<zeroize::Zeroizing<Vec<u8>>>, String> {
    match std::fs::read(p) {
        Ok(b) => Ok(Some(zeroize::Zeroizing::new(b))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(format!("{}: {e}", p.display())),
    }
}

fn load(dir: &DataDir) -> Result<Loaded, String> {
    let mut h = Sha256::new();
    let mut part = |p: &std::path::Path| -> Result<Option<zeroize::Zeroizing<Vec<u8>>>, String> {
        let b = read(p)?;
        h.update(p.as_os_str().as_encoded_bytes());
        h.update(b.as_deref().map_or(&b"-"[..], |v| &v[..]));
        Ok(b)
    };
    let rsa_cert = part(&dir.server_cert())?
        .ok_or_else(|| format!("{} is missing", dir.server_cert().display()))?;
    let rsa_key = part(&dir.server_key())?
        .ok_or_else(|| format!("{} is missing", dir.server_key().display()))?;
    let ec_cert = part(&dir.server_ecdsa_cert())?;
    let ec_key = part(&dir.server_ecdsa_key())?;
    let rsa = certified_key(&rsa_cert, &rsa_key)
        .map_err(|e| format!("{}: {e}", dir.server_cert().display()))?;
    let ecdsa = match (ec_cert, ec_key) {
        (Some(c), Some(k)) => Some(
            certified_key(&c, &k)
                .map_err(|e| format!("{}: {e}", dir.server_ecdsa_cert().display()))?,
        ),
        _ => None,
    };
    Ok(Loaded {
        rsa,
        ecdsa,
        digest: h.finalize().into(),
    })
}

impl ServerCerts {
    /// Loads the certificates of a data directory (the ECDSA one when present).
    pub fn load(dir: &DataDir) -> Result<Arc<ServerCerts>, String> {
        let loaded = load(dir)?;
        Ok(Arc::new(ServerCerts {
            dir: Some(dir.clone()),
            current: RwLock::new(Arc::new(loaded)),
        }))
    }

    /// A fixed RSA (or any) certificate, never reloaded.
    pub fn fixed(key: Arc<CertifiedKey>) -> Arc<ServerCerts> {
        Arc::new(ServerCerts {
            dir: None,
            current: RwLock::new(Arc::new(Loaded {
                rsa: key,
                ecdsa: None,
                digest: [0; 32],
            })),
        })
    }

    fn loaded(&self) -> Arc<Loaded> {
        self.current
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// Reloads the files when they changed. `Ok(true)`: new certificates are in use. On error
    /// (a half-written pair, a bad file) the certificates in use stay.
    pub fn reload_if_changed(&self) -> Result<bool, String> {
        let Some(dir) = &self.dir else {
            return Ok(false);
        };
        let new = load(dir)?;
        if new.digest == self.loaded().digest {
            return Ok(false);
        }
        *self.current.write().unwrap_or_else(|p| p.into_inner()) = Arc::new(new);
        Ok(true)
    }

    /// The end-entity certificates in use (DER): RSA, then ECDSA when present.
    pub fn in_use(&self) -> Vec<Vec<u8>> {
        let cur = self.loaded();
        std::iter::once(&cur.rsa)
            .chain(cur.ecdsa.as_ref())
            .filter_map(|k| k.end_entity_cert().ok().map(|c| c.as_ref().to_vec()))
            .collect()
    }
}

fn suite_fits_ecdsa(s: CipherSuite) -> bool {
    matches!(
        s,
        CipherSuite::TLS13_AES_128_GCM_SHA256
            | CipherSuite::TLS13_AES_256_GCM_SHA384
            | CipherSuite::TLS13_CHACHA20_POLY1305_SHA256
            | CipherSuite::TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256
            | CipherSuite::TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384
            | CipherSuite::TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256
    )
}

impl ResolvesServerCert for ServerCerts {
    fn resolve(&self, hello: ClientHello<'_>) -> Option<Arc<CertifiedKey>> {
        let cur = self.loaded();
        let schemes = hello.signature_schemes();
        if cur.rsa.key.choose_scheme(schemes).is_some() {
            return Some(cur.rsa.clone());
        }
        if let Some(ec) = &cur.ecdsa {
            if schemes.contains(&SignatureScheme::ECDSA_NISTP256_SHA256)
                && hello.cipher_suites().iter().any(|s| suite_fits_ecdsa(*s))
            {
                return Some(ec.clone());
            }
        }
        Some(cur.rsa.clone())
    }
}
