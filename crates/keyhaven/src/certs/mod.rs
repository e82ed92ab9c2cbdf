//! Server certificate management: the RSA and ECDSA P-256 server certificates of a node, their
//! renewal (by `keyhaven server-cert renew`, or automatically before expiry while the CA is local),
//! the swap into the running server without a restart, expiry warnings, and CA rollover.
//!
//! ```text
//! DATA/tls/server.crt, server.key              RSA-2048 server certificate (every client)
//! DATA/tls/server-ecdsa.crt, server-ecdsa.key  ECDSA P-256 server certificate (clients that accept it)
//! DATA/tls/ca-next.crt, ca-next.key            a CA rollover under way (see rollover.rs)
//! DATA/tls/ca-previous.crt                     the CA before the last rollover, still trusted
//! DATA/tls/ca-bundle.crt                       what clients should trust: every CA in use
//! ```
//!
//! * [`resolver`]: the rustls certificate resolver the listeners use; swapped at run time.
//! * [`watch`]: the server's background check: reload changed files, renew before expiry, warn.
//! * [`expiry`]: every certificate that can expire (server, CA, client) with its date.
//! * [`rollover`]: replacing the server CA with a period where both are trusted.

pub mod expiry;
pub mod resolver;
pub mod rollover;
pub mod watch;

use std::net::IpAddr;
use std::path::PathBuf;

use crate::datadir::{self, DataDir, SetupError};
use crate::pki::{self, CertAndKey, ServerKeyKind};

/// Days before expiry at which a server certificate is renewed automatically (default).
pub const DEFAULT_RENEW_DAYS: i64 = 30;
/// Days before expiry from which a certificate is warned about.
pub const WARN_DAYS: i64 = 30;

/// Paths of the ECDSA server certificate and the CA rollover files.
pub trait CertPaths {
    fn server_ecdsa_cert(&self) -> PathBuf;
    fn server_ecdsa_key(&self) -> PathBuf;
    fn ca_next_cert(&self) -> PathBuf;
    fn ca_next_key(&self) -> PathBuf;
    fn ca_previous_cert(&self) -> PathBuf;
    fn ca_bundle(&self) -> PathBuf;
}

impl CertPaths for DataDir {
    fn server_ecdsa_cert(&self) -> PathBuf {
        self.tls().join("server-ecdsa.crt")
    }
    fn server_ecdsa_key(&self) -> PathBuf {
        self.tls().join("server-ecdsa.key")
    }
    fn ca_next_cert(&self) -> PathBuf {
        self.tls().join("ca-next.crt")
    }
    fn ca_next_key(&self) -> PathBuf {
        self.tls().join("ca-next.key")
    }
    fn ca_previous_cert(&self) -> PathBuf {
        self.tls().join("ca-previous.crt")
    }
    fn ca_bundle(&self) -> PathBuf {
        self.tls().join("ca-bundle.crt")
    }
}

fn other(e: impl std::fmt::Display) -> SetupError {
    SetupError::Other(e.to_string())
}

/// The names (CN, DNS, IP) the node's current RSA server certificate carries.
pub fn current_names(dir: &DataDir) -> Result<(String, Vec<String>, Vec<IpAddr>), SetupError> {
    let pem = std::fs::read(dir.server_cert())
        .map_err(|e| other(format!("{}: {e}", dir.server_cert().display())))?;
    let der = pki::parse_certificates(&pem)
        .map_err(other)?
        .into_iter()
        .next()
        .ok_or_else(|| {
            other(format!(
                "{} holds no certificate",
                dir.server_cert().display()
            ))
        })?;
    pki::server_names(&der).map_err(other)
}

/// Writes a certificate and key pair: the key first, so a reader that sees the new certificate
/// finds its key (the resolver refuses a mismatched pair and keeps the old one meanwhile).
fn write_pair(
    cert: &std::path::Path,
    key: &std::path::Path,
    c: &CertAndKey,
) -> Result<(), SetupError> {
    datadir::write_file(key, c.key_pem.as_bytes(), 0o600)?;
    datadir::write_file(cert, c.cert_pem.as_bytes(), 0o644)
}

/// Issues the ECDSA P-256 server certificate with the RSA one's names, signed by `ca`.
pub fn issue_ecdsa(dir: &DataDir, ca: &CertAndKey) -> Result<(), SetupError> {
    let (cn, dns, ips) = current_names(dir)?;
    let c = pki::issue_server_cert_with(
        ca,
        &cn,
        &dns,
        &ips,
        ServerKeyKind::EcdsaP256,
        pki::SERVER_VALIDITY_DAYS,
    )
    .map_err(other)?;
    write_pair(&dir.server_ecdsa_cert(), &dir.server_ecdsa_key(), &c)
}

/// Adds the ECDSA server certificate to a data directory that has only the RSA one (data
/// directories made before it existed), when the CA key is here. Returns whether it did.
pub fn ensure_ecdsa(dir: &DataDir) -> Result<bool, SetupError> {
    if dir.server_ecdsa_cert().exists() || !dir.ca_key().exists() {
        return Ok(false);
    }
    let ca = datadir::load_ca(dir)?;
    issue_ecdsa(dir, &ca)?;
    Ok(true)
}

/// Issues new RSA and ECDSA server certificates with the current names (plus `extra` names),
/// signed by the local CA, `days` long, and writes them. The running server picks them up at its
/// next check (see [`watch`]).
pub fn renew(dir: &DataDir, extra: &[String], days: i64) -> Result<RenewReport, SetupError> {
    if !dir.ca_key().exists() {
        return Err(other(format!(
            "the CA key {} is not on this node: renew the server certificate where the CA is, \
             or have your CA sign a new one and install it as {}",
            dir.ca_key().display(),
            dir.server_cert().display()
        )));
    }
    let ca = datadir::load_ca(dir)?;
    let (cn, mut dns, mut ips) = current_names(dir)?;
    for h in extra {
        match h.parse::<IpAddr>() {
            Ok(ip) if !ips.contains(&ip) => ips.push(ip),
            Ok(_) => {}
            Err(_) if !dns.contains(h) => dns.push(h.clone()),
            Err(_) => {}
        }
    }
    let rsa = pki::issue_server_cert_with(&ca, &cn, &dns, &ips, ServerKeyKind::Rsa, days)
        .map_err(other)?;
    let ec = pki::issue_server_cert_with(&ca, &cn, &dns, &ips, ServerKeyKind::EcdsaP256, days)
        .map_err(other)?;
    write_pair(&dir.server_cert(), &dir.server_key(), &rsa)?;
    write_pair(&dir.server_ecdsa_cert(), &dir.server_ecdsa_key(), &ec)?;
    let not_after = pki::summarize(&rsa.cert_der).map_err(other)?.not_after;
    Ok(RenewReport {
        not_after,
        rsa_sha256: pki::fingerprint_hex(&rsa.cert_der),
        ecdsa_sha256: pki::fingerprint_hex(&ec.cert_der),
    })
}

/// What [`renew`] wrote.
#[derive(Clone, Debug)]
pub struct RenewReport {
    pub not_after: i64,
    pub rsa_sha256: String,
    pub ecdsa_sha256: String,
}
