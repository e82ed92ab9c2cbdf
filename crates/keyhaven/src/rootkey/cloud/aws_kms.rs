//! Root keys in AWS KMS (symmetric `SYMMETRIC_DEFAULT` keys, `ENCRYPT_DECRYPT`).
//!
//! The reference stored with the tenant is the key's ARN. Every call is a `POST /` to the
//! regional endpoint (`https://kms.{region}.amazonaws.com`, or `--endpoint-url`) with
//! `Content-Type: application/x-amz-json-1.1`, `X-Amz-Target: TrentService.{Operation}` and a
//! SigV4 signature ([`super::aws_sigv4`]) made with credentials from the standard chain
//! ([`super::aws_credentials`]):
//!
//! | what | operation | permission |
//! |---|---|---|
//! | wrap | `Encrypt` `{KeyId, Plaintext, EncryptionContext}` → `CiphertextBlob` | `kms:Encrypt` |
//! | unwrap | `DescribeKey`, then `Decrypt` `{KeyId, CiphertextBlob, EncryptionContext}` → `Plaintext` | `kms:DescribeKey`, `kms:Decrypt` |
//! | state | `DescribeKey` → `KeyMetadata.KeyState` | `kms:DescribeKey` |
//! | create | `CreateKey` | `kms:CreateKey` (admin) |
//! | rotate | `RotateKeyOnDemand` (same key, new material; old ciphertexts still decrypt) | `kms:RotateKeyOnDemand` (admin) |
//! | disable / enable | `DisableKey` / `EnableKey` | `kms:DisableKey` / `kms:EnableKey` (admin) |
//!
//! Encryption context: `{"keyhaven-aad": base64(associated data)}` (the envelope's associated data
//! names the tenant and the wrapping-key format), so a wrapped key moved to another tenant does
//! not decrypt; it also appears in CloudTrail.
//!
//! Unwrap asks `DescribeKey` first so that a key that is disabled or pending deletion is never
//! used to reopen a tenant key, whatever the endpoint would answer to `Decrypt`.
//!
//! States: `Enabled` → active; `Disabled`, `PendingImport`, `Creating`, `Updating` → disabled;
//! `PendingDeletion`, `PendingReplicaDeletion`, `NotFoundException` → destroyed (the tenant is
//! shredded: a key pending deletion is treated as gone; cancelling the deletion and enabling the
//! key brings it back); `Unavailable` (custom key store disconnected) → unavailable (transient).

use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use serde_json::json;
use zeroize::Zeroizing;

use super::aws_credentials::CredentialChain;
use super::aws_sigv4;
use super::http::{self, HttpClient, Request, Response};
use super::{b64, excerpt, unb64};
use crate::rootkey::{RootKeyError, RootKeyProvider, RootKeyStatus};

const CONTENT_TYPE: &str = "application/x-amz-json-1.1";
const CONTEXT_KEY: &str = "keyhaven-aad";

/// How to reach AWS KMS.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AwsKmsConfig {
    pub region: String,
    /// Another endpoint (VPC endpoint, FIPS endpoint, a test server).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub endpoint_url: Option<String>,
    /// The shared-credentials profile (else `AWS_PROFILE`, else `default`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ca_file: Option<PathBuf>,
}

impl AwsKmsConfig {
    pub fn validate(&self) -> Result<(), String> {
        if self.region.is_empty()
            || self.region.len() > 32
            || !self
                .region
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        {
            return Err(format!("{:?} is not an AWS region", self.region));
        }
        if let Some(u) = &self.endpoint_url {
            http::Url::parse(u)?;
        }
        Ok(())
    }

    pub fn endpoint(&self) -> String {
        self.endpoint_url
            .clone()
            .unwrap_or_else(|| format!("https://kms.{}.amazonaws.com", self.region))
    }

