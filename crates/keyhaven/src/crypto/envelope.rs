//! The two-level key envelope.
//!
//! ```text
//! customer root key (CRK, held by a RootKeyProvider)
//!   └─ wraps the tenant wrapping key (TWK, 256-bit, stored wrapped in the tenant row)
//!        └─ wraps each object's key material (stored wrapped in the object row)
//! ```
//!
//! The TWK is wrapped with associated data `"keyhaven-twk-v1" || tenant id`. Object material is
//! sealed with AES-256-GCM under the TWK with associated data
//! `"keyhaven-obj-v1" || tenant id || 0x00 || uid || twk version (i64 BE)`, so a blob copied to
//! another row, another tenant or another TWK version fails to open. Object blob format:
//! `format (1) | twk version (i64 BE) | nonce (12) | ciphertext || tag`.
//!
//! Unwrapped TWKs are cached per tenant, so the provider is not called per request. Every
//! `check_interval` (default 30 s) a cache entry is revalidated with `provider.status()`: a
//! destroyed or disabled CRK drops the entry and every later seal/open fails with
//! [`EnvelopeError::RootKeyUnavailable`]. When the provider is only transiently unreachable the
//! cached key keeps serving and the check is retried after the next interval.

use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, Mutex, RwLock, RwLockReadGuard, RwLockWriteGuard};
use std::time::{Duration, Instant};

use zeroize::Zeroizing;

use super::aead;
use crate::rootkey::{RootKeyError, RootKeyProvider, RootKeyStatus};
use crate::store::{Store, StoreError, TenantRecord};

const TWK_AAD_LABEL: &[u8] = b"keyhaven-twk-v1";
const OBJ_AAD_LABEL: &[u8] = b"keyhaven-obj-v1";
const OBJ_FORMAT_V1: u8 = 1;
const OBJ_HEADER_LEN: usize = 1 + 8;
const TWK_LEN: usize = aead::KEY_LEN;

/// Default interval between root-key status checks of a cached tenant key.
pub const DEFAULT_CHECK_INTERVAL: Duration = Duration::from_secs(30);

/// Errors of the envelope. They name the tenant and object concerned, never key or material bytes.
#[derive(Debug, thiserror::Error)]
pub enum EnvelopeError {
    #[error("tenant {tenant}: no root key provider of kind '{kind}' is configured")]
    UnknownProvider { tenant: String, kind: String },
    /// The tenant's root key is destroyed, disabled, locked or its provider unreachable.
    #[error("tenant {tenant}: root key unavailable: {reason}")]
    RootKeyUnavailable { tenant: String, reason: String },
    /// The wrapped TWK does not open under the root key (wrong key, moved or tampered row).
    #[error("tenant {tenant}: tenant wrapping key cannot be unwrapped: {reason}")]
    TenantKeyInvalid { tenant: String, reason: String },
    /// The object blob failed authentication: another row's or tenant's blob, or tampered.
    #[error("tenant {tenant}, object {uid}: wrapped material failed authentication (wrong tenant or object, or tampered)")]
    Integrity { tenant: String, uid: String },
    #[error("tenant {tenant}, object {uid}: malformed wrapped material: {reason}")]
    Malformed {
        tenant: String,
        uid: String,
        reason: String,
    },
    #[error("tenant {tenant}, object {uid}: material is wrapped under tenant key version {found}, but the tenant key is version {current}")]
    TwkVersionMismatch {
        tenant: String,
        uid: String,
        found: i64,
        current: i64,
    },
    #[error("tenant {tenant}, object {uid}: encryption failed: {reason}")]
    Encrypt {
        tenant: String,
        uid: String,
        reason: String,
    },
    #[error("tenant {tenant}: {source}")]
    Store {
        tenant: String,
        #[source]
        source: StoreError,
    },
}

/// An unwrapped tenant key and the tenant-row fields it was unwrapped from.
struct CachedTwk {
    key: Zeroizing<[u8; TWK_LEN]>,
    root_provider: String,
    root_key_ref: String,
    twk_version: i64,
    wrapped_twk: Vec<u8>,
    /// When the root key's status was last confirmed.
    checked: Mutex<Instant>,
}

