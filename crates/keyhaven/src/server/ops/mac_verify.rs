//! MAC Verify: recomputes the MAC of the Data (as [`super::mac`]) and compares it with the request's
//! MAC Data in constant time; answers Validity Indicator Valid or Invalid.

use keyhaven_kmip::enums::validity_indicator;
use keyhaven_kmip::error::{KmipError, KmipResult};
use keyhaven_kmip::tag;
use keyhaven_ttlv::Item;
use subtle::ConstantTimeEq;

use super::{now, OpCtx};
use crate::server::crypto_params::{self as cp, bytes_field, check_key, Use};

pub fn run(ctx: &mut OpCtx<'_>, payload: &Item) -> KmipResult<Item> {
    let uid = ctx.uid(payload)?;
    let m = ctx.load(&uid)?;
    check_key(&m, Use::Process, cp::MASK_MAC_VERIFY, "MAC Verify", now())?;
    let data = super::mac::mac_data_field(payload)?;
    let given = bytes_field(payload, tag::MAC_DATA, "MAC Data")?
        .ok_or_else(|| KmipError::missing("the MAC Data to verify"))?;
    let mac = super::mac::compute(ctx, payload, &m, data, false)?;
    let valid = given.len() == mac.len() && bool::from(given.ct_eq(&mac[..]));
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
