//! Login (2.0-2.1): a ticket for later requests of this client (see `server::tickets`), with the
//! request's Lease Time, Request Count and Usage Limits.

use keyhaven_kmip::enums::ticket_type;
use keyhaven_kmip::error::KmipResult;
use keyhaven_kmip::tag;
use keyhaven_ttlv::Item;

use super::OpCtx;
use crate::server::tickets::{self, Terms};

pub fn run(ctx: &mut OpCtx<'_>, payload: &Item) -> KmipResult<Item> {
    issue(ctx, payload, false)
}

/// Issues a ticket (Login, or Delegated Login with Rights) and answers with it.
pub fn issue(ctx: &OpCtx<'_>, payload: &Item, delegated: bool) -> KmipResult<Item> {
    let terms = Terms::from_request(payload, delegated)?;
    let value = tickets::issue(
        ctx.server.store.as_ref(),
        &ctx.tenant.id,
        &ctx.client.id,
        terms,
    )?;
    Ok(Item::structure(
        tag::RESPONSE_PAYLOAD,
        vec![Item::structure(
            tag::TICKET,
            vec![
                Item::enumeration(tag::TICKET_TYPE, ticket_type::LOGIN),
                Item::bytes(tag::TICKET_VALUE, value),
            ],
        )],
    ))
}
