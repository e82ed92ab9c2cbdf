//! Log (KMIP 2.x): a client's message for the server's log, written at info level (truncated to 1024
//! characters); answered with an empty payload.

use keyhaven_kmip::error::{KmipError, KmipResult};
use keyhaven_kmip::tag;
use keyhaven_ttlv::Item;

use super::OpCtx;

pub fn run(ctx: &mut OpCtx<'_>, payload: &Item) -> KmipResult<Item> {
    let msg = payload
        .child(tag::LOG_MESSAGE)
        .ok_or_else(|| KmipError::missing("the Log Message"))?
        .as_text()
        .ok_or_else(|| KmipError::invalid("Log Message must be a Text String"))?;
    let shown: String = msg.chars().take(1024).collect();
    tracing::info!(tenant = %ctx.tenant.name, client = %ctx.client.name, message = %shown, "client log message");
    Ok(Item::structure(tag::RESPONSE_PAYLOAD, Vec::new()))
}
