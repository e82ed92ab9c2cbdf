//! Create: a new symmetric key (AES 128, 192 or 256), from the OS CSPRNG, stored wrapped.

use keyhaven_kmip::attribute::parse_attribute_list;
use keyhaven_kmip::enums::{cryptographic_algorithm as alg, object_type as ot};
use keyhaven_kmip::error::{KmipError, KmipResult, Reason};
use keyhaven_kmip::object::ObjectContent;
use keyhaven_kmip::tag;
use keyhaven_ttlv::{Item, Value};

use super::{check_client_attributes, OpCtx};
use crate::crypto::random_bytes;

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
    let attrs = parse_attribute_list(container, ctx.version)?;
    check_client_attributes(&attrs)?;
    let find = |t| attrs.iter().find(|a| a.name.is(t)).map(|a| &a.value);
    let algorithm = match find(tag::CRYPTOGRAPHIC_ALGORITHM) {
        Some(Value::Enumeration(a)) => *a,
        _ => return Err(KmipError::missing("the Cryptographic Algorithm attribute")),
    };
    if algorithm != alg::AES {
        return Err(KmipError::new(
            Reason::UnsupportedCryptographicParameters,
            format!(
                "Create supports AES only ({} asked)",
                keyhaven_kmip::enums::enum_value_name(tag::CRYPTOGRAPHIC_ALGORITHM, algorithm)
                    .unwrap_or("an unknown algorithm")
            ),
        ));
    }
    let length = match find(tag::CRYPTOGRAPHIC_LENGTH) {
        Some(Value::Integer(l)) => *l,
        _ => {
            return Err(KmipError::missing(
                "the Cryptographic Length attribute (128, 192 or 256)",
            ))
        }
    };
    if !matches!(length, 128 | 192 | 256) {
        return Err(KmipError::new(
            Reason::InvalidAttributeValue,
            format!("AES keys are 128, 192 or 256 bits long, not {length}"),
        ));
    }
    let attrs: Vec<_> = attrs
        .into_iter()
        .filter(|a| {
            !a.name.is(tag::CRYPTOGRAPHIC_ALGORITHM) && !a.name.is(tag::CRYPTOGRAPHIC_LENGTH)
        })
        .collect();
    let content = ObjectContent {
        object_type,
        format: keyhaven_kmip::enums::key_format_type::RAW,
        material: random_bytes(length as usize / 8),
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
