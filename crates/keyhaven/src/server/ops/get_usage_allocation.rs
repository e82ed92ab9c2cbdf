//! Get Usage Allocation: reserves Usage Limits Count units of the object's Usage Limits for the
//! client (bytes or uses, as the limits count them). The object must be usable for protection (Active,
//! before its Protect Stop Date); an object without Usage Limits has no limit to allocate from and is
//! answered with Success.

use keyhaven_kmip::error::{KmipError, KmipResult, Reason};
use keyhaven_kmip::tag;
use keyhaven_ttlv::{Item, Value};

use super::{now, uid_payload, OpCtx};
use crate::server::crypto_params::{self as cp, UsageLimits, Use};

pub fn run(ctx: &mut OpCtx<'_>, payload: &Item) -> KmipResult<Item> {
    let uid = ctx.uid(payload)?;
    let want = match payload.child(tag::USAGE_LIMITS_COUNT).map(|i| &i.value) {
        Some(Value::LongInteger(n)) => *n,
        Some(Value::Integer(n)) => i64::from(*n),
        Some(_) => {
            return Err(KmipError::invalid(
                "Usage Limits Count must be a Long Integer",
            ))
        }
        None => return Err(KmipError::missing("the Usage Limits Count to allocate")),
    };
    if want <= 0 {
        return Err(KmipError::invalid(format!(
            "Usage Limits Count must be positive, not {want}"
        )));
    }
    let m = ctx.load(&uid)?;
    cp::check_key(&m, Use::Protect, 0, "a usage allocation", now())?;
    ctx.update(&uid, |m| {
        let Some(a) = m.attrs.iter_mut().find(|a| a.name.is(tag::USAGE_LIMITS)) else {
            return Ok(());
        };
        let Some(mut u) = UsageLimits::from_value(&a.value) else {
            return Ok(());
        };
        let left = u.count.unwrap_or(u.total);
        if want > left {
            return Err(KmipError::new(
                Reason::PermissionDenied,
                format!("unable to allocate {want}: the Usage Limits of {uid} have {left} left"),
            ));
        }
        u.count = Some(left - want);
        a.value = u.to_value();
        Ok(())
    })?;
    Ok(uid_payload(&uid))
}
