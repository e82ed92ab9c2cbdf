//! Persistent state behind one trait: tenants, trusted clients, managed objects and the audit trail.
//!
//! The store never sees plaintext key material: managed objects arrive with their material already
//! wrapped by [`crate::crypto::envelope`], and their attributes as an opaque TTLV blob owned by the
//! server layer. SQLite ([`sqlite::SqliteStore`]) is the embedded default; PostgreSQL
//! ([`postgres::PostgresStore`]) lets several nodes share one store (docs/cluster.md). All methods
//! are synchronous and take `&self`; callers run them on a blocking thread.

pub mod admins;
pub mod audit_chain;
pub mod postgres;
pub mod query;
pub mod sqlite;

pub use admins::{AdminAccount, AdminSession, LoginFailures, SessionSelector};
pub use query::{ObjectPage, ObjectQuery, PageRequest};

use std::fmt;

/// Errors of a store backend.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The record asked for does not exist.
    #[error("not found: {0}")]
    NotFound(String),
    /// A record with that key exists already.
    #[error("already exists: {0}")]
    AlreadyExists(String),
    /// An optimistic update lost the race: the record changed since it was read.
    #[error("concurrent update of {0}; retry")]
    Conflict(String),
    /// The backend failed (I/O, corruption, unreachable database).
    #[error("store backend error: {0}")]
    Backend(String),
}

pub type StoreResult<T> = Result<T, StoreError>;

/// Lifecycle of a tenant.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TenantState {
    Active,
    Suspended,
}

impl TenantState {
    pub fn as_str(self) -> &'static str {
        match self {
            TenantState::Active => "active",
            TenantState::Suspended => "suspended",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "active" => Some(TenantState::Active),
            "suspended" => Some(TenantState::Suspended),
            _ => None,
        }
    }
}

/// A tenant ("instance"): its own root key, clients and objects.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TenantRecord {
    /// Stable identifier (UUID text).
    pub id: String,
    /// Unique human name, e.g. "default".
    pub name: String,
    pub state: TenantState,
    /// Root-key provider kind, e.g. "local".
    pub root_provider: String,
    /// The provider's reference to the tenant's customer root key (CRK).
    pub root_key_ref: String,
    /// The tenant wrapping key, wrapped under the CRK (never plaintext).
    pub wrapped_twk: Vec<u8>,
    /// Version of the tenant wrapping key (bumped on rotation).
    pub twk_version: i64,
    /// Seconds since the epoch.
    pub created_at: i64,
}

/// How a client is recognised.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ClientTrust {
    /// A pinned certificate: SHA-256 of its DER.
    PinnedCert { sha256: [u8; 32] },
    /// Any certificate that chains to this CA certificate (DER).
    Ca { ca_der: Vec<u8> },
}

/// A trusted KMIP client of one tenant.
#[derive(Clone, PartialEq, Eq)]
pub struct ClientRecord {
    /// Stable identifier (UUID text).
    pub id: String,
    pub tenant_id: String,
    /// Unique human name (unique across the server), e.g. "vcenter-prod".
    pub name: String,
    pub trust: ClientTrust,
    /// The certificate (DER) when one was pinned or issued, for display.
    pub cert_der: Option<Vec<u8>>,
    /// Optional KMIP Username/Password credential: the username...
    pub username: Option<String>,
    /// ...and a PHC-format password hash (argon2id). Never the password.
    pub password_hash: Option<String>,
    pub created_at: i64,
}

impl fmt::Debug for ClientRecord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientRecord")
            .field("id", &self.id)
            .field("tenant_id", &self.tenant_id)
            .field("name", &self.name)
            .field("trust", &self.trust)
            .field("username", &self.username)
            .field(
                "password_hash",
                &self.password_hash.as_ref().map(|_| "<set>"),
            )
            .finish()
    }
}

