//! Revoke: to Compromised (key or CA compromise) or Deactivated (any other reason); see
//! [`crate::server::objects::Managed::revoke`].

use keyhaven_kmip::error::{KmipError, KmipResult};
use keyhaven_kmip::tag;
use keyhaven_ttlv::{Item, Value};

use super::{now, uid_payload, OpCtx};

pub fn run(ctx: &mut OpCtx<'_>, payload: &Item) -> KmipResult<Item> {
    let uid = ctx.uid(payload)?;
    let reason = match payload.child(tag::REVOCATION_REASON) {
        Some(r) => r.value.clone(),
        None => misspelled_reason(payload).ok_or_else(|| {
            KmipError::missing(
                "the Revocation Reason (a structure, tag 0x420081, holding a Revocation Reason Code)",
            )
        })?,
    };
    let occurrence = payload
        .child(tag::COMPROMISE_OCCURRENCE_DATE)
        .and_then(Item::as_datetime);
    ctx.update(&uid, |m| m.revoke(reason.clone(), occurrence, now()))?;
    Ok(uid_payload(&uid))
}

/// A habit of some clients (the `cyphera-kmip` Python client among them): the Revocation Reason
/// structure sent under the Revocation Reason Code's tag (0x420082), its code under the next tag.
/// The structure can mean nothing else, so its first Enumeration is taken as the Revocation Reason
/// Code (and a Text String, if any, as the Revocation Message) instead of refusing the Revoke.
fn misspelled_reason(payload: &Item) -> Option<Value> {
    let wrong = payload.child(tag::REVOCATION_REASON_CODE)?;
    let Value::Structure(items) = &wrong.value else {
        return None;
    };
    let code = items.iter().find_map(Item::as_enum)?;
    let mut reason = vec![Item::enumeration(tag::REVOCATION_REASON_CODE, code)];
    if let Some(msg) = items.iter().find_map(Item::as_text) {
        reason.push(Item::text(tag::REVOCATION_MESSAGE, msg));
    }
    tracing::debug!(
        code,
        "Revoke: Revocation Reason sent under the Revocation Reason Code tag; taken as the reason"
    );
    Some(Value::Structure(reason))
}
