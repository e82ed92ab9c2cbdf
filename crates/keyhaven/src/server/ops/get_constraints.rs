//! Get Constraints (KMIP 2.1 section 6.1.22): the tenant's Constraints as Set Constraints left
//! them (an empty Constraints structure when none are set).

use keyhaven_kmip::error::KmipResult;
use keyhaven_kmip::tag;
use keyhaven_ttlv::Item;

use super::OpCtx;
use crate::server::policy::constraints;

pub fn run(ctx: &mut OpCtx<'_>, _payload: &Item) -> KmipResult<Item> {
    let list = constraints::load(ctx.server.store.as_ref(), &ctx.tenant.id)?;
    Ok(Item::structure(
        tag::RESPONSE_PAYLOAD,
        vec![constraints::to_item(&list)],
    ))
}