/// A managed object (key, secret data, opaque object...) as stored.
#[derive(Clone, PartialEq, Eq)]
pub struct ObjectRecord {
    /// KMIP Unique Identifier (UUID text), unique across every node.
    pub uid: String,
    pub tenant_id: String,
    /// KMIP Object Type enumeration value.
    pub object_type: u32,
    /// KMIP State enumeration value.
    pub state: u32,
    /// Cryptographic Algorithm enumeration value, when the object has one (for Locate).
    pub algorithm: Option<u32>,
    /// Cryptographic Length, when the object has one (for Locate).
    pub length: Option<i32>,
    /// Key material wrapped by the tenant wrapping key; empty once destroyed.
    pub wrapped_material: Vec<u8>,
    /// The attributes, TTLV-encoded by the server layer (opaque here).
    pub attributes: Vec<u8>,
    /// Seconds since the epoch.
    pub created_at: i64,
    pub updated_at: i64,
    /// Incremented on every update; used for optimistic concurrency.
    pub revision: i64,
}

impl fmt::Debug for ObjectRecord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ObjectRecord")
            .field("uid", &self.uid)
            .field("tenant_id", &self.tenant_id)
            .field("object_type", &self.object_type)
            .field("state", &self.state)
            .field("algorithm", &self.algorithm)
            .field("length", &self.length)
            .field(
                "wrapped_material",
                &format_args!("<{} bytes>", self.wrapped_material.len()),
            )
            .field("revision", &self.revision)
            .finish()
    }
}

/// Filter for [`Store::list_objects`]: every `Some` field must match. Attribute filters (names,
/// custom attributes) are applied by the caller on the decoded attributes.
#[derive(Clone, Debug, Default)]
pub struct ObjectFilter {
    pub object_type: Option<u32>,
    pub state: Option<u32>,
    pub algorithm: Option<u32>,
    pub length: Option<i32>,
}

/// One line of the audit trail.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuditRecord {
    /// Seconds since the epoch.
    pub at: i64,
    pub tenant_id: Option<String>,
    /// Client name (or "admin" for CLI actions, or the certificate fingerprint when unknown).
    pub actor: String,
    /// Operation name, e.g. "Get".
    pub operation: String,
    pub uid: Option<String>,
    /// "success" or the failure reason.
    pub outcome: String,
    /// Peer address when known.
    pub peer: Option<String>,
}

/// An audit record with its place in the hash chain ([`audit_chain`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChainedAudit {
    /// The row's own identifier (insertion order).
    pub id: i64,
    /// Position in the chain; `None` for rows written before the chain existed.
    pub seq: Option<i64>,
    pub prev_hash: Option<Vec<u8>>,
    pub hash: Option<Vec<u8>>,
    pub record: AuditRecord,
}

/// A signed statement that the chain had `hash` at position `seq` (a checkpoint, or the anchor
/// that `audit prune` leaves in place of the records it removes).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuditCheckpoint {
    pub seq: i64,
    pub hash: Vec<u8>,
    /// When it was signed (seconds since the epoch).
    pub at: i64,
    /// Which audit signing key signed it (hex of the first 8 bytes of SHA-256 of its public key).
    pub key_id: String,
    /// ECDSA P-256 signature (DER) over [`crate::audit::signing::checkpoint_message`].
    pub signature: Vec<u8>,
}

fn audit_chain_unsupported<T>() -> StoreResult<T> {
    Err(StoreError::Backend(
        "the audit chain is not supported by this store backend".into(),
    ))
}

/// Where a customer root key rotation stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RotationPhase {
    /// The new root key exists; the tenant wrapping key is being re-protected under it.
    Rewrapping,
    /// The tenant uses the new root key; the old one is to be retired.
    Retiring,
}

impl RotationPhase {
    pub fn as_str(self) -> &'static str {
        match self {
            RotationPhase::Rewrapping => "rewrapping",
            RotationPhase::Retiring => "retiring",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "rewrapping" => Some(RotationPhase::Rewrapping),
            "retiring" => Some(RotationPhase::Retiring),
            _ => None,
        }
    }
}