impl CachedTwk {
    /// Whether this entry was unwrapped from the tenant row as it is now.
    fn matches(&self, t: &TenantRecord) -> bool {
        self.twk_version == t.twk_version
            && self.root_key_ref == t.root_key_ref
            && self.root_provider == t.root_provider
            && self.wrapped_twk == t.wrapped_twk
    }
}

/// Seals and opens object material for tenants.
pub struct Envelope {
    providers: HashMap<String, Arc<dyn RootKeyProvider>>,
    store: Arc<dyn Store>,
    check_interval: Duration,
    cache: RwLock<HashMap<String, Arc<CachedTwk>>>,
}

impl fmt::Debug for Envelope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut kinds: Vec<&String> = self.providers.keys().collect();
        kinds.sort();
        f.debug_struct("Envelope")
            .field("providers", &kinds)
            .field("check_interval", &self.check_interval)
            .field("cached_tenants", &self.read_cache().len())
            .finish_non_exhaustive()
    }
}

fn twk_aad(tenant_id: &str) -> Vec<u8> {
    let mut aad = Vec::with_capacity(TWK_AAD_LABEL.len() + tenant_id.len());
    aad.extend_from_slice(TWK_AAD_LABEL);
    aad.extend_from_slice(tenant_id.as_bytes());
    aad
}

fn obj_aad(tenant_id: &str, uid: &str, twk_version: i64) -> Vec<u8> {
    let mut aad = Vec::with_capacity(OBJ_AAD_LABEL.len() + tenant_id.len() + uid.len() + 9);
    aad.extend_from_slice(OBJ_AAD_LABEL);
    aad.extend_from_slice(tenant_id.as_bytes());
    aad.push(0);
    aad.extend_from_slice(uid.as_bytes());
    aad.extend_from_slice(&twk_version.to_be_bytes());
    aad
}

fn root_err(tenant_id: &str, e: RootKeyError) -> EnvelopeError {
    match e {
        RootKeyError::Integrity(_) => EnvelopeError::TenantKeyInvalid {
            tenant: tenant_id.to_owned(),
            reason: e.to_string(),
        },
        other => EnvelopeError::RootKeyUnavailable {
            tenant: tenant_id.to_owned(),
            reason: other.to_string(),
        },
    }
}

impl Envelope {
    /// An envelope over the given providers (keyed by [`RootKeyProvider::kind`]) and store.
    pub fn new(
        providers: HashMap<String, Arc<dyn RootKeyProvider>>,
        store: Arc<dyn Store>,
    ) -> Self {
        Envelope {
            providers,
            store,
            check_interval: DEFAULT_CHECK_INTERVAL,
            cache: RwLock::new(HashMap::new()),
        }
    }

    /// How often a cached tenant key is revalidated against its root key's status.
    pub fn with_check_interval(mut self, interval: Duration) -> Self {
        self.check_interval = interval;
        self
    }

    /// The provider of that kind, if configured.
    pub fn provider(&self, kind: &str) -> Option<&Arc<dyn RootKeyProvider>> {
        self.providers.get(kind)
    }

