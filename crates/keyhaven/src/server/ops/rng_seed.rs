//! RNG Seed: the server's random numbers come from the operating system's CSPRNG, which takes no
//! seed from clients: the data is accepted and discarded, and the answer's Data Length (the amount of
//! seed data the RNG accepted) is 0.

use keyhaven_kmip::error::{KmipError, KmipResult};
use keyhaven_kmip::tag;
use keyhaven_ttlv::Item;

use super::OpCtx;
use crate::server::crypto_params::bytes_field;

pub fn run(_ctx: &mut OpCtx<'_>, payload: &Item) -> KmipResult<Item> {
    bytes_field(payload, tag::DATA, "Data")?
        .ok_or_else(|| KmipError::missing("the Data (seed)"))?;
    Ok(Item::structure(
        tag::RESPONSE_PAYLOAD,
        vec![Item::int(tag::DATA_LENGTH, 0)],
    ))
}