/// A customer root key rotation of one tenant, kept until the old key is retired.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RootRotation {
    pub tenant_id: String,
    pub old_ref: String,
    pub new_ref: String,
    pub phase: RotationPhase,
    pub started_at: i64,
    pub updated_at: i64,
}

/// The Key Protect mirror of one key (see [`crate::rootkey::cloud::mirror`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyMirror {
    pub uid: String,
    pub tenant_id: String,
    /// The Key Protect provider holding the mirror.
    pub provider: String,
    /// The mirror's key ID in Key Protect, once written.
    pub remote_id: Option<String>,
    /// "writing" (claimed by a node), "mirrored", "failed" (retried; `last_error` says why) or
    /// "deleted" (the key was revoked).
    pub state: String,
    pub attempts: i64,
    pub last_error: Option<String>,
    pub updated_at: i64,
}

/// The values of `found` (name, value) in the order of `names`, `None` where a name is missing.
pub(crate) fn in_order(names: &[&str], mut found: Vec<(String, Vec<u8>)>) -> Vec<Option<Vec<u8>>> {
    names
        .iter()
        .map(|n| {
            found
                .iter()
                .position(|(name, _)| name == n)
                .map(|i| found.swap_remove(i).1)
        })
        .collect()
}

fn mirror_unsupported<T>() -> StoreResult<T> {
    Err(StoreError::Backend(
        "the Key Protect mirror is not supported by this store backend".into(),
    ))
}

fn rotation_unsupported<T>() -> StoreResult<T> {
    Err(StoreError::Backend(
        "root key rotation is not supported by this store backend yet".into(),
    ))
}

fn admins_unsupported<T>() -> StoreResult<T> {
    Err(StoreError::Backend(
        "administrators are not supported by this store backend".into(),
    ))
}

fn cluster_unsupported<T>() -> StoreResult<T> {
    Err(StoreError::Backend(
        "clusters are not supported by this store backend".into(),
    ))
}

/// What every node of a cluster must know of a client's KMIP session ([`Store`]'s session
/// records): a Login ticket (kind [`SessionRecord::TICKET`], id the SHA-256 of the ticket) or an
/// asynchronous request waiting for Poll (kind [`SessionRecord::ASYNC`], id its Asynchronous
/// Correlation Value).
#[derive(Clone, PartialEq, Eq)]
pub struct SessionRecord {
    pub kind: String,
    pub id: Vec<u8>,
    pub tenant_id: String,
    pub client_id: String,
    /// Opaque to the store: a ticket's Rights, or the waiting request sealed under the tenant's
    /// keys.
    pub value: Vec<u8>,
    /// Uses left (`None`: unlimited).
    pub uses_left: Option<i64>,
    /// Seconds since the epoch from which the record is void.
    pub expires: i64,
    /// Microseconds since the epoch.
    pub created_us: i64,
}

impl SessionRecord {
    pub const TICKET: &'static str = "ticket";
    pub const ASYNC: &'static str = "async";
}

impl fmt::Debug for SessionRecord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SessionRecord")
            .field("kind", &self.kind)
            .field("tenant_id", &self.tenant_id)
            .field("client_id", &self.client_id)
            .field("value", &format_args!("<{} bytes>", self.value.len()))
            .field("uses_left", &self.uses_left)
            .field("expires", &self.expires)
            .finish()
    }
}

/// A node of a cluster, as it last reported itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NodeRecord {
    /// Stable identifier of the node (its data directory's `node-id`).
    pub id: String,
    /// Host name.
    pub name: String,
    /// Keyhaven version it runs.
    pub version: String,
    /// Addresses it serves KMIP on.
    pub address: String,
    pub joined_at: i64,
    pub last_seen: i64,
}

