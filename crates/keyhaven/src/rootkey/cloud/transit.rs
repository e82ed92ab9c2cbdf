//! Root keys in the Transit secrets engine of OpenBao or HashiCorp Vault (same HTTP API).
//!
//! A root key is a Transit key of type `aes256-gcm96` (an AEAD key, so `associated_data` binds each
//! wrapped tenant key to its tenant); the reference stored with the tenant is the key's name.
//! Calls (header `X-Vault-Token`, plus `X-Vault-Namespace` when configured):
//!
//! | what | call | policy needed |
//! |---|---|---|
//! | wrap | `POST /v1/{mount}/encrypt/{key}` `{"plaintext", "associated_data"}` → `data.ciphertext` | `update` on `{mount}/encrypt/{key}` |
//! | unwrap | `POST /v1/{mount}/decrypt/{key}` `{"ciphertext", "associated_data"}` → `data.plaintext` | `update` on `{mount}/decrypt/{key}` |
//! | state | an encrypt of a probe (and a decrypt when refused, to tell a deleted key) | the two above |
//! | create | `POST /v1/{mount}/keys/{key}` `{"type": "aes256-gcm96"}` | `create, update` on `{mount}/keys/{key}` (admin) |
//! | rotate | `POST /v1/{mount}/keys/{key}/rotate` | `update` on `{mount}/keys/{key}/rotate` (admin) |
//! | AppRole login | `POST /v1/auth/{approle mount}/login` `{"role_id", "secret_id"}` | — |
//! | token renewal | `GET /v1/auth/token/lookup-self`, `POST /v1/auth/token/renew-self` | the default policy |
//!
//! Versions: ciphertexts carry their key version (`vault:vN:`); a rotated key still decrypts older
//! versions (down to its `min_decryption_version`), and `tenant rotate-root` rotates the key and
//! wraps the tenant key again under the newest version. Transit's own `rewrap` endpoint ignores
//! `associated_data` (checked on OpenBao 2.7: it fails to authenticate AEAD ciphertexts made with
//! associated data), so re-wrapping is a decrypt and an encrypt.
//!
//! What "disabled" means here: Transit keys have no disabled state. Keyhaven therefore cannot
//! disable or enable a Transit key (`tenant disable-root-key` says so); an administrator withdraws
//! the identity's policy instead, which Keyhaven sees as permission denied and acts on like a
//! disabled key (the tenant's keys are refused within the check interval, served again once the
//! policy is back). A deleted key ("encryption key not found") is destroyed: the tenant is
//! shredded. A sealed server (503), throttling (429) and connection failures are transient.

use std::path::PathBuf;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use serde_json::json;
use zeroize::Zeroizing;

use super::http::{self, HttpClient, Request, Response};
use super::{b64, excerpt, unb64, SecretSource};
use crate::rootkey::{RootKeyError, RootKeyProvider, RootKeyStatus};

/// Names of the root keys Keyhaven creates: this prefix and a UUID.
pub const NAME_PREFIX: &str = "keyhaven-crk-";
const PROBE_AAD: &[u8] = b"keyhaven-status-probe";
/// A syntactically valid ciphertext no key opens: decrypting it tells "key not found" from others.
const BOGUS_CIPHERTEXT: &str = "vault:v1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

/// How Keyhaven logs in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "method", rename_all = "lowercase")]
pub enum TransitAuth {
    /// A token (renewed while it is renewable).
    Token { token: SecretSource },
    /// AppRole: a role ID (not secret) and a secret ID.
    Approle {
        #[serde(default = "default_approle_mount")]
        mount: String,
        role_id: String,
        secret_id: SecretSource,
    },
}

fn default_approle_mount() -> String {
    "approle".into()
}

fn default_mount() -> String {
    "transit".into()
}

/// How to reach one Vault / OpenBao server's Transit engine.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TransitConfig {
    /// The server address, e.g. `https://vault.example.com:8200`.
    pub address: String,
    /// The Transit engine's mount path (default `transit`).
    #[serde(default = "default_mount")]
    pub mount: String,
    /// A Vault Enterprise / OpenBao namespace.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
    pub auth: TransitAuth,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ca_file: Option<PathBuf>,
}

