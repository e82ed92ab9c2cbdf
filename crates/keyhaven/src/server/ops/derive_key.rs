//! Derive Key (1.0-2.1): a new Symmetric Key or Secret Data from keys or Secret Data the tenant holds.
//!
//! The first Unique Identifier names the derivation key (a Symmetric Key or Secret Data); a second,
//! a Secret Data object whose value is the Derivation Data (the spec lets the data come from the
//! request or from such an object, never both). Every object used must be Active and have Derive
//! Key in its Cryptographic Usage Mask. Methods:
//!
//! * PBKDF2: password = the key, Salt and Iteration Count required, PRF HMAC with the Hashing
//!   Algorithm of the Cryptographic Parameters (PKCS#5's default, SHA-1, when none);
//! * HASH: the hash (Cryptographic Parameters' Hashing Algorithm, required) of the derivation
//!   key's value; the spec's HASH method takes "either a derivation key or derivation data", so a
//!   request giving Derivation Data as well is refused (a Unique Identifier is always required);
//! * HMAC: HMAC of the Derivation Data under the key, its hash taken from the key's HMAC algorithm
//!   (the spec: "the attributes of the derivation key provide enough information about the PRF"),
//!   else from the Cryptographic Parameters;
//! * ENCRYPT: the Derivation Data encrypted under the key with the Cryptographic Parameters and
//!   Initialization Vector given;
//! * NIST800-108-C/-F/-DPI: SP 800-108 counter, feedback and double-pipeline modes (see
//!   `crypto::kdf` for the layout), PRF HMAC (key's HMAC algorithm or the Hashing Algorithm) or CMAC
//!   (Block Cipher Mode CMAC with an AES/3DES key);
//! * HKDF: salt = Salt, info = Derivation Data, hash SHA-256 unless the Hashing Algorithm says;
//! * AWS Signature Version 4: the three Derivation Data items are date, region and service.
//!
//! Asymmetric Key (key agreement) is refused with Feature Not Supported: the spec (2.1 section
//! 11.14) names the method but defines neither its inputs nor its output, so no answer could be
//! checked against it.
//!
//! A derived object longer than the method's output (HASH, HMAC, ENCRYPT, AWS) is refused, as the
//! spec requires. The new object gets a Derivation Base Object link to each object used, and each of
//! those a Derived Key link to it.

use keyhaven_kmip::attribute::Attribute;
use keyhaven_kmip::enums::{
    block_cipher_mode as bcm, cryptographic_usage_mask as cum, derivation_method as dm,
    hashing_algorithm as ha, key_format_type as kft, link_type, object_type as ot,
    secret_data_type,
};
use keyhaven_kmip::error::{KmipError, KmipResult, Reason};
use keyhaven_kmip::object::ObjectContent;
use keyhaven_kmip::tag;
use keyhaven_ttlv::{Item, Value};
use zeroize::Zeroizing;

use super::{check_client_attributes, now, uid_payload, Managed, OpCtx};
use crate::crypto::cipher::{self, Direction};
use crate::crypto::digest;
use crate::crypto::kdf::{self, Prf, Sp800108};
use crate::server::crypto_params::{self as cp, check_key, SymParams, Use};

/// The most objects one Derive Key may name (a key and a Secret Data object, with room to spare).
const MAX_UIDS: usize = 8;