/// The persistent store. Implementations must be safe to share between threads.
pub trait Store: Send + Sync {
    /// Whether reads can run on an async worker inside a [`crate::nonblocking::attempt`]: they
    /// never wait on the network, and turn to [`crate::nonblocking::refuse`] instead of waiting
    /// for a lock. Writes always refuse there.
    fn nonblocking_reads(&self) -> bool {
        false
    }

    // Tenants
    fn insert_tenant(&self, t: &TenantRecord) -> StoreResult<()>;
    fn get_tenant(&self, id: &str) -> StoreResult<TenantRecord>;
    fn get_tenant_by_name(&self, name: &str) -> StoreResult<TenantRecord>;
    fn list_tenants(&self) -> StoreResult<Vec<TenantRecord>>;
    fn set_tenant_state(&self, id: &str, state: TenantState) -> StoreResult<()>;

    // Clients
    fn insert_client(&self, c: &ClientRecord) -> StoreResult<()>;
    /// All clients, or those of one tenant.
    fn list_clients(&self, tenant_id: Option<&str>) -> StoreResult<Vec<ClientRecord>>;
    /// Removes the client with that name; NotFound if none.
    fn remove_client(&self, name: &str) -> StoreResult<()>;
    /// Re-Provision: the client `old_id` gets `c`'s identifier, trust and certificate (its name
    /// and tenant stay), in one statement; Conflict when it no longer exists. Its old identifier
    /// then names no client, so connections and tickets that carried it are refused.
    fn replace_client_credential(&self, old_id: &str, c: &ClientRecord) -> StoreResult<()>;
    /// A number that changes whenever tenants or clients change (cache invalidation of trust).
    fn trust_generation(&self) -> StoreResult<i64>;

    // Managed objects
    /// Inserts a new object; durable when this returns Ok.
    fn insert_object(&self, o: &ObjectRecord) -> StoreResult<()>;
    /// The object `uid` of that tenant; NotFound if absent or of another tenant.
    fn get_object(&self, tenant_id: &str, uid: &str) -> StoreResult<ObjectRecord>;
    /// Replaces the object if its stored revision is `o.revision - 1`; Conflict otherwise.
    fn update_object(&self, o: &ObjectRecord) -> StoreResult<()>;
    /// Objects of a tenant matching the filter, oldest first, at most `limit` when given.
    fn list_objects(
        &self,
        tenant_id: &str,
        filter: &ObjectFilter,
        limit: Option<usize>,
    ) -> StoreResult<Vec<ObjectRecord>>;
    /// One page of the tenant's objects matching `q`, oldest first (insertion order), answered
    /// from indexes by the SQL backends. The default filters [`Store::list_objects`] in Rust.
    fn query_objects(
        &self,
        tenant_id: &str,
        q: &ObjectQuery,
        page: &PageRequest,
    ) -> StoreResult<ObjectPage> {
        let all = self.list_objects(tenant_id, &ObjectFilter::default(), None)?;
        let mut records: Vec<ObjectRecord> = Vec::new();
        let mut positions = Vec::new();
        for (i, r) in all.into_iter().enumerate() {
            let pos = i as i64 + 1;
            if page.after.is_some_and(|a| pos <= a) || !q.matches(&r) {
                continue;
            }
            positions.push(pos);
            records.push(r);
        }
        let skip = usize::try_from(page.offset).unwrap_or(usize::MAX);
        let take = usize::try_from(page.limit).unwrap_or(usize::MAX);
        let records: Vec<ObjectRecord> = records.into_iter().skip(skip).take(take).collect();
        let positions: Vec<i64> = positions.into_iter().skip(skip).take(take).collect();
        let next = if records.len() == take && take > 0 {
            positions.last().copied()
        } else {
            None
        };
        Ok(ObjectPage {
            records,
            positions,
            next,
        })
    }
    /// How many of the tenant's objects match `q`.
    fn count_objects(&self, tenant_id: &str, q: &ObjectQuery) -> StoreResult<u64> {
        Ok(self
            .list_objects(tenant_id, &ObjectFilter::default(), None)?
            .iter()
            .filter(|r| q.matches(r))
            .count() as u64)
    }

