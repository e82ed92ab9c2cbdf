//! Hash: the digest of the request's Data with the Hashing Algorithm of its Cryptographic Parameters
//! (SHA-1, SHA-2, SHA-3). No key is involved.

use keyhaven_kmip::error::{KmipError, KmipResult, Reason};
use keyhaven_kmip::tag;
use keyhaven_ttlv::Item;

use super::OpCtx;
use crate::crypto::digest;
use crate::server::crypto_params::{bytes_field, SymParams};

pub fn run(_ctx: &mut OpCtx<'_>, payload: &Item) -> KmipResult<Item> {
    if payload.child(tag::INIT_INDICATOR).is_some()
        || payload.child(tag::CORRELATION_VALUE).is_some()
    {
        return Err(KmipError::new(
            Reason::FeatureNotSupported,
            "streamed Hash operations are not supported: send the Data in one request",
        ));
    }
    let params = match payload.child(tag::CRYPTOGRAPHIC_PARAMETERS) {
        Some(i) => SymParams::from_value(&i.value)?,
        None => {
            return Err(KmipError::missing(
                "the Cryptographic Parameters (with a Hashing Algorithm)",
            ))
        }
    };
    let h = params.hashing_algorithm.ok_or_else(|| {
        KmipError::missing("the Hashing Algorithm of the Cryptographic Parameters")
    })?;
    let data =
        bytes_field(payload, tag::DATA, "Data")?.ok_or_else(|| KmipError::missing("the Data"))?;
    let out = digest::hash(h, data)
        .map_err(|m| KmipError::new(Reason::UnsupportedCryptographicParameters, m))?;
    Ok(Item::structure(
        tag::RESPONSE_PAYLOAD,
        vec![Item::bytes(tag::DATA, out)],
    ))
}
