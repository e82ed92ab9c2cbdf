//! Register: a client-supplied symmetric key, secret data or opaque object, stored wrapped.

use keyhaven_kmip::attribute::parse_attribute_list;
use keyhaven_kmip::error::{KmipError, KmipResult, Reason};
use keyhaven_kmip::object::{object_tag, ObjectContent};
use keyhaven_kmip::tag;
use keyhaven_ttlv::{Item, Value};

use super::{check_client_attributes, uid_payload, OpCtx};

pub fn run(ctx: &mut OpCtx<'_>, payload: &Item) -> KmipResult<Item> {
    let object_type = payload
        .child(tag::OBJECT_TYPE)
        .and_then(Item::as_enum)
        .ok_or_else(|| KmipError::missing("the Object Type"))?;
    let otag = object_tag(object_type).ok_or_else(|| {
        KmipError::new(
            Reason::InvalidObjectType,
            format!(
                "{} cannot be registered here (Symmetric Key, Secret Data and Opaque Object can)",
                super::create::type_name(object_type)
            ),
        )
    })?;
    let obj = payload.child(otag).ok_or_else(|| {
        KmipError::missing("the object to register (its structure must match the Object Type)")
    })?;
    let content = ObjectContent::from_wire(object_type, obj)?;
    let container = if ctx.version.is_2x() {
        payload.child(tag::ATTRIBUTES)
    } else {
        payload.child(tag::TEMPLATE_ATTRIBUTE)
    };
    let attrs = parse_attribute_list(container, ctx.version)?;
    check_client_attributes(&attrs)?;
    for (t, have) in [
        (
            tag::CRYPTOGRAPHIC_ALGORITHM,
            content.algorithm.map(Value::Enumeration),
        ),
        (
            tag::CRYPTOGRAPHIC_LENGTH,
            content.length.map(Value::Integer),
        ),
    ] {
        if let (Some(a), Some(v)) = (attrs.iter().find(|a| a.name.is(t)), have) {
            if a.value != v {
                return Err(KmipError::invalid(format!(
                    "attribute {} contradicts the Key Block",
                    a.name.key()
                )));
            }
        }
    }
    let attrs: Vec<_> = attrs
        .into_iter()
        .filter(|a| {
            !a.name.is(tag::CRYPTOGRAPHIC_ALGORITHM) && !a.name.is(tag::CRYPTOGRAPHIC_LENGTH)
        })
        .collect();
    let uid = ctx.insert(&content, attrs)?;
    Ok(uid_payload(&uid))
}
