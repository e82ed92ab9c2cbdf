//! Query Asynchronous Requests (2.1): this client's outstanding asynchronous requests
//! (`server::pending`), optionally only those with the given correlation values or operations, each
//! as an Asynchronous Request (correlation value, operation, submission date, processing stage:
//! Submitted, since a request runs when it is polled).

use keyhaven_kmip::enums::processing_stage;
use keyhaven_kmip::error::KmipResult;
use keyhaven_kmip::tag;
use keyhaven_ttlv::{Item, Value};

use super::OpCtx;
use crate::server::pending;

pub fn run(ctx: &mut OpCtx<'_>, payload: &Item) -> KmipResult<Item> {
    let values: Option<Vec<&[u8]>> = payload
        .child(tag::ASYNCHRONOUS_CORRELATION_VALUES)
        .map(|v| {
            v.children(tag::ASYNCHRONOUS_CORRELATION_VALUE)
                .filter_map(Item::as_bytes)
                .collect()
        });
    let operations: Option<Vec<u32>> = payload.child(tag::OPERATIONS).map(|o| {
        o.children(tag::OPERATION)
            .filter_map(Item::as_enum)
            .collect()
    });
    let out = pending::list(ctx.server, ctx.tenant, &ctx.client.id)?
        .into_iter()
        .filter(|(c, _)| values.as_ref().is_none_or(|v| v.contains(&&c[..])))
        .filter(|(_, p)| operations.as_ref().is_none_or(|o| o.contains(&p.operation)))
        .map(|(c, p)| {
            Item::structure(
                tag::ASYNCHRONOUS_REQUEST,
                vec![
                    Item::bytes(tag::ASYNCHRONOUS_CORRELATION_VALUE, c),
                    Item::enumeration(tag::OPERATION, p.operation),
                    Item::new(
                        tag::SUBMISSION_DATE,
                        Value::DateTimeExtended(p.submitted_us),
                    ),
                    Item::enumeration(tag::PROCESSING_STAGE, processing_stage::SUBMITTED),
                ],
            )
        })
        .collect();
    Ok(Item::structure(tag::RESPONSE_PAYLOAD, out))
}
