//! Join tokens: `<secret hex>.<SHA-256 of the CA certificate, hex>@<host:port>`.
//!
//! The issuing node keeps only the SHA-256 of the secret, as the name of a file holding the expiry
//! time, in `DATA/join-tokens/`; consuming a token removes its file, so it works once.

use std::path::PathBuf;

use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use super::ClusterPaths;
use crate::datadir::{self, DataDir};

/// How long a token is valid by default.
pub const DEFAULT_TTL_SECS: i64 = 3600;

/// A parsed token.
pub struct Token {
    pub secret: Zeroizing<String>,
    pub ca_sha256: String,
    pub address: String,
}

impl std::fmt::Debug for Token {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Token")
            .field("ca_sha256", &self.ca_sha256)
            .field("address", &self.address)
            .finish_non_exhaustive()
    }
}

fn is_hex(s: &str, len: usize) -> bool {
    s.len() == len && s.bytes().all(|b| b.is_ascii_hexdigit())
}

impl Token {
    pub fn parse(text: &str) -> Result<Token, String> {
        let bad = || {
            "not a join token (expected SECRET.CA-SHA256@HOST:PORT from `keyhaven cluster token`)"
                .to_string()
        };
        let (head, address) = text.trim().split_once('@').ok_or_else(bad)?;
        let (secret, ca) = head.split_once('.').ok_or_else(bad)?;
        if !is_hex(secret, 64) || !is_hex(ca, 64) || address.is_empty() {
            return Err(bad());
        }
        Ok(Token {
            secret: Zeroizing::new(secret.to_ascii_lowercase()),
            ca_sha256: ca.to_ascii_lowercase(),
            address: address.to_owned(),
        })
    }
}

fn token_file(dir: &DataDir, secret: &str) -> PathBuf {
    dir.join_tokens()
        .join(hex::encode(Sha256::digest(secret.as_bytes())))
}

/// Issues a token for a node to join through `address` (this node's `--cluster-listen`).
pub fn issue(dir: &DataDir, address: &str, ttl_secs: i64) -> Result<String, String> {
    let ca_pem =
        std::fs::read(dir.ca_cert()).map_err(|e| format!("{}: {e}", dir.ca_cert().display()))?;
    let ca_der = crate::pki::parse_certificates(&ca_pem)
        .map_err(|e| e.to_string())?
        .into_iter()
        .next()
        .ok_or("the CA file holds no certificate")?;
    let mut secret = Zeroizing::new([0u8; 32]);
    crate::crypto::fill_random(&mut secret[..]);
    let secret = Zeroizing::new(hex::encode(&secret[..]));
    datadir::make_private_dir(&dir.join_tokens()).map_err(|e| e.to_string())?;
    let expires = crate::server::ops::now() + ttl_secs;
    datadir::write_file(
        &token_file(dir, &secret),
        expires.to_string().as_bytes(),
        0o600,
    )
    .map_err(|e| e.to_string())?;
    Ok(format!(
        "{}.{}@{address}",
        &*secret,
        crate::pki::fingerprint_hex(&ca_der)
            .replace(':', "")
            .to_ascii_lowercase()
    ))
}

/// Checks and consumes a token's secret: Ok once, for an unexpired token issued here.
pub fn consume(dir: &DataDir, secret: &str) -> Result<(), String> {
    if !is_hex(secret, 64) {
        return Err("malformed token".into());
    }
    let f = token_file(dir, &secret.to_ascii_lowercase());
    let expires: i64 = std::fs::read_to_string(&f)
        .map_err(|_| "unknown or already used token".to_string())?
        .trim()
        .parse()
        .map_err(|_| "damaged token record".to_string())?;
    // Removing the file is the one-time step: of two joins with one token, one removes it.
    std::fs::remove_file(&f).map_err(|_| "unknown or already used token".to_string())?;
    if crate::server::ops::now() > expires {
        return Err("expired token".into());
    }
    Ok(())
}
