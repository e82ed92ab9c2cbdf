//! Asynchronous requests (KMIP 1.0-2.1): a batch item sent with the Asynchronous Indicator is
//! accepted and answered Operation Pending with an Asynchronous Correlation Value; it waits in this
//! node's queue until the same client polls for it (Poll runs it then and answers exactly as the
//! operation would have been answered synchronously, under its own Operation), cancels it (Cancel:
//! Canceled), or it expires unpolled after [`MAX_AGE_SECS`]. Query Asynchronous Requests (2.x)
//! lists the client's outstanding requests. Correlation values are 16 random bytes, bound to the
//! client and tenant that made the request; another client's value is an Invalid Asynchronous
//! Correlation Value. The queue is in the store (`session_records`, kind "async"), each request
//! sealed under its tenant's keys like key material (a Register may carry a key): a request
//! accepted by one node of a cluster is polled, cancelled or listed on any other.

use keyhaven_kmip::enums::operation as op;
use keyhaven_kmip::error::{KmipError, KmipResult, Reason};
use keyhaven_kmip::{tag, ProtocolVersion};
use keyhaven_ttlv::Item;

use super::objects::{now, store_err};
use super::Server;
use crate::store::{SessionRecord, TenantRecord};

/// How long an unpolled request waits (seconds) and how many may wait in the store.
pub const MAX_AGE_SECS: i64 = 3600;
const MAX_PENDING: i64 = 10_000;
/// How many may wait for one client, so that one client cannot fill the queue for all.
const MAX_PENDING_PER_CLIENT: i64 = 256;

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

/// The name the sealed request is bound to (the envelope's associated data).
fn sealed_name(corr: &[u8]) -> String {
    format!("async-request-{}", hex::encode(corr))
}

fn seal(server: &Server, tenant: &TenantRecord, corr: &[u8], p: &Pending) -> KmipResult<Vec<u8>> {
    let inner = Item::structure(
        tag::BATCH_ITEM,
        vec![
            Item::int(tag::PROTOCOL_VERSION_MAJOR, p.version.major),
            Item::int(tag::PROTOCOL_VERSION_MINOR, p.version.minor),
            Item::enumeration(tag::OPERATION, p.operation),
            p.payload.clone(),
        ],
    );
    let plain = zeroize::Zeroizing::new(keyhaven_ttlv::encode(&inner));
    server
        .envelope
        .seal(tenant, &sealed_name(corr), &plain)
        .map_err(|e| {
            KmipError::new(
                Reason::CryptographicFailure,
                format!("the tenant's root key cannot protect the waiting request: {e}"),
            )
        })
}

fn open(server: &Server, tenant: &TenantRecord, r: &SessionRecord) -> KmipResult<Pending> {
    let plain = server
        .envelope
        .open(tenant, &sealed_name(&r.id), &r.value)
        .map_err(|e| {
            KmipError::new(
                Reason::CryptographicFailure,
                format!("the waiting request cannot be unsealed: {e}"),
            )
        })?;
    let limits = keyhaven_ttlv::Limits {
        max_message_len: usize::MAX,
        ..Default::default()
    };
    let item = keyhaven_ttlv::decode(&plain, &limits).map_err(|e| {
        KmipError::new(Reason::InternalServerError, format!("waiting request: {e}"))
    })?;
    let bad = || KmipError::new(Reason::InternalServerError, "waiting request: malformed");
    let major = item
        .child(tag::PROTOCOL_VERSION_MAJOR)
        .and_then(Item::as_int)
        .ok_or_else(bad)?;
    let minor = item
        .child(tag::PROTOCOL_VERSION_MINOR)
        .and_then(Item::as_int)
        .ok_or_else(bad)?;
    let operation = item
        .child(tag::OPERATION)
        .and_then(Item::as_enum)
        .ok_or_else(bad)?;
    let payload = item
        .items()
        .iter()
        .find(|i| {
            !matches!(
                i.tag,
                tag::PROTOCOL_VERSION_MAJOR | tag::PROTOCOL_VERSION_MINOR | tag::OPERATION
            )
        })
        .cloned()
        .ok_or_else(bad)?;
    Ok(Pending {
        tenant_id: r.tenant_id.clone(),
        client_id: r.client_id.clone(),
        version: ProtocolVersion::new(major, minor),
        operation,
        payload,
        submitted_us: r.created_us,
    })
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
pub fn submit(server: &Server, tenant: &TenantRecord, p: Pending) -> KmipResult<Vec<u8>> {
    let corr = crate::crypto::random_bytes(16).to_vec();
    let n = now();
    let record = SessionRecord {
        kind: SessionRecord::ASYNC.to_owned(),
        id: corr.clone(),
        tenant_id: p.tenant_id.clone(),
        client_id: p.client_id.clone(),
        value: seal(server, tenant, &corr, &p)?,
        uses_left: None,
        expires: n + MAX_AGE_SECS,
        created_us: p.submitted_us,
    };
    if !server
        .store
        .insert_session_record(&record, n, MAX_PENDING_PER_CLIENT, MAX_PENDING)
        .map_err(store_err)?
    {
        return Err(KmipError::new(
            Reason::ServerLimitExceeded,
            "too many asynchronous requests are waiting: poll or cancel them",
        ));
    }
    Ok(corr)
}

fn invalid() -> KmipError {
    KmipError::new(
        Reason::InvalidAsynchronousCorrelationValue,
        "no outstanding asynchronous request of this client has that Asynchronous Correlation Value",
    )
}

/// Takes a client's waiting request out of the queue (Poll, Cancel).
pub fn take(
    server: &Server,
    tenant: &TenantRecord,
    client_id: &str,
    corr: &[u8],
) -> KmipResult<Pending> {
    match server
        .store
        .take_session_record(SessionRecord::ASYNC, corr, &tenant.id, client_id)
        .map_err(store_err)?
    {
        Some(r) if r.expires > now() => open(server, tenant, &r),
        _ => Err(invalid()),
    }
}

/// A client's waiting requests: (correlation value, request), oldest first.
pub fn list(
    server: &Server,
    tenant: &TenantRecord,
    client_id: &str,
) -> KmipResult<Vec<(Vec<u8>, Pending)>> {
    let n = now();
    server
        .store
        .list_session_records(SessionRecord::ASYNC, &tenant.id, client_id)
        .map_err(store_err)?
        .into_iter()
        .filter(|r| r.expires > n)
        .map(|r| Ok((r.id.clone(), open(server, tenant, &r)?)))
        .collect()
}

/// A client's waiting request with that correlation value, if any.
fn waiting(
    server: &Server,
    tenant: &TenantRecord,
    client_id: &str,
    corr: &[u8],
) -> KmipResult<Option<SessionRecord>> {
    Ok(server
        .store
        .get_session_record(SessionRecord::ASYNC, corr)
        .map_err(store_err)?
        .filter(|r| r.tenant_id == tenant.id && r.client_id == client_id && r.expires > now()))
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
pub fn operation_of(
    server: &Server,
    tenant: &TenantRecord,
    client_id: &str,
    poll_payload: &Item,
) -> Option<u32> {
    let corr = correlation_of(poll_payload).ok()?;
    let r = waiting(server, tenant, client_id, corr).ok()??;
    open(server, tenant, &r).ok().map(|p| p.operation)
}

/// Whether a client has a waiting request with that correlation value (Process).
pub fn is_waiting(
    server: &Server,
    tenant: &TenantRecord,
    client_id: &str,
    corr: &[u8],
) -> KmipResult<bool> {
    Ok(waiting(server, tenant, client_id, corr)?.is_some())
}
