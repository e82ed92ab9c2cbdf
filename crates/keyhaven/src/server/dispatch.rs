//! From request bytes to response bytes: decode, parse in the request's version, authenticate, run
//! each batch item, enforce Maximum Response Size, audit, encode.

use keyhaven_kmip::enums::{enum_value_name, operation as op};
use keyhaven_kmip::error::{KmipError, Reason};
use keyhaven_kmip::message::{
    peek_version, ContinuationOption, RequestHeader, RequestMessage, ResponseBatchItem,
    ResponseMessage,
};
use keyhaven_kmip::{tag, ProtocolVersion};
use keyhaven_ttlv::Item;

use super::identity::Identity;
use super::ops::{self, now, OpCtx};
use super::Server;
use crate::store::{AuditRecord, ClientRecord};

/// The answer to one message, and whether the connection must be closed after it. The encoded
/// answer may hold key material (a Get): it is zeroed when dropped.
pub struct Outcome {
    pub response: Vec<u8>,
    pub close: bool,
}

impl Drop for Outcome {
    fn drop(&mut self) {
        zeroize::Zeroize::zeroize(&mut self.response);
    }
}

/// Answers a message that could not be read at all: Invalid Message, then the connection closes.
pub fn invalid_message(version: ProtocolVersion, message: String) -> Outcome {
    let resp = ResponseMessage::invalid_message(
        version,
        now(),
        KmipError::new(Reason::InvalidMessage, message),
    );
    Outcome {
        response: keyhaven_ttlv::encode(&resp.to_item()),
        close: true,
    }
}

/// Operations answered on the connection's task when memory allows (see [`crate::nonblocking`]):
/// they write nothing before the point where a write would be refused (Get writes Fresh = false
/// only after reading everything it needs).
const NONBLOCKING_OPS: [u32; 6] = [
    op::GET,
    op::GET_ATTRIBUTES,
    op::GET_ATTRIBUTE_LIST,
    op::DISCOVER_VERSIONS,
    op::QUERY,
    // Only when the indexes answer it with few rows (see ops::locate).
    op::LOCATE,
];

/// [`handle`] without waiting, on an async worker: `None` when some part would have waited (a
/// store write or round trip, a root key check, a full audit queue) or the message is not a single
/// read-only operation; the caller then runs [`handle`] on the blocking pool.
pub fn handle_nonblocking(
    server: &Server,
    who: &Identity,
    peer: &str,
    bytes: &[u8],
) -> Option<Outcome> {
    if !server.store.nonblocking_reads() {
        return None;
    }
    crate::nonblocking::attempt(|| handle(server, who, peer, bytes))
}