fn valid_path(p: &str) -> bool {
    !p.is_empty()
        && p.len() <= 128
        && p.split('/').all(|s| {
            !s.is_empty()
                && s != ".."
                && s.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
        })
}

impl TransitConfig {
    pub fn validate(&self) -> Result<(), String> {
        http::Url::parse(&self.address)?;
        if !valid_path(&self.mount) {
            return Err(format!("{:?} is not a mount path", self.mount));
        }
        match &self.auth {
            TransitAuth::Token { token } => token.validate("Vault token"),
            TransitAuth::Approle {
                mount,
                role_id,
                secret_id,
            } => {
                if !valid_path(mount) {
                    return Err(format!("{mount:?} is not a mount path"));
                }
                if role_id.is_empty()
                    || role_id.len() > 256
                    || role_id.chars().any(char::is_control)
                {
                    return Err("the AppRole role ID is empty or malformed".into());
                }
                secret_id.validate("AppRole secret ID")
            }
        }
    }

    pub fn summary(&self) -> String {
        let auth = match &self.auth {
            TransitAuth::Token { token } => format!("token in {}", token.describe()),
            TransitAuth::Approle {
                mount,
                role_id,
                secret_id,
            } => format!(
                "AppRole {role_id} at auth/{mount}, secret ID in {}",
                secret_id.describe()
            ),
        };
        format!(
            "{} mount {}{}, {auth}",
            self.address.trim_end_matches('/'),
            self.mount,
            self.namespace
                .as_deref()
                .map(|n| format!(" namespace {n}"))
                .unwrap_or_default()
        )
    }
}

struct Session {
    token: Zeroizing<String>,
    /// When to renew (or log in again); None: never (not renewable).
    renew_at: Option<Instant>,
}

/// A named Transit root-key provider.
pub struct TransitProvider {
    name: String,
    config: TransitConfig,
    http: HttpClient,
    session: Mutex<Option<Session>>,
}

impl std::fmt::Debug for TransitProvider {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TransitProvider")
            .field("name", &self.name)
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

/// `errors` of a Vault error answer, joined.
fn errors(r: &Response) -> String {
    match r.json() {
        Ok(v) => match v["errors"].as_array() {
            Some(a) if !a.is_empty() => a
                .iter()
                .filter_map(|e| e.as_str())
                .map(|e| e.replace(['\n', '\t'], " ").trim().to_owned())
                .collect::<Vec<_>>()
                .join("; "),
            _ => excerpt(&r.body),
        },
        Err(_) => excerpt(&r.body),
    }
}

impl TransitProvider {
    pub fn new(name: &str, config: TransitConfig) -> Result<Self, RootKeyError> {
        config.validate().map_err(RootKeyError::Io)?;
        let http = HttpClient::new(config.ca_file.as_deref()).map_err(RootKeyError::Io)?;
        Ok(TransitProvider {
            name: name.to_owned(),
            config,
            http,
            session: Mutex::new(None),
        })
    }

    fn url(&self, path: &str) -> String {
        format!("{}/v1/{path}", self.config.address.trim_end_matches('/'))
    }

    fn raw(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: Option<&serde_json::Value>,
    ) -> Result<Response, RootKeyError> {
        let url = self.url(path);
        let body = Zeroizing::new(body.map(|b| b.to_string()).unwrap_or_default());
        let mut req = Request::new(method, &url).body(body.as_bytes().to_vec());
        if !body.is_empty() {
            req = req.header("Content-Type", "application/json");
        }
        if let Some(t) = token {
            req = req.header("X-Vault-Token", t);
        }
        if let Some(ns) = &self.config.namespace {
            req = req.header("X-Vault-Namespace", ns.clone());
        }
        let r = self.http.call("Vault/OpenBao", &req)?;
        if r.is_transient() {
            return Err(RootKeyError::Unavailable(format!(
                "Vault/OpenBao at {}: HTTP {}: {}",
                self.config.address,
                r.status,
                errors(&r)
            )));
        }
        Ok(r)
    }