    // Per-tenant settings: what a tenant's clients set through KMIP (Set Defaults, Set
    // Constraints) and per-tenant facts every node shares, each an opaque value by name.
    /// The tenant's setting `name`, if set.
    fn get_tenant_setting(&self, tenant_id: &str, name: &str) -> StoreResult<Option<Vec<u8>>>;
    /// The tenant's settings `names`, in that order, in one store call (the policy a Create
    /// reads is two settings).
    fn get_tenant_settings(
        &self,
        tenant_id: &str,
        names: &[&str],
    ) -> StoreResult<Vec<Option<Vec<u8>>>> {
        names
            .iter()
            .map(|n| self.get_tenant_setting(tenant_id, n))
            .collect()
    }
    /// Sets the tenant's setting `name` (replacing it), or removes it when `value` is `None`.
    fn put_tenant_setting(
        &self,
        tenant_id: &str,
        name: &str,
        value: Option<&[u8]>,
        at: i64,
    ) -> StoreResult<()>;
    /// Sets the tenant's setting `name` only when it has none: true when this call set it (one
    /// caller wins when several nodes race).
    fn claim_tenant_setting(
        &self,
        tenant_id: &str,
        name: &str,
        value: &[u8],
        at: i64,
    ) -> StoreResult<bool>;

    // Session records (Login tickets, asynchronous requests), shared by every node.
    /// Inserts `r` after removing the expired and used-up records of its kind; `false` (nothing
    /// inserted) when its client holds `max_per_client` records of that kind already, or the
    /// store `max_total`.
    fn insert_session_record(
        &self,
        r: &SessionRecord,
        now: i64,
        max_per_client: i64,
        max_total: i64,
    ) -> StoreResult<bool>;
    /// The record, if present (expired or not).
    fn get_session_record(&self, kind: &str, id: &[u8]) -> StoreResult<Option<SessionRecord>>;
    /// Counts one use: `true` when the record exists, is not expired at `now` and had a use left
    /// (one fewer then; unlimited records stay unlimited).
    fn use_session_record(&self, kind: &str, id: &[u8], now: i64) -> StoreResult<bool>;
    /// Removes and returns the record when it is that client's; `None` otherwise (kept then).
    fn take_session_record(
        &self,
        kind: &str,
        id: &[u8],
        tenant_id: &str,
        client_id: &str,
    ) -> StoreResult<Option<SessionRecord>>;
    /// A client's records of a kind, oldest first.
    fn list_session_records(
        &self,
        kind: &str,
        tenant_id: &str,
        client_id: &str,
    ) -> StoreResult<Vec<SessionRecord>>;

    // Root key rotation (journal of one rotation per tenant)
    /// Records the start of a rotation; AlreadyExists when the tenant has one under way.
    fn begin_root_rotation(&self, _r: &RootRotation) -> StoreResult<()> {
        rotation_unsupported()
    }
    /// The tenant's rotation under way, if any.
    fn get_root_rotation(&self, _tenant_id: &str) -> StoreResult<Option<RootRotation>> {
        rotation_unsupported()
    }
    /// Every rotation under way.
    fn list_root_rotations(&self) -> StoreResult<Vec<RootRotation>> {
        rotation_unsupported()
    }
    /// In one transaction: the tenant's root key becomes `new_ref` with `wrapped_twk` (only while it
    /// still is `old_ref`, else Conflict) and the rotation moves to Retiring.
    fn switch_root_key(
        &self,
        _tenant_id: &str,
        _old_ref: &str,
        _new_ref: &str,
        _wrapped_twk: &[u8],
    ) -> StoreResult<()> {
        rotation_unsupported()
    }
    /// Forgets the tenant's finished rotation.
    fn end_root_rotation(&self, _tenant_id: &str) -> StoreResult<()> {
        rotation_unsupported()
    }

