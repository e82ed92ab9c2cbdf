//! Root keys in IBM Key Protect (REST API v2), and in Hyper Protect Crypto Services, which serves
//! the same key-management API on its own endpoint (`https://<instance>.api.<region>.hs-crypto.
//! appdomain.cloud`): the provider differs only by `--endpoint`.
//!
//! A root key is a Key Protect root key (`extractable: false`); the reference stored with the
//! tenant is its key ID. Calls (all with `Authorization: Bearer <IAM token>` and
//! `bluemix-instance: <instance ID>`, plus `x-kms-key-ring` when configured):
//!
//! | what | call |
//! |---|---|
//! | IAM token | `POST {iam}/identity/token`, form `grant_type=urn:ibm:params:oauth:grant-type:apikey&apikey=…` |
//! | create | `POST /api/v2/keys` (`application/vnd.ibm.kms.key+json`) |
//! | adopt / state | `GET /api/v2/keys/{id or alias}/metadata` → `resources[0].state` |
//! | wrap | `POST /api/v2/keys/{id}/actions/wrap` `{"plaintext", "aad": [..]}` → `ciphertext` |
//! | unwrap | `POST /api/v2/keys/{id}/actions/unwrap` `{"ciphertext", "aad"}` → `plaintext`, and `rewrappedKey` after a rotation |
//! | rewrap | `POST /api/v2/keys/{id}/actions/rewrap` `{"ciphertext", "aad"}` → `ciphertext` |
//! | rotate | `POST /api/v2/keys/{id}/actions/rotate` |
//! | disable / enable | `POST /api/v2/keys/{id}/actions/disable` / `…/enable` |
//!
//! Actions are sent as `application/vnd.ibm.kms.key_action+json`. Key states: 0 pre-activation,
//! 1 active, 2 suspended (disabled), 3 deactivated, 5 destroyed.
//!
//! The IAM token (about an hour) is fetched from the service ID's API key and refreshed when less
//! than a fifth of its life (at least a minute) is left, or at once after a 401.
//!
//! Associated data: Key Protect takes AAD as a list of strings; Keyhaven sends one, the envelope's
//! associated data (tenant and wrapping-key format) in base64, so a wrapped key moved to another
//! tenant does not unwrap.
//!
//! Error answers map to: 401 → token refreshed once, then permission denied; 403 → permission
//! denied naming the IAM action and role; 404, 410 (`KEY_DELETED_ERR`) → key not found (deleted);
//! 409 (`KEY_ACTION_INVALID_STATE_ERR`), 422 (`KEY_INVALID_STATE_ERR`) → key disabled (not
//! active); 422 `UNPROCESSABLE_CIPHERTEXT_ERR` and 400 on unwrap → integrity; 429, 5xx and
//! connection errors → retried, then unavailable. Errors come as
//! `{"metadata": {"collectionType": "application/vnd.ibm.kms.error+json"}, "resources":
//! [{"errorMsg", "reasons": [{"code", "message", "status", "moreInfo"}]}]}`.

use std::path::PathBuf;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use serde_json::json;
use zeroize::Zeroizing;

use super::http::{self, HttpClient, Request, Response};
use super::{b64, excerpt, unb64, SecretSource};
use crate::rootkey::{RootKeyError, RootKeyProvider, RootKeyStatus};

/// IBM Cloud's public IAM endpoint.
pub const DEFAULT_IAM_ENDPOINT: &str = "https://iam.cloud.ibm.com";
const ACTION_TYPE: &str = "application/vnd.ibm.kms.key_action+json";
const KEY_TYPE: &str = "application/vnd.ibm.kms.key+json";
/// Names of the root keys Keyhaven creates: this prefix and a UUID.
pub const NAME_PREFIX: &str = "keyhaven-crk-";

/// How to reach one Key Protect (or HPCS) instance.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyProtectConfig {
    /// The service endpoint, e.g. `https://us-south.kms.cloud.ibm.com` (public),
    /// `https://private.us-south.kms.cloud.ibm.com` (private) or an HPCS instance's endpoint.
    pub endpoint: String,
    /// The instance ID (GUID), sent as `bluemix-instance`.
    pub instance_id: String,
    /// The IAM endpoint (default the public one; `https://private.iam.cloud.ibm.com` for private).
    #[serde(default = "default_iam")]
    pub iam_endpoint: String,
    /// Where the service ID's API key comes from.
    pub api_key: SecretSource,
    /// A key ring of the instance (header `x-kms-key-ring`), if keys live outside the default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_ring: Option<String>,
    /// Extra CA certificates (PEM) to trust for both endpoints.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ca_file: Option<PathBuf>,
}

