//! Create Key Pair: a new RSA (1024 to 4096 bits) or EC (P-256, P-384, P-521, secp256k1) key pair,
//! from the OS CSPRNG, both halves stored wrapped and linked to each other (Public Key Link on the
//! private key, Private Key Link on the public key).
//!
//! Attributes: 1.x Common / Private Key / Public Key Template-Attribute, 2.x Common / Private Key /
//! Public Key Attributes; a key-specific attribute overrides a common one of the same name. The
//! private key is kept in PKCS#1 (RSA) or ECPrivateKey (EC) form, the public key in PKCS#1 (RSA) or
//! X.509 (EC); Get converts on request.

use keyhaven_kmip::attribute::Attribute;
use keyhaven_kmip::enums::{
    cryptographic_algorithm as alg, key_format_type as kft, link_type, object_type as ot,
};
use keyhaven_kmip::error::{KmipError, KmipResult, Reason};
use keyhaven_kmip::object::ObjectContent;
use keyhaven_kmip::tag;
use keyhaven_ttlv::{Item, Value};
use zeroize::Zeroizing;

use super::{check_client_attributes, OpCtx};
use crate::crypto::asymmetric::{self, Curve, PrivateKey};

/// The attributes of one half: the common ones, overridden by the half's own.
fn merge(common: &[Attribute], own: Vec<Attribute>) -> Vec<Attribute> {
    let mut out: Vec<Attribute> = common
        .iter()
        .filter(|c| {
            let multi = c.name.def().is_some_and(|d| d.multi_instance);
            multi || !own.iter().any(|o| o.name == c.name)
        })
        .cloned()
        .collect();
    out.extend(own);
    out
}

fn find(attrs: &[Attribute], t: u32) -> Option<&Value> {
    attrs.iter().find(|a| a.name.is(t)).map(|a| &a.value)
}

/// The curve of an EC key pair: Recommended Curve of the Cryptographic Domain Parameters, else the
/// NIST curve of the length.
fn curve(attrs: &[Attribute], length: Option<i32>) -> KmipResult<Curve> {
    if let Some(Value::Structure(items)) = find(attrs, tag::CRYPTOGRAPHIC_DOMAIN_PARAMETERS) {
        if let Some(c) = items
            .iter()
            .find(|i| i.tag == tag::RECOMMENDED_CURVE)
            .and_then(Item::as_enum)
        {
            return Curve::from_recommended(c).ok_or_else(|| {
                KmipError::new(
                    Reason::UnsupportedCryptographicParameters,
                    format!(
                        "curve {} is not supported (P-256, P-384, P-521 and SECP256K1 are)",
                        keyhaven_kmip::enums::enum_value_name(tag::RECOMMENDED_CURVE, c)
                            .unwrap_or("unknown")
                    ),
                )
            });
        }
    }
    match length {
        Some(l) => Curve::from_length(l).ok_or_else(|| {
            KmipError::new(
                Reason::InvalidAttributeValue,
                format!("EC keys are 256, 384 or 521 bits long, not {l}"),
            )
        }),
        None => Err(KmipError::missing(
            "the Cryptographic Length or the Recommended Curve of the EC key pair",
        )),
    }
}

