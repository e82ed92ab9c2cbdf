//! Archive: marks the object archived (its Archive Date is set). Keyhaven keeps every object in its
//! one store, so nothing moves; but until Recover, Get and the cryptographic operations answer Object
//! Archived. Attributes stay readable.

use keyhaven_kmip::enums::state;
use keyhaven_kmip::error::{KmipError, KmipResult, Reason};
use keyhaven_kmip::tag;
use keyhaven_ttlv::{Item, Value};

use super::{now, uid_payload, OpCtx};
use crate::server::crypto_params as cp;

pub fn run(ctx: &mut OpCtx<'_>, payload: &Item) -> KmipResult<Item> {
    let uid = ctx.uid(payload)?;
    ctx.update(&uid, |m| {
        if cp::is_archived(m) {
            return Err(cp::archived_err(&m.rec.uid));
        }
        if matches!(m.rec.state, state::DESTROYED | state::DESTROYED_COMPROMISED) {
            return Err(KmipError::new(
                Reason::ObjectDestroyed,
                format!("object {} is destroyed", m.rec.uid),
            ));
        }
        m.set(tag::ARCHIVE_DATE, Value::DateTime(now()));
        Ok(())
    })?;
    Ok(uid_payload(&uid))
}
