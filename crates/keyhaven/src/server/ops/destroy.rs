//! Destroy: removes the key material (the wrapped blob) for good; the object's record and attributes
//! stay, in state Destroyed (or Destroyed Compromised). An Active object must be revoked first.

use keyhaven_kmip::enums::state;
use keyhaven_kmip::error::{KmipError, KmipResult, Reason};
use keyhaven_kmip::tag;
use keyhaven_ttlv::{Item, Value};

use super::{now, uid_payload, OpCtx};

pub fn run(ctx: &mut OpCtx<'_>, payload: &Item) -> KmipResult<Item> {
    let uid = ctx.uid(payload)?;
    ctx.update(&uid, |m| {
        m.rec.state = match m.rec.state {
            state::PRE_ACTIVE | state::DEACTIVATED => state::DESTROYED,
            state::COMPROMISED => state::DESTROYED_COMPROMISED,
            state::ACTIVE => {
                return Err(KmipError::new(
                    Reason::WrongKeyLifecycleState,
                    format!("object {uid} is Active: revoke it before destroying it"),
                ))
            }
            _ => {
                return Err(KmipError::new(
                    Reason::ObjectDestroyed,
                    format!("object {uid} is already destroyed"),
                ))
            }
        };
        m.rec.wrapped_material = Vec::new();
        m.set(tag::DESTROY_DATE, Value::DateTime(now()));
        Ok(())
    })?;
    Ok(uid_payload(&uid))
}