/// Handles one request message body (header included).
pub fn handle(server: &Server, who: &Identity, peer: &str, bytes: &[u8]) -> Outcome {
    let item = match keyhaven_ttlv::decode(bytes, &server.limits.ttlv()) {
        Ok(i) => i,
        Err(e) => {
            tracing::debug!(peer, error = %e, "undecodable message");
            return invalid_message(
                ProtocolVersion::V1_0,
                format!("the message is not valid TTLV: {e}"),
            );
        }
    };
    let hint = peek_version(&item)
        .map(ProtocolVersion::answer_version)
        .unwrap_or(ProtocolVersion::V1_0);
    let req = match RequestMessage::parse(&item) {
        Ok(r) => r,
        Err(e) => {
            tracing::debug!(peer, error = %e.message, "invalid request message");
            return invalid_message(hint, e.message);
        }
    };
    if crate::nonblocking::active()
        && (req.items.len() != 1
            || req.header.continuation == ContinuationOption::Undo
            || !req
                .items
                .iter()
                .all(|bi| NONBLOCKING_OPS.contains(&bi.operation)))
    {
        // One audit record per attempt, and no effect before a refusal: single read-only items.
        crate::nonblocking::refuse();
        return invalid_message(hint, "not answered without waiting".into());
    }
    let version = req.header.version.answer_version();
    let mut resp = ResponseMessage {
        version,
        time_stamp: now(),
        client_correlation: req.header.client_correlation.clone(),
        items: Vec::with_capacity(req.items.len()),
    };
    if req.items.len() > server.limits.max_batch_items {
        resp.items.push(ResponseBatchItem::failure(
            None,
            None,
            KmipError::new(
                Reason::ServerLimitExceeded,
                format!(
                    "{} batch items exceed this server's limit of {}",
                    req.items.len(),
                    server.limits.max_batch_items
                ),
            ),
        ));
        return Outcome {
            response: keyhaven_ttlv::encode(&resp.to_item()),
            close: false,
        };
    }

    // The client and tenant as they are now: removal, suspension and root key rotation reach open
    // connections too.
    // When the store did not answer here, the items that need it are answered at once: each store
    // call is bounded, but a request must not wait out that bound twice.
    let mut store_down: Option<String> = None;
    let current = match server.trust.refresh(server.store.as_ref(), who) {
        Ok(c) => c,
        Err(e) => {
            if !crate::nonblocking::active() {
                tracing::error!(peer, error = %e, "cannot refresh client trust");
            }
            if let crate::store::StoreError::Backend(msg) = e {
                store_down = Some(msg);
            }
            who.clone()
        }
    };
    let who = &current;
    let mut placeholder: Option<String> = None;
    let mut undo_log = match (req.header.continuation, who) {
        (ContinuationOption::Undo, Identity::Client { tenant, .. }) => {
            Some(super::undo::UndoLog::new(&tenant.id))
        }
        _ => None,
    };
    for bi in &req.items {
        if let (Some(u), None) = (undo_log.as_mut(), &store_down) {
            u.before_item(server.store.as_ref(), &bi.payload, placeholder.as_deref());
        }
        let started = std::time::Instant::now();
        // The operation a Poll is for (looked up before the Poll takes it from the queue).
        let polled = match (bi.operation, who) {
            (op::POLL, Identity::Client { client, tenant }) => {
                super::pending::operation_of(server, tenant, &client.id, &bi.payload)
            }
            _ => None,
        };
        let result = match &bi.critical_extension {
            // KMIP 1.0-2.1 error handling: a critical extension not understood fails the item.
            Some(vendor) => Err(KmipError::new(
                Reason::FeatureNotSupported,
                format!("critical Message Extension of vendor {vendor:?} not recognized"),
            )),
            None if store_down.is_some() && !store_free(bi.operation) => {
                Err(super::objects::store_err(
                    crate::store::StoreError::Backend(store_down.clone().unwrap_or_default()),
                ))
            }
            None => match server.audit.refusing() {
                // --audit-fail-closed: nothing is done while the audit cannot be written.
                Some(e) => Err(KmipError::new(Reason::GeneralFailure, e.0)),
                None => run_item(
                    server,
                    who,
                    &req.header,
                    version,
                    bi.operation,
                    &bi.payload,
                    &mut placeholder,
                ),
            },
        };
        if crate::nonblocking::refused() {
            // Thrown away: the request runs again on the blocking pool and is audited there.
            return invalid_message(version, "not answered without waiting".into());
        }
        let result = match audit(server, who, peer, bi.operation, &bi.payload, &result) {
            Ok(()) => result,
            Err(e) => Err(KmipError::new(Reason::GeneralFailure, e.0)),
        };
        if crate::nonblocking::refused() {
            // The audit record could not be queued without waiting: run again on the blocking pool.
            return invalid_message(version, "not answered without waiting".into());
        }
        super::metrics::observe_request(who, bi.operation, &result, started.elapsed());
        // An item accepted for asynchronous processing answers Operation Pending; a Poll answers
        // under the operation it polled for.
        let pending = match &result {
            Ok(i) if i.tag == tag::ASYNCHRONOUS_CORRELATION_VALUE => {
                i.as_bytes().map(<[u8]>::to_vec)
            }
            _ => None,
        };
        let operation = polled.unwrap_or(bi.operation);
        let failed = result.is_err();
        if let (Some(u), Ok(answer)) = (undo_log.as_mut(), &result) {
            u.after_item(answer);
        }
        resp.items.push(ResponseBatchItem {
            operation: Some(operation),
            unique_batch_item_id: bi.unique_batch_item_id.clone(),
            outcome: if pending.is_some() {
                Ok(None)
            } else {
                result.map(Some)
            },
            undone: false,
            pending,
        });
        if failed && req.header.continuation != ContinuationOption::Continue {
            // Stop: later items are not run. Undo: earlier ones are undone too.
            if let Some(u) = &undo_log {
                u.undo(server.store.as_ref());
                for item in resp.items.iter_mut() {
                    item.undone = item.outcome.is_ok();
                }
            }
            break;
        }
    }
    enforce_max_response_size(&mut resp, req.header.max_response_size);
    Outcome {
        response: keyhaven_ttlv::encode(&resp.to_item()),
        close: false,
    }
}

/// Operations answered without the store.
fn store_free(operation: u32) -> bool {
    matches!(operation, op::DISCOVER_VERSIONS | op::QUERY)
}

