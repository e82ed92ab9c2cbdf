//! Activate: Pre-Active to Active, setting the Activation Date.

use keyhaven_kmip::enums::state;
use keyhaven_kmip::error::{KmipError, KmipResult, Reason};
use keyhaven_kmip::tag;
use keyhaven_ttlv::{Item, Value};

use super::{now, uid_payload, OpCtx};

pub fn run(ctx: &mut OpCtx<'_>, payload: &Item) -> KmipResult<Item> {
    let uid = ctx.uid(payload)?;
    ctx.update(&uid, |m| {
        if m.rec.state != state::PRE_ACTIVE {
            return Err(KmipError::new(
                Reason::WrongKeyLifecycleState,
                format!("object {uid} is not Pre-Active (state {}); only a Pre-Active object can be activated", m.rec.state),
            ));
        }
        m.rec.state = state::ACTIVE;
        m.set(tag::ACTIVATION_DATE, Value::DateTime(now()));
        Ok(())
    })?;
    Ok(uid_payload(&uid))
}