pub fn run(ctx: &mut OpCtx<'_>, payload: &Item) -> KmipResult<Item> {
    let object_type = payload
        .child(tag::OBJECT_TYPE)
        .and_then(Item::as_enum)
        .ok_or_else(|| KmipError::missing("the Object Type"))?;
    if !matches!(object_type, ot::SYMMETRIC_KEY | ot::SECRET_DATA) {
        return Err(KmipError::new(
            Reason::InvalidObjectType,
            format!(
                "Derive Key makes a Symmetric Key or Secret Data, not a {}",
                super::create::type_name(object_type)
            ),
        ));
    }
    // The ID Placeholder is not used by this operation (spec): the identifiers are required.
    let uids: Vec<&str> = payload
        .children(tag::UNIQUE_IDENTIFIER)
        .map(|i| {
            i.as_text()
                .ok_or_else(|| KmipError::invalid("Unique Identifier must be a Text String"))
        })
        .collect::<KmipResult<_>>()?;
    if uids.is_empty() {
        return Err(KmipError::missing(
            "the Unique Identifier of the derivation key (the ID Placeholder is not used by Derive Key)",
        ));
    }
    if uids.len() > MAX_UIDS {
        return Err(KmipError::invalid(format!(
            "Derive Key takes at most {MAX_UIDS} Unique Identifiers"
        )));
    }
    let method = payload
        .child(tag::DERIVATION_METHOD)
        .and_then(Item::as_enum)
        .ok_or_else(|| KmipError::missing("the Derivation Method"))?;
    let params = payload
        .child(tag::DERIVATION_PARAMETERS)
        .ok_or_else(|| KmipError::missing("the Derivation Parameters"))?;
    let container = if ctx.version.is_2x() {
        payload.child(tag::ATTRIBUTES)
    } else {
        payload.child(tag::TEMPLATE_ATTRIBUTE)
    };
    let mut attrs = ctx.template_attribute(container)?;
    check_client_attributes(&attrs)?;
    ctx.policy()?.apply(object_type, &mut attrs, &[])?;
    let find = |t| attrs.iter().find(|a| a.name.is(t)).map(|a| &a.value);
    let length = match find(tag::CRYPTOGRAPHIC_LENGTH) {
        Some(Value::Integer(l)) if *l > 0 && l % 8 == 0 => *l,
        Some(_) => {
            return Err(KmipError::new(
                Reason::InvalidAttributeValue,
                "the Cryptographic Length of a derived object must be a positive number of whole bytes (bits, a multiple of 8)",
            ))
        }
        None => {
            return Err(KmipError::missing(
                "the Cryptographic Length attribute of the object to derive",
            ))
        }
    };
    let algorithm = match (object_type, find(tag::CRYPTOGRAPHIC_ALGORITHM)) {
        (_, Some(Value::Enumeration(a))) => Some(*a),
        (ot::SYMMETRIC_KEY, _) => {
            return Err(KmipError::missing(
                "the Cryptographic Algorithm attribute of the key to derive",
            ))
        }
        _ => None,
    };
    let n = match algorithm.filter(|_| object_type == ot::SYMMETRIC_KEY) {
        Some(a) => super::create::key_bytes(a, length)?,
        None => length as usize / 8,
    };
    if n > kdf::MAX_OUTPUT {
        return Err(KmipError::new(
            Reason::InvalidAttributeValue,
            format!(
                "a derived object is at most {} bits long",
                kdf::MAX_OUTPUT * 8
            ),
        ));
    }

    // The objects: key first, then a Secret Data object giving the Derivation Data.
    let t = now();
    let mut bases: Vec<Managed> = Vec::with_capacity(uids.len());
    for uid in &uids {
        let m = ctx.load(uid)?;
        if !matches!(m.rec.object_type, ot::SYMMETRIC_KEY | ot::SECRET_DATA) {
            return Err(KmipError::new(
                Reason::InvalidObjectType,
                format!(
                    "{uid} is a {}: keys are derived from Symmetric Keys and Secret Data",
                    super::create::type_name(m.rec.object_type)
                ),
            ));
        }
        check_key(&m, Use::Protect, cum::DERIVE_KEY, "key derivation", t)?;
        bases.push(m);
    }
    if bases.len() > 2 {
        return Err(KmipError::invalid(
            "Derive Key uses one derivation key and at most one Secret Data object holding the Derivation Data",
        ));
    }
    let mut contents = Vec::with_capacity(bases.len());
    for m in &bases {
        let c = ctx.open(m)?;
        if m.first(tag::KEY_VALUE_PRESENT).map(|a| &a.value) == Some(&Value::Boolean(false)) {
            return Err(KmipError::new(
                Reason::KeyValueNotPresent,
                format!("object {} has no key value on this server", m.rec.uid),
            ));
        }
        contents.push(c);
    }
    let data_items: Vec<&[u8]> = params
        .children(tag::DERIVATION_DATA)
        .map(|i| {
            i.as_bytes()
                .ok_or_else(|| KmipError::invalid("Derivation Data must be a Byte String"))
        })
        .collect::<KmipResult<_>>()?;
    if contents.len() == 2 {
        if bases[1].rec.object_type != ot::SECRET_DATA {
            return Err(KmipError::new(
                Reason::InvalidObjectType,
                "the second Unique Identifier must name a Secret Data object (the Derivation Data)",
            ));
        }
        if !data_items.is_empty() {
            return Err(KmipError::invalid(
                "Derivation Data is given both in the request and as a Secret Data object: give one",
            ));
        }
    }
    let data: Zeroizing<Vec<u8>> = match contents.get(1) {
        Some(c) => c.material.clone(),
        None => Zeroizing::new(data_items.concat()),
    };
    let has_data = contents.len() == 2 || !data_items.is_empty();
    let key: &[u8] = &contents[0].material;
    let key_alg = contents[0].algorithm.or(bases[0].rec.algorithm);
    let crypto = match params.child(tag::CRYPTOGRAPHIC_PARAMETERS) {
        Some(p) => SymParams::from_value(&p.value)?,
        None => SymParams::default(),
    };
    let iv = cp::bytes_field(params, tag::INITIALIZATION_VECTOR, "Initialization Vector")?
        .unwrap_or_default();
    let salt = cp::bytes_field(params, tag::SALT, "Salt")?;
    let need_data = || {
        if has_data {
            Ok(())
        } else {
            Err(KmipError::missing(
                "the Derivation Data (in the Derivation Parameters, or as a Secret Data object)",
            ))
        }
    };
    let crypto_err = |m: String| KmipError::new(Reason::CryptographicFailure, m);
    let too_long = |out: usize| {
        KmipError::new(
            Reason::CryptographicFailure,
            format!(
                "the {} bits asked for exceed the {} bits this derivation method gives",
                n * 8,
                out * 8
            ),
        )
    };
    let prf = || -> KmipResult<Prf> {
        if crypto.block_cipher_mode == Some(bcm::CMAC) {
            return Ok(Prf::Cmac(key_alg.unwrap_or(0)));
        }
        let h = key_alg
            .and_then(digest::hmac_hash)
            .or(crypto.hashing_algorithm)
            .or_else(|| crypto.cryptographic_algorithm.and_then(digest::hmac_hash))
            .ok_or_else(|| {
                KmipError::new(
                    Reason::InvalidField,
                    "no pseudorandom function: use an HMAC key, or give a Hashing Algorithm (HMAC) or Block Cipher Mode CMAC in the Cryptographic Parameters",
                )
            })?;
        Ok(Prf::Hmac(h))
    };
    let material: Zeroizing<Vec<u8>> = match method {
        dm::PBKDF2 => {
            let salt = salt.ok_or_else(|| KmipError::missing("the Salt (PBKDF2)"))?;
            let count = params
                .child(tag::ITERATION_COUNT)
                .and_then(Item::as_int)
                .ok_or_else(|| KmipError::missing("the Iteration Count (PBKDF2)"))?;
            if !(1..=10_000_000).contains(&count) {
                return Err(KmipError::invalid(
                    "the Iteration Count must be between 1 and 10000000",
                ));
            }
            let h = crypto.hashing_algorithm.unwrap_or(ha::SHA_1);
            kdf::pbkdf2(h, key, salt, count as u32, n).map_err(crypto_err)?
        }
        dm::HASH => {
            let h = crypto.hashing_algorithm.ok_or_else(|| {
                KmipError::missing("the Hashing Algorithm in the Cryptographic Parameters (HASH)")
            })?;
            // A key alone (its material), or data alone; the first object is always the key here.
            if has_data {
                return Err(KmipError::invalid(
                    "the HASH method hashes either the derivation key or the Derivation Data, not both",
                ));
            }
            let out = digest::hash(h, key).map_err(|m| {
                KmipError::new(Reason::UnsupportedCryptographicParameters, m)
            })?;
            if out.len() < n {
                return Err(too_long(out.len()));
            }
            Zeroizing::new(out[..n].to_vec())
        }
        dm::HMAC => {
            need_data()?;
            let Prf::Hmac(h) = prf()? else {
                return Err(KmipError::new(
                    Reason::UnsupportedCryptographicParameters,
                    "the HMAC method needs an HMAC hash, not CMAC",
                ));
            };
            let out = digest::hmac(h, key, &data).map_err(crypto_err)?;
            if out.len() < n {
                return Err(too_long(out.len()));
            }
            Zeroizing::new(out[..n].to_vec())
        }
        dm::ENCRYPT => {
            need_data()?;
            let spec = cp::cipher_spec(key_alg, &crypto)?;
            let (out, _) = cipher::run(spec, Direction::Encrypt, key, iv, &[], &data, None)
                .map_err(cp::cipher_err)?;
            if out.len() < n {
                return Err(too_long(out.len()));
            }
            Zeroizing::new(out[..n].to_vec())
        }
        dm::NIST800_108_C | dm::NIST800_108_F | dm::NIST800_108_DPI => {
            need_data()?;
            let mode = match method {
                dm::NIST800_108_C => Sp800108::Counter,
                dm::NIST800_108_F => Sp800108::Feedback,
                _ => Sp800108::DoublePipeline,
            };
            kdf::sp800_108(mode, prf()?, key, &data, iv, n).map_err(crypto_err)?
        }
        dm::HKDF => {
            let h = crypto.hashing_algorithm.unwrap_or(ha::SHA_256);
            kdf::hkdf(h, key, salt.unwrap_or_default(), &data, n).map_err(crypto_err)?
        }
        dm::AWS_SIGNATURE_VERSION_4 => {
            if data_items.len() != 3 {
                return Err(KmipError::invalid(
                    "AWS Signature Version 4 takes three Derivation Data items: date, region and service",
                ));
            }
            let out = kdf::aws_sigv4(key, data_items[0], data_items[1], data_items[2])
                .map_err(crypto_err)?;
            if out.len() < n {
                return Err(too_long(out.len()));
            }
            Zeroizing::new(out[..n].to_vec())
        }
        dm::ASYMMETRIC_KEY => {
            return Err(KmipError::new(
                Reason::FeatureNotSupported,
                "the Asymmetric Key derivation method is not supported: the specification defines neither its inputs nor its output",
            ))
        }
        other => {
            return Err(KmipError::invalid(format!(
                "unknown Derivation Method 0x{other:X}"
            )))
        }
    };
    let mut material = material;
    if matches!(algorithm, Some(a) if a == keyhaven_kmip::enums::cryptographic_algorithm::DES
        || a == keyhaven_kmip::enums::cryptographic_algorithm::DES3)
    {
        crate::crypto::cipher::set_des_parity(&mut material);
    }

    let mut new_attrs: Vec<Attribute> = attrs
        .into_iter()
        .filter(|a| {
            !a.name.is(tag::CRYPTOGRAPHIC_ALGORITHM) && !a.name.is(tag::CRYPTOGRAPHIC_LENGTH)
        })
        .collect();
    for m in &bases {
        new_attrs.push(link(link_type::DERIVATION_BASE_OBJECT_LINK, &m.rec.uid));
    }
    let content = ObjectContent {
        object_type,
        format: if object_type == ot::SYMMETRIC_KEY {
            kft::RAW
        } else {
            kft::OPAQUE
        },
        material,
        algorithm: if object_type == ot::SYMMETRIC_KEY {
            algorithm
        } else {
            None
        },
        length: Some(length),
        data_type: (object_type == ot::SECRET_DATA).then_some(secret_data_type::SEED),
    };
    let new_uid = ctx.insert(&content, new_attrs)?;
    for m in &bases {
        add_link(ctx, &m.rec.uid, link_type::DERIVED_KEY_LINK, &new_uid)?;
    }
    Ok(uid_payload(&new_uid))
}

/// A Link attribute.
pub fn link(kind: u32, uid: &str) -> Attribute {
    Attribute::std(
        tag::LINK,
        Value::Structure(vec![
            Item::enumeration(tag::LINK_TYPE, kind),
            Item::text(tag::LINKED_OBJECT_IDENTIFIER, uid),
        ]),
    )
}

/// Adds a Link of `kind` to `target` on object `uid`, with the next free attribute index.
pub fn add_link(ctx: &OpCtx<'_>, uid: &str, kind: u32, target: &str) -> KmipResult<()> {
    ctx.update(uid, |m| {
        let mut l = link(kind, target);
        l.index = m
            .attrs
            .iter()
            .filter(|a| a.name.is(tag::LINK))
            .map(|a| a.index + 1)
            .max()
            .unwrap_or(0);
        m.attrs.push(l);
        Ok(())
    })
}