fn default_iam() -> String {
    DEFAULT_IAM_ENDPOINT.to_owned()
}

impl KeyProtectConfig {
    pub fn validate(&self) -> Result<(), String> {
        for (what, u) in [
            ("endpoint", &self.endpoint),
            ("IAM endpoint", &self.iam_endpoint),
        ] {
            http::Url::parse(u).map_err(|e| format!("{what}: {e}"))?;
        }
        if self.instance_id.is_empty()
            || self.instance_id.len() > 64
            || !self
                .instance_id
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        {
            return Err(format!("{:?} is not an instance ID", self.instance_id));
        }
        self.api_key.validate("API key")
    }

    pub fn summary(&self) -> String {
        format!(
            "{} instance {}, API key in {}{}",
            self.endpoint.trim_end_matches('/'),
            self.instance_id,
            self.api_key.describe(),
            self.key_ring
                .as_deref()
                .map(|r| format!(", key ring {r}"))
                .unwrap_or_default()
        )
    }
}

struct Token {
    value: Zeroizing<String>,
    refresh_at: Instant,
}

/// A named Key Protect root-key provider.
pub struct KeyProtectProvider {
    name: String,
    config: KeyProtectConfig,
    http: HttpClient,
    token: Mutex<Option<Token>>,
}

impl std::fmt::Debug for KeyProtectProvider {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KeyProtectProvider")
            .field("name", &self.name)
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

/// What an operation needs, for permission-denied messages: (IAM action, least role).
fn needs(op: &str) -> (&'static str, &'static str) {
    match op {
        "wrap" => ("kms.secrets.wrap", "Reader"),
        "unwrap" => ("kms.secrets.unwrap", "Reader"),
        "rewrap" => ("kms.secrets.rewrap", "Reader"),
        "metadata" => ("kms.secrets.readmetadata", "Reader"),
        "create" => ("kms.secrets.create", "Writer"),
        "rotate" => ("kms.secrets.rotate", "Writer"),
        "disable" => ("kms.secrets.disable", "Manager"),
        "enable" => ("kms.secrets.enable", "Manager"),
        _ => ("?", "Reader"),
    }
}

/// The error message of a Key Protect error answer: `resources[0].errorMsg` and reason codes.
fn error_text(r: &Response) -> String {
    let Ok(v) = r.json() else {
        return format!("HTTP {}: {}", r.status, excerpt(&r.body));
    };
    let res = &v["resources"][0];
    let mut text = res["errorMsg"].as_str().unwrap_or("").to_owned();
    if let Some(reasons) = res["reasons"].as_array() {
        let codes: Vec<String> = reasons
            .iter()
            .filter_map(|x| {
                let code = x["code"].as_str()?;
                Some(match x["message"].as_str() {
                    Some(m) => format!("{code}: {m}"),
                    None => code.to_owned(),
                })
            })
            .collect();
        if !codes.is_empty() {
            text.push_str(&format!(" ({})", codes.join("; ")));
        }
    }
    if text.is_empty() {
        text = excerpt(&r.body);
    }
    format!("HTTP {}: {text}", r.status)
}

impl KeyProtectProvider {
    pub fn new(name: &str, config: KeyProtectConfig) -> Result<Self, RootKeyError> {
        config.validate().map_err(RootKeyError::Io)?;
        let http = HttpClient::new(config.ca_file.as_deref()).map_err(RootKeyError::Io)?;
        Ok(KeyProtectProvider {
            name: name.to_owned(),
            config,
            http,
            token: Mutex::new(None),
        })
    }

    fn base(&self) -> &str {
        self.config.endpoint.trim_end_matches('/')
    }

