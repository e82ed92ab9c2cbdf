//! Set Constraints (KMIP 2.1 section 6.1.52): replaces the tenant's Constraints
//! ([`crate::server::policy::constraints`]); an empty Constraints structure removes them. Objects
//! made afterwards on any node of a cluster must meet them; objects made before are left as they
//! are.

use keyhaven_kmip::error::{KmipError, KmipResult};
use keyhaven_kmip::tag;
use keyhaven_ttlv::Item;

use super::OpCtx;
use crate::server::policy::constraints;

pub fn run(ctx: &mut OpCtx<'_>, payload: &Item) -> KmipResult<Item> {
    let item = payload
        .child(tag::CONSTRAINTS)
        .ok_or_else(|| KmipError::missing("the Constraints"))?;
    let list = constraints::parse(item)?;
    constraints::save(ctx.server.store.as_ref(), &ctx.tenant.id, &list)?;
    tracing::info!(tenant = %ctx.tenant.name, client = %ctx.client.name, entries = list.len(), "constraints set");
    Ok(Item::structure(tag::RESPONSE_PAYLOAD, vec![]))
}