    // Key Protect mirror
    /// Mirrors the tenant's keys to that provider from now on (`None`: stop mirroring).
    fn set_tenant_mirror(&self, _tenant_id: &str, _provider: Option<&str>) -> StoreResult<()> {
        mirror_unsupported()
    }
    /// (tenant id, provider) of every mirrored tenant.
    fn list_tenant_mirrors(&self) -> StoreResult<Vec<(String, String)>> {
        mirror_unsupported()
    }
    /// The mirror rows of a tenant's keys.
    fn list_key_mirrors(&self, _tenant_id: &str) -> StoreResult<Vec<KeyMirror>> {
        mirror_unsupported()
    }
    /// The mirror rows of the tenant's keys `uids` (those that have one), for a page of a
    /// listing.
    fn get_key_mirrors(&self, tenant_id: &str, uids: &[&str]) -> StoreResult<Vec<KeyMirror>> {
        let mut all = self.list_key_mirrors(tenant_id)?;
        all.retain(|m| uids.contains(&m.uid.as_str()));
        Ok(all)
    }
    /// Inserts or replaces the mirror row of `m.uid`.
    fn put_key_mirror(&self, _m: &KeyMirror) -> StoreResult<()> {
        mirror_unsupported()
    }
    /// Claims the writing of `m.uid`'s mirror for this node, atomically: true when there was no
    /// row, or a "failed" one, or a "writing" one last touched before `stale_before` (its writer
    /// died); the row is then "writing" with `m.attempts` and `m.updated_at`.
    fn claim_key_mirror(&self, _m: &KeyMirror, _stale_before: i64) -> StoreResult<bool> {
        mirror_unsupported()
    }

    // Cluster: local root keys shared sealed under the cluster key, and the nodes
    /// Stores (or keeps, when present) the sealed root key `key_ref`.
    fn put_shared_root_key(&self, _key_ref: &str, _sealed: &[u8], _at: i64) -> StoreResult<()> {
        cluster_unsupported()
    }
    /// The sealed root key `key_ref`, if shared.
    fn get_shared_root_key(&self, _key_ref: &str) -> StoreResult<Option<Vec<u8>>> {
        cluster_unsupported()
    }
    /// Forgets the shared root key `key_ref` (its destruction).
    fn delete_shared_root_key(&self, _key_ref: &str) -> StoreResult<()> {
        cluster_unsupported()
    }
    /// Records that a node is alive (inserting it the first time).
    fn heartbeat_node(&self, _n: &NodeRecord) -> StoreResult<()> {
        cluster_unsupported()
    }
    /// Every node that ever reported, by name.
    fn list_nodes(&self) -> StoreResult<Vec<NodeRecord>> {
        cluster_unsupported()
    }