    /// A valid IAM access token (fetched or refreshed when needed).
    fn token(&self, force: bool) -> Result<Zeroizing<String>, RootKeyError> {
        let mut slot = self.token.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(t) = slot.as_ref() {
            if !force && Instant::now() < t.refresh_at {
                return Ok(t.value.clone());
            }
        }
        let api_key = self.config.api_key.read("Key Protect API key")?;
        let body = Zeroizing::new(format!(
            "grant_type={}&apikey={}",
            http::form_encode("urn:ibm:params:oauth:grant-type:apikey"),
            http::form_encode(&api_key)
        ));
        let url = format!(
            "{}/identity/token",
            self.config.iam_endpoint.trim_end_matches('/')
        );
        let r = self.http.call(
            "IBM Cloud IAM",
            &Request::new("POST", &url)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .body(body.as_bytes().to_vec()),
        )?;
        if r.is_transient() {
            return Err(RootKeyError::Unavailable(format!(
                "IBM Cloud IAM: HTTP {}",
                r.status
            )));
        }
        if !r.is_success() {
            let v = r.json().unwrap_or_default();
            let msg = v["errorMessage"]
                .as_str()
                .map(str::to_owned)
                .unwrap_or_else(|| excerpt(&r.body));
            return Err(RootKeyError::PermissionDenied(format!(
                "IBM Cloud IAM refused the API key ({}): HTTP {}: {msg}",
                self.config.api_key.describe(),
                r.status
            )));
        }
        let v = r.json().map_err(RootKeyError::Io)?;
        let token = v["access_token"].as_str().ok_or_else(|| {
            RootKeyError::Io("IBM Cloud IAM: no access_token in the answer".into())
        })?;
        let life = Duration::from_secs(v["expires_in"].as_u64().unwrap_or(3600).max(1));
        let early = (life / 5).max(Duration::from_secs(60)).min(life / 2);
        let value = Zeroizing::new(token.to_owned());
        *slot = Some(Token {
            value: value.clone(),
            refresh_at: Instant::now() + life - early,
        });
        Ok(value)
    }

    /// Sends one Key Protect call; a 401 gets one fresh token and one more try.
    fn send(
        &self,
        method: &str,
        path: &str,
        content_type: Option<&str>,
        body: Option<&serde_json::Value>,
    ) -> Result<Response, RootKeyError> {
        let url = format!("{}{path}", self.base());
        let body = Zeroizing::new(body.map(|b| b.to_string()).unwrap_or_default());
        for attempt in 0..2 {
            let token = self.token(attempt > 0)?;
            let mut req = Request::new(method, &url)
                .header("Authorization", format!("Bearer {}", token.as_str()))
                .header("bluemix-instance", self.config.instance_id.clone())
                .header("Accept", "application/json")
                .body(body.as_bytes().to_vec());
            if let Some(ct) = content_type {
                req = req.header("Content-Type", ct);
            }
            if let Some(ring) = &self.config.key_ring {
                req = req.header("x-kms-key-ring", ring.clone());
            }
            let r = self.http.call("Key Protect", &req)?;
            if r.status == 401 && attempt == 0 {
                continue;
            }
            return Ok(r);
        }
        unreachable!("the loop returns")
    }

    /// Maps a non-success answer of operation `op` on `key` to an error.
    fn fail(&self, op: &str, key: &str, r: &Response) -> RootKeyError {
        let text = error_text(r);
        let what = format!("Key Protect {op} with key {key}: {text}");
        match r.status {
            401 => RootKeyError::PermissionDenied(format!(
                "{what} (IAM token refused even after a refresh: is the API key's service ID still valid?)"
            )),
            403 => {
                let (action, role) = needs(op);
                RootKeyError::PermissionDenied(format!(
                    "{what}: the service ID lacks the IAM action {action} (role {role} or higher on instance {} or on the key)",
                    self.config.instance_id
                ))
            }
            // KEY_DELETED_ERR (410), or never existed.
            404 | 410 => RootKeyError::KeyNotFound(what),
            // UNPROCESSABLE_CIPHERTEXT_ERR: wrong ciphertext or AAD.
            422 if text.contains("CIPHERTEXT") => RootKeyError::Integrity(what),
            // KEY_ACTION_INVALID_STATE_ERR (409), KEY_INVALID_STATE_ERR (422): not active.
            409 | 422 => RootKeyError::KeyDisabled(what),
            400 if op == "unwrap" || op == "rewrap" => RootKeyError::Integrity(what),
            429 | 500..=599 => RootKeyError::Unavailable(what),
            _ => RootKeyError::Io(what),
        }
    }

