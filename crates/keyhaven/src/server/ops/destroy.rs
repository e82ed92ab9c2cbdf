//! Destroy: removes the key material for good; see [`crate::server::objects::Managed::destroy`].

use keyhaven_kmip::error::KmipResult;
use keyhaven_ttlv::Item;

use super::{now, uid_payload, OpCtx};

pub fn run(ctx: &mut OpCtx<'_>, payload: &Item) -> KmipResult<Item> {
    let uid = ctx.uid(payload)?;
    ctx.update(&uid, |m| m.destroy(now()))?;
    Ok(uid_payload(&uid))
}
