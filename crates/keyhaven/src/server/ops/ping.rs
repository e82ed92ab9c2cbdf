//! Ping (2.1): the server is alive; an empty request gets an empty response.

use keyhaven_kmip::error::{KmipError, KmipResult};
use keyhaven_kmip::tag;
use keyhaven_ttlv::Item;

use super::OpCtx;

pub fn run(_ctx: &mut OpCtx<'_>, payload: &Item) -> KmipResult<Item> {
    if !payload.items().is_empty() {
        return Err(KmipError::invalid("the Ping request payload is empty"));
    }
    Ok(Item::structure(tag::RESPONSE_PAYLOAD, vec![]))
}
