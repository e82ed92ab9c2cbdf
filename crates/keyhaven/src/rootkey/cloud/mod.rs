//! Root keys in cloud key managers, reached over HTTPS with a least-privilege identity:
//! IBM Key Protect (and Hyper Protect Crypto Services, same API on its own endpoint), AWS KMS and
//! OpenBao / HashiCorp Vault Transit. Each provider maps its service's answers onto the states the
//! envelope acts on ([`crate::rootkey::RootKeyError`]): available; disabled; destroyed or pending
//! deletion; permission denied (naming what the identity lacks); unreachable, throttled or sealed
//! (transient: retried with backoff by [`http::HttpClient`], then the envelope's outage grace).
//!
//! Secrets (IBM API key, AWS secret key, Vault token or AppRole secret-id) are never in the
//! configuration: it names a file or an environment variable ([`SecretSource`]), read when needed.

pub mod aws_credentials;
pub mod aws_kms;
pub mod aws_sigv4;
pub mod http;
pub mod keyprotect;
pub mod mirror;
pub mod transit;

use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use super::RootKeyError;

/// Where a secret comes from: a file (trailing newlines ignored; keep it mode 0600) or an
/// environment variable, by name. Exactly one of the two.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecretSource {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<PathBuf>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub env: Option<String>,
}

impl SecretSource {
    pub fn is_set(&self) -> bool {
        self.file.is_some() || self.env.is_some()
    }

    /// Checks exactly one source is named and an environment name is plausible. `what` names the
    /// secret in messages.
    pub fn validate(&self, what: &str) -> Result<(), String> {
        match (&self.file, &self.env) {
            (Some(_), Some(_)) => Err(format!(
                "give either a file or an environment variable for the {what}, not both"
            )),
            (None, None) => Err(format!(
                "give a file or an environment variable holding the {what}"
            )),
            (None, Some(v)) if v.is_empty() || v.contains('=') || v.contains('\0') => {
                Err(format!("{v:?} is not an environment variable name"))
            }
            _ => Ok(()),
        }
    }

    /// Reads the secret now. Errors name the source, never the value.
    pub fn read(&self, what: &str) -> Result<Zeroizing<String>, RootKeyError> {
        let value = match (&self.file, &self.env) {
            (Some(f), _) => Zeroizing::new(std::fs::read_to_string(f).map_err(|e| {
                RootKeyError::Locked(format!("cannot read the {what} from {}: {e}", f.display()))
            })?),
            (None, Some(v)) => Zeroizing::new(std::env::var(v).map_err(|_| {
                RootKeyError::Locked(format!(
                    "the {what} is expected in the environment variable {v}, which is not set"
                ))
            })?),
            (None, None) => return Err(RootKeyError::Locked(format!("no source for the {what}"))),
        };
        let trimmed = value.trim_end_matches(['\r', '\n']);
        if trimmed.is_empty() {
            return Err(RootKeyError::Locked(format!(
                "the {what} ({}) is empty",
                self.describe()
            )));
        }
        Ok(Zeroizing::new(trimmed.to_owned()))
    }

    /// "file /x" or "$NAME", for listings.
    pub fn describe(&self) -> String {
        match (&self.file, &self.env) {
            (Some(f), _) => format!("file {}", f.display()),
            (None, Some(v)) => format!("${v}"),
            (None, None) => "none".into(),
        }
    }
}

/// Base64 (standard alphabet, padded), as the three services use in JSON.
pub(crate) fn b64(data: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(data)
}

pub(crate) fn unb64(text: &str) -> Result<Zeroizing<Vec<u8>>, RootKeyError> {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD
        .decode(text)
        .map(Zeroizing::new)
        .map_err(|e| RootKeyError::Io(format!("bad base64 in the answer: {e}")))
}

/// A short, printable excerpt of an error answer (error bodies carry no key material).
pub(crate) fn excerpt(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    let mut s: String = text.chars().filter(|c| !c.is_control()).take(300).collect();
    if text.chars().count() > 300 {
        s.push('…');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_sources() {
        let dir = tempfile::tempdir().expect("tempdir");
        let f = dir.path().join("k");
        std::fs::write(&f, "s3cret\n").expect("write");
        let s = SecretSource {
            file: Some(f.clone()),
            env: None,
        };
        assert!(s.validate("API key").is_ok());
        assert_eq!(s.read("API key").expect("read").as_str(), "s3cret");
        let s = SecretSource {
            file: None,
            env: Some("KEYHAVEN_TEST_NO_SUCH_VAR".into()),
        };
        let e = s.read("API key").unwrap_err().to_string();
        assert!(e.contains("KEYHAVEN_TEST_NO_SUCH_VAR"), "{e}");
        assert!(SecretSource::default().validate("x").is_err());
        let both = SecretSource {
            file: Some(f),
            env: Some("X".into()),
        };
        assert!(both.validate("x").is_err());
        std::fs::write(dir.path().join("e"), "\n").expect("write");
        let empty = SecretSource {
            file: Some(dir.path().join("e")),
            env: None,
        };
        assert!(empty.read("x").unwrap_err().to_string().contains("empty"));
    }
}
