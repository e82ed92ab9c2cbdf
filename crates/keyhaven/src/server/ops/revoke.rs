//! Revoke: to Compromised (key or CA compromise) or Deactivated (any other reason); see
//! [`crate::server::objects::Managed::revoke`].

use keyhaven_kmip::error::{KmipError, KmipResult};
use keyhaven_kmip::tag;
use keyhaven_ttlv::Item;

use super::{now, uid_payload, OpCtx};

pub fn run(ctx: &mut OpCtx<'_>, payload: &Item) -> KmipResult<Item> {
    let uid = ctx.uid(payload)?;
    let reason = payload
        .child(tag::REVOCATION_REASON)
        .ok_or_else(|| KmipError::missing("the Revocation Reason"))?
        .value
        .clone();
    let occurrence = payload
        .child(tag::COMPROMISE_OCCURRENCE_DATE)
        .and_then(Item::as_datetime);
    ctx.update(&uid, |m| m.revoke(reason.clone(), occurrence, now()))?;
    Ok(uid_payload(&uid))
}
