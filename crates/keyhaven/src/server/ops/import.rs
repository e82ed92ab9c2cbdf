//! Import (2.0-2.1): stores an object under the Unique Identifier the client gives, with exactly
//! the attributes it supplies (State and dates included: the spec lets no server-generated value
//! replace them), or replaces an existing one when Replace Existing is true (otherwise Object
//! Already Exists). A key wrapped by an AES key of the tenant is unwrapped before it is stored, as
//! Register does (Key Wrap Type Not Wrapped, or As Registered: Get with As Registered gives it back
//! wrapped); one wrapped by a key this server does not hold is stored as provided
//! (`wrapped_as_given`). The material is then sealed under the tenant's keys like every other object.

use keyhaven_kmip::attribute::{parse_template_attribute, AttrName, Attribute};
use keyhaven_kmip::enums::state;
use keyhaven_kmip::error::{KmipError, KmipResult, Reason};
use keyhaven_kmip::object::{object_tag, ObjectContent};
use keyhaven_kmip::tag;
use keyhaven_ttlv::{Item, Value};

use super::{now, uid_payload, Managed, OpCtx};
use crate::server::objects::store_err;
use crate::store::{ObjectRecord, StoreError};

/// The longest Unique Identifier accepted from a client.
const MAX_UID_LEN: usize = 256;

pub fn run(ctx: &mut OpCtx<'_>, payload: &Item) -> KmipResult<Item> {
    let uid = payload
        .child(tag::UNIQUE_IDENTIFIER)
        .and_then(Item::as_text)
        .ok_or_else(|| KmipError::missing("the Unique Identifier of the object to import"))?
        .to_owned();
    if uid.is_empty() || uid.len() > MAX_UID_LEN {
        return Err(KmipError::invalid(format!(
            "the Unique Identifier must be 1 to {MAX_UID_LEN} bytes"
        )));
    }
    let object_type = payload
        .child(tag::OBJECT_TYPE)
        .and_then(Item::as_enum)
        .ok_or_else(|| KmipError::missing("the Object Type"))?;
    let replace = match payload.child(tag::REPLACE_EXISTING) {
        None => false,
        Some(i) => i
            .as_bool()
            .ok_or_else(|| KmipError::invalid("Replace Existing must be a Boolean"))?,
    };
    let otag = object_tag(object_type)
        .filter(|t| *t != tag::TEMPLATE)
        .ok_or_else(|| {
            KmipError::new(
                Reason::InvalidObjectType,
                format!(
                    "{} cannot be imported",
                    super::create::type_name(object_type)
                ),
            )
        })?;
    let obj = payload.child(otag).ok_or_else(|| {
        KmipError::missing("the object (its structure must match the Object Type)")
    })?;
    let (_, mut attrs) = parse_template_attribute(payload.child(tag::ATTRIBUTES), ctx.version)?;
    // Wrapped by a key this server does not hold: stored as provided (spec).
    let (unwrapped, mut content) = match super::wrapped_as_given::unknown_wrapping_key(ctx, obj) {
        Some(kek) => {
            let (content, marker) = super::wrapped_as_given::content(object_type, obj, &kek)?;
            attrs.retain(|a| a.name.key() != super::wrapped_as_given::MARKER);
            attrs.push(marker);
            (None, content)
        }
        None => {
            let unwrapped = super::register::unwrap_registered(ctx, obj)?;
            let obj = unwrapped.as_ref().map_or(obj, |(o, _)| o);
            let content = ObjectContent::from_wire(object_type, obj)?;
            (unwrapped, content)
        }
    };
    if let Some((_, registered)) = unwrapped {
        attrs.push(Attribute::new(
            AttrName::from_v1_name(super::register::REGISTERED_WRAPPING)?,
            registered,
        ));
    }
    // State comes from the attributes; identity and type from the request.
    let mut st = state::PRE_ACTIVE;
    let mut kept: Vec<Attribute> = Vec::with_capacity(attrs.len());
    for a in attrs {
        if a.name.is(tag::STATE) {
            match a.value {
                Value::Enumeration(s) if (1..=6).contains(&s) => st = s,
                _ => {
                    return Err(KmipError::new(
                        Reason::InvalidAttributeValue,
                        "invalid State",
                    ))
                }
            }
        } else if a.name.is(tag::UNIQUE_IDENTIFIER) || a.name.is(tag::OBJECT_TYPE) {
            continue;
        } else if a.name.is(tag::CRYPTOGRAPHIC_ALGORITHM) {
            if let Value::Enumeration(v) = a.value {
                content.algorithm = content.algorithm.or(Some(v));
            }
        } else if a.name.is(tag::CRYPTOGRAPHIC_LENGTH) {
            if let Value::Integer(v) = a.value {
                content.length = content.length.or(Some(v));
            }
        } else {
            kept.push(a);
        }
    }
    super::check_single_instances(&kept)?;
    if let Some(a) = content.algorithm {
        kept.push(Attribute::std(
            tag::CRYPTOGRAPHIC_ALGORITHM,
            Value::Enumeration(a),
        ));
    }
    if let Some(l) = content.length {
        kept.push(Attribute::std(tag::CRYPTOGRAPHIC_LENGTH, Value::Integer(l)));
    }
    let sealed = ctx
        .server
        .envelope
        .seal(ctx.tenant, &uid, &content.to_plaintext())
        .map_err(|e| {
            KmipError::new(
                Reason::CryptographicFailure,
                format!("the tenant's root key cannot protect the imported object: {e}"),
            )
        })?;
    let store = ctx.server.store.as_ref();
    let exists = match store.get_object(&ctx.tenant.id, &uid) {
        Ok(_) => true,
        Err(StoreError::NotFound(_)) => false,
        Err(e) => return Err(store_err(e)),
    };
    let t = now();
    if exists {
        if !replace {
            return Err(KmipError::new(
                Reason::ObjectAlreadyExists,
                format!("object {uid} exists: set Replace Existing to replace it"),
            ));
        }
        ctx.update(&uid, |m| {
            m.rec.object_type = object_type;
            m.rec.state = st;
            m.rec.algorithm = content.algorithm;
            m.rec.length = content.length;
            m.rec.wrapped_material = sealed.clone();
            m.attrs = kept.clone();
            Ok(())
        })?;
    } else {
        let m = Managed {
            rec: ObjectRecord {
                uid: uid.clone(),
                tenant_id: ctx.tenant.id.clone(),
                object_type,
                state: st,
                algorithm: content.algorithm,
                length: content.length,
                wrapped_material: sealed,
                attributes: keyhaven_kmip::attribute::encode_storage(&kept),
                created_at: t,
                updated_at: t,
                revision: 0,
            },
            attrs: kept,
        };
        store.insert_object(&m.rec).map_err(store_err)?;
    }
    *ctx.id_placeholder = Some(uid.clone());
    Ok(uid_payload(&uid))
}
