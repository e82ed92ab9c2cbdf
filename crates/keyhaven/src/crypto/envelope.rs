//! The two-level key envelope.
//!
//! ```text
//! customer root key (CRK, held by a RootKeyProvider)
//!   └─ wraps the tenant wrapping key (TWK, 256-bit, stored wrapped in the tenant row)
//!        └─ wraps each object's key material (stored wrapped in the object row)
//! ```
//!
//! The TWK is wrapped with associated data `"keyhaven-twk-v1" || tenant id` (local and PKCS#11
//! root keys), or `"keyhaven-twk-v2" || tenant id || 0x00 || twk version` for providers that bind
//! the wrapping-key version (the cloud key managers). Object material is
//! sealed with AES-256-GCM under the TWK with associated data
//! `"keyhaven-obj-v1" || tenant id || 0x00 || uid || twk version (i64 BE)`, so a blob copied to
//! another row, another tenant or another TWK version fails to open. Object blob format:
//! `format (1) | twk version (i64 BE) | nonce (12) | ciphertext || tag`.
//!
//! Unwrapped TWKs are cached per tenant, so the provider is not called per request. Every
//! `check_interval` (default 30 s) a cache entry is revalidated with `provider.status()`: a
//! destroyed or disabled CRK drops the entry and every later seal/open fails with
//! [`EnvelopeError::RootKeyUnavailable`] naming the root key's state. This is the
//! crypto-shredding bound: a Get on a node at most `check_interval` after the CRK was destroyed or
//! disabled is refused (each node checks on its own, so the bound holds per node).
//!
//! Provider outages: when the provider cannot be reached ([`RootKeyError::Unavailable`]) the
//! cached key keeps *opening* existing objects for at most the unreachable grace (default 300 s,
//! counted from the first failed check), while *sealing* new objects is refused at once (a key
//! created now could not be known to be protected by a live root key); the status is checked again
//! every [`OUTAGE_RECHECK`] (or `check_interval` if shorter) and the first answer ends the outage
//! with no restart. The grace never applies to a provider that answers that the key is destroyed
//! or disabled.

use std::collections::HashMap;
use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock, RwLockReadGuard, RwLockWriteGuard};
use std::time::{Duration, Instant};

use zeroize::Zeroizing;

use super::aead;
use crate::rootkey::{ProviderResolver, RootKeyError, RootKeyProvider, RootKeyStatus};
use crate::store::{Store, StoreError, TenantRecord};

const TWK_AAD_LABEL: &[u8] = b"keyhaven-twk-v1";
const TWK_AAD_LABEL_V2: &[u8] = b"keyhaven-twk-v2";
/// The version of a tenant's first wrapping key.
pub const FIRST_TWK_VERSION: i64 = 1;
const OBJ_AAD_LABEL: &[u8] = b"keyhaven-obj-v1";
const OBJ_FORMAT_V1: u8 = 1;
const OBJ_HEADER_LEN: usize = 1 + 8;
const TWK_LEN: usize = aead::KEY_LEN;

/// Default interval between root-key status checks of a cached tenant key.
pub const DEFAULT_CHECK_INTERVAL: Duration = Duration::from_secs(30);

/// Default time existing keys stay readable while the root-key provider cannot be reached.
pub const DEFAULT_UNREACHABLE_GRACE: Duration = Duration::from_secs(300);

/// Interval between status checks while the provider is unreachable (recovery is seen this fast).
pub const OUTAGE_RECHECK: Duration = Duration::from_secs(2);

/// Errors of the envelope. They name the tenant and object concerned, never key or material bytes.
#[derive(Debug, thiserror::Error)]
pub enum EnvelopeError {
    #[error("tenant {tenant}: no root key provider named '{kind}' is configured on this node")]
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
    /// On a locked page kept out of core dumps.
    key: super::locked::LockedKey<TWK_LEN>,
    root_provider: String,
    root_key_ref: String,
    twk_version: i64,
    wrapped_twk: Vec<u8>,
    /// When the root key's status was last checked, and whether the provider answered.
    check: Mutex<CheckState>,
}

struct CheckState {
    /// When the root key's status was last checked (or the check claimed).
    checked: Instant,
    /// Since when the provider has not been reachable (None: it answered the last check).
    unreachable_since: Option<Instant>,
    /// The provider's last error while unreachable.
    last_error: String,
}