    pub fn summary(&self) -> String {
        format!(
            "region {}, endpoint {}, credentials from {}",
            self.region,
            self.endpoint(),
            self.profile
                .as_deref()
                .map(|p| format!("profile {p} or the standard chain"))
                .unwrap_or_else(|| "the standard chain".into())
        )
    }
}

/// A named AWS KMS root-key provider.
pub struct AwsKmsProvider {
    name: String,
    config: AwsKmsConfig,
    url: http::Url,
    http: HttpClient,
    creds: CredentialChain,
}

impl std::fmt::Debug for AwsKmsProvider {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AwsKmsProvider")
            .field("name", &self.name)
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

/// The error type (without namespace) and message of a KMS error answer: JSON
/// `{"__type", "message"}`, or the XML some endpoints send for signature and IAM errors.
fn error_parts(r: &Response) -> (String, String) {
    if let Ok(v) = r.json() {
        let t = v["__type"].as_str().unwrap_or_default();
        let t = t.rsplit('#').next().unwrap_or(t).to_owned();
        let m = v["message"]
            .as_str()
            .or_else(|| v["Message"].as_str())
            .unwrap_or_default()
            .to_owned();
        return (t, m);
    }
    let text = String::from_utf8_lossy(&r.body);
    let tag = |name: &str| {
        let open = format!("<{name}>");
        let start = text.find(&open)? + open.len();
        let end = text[start..].find(&format!("</{name}>"))? + start;
        Some(text[start..end].to_owned())
    };
    (
        tag("Code").unwrap_or_default(),
        tag("Message").unwrap_or_else(|| excerpt(&r.body)),
    )
}

/// The key ID of a key ARN (`arn:aws:kms:REGION:ACCOUNT:key/ID` → `ID`). The key-management
/// operations (DisableKey, EnableKey, RotateKeyOnDemand) only work in the key's own account, where
/// the ID names the key as well as the ARN; moto's server accepts only the ID for them.
fn bare_key_id(key_ref: &str) -> &str {
    match key_ref.strip_prefix("arn:") {
        Some(rest) => rest.rsplit_once(":key/").map_or(key_ref, |(_, id)| id),
        None => key_ref,
    }
}

impl AwsKmsProvider {
    pub fn new(name: &str, config: AwsKmsConfig) -> Result<Self, RootKeyError> {
        config.validate().map_err(RootKeyError::Io)?;
        let url = http::Url::parse(&config.endpoint()).map_err(RootKeyError::Io)?;
        let http = HttpClient::new(config.ca_file.as_deref()).map_err(RootKeyError::Io)?;
        let creds = CredentialChain::new(config.profile.clone())?;
        Ok(AwsKmsProvider {
            name: name.to_owned(),
            config,
            url,
            http,
            creds,
        })
    }

    /// One KMS operation; credentials refused once are resolved again and the call retried.
    fn call(
        &self,
        op: &str,
        key: &str,
        body: &serde_json::Value,
    ) -> Result<Response, RootKeyError> {
        let body = Zeroizing::new(body.to_string().into_bytes());
        let endpoint = self.config.endpoint();
        let target = format!("TrentService.{op}");
        let host = self.url.host_header();
        for attempt in 0..2 {
            let (creds, source) = self.creds.get()?;
            let signed = aws_sigv4::sign(
                &creds,
                &self.config.region,
                "kms",
                &host,
                &[("content-type", CONTENT_TYPE), ("x-amz-target", &target)],
                &body,
                crate::server::objects::now(),
            );
            let mut req = Request::new("POST", &endpoint)
                .header("Content-Type", CONTENT_TYPE)
                .header("X-Amz-Target", target.clone())
                .body(body.to_vec());
            for (n, v) in signed {
                req = req.header(&n, v);
            }
            let r = self.http.call("AWS KMS", &req)?;
            if r.is_success() {
                return Ok(r);
            }
            let (kind, msg) = error_parts(&r);
            let credential_error = matches!(
                kind.as_str(),
                "UnrecognizedClientException"
                    | "InvalidSignatureException"
                    | "SignatureDoesNotMatch"
                    | "IncompleteSignature"
                    | "ExpiredTokenException"
                    | "InvalidClientTokenId"
                    | "MissingAuthenticationToken"
            );
            if credential_error {
                self.creds.invalidate();
                if attempt == 0 {
                    continue;
                }
                return Err(RootKeyError::PermissionDenied(format!(
                    "AWS KMS {op} with key {key}: {kind}: {msg} (credentials from {source} refused)"
                )));
            }
            return Err(self.fail(op, key, r.status, &kind, &msg));
        }
        unreachable!("the loop returns")
    }

