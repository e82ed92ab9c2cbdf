//! Check: would the object allow this use? Tests the request's Cryptographic Usage Mask against the
//! object's (Incompatible Cryptographic Usage Mask; 1.x: Permission Denied), its Usage Limits Count
//! against what is left of the object's Usage Limits, and its Lease Time against the object's Lease
//! Time (Permission Denied). Nothing is consumed.

use keyhaven_kmip::error::{KmipError, KmipResult, Reason};
use keyhaven_kmip::tag;
use keyhaven_ttlv::{Item, Value};

use super::{uid_payload, OpCtx};
use crate::server::crypto_params::{self as cp, UsageLimits};

pub fn run(ctx: &mut OpCtx<'_>, payload: &Item) -> KmipResult<Item> {
    let uid = ctx.uid(payload)?;
    let m = ctx.load(&uid)?;
    if cp::is_archived(&m) {
        return Err(cp::archived_err(&uid));
    }
    if let Some(i) = payload.child(tag::CRYPTOGRAPHIC_USAGE_MASK) {
        let mask = i
            .as_int()
            .ok_or_else(|| KmipError::invalid("Cryptographic Usage Mask must be an Integer"))?;
        cp::check_mask(&m, mask as u32, "this use")?;
    }
    if let Some(i) = payload.child(tag::USAGE_LIMITS_COUNT) {
        let want = match i.value {
            Value::LongInteger(n) => n,
            Value::Integer(n) => i64::from(n),
            _ => {
                return Err(KmipError::invalid(
                    "Usage Limits Count must be a Long Integer",
                ))
            }
        };
        if let Some(u) = m
            .first(tag::USAGE_LIMITS)
            .and_then(|a| UsageLimits::from_value(&a.value))
        {
            let left = u.count.unwrap_or(u.total);
            if want > left {
                return Err(KmipError::new(
                    Reason::PermissionDenied,
                    format!("the Usage Limits of {uid} allow {left} more, not {want}"),
                ));
            }
        }
    }
    if let Some(i) = payload.child(tag::LEASE_TIME) {
        let want = match i.value {
            Value::Interval(n) => n,
            _ => return Err(KmipError::invalid("Lease Time must be an Interval")),
        };
        if let Some(Value::Interval(have)) = m.first(tag::LEASE_TIME).map(|a| &a.value) {
            if want > *have {
                return Err(KmipError::new(
                    Reason::PermissionDenied,
                    format!(
                        "the Lease Time of {uid} is {have} seconds, less than the {want} asked"
                    ),
                ));
            }
        }
    }
    Ok(uid_payload(&uid))
}
