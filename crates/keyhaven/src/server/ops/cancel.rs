//! Cancel (1.0-2.1): withdraws a waiting asynchronous request of this client
//! (`server::pending`); it is never run. Answers Canceled; an unknown value, or another client's,
//! is an Invalid Asynchronous Correlation Value.

use keyhaven_kmip::enums::cancellation_result;
use keyhaven_kmip::error::KmipResult;
use keyhaven_kmip::tag;
use keyhaven_ttlv::Item;

use super::OpCtx;
use crate::server::pending;

pub fn run(ctx: &mut OpCtx<'_>, payload: &Item) -> KmipResult<Item> {
    let corr = pending::correlation_of(payload)?.to_vec();
    pending::take(ctx.server, ctx.tenant, &ctx.client.id, &corr)?;
    Ok(Item::structure(
        tag::RESPONSE_PAYLOAD,
        vec![
            Item::bytes(tag::ASYNCHRONOUS_CORRELATION_VALUE, corr),
            Item::enumeration(tag::CANCELLATION_RESULT, cancellation_result::CANCELED),
        ],
    ))
}
