//! RNG Retrieve: Data Length bytes from the operating system's CSPRNG (at most 1 MiB per request).

use keyhaven_kmip::error::{KmipError, KmipResult, Reason};
use keyhaven_kmip::tag;
use keyhaven_ttlv::Item;

use super::OpCtx;

/// Largest RNG Retrieve answered.
pub const MAX_RNG_BYTES: i32 = 1 << 20;

pub fn run(_ctx: &mut OpCtx<'_>, payload: &Item) -> KmipResult<Item> {
    let n = payload
        .child(tag::DATA_LENGTH)
        .ok_or_else(|| KmipError::missing("the Data Length"))?
        .as_int()
        .ok_or_else(|| KmipError::invalid("Data Length must be an Integer"))?;
    if n <= 0 {
        return Err(KmipError::invalid(format!(
            "Data Length must be positive, not {n}"
        )));
    }
    if n > MAX_RNG_BYTES {
        return Err(KmipError::new(
            Reason::ServerLimitExceeded,
            format!(
                "Data Length {n} exceeds this server's limit of {MAX_RNG_BYTES} bytes per request"
            ),
        ));
    }
    let data = crate::crypto::random_bytes(n as usize);
    Ok(Item::structure(
        tag::RESPONSE_PAYLOAD,
        vec![Item::bytes(tag::DATA, data.to_vec())],
    ))
}
