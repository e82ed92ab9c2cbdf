//! Attributes the server gives every new object (Create, Register, Re-key, Create Key Pair), each
//! shown only to clients whose version defines it:
//!
//! * Digest: SHA-256 of the object's material as stored, in its Key Format Type (1.0 clients see it
//!   without the Key Format Type, which 1.0's Digest structure lacks);
//! * Lease Time: [`super::ops::obtain_lease::DEFAULT_LEASE_SECS`];
//! * Fresh: true until a Get returns the object (unless the client set it);
//! * Sensitive (false) and Extractable (true) unless the client set them, and from them Always
//!   Sensitive and Never Extractable (1.4);
//! * Short Unique Identifier (SHA-256 of the Unique Identifier), Protection Storage Mask (Software:
//!   the material is wrapped in software under the tenant's keys) and Key Format Type (2.x);
//! * Usage Limits given by the client get their Usage Limits Count (the total at first).
//!
//! Random Number Generator is added by the operations that generate material
//! ([`generated_rng_attribute`]).

use keyhaven_kmip::attribute::Attribute;
use keyhaven_kmip::enums::{
    hashing_algorithm, object_type as ot, protection_storage_mask, rng_algorithm,
};
use keyhaven_kmip::object::ObjectContent;
use keyhaven_kmip::tag;
use keyhaven_ttlv::{Item, Value};
use sha2::Digest;

use super::crypto_params::normalize_usage_limits;

fn has(attrs: &[Attribute], t: u32) -> Option<&Value> {
    attrs.iter().find(|a| a.name.is(t)).map(|a| &a.value)
}

/// True for the object types whose Digest names a Key Format Type.
fn is_key(object_type: u32) -> bool {
    matches!(
        object_type,
        ot::SYMMETRIC_KEY
            | ot::PUBLIC_KEY
            | ot::PRIVATE_KEY
            | ot::SPLIT_KEY
            | ot::SECRET_DATA
            | ot::PGP_KEY
    )
}

/// The Digest attribute value of an object's content.
pub fn digest_value(content: &ObjectContent) -> Value {
    let mut c = vec![
        Item::enumeration(tag::HASHING_ALGORITHM, hashing_algorithm::SHA_256),
        Item::bytes(
            tag::DIGEST_VALUE,
            sha2::Sha256::digest(&content.material[..]).to_vec(),
        ),
    ];
    if is_key(content.object_type) && content.format != 0 {
        c.push(Item::enumeration(tag::KEY_FORMAT_TYPE, content.format));
    }
    Value::Structure(c)
}

/// Completes the attributes of a new object (see the module documentation).
pub fn complete(attrs: &mut Vec<Attribute>, content: &ObjectContent, uid: &str) {
    for a in attrs.iter_mut() {
        normalize_usage_limits(a);
    }
    if content.object_type == keyhaven_kmip::enums::object_type::TEMPLATE {
        // A Template (1.x) has no key: only the attributes of the template itself.
        return;
    }
    let add = |attrs: &mut Vec<Attribute>, t: u32, v: Value| {
        if has(attrs, t).is_none() {
            attrs.push(Attribute::std(t, v));
        }
    };
    if !content.material.is_empty() {
        add(attrs, tag::DIGEST, digest_value(content));
    }
    add(
        attrs,
        tag::LEASE_TIME,
        Value::Interval(super::ops::obtain_lease::DEFAULT_LEASE_SECS),
    );
    add(attrs, tag::FRESH, Value::Boolean(true));
    add(attrs, tag::SENSITIVE, Value::Boolean(false));
    add(attrs, tag::EXTRACTABLE, Value::Boolean(true));
    let sensitive = matches!(has(attrs, tag::SENSITIVE), Some(Value::Boolean(true)));
    let extractable = !matches!(has(attrs, tag::EXTRACTABLE), Some(Value::Boolean(false)));
    add(attrs, tag::ALWAYS_SENSITIVE, Value::Boolean(sensitive));
    add(attrs, tag::NEVER_EXTRACTABLE, Value::Boolean(!extractable));
    add(
        attrs,
        tag::SHORT_UNIQUE_IDENTIFIER,
        Value::ByteString(zeroize::Zeroizing::new(
            sha2::Sha256::digest(uid.as_bytes()).to_vec(),
        )),
    );
    add(
        attrs,
        tag::PROTECTION_STORAGE_MASK,
        Value::Integer(protection_storage_mask::SOFTWARE as i32),
    );
    if is_key(content.object_type) && content.format != 0 {
        add(
            attrs,
            tag::KEY_FORMAT_TYPE,
            Value::Enumeration(content.format),
        );
    }
}

/// The Random Number Generator attribute of material this server generated: the operating system's
/// CSPRNG, which no KMIP RNG Algorithm value names, so Unspecified.
pub fn generated_rng_attribute() -> Attribute {
    Attribute::std(
        tag::RANDOM_NUMBER_GENERATOR,
        Value::Structure(vec![Item::enumeration(
            tag::RNG_ALGORITHM,
            rng_algorithm::UNSPECIFIED,
        )]),
    )
}
