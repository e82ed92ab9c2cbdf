//! Asynchronous requests (KMIP 1.0-2.1): a batch item sent with the Asynchronous Indicator is
//! accepted and answered Operation Pending with an Asynchronous Correlation Value; it waits in this
//! node's queue until the same client polls for it (Poll runs it then and answers exactly as the
//! operation would have been answered synchronously, under its own Operation), cancels it (Cancel:
//! Canceled), or it expires unpolled after [`MAX_AGE_SECS`]. Query Asynchronous Requests (2.x)
//! lists the client's outstanding requests. Correlation values are 16 random bytes, bound to the
//! client and tenant that made the request; another client's value is an Invalid Asynchronous
//! Correlation Value. The queue lives in this node's memory: poll the node you asked.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use keyhaven_kmip::enums::operation as op;
use keyhaven_kmip::error::{KmipError, KmipResult, Reason};
use keyhaven_kmip::ProtocolVersion;
use keyhaven_ttlv::Item;

use super::objects::now;

/// How long an unpolled request waits (seconds) and how many may wait on a node.
pub const MAX_AGE_SECS: i64 = 3600;
const MAX_PENDING: usize = 10_000;
/// How many may wait for one client, so that one client cannot fill the queue for all.
const MAX_PENDING_PER_CLIENT: usize = 256;

/// One waiting request.
#[derive(Clone, Debug)]
pub struct Pending {
    pub tenant_id: String,
    pub client_id: String,
    pub version: ProtocolVersion,
    pub operation: u32,
    pub payload: Item,
    /// Microseconds since the epoch.
    pub submitted_us: i64,
}

type Table = HashMap<Vec<u8>, Pending>;

fn table() -> &'static Mutex<Table> {
    static T: OnceLock<Mutex<Table>> = OnceLock::new();
    T.get_or_init(|| Mutex::new(HashMap::new()))
}

/// Operations that are answered at once even when asynchronous answers are allowed: the
/// asynchronous machinery itself, and the session and discovery operations.
pub fn deferrable(operation: u32) -> bool {
    !matches!(
        operation,
        op::POLL
            | op::CANCEL
            | op::QUERY_ASYNCHRONOUS_REQUESTS
            | op::DISCOVER_VERSIONS
            | op::QUERY
            | op::LOGIN
            | op::LOGOUT
            | op::DELEGATED_LOGIN
            | op::PING
            | op::PROCESS
            | op::SET_ENDPOINT_ROLE
    )
}

/// Queues a request; returns its Asynchronous Correlation Value.
pub fn submit(p: Pending) -> KmipResult<Vec<u8>> {
    let mut t = table().lock().unwrap_or_else(|e| e.into_inner());
    let cutoff = (now() - MAX_AGE_SECS) * 1_000_000;
    t.retain(|_, v| v.submitted_us > cutoff);
    let mine = t
        .values()
        .filter(|v| v.tenant_id == p.tenant_id && v.client_id == p.client_id)
        .count();
    if t.len() >= MAX_PENDING || mine >= MAX_PENDING_PER_CLIENT {
        return Err(KmipError::new(
            Reason::ServerLimitExceeded,
            "too many asynchronous requests are waiting: poll or cancel them",
        ));
    }
    let corr = crate::crypto::random_bytes(16).to_vec();
    t.insert(corr.clone(), p);
    Ok(corr)
}

fn invalid() -> KmipError {
    KmipError::new(
        Reason::InvalidAsynchronousCorrelationValue,
        "no outstanding asynchronous request of this client has that Asynchronous Correlation Value",
    )
}

/// Takes a client's waiting request out of the queue (Poll, Cancel).
pub fn take(tenant_id: &str, client_id: &str, corr: &[u8]) -> KmipResult<Pending> {
    let mut t = table().lock().unwrap_or_else(|e| e.into_inner());
    match t.get(corr) {
        Some(p) if p.tenant_id == tenant_id && p.client_id == client_id => {
            t.remove(corr).ok_or_else(invalid)
        }
        _ => Err(invalid()),
    }
}

/// A client's waiting requests: (correlation value, request), oldest first.
pub fn list(tenant_id: &str, client_id: &str) -> Vec<(Vec<u8>, Pending)> {
    let t = table().lock().unwrap_or_else(|e| e.into_inner());
    let mut out: Vec<(Vec<u8>, Pending)> = t
        .iter()
        .filter(|(_, p)| p.tenant_id == tenant_id && p.client_id == client_id)
        .map(|(k, p)| (k.clone(), p.clone()))
        .collect();
    out.sort_by_key(|(_, p)| p.submitted_us);
    out
}

/// The Asynchronous Correlation Value of a Poll or Cancel request.
pub fn correlation_of(payload: &Item) -> KmipResult<&[u8]> {
    payload
        .child(keyhaven_kmip::tag::ASYNCHRONOUS_CORRELATION_VALUE)
        .ok_or_else(|| KmipError::missing("the Asynchronous Correlation Value"))?
        .as_bytes()
        .ok_or_else(|| KmipError::invalid("Asynchronous Correlation Value must be a Byte String"))
}

/// The operation a Poll request is for, when it names a waiting request of this client.
pub fn operation_of(tenant_id: &str, client_id: &str, poll_payload: &Item) -> Option<u32> {
    let corr = correlation_of(poll_payload).ok()?;
    let t = table().lock().unwrap_or_else(|e| e.into_inner());
    t.get(corr)
        .filter(|p| p.tenant_id == tenant_id && p.client_id == client_id)
        .map(|p| p.operation)
}

/// Whether a client has a waiting request with that correlation value (Process).
pub fn is_waiting(tenant_id: &str, client_id: &str, corr: &[u8]) -> bool {
    let t = table().lock().unwrap_or_else(|e| e.into_inner());
    t.get(corr)
        .is_some_and(|p| p.tenant_id == tenant_id && p.client_id == client_id)
}
