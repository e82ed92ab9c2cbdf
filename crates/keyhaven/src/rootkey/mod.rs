//! Customer root keys (CRKs): the top of the key hierarchy. A provider holds the CRKs (locally, or
//! in an external KMS/HSM) and wraps/unwraps tenant wrapping keys under them; CRK bytes never leave
//! the provider.

pub mod cloud;
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
    /// The provider refused the identity Keyhaven uses: the message names the permission, role
    /// or policy it lacks. Not transient: an administrator must grant it.
    #[error("root key permission denied: {0}")]
    PermissionDenied(String),
}

impl RootKeyError {
    /// Whether retrying later may succeed without operator action.
    pub fn is_transient(&self) -> bool {
        matches!(self, RootKeyError::Unavailable(_))
    }
}

/// What [`RootKeyProvider::unwrap_refreshed`] returns: the plaintext, and the same plaintext
/// wrapped under the key's newest version when the provider handed that back.
pub type Refreshed = (Zeroizing<Vec<u8>>, Option<Vec<u8>>);

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
    /// Like [`RootKeyProvider::unwrap`], and also returns the same plaintext wrapped again under
    /// the key's newest version when the provider offers it while unwrapping (Key Protect does
    /// after its root key was rotated): the caller stores that instead of `wrapped`.
    fn unwrap_refreshed(
        &self,
        key_ref: &str,
        wrapped: &[u8],
        aad: &[u8],
    ) -> Result<Refreshed, RootKeyError> {
        self.unwrap(key_ref, wrapped, aad).map(|p| (p, None))
    }
    /// Whether the tenant wrapping key's associated data also binds its version (providers
    /// added after the v1 format; see [`crate::crypto::envelope`]).
    fn binds_key_version(&self) -> bool {
        false
    }
    /// Whether `tenant rotate-root` rotates the key inside the provider (a new version of the
    /// same key, old versions still decrypting) rather than switching to a new key.
    fn rotates_in_place(&self) -> bool {
        false
    }
    /// Makes a new version of the key the one that wraps (see
    /// [`RootKeyProvider::rotates_in_place`]).
    fn rotate_key(&self, key_ref: &str) -> Result<(), RootKeyError> {
        Err(RootKeyError::Unsupported(format!(
            "provider {} cannot rotate {key_ref} in place",
            self.name()
        )))
    }
    /// Wraps what `wrapped` holds again under the key's newest version; by default an unwrap and
    /// a wrap, providers with a rewrap operation use it (the plaintext never leaves them).
    fn rewrap(&self, key_ref: &str, wrapped: &[u8], aad: &[u8]) -> Result<Vec<u8>, RootKeyError> {
        let plain = self.unwrap(key_ref, wrapped, aad)?;
        self.wrap(key_ref, &plain, aad)
    }
    /// Checks the provider answers and the identity may do what Keyhaven needs; one line for
    /// `provider check`.
    fn check(&self) -> Result<String, RootKeyError> {
        Err(RootKeyError::Unsupported(format!(
            "provider {} has no check",
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