    /// Logs in (AppRole) or takes the configured token, and learns when to renew it.
    fn login(&self) -> Result<Session, RootKeyError> {
        match &self.config.auth {
            TransitAuth::Token { token } => {
                let token = token.read("Vault token")?;
                let r = self.raw("GET", "auth/token/lookup-self", Some(&token), None)?;
                let renew_at = if r.is_success() {
                    let v = r.json().map_err(RootKeyError::Io)?;
                    let ttl = v["data"]["ttl"].as_u64().unwrap_or(0);
                    let renewable = v["data"]["renewable"].as_bool().unwrap_or(false);
                    (renewable && ttl > 0).then(|| Instant::now() + Duration::from_secs(ttl / 2))
                } else {
                    // lookup-self withheld by policy: use the token as it is.
                    None
                };
                Ok(Session { token, renew_at })
            }
            TransitAuth::Approle {
                mount,
                role_id,
                secret_id,
            } => {
                let secret = secret_id.read("AppRole secret ID")?;
                let body = json!({"role_id": role_id, "secret_id": secret.as_str()});
                let r = self.raw("POST", &format!("auth/{mount}/login"), None, Some(&body))?;
                if !r.is_success() {
                    return Err(RootKeyError::PermissionDenied(format!(
                        "AppRole login at auth/{mount} with role ID {role_id} refused: HTTP {}: {}",
                        r.status,
                        errors(&r)
                    )));
                }
                let v: serde_json::Value = serde_json::from_slice(&r.body)
                    .map_err(|_| RootKeyError::Io("AppRole login: answer is not JSON".into()))?;
                let token = v["auth"]["client_token"].as_str().ok_or_else(|| {
                    RootKeyError::Io("AppRole login: no client_token in the answer".into())
                })?;
                let lease = v["auth"]["lease_duration"].as_u64().unwrap_or(0);
                Ok(Session {
                    token: Zeroizing::new(token.to_owned()),
                    renew_at: (lease > 0)
                        .then(|| Instant::now() + Duration::from_secs(lease * 2 / 3)),
                })
            }
        }
    }

    /// The token to use now: logged in, renewed or logged in again as needed.
    fn token(&self, fresh: bool) -> Result<Zeroizing<String>, RootKeyError> {
        let mut slot = self.session.lock().unwrap_or_else(|p| p.into_inner());
        if fresh {
            *slot = None;
        }
        if let Some(s) = slot.as_mut() {
            match s.renew_at {
                Some(at) if Instant::now() >= at => {
                    let r = self.raw(
                        "POST",
                        "auth/token/renew-self",
                        Some(&s.token),
                        Some(&json!({})),
                    )?;
                    let lease = r
                        .json()
                        .ok()
                        .and_then(|v| v["auth"]["lease_duration"].as_u64())
                        .unwrap_or(0);
                    if r.is_success() && lease > 0 {
                        s.renew_at = Some(Instant::now() + Duration::from_secs(lease / 2));
                        tracing::debug!(provider = %self.name, "Vault token renewed");
                    } else {
                        // Not renewable any more (max TTL): log in again.
                        *slot = None;
                    }
                }
                _ => {}
            }
        }
        if slot.is_none() {
            *slot = Some(self.login()?);
        }
        Ok(slot.as_ref().map(|s| s.token.clone()).unwrap_or_default())
    }

    /// A Transit call; one more try with a fresh login after a 403 (expired token).
    fn transit(
        &self,
        op: &str,
        key: &str,
        body: &serde_json::Value,
    ) -> Result<Response, RootKeyError> {
        let path = format!("{}/{op}/{}", self.config.mount, http::path_segment(key));
        let mut r = self.raw("POST", &path, Some(&self.token(false)?), Some(body))?;
        if r.status == 403 {
            r = self.raw("POST", &path, Some(&self.token(true)?), Some(body))?;
        }
        if r.is_success() {
            Ok(r)
        } else {
            Err(self.fail(op, key, &r))
        }
    }

