//! Who is calling: the client certificate presented in the handshake, matched against every tenant's
//! pinned certificates (SHA-256 of the DER) and trusted client CAs. Trust is cached and reloaded when
//! the store's trust generation changes, so `keyhaven client …` commands take effect on the next
//! connection, on every node. Connections already open are re-checked before each request against a
//! view at most [`TRUST_REFRESH`] old: a removed client, a suspended tenant or a rotated root key
//! take effect on open connections within that bound.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;
use sha2::{Digest, Sha256};

use crate::pki;
use crate::store::{ClientRecord, ClientTrust, Store, StoreResult, TenantRecord};

/// The outcome of identification.
#[derive(Clone, Debug)]
pub enum Identity {
    /// A trusted client of a tenant.
    Client {
        client: Arc<ClientRecord>,
        tenant: Arc<TenantRecord>,
    },
    /// The certificate matches no tenant: every request gets Authentication Not Successful.
    Unknown {
        fingerprint: String,
        subject: String,
    },
    /// Not identified yet: the store could not be read at connection time. Identification is tried
    /// again at each request; meanwhile requests get General Failure.
    Pending {
        chain: Arc<Vec<Vec<u8>>>,
        error: String,
    },
}

impl Identity {
    /// Name for logs and the audit trail.
    pub fn actor(&self) -> String {
        match self {
            Identity::Client { client, .. } => client.name.clone(),
            Identity::Unknown { fingerprint, .. } => format!("unknown:{fingerprint}"),
            Identity::Pending { .. } => "unidentified".to_owned(),
        }
    }
}

/// How old the trust view used for requests on open connections may be.
pub const TRUST_REFRESH: Duration = Duration::from_millis(500);

struct Snapshot {
    generation: i64,
    clients: HashMap<String, Arc<ClientRecord>>,
    pinned: HashMap<[u8; 32], Arc<ClientRecord>>,
    cas: Vec<Arc<ClientRecord>>,
    tenants: HashMap<String, Arc<TenantRecord>>,
}

/// Cached trust, reloaded when the store says it changed.
#[derive(Default)]
pub struct TrustCache {
    snap: RwLock<Option<Arc<Snapshot>>>,
    /// When the store's trust generation was last read.
    checked: Mutex<Option<Instant>>,
    /// SHA-256 of (client id, stored hash, password) for passwords already verified, so the slow
    /// argon2 check runs once per client and password, not once per request.
    verified: Mutex<HashSet<[u8; 32]>>,
}

/// Hashes a client password for storage (argon2id, PHC string).
pub fn hash_password(password: &str) -> Result<String, String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| format!("cannot hash the password: {e}"))
}

impl TrustCache {
    fn snapshot(&self, store: &dyn Store) -> StoreResult<Arc<Snapshot>> {
        let generation = store.trust_generation()?;
        if let Ok(mut c) = self.checked.lock() {
            *c = Some(Instant::now());
        }
        if let Some(s) = self.snap.read().ok().and_then(|g| g.clone()) {
            if s.generation == generation {
                return Ok(s);
            }
        }
        let tenants: HashMap<String, Arc<TenantRecord>> = store
            .list_tenants()?
            .into_iter()
            .map(|t| (t.id.clone(), Arc::new(t)))
            .collect();
        let mut pinned = HashMap::new();
        let mut cas = Vec::new();
        let mut clients = HashMap::new();
        for c in store.list_clients(None)? {
            let c = Arc::new(c);
            clients.insert(c.id.clone(), c.clone());
            match &c.trust {
                ClientTrust::PinnedCert { sha256 } => {
                    pinned.insert(*sha256, c.clone());
                }
                ClientTrust::Ca { .. } => cas.push(c.clone()),
            }
        }
        let s = Arc::new(Snapshot {
            generation,
            clients,
            pinned,
            cas,
            tenants,
        });
        if let Ok(mut g) = self.snap.write() {
            *g = Some(s.clone());
        }
        Ok(s)
    }

