//! Set Defaults (KMIP 2.1 section 6.1.53): replaces the tenant's Object Defaults
//! ([`crate::server::policy::defaults`]); without Defaults Information, removes them all. Every
//! node of a cluster applies them from the store.

use keyhaven_kmip::error::KmipResult;
use keyhaven_kmip::tag;
use keyhaven_ttlv::Item;

use super::OpCtx;
use crate::server::policy::defaults;

pub fn run(ctx: &mut OpCtx<'_>, payload: &Item) -> KmipResult<Item> {
    let list = match payload.child(tag::DEFAULTS_INFORMATION) {
        Some(info) => defaults::parse(info)?,
        None => Vec::new(),
    };
    defaults::save(ctx.server.store.as_ref(), &ctx.tenant.id, &list)?;
    tracing::info!(tenant = %ctx.tenant.name, client = %ctx.client.name, entries = list.len(), "object defaults set");
    Ok(Item::structure(tag::RESPONSE_PAYLOAD, vec![]))
}