    fn fail(&self, op: &str, key: &str, r: &Response) -> RootKeyError {
        let text = errors(r);
        let path = format!("{}/{op}/{key}", self.config.mount);
        let what = format!("Transit {op} with key {key}: HTTP {}: {text}", r.status);
        let lower = text.to_ascii_lowercase();
        match r.status {
            403 => RootKeyError::PermissionDenied(format!(
                "{what}: the identity's policy needs capability \"update\" on path \"{path}\""
            )),
            400 | 404 if lower.contains("not found") => RootKeyError::KeyNotFound(what),
            400 if op == "decrypt" => RootKeyError::Integrity(what),
            _ => RootKeyError::Io(what),
        }
    }

    fn ciphertext(r: &Response) -> Result<String, RootKeyError> {
        let v = r.json().map_err(RootKeyError::Io)?;
        v["data"]["ciphertext"]
            .as_str()
            .map(str::to_owned)
            .ok_or_else(|| RootKeyError::Io("Transit: no ciphertext in the answer".into()))
    }

    /// Admin calls on `{mount}/keys/...` (create, rotate).
    fn keys_call(&self, op: &str, path: &str, body: serde_json::Value) -> Result<(), RootKeyError> {
        let full = format!("{}/keys/{path}", self.config.mount);
        let r = self.raw("POST", &full, Some(&self.token(false)?), Some(&body))?;
        if r.is_success() {
            return Ok(());
        }
        Err(match r.status {
            403 => RootKeyError::PermissionDenied(format!(
                "Transit {op}: HTTP 403: {}: the identity's policy needs capability \"update\" on path \"{full}\" (an administrator's identity, not the server's)",
                errors(&r)
            )),
            _ => RootKeyError::Io(format!("Transit {op}: HTTP {}: {}", r.status, errors(&r))),
        })
    }

    /// Logs in and encrypts a probe: one line for `provider check`.
    pub fn check_server(&self) -> Result<String, RootKeyError> {
        self.token(true)?;
        let r = self.raw("GET", "sys/health", None, None)?;
        let version = r
            .json()
            .ok()
            .and_then(|v| v["version"].as_str().map(str::to_owned))
            .unwrap_or_else(|| "?".into());
        Ok(format!(
            "Vault/OpenBao {version} at {}: logged in ({}), Transit mount {}",
            self.config.address,
            match self.config.auth {
                TransitAuth::Token { .. } => "token",
                TransitAuth::Approle { .. } => "AppRole",
            },
            self.config.mount
        ))
    }
}

fn wrapped_text(wrapped: &[u8]) -> Result<&str, RootKeyError> {
    std::str::from_utf8(wrapped)
        .ok()
        .filter(|t| t.starts_with("vault:v"))
        .ok_or_else(|| RootKeyError::Integrity("wrapped key is not a Transit ciphertext".into()))
}

impl RootKeyProvider for TransitProvider {
    fn kind(&self) -> &'static str {
        "transit"
    }

    fn name(&self) -> &str {
        &self.name
    }

    fn create_key(&self) -> Result<String, RootKeyError> {
        let name = format!("{NAME_PREFIX}{}", uuid::Uuid::new_v4());
        self.keys_call("create key", &name, json!({"type": "aes256-gcm96"}))?;
        tracing::info!(provider = %self.name, key = %name, "root key created in Transit");
        Ok(name)
    }

    fn wrap(&self, key_ref: &str, plaintext: &[u8], aad: &[u8]) -> Result<Vec<u8>, RootKeyError> {
        let body = json!({"plaintext": b64(plaintext), "associated_data": b64(aad)});
        let r = self.transit("encrypt", key_ref, &body)?;
        Ok(Self::ciphertext(&r)?.into_bytes())
    }