    fn read_cache(&self) -> RwLockReadGuard<'_, HashMap<String, Arc<CachedTwk>>> {
        self.cache.read().unwrap_or_else(|p| p.into_inner())
    }

    fn write_cache(&self) -> RwLockWriteGuard<'_, HashMap<String, Arc<CachedTwk>>> {
        self.cache.write().unwrap_or_else(|p| p.into_inner())
    }

    fn provider_for(
        &self,
        tenant_id: &str,
        kind: &str,
    ) -> Result<&Arc<dyn RootKeyProvider>, EnvelopeError> {
        self.providers
            .get(kind)
            .ok_or_else(|| EnvelopeError::UnknownProvider {
                tenant: tenant_id.to_owned(),
                kind: kind.to_owned(),
            })
    }

    /// Creates a random tenant wrapping key and returns it wrapped under the root key
    /// `root_key_ref` of provider `provider_kind`, bound to `tenant_id`.
    pub fn new_tenant_key(
        &self,
        provider_kind: &str,
        root_key_ref: &str,
        tenant_id: &str,
    ) -> Result<Vec<u8>, EnvelopeError> {
        let provider = self.provider_for(tenant_id, provider_kind)?;
        let twk = super::random_bytes(TWK_LEN);
        provider
            .wrap(root_key_ref, &twk, &twk_aad(tenant_id))
            .map_err(|e| root_err(tenant_id, e))
    }

    /// Drops the cached tenant key of `tenant_id` at once (e.g. after suspension or rotation).
    pub fn forget_tenant(&self, tenant_id: &str) {
        self.write_cache().remove(tenant_id);
    }

    /// Loads the tenant from the store and makes sure its wrapping key can be unwrapped (a
    /// start-up or admin check; warms the cache).
    pub fn verify_tenant(&self, tenant_id: &str) -> Result<TenantRecord, EnvelopeError> {
        let tenant = self
            .store
            .get_tenant(tenant_id)
            .map_err(|source| EnvelopeError::Store {
                tenant: tenant_id.to_owned(),
                source,
            })?;
        self.tenant_key(&tenant)?;
        Ok(tenant)
    }

    /// Drops `entry` from the cache unless it was replaced meanwhile.
    fn evict(&self, tenant_id: &str, entry: &Arc<CachedTwk>) {
        let mut cache = self.write_cache();
        if cache.get(tenant_id).is_some_and(|e| Arc::ptr_eq(e, entry)) {
            cache.remove(tenant_id);
        }
    }

    /// Confirms the root key is still usable; called at most once per interval per entry.
    fn revalidate(
        &self,
        tenant: &TenantRecord,
        entry: &Arc<CachedTwk>,
    ) -> Result<(), EnvelopeError> {
        let provider = match self.provider_for(&tenant.id, &entry.root_provider) {
            Ok(p) => p,
            Err(e) => {
                self.evict(&tenant.id, entry);
                return Err(e);
            }
        };
        match provider.status(&entry.root_key_ref) {
            Ok(RootKeyStatus::Active) => Ok(()),
            Ok(status) => {
                self.evict(&tenant.id, entry);
                Err(EnvelopeError::RootKeyUnavailable {
                    tenant: tenant.id.clone(),
                    reason: format!("root key {} is {status}", entry.root_key_ref),
                })
            }
            // Unreachable provider: keep serving from the cache; retried after the next interval.
            Err(e) if e.is_transient() => Ok(()),
            Err(e) => {
                self.evict(&tenant.id, entry);
                Err(root_err(&tenant.id, e))
            }
        }
    }

    /// The tenant's unwrapped TWK, from the cache when possible.
    fn tenant_key(&self, tenant: &TenantRecord) -> Result<Arc<CachedTwk>, EnvelopeError> {
        let cached = self.read_cache().get(&tenant.id).cloned();
        if let Some(entry) = cached.filter(|e| e.matches(tenant)) {
            let due = {
                let mut checked = entry.checked.lock().unwrap_or_else(|p| p.into_inner());
                // Claim the check, so concurrent callers do not all ask the provider.
                let due = checked.elapsed() >= self.check_interval;
                if due {
                    *checked = Instant::now();
                }
                due
            };
            if due {
                self.revalidate(tenant, &entry)?;
            }
            return Ok(entry);
        }

        let provider = self.provider_for(&tenant.id, &tenant.root_provider)?;
        let twk = provider
            .unwrap(
                &tenant.root_key_ref,
                &tenant.wrapped_twk,
                &twk_aad(&tenant.id),
            )
            .map_err(|e| root_err(&tenant.id, e))?;
        let key: Zeroizing<[u8; TWK_LEN]> =
            Zeroizing::new(twk.as_slice().try_into().map_err(|_| {
                EnvelopeError::TenantKeyInvalid {
                    tenant: tenant.id.clone(),
                    reason: format!("unwrapped key has {} bytes, expected {TWK_LEN}", twk.len()),
                }
            })?);
        let entry = Arc::new(CachedTwk {
            key,
            root_provider: tenant.root_provider.clone(),
            root_key_ref: tenant.root_key_ref.clone(),
            twk_version: tenant.twk_version,
            wrapped_twk: tenant.wrapped_twk.clone(),
            checked: Mutex::new(Instant::now()),
        });
        self.write_cache()
            .insert(tenant.id.clone(), Arc::clone(&entry));
        Ok(entry)
    }

    fn check_tenant_id(tenant: &TenantRecord, uid: &str) -> Result<(), EnvelopeError> {
        if tenant.id.as_bytes().contains(&0) {
            return Err(EnvelopeError::Malformed {
                tenant: tenant.id.escape_default().to_string(),
                uid: uid.to_owned(),
                reason: "tenant id contains a NUL byte".to_owned(),
            });
        }
        Ok(())
    }

    /// Encrypts object `uid`'s key material under the tenant's wrapping key.
    pub fn seal(
        &self,
        tenant: &TenantRecord,
        uid: &str,
        material: &[u8],
    ) -> Result<Vec<u8>, EnvelopeError> {
        Self::check_tenant_id(tenant, uid)?;
        let twk = self.tenant_key(tenant)?;
        let nonce = aead::random_nonce();
        let ct = aead::seal_with_nonce(
            &twk.key[..],
            &nonce,
            &obj_aad(&tenant.id, uid, twk.twk_version),
            material,
        )
        .map_err(|e| EnvelopeError::Encrypt {
            tenant: tenant.id.clone(),
            uid: uid.to_owned(),
            reason: e.to_string(),
        })?;
        let mut blob = Vec::with_capacity(OBJ_HEADER_LEN + nonce.len() + ct.len());
        blob.push(OBJ_FORMAT_V1);
        blob.extend_from_slice(&twk.twk_version.to_be_bytes());
        blob.extend_from_slice(&nonce);
        blob.extend_from_slice(&ct);
        Ok(blob)
    }

    /// Decrypts what [`Envelope::seal`] produced for the same tenant and uid.
    pub fn open(
        &self,
        tenant: &TenantRecord,
        uid: &str,
        wrapped: &[u8],
    ) -> Result<Zeroizing<Vec<u8>>, EnvelopeError> {
        Self::check_tenant_id(tenant, uid)?;
        let malformed = |reason: String| EnvelopeError::Malformed {
            tenant: tenant.id.clone(),
            uid: uid.to_owned(),
            reason,
        };
        if wrapped.len() < OBJ_HEADER_LEN + aead::NONCE_LEN + aead::TAG_LEN {
            return Err(malformed(format!("{} bytes is too short", wrapped.len())));
        }
        if wrapped[0] != OBJ_FORMAT_V1 {
            return Err(malformed(format!("unknown format {}", wrapped[0])));
        }
        let version_bytes: [u8; 8] = wrapped[1..OBJ_HEADER_LEN]
            .try_into()
            .map_err(|_| malformed("truncated header".to_owned()))?;
        let found = i64::from_be_bytes(version_bytes);
        if found != tenant.twk_version {
            return Err(EnvelopeError::TwkVersionMismatch {
                tenant: tenant.id.clone(),
                uid: uid.to_owned(),
                found,
                current: tenant.twk_version,
            });
        }
        let twk = self.tenant_key(tenant)?;
        let (nonce, ct) = wrapped[OBJ_HEADER_LEN..].split_at(aead::NONCE_LEN);
        let nonce: &[u8; aead::NONCE_LEN] = nonce
            .try_into()
            .map_err(|_| malformed("truncated nonce".to_owned()))?;
        aead::open_with_nonce(&twk.key[..], nonce, &obj_aad(&tenant.id, uid, found), ct).map_err(
            |e| match e {
                aead::AeadError::Authentication => EnvelopeError::Integrity {
                    tenant: tenant.id.clone(),
                    uid: uid.to_owned(),
                },
                other => malformed(other.to_string()),
            },
        )
    }
}
