//! Create: a new symmetric key from the OS CSPRNG, stored wrapped: AES (128, 192, 256 bits), Triple
//! DES (168 or 112 bits, 24 or 16 bytes with odd parity), HMAC keys (8 to 4096 bits, whole bytes),
//! ChaCha20 and ChaCha20Poly1305 (256 bits).

use keyhaven_kmip::enums::{cryptographic_algorithm as alg, object_type as ot};
use keyhaven_kmip::error::{KmipError, KmipResult, Reason};
use keyhaven_kmip::object::ObjectContent;
use keyhaven_kmip::tag;
use keyhaven_ttlv::{Item, Value};

use super::{check_client_attributes, OpCtx};
use crate::crypto::random_bytes;
use zeroize::Zeroizing;

pub fn run(ctx: &mut OpCtx<'_>, payload: &Item) -> KmipResult<Item> {
    let object_type = payload
        .child(tag::OBJECT_TYPE)
        .and_then(Item::as_enum)
        .ok_or_else(|| KmipError::missing("the Object Type"))?;
    if object_type != ot::SYMMETRIC_KEY {
        return Err(KmipError::new(
            Reason::InvalidObjectType,
            format!(
                "Create makes symmetric keys only ({} asked); use Register for other objects",
                type_name(object_type)
            ),
        ));
    }
    let container = if ctx.version.is_2x() {
        payload.child(tag::ATTRIBUTES)
    } else {
        payload.child(tag::TEMPLATE_ATTRIBUTE)
    };
    let attrs = ctx.template_attribute(container)?;
    check_client_attributes(&attrs)?;
    let find = |t| attrs.iter().find(|a| a.name.is(t)).map(|a| &a.value);
    let algorithm = match find(tag::CRYPTOGRAPHIC_ALGORITHM) {
        Some(Value::Enumeration(a)) => *a,
        _ => return Err(KmipError::missing("the Cryptographic Algorithm attribute")),
    };
    let length = match find(tag::CRYPTOGRAPHIC_LENGTH) {
        Some(Value::Integer(l)) => *l,
        _ => {
            return Err(KmipError::missing(
                "the Cryptographic Length attribute (e.g. 128, 192 or 256 for AES)",
            ))
        }
    };
    let material = generate(algorithm, length)?;
    let mut attrs: Vec<_> = attrs
        .into_iter()
        .filter(|a| {
            !a.name.is(tag::CRYPTOGRAPHIC_ALGORITHM) && !a.name.is(tag::CRYPTOGRAPHIC_LENGTH)
        })
        .collect();
    if !attrs
        .iter()
        .any(|a| a.name.is(tag::RANDOM_NUMBER_GENERATOR))
    {
        attrs.push(crate::server::new_attrs::generated_rng_attribute());
    }
    let content = ObjectContent {
        object_type,
        format: keyhaven_kmip::enums::key_format_type::RAW,
        material,
        algorithm: Some(algorithm),
        length: Some(length),
        data_type: None,
    };
    let uid = ctx.insert(&content, attrs)?;
    Ok(Item::structure(
        tag::RESPONSE_PAYLOAD,
        vec![
            Item::enumeration(tag::OBJECT_TYPE, object_type),
            Item::text(tag::UNIQUE_IDENTIFIER, uid),
        ],
    ))
}

/// An object type's name for messages.
pub fn type_name(object_type: u32) -> String {
    keyhaven_kmip::enums::enum_value_name(tag::OBJECT_TYPE, object_type)
        .map_or_else(|| format!("object type 0x{object_type:X}"), str::to_owned)
}

/// Key material for a new symmetric key of `algorithm` and `length` bits (Create, Re-key).
pub fn generate(algorithm: u32, length: i32) -> KmipResult<Zeroizing<Vec<u8>>> {
    let bad_length = |what: &str| {
        KmipError::new(
            Reason::InvalidAttributeValue,
            format!(
                "{} keys are {what} bits long, not {length}",
                keyhaven_kmip::enums::enum_value_name(tag::CRYPTOGRAPHIC_ALGORITHM, algorithm)
                    .unwrap_or("such")
            ),
        )
    };
    match algorithm {
        alg::AES => match length {
            128 | 192 | 256 => Ok(random_bytes(length as usize / 8)),
            _ => Err(bad_length("128, 192 or 256")),
        },
        alg::DES3 => {
            let n = match length {
                168 | 192 => 24,
                112 | 128 => 16,
                _ => return Err(bad_length("168 (three keys) or 112 (two keys)")),
            };
            let mut k = random_bytes(n);
            crate::crypto::cipher::set_des_parity(&mut k);
            Ok(k)
        }
        alg::HMAC_SHA1
        | alg::HMAC_SHA224
        | alg::HMAC_SHA256
        | alg::HMAC_SHA384
        | alg::HMAC_SHA512
        | alg::HMAC_SHA3_224
        | alg::HMAC_SHA3_256
        | alg::HMAC_SHA3_384
        | alg::HMAC_SHA3_512 => {
            if (8..=4096).contains(&length) && length % 8 == 0 {
                Ok(random_bytes(length as usize / 8))
            } else {
                Err(bad_length("8 to 4096 (whole bytes)"))
            }
        }
        alg::CHACHA20 | alg::CHACHA20POLY1305 => match length {
            256 => Ok(random_bytes(32)),
            _ => Err(bad_length("256")),
        },
        other => Err(KmipError::new(
            Reason::UnsupportedCryptographicParameters,
            format!(
                "Create makes AES, 3DES, HMAC, ChaCha20 and ChaCha20Poly1305 keys; {} is not supported{}",
                keyhaven_kmip::enums::enum_value_name(tag::CRYPTOGRAPHIC_ALGORITHM, other)
                    .unwrap_or("this algorithm"),
                if matches!(other, alg::RSA | alg::DSA | alg::ECDSA | alg::EC | alg::DH | alg::ECDH) {
                    " (use Create Key Pair for asymmetric keys)"
                } else {
                    ""
                }
            ),
        )),
    }
}