    fn action(
        &self,
        op: &str,
        key: &str,
        body: serde_json::Value,
    ) -> Result<Response, RootKeyError> {
        let path = format!("/api/v2/keys/{}/actions/{op}", http::path_segment(key));
        let r = self.send("POST", &path, Some(ACTION_TYPE), Some(&body))?;
        if r.is_success() {
            Ok(r)
        } else {
            Err(self.fail(op, key, &r))
        }
    }

    /// The key's metadata (`resources[0]`).
    fn metadata(&self, key: &str) -> Result<serde_json::Value, RootKeyError> {
        let path = format!("/api/v2/keys/{}/metadata", http::path_segment(key));
        let r = self.send("GET", &path, None, None)?;
        if !r.is_success() {
            return Err(self.fail("metadata", key, &r));
        }
        let v = r.json().map_err(RootKeyError::Io)?;
        Ok(v["resources"][0].clone())
    }

    /// Connects, gets a token and reads the instance's key count: one line for `provider check`.
    pub fn check_instance(&self) -> Result<String, RootKeyError> {
        self.token(true)?;
        let r = self.send("GET", "/api/v2/keys?limit=1", None, None)?;
        match r.status {
            200 => {
                let v = r.json().map_err(RootKeyError::Io)?;
                Ok(format!(
                    "Key Protect instance {} at {}: IAM token obtained, {} key(s) visible",
                    self.config.instance_id,
                    self.base(),
                    v["metadata"]["collectionTotal"].as_u64().unwrap_or(0)
                ))
            }
            // A service ID limited to one key may not list keys: the token still works.
            403 => Ok(format!(
                "Key Protect instance {} at {}: IAM token obtained (listing keys not permitted, as with a key-scoped identity)",
                self.config.instance_id,
                self.base()
            )),
            _ => Err(self.fail("list keys", "-", &r)),
        }
    }

    /// Stores `payload` as a standard key (`extractable: true`) named `name`: the mirror of one
    /// Keyhaven key (`POST /api/v2/keys`, IAM action kms.secrets.create). Returns its key ID.
    pub fn put_standard_key(
        &self,
        name: &str,
        description: &str,
        payload: &[u8],
    ) -> Result<String, RootKeyError> {
        let body = json!({
            "metadata": {"collectionType": KEY_TYPE, "collectionTotal": 1},
            "resources": [{
                "type": KEY_TYPE,
                "name": name,
                "description": description,
                "extractable": true,
                "payload": b64(payload)
            }]
        });
        let r = self.send("POST", "/api/v2/keys", Some(KEY_TYPE), Some(&body))?;
        if !r.is_success() {
            return Err(self.fail("create", name, &r));
        }
        let v = r.json().map_err(RootKeyError::Io)?;
        v["resources"][0]["id"]
            .as_str()
            .map(str::to_owned)
            .ok_or_else(|| RootKeyError::Io("Key Protect create: no key id in the answer".into()))
    }

    /// Whether the key still exists (not deleted: state 5, 404 or 410).
    pub fn key_present(&self, id: &str) -> Result<bool, RootKeyError> {
        match self.metadata(id) {
            Ok(m) => Ok(m["state"].as_i64() != Some(5) && m["deleted"].as_bool() != Some(true)),
            Err(RootKeyError::KeyNotFound(_)) => Ok(false),
            Err(e) => Err(e),
        }
    }

    fn aad(aad: &[u8]) -> serde_json::Value {
        json!([b64(aad)])
    }
}

fn wrapped_text(wrapped: &[u8]) -> Result<&str, RootKeyError> {
    std::str::from_utf8(wrapped)
        .map_err(|_| RootKeyError::Integrity("wrapped key is not a Key Protect ciphertext".into()))
}

impl RootKeyProvider for KeyProtectProvider {
    fn kind(&self) -> &'static str {
        "keyprotect"
    }

    fn name(&self) -> &str {
        &self.name
    }

