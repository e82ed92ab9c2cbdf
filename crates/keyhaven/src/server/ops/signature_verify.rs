//! Signature Verify: checks a signature over Data (hashed here) or Digested Data with a public key
//! (or a certificate's key): Validity Indicator Valid or Invalid. RSA PKCS#1 v1.5 and PSS (any salt
//! length unless the parameters name one), ECDSA (DER or raw r||s signatures).

use keyhaven_kmip::enums::{
    cryptographic_usage_mask as usage, object_type as ot, validity_indicator,
};
use keyhaven_kmip::error::{KmipError, KmipResult};
use keyhaven_kmip::tag;
use keyhaven_ttlv::Item;

use super::sign::{data_of, params, use_key, Use};
use super::OpCtx;
use crate::crypto::asymmetric;

pub fn run(ctx: &mut OpCtx<'_>, payload: &Item) -> KmipResult<Item> {
    let (uid, m, content) = use_key(
        ctx,
        payload,
        &[ot::PUBLIC_KEY, ot::CERTIFICATE],
        usage::VERIFY,
        Use::Process,
    )?;
    let p = params(payload, &m);
    let (data, digested) = data_of(payload)?;
    let signature = payload
        .child(tag::SIGNATURE_DATA)
        .and_then(Item::as_bytes)
        .ok_or_else(|| KmipError::missing("the Signature Data"))?;
    let key = asymmetric::parse_public(&content)?;
    let valid = asymmetric::verify(&key, &p, data, digested, signature)?;
    Ok(Item::structure(
        tag::RESPONSE_PAYLOAD,
        vec![
            Item::text(tag::UNIQUE_IDENTIFIER, uid),
            Item::enumeration(
                tag::VALIDITY_INDICATOR,
                if valid {
                    validity_indicator::VALID
                } else {
                    validity_indicator::INVALID
                },
            ),
        ],
    ))
}
