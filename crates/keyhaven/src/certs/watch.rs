//! The server's certificate check, on its own thread: at start and then every interval it
//!
//! 1. renews the server certificates when one expires within the renewal window and the CA key
//!    is on this node ([`super::renew`]);
//! 2. reloads the certificate files when they changed (renewed here, by `keyhaven server-cert
//!    renew`, by a CA rollover, or installed by hand): new handshakes get them, open connections
//!    go on;
//! 3. logs a warning for every server, CA or client certificate expiring within the warning
//!    window (once a day each).

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use super::expiry::{expiry_list, warn_expiring};
use super::resolver::ServerCerts;
use super::CertPaths;
use crate::datadir::DataDir;
use crate::store::Store;

/// When the check runs and what it does.
#[derive(Clone, Copy, Debug)]
pub struct WatchSettings {
    pub interval: Duration,
    /// Renew this many days before expiry; 0: never automatically.
    pub renew_days: i64,
    pub warn_days: i64,
}

fn not_after(path: &std::path::Path) -> Option<i64> {
    let pem = std::fs::read(path).ok()?;
    let der = crate::pki::parse_certificates(&pem)
        .ok()?
        .into_iter()
        .next()?;
    crate::pki::summarize(&der).ok().map(|s| s.not_after)
}

/// One round of the check; returns whether new certificates are in use.
pub fn check_once(
    certs: &ServerCerts,
    dir: &DataDir,
    store: &dyn Store,
    s: &WatchSettings,
    warned: &mut HashMap<(String, i64), i64>,
) -> bool {
    let now = crate::server::ops::now();
    if s.renew_days > 0 && dir.ca_key().exists() {
        let soonest = [dir.server_cert(), dir.server_ecdsa_cert()]
            .iter()
            .filter_map(|p| not_after(p))
            .min();
        let missing_ecdsa = !dir.server_ecdsa_cert().exists();
        if missing_ecdsa || soonest.is_some_and(|t| t - now < s.renew_days * 86_400) {
            match super::renew(dir, &[], crate::pki::SERVER_VALIDITY_DAYS) {
                Ok(r) => tracing::info!(
                    not_after = %crate::cli::fmt_time(r.not_after),
                    rsa_sha256 = %r.rsa_sha256, ecdsa_sha256 = %r.ecdsa_sha256,
                    "server certificates renewed automatically ({} days before expiry at most)",
                    s.renew_days
                ),
                Err(e) => tracing::error!(error = %e, "cannot renew the server certificate"),
            }
        }
    }
    let swapped = match certs.reload_if_changed() {
        Ok(true) => {
            let fps: Vec<String> = certs
                .in_use()
                .iter()
                .map(|d| crate::pki::fingerprint_hex(d))
                .collect();
            tracing::info!(sha256 = ?fps, "server certificates reloaded: new handshakes use them");
            true
        }
        Ok(false) => false,
        Err(e) => {
            tracing::warn!(error = %e, "server certificate files changed but cannot be used yet; keeping the current ones");
            false
        }
    };
    warn_expiring(&expiry_list(dir, store), now, s.warn_days, warned);
    swapped
}

/// Runs [`check_once`] now (before the server listens: an expiring certificate is renewed
/// before the first client sees it), then every interval on a thread of its own, for the life of
/// the process.
pub fn spawn(certs: Arc<ServerCerts>, dir: DataDir, store: Arc<dyn Store>, s: WatchSettings) {
    let mut warned = HashMap::new();
    check_once(&certs, &dir, store.as_ref(), &s, &mut warned);
    let spawned = std::thread::Builder::new()
        .name("keyhaven-certs".into())
        .spawn(move || loop {
            std::thread::sleep(s.interval);
            check_once(&certs, &dir, store.as_ref(), &s, &mut warned);
        });
    if let Err(e) = spawned {
        tracing::error!(error = %e, "cannot start the certificate check");
    }
}
