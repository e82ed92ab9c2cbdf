//! Create Split Key (1.2-2.1): splits an existing key of the tenant (its Unique Identifier given) or
//! a new random symmetric key (Cryptographic Algorithm and Length in the attributes) into Split
//! Key Parts Split Key objects, of which Split Key Threshold rebuild it (`crypto::split`: XOR,
//! polynomial sharing over GF(2^8), GF(2^16) or a prime field). Each part is registered as a Split
//! Key object with the request's attributes; the response lists their identifiers in Key Part
//! Identifier order, and the ID Placeholder names part 1 (spec). The key split must be a Symmetric
//! Key, Secret Data or Private Key held as bytes; a key split by identifier keeps its own algorithm
//! and length (the spec: "the attributes of the key take precedence").

use keyhaven_kmip::enums::{object_type as ot, split_key_method as skm, state};
use keyhaven_kmip::error::{KmipError, KmipResult, Reason};
use keyhaven_kmip::object::is_transparent_format;
use keyhaven_kmip::structured::SplitKeyPart;
use keyhaven_kmip::tag;
use keyhaven_ttlv::{Item, Value};
use num_bigint::BigUint;

use super::{check_client_attributes, OpCtx};
use crate::crypto::split::{self, Method};

/// The most parts one request may ask for: each becomes a stored object.
pub const MAX_PARTS: i32 = 64;

