//! Logout (2.0-2.1): ends one of this client's tickets; an unknown ticket, or another client's, is
//! an Invalid Ticket.

use keyhaven_kmip::error::{KmipError, KmipResult};
use keyhaven_kmip::tag;
use keyhaven_ttlv::Item;

use super::OpCtx;

pub fn run(ctx: &mut OpCtx<'_>, payload: &Item) -> KmipResult<Item> {
    let value = payload
        .child(tag::TICKET)
        .and_then(|t| t.child(tag::TICKET_VALUE))
        .and_then(Item::as_bytes)
        .ok_or_else(|| KmipError::missing("the Ticket to end"))?;
    crate::server::tickets::revoke(
        ctx.server.store.as_ref(),
        &ctx.tenant.id,
        &ctx.client.id,
        value,
    )?;
    Ok(Item::structure(tag::RESPONSE_PAYLOAD, vec![]))
}