    fn fail(&self, op: &str, key: &str, status: u16, kind: &str, msg: &str) -> RootKeyError {
        let what = format!("AWS KMS {op} with key {key}: {kind}: {msg}");
        match kind {
            "AccessDeniedException" | "AccessDenied" => RootKeyError::PermissionDenied(format!(
                "{what}: the identity needs kms:{op} on this key (key policy or IAM policy)"
            )),
            "DisabledException" => RootKeyError::KeyDisabled(what),
            "KMSInvalidStateException" if msg.to_ascii_lowercase().contains("deletion") => {
                RootKeyError::KeyNotFound(what)
            }
            "KMSInvalidStateException" => RootKeyError::KeyDisabled(what),
            "NotFoundException" => RootKeyError::KeyNotFound(what),
            "InvalidCiphertextException" | "IncorrectKeyException" => RootKeyError::Integrity(what),
            "ThrottlingException"
            | "KMSInternalException"
            | "DependencyTimeoutException"
            | "KeyUnavailableException"
            | "ServiceUnavailableException" => RootKeyError::Unavailable(what),
            _ if status == 429 || status >= 500 => RootKeyError::Unavailable(what),
            _ => RootKeyError::Io(format!("{what} (HTTP {status})")),
        }
    }

    fn context(aad: &[u8]) -> serde_json::Value {
        json!({ CONTEXT_KEY: b64(aad) })
    }

    fn describe(&self, key: &str) -> Result<serde_json::Value, RootKeyError> {
        let r = self.call("DescribeKey", key, &json!({"KeyId": key}))?;
        let v = r.json().map_err(RootKeyError::Io)?;
        Ok(v["KeyMetadata"].clone())
    }

    fn state_of(meta: &serde_json::Value) -> Result<RootKeyStatus, RootKeyError> {
        match meta["KeyState"].as_str() {
            Some("Enabled") => Ok(RootKeyStatus::Active),
            Some("PendingDeletion" | "PendingReplicaDeletion") => Ok(RootKeyStatus::Destroyed),
            Some("Unavailable") => Err(RootKeyError::Unavailable(
                "AWS KMS: the key's custom key store is disconnected".into(),
            )),
            Some(_) => Ok(RootKeyStatus::Disabled),
            None => Err(RootKeyError::Io("AWS KMS DescribeKey: no KeyState".into())),
        }
    }

    /// Resolves credentials and has KMS authenticate them: one line for `provider check`.
    pub fn check_access(&self) -> Result<String, RootKeyError> {
        let (_, source) = self.creds.get()?;
        // Any answer about the key (not found, or not allowed) proves the signature was accepted.
        let ok = |note: &str| {
            Ok(format!(
                "AWS KMS at {} (region {}): credentials from {source} accepted{note}",
                self.config.endpoint(),
                self.config.region
            ))
        };
        match self.describe("alias/keyhaven-provider-check") {
            Ok(_) | Err(RootKeyError::KeyNotFound(_)) => ok(""),
            Err(RootKeyError::PermissionDenied(m)) if !m.contains("refused") => {
                ok(" (DescribeKey limited to the root keys, as it should be)")
            }
            Err(e) => Err(e),
        }
    }
}

impl RootKeyProvider for AwsKmsProvider {
    fn kind(&self) -> &'static str {
        "aws-kms"
    }

