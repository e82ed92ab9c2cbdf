//! Named root-key providers, configured per node in `DATA/providers.json` (mode 0600).
//!
//! The file holds how to reach each provider (for PKCS#11: the library path, the token and where
//! the PIN comes from), never a secret. Module paths and PIN files are facts of the host, so every
//! node of a cluster keeps its own file; tenants (in the shared store) name their provider, and
//! each node must have a provider of that name. "local" is built in and never in the file.
//!
//! ```json
//! {"providers": [{"name": "hsm1", "type": "pkcs11", "module": "/usr/lib/softhsm/libsofthsm2.so",
//!                 "token_label": "keyhaven", "pin_file": "/etc/keyhaven/hsm1.pin"}]}
//! ```

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::cloud::aws_kms::{AwsKmsConfig, AwsKmsProvider};
use super::cloud::keyprotect::{KeyProtectConfig, KeyProtectProvider};
use super::cloud::transit::{TransitConfig, TransitProvider};
use super::pkcs11::{Pkcs11Config, Pkcs11Provider};
use super::{ProviderResolver, RootKeyError, RootKeyProvider, LOCAL_PROVIDER};

/// The settings of one provider type.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum ProviderSettings {
    Pkcs11(Pkcs11Config),
    /// IBM Key Protect or Hyper Protect Crypto Services.
    Keyprotect(KeyProtectConfig),
    #[serde(rename = "aws-kms")]
    AwsKms(AwsKmsConfig),
    /// OpenBao or HashiCorp Vault Transit.
    Transit(TransitConfig),
}

/// One named provider.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProviderConfig {
    pub name: String,
    #[serde(flatten)]
    pub settings: ProviderSettings,
}

impl ProviderConfig {
    pub fn kind(&self) -> &'static str {
        match self.settings {
            ProviderSettings::Pkcs11(_) => "pkcs11",
            ProviderSettings::Keyprotect(_) => "keyprotect",
            ProviderSettings::AwsKms(_) => "aws-kms",
            ProviderSettings::Transit(_) => "transit",
        }
    }

    pub fn summary(&self) -> String {
        match &self.settings {
            ProviderSettings::Pkcs11(c) => c.summary(),
            ProviderSettings::Keyprotect(c) => c.summary(),
            ProviderSettings::AwsKms(c) => c.summary(),
            ProviderSettings::Transit(c) => c.summary(),
        }
    }

    /// Opens the provider (lazily: nothing is contacted yet).
    pub fn open(&self) -> Result<Arc<dyn RootKeyProvider>, RootKeyError> {
        match &self.settings {
            ProviderSettings::Pkcs11(c) => {
                Ok(Arc::new(Pkcs11Provider::new(&self.name, c.clone())?))
            }
            ProviderSettings::Keyprotect(c) => {
                Ok(Arc::new(KeyProtectProvider::new(&self.name, c.clone())?))
            }
            ProviderSettings::AwsKms(c) => {
                Ok(Arc::new(AwsKmsProvider::new(&self.name, c.clone())?))
            }
            ProviderSettings::Transit(c) => {
                Ok(Arc::new(TransitProvider::new(&self.name, c.clone())?))
            }
        }
    }
}

#[derive(Default, Serialize, Deserialize)]
struct ProvidersFile {
    #[serde(default)]
    providers: Vec<ProviderConfig>,
}

/// Provider names: 1 to 32 of `[a-z0-9_-]`, starting with a letter or digit; "local" is taken.
pub fn validate_name(name: &str) -> Result<(), String> {
    let ok = !name.is_empty()
        && name.len() <= 32
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
        && name.as_bytes()[0].is_ascii_alphanumeric();
    if !ok {
        return Err(format!(
            "{name:?} is not a valid provider name (1 to 32 of a-z, 0-9, '-', '_')"
        ));
    }
    if name == LOCAL_PROVIDER {
        return Err("\"local\" is the built-in local provider".into());
    }
    Ok(())
}

/// The configured providers; none when the file does not exist.
pub fn load(path: &Path) -> Result<Vec<ProviderConfig>, String> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(format!("{}: {e}", path.display())),
    };
    let file: ProvidersFile =
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    for p in &file.providers {
        validate_name(&p.name).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(file.providers)
}

/// Writes the provider list atomically (mode 0600).
pub fn save(path: &Path, providers: &[ProviderConfig]) -> Result<(), String> {
    let file = ProvidersFile {
        providers: providers.to_vec(),
    };
    let mut text = serde_json::to_string_pretty(&file).map_err(|e| e.to_string())?;
    text.push('\n');
    crate::datadir::write_file(path, text.as_bytes(), 0o600).map_err(|e| e.to_string())
}

/// A resolver that opens providers named in `path` on first use (so a provider added while the
/// server runs is picked up by the tenant that names it).
pub fn resolver(path: PathBuf) -> ProviderResolver {
    Arc::new(move |name: &str| {
        let list = load(&path).map_err(RootKeyError::Io)?;
        match list.into_iter().find(|p| p.name == name) {
            Some(p) => p
                .open()
                .map(|p| Some(crate::server::metrics::rootkey::MeteredProvider::wrap(p))),
            None => Ok(None),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        for ok in ["hsm1", "luna-prod", "a", "x_2"] {
            assert!(validate_name(ok).is_ok(), "{ok}");
        }
        for bad in ["", "local", "HSM", "-x", "a/b", "a b", &"a".repeat(33)] {
            assert!(validate_name(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn save_load_resolve() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("providers.json");
        assert!(load(&path).expect("load").is_empty());
        let p = ProviderConfig {
            name: "hsm1".into(),
            settings: ProviderSettings::Pkcs11(Pkcs11Config {
                module: "/usr/lib/softhsm/libsofthsm2.so".into(),
                token_label: Some("kh".into()),
                slot: None,
                pin_file: Some("/etc/pin".into()),
                pin_env: None,
                max_idle_sessions: None,
            }),
        };
        save(&path, std::slice::from_ref(&p)).expect("save");
        let text = std::fs::read_to_string(&path).expect("read");
        assert!(text.contains("\"type\": \"pkcs11\""), "{text}");
        assert_eq!(load(&path).expect("load"), vec![p]);
        let r = resolver(path.clone());
        let hsm = r("hsm1").expect("resolve").expect("present");
        assert_eq!(hsm.name(), "hsm1");
        assert_eq!(hsm.kind(), "pkcs11");
        assert!(r("other").expect("resolve").is_none());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).expect("stat").permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        std::fs::write(&path, "{not json").expect("write");
        assert!(r("hsm1").is_err());
    }
}
