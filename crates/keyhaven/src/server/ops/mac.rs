//! MAC: HMAC (SHA-1, SHA-2, SHA-3) or CMAC (AES, 3DES) of the request's Data with a symmetric key.
//!
//! The MAC algorithm is the Cryptographic Algorithm of the Cryptographic Parameters (request, then
//! the key's attribute), e.g. HMAC-SHA256; or CMAC as Block Cipher Mode with an AES or 3DES key; or
//! the key's own algorithm when it is an HMAC one. The key must be Active, before its Protect Stop
//! Date, with MAC Generate in its usage mask (MAC Verify needs MAC Verify, and accepts Deactivated and
//! Compromised keys).

use keyhaven_kmip::enums::{block_cipher_mode as bcm, object_type as ot};
use keyhaven_kmip::error::{KmipError, KmipResult, Reason};
use keyhaven_kmip::tag;
use keyhaven_ttlv::Item;
use zeroize::Zeroizing;

use super::{now, Managed, OpCtx};
use crate::crypto::digest;
use crate::server::crypto_params::{self as cp, bytes_field, check_key, Use};

pub fn run(ctx: &mut OpCtx<'_>, payload: &Item) -> KmipResult<Item> {
    let uid = ctx.uid(payload)?;
    let m = ctx.load(&uid)?;
    check_key(&m, Use::Protect, cp::MASK_MAC_GENERATE, "MAC", now())?;
    let data = mac_data_field(payload)?;
    let mac = compute(ctx, payload, &m, data, true)?;
    Ok(Item::structure(
        tag::RESPONSE_PAYLOAD,
        vec![
            Item::text(tag::UNIQUE_IDENTIFIER, uid),
            Item::bytes(tag::MAC_DATA, mac.to_vec()),
        ],
    ))
}

/// The Data to MAC; streamed MACs (Init Indicator, Correlation Value) are refused.
pub fn mac_data_field(payload: &Item) -> KmipResult<&[u8]> {
    if payload.child(tag::INIT_INDICATOR).is_some()
        || payload.child(tag::CORRELATION_VALUE).is_some()
    {
        return Err(KmipError::new(
            Reason::FeatureNotSupported,
            "streamed MAC operations are not supported: send the Data in one request",
        ));
    }
    bytes_field(payload, tag::DATA, "Data")?.ok_or_else(|| KmipError::missing("the Data"))
}

/// The MAC of `data` with key `m` and the effective Cryptographic Parameters; `generate` (MAC, not
/// MAC Verify) counts against the key's Usage Limits.
pub fn compute(
    ctx: &OpCtx<'_>,
    payload: &Item,
    m: &Managed,
    data: &[u8],
    generate: bool,
) -> KmipResult<Zeroizing<Vec<u8>>> {
    if m.rec.object_type != ot::SYMMETRIC_KEY {
        return Err(KmipError::new(
            Reason::InvalidObjectType,
            format!(
                "MAC needs a symmetric key, not a {}",
                cp::enum_name(tag::OBJECT_TYPE, m.rec.object_type)
            ),
        ));
    }
    let params = cp::effective_params(payload, m)?;
    let content = ctx.open(m)?;
    let key_alg = content.algorithm.or(m.rec.algorithm);
    let unsupported = |msg: String| KmipError::new(Reason::UnsupportedCryptographicParameters, msg);
    let result = if let Some(h) = params.cryptographic_algorithm.and_then(digest::hmac_hash) {
        digest::hmac(h, &content.material, data)
    } else if params.block_cipher_mode == Some(bcm::CMAC) {
        digest::cmac(key_alg.unwrap_or(0), &content.material, data)
    } else if let Some(a) = params.cryptographic_algorithm {
        return Err(unsupported(format!(
            "{} is not a MAC algorithm (HMAC-SHA1 to HMAC-SHA512, HMAC-SHA3-*, or CMAC as Block Cipher Mode)",
            cp::enum_name(tag::CRYPTOGRAPHIC_ALGORITHM, a)
        )));
    } else if let Some(h) = key_alg.and_then(digest::hmac_hash) {
        digest::hmac(h, &content.material, data)
    } else {
        return Err(KmipError::new(
            Reason::InvalidField,
            "no MAC algorithm: give Cryptographic Parameters with an HMAC Cryptographic Algorithm (or Block Cipher Mode CMAC), in the request or as the key's attribute",
        ));
    };
    let mac = result.map_err(unsupported)?;
    if generate {
        cp::consume_usage(ctx, m, data.len())?;
    }
    Ok(mac)
}