pub fn run(ctx: &mut OpCtx<'_>, payload: &Item) -> KmipResult<Item> {
    let (common_tag, private_tag, public_tag) = if ctx.version.is_2x() {
        (
            tag::COMMON_ATTRIBUTES,
            tag::PRIVATE_KEY_ATTRIBUTES,
            tag::PUBLIC_KEY_ATTRIBUTES,
        )
    } else {
        (
            tag::COMMON_TEMPLATE_ATTRIBUTE,
            tag::PRIVATE_KEY_TEMPLATE_ATTRIBUTE,
            tag::PUBLIC_KEY_TEMPLATE_ATTRIBUTE,
        )
    };
    let common = ctx.template_attribute(payload.child(common_tag))?;
    let private_own = ctx.template_attribute(payload.child(private_tag))?;
    let public_own = ctx.template_attribute(payload.child(public_tag))?;
    for set in [&common, &private_own, &public_own] {
        check_client_attributes(set)?;
    }
    let mut private_attrs = merge(&common, private_own);
    let mut public_attrs = merge(&common, public_own);
    let policy = ctx.policy()?;
    policy.apply(ot::PRIVATE_KEY, &mut private_attrs, &[])?;
    policy.apply(ot::PUBLIC_KEY, &mut public_attrs, &[])?;
    crate::server::quantum::check_asymmetric(&private_attrs)?;
    crate::server::quantum::check_asymmetric(&public_attrs)?;

    let algorithm = match find(&private_attrs, tag::CRYPTOGRAPHIC_ALGORITHM)
        .or_else(|| find(&public_attrs, tag::CRYPTOGRAPHIC_ALGORITHM))
    {
        Some(Value::Enumeration(a)) => *a,
        _ => return Err(KmipError::missing("the Cryptographic Algorithm attribute")),
    };
    let length = match find(&private_attrs, tag::CRYPTOGRAPHIC_LENGTH)
        .or_else(|| find(&public_attrs, tag::CRYPTOGRAPHIC_LENGTH))
    {
        Some(Value::Integer(l)) => Some(*l),
        _ => None,
    };
    for attrs in [&private_attrs, &public_attrs] {
        if let Some(Value::Enumeration(a)) = find(attrs, tag::CRYPTOGRAPHIC_ALGORITHM) {
            if *a != algorithm {
                return Err(KmipError::invalid(
                    "the private and public keys must have the same Cryptographic Algorithm",
                ));
            }
        }
    }
    let (private, private_format, public_format) = match algorithm {
        alg::RSA => {
            let bits = length.ok_or_else(|| {
                KmipError::missing("the Cryptographic Length attribute of the RSA key pair")
            })?;
            (asymmetric::generate_rsa(bits)?, kft::PKCS_1, kft::PKCS_1)
        }
        alg::EC | alg::ECDSA | alg::ECDH => {
            let c = curve(&private_attrs, length).or_else(|e| {
                if find(&public_attrs, tag::CRYPTOGRAPHIC_DOMAIN_PARAMETERS).is_some() {
                    curve(&public_attrs, length)
                } else {
                    Err(e)
                }
            })?;
            if let Some(l) = length.filter(|l| *l != c.bits()) {
                return Err(KmipError::new(
                    Reason::InvalidAttributeValue,
                    format!(
                        "Cryptographic Length {l} does not match the curve's {} bits",
                        c.bits()
                    ),
                ));
            }
            (asymmetric::generate_ec(c), kft::ECPRIVATEKEY, kft::X_509)
        }
        other => {
            return Err(KmipError::new(
                Reason::UnsupportedCryptographicParameters,
                format!(
                    "Create Key Pair makes RSA and EC keys only ({} asked)",
                    keyhaven_kmip::enums::enum_value_name(tag::CRYPTOGRAPHIC_ALGORITHM, other)
                        .unwrap_or("an unknown algorithm")
                ),
            ))
        }
    };
    let bits = private.bits();
    let public = private.public_key()?;
    let private_content = ObjectContent {
        object_type: ot::PRIVATE_KEY,
        format: private_format,
        material: asymmetric::encode_private(&private, private_format)?,
        algorithm: Some(algorithm),
        length: Some(bits),
        data_type: None,
    };
    drop::<PrivateKey>(private);
    let public_content = ObjectContent {
        object_type: ot::PUBLIC_KEY,
        format: public_format,
        material: Zeroizing::new(asymmetric::encode_public(&public, public_format)?),
        algorithm: Some(algorithm),
        length: Some(bits),
        data_type: None,
    };
    // Algorithm and length come from the content; the material is the server's own, from its RNG.
    let strip = |attrs: Vec<Attribute>| -> Vec<Attribute> {
        let mut out: Vec<Attribute> = attrs
            .into_iter()
            .filter(|a| {
                !a.name.is(tag::CRYPTOGRAPHIC_ALGORITHM) && !a.name.is(tag::CRYPTOGRAPHIC_LENGTH)
            })
            .collect();
        if !out.iter().any(|a| a.name.is(tag::RANDOM_NUMBER_GENERATOR)) {
            out.push(crate::server::new_attrs::generated_rng_attribute());
        }
        out
    };
    let link = |t: u32, uid: &str| {
        Attribute::std(
            tag::LINK,
            Value::Structure(vec![
                Item::enumeration(tag::LINK_TYPE, t),
                Item::text(tag::LINKED_OBJECT_IDENTIFIER, uid),
            ]),
        )
    };
    // Both keys must meet the tenant's Constraints before either is stored.
    let mut public_attrs = strip(public_attrs);
    let mut preview = public_attrs.clone();
    preview.push(link(link_type::PRIVATE_KEY_LINK, "(the private key)"));
    ctx.check_insert(&public_content, preview)?;
    let private_uid = ctx.insert(&private_content, strip(private_attrs))?;
    public_attrs.push(link(link_type::PRIVATE_KEY_LINK, &private_uid));
    let public_uid = ctx.insert(&public_content, public_attrs)?;
    let public_link = link(link_type::PUBLIC_KEY_LINK, &public_uid);
    ctx.update(&private_uid, |m| {
        let n = m.attrs.iter().filter(|a| a.name.is(tag::LINK)).count() as i32;
        let mut l = public_link.clone();
        l.index = n;
        m.attrs.push(l);
        Ok(())
    })?;
    *ctx.id_placeholder = Some(private_uid.clone());
    Ok(Item::structure(
        tag::RESPONSE_PAYLOAD,
        vec![
            Item::text(tag::PRIVATE_KEY_UNIQUE_IDENTIFIER, private_uid),
            Item::text(tag::PUBLIC_KEY_UNIQUE_IDENTIFIER, public_uid),
        ],
    ))
}
