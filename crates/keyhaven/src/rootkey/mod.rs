//! Customer root keys (CRKs): the top of the key hierarchy. A provider holds the CRKs (locally, or
//! in an external KMS/HSM) and wraps/unwraps tenant wrapping keys under them; CRK bytes never leave
//! the provider.

pub mod local;
pub mod pkcs11;
pub mod registry;
pub mod shared;

use std::sync::Arc;

use zeroize::Zeroizing;

/// The environment variable that carries the passphrase sealing local root keys.
pub const PASSPHRASE_ENV: &str = "KEYHAVEN_ROOT_PASSPHRASE";

/// Lifecycle state of a root key as the provider reports it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RootKeyStatus {
    Active,
    Disabled,
    Destroyed,
}

impl RootKeyStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            RootKeyStatus::Active => "active",
            RootKeyStatus::Disabled => "disabled",
            RootKeyStatus::Destroyed => "destroyed",
        }
    }
}

impl std::fmt::Display for RootKeyStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Errors of a root-key provider. Messages name keys by reference, never by content.
#[derive(Debug, thiserror::Error)]
pub enum RootKeyError {
    /// The root key does not exist (destroyed, or never created).
    #[error("root key not found (destroyed?): {0}")]
    KeyNotFound(String),
    /// The root key exists but is disabled.
    #[error("root key disabled: {0}")]
    KeyDisabled(String),
    /// The provider cannot be reached right now (transient).
    #[error("root key provider unavailable: {0}")]
    Unavailable(String),
    /// Wrong key or associated data, or tampered data.
    #[error("root key integrity check failed: {0}")]
    Integrity(String),
    /// The key store is sealed and no (or a wrong) passphrase was given.
    #[error("root key locked: {0}")]
    Locked(String),
    /// A local I/O failure.
    #[error("root key I/O error: {0}")]
    Io(String),
    /// The provider cannot do this (e.g. adopt an existing key, or disable one).
    #[error("not supported by this root key provider: {0}")]
    Unsupported(String),
}

impl RootKeyError {
    /// Whether retrying later may succeed without operator action.
    pub fn is_transient(&self) -> bool {
        matches!(self, RootKeyError::Unavailable(_))
    }
}

/// A source of customer root keys.
pub trait RootKeyProvider: Send + Sync {
    /// The provider kind stored with each tenant, e.g. "local".
    fn kind(&self) -> &'static str;
    /// Creates a new root key and returns its reference (e.g. "crk-<uuid>").
    fn create_key(&self) -> Result<String, RootKeyError>;
    /// Encrypts `plaintext` under the root key, bound to `aad`.
    fn wrap(&self, key_ref: &str, plaintext: &[u8], aad: &[u8]) -> Result<Vec<u8>, RootKeyError>;
    /// Decrypts what [`RootKeyProvider::wrap`] produced with the same `aad`.
    fn unwrap(
        &self,
        key_ref: &str,
        wrapped: &[u8],
        aad: &[u8],
    ) -> Result<Zeroizing<Vec<u8>>, RootKeyError>;
    /// The key's current state; cheap enough to call every few seconds.
    fn status(&self, key_ref: &str) -> Result<RootKeyStatus, RootKeyError>;

    /// The provider's configured name, stored in [`crate::store::TenantRecord::root_provider`]
    /// ("local" for the local provider, e.g. "hsm1" for a PKCS#11 one).
    fn name(&self) -> &str {
        self.kind()
    }
    /// Adopts an existing key by its label in the provider, after checking it is fit to be a root
    /// key; returns its reference.
    fn find_key(&self, label: &str) -> Result<String, RootKeyError> {
        Err(RootKeyError::Unsupported(format!(
            "provider {} cannot adopt the existing key {label:?}",
            self.name()
        )))
    }
    /// Disables the key in the provider (reversible): wrap and unwrap fail until it is enabled.
    fn disable_key(&self, key_ref: &str) -> Result<(), RootKeyError> {
        Err(RootKeyError::Unsupported(format!(
            "provider {} cannot disable {key_ref}",
            self.name()
        )))
    }
    /// Enables a disabled key again.
    fn enable_key(&self, key_ref: &str) -> Result<(), RootKeyError> {
        Err(RootKeyError::Unsupported(format!(
            "provider {} cannot enable {key_ref}",
            self.name()
        )))
    }
}

/// The name of the built-in local root-key provider.
pub const LOCAL_PROVIDER: &str = "local";

/// Finds a provider by name when the envelope does not know it yet (providers added while the
/// server runs): `Ok(None)` when no provider has that name.
pub type ProviderResolver =
    Arc<dyn Fn(&str) -> Result<Option<Arc<dyn RootKeyProvider>>, RootKeyError> + Send + Sync>;