    fn name(&self) -> &str {
        &self.name
    }

    fn create_key(&self) -> Result<String, RootKeyError> {
        let body = json!({
            "Description": "Keyhaven customer root key",
            "KeySpec": "SYMMETRIC_DEFAULT",
            "KeyUsage": "ENCRYPT_DECRYPT",
            "Tags": [{"TagKey": "keyhaven", "TagValue": "root-key"}]
        });
        let r = self.call("CreateKey", "(new)", &body)?;
        let v = r.json().map_err(RootKeyError::Io)?;
        let arn = v["KeyMetadata"]["Arn"]
            .as_str()
            .ok_or_else(|| RootKeyError::Io("AWS KMS CreateKey: no Arn in the answer".into()))?;
        tracing::info!(provider = %self.name, key = %arn, "root key created in AWS KMS");
        Ok(arn.to_owned())
    }

    fn wrap(&self, key_ref: &str, plaintext: &[u8], aad: &[u8]) -> Result<Vec<u8>, RootKeyError> {
        let body = json!({
            "KeyId": key_ref,
            "Plaintext": b64(plaintext),
            "EncryptionContext": Self::context(aad)
        });
        let r = self.call("Encrypt", key_ref, &body)?;
        let v = r.json().map_err(RootKeyError::Io)?;
        let blob = v["CiphertextBlob"].as_str().ok_or_else(|| {
            RootKeyError::Io("AWS KMS Encrypt: no CiphertextBlob in the answer".into())
        })?;
        Ok(unb64(blob)?.to_vec())
    }

    fn unwrap(
        &self,
        key_ref: &str,
        wrapped: &[u8],
        aad: &[u8],
    ) -> Result<Zeroizing<Vec<u8>>, RootKeyError> {
        match Self::state_of(&self.describe(key_ref)?)? {
            RootKeyStatus::Active => {}
            RootKeyStatus::Disabled => {
                return Err(RootKeyError::KeyDisabled(format!(
                    "AWS KMS key {key_ref} is not enabled"
                )))
            }
            RootKeyStatus::Destroyed => {
                return Err(RootKeyError::KeyNotFound(format!(
                    "AWS KMS key {key_ref} is pending deletion"
                )))
            }
        }
        let body = json!({
            "KeyId": key_ref,
            "CiphertextBlob": b64(wrapped),
            "EncryptionContext": Self::context(aad)
        });
        let r = self.call("Decrypt", key_ref, &body)?;
        let v: serde_json::Value = serde_json::from_slice(&r.body)
            .map_err(|_| RootKeyError::Io("AWS KMS Decrypt: answer is not JSON".into()))?;
        unb64(v["Plaintext"].as_str().ok_or_else(|| {
            RootKeyError::Io("AWS KMS Decrypt: no Plaintext in the answer".into())
        })?)
    }

    fn status(&self, key_ref: &str) -> Result<RootKeyStatus, RootKeyError> {
        match self.describe(key_ref) {
            Ok(m) => Self::state_of(&m),
            Err(RootKeyError::KeyNotFound(_)) => Ok(RootKeyStatus::Destroyed),
            Err(e) => Err(e),
        }
    }