    // Administrators of the admin API and console (schema version 7)
    /// Every administrator account, by kind and name.
    fn list_admin_accounts(&self) -> StoreResult<Vec<AdminAccount>> {
        admins_unsupported()
    }
    /// Inserts or replaces the account (kind, name).
    fn put_admin_account(&self, _a: &AdminAccount) -> StoreResult<()> {
        admins_unsupported()
    }
    /// Removes the account (kind, name); false when there was none.
    fn delete_admin_account(&self, _kind: &str, _name: &str) -> StoreResult<bool> {
        admins_unsupported()
    }
    /// Stores a new session.
    fn put_admin_session(&self, _s: &AdminSession) -> StoreResult<()> {
        admins_unsupported()
    }
    /// The session of a token hash.
    fn get_admin_session(&self, _token_sha256: &[u8]) -> StoreResult<Option<AdminSession>> {
        admins_unsupported()
    }
    /// Records a request of the session.
    fn touch_admin_session(&self, _token_sha256: &[u8], _seen_at: i64) -> StoreResult<()> {
        admins_unsupported()
    }
    /// Ends sessions; returns how many.
    fn delete_admin_sessions(&self, _which: SessionSelector<'_>) -> StoreResult<u64> {
        admins_unsupported()
    }
    /// Counts a failed login of `name`, atomically: a lock that has run out (`locked_until <=
    /// now`) is forgotten first; reaching `lock_after` failures in a row locks the name until
    /// `lock_until`. Returns the count and the lock.
    fn admin_login_failed(
        &self,
        _name: &str,
        _lock_after: i64,
        _lock_until: i64,
        _now: i64,
    ) -> StoreResult<LoginFailures> {
        admins_unsupported()
    }
    /// The failures counted for `name` (none: zero, unlocked).
    fn admin_login_failures(&self, _name: &str) -> StoreResult<LoginFailures> {
        admins_unsupported()
    }
    /// Forgets the failures of `name` (a successful login).
    fn clear_admin_login_failures(&self, _name: &str) -> StoreResult<()> {
        admins_unsupported()
    }

    /// Whether the store can take writes now (readiness): Backend error naming why not (files
    /// removed, replaced or read-only under a running server).
    fn check_writable(&self) -> StoreResult<()> {
        Ok(())
    }

    // Audit
    fn append_audit(&self, a: &AuditRecord) -> StoreResult<()>;
    /// Appends several records to the hash chain ([`audit_chain`]), in one transaction that
    /// computes their links under the store's write lock.
    fn append_audit_batch(&self, records: &[AuditRecord]) -> StoreResult<()> {
        self.append_audit_chained(records).map(drop)
    }
    /// [`Store::append_audit_batch`], returning each record's (seq, hash) in the chain.
    fn append_audit_chained(&self, _records: &[AuditRecord]) -> StoreResult<Vec<(i64, Vec<u8>)>> {
        audit_chain_unsupported()
    }
    /// Chained records with `seq > after_seq`, in chain order, at most `limit`.
    fn audit_chain(&self, _after_seq: i64, _limit: usize) -> StoreResult<Vec<ChainedAudit>> {
        audit_chain_unsupported()
    }
    /// How many rows carry no chain position (written before the chain existed).
    fn count_unchained_audit(&self) -> StoreResult<i64> {
        audit_chain_unsupported()
    }
    /// The first row without a chain position written after the chain began (only tampering
    /// puts one there).
    fn unchained_after_chain_start(&self) -> StoreResult<Option<i64>> {
        audit_chain_unsupported()
    }
    /// The end of the chain: (seq, hash) of the last record appended, (0, genesis) when none.
    fn audit_head(&self) -> StoreResult<(i64, Vec<u8>)> {
        audit_chain_unsupported()
    }
    fn add_audit_checkpoint(&self, _c: &AuditCheckpoint) -> StoreResult<()> {
        audit_chain_unsupported()
    }
    /// Every checkpoint, in chain order.
    fn list_audit_checkpoints(&self) -> StoreResult<Vec<AuditCheckpoint>> {
        audit_chain_unsupported()
    }
    /// The anchor left by the last prune, if any.
    fn audit_anchor(&self) -> StoreResult<Option<AuditCheckpoint>> {
        audit_chain_unsupported()
    }
    /// In one transaction: removes the chained records with `seq <= anchor.seq`, the checkpoints
    /// before it and the unchained rows older than `unchained_before`, and stores the anchor.
    /// Returns how many records were removed.
    fn prune_audit(&self, _anchor: &AuditCheckpoint, _unchained_before: i64) -> StoreResult<u64> {
        audit_chain_unsupported()
    }
    /// Most recent first.
    fn list_audit(
        &self,
        tenant_id: Option<&str>,
        uid: Option<&str>,
        limit: usize,
    ) -> StoreResult<Vec<AuditRecord>>;
}
