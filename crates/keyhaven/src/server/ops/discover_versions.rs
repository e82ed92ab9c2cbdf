//! Discover Versions: the versions both sides speak, in this server's order of preference; all of
//! them when the request lists none (vCenter's probe sends an empty payload).

use keyhaven_kmip::error::{KmipError, KmipResult};
use keyhaven_kmip::{tag, ProtocolVersion};
use keyhaven_ttlv::Item;

use super::OpCtx;

pub fn run(_ctx: &mut OpCtx<'_>, payload: &Item) -> KmipResult<Item> {
    answer(payload)
}

/// Also used before a client is identified (Discover Versions needs no tenant).
pub fn answer(payload: &Item) -> KmipResult<Item> {
    let asked: Vec<ProtocolVersion> = payload
        .children(tag::PROTOCOL_VERSION)
        .map(|i| {
            ProtocolVersion::from_item(i)
                .ok_or_else(|| KmipError::invalid("malformed Protocol Version"))
        })
        .collect::<KmipResult<_>>()?;
    let versions: Vec<Item> = if asked.is_empty() {
        ProtocolVersion::SUPPORTED
            .iter()
            .map(|v| v.to_item())
            .collect()
    } else {
        asked
            .iter()
            .filter(|v| v.is_supported())
            .map(|v| v.to_item())
            .collect()
    };
    Ok(Item::structure(tag::RESPONSE_PAYLOAD, versions))
}