pub fn run(ctx: &mut OpCtx<'_>, payload: &Item) -> KmipResult<Item> {
    let object_type = payload
        .child(tag::OBJECT_TYPE)
        .and_then(Item::as_enum)
        .ok_or_else(|| KmipError::missing("the Object Type"))?;
    if object_type != ot::SPLIT_KEY {
        return Err(KmipError::new(
            Reason::InvalidObjectType,
            "Create Split Key makes Split Key objects: the Object Type must be Split Key",
        ));
    }
    let int = |t, name: &str| {
        payload
            .child(t)
            .and_then(Item::as_int)
            .ok_or_else(|| KmipError::missing(&format!("the {name}")))
    };
    let parts = int(tag::SPLIT_KEY_PARTS, "Split Key Parts")?;
    let threshold = int(tag::SPLIT_KEY_THRESHOLD, "Split Key Threshold")?;
    if !(1..=MAX_PARTS).contains(&parts) {
        return Err(KmipError::new(
            Reason::ServerLimitExceeded,
            format!("Split Key Parts must be between 1 and {MAX_PARTS}"),
        ));
    }
    if !(1..=parts).contains(&threshold) {
        return Err(KmipError::new(
            Reason::InvalidField,
            "the Split Key Threshold must be between 1 and the Split Key Parts",
        ));
    }
    let method_code = payload
        .child(tag::SPLIT_KEY_METHOD)
        .and_then(Item::as_enum)
        .ok_or_else(|| KmipError::missing("the Split Key Method"))?;
    let prime = payload
        .child(tag::PRIME_FIELD_SIZE)
        .map(|i| {
            i.as_big_integer()
                .ok_or_else(|| KmipError::invalid("Prime Field Size must be a Big Integer"))
        })
        .transpose()?;
    let method = method_of(method_code, prime)?;
    let container = if ctx.version.is_2x() {
        payload.child(tag::ATTRIBUTES)
    } else {
        payload.child(tag::TEMPLATE_ATTRIBUTE)
    };
    let attrs = ctx.template_attribute(container)?;
    check_client_attributes(&attrs)?;
    let find = |t| attrs.iter().find(|a| a.name.is(t)).map(|a| &a.value);

    // The key to split: the one named, or a new one.
    let (secret, algorithm, length) = match payload.child(tag::UNIQUE_IDENTIFIER) {
        Some(u) => {
            let uid = u
                .as_text()
                .ok_or_else(|| KmipError::invalid("Unique Identifier must be a Text String"))?;
            let m = ctx.load(uid)?;
            if matches!(m.rec.state, state::DESTROYED | state::DESTROYED_COMPROMISED) {
                return Err(KmipError::new(
                    Reason::ObjectDestroyed,
                    format!("key {uid} is destroyed"),
                ));
            }
            crate::server::crypto_params::check_gettable(&m)?;
            super::wrapped_as_given::check_plaintext_available(&m)?;
            let c = ctx.open(&m)?;
            if !matches!(
                c.object_type,
                ot::SYMMETRIC_KEY | ot::SECRET_DATA | ot::PRIVATE_KEY
            ) || is_transparent_format(c.format)
                || c.material.is_empty()
            {
                return Err(KmipError::new(
                    Reason::InvalidObjectType,
                    format!(
                        "{uid} cannot be split: Symmetric Keys, Secret Data and Private Keys held as bytes can"
                    ),
                ));
            }
            let length = c.length.unwrap_or((c.material.len() * 8) as i32);
            (c.material.clone(), c.algorithm.or(m.rec.algorithm), length)
        }
        None => {
            let algorithm = match find(tag::CRYPTOGRAPHIC_ALGORITHM) {
                Some(Value::Enumeration(a)) => *a,
                _ => {
                    return Err(KmipError::missing(
                        "the Cryptographic Algorithm attribute (or the Unique Identifier of a key to split)",
                    ))
                }
            };
            let length = match find(tag::CRYPTOGRAPHIC_LENGTH) {
                Some(Value::Integer(l)) => *l,
                _ => return Err(KmipError::missing("the Cryptographic Length attribute")),
            };
            (
                super::create::generate(algorithm, length)?,
                Some(algorithm),
                length,
            )
        }
    };
    let shares = split::split(&method, &secret, parts as usize, threshold as usize)
        .map_err(|m| KmipError::new(Reason::InvalidField, m))?;
    let attrs: Vec<_> = attrs
        .into_iter()
        .filter(|a| {
            !a.name.is(tag::CRYPTOGRAPHIC_ALGORITHM) && !a.name.is(tag::CRYPTOGRAPHIC_LENGTH)
        })
        .collect();
    let mut uids = Vec::with_capacity(shares.len());
    for (i, share) in shares.into_iter().enumerate() {
        let part = SplitKeyPart {
            parts,
            key_part_identifier: i as i32 + 1,
            threshold,
            method: method_code,
            prime_field_size: prime.map(<[u8]>::to_vec),
            key_format_type: keyhaven_kmip::enums::key_format_type::RAW,
            algorithm,
            length: Some(length),
            share,
        };
        uids.push(ctx.insert(&part.to_content(), attrs.clone())?);
    }
    *ctx.id_placeholder = uids.first().cloned();
    Ok(Item::structure(
        tag::RESPONSE_PAYLOAD,
        uids.into_iter()
            .map(|u| Item::text(tag::UNIQUE_IDENTIFIER, u))
            .collect(),
    ))
}

/// The splitting scheme of a Split Key Method (and Prime Field Size).
pub fn method_of(code: u32, prime: Option<&[u8]>) -> KmipResult<Method> {
    Ok(match code {
        skm::XOR => Method::Xor,
        skm::POLYNOMIAL_SHARING_GF_2_8 => Method::Gf256,
        skm::POLYNOMIAL_SHARING_GF_2_16 => Method::Gf65536,
        skm::POLYNOMIAL_SHARING_PRIME_FIELD => {
            let p = prime.ok_or_else(|| {
                KmipError::missing("the Prime Field Size (Polynomial Sharing Prime Field)")
            })?;
            if p.len() > 1024 {
                return Err(KmipError::new(
                    Reason::ServerLimitExceeded,
                    "a Prime Field Size of more than 8192 bits is not accepted",
                ));
            }
            if p.first().is_some_and(|b| b & 0x80 != 0) {
                return Err(KmipError::invalid("the Prime Field Size must be positive"));
            }
            Method::PrimeField(BigUint::from_bytes_be(p))
        }
        other => {
            return Err(KmipError::new(
                Reason::InvalidField,
                format!("unknown Split Key Method 0x{other:X}"),
            ))
        }
    })
}