fn run_item(
    server: &Server,
    who: &Identity,
    header: &RequestHeader,
    version: ProtocolVersion,
    operation: u32,
    payload: &Item,
    placeholder: &mut Option<String>,
) -> Result<Item, KmipError> {
    let (client, tenant) = match who {
        Identity::Client { client, tenant } => (client, tenant),
        Identity::Pending { error, .. } => {
            return Err(KmipError::new(
                Reason::GeneralFailure,
                format!("the key store is unavailable, so this client cannot be identified yet; retry later ({error})"),
            ))
        }
        Identity::Unknown { fingerprint, subject } => {
            return Err(KmipError::new(
                Reason::AuthenticationNotSuccessful,
                format!(
                    "client certificate {subject:?} (SHA-256 {fingerprint}) is not trusted by any tenant; \
                     an administrator can trust it with `keyhaven client trust-cert`"
                ),
            ))
        }
    };
    if tenant.state != crate::store::TenantState::Active {
        return Err(KmipError::new(
            Reason::PermissionDenied,
            format!("tenant {} is suspended", tenant.name),
        ));
    }
    let needs_credential = !matches!(operation, op::DISCOVER_VERSIONS | op::QUERY);
    if !header.tickets.is_empty() {
        // A ticket (Login, Delegated Login) authenticates the request in place of a password.
        super::tickets::authorize(
            server.store.as_ref(),
            &tenant.id,
            &client.id,
            &header.tickets,
            operation,
            payload
                .child(tag::UNIQUE_IDENTIFIER)
                .and_then(Item::as_text)
                .or(placeholder.as_deref()),
            |uid| super::tickets::groups_of(server.store.as_ref(), &tenant.id, uid),
        )?;
    } else if needs_credential {
        check_credential(server, client, header)?;
    }
    if header.asynchronous
        && super::pending::deferrable(operation)
        && ops::supported_operations(version).contains(&operation)
    {
        // Accepted for later: the answer is Operation Pending with this correlation value.
        let corr = super::pending::submit(
            server,
            tenant,
            super::pending::Pending {
                tenant_id: tenant.id.clone(),
                client_id: client.id.clone(),
                version,
                operation,
                payload: payload.clone(),
                submitted_us: now() * 1_000_000,
            },
        )?;
        return Ok(Item::bytes(tag::ASYNCHRONOUS_CORRELATION_VALUE, corr));
    }
    let mut ctx = OpCtx {
        server,
        tenant,
        client,
        version,
        id_placeholder: placeholder,
        policy: Default::default(),
    };
    match ops::run(&mut ctx, operation, payload) {
        Some(r) => r,
        None => Err(KmipError::new(
            Reason::OperationNotSupported,
            format!(
                "operation {} is not supported by this server",
                enum_value_name(tag::OPERATION, operation)
                    .map_or_else(|| format!("0x{operation:02X}"), str::to_owned)
            ),
        )),
    }
}

/// A client with a configured username must send it with the right password; others may send any.
fn check_credential(
    server: &Server,
    client: &ClientRecord,
    header: &RequestHeader,
) -> Result<(), KmipError> {
    let (Some(user), Some(hash)) = (&client.username, &client.password_hash) else {
        return Ok(());
    };
    let ok = header.credentials.iter().any(|c| {
        c.username == *user
            && c.password
                .as_ref()
                .is_some_and(|p| server.trust.password_ok(&client.id, hash, p))
    });
    if ok {
        Ok(())
    } else {
        Err(KmipError::new(
            Reason::AuthenticationNotSuccessful,
            format!(
                "client {} must send its Username and Password credential",
                client.name
            ),
        ))
    }
}

fn audit(
    server: &Server,
    who: &Identity,
    peer: &str,
    operation: u32,
    payload: &Item,
    result: &Result<Item, KmipError>,
) -> Result<(), super::audit::AuditUnavailable> {
    let uid = match result {
        Ok(p) => p
            .child(tag::UNIQUE_IDENTIFIER)
            .and_then(Item::as_text)
            .map(str::to_owned),
        Err(_) => None,
    }
    .or_else(|| {
        payload
            .child(tag::UNIQUE_IDENTIFIER)
            .and_then(Item::as_text)
            .map(str::to_owned)
    });
    let outcome = match result {
        Ok(_) => "success".to_owned(),
        Err(e) => format!("{:?}: {}", e.reason, e.message),
    };
    let op_name = enum_value_name(tag::OPERATION, operation)
        .map_or_else(|| format!("0x{operation:02X}"), str::to_owned);
    tracing::debug!(peer, actor = %who.actor(), operation = %op_name, uid = ?uid, outcome = %outcome, "request");
    server.audit.record(AuditRecord {
        at: now(),
        tenant_id: match who {
            Identity::Client { tenant, .. } => Some(tenant.id.clone()),
            Identity::Unknown { .. } | Identity::Pending { .. } => None,
        },
        actor: who.actor(),
        operation: op_name,
        uid,
        outcome,
        peer: Some(peer.to_owned()),
    })
}

/// Replaces payloads with Response Too Large until the message fits the client's Maximum Response Size.
fn enforce_max_response_size(resp: &mut ResponseMessage, max: Option<i32>) {
    let Some(max) = max.filter(|m| *m > 0).map(|m| m as usize) else {
        return;
    };
    let mut len = keyhaven_ttlv::encoded_len(&resp.to_item());
    let mut i = resp.items.len();
    while len > max && i > 0 {
        i -= 1;
        if matches!(resp.items[i].outcome, Ok(Some(_))) {
            resp.items[i].outcome = Err(KmipError::new(
                Reason::ResponseTooLarge,
                format!("the response exceeds the Maximum Response Size of {max} bytes"),
            ));
            len = keyhaven_ttlv::encoded_len(&resp.to_item());
        }
    }
}