/// What the caller wants the tenant key for.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Purpose {
    /// Opening existing objects: allowed during the unreachable grace.
    Open,
    /// Sealing new objects: refused while the provider is unreachable.
    Seal,
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
    providers: RwLock<HashMap<String, Arc<dyn RootKeyProvider>>>,
    /// Opens providers not known yet (added while the server runs).
    resolver: Option<ProviderResolver>,
    store: Arc<dyn Store>,
    check_interval: Duration,
    /// The unreachable grace, in milliseconds.
    grace_ms: AtomicU64,
    cache: RwLock<HashMap<String, Arc<CachedTwk>>>,
}

impl fmt::Debug for Envelope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut kinds: Vec<String> = self.read_providers().keys().cloned().collect();
        kinds.sort();
        f.debug_struct("Envelope")
            .field("providers", &kinds)
            .field("check_interval", &self.check_interval)
            .field("unreachable_grace", &self.unreachable_grace())
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

/// The associated data of a tenant wrapping key under `provider`: providers that bind the
/// wrapping-key version (the cloud key managers, whose AAD or encryption context is visible in
/// their audit logs) get `"keyhaven-twk-v2" || tenant id || 0x00 || twk version (i64 BE)`; the
/// others keep the original `"keyhaven-twk-v1" || tenant id`.
fn twk_aad_for(provider: &dyn RootKeyProvider, tenant_id: &str, twk_version: i64) -> Vec<u8> {
    if !provider.binds_key_version() {
        return twk_aad(tenant_id);
    }
    let mut aad = Vec::with_capacity(TWK_AAD_LABEL_V2.len() + tenant_id.len() + 9);
    aad.extend_from_slice(TWK_AAD_LABEL_V2);
    aad.extend_from_slice(tenant_id.as_bytes());
    aad.push(0);
    aad.extend_from_slice(&twk_version.to_be_bytes());
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
            providers: RwLock::new(providers),
            resolver: None,
            store,
            check_interval: DEFAULT_CHECK_INTERVAL,
            grace_ms: AtomicU64::new(DEFAULT_UNREACHABLE_GRACE.as_millis() as u64),
            cache: RwLock::new(HashMap::new()),
        }
    }

    /// Looks up providers that are not in the initial map by name (see [`ProviderResolver`]).
    pub fn with_provider_resolver(mut self, resolver: ProviderResolver) -> Self {
        self.resolver = Some(resolver);
        self
    }

    /// How long cached tenant keys keep opening objects while their provider is unreachable.
    pub fn with_unreachable_grace(self, grace: Duration) -> Self {
        self.set_unreachable_grace(grace);
        self
    }

    /// Sets the unreachable grace (see [`Envelope::with_unreachable_grace`]).
    pub fn set_unreachable_grace(&self, grace: Duration) {
        self.grace_ms.store(
            u64::try_from(grace.as_millis()).unwrap_or(u64::MAX),
            Ordering::Relaxed,
        );
    }

    pub fn unreachable_grace(&self) -> Duration {
        Duration::from_millis(self.grace_ms.load(Ordering::Relaxed))
    }

    pub fn check_interval(&self) -> Duration {
        self.check_interval
    }

    /// How often a cached tenant key is revalidated against its root key's status.
    pub fn with_check_interval(mut self, interval: Duration) -> Self {
        self.check_interval = interval;
        self
    }

    /// The provider of that name, if configured (opening it through the resolver if needed).
    pub fn provider(&self, name: &str) -> Option<Arc<dyn RootKeyProvider>> {
        self.provider_for("", name).ok()
    }

    fn read_providers(&self) -> RwLockReadGuard<'_, HashMap<String, Arc<dyn RootKeyProvider>>> {
        self.providers.read().unwrap_or_else(|p| p.into_inner())
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
    ) -> Result<Arc<dyn RootKeyProvider>, EnvelopeError> {
        if let Some(p) = self.read_providers().get(kind) {
            return Ok(Arc::clone(p));
        }
        let unknown = || EnvelopeError::UnknownProvider {
            tenant: tenant_id.to_owned(),
            kind: kind.to_owned(),
        };
        let resolver = self.resolver.as_ref().ok_or_else(unknown)?;
        match resolver(kind) {
            Ok(Some(p)) => {
                let mut map = self.providers.write().unwrap_or_else(|p| p.into_inner());
                Ok(Arc::clone(map.entry(kind.to_owned()).or_insert(p)))
            }
            Ok(None) => Err(unknown()),
            Err(e) => Err(EnvelopeError::RootKeyUnavailable {
                tenant: tenant_id.to_owned(),
                reason: format!("cannot open root key provider {kind}: {e}"),
            }),
        }
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
            .wrap(
                root_key_ref,
                &twk,
                &twk_aad_for(provider.as_ref(), tenant_id, FIRST_TWK_VERSION),
            )
            .map_err(|e| root_err(tenant_id, e))
    }

    /// Re-protects the tenant wrapping key of `tenant` under another root key of the same
    /// provider: unwrapped by the current root key and wrapped by `new_ref`, both inside the
    /// provider. Returns the new wrapped form (for [`crate::store::Store::switch_root_key`]).
    pub fn rewrap_tenant_key(
        &self,
        tenant: &TenantRecord,
        new_ref: &str,
    ) -> Result<Vec<u8>, EnvelopeError> {
        let provider = self.provider_for(&tenant.id, &tenant.root_provider)?;
        let aad = twk_aad_for(provider.as_ref(), &tenant.id, tenant.twk_version);
        let twk = provider
            .unwrap(&tenant.root_key_ref, &tenant.wrapped_twk, &aad)
            .map_err(|e| root_err(&tenant.id, e))?;
        provider
            .wrap(new_ref, &twk, &aad)
            .map_err(|e| root_err(&tenant.id, e))
    }

    /// Re-wraps the tenant wrapping key under the newest version of the same root key (after the
    /// provider rotated it in place). Returns the new wrapped form, for
    /// [`crate::store::Store::switch_root_key`] with the same reference.
    pub fn rewrap_tenant_key_in_place(
        &self,
        tenant: &TenantRecord,
    ) -> Result<Vec<u8>, EnvelopeError> {
        let provider = self.provider_for(&tenant.id, &tenant.root_provider)?;
        provider
            .rewrap(
                &tenant.root_key_ref,
                &tenant.wrapped_twk,
                &twk_aad_for(provider.as_ref(), &tenant.id, tenant.twk_version),
            )
            .map_err(|e| root_err(&tenant.id, e))
    }

    /// Stores the wrapped TWK a provider handed back while unwrapping (the same key wrapped under
    /// the root key's newest version), unless a rotation of the tenant is under way (it writes
    /// the row itself). Best effort: the old form keeps working until it is stored.
    fn store_rewrapped(&self, tenant: &TenantRecord, rewrapped: &[u8]) {
        match self.store.get_root_rotation(&tenant.id) {
            Ok(None) => {}
            Ok(Some(_)) => return,
            Err(e) => {
                tracing::warn!(tenant = %tenant.name, error = %e, "cannot store the re-wrapped tenant key");
                return;
            }
        }
        match self.store.switch_root_key(
            &tenant.id,
            &tenant.root_key_ref,
            &tenant.root_key_ref,
            rewrapped,
        ) {
            Ok(()) => tracing::info!(tenant = %tenant.name, provider = %tenant.root_provider,
                root_key = %tenant.root_key_ref,
                "tenant key re-wrapped by the provider under the root key's newest version: stored"),
            Err(e) => tracing::warn!(tenant = %tenant.name, error = %e,
                "cannot store the re-wrapped tenant key (the current one keeps working)"),
        }
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
        self.tenant_key(&tenant, Purpose::Open)?;
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
    /// An unreachable provider starts (or continues) an outage instead of failing.
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
        let answer = provider.status(&entry.root_key_ref);
        let mut st = entry.check.lock().unwrap_or_else(|p| p.into_inner());
        match answer {
            Ok(RootKeyStatus::Active) => {
                if let Some(since) = st.unreachable_since.take() {
                    tracing::info!(tenant = %tenant.name, provider = %entry.root_provider,
                        outage_secs = since.elapsed().as_secs(), "root key provider reachable again");
                }
                st.last_error.clear();
                Ok(())
            }
            Ok(status) => {
                drop(st);
                self.evict(&tenant.id, entry);
                tracing::warn!(tenant = %tenant.name, provider = %entry.root_provider,
                    root_key = %entry.root_key_ref, %status, "root key unusable: the tenant's keys are no longer served");
                Err(EnvelopeError::RootKeyUnavailable {
                    tenant: tenant.id.clone(),
                    reason: format!(
                        "root key {} in provider {} is {status}",
                        entry.root_key_ref, entry.root_provider
                    ),
                })
            }
            // Unreachable provider: an outage; `tenant_key` applies the grace.
            Err(e) if e.is_transient() => {
                if st.unreachable_since.is_none() {
                    st.unreachable_since = Some(Instant::now());
                    tracing::warn!(tenant = %tenant.name, provider = %entry.root_provider, error = %e,
                        grace_secs = self.unreachable_grace().as_secs(),
                        "root key provider unreachable: existing keys are served during the grace period, new keys are refused");
                }
                st.last_error = e.to_string();
                Ok(())
            }
            Err(e) => {
                drop(st);
                self.evict(&tenant.id, entry);
                Err(root_err(&tenant.id, e))
            }
        }
    }

    /// The tenant's unwrapped TWK, from the cache when possible.
    fn tenant_key(
        &self,
        tenant: &TenantRecord,
        purpose: Purpose,
    ) -> Result<Arc<CachedTwk>, EnvelopeError> {
        let cached = self.read_cache().get(&tenant.id).cloned();
        if let Some(entry) = cached.filter(|e| e.matches(tenant)) {
            let due = {
                let mut st = entry.check.lock().unwrap_or_else(|p| p.into_inner());
                let interval = if st.unreachable_since.is_some() {
                    self.check_interval.min(OUTAGE_RECHECK)
                } else {
                    self.check_interval
                };
                // Claim the check, so concurrent callers do not all ask the provider.
                let due = st.checked.elapsed() >= interval;
                if due && crate::nonblocking::refuse() {
                    // The provider is asked from a blocking thread, not an async worker.
                    return Err(EnvelopeError::RootKeyUnavailable {
                        tenant: tenant.id.clone(),
                        reason: "the root key check cannot run on an async worker".into(),
                    });
                }
                if due {
                    st.checked = Instant::now();
                }
                due
            };
            if due {
                self.revalidate(tenant, &entry)?;
            }
            let st = entry.check.lock().unwrap_or_else(|p| p.into_inner());
            if let Some(since) = st.unreachable_since {
                let grace = self.unreachable_grace();
                let down = since.elapsed();
                if down >= grace {
                    let reason = format!(
                        "root key provider {} unreachable for {} s, longer than the grace period of {} s: {}",
                        entry.root_provider,
                        down.as_secs(),
                        grace.as_secs(),
                        st.last_error
                    );
                    drop(st);
                    self.evict(&tenant.id, &entry);
                    tracing::warn!(tenant = %tenant.name, provider = %entry.root_provider,
                        "unreachable grace over: the tenant's keys are no longer served until the provider answers");
                    return Err(EnvelopeError::RootKeyUnavailable {
                        tenant: tenant.id.clone(),
                        reason,
                    });
                }
                if purpose == Purpose::Seal {
                    return Err(EnvelopeError::RootKeyUnavailable {
                        tenant: tenant.id.clone(),
                        reason: format!(
                            "root key provider {} unreachable for {} s ({}); existing keys stay readable for up to {} s, new keys are refused until it answers",
                            entry.root_provider,
                            down.as_secs(),
                            st.last_error,
                            grace.as_secs()
                        ),
                    });
                }
            }
            drop(st);
            return Ok(entry);
        }

        if crate::nonblocking::refuse() {
            return Err(EnvelopeError::RootKeyUnavailable {
                tenant: tenant.id.clone(),
                reason: "the root key provider cannot be called on an async worker".into(),
            });
        }
        let provider = self.provider_for(&tenant.id, &tenant.root_provider)?;
        let (twk, refreshed) = provider
            .unwrap_refreshed(
                &tenant.root_key_ref,
                &tenant.wrapped_twk,
                &twk_aad_for(provider.as_ref(), &tenant.id, tenant.twk_version),
            )
            .map_err(|e| root_err(&tenant.id, e))?;
        if let Some(rewrapped) = refreshed {
            self.store_rewrapped(tenant, &rewrapped);
        }
        let key = super::locked::LockedKey::<TWK_LEN>::from_slice(&twk).ok_or_else(|| {
            EnvelopeError::TenantKeyInvalid {
                tenant: tenant.id.clone(),
                reason: format!("unwrapped key has {} bytes, expected {TWK_LEN}", twk.len()),
            }
        })?;
        let entry = Arc::new(CachedTwk {
            key,
            root_provider: tenant.root_provider.clone(),
            root_key_ref: tenant.root_key_ref.clone(),
            twk_version: tenant.twk_version,
            wrapped_twk: tenant.wrapped_twk.clone(),
            check: Mutex::new(CheckState {
                checked: Instant::now(),
                unreachable_since: None,
                last_error: String::new(),
            }),
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
        let twk = self.tenant_key(tenant, Purpose::Seal)?;
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
        let twk = self.tenant_key(tenant, Purpose::Open)?;
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::sqlite::SqliteStore;
    use crate::store::TenantState;
    use std::sync::atomic::AtomicU8;

    /// A provider whose answers a test switches: 0 active, 1 unreachable, 2 destroyed, 3 disabled.
    struct Switch {
        mode: AtomicU8,
    }

    impl Switch {
        fn err(&self, r: &str) -> Option<RootKeyError> {
            match self.mode.load(Ordering::SeqCst) {
                1 => Some(RootKeyError::Unavailable("HSM unplugged".into())),
                2 => Some(RootKeyError::KeyNotFound(r.into())),
                3 => Some(RootKeyError::KeyDisabled(r.into())),
                _ => None,
            }
        }
    }

    impl RootKeyProvider for Switch {
        fn kind(&self) -> &'static str {
            "switch"
        }
        fn create_key(&self) -> Result<String, RootKeyError> {
            Ok("k".into())
        }
        fn wrap(&self, r: &str, p: &[u8], _aad: &[u8]) -> Result<Vec<u8>, RootKeyError> {
            self.err(r).map_or(Ok(p.to_vec()), Err)
        }
        fn unwrap(
            &self,
            r: &str,
            w: &[u8],
            _aad: &[u8],
        ) -> Result<Zeroizing<Vec<u8>>, RootKeyError> {
            self.err(r).map_or(Ok(Zeroizing::new(w.to_vec())), Err)
        }
        fn status(&self, r: &str) -> Result<RootKeyStatus, RootKeyError> {
            match self.mode.load(Ordering::SeqCst) {
                0 => Ok(RootKeyStatus::Active),
                2 => Ok(RootKeyStatus::Destroyed),
                3 => Ok(RootKeyStatus::Disabled),
                _ => Err(self.err(r).unwrap_or(RootKeyError::Io("?".into()))),
            }
        }
    }

    fn setup(grace: Duration) -> (tempfile::TempDir, Arc<Switch>, Envelope, TenantRecord) {
        let dir = tempfile::tempdir().expect("tempdir");
        let store: Arc<dyn Store> =
            Arc::new(SqliteStore::open(&dir.path().join("db")).expect("store"));
        let sw = Arc::new(Switch {
            mode: AtomicU8::new(0),
        });
        let mut providers: HashMap<String, Arc<dyn RootKeyProvider>> = HashMap::new();
        providers.insert("hsm1".into(), sw.clone());
        let env = Envelope::new(providers, store.clone())
            .with_check_interval(Duration::from_millis(50))
            .with_unreachable_grace(grace);
        let t = TenantRecord {
            id: "t1".into(),
            name: "t1".into(),
            state: TenantState::Active,
            root_provider: "hsm1".into(),
            root_key_ref: "k".into(),
            wrapped_twk: env.new_tenant_key("hsm1", "k", "t1").expect("twk"),
            twk_version: 1,
            created_at: 0,
        };
        store.insert_tenant(&t).expect("insert");
        (dir, sw, env, t)
    }

    fn reason(r: Result<impl std::fmt::Debug, EnvelopeError>) -> String {
        match r {
            Err(EnvelopeError::RootKeyUnavailable { reason, .. }) => reason,
            other => panic!("expected RootKeyUnavailable, got {other:?}"),
        }
    }

    /// Cloud providers bind tenant and wrapping-key version; local and PKCS#11 keep v1.
    #[test]
    fn twk_associated_data_binds_the_version_for_cloud_providers() {
        struct Cloud;
        impl RootKeyProvider for Cloud {
            fn kind(&self) -> &'static str {
                "cloud"
            }
            fn create_key(&self) -> Result<String, RootKeyError> {
                Ok("k".into())
            }
            fn wrap(&self, _r: &str, p: &[u8], _a: &[u8]) -> Result<Vec<u8>, RootKeyError> {
                Ok(p.to_vec())
            }
            fn unwrap(
                &self,
                _r: &str,
                w: &[u8],
                _a: &[u8],
            ) -> Result<Zeroizing<Vec<u8>>, RootKeyError> {
                Ok(Zeroizing::new(w.to_vec()))
            }
            fn status(&self, _r: &str) -> Result<RootKeyStatus, RootKeyError> {
                Ok(RootKeyStatus::Active)
            }
            fn binds_key_version(&self) -> bool {
                true
            }
        }
        let sw = Switch {
            mode: AtomicU8::new(0),
        };
        assert_eq!(twk_aad_for(&sw, "t1", 7), b"keyhaven-twk-v1t1".to_vec());
        let v1 = twk_aad_for(&Cloud, "t1", 1);
        assert!(v1.starts_with(b"keyhaven-twk-v2t1\0"), "{v1:?}");
        assert_ne!(v1, twk_aad_for(&Cloud, "t1", 2));
        assert_ne!(v1, twk_aad_for(&Cloud, "t2", 1));
    }

    #[test]
    fn outage_keeps_reads_refuses_creates_and_recovers() {
        let (_d, sw, env, t) = setup(Duration::from_secs(60));
        let blob = env.seal(&t, "u", b"material").expect("seal");
        sw.mode.store(1, Ordering::SeqCst);
        std::thread::sleep(Duration::from_millis(60));
        assert_eq!(
            &env.open(&t, "u", &blob).expect("open in grace")[..],
            b"material"
        );
        let r = reason(env.seal(&t, "u2", b"m"));
        assert!(
            r.contains("unreachable") && r.contains("new keys are refused"),
            "{r}"
        );
        assert_eq!(
            &env.open(&t, "u", &blob).expect("open in grace")[..],
            b"material"
        );
        // Back: the next check (after OUTAGE_RECHECK at most, here 50 ms) ends the outage.
        sw.mode.store(0, Ordering::SeqCst);
        std::thread::sleep(Duration::from_millis(60));
        env.seal(&t, "u3", b"m").expect("seal after recovery");
    }

    #[test]
    fn grace_is_bounded_and_recovery_needs_no_restart() {
        let (_d, sw, env, t) = setup(Duration::from_millis(200));
        let blob = env.seal(&t, "u", b"material").expect("seal");
        sw.mode.store(1, Ordering::SeqCst);
        std::thread::sleep(Duration::from_millis(60));
        env.open(&t, "u", &blob).expect("open in grace");
        std::thread::sleep(Duration::from_millis(250));
        let r = reason(env.open(&t, "u", &blob));
        assert!(r.contains("longer than the grace period"), "{r}");
        // Now from the provider (cache dropped): still refused while it is down.
        let r = reason(env.open(&t, "u", &blob));
        assert!(r.contains("unavailable"), "{r}");
        sw.mode.store(0, Ordering::SeqCst);
        assert_eq!(
            &env.open(&t, "u", &blob).expect("open after recovery")[..],
            b"material"
        );
    }

    #[test]
    fn no_grace_once_the_provider_says_destroyed_or_disabled() {
        let (_d, sw, env, t) = setup(Duration::from_secs(600));
        let blob = env.seal(&t, "u", b"material").expect("seal");
        // An outage first, then the provider answers: destroyed.
        sw.mode.store(1, Ordering::SeqCst);
        std::thread::sleep(Duration::from_millis(60));
        env.open(&t, "u", &blob).expect("open in grace");
        sw.mode.store(2, Ordering::SeqCst);
        std::thread::sleep(Duration::from_millis(60));
        let r = reason(env.open(&t, "u", &blob));
        assert!(
            r.contains("root key k in provider hsm1 is destroyed"),
            "{r}"
        );
        sw.mode.store(3, Ordering::SeqCst);
        let r = reason(env.open(&t, "u", &blob));
        assert!(r.contains("disabled"), "{r}");
        // Re-enabled: readable again.
        sw.mode.store(0, Ordering::SeqCst);
        env.open(&t, "u", &blob).expect("open after enable");
    }
}
