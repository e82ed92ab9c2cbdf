//! Activate: Pre-Active to Active, setting the Activation Date.

use keyhaven_kmip::error::KmipResult;
use keyhaven_ttlv::Item;

use super::{now, uid_payload, OpCtx};

pub fn run(ctx: &mut OpCtx<'_>, payload: &Item) -> KmipResult<Item> {
    let uid = ctx.uid(payload)?;
    ctx.update(&uid, |m| m.activate(now()))?;
    Ok(uid_payload(&uid))
}