    /// The current view of an identified peer, for a request on an open connection: its client
    /// record and tenant as they are now (within [`TRUST_REFRESH`]); Unknown once the client was
    /// removed.
    pub fn refresh(&self, store: &dyn Store, who: &Identity) -> StoreResult<Identity> {
        let client = match who {
            Identity::Client { client, .. } => client,
            Identity::Pending { chain, .. } => return self.identify(store, chain),
            Identity::Unknown { .. } => return Ok(who.clone()),
        };
        let fresh = self
            .checked
            .lock()
            .ok()
            .and_then(|c| *c)
            .is_some_and(|t| t.elapsed() < TRUST_REFRESH);
        let snap = match self.snap.read().ok().and_then(|g| g.clone()) {
            Some(s) if fresh => s,
            _ => self.snapshot(store)?,
        };
        match snap
            .clients
            .get(&client.id)
            .and_then(|c| snap.tenants.get(&c.tenant_id).map(|t| (c, t)))
        {
            Some((c, t)) => Ok(Identity::Client {
                client: c.clone(),
                tenant: t.clone(),
            }),
            None => Ok(Identity::Unknown {
                fingerprint: "removed".into(),
                subject: format!("client {} (removed)", client.name),
            }),
        }
    }

    /// Makes the next [`TrustCache::refresh`] read the store (after a change this node made, such
    /// as Re-Provision replacing a client's certificate).
    pub fn invalidate(&self) {
        if let Ok(mut c) = self.checked.lock() {
            *c = None;
        }
    }

    /// Checks a client's password against its stored hash.
    pub fn password_ok(&self, client_id: &str, hash: &str, password: &str) -> bool {
        let mut h = Sha256::new();
        for part in [client_id.as_bytes(), hash.as_bytes(), password.as_bytes()] {
            h.update((part.len() as u64).to_be_bytes());
            h.update(part);
        }
        let key: [u8; 32] = h.finalize().into();
        if self
            .verified
            .lock()
            .map(|v| v.contains(&key))
            .unwrap_or(false)
        {
            return true;
        }
        if crate::nonblocking::refuse() {
            // Argon2 takes tens of milliseconds of CPU: not on an async worker.
            return false;
        }
        let ok = PasswordHash::new(hash)
            .map(|parsed| {
                Argon2::default()
                    .verify_password(password.as_bytes(), &parsed)
                    .is_ok()
            })
            .unwrap_or(false);
        if ok {
            if let Ok(mut v) = self.verified.lock() {
                if v.len() > 10_000 {
                    v.clear();
                }
                v.insert(key);
            }
        }
        ok
    }

    /// Identifies the peer from its certificate chain (end entity first).
    pub fn identify(&self, store: &dyn Store, chain: &[Vec<u8>]) -> StoreResult<Identity> {
        let Some(leaf) = chain.first() else {
            return Ok(Identity::Unknown {
                fingerprint: "none".into(),
                subject: "no certificate".into(),
            });
        };
        let snap = self.snapshot(store)?;
        let fp = pki::sha256_fingerprint(leaf);
        let found = snap.pinned.get(&fp).cloned().or_else(|| {
            let now = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_secs())
                .unwrap_or(0);
            snap.cas
                .iter()
                .find(|c| match &c.trust {
                    ClientTrust::Ca { ca_der } => {
                        pki::verify_client_chain(leaf, &chain[1..], ca_der, now).is_ok()
                    }
                    ClientTrust::PinnedCert { .. } => false,
                })
                .cloned()
        });
        match found.and_then(|c| snap.tenants.get(&c.tenant_id).cloned().map(|t| (c, t))) {
            Some((client, tenant)) => Ok(Identity::Client { client, tenant }),
            // Only an unknown certificate is parsed, for the log and the error message.
            None => Ok(Identity::Unknown {
                fingerprint: hex::encode(fp),
                subject: pki::summarize(leaf)
                    .map(|s| s.subject)
                    .unwrap_or_else(|_| "unparsable certificate".into()),
            }),
        }
    }
}
