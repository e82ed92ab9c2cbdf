//! Create: a new symmetric key from the OS CSPRNG, stored wrapped, for every symmetric algorithm of
//! the KMIP enumerations with a defined key length (see `valid_lengths`): AES, Camellia, ARIA (128,
//! 192, 256 bits), DES and Triple DES (with odd parity), HMAC keys (8 to 4096 bits, whole bytes),
//! ChaCha20 and Poly1305 (256), Blowfish, CAST5, IDEA, RC2, RC4, RC5, SKIPJACK, SEED, SM4, Twofish,
//! MARS and GOST. A key asked to be Quantum Safe must be of 256 bits or more (`server::quantum`).

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
    let mut attrs = ctx.template_attribute(container)?;
    check_client_attributes(&attrs)?;
    ctx.policy()?.apply(object_type, &mut attrs, &[])?;
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
    crate::server::quantum::check_symmetric(&attrs, length)?;
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
    let n = key_bytes(algorithm, length)?;
    let mut k = random_bytes(n);
    if matches!(algorithm, alg::DES | alg::DES3) {
        crate::crypto::cipher::set_des_parity(&mut k);
    }
    Ok(k)
}

/// `(min, max, step)` ranges of key lengths in bits.
type LengthRanges = &'static [(i32, i32, i32)];

/// The valid lengths (bits) of a symmetric algorithm's keys, as the algorithm's definition gives
/// them, and the message naming them: `(min, max, step)` ranges.
fn valid_lengths(algorithm: u32) -> Option<(LengthRanges, &'static str)> {
    Some(match algorithm {
        alg::AES | alg::CAMELLIA | alg::ARIA => (&[(128, 256, 64)], "128, 192 or 256"),
        // DES keys carry a parity bit per byte: the lengths count key bits or whole bytes.
        alg::DES => (&[(56, 56, 1), (64, 64, 1)], "56 (8 bytes with parity)"),
        alg::DES3 => (
            &[(112, 112, 1), (128, 128, 1), (168, 168, 1), (192, 192, 1)],
            "168 (three keys) or 112 (two keys)",
        ),
        alg::HMAC_SHA1
        | alg::HMAC_SHA224
        | alg::HMAC_SHA256
        | alg::HMAC_SHA384
        | alg::HMAC_SHA512
        | alg::HMAC_MD5
        | alg::HMAC_SHA3_224
        | alg::HMAC_SHA3_256
        | alg::HMAC_SHA3_384
        | alg::HMAC_SHA3_512 => (&[(8, 4096, 8)], "8 to 4096 (whole bytes)"),
        alg::CHACHA20 | alg::CHACHA20POLY1305 | alg::POLY1305 => (&[(256, 256, 1)], "256"),
        // Blowfish: 32 to 448 bits; CAST5 (RFC 2144): 40 to 128; RC2 (RFC 2268): 8 to 1024;
        // RC4: 40 to 2048; RC5 (RFC 2040): 0 to 2040, of which 8 and up are keys.
        alg::BLOWFISH => (&[(32, 448, 8)], "32 to 448 (whole bytes)"),
        alg::CAST5 => (&[(40, 128, 8)], "40 to 128 (whole bytes)"),
        alg::RC2 => (&[(8, 1024, 8)], "8 to 1024 (whole bytes)"),
        alg::RC4 => (&[(40, 2048, 8)], "40 to 2048 (whole bytes)"),
        alg::RC5 => (&[(8, 2040, 8)], "8 to 2040 (whole bytes)"),
        alg::IDEA | alg::SEED | alg::SM4 => (&[(128, 128, 1)], "128"),
        alg::SKIPJACK => (&[(80, 80, 1)], "80"),
        alg::TWOFISH | alg::MARS => (&[(128, 256, 64)], "128, 192 or 256"),
        alg::GOST_28147_89 | alg::GOST_R_34_13_2015 => (&[(256, 256, 1)], "256"),
        _ => return None,
    })
}

/// The symmetric algorithms Create makes keys for (Query and messages).
pub const SYMMETRIC_ALGORITHMS: &str = "AES, DES, 3DES, HMAC (SHA-1, SHA-2, SHA-3, MD5), ChaCha20, \
ChaCha20Poly1305, Poly1305, Blowfish, Camellia, CAST5, IDEA, MARS, RC2, RC4, RC5, SKIPJACK, Twofish, \
ARIA, SEED, SM4 and GOST";

/// The number of bytes of a key of `algorithm` and `length` bits, or why that length is invalid.
pub fn key_bytes(algorithm: u32, length: i32) -> KmipResult<usize> {
    let Some((ranges, spelled)) = valid_lengths(algorithm) else {
        return Err(KmipError::new(
            Reason::UnsupportedCryptographicParameters,
            format!(
                "Create makes symmetric keys of {SYMMETRIC_ALGORITHMS}; {} is not supported{}",
                keyhaven_kmip::enums::enum_value_name(tag::CRYPTOGRAPHIC_ALGORITHM, algorithm)
                    .unwrap_or("this algorithm"),
                if matches!(
                    algorithm,
                    alg::RSA | alg::DSA | alg::ECDSA | alg::EC | alg::DH | alg::ECDH
                ) {
                    " (use Create Key Pair for asymmetric keys)"
                } else {
                    ""
                }
            ),
        ));
    };
    let ok = ranges
        .iter()
        .any(|(lo, hi, step)| (*lo..=*hi).contains(&length) && (length - lo) % step == 0);
    if !ok {
        return Err(KmipError::new(
            Reason::InvalidAttributeValue,
            format!(
                "{} keys are {spelled} bits long, not {length}",
                keyhaven_kmip::enums::enum_value_name(tag::CRYPTOGRAPHIC_ALGORITHM, algorithm)
                    .unwrap_or("such")
            ),
        ));
    }
    Ok(match (algorithm, length) {
        (alg::DES, _) => 8,
        (alg::DES3, 112 | 128) => 16,
        (alg::DES3, _) => 24,
        _ => length as usize / 8,
    })
}