    fn create_key(&self) -> Result<String, RootKeyError> {
        let name = format!("{NAME_PREFIX}{}", uuid::Uuid::new_v4());
        let body = json!({
            "metadata": {"collectionType": KEY_TYPE, "collectionTotal": 1},
            "resources": [{
                "type": KEY_TYPE,
                "name": name,
                "description": "Keyhaven customer root key",
                "extractable": false
            }]
        });
        let r = self.send("POST", "/api/v2/keys", Some(KEY_TYPE), Some(&body))?;
        if !r.is_success() {
            return Err(self.fail("create", &name, &r));
        }
        let v = r.json().map_err(RootKeyError::Io)?;
        let id = v["resources"][0]["id"].as_str().ok_or_else(|| {
            RootKeyError::Io("Key Protect create: no key id in the answer".into())
        })?;
        tracing::info!(provider = %self.name, key = %id, %name, "root key created in Key Protect");
        Ok(id.to_owned())
    }

    fn wrap(&self, key_ref: &str, plaintext: &[u8], aad: &[u8]) -> Result<Vec<u8>, RootKeyError> {
        let body = json!({"plaintext": b64(plaintext), "aad": Self::aad(aad)});
        let r = self.action("wrap", key_ref, body)?;
        let v = r.json().map_err(RootKeyError::Io)?;
        let ct = v["ciphertext"].as_str().ok_or_else(|| {
            RootKeyError::Io("Key Protect wrap: no ciphertext in the answer".into())
        })?;
        Ok(ct.as_bytes().to_vec())
    }

    fn unwrap(
        &self,
        key_ref: &str,
        wrapped: &[u8],
        aad: &[u8],
    ) -> Result<Zeroizing<Vec<u8>>, RootKeyError> {
        self.unwrap_refreshed(key_ref, wrapped, aad).map(|(p, _)| p)
    }

    fn unwrap_refreshed(
        &self,
        key_ref: &str,
        wrapped: &[u8],
        aad: &[u8],
    ) -> Result<crate::rootkey::Refreshed, RootKeyError> {
        let ct = wrapped_text(wrapped)?;
        let body = json!({"ciphertext": ct, "aad": Self::aad(aad)});
        let r = self.action("unwrap", key_ref, body)?;
        let v: serde_json::Value = serde_json::from_slice(&r.body)
            .map_err(|_| RootKeyError::Io("Key Protect unwrap: answer is not JSON".into()))?;
        let plain = unb64(v["plaintext"].as_str().ok_or_else(|| {
            RootKeyError::Io("Key Protect unwrap: no plaintext in the answer".into())
        })?)?;
        let rewrapped = v["rewrappedKey"]
            .as_str()
            .filter(|r| !r.is_empty() && *r != ct)
            .map(|r| r.as_bytes().to_vec());
        Ok((plain, rewrapped))
    }

    fn status(&self, key_ref: &str) -> Result<RootKeyStatus, RootKeyError> {
        match self.metadata(key_ref) {
            Ok(m) => Ok(match m["state"].as_i64() {
                Some(1) => RootKeyStatus::Active,
                Some(5) => RootKeyStatus::Destroyed,
                Some(_) => RootKeyStatus::Disabled,
                None => {
                    return Err(RootKeyError::Io(format!(
                        "Key Protect metadata of {key_ref}: no state"
                    )))
                }
            }),
            Err(RootKeyError::KeyNotFound(_)) => Ok(RootKeyStatus::Destroyed),
            Err(e) => Err(e),
        }
    }

    fn find_key(&self, id_or_alias: &str) -> Result<String, RootKeyError> {
        if id_or_alias.is_empty()
            || id_or_alias.len() > 90
            || id_or_alias.chars().any(char::is_control)
        {
            return Err(RootKeyError::KeyNotFound(format!(
                "{id_or_alias:?} is not a Key Protect key ID or alias"
            )));
        }
        let m = self.metadata(id_or_alias)?;
        let id = m["id"].as_str().unwrap_or(id_or_alias).to_owned();
        if m["extractable"].as_bool() != Some(false) {
            return Err(RootKeyError::Unsupported(format!(
                "Key Protect key {id_or_alias} is a standard key (extractable): a root key is needed"
            )));
        }
        match m["state"].as_i64() {
            Some(1) => {}
            Some(s) => {
                return Err(RootKeyError::KeyDisabled(format!(
                    "Key Protect key {id_or_alias} is in state {s}, not active (1)"
                )))
            }
            None => return Err(RootKeyError::Io("Key Protect metadata: no state".into())),
        }
        // The identity must be able to wrap and unwrap with it.
        let probe = [7u8; 32];
        let w = self.wrap(&id, &probe, b"keyhaven-adopt-check")?;
        let back = self.unwrap(&id, &w, b"keyhaven-adopt-check")?;
        if back.as_slice() != probe {
            return Err(RootKeyError::Integrity(format!(
                "Key Protect key {id}: wrap/unwrap round trip gave other bytes"
            )));
        }
        Ok(id)
    }

