//! The KMIP server: TLS listener, client identity, request dispatch and one module per operation.
//!
//! A request: TLS accept → identity from the client certificate ([`identity`]) → 8-byte header read
//! and length checked against the limit → TTLV decode → request parsed in its protocol version →
//! each batch item run by its operation module ([`ops`]) → answer in the request's version.

pub mod audit;
pub mod ca;
pub mod conn;
pub mod crypto_params;
pub mod dispatch;
pub mod health;
pub mod https;
pub mod identity;
pub mod inventory;
pub mod metrics;
pub mod new_attrs;
pub mod objects;
pub mod ops;
pub mod peer_limits;
pub mod pending;
pub mod pkcs11;
pub mod policy;
pub mod quantum;
pub mod refusal;
pub mod tenant_ca;
pub mod tickets;
pub mod tls;
pub mod tls_openssl;
pub mod tls_stream;
pub mod undo;

use std::sync::Arc;
use std::time::Duration;

use crate::crypto::envelope::Envelope;
use crate::store::Store;

/// Limits checked before work is done.
#[derive(Clone, Debug)]
pub struct Limits {
    /// Largest request message, header included (bytes).
    pub max_message_len: usize,
    /// Deepest structure nesting accepted.
    pub max_depth: usize,
    /// Most TTLV items in one message.
    pub max_items: usize,
    /// Most batch items in one message.
    pub max_batch_items: usize,
    /// Time allowed for the TLS handshake.
    pub handshake_timeout: Duration,
    /// Time allowed to receive a whole message once its first byte arrived.
    pub read_timeout: Duration,
    /// Time a connection may stay idle between requests.
    pub idle_timeout: Duration,
    /// Most connections served at once; more are closed at once.
    pub max_connections: usize,
    /// Time to finish requests in flight at shutdown.
    pub shutdown_grace: Duration,
    /// Most connections open at once from one IP address ([`peer_limits`]).
    pub max_connections_per_ip: usize,
    /// Most TLS handshakes in progress at once from one IP address.
    pub max_handshakes_per_ip: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_message_len: 1 << 20,
            max_depth: 32,
            max_items: 100_000,
            max_batch_items: 256,
            handshake_timeout: Duration::from_secs(10),
            read_timeout: Duration::from_secs(10),
            idle_timeout: Duration::from_secs(120),
            max_connections: 2048,
            shutdown_grace: Duration::from_secs(30),
            max_connections_per_ip: 256,
            max_handshakes_per_ip: 32,
        }
    }
}

impl Limits {
    pub fn ttlv(&self) -> keyhaven_ttlv::Limits {
        keyhaven_ttlv::Limits {
            max_message_len: self.max_message_len,
            max_depth: self.max_depth,
            max_items: self.max_items,
        }
    }
}

/// Everything a request may need, shared by all connections.
pub struct Server {
    pub store: Arc<dyn Store>,
    pub envelope: Arc<Envelope>,
    pub limits: Limits,
    pub trust: identity::TrustCache,
    pub audit: audit::AuditSink,
    pub peers: Arc<peer_limits::PeerLimits>,
}

impl Server {
    pub fn new(store: Arc<dyn Store>, envelope: Arc<Envelope>, limits: Limits) -> Server {
        Self::with_audit(store, envelope, limits, audit::AuditOptions::default())
    }

    pub fn with_audit(
        store: Arc<dyn Store>,
        envelope: Arc<Envelope>,
        limits: Limits,
        audit: audit::AuditOptions,
    ) -> Server {
        let store = metrics::store::MeteredStore::wrap(store);
        Server {
            audit: audit::AuditSink::start_with(store.clone(), audit),
            peers: peer_limits::PeerLimits::new(
                limits.max_connections_per_ip,
                limits.max_handshakes_per_ip,
            ),
            trust: identity::TrustCache::default(),
            store,
            envelope,
            limits,
        }
    }
}
