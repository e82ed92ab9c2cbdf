//! Process (2.0-2.1): asks that the next Poll of a waiting asynchronous request not answer
//! "pending". Every Poll of this server already runs the request and answers its result
//! (`server::pending`), so Process only checks that the request is this client's and waiting;
//! an unknown value is an Invalid Asynchronous Correlation Value.

use keyhaven_kmip::error::{KmipError, KmipResult, Reason};
use keyhaven_kmip::tag;
use keyhaven_ttlv::Item;

use super::OpCtx;
use crate::server::pending;

pub fn run(ctx: &mut OpCtx<'_>, payload: &Item) -> KmipResult<Item> {
    let corr = pending::correlation_of(payload)?;
    if !pending::is_waiting(ctx.server, ctx.tenant, &ctx.client.id, corr)? {
        return Err(KmipError::new(
            Reason::InvalidAsynchronousCorrelationValue,
            "no outstanding asynchronous request of this client has that Asynchronous Correlation Value",
        ));
    }
    Ok(Item::structure(tag::RESPONSE_PAYLOAD, vec![]))
}
