//! The certification authority that Certify and Re-certify sign with: the server's CA (the one that
//! issues client certificates, in the data directory's tls/ca.*), installed at start by `serve`.

use std::sync::OnceLock;

use crate::pki::CertAndKey;

static CA: OnceLock<CertAndKey> = OnceLock::new();

/// Installs the CA (once; later calls are ignored).
pub fn install(ca: CertAndKey) {
    let _ = CA.set(ca);
}

/// The CA, when the server has one.
pub fn get() -> Option<&'static CertAndKey> {
    CA.get()
}