    fn disable_key(&self, key_ref: &str) -> Result<(), RootKeyError> {
        self.action("disable", key_ref, json!({})).map(drop)
    }

    fn enable_key(&self, key_ref: &str) -> Result<(), RootKeyError> {
        self.action("enable", key_ref, json!({})).map(drop)
    }

    fn rotates_in_place(&self) -> bool {
        true
    }

    fn binds_key_version(&self) -> bool {
        true
    }

    fn rotate_key(&self, key_ref: &str) -> Result<(), RootKeyError> {
        self.action("rotate", key_ref, json!({})).map(drop)
    }

    fn rewrap(&self, key_ref: &str, wrapped: &[u8], aad: &[u8]) -> Result<Vec<u8>, RootKeyError> {
        let ct = wrapped_text(wrapped)?;
        let body = json!({"ciphertext": ct, "aad": Self::aad(aad)});
        let r = self.action("rewrap", key_ref, body)?;
        let v = r.json().map_err(RootKeyError::Io)?;
        let ct = v["ciphertext"].as_str().ok_or_else(|| {
            RootKeyError::Io("Key Protect rewrap: no ciphertext in the answer".into())
        })?;
        Ok(ct.as_bytes().to_vec())
    }

    fn check(&self) -> Result<String, RootKeyError> {
        self.check_instance()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cfg() -> KeyProtectConfig {
        KeyProtectConfig {
            endpoint: "https://us-south.kms.cloud.ibm.com".into(),
            instance_id: "0f3c8b5e-1111-2222-3333-444455556666".into(),
            iam_endpoint: DEFAULT_IAM_ENDPOINT.into(),
            api_key: SecretSource {
                file: None,
                env: Some("KP_API_KEY".into()),
            },
            key_ring: None,
            ca_file: None,
        }
    }

    #[test]
    fn config() {
        assert!(cfg().validate().is_ok());
        let mut c = cfg();
        c.instance_id = "x y".into();
        assert!(c.validate().is_err());
        let mut c = cfg();
        c.endpoint = "ftp://x".into();
        assert!(c.validate().is_err());
        let text = serde_json::to_string(&cfg()).expect("json");
        assert!(text.contains("KP_API_KEY"), "{text}");
        let back: KeyProtectConfig = serde_json::from_str(&text).expect("parse");
        assert_eq!(back, cfg());
        assert!(cfg().summary().contains("$KP_API_KEY"));
    }

    #[test]
    fn errors_are_mapped() {
        let p = KeyProtectProvider::new("kp", cfg()).expect("provider");
        let resp = |status: u16, body: &str| Response {
            status,
            headers: vec![],
            body: Zeroizing::new(body.as_bytes().to_vec()),
        };
        let body = r#"{"metadata":{"collectionType":"application/vnd.ibm.kms.error+json","collectionTotal":1},"resources":[{"errorMsg":"Forbidden","reasons":[{"code":"UNAUTHORIZED_ERR","message":"no"}]}]}"#;
        let e = p.fail("unwrap", "k1", &resp(403, body));
        assert!(
            matches!(&e, RootKeyError::PermissionDenied(m) if m.contains("kms.secrets.unwrap") && m.contains("Reader") && m.contains("UNAUTHORIZED_ERR")),
            "{e}"
        );
        assert!(matches!(
            p.fail("wrap", "k", &resp(410, "{}")),
            RootKeyError::KeyNotFound(_)
        ));
        assert!(matches!(
            p.fail("wrap", "k", &resp(409, "{}")),
            RootKeyError::KeyDisabled(_)
        ));
        assert!(matches!(
            p.fail("unwrap", "k", &resp(400, "{}")),
            RootKeyError::Integrity(_)
        ));
        assert!(p.fail("wrap", "k", &resp(429, "{}")).is_transient());
    }
}