    fn find_key(&self, id: &str) -> Result<String, RootKeyError> {
        if id.is_empty() || id.len() > 2048 || id.chars().any(char::is_control) {
            return Err(RootKeyError::KeyNotFound(format!(
                "{id:?} is not a KMS key ID, ARN or alias"
            )));
        }
        let m = self.describe(id)?;
        if m["KeySpec"].as_str().unwrap_or("SYMMETRIC_DEFAULT") != "SYMMETRIC_DEFAULT"
            || m["KeyUsage"].as_str().unwrap_or("ENCRYPT_DECRYPT") != "ENCRYPT_DECRYPT"
        {
            return Err(RootKeyError::Unsupported(format!(
                "AWS KMS key {id} is not a SYMMETRIC_DEFAULT ENCRYPT_DECRYPT key"
            )));
        }
        if Self::state_of(&m)? != RootKeyStatus::Active {
            return Err(RootKeyError::KeyDisabled(format!(
                "AWS KMS key {id} is {}",
                m["KeyState"].as_str().unwrap_or("?")
            )));
        }
        let arn = m["Arn"].as_str().unwrap_or(id).to_owned();
        let probe = [7u8; 32];
        let w = self.wrap(&arn, &probe, b"keyhaven-adopt-check")?;
        let back = self.unwrap(&arn, &w, b"keyhaven-adopt-check")?;
        if back.as_slice() != probe {
            return Err(RootKeyError::Integrity(format!(
                "AWS KMS key {id}: round trip gave other bytes"
            )));
        }
        Ok(arn)
    }

    fn disable_key(&self, key_ref: &str) -> Result<(), RootKeyError> {
        self.call(
            "DisableKey",
            key_ref,
            &json!({"KeyId": bare_key_id(key_ref)}),
        )
        .map(drop)
    }

    fn enable_key(&self, key_ref: &str) -> Result<(), RootKeyError> {
        self.call(
            "EnableKey",
            key_ref,
            &json!({"KeyId": bare_key_id(key_ref)}),
        )
        .map(drop)
    }

    fn rotates_in_place(&self) -> bool {
        true
    }

    fn binds_key_version(&self) -> bool {
        true
    }

    fn rotate_key(&self, key_ref: &str) -> Result<(), RootKeyError> {
        self.call(
            "RotateKeyOnDemand",
            key_ref,
            &json!({"KeyId": bare_key_id(key_ref)}),
        )
        .map(drop)
    }

    fn check(&self) -> Result<String, RootKeyError> {
        self.check_access()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resp(status: u16, body: &str) -> Response {
        Response {
            status,
            headers: vec![],
            body: Zeroizing::new(body.as_bytes().to_vec()),
        }
    }

    #[test]
    fn error_answers() {
        let (t, m) = error_parts(&resp(
            400,
            r#"{"__type":"com.amazonaws.kms#DisabledException","message":"key is disabled"}"#,
        ));
        assert_eq!(
            (t.as_str(), m.as_str()),
            ("DisabledException", "key is disabled")
        );
        let (t, m) = error_parts(&resp(403, "<ErrorResponse><Errors><Error><Code>AccessDenied</Code><Message>User: u is not authorized to perform: kms:Decrypt</Message></Error></Errors></ErrorResponse>"));
        assert_eq!(t, "AccessDenied");
        assert!(m.contains("kms:Decrypt"));
        let p = AwsKmsProvider::new(
            "aws",
            AwsKmsConfig {
                region: "eu-west-1".into(),
                endpoint_url: None,
                profile: None,
                ca_file: None,
            },
        )
        .expect("provider");
        assert!(matches!(
            p.fail("Decrypt", "k", 400, "AccessDeniedException", "x"),
            RootKeyError::PermissionDenied(m) if m.contains("kms:Decrypt")
        ));
        assert!(matches!(
            p.fail(
                "Encrypt",
                "k",
                400,
                "KMSInvalidStateException",
                "k is pending deletion"
            ),
            RootKeyError::KeyNotFound(_)
        ));
        assert!(p
            .fail("Encrypt", "k", 400, "ThrottlingException", "")
            .is_transient());
        assert_eq!(p.config.endpoint(), "https://kms.eu-west-1.amazonaws.com");
        assert_eq!(bare_key_id("arn:aws:kms:eu-west-1:1:key/abc-1"), "abc-1");
        assert_eq!(bare_key_id("abc-1"), "abc-1");
        assert_eq!(bare_key_id("alias/x"), "alias/x");
    }
}
