//! Recover: the inverse of Archive (its Archive Date is removed); recovering an object that is not
//! archived changes nothing.

use keyhaven_kmip::error::KmipResult;
use keyhaven_kmip::tag;
use keyhaven_ttlv::Item;

use super::{uid_payload, OpCtx};
use crate::server::crypto_params as cp;

pub fn run(ctx: &mut OpCtx<'_>, payload: &Item) -> KmipResult<Item> {
    let uid = ctx.uid(payload)?;
    let m = ctx.load(&uid)?;
    if cp::is_archived(&m) {
        ctx.update(&uid, |m| {
            m.attrs.retain(|a| !a.name.is(tag::ARCHIVE_DATE));
            Ok(())
        })?;
    }
    Ok(uid_payload(&uid))
}
