//! Obtain Lease: how long the client may use the object before asking again: the object's Lease Time
//! (or the server's default, [`DEFAULT_LEASE_SECS`]), with the object's Last Change Date. Only Active
//! objects get a lease.

use keyhaven_kmip::enums::state;
use keyhaven_kmip::error::{KmipError, KmipResult, Reason};
use keyhaven_kmip::tag;
use keyhaven_ttlv::{Item, Value};

use super::OpCtx;
use crate::server::crypto_params as cp;

/// The lease given for objects without a Lease Time attribute (seconds).
pub const DEFAULT_LEASE_SECS: u32 = 3600;

pub fn run(ctx: &mut OpCtx<'_>, payload: &Item) -> KmipResult<Item> {
    let uid = ctx.uid(payload)?;
    let m = ctx.load(&uid)?;
    if cp::is_archived(&m) {
        return Err(cp::archived_err(&uid));
    }
    if m.rec.state != state::ACTIVE {
        return Err(KmipError::new(
            Reason::PermissionDenied,
            format!(
                "object {uid} is {}: only Active objects get a lease",
                cp::enum_name(tag::STATE, m.rec.state)
            ),
        ));
    }
    let lease = match m.first(tag::LEASE_TIME).map(|a| &a.value) {
        Some(Value::Interval(n)) => *n,
        _ => DEFAULT_LEASE_SECS,
    };
    let last_change = match m.first(tag::LAST_CHANGE_DATE).map(|a| &a.value) {
        Some(Value::DateTime(d)) => *d,
        _ => m.rec.updated_at,
    };
    Ok(Item::structure(
        tag::RESPONSE_PAYLOAD,
        vec![
            Item::text(tag::UNIQUE_IDENTIFIER, uid),
            Item::new(tag::LEASE_TIME, Value::Interval(lease)),
            Item::datetime(tag::LAST_CHANGE_DATE, last_change),
        ],
    ))
}
