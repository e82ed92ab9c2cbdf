//! Replacing the server CA without a moment where clients distrust the server.
//!
//! 1. `keyhaven ca rollover start`: a new CA is made (`tls/ca-next.*`); `tls/ca-bundle.crt`
//!    holds the current and the new CA. The server still presents its certificate from the
//!    current CA. Give the bundle to every client (vCenter: the KMS's CA) so that they trust both.
//! 2. `keyhaven ca rollover finish`: the new CA becomes `tls/ca.*`, the old one is kept as
//!    `tls/ca-previous.*`, new server certificates are issued by the new CA and the running
//!    server switches to them (no restart). Clients that trust the bundle go on; the bundle now
//!    holds the new and the previous CA.
//! 3. `keyhaven ca rollover end`: once no client needs the old CA, `ca-previous.*` is removed
//!    and the bundle holds the new CA alone.
//!
//! Client certificates issued by the old CA (`client issue`) stay trusted: clients are trusted by
//! pinned fingerprint or by a tenant's client CA, never by the server CA.

use super::CertPaths;
use crate::datadir::{self, DataDir, SetupError};
use crate::pki;

fn other(e: impl std::fmt::Display) -> SetupError {
    SetupError::Other(e.to_string())
}

fn read(p: &std::path::Path) -> Result<Vec<u8>, SetupError> {
    std::fs::read(p).map_err(|e| other(format!("{}: {e}", p.display())))
}

fn write_bundle(dir: &DataDir, parts: &[std::path::PathBuf]) -> Result<(), SetupError> {
    let mut bundle = Vec::new();
    for p in parts {
        let pem = read(p)?;
        bundle.extend_from_slice(&pem);
        if !pem.ends_with(b"\n") {
            bundle.push(b'\n');
        }
    }
    datadir::write_file(&dir.ca_bundle(), &bundle, 0o644)
}

/// Where a rollover stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Phase {
    /// One CA.
    None,
    /// A next CA exists; the server still presents the current one's certificate.
    Started,
    /// Switched; the previous CA is still in the bundle.
    Finished,
}

pub fn phase(dir: &DataDir) -> Phase {
    if dir.ca_next_cert().exists() {
        Phase::Started
    } else if dir.ca_previous_cert().exists() {
        Phase::Finished
    } else {
        Phase::None
    }
}

/// Step 1: makes the next CA and the bundle of both.
pub fn start(dir: &DataDir, common_name: &str) -> Result<(), SetupError> {
    match phase(dir) {
        Phase::Started => return Err(other("a CA rollover is already started: finish it first")),
        Phase::Finished => {
            return Err(other(
                "the previous rollover is not ended: run `keyhaven ca rollover end` once no \
                 client needs the previous CA",
            ))
        }
        Phase::None => {}
    }
    if !dir.ca_key().exists() {
        return Err(other(format!(
            "the CA key {} is not on this node",
            dir.ca_key().display()
        )));
    }
    let ca = pki::generate_ca(common_name).map_err(other)?;
    datadir::write_file(&dir.ca_next_key(), ca.key_pem.as_bytes(), 0o600)?;
    datadir::write_file(&dir.ca_next_cert(), ca.cert_pem.as_bytes(), 0o644)?;
    write_bundle(dir, &[dir.ca_cert(), dir.ca_next_cert()])
}

/// Step 2: switches to the next CA and re-issues the server certificates under it.
pub fn finish(dir: &DataDir) -> Result<super::RenewReport, SetupError> {
    if phase(dir) != Phase::Started {
        return Err(other(
            "no CA rollover is started (`keyhaven ca rollover start`)",
        ));
    }
    let prev_key = dir.tls().join("ca-previous.key");
    datadir::write_file(
        &prev_key,
        &zeroize::Zeroizing::new(read(&dir.ca_key())?),
        0o600,
    )?;
    datadir::write_file(&dir.ca_previous_cert(), &read(&dir.ca_cert())?, 0o644)?;
    datadir::write_file(
        &dir.ca_key(),
        &zeroize::Zeroizing::new(read(&dir.ca_next_key())?),
        0o600,
    )?;
    datadir::write_file(&dir.ca_cert(), &read(&dir.ca_next_cert())?, 0o644)?;
    std::fs::remove_file(dir.ca_next_key()).map_err(other)?;
    std::fs::remove_file(dir.ca_next_cert()).map_err(other)?;
    write_bundle(dir, &[dir.ca_cert(), dir.ca_previous_cert()])?;
    super::renew(dir, &[], pki::SERVER_VALIDITY_DAYS)
}

/// Step 3: forgets the previous CA.
pub fn end(dir: &DataDir) -> Result<(), SetupError> {
    if phase(dir) != Phase::Finished {
        return Err(other("no finished CA rollover to end"));
    }
    let _ = std::fs::remove_file(dir.tls().join("ca-previous.key"));
    std::fs::remove_file(dir.ca_previous_cert()).map_err(other)?;
    write_bundle(dir, &[dir.ca_cert()])
}