    fn unwrap(
        &self,
        key_ref: &str,
        wrapped: &[u8],
        aad: &[u8],
    ) -> Result<Zeroizing<Vec<u8>>, RootKeyError> {
        let body = json!({"ciphertext": wrapped_text(wrapped)?, "associated_data": b64(aad)});
        let r = self.transit("decrypt", key_ref, &body)?;
        let v: serde_json::Value = serde_json::from_slice(&r.body)
            .map_err(|_| RootKeyError::Io("Transit decrypt: answer is not JSON".into()))?;
        unb64(v["data"]["plaintext"].as_str().ok_or_else(|| {
            RootKeyError::Io("Transit decrypt: no plaintext in the answer".into())
        })?)
    }

    fn status(&self, key_ref: &str) -> Result<RootKeyStatus, RootKeyError> {
        let probe = json!({"plaintext": b64(&[0u8; 16]), "associated_data": b64(PROBE_AAD)});
        match self.transit("encrypt", key_ref, &probe) {
            Ok(_) => Ok(RootKeyStatus::Active),
            Err(RootKeyError::KeyNotFound(_)) => Ok(RootKeyStatus::Destroyed),
            Err(RootKeyError::PermissionDenied(m)) => {
                // Encrypting into a missing key is an upsert (needs "create"): refused. Tell a
                // deleted key from a withdrawn policy with a decrypt.
                let body =
                    json!({"ciphertext": BOGUS_CIPHERTEXT, "associated_data": b64(PROBE_AAD)});
                match self.transit("decrypt", key_ref, &body) {
                    Err(RootKeyError::KeyNotFound(_)) => Ok(RootKeyStatus::Destroyed),
                    _ => Err(RootKeyError::PermissionDenied(m)),
                }
            }
            Err(e) => Err(e),
        }
    }

    fn find_key(&self, name: &str) -> Result<String, RootKeyError> {
        if !valid_path(name) || name.contains('/') {
            return Err(RootKeyError::KeyNotFound(format!(
                "{name:?} is not a Transit key name"
            )));
        }
        let probe = [7u8; 32];
        let w = self.wrap(name, &probe, b"keyhaven-adopt-check")?;
        let back = self.unwrap(name, &w, b"keyhaven-adopt-check")?;
        if back.as_slice() != probe {
            return Err(RootKeyError::Integrity(format!(
                "Transit key {name}: round trip gave other bytes"
            )));
        }
        Ok(name.to_owned())
    }

    fn disable_key(&self, key_ref: &str) -> Result<(), RootKeyError> {
        Err(RootKeyError::Unsupported(format!(
            "Transit keys have no disabled state: to stop Keyhaven using {key_ref}, remove \"update\" on {}/decrypt/{key_ref} and {}/encrypt/{key_ref} from its policy (restore it to enable)",
            self.config.mount, self.config.mount
        )))
    }

    fn enable_key(&self, key_ref: &str) -> Result<(), RootKeyError> {
        self.disable_key(key_ref)
    }

    fn rotates_in_place(&self) -> bool {
        true
    }

    fn binds_key_version(&self) -> bool {
        true
    }

    fn rotate_key(&self, key_ref: &str) -> Result<(), RootKeyError> {
        self.keys_call(
            "rotate",
            &format!("{}/rotate", http::path_segment(key_ref)),
            json!({}),
        )
    }

    fn check(&self) -> Result<String, RootKeyError> {
        self.check_server()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn config() {
        let c = TransitConfig {
            address: "http://127.0.0.1:8200".into(),
            mount: "transit".into(),
            namespace: None,
            auth: TransitAuth::Approle {
                mount: "approle".into(),
                role_id: "r-1".into(),
                secret_id: SecretSource {
                    file: None,
                    env: Some("KH_SECRET_ID".into()),
                },
            },
            ca_file: None,
        };
        assert!(c.validate().is_ok());
        let text = serde_json::to_string(&c).expect("json");
        assert!(text.contains("\"method\":\"approle\""), "{text}");
        assert_eq!(
            serde_json::from_str::<TransitConfig>(&text).expect("parse"),
            c
        );
        let mut bad = c.clone();
        bad.mount = "../x".into();
        assert!(bad.validate().is_err());
        assert!(c.summary().contains("$KH_SECRET_ID"));
        assert!(valid_path("kv/transit-2") && !valid_path("a//b") && !valid_path(""));
    }
}
