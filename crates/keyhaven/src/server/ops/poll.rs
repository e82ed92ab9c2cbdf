//! Poll (1.0-2.1): runs a waiting asynchronous request of this client (`server::pending`) and
//! answers exactly as the operation would have answered synchronously; the dispatcher puts the
//! polled operation in the response's Operation field.

use keyhaven_kmip::error::KmipResult;
use keyhaven_kmip::tag;
use keyhaven_ttlv::Item;

use super::OpCtx;
use crate::server::pending;

pub fn run(ctx: &mut OpCtx<'_>, payload: &Item) -> KmipResult<Item> {
    let corr = pending::correlation_of(payload)?;
    let p = pending::take(ctx.server, ctx.tenant, &ctx.client.id, corr)?;
    let mut inner = OpCtx {
        server: ctx.server,
        tenant: ctx.tenant,
        client: ctx.client,
        version: p.version,
        id_placeholder: ctx.id_placeholder,
        policy: Default::default(),
    };
    match super::run(&mut inner, p.operation, &p.payload) {
        Some(r) => r.map(|mut i| {
            i.tag = tag::RESPONSE_PAYLOAD;
            i
        }),
        None => Err(keyhaven_kmip::error::KmipError::new(
            keyhaven_kmip::error::Reason::OperationNotSupported,
            "the polled operation is not supported",
        )),
    }
}
