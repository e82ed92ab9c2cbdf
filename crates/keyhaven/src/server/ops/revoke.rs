//! Revoke: Compromised for a key or CA compromise (from any state but Destroyed Compromised; Destroyed
//! becomes Destroyed Compromised); Deactivated for any other reason (from Active only).

use keyhaven_kmip::enums::{revocation_reason_code as rrc, state};
use keyhaven_kmip::error::{KmipError, KmipResult, Reason};
use keyhaven_kmip::tag;
use keyhaven_ttlv::{Item, Value};

use super::{now, uid_payload, OpCtx};

pub fn run(ctx: &mut OpCtx<'_>, payload: &Item) -> KmipResult<Item> {
    let uid = ctx.uid(payload)?;
    let reason = payload
        .child(tag::REVOCATION_REASON)
        .ok_or_else(|| KmipError::missing("the Revocation Reason"))?;
    let code = reason
        .child(tag::REVOCATION_REASON_CODE)
        .and_then(Item::as_enum)
        .ok_or_else(|| KmipError::missing("the Revocation Reason Code"))?;
    let compromise = code == rrc::KEY_COMPROMISE || code == rrc::CA_COMPROMISE;
    let occurrence = payload
        .child(tag::COMPROMISE_OCCURRENCE_DATE)
        .and_then(Item::as_datetime);
    let reason_value = reason.value.clone();
    ctx.update(&uid, |m| {
        let t = now();
        if compromise {
            m.rec.state = match m.rec.state {
                state::DESTROYED | state::DESTROYED_COMPROMISED => state::DESTROYED_COMPROMISED,
                _ => state::COMPROMISED,
            };
            m.set(tag::COMPROMISE_DATE, Value::DateTime(t));
            m.set(tag::COMPROMISE_OCCURRENCE_DATE, Value::DateTime(occurrence.unwrap_or(t)));
        } else {
            if m.rec.state != state::ACTIVE {
                return Err(KmipError::new(
                    Reason::WrongKeyLifecycleState,
                    format!(
                        "object {uid} is not Active (state {}); only compromise can revoke it in this state",
                        m.rec.state
                    ),
                ));
            }
            m.rec.state = state::DEACTIVATED;
            m.set(tag::DEACTIVATION_DATE, Value::DateTime(t));
        }
        m.set(tag::REVOCATION_REASON, reason_value.clone());
        Ok(())
    })?;
    Ok(uid_payload(&uid))
}
