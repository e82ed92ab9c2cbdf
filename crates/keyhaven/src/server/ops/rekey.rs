//! Re-key: a replacement for a symmetric key: new material of the same algorithm and length, the
//! existing key's attributes copied (but for those the server sets anew: dates of creation and
//! destruction, revocation, digest, links), its Names moved to the replacement, a Replacement Object
//! link on the existing key and a Replaced Object link on the new one.
//!
//! Without an Offset, Activation Date, Process Start Date, Protect Stop Date and Deactivation Date are
//! copied; with one, the replacement is activated at its Initial Date + Offset and the other dates
//! keep their distance to the activation. Attributes in the request (1.x Template-Attribute, 2.x
//! Attributes) are then applied: single-valued ones replace, multi-valued ones (Name) are added.
//! The replacement's identifier becomes the ID Placeholder.

use keyhaven_kmip::attribute::{parse_attribute_list, Attribute};
use keyhaven_kmip::enums::{link_type, object_type as ot, state};
use keyhaven_kmip::error::{KmipError, KmipResult, Reason};
use keyhaven_kmip::object::ObjectContent;
use keyhaven_kmip::tag;
use keyhaven_ttlv::{Item, Value};

use super::{check_client_attributes, now, uid_payload, OpCtx};
use crate::server::crypto_params::{self as cp, UsageLimits};

/// Attributes of the existing key that the replacement does not inherit (Re-key and Re-key Key Pair).
pub(super) const NOT_COPIED: &[u32] = &[
    tag::UNIQUE_IDENTIFIER,
    tag::STATE,
    tag::OBJECT_TYPE,
    tag::CRYPTOGRAPHIC_ALGORITHM,
    tag::CRYPTOGRAPHIC_LENGTH,
    tag::INITIAL_DATE,
    tag::LAST_CHANGE_DATE,
    tag::ORIGINAL_CREATION_DATE,
    tag::DESTROY_DATE,
    tag::COMPROMISE_DATE,
    tag::COMPROMISE_OCCURRENCE_DATE,
    tag::REVOCATION_REASON,
    tag::ARCHIVE_DATE,
    tag::DIGEST,
    tag::FRESH,
    tag::ALWAYS_SENSITIVE,
    tag::NEVER_EXTRACTABLE,
    tag::SHORT_UNIQUE_IDENTIFIER,
    tag::KEY_FORMAT_TYPE,
    tag::RANDOM_NUMBER_GENERATOR,
    tag::ACTIVATION_DATE,
    tag::PROCESS_START_DATE,
    tag::PROTECT_STOP_DATE,
    tag::DEACTIVATION_DATE,
];

pub(super) fn date(attrs: &[Attribute], t: u32) -> Option<i64> {
    attrs
        .iter()
        .find(|a| a.name.is(t))
        .and_then(|a| match a.value {
            Value::DateTime(d) => Some(d),
            _ => None,
        })
}

fn is_link_of(a: &Attribute, kind: u32) -> bool {
    a.name.is(tag::LINK)
        && matches!(&a.value, Value::Structure(items) if items
            .iter()
            .any(|i| i.tag == tag::LINK_TYPE && i.as_enum() == Some(kind)))
}

fn is_replacement_link(a: &Attribute) -> bool {
    is_link_of(a, link_type::REPLACEMENT_OBJECT_LINK)
        || is_link_of(a, link_type::REPLACED_OBJECT_LINK)
}

pub(super) fn link(kind: u32, uid: &str) -> Attribute {
    Attribute::std(
        tag::LINK,
        Value::Structure(vec![
            Item::enumeration(tag::LINK_TYPE, kind),
            Item::text(tag::LINKED_OBJECT_IDENTIFIER, uid),
        ]),
    )
}

pub fn run(ctx: &mut OpCtx<'_>, payload: &Item) -> KmipResult<Item> {
    let uid = ctx.uid(payload)?;
    let offset = match payload.child(tag::OFFSET).map(|i| &i.value) {
        None => None,
        Some(Value::Interval(n)) => Some(i64::from(*n)),
        Some(_) => return Err(KmipError::invalid("Offset must be an Interval")),
    };
    let container = if ctx.version.is_2x() {
        payload.child(tag::ATTRIBUTES)
    } else {
        payload.child(tag::TEMPLATE_ATTRIBUTE)
    };
    let requested = parse_attribute_list(container, ctx.version)?;
    check_client_attributes(&requested)?;
    if requested
        .iter()
        .any(|a| a.name.is(tag::CRYPTOGRAPHIC_ALGORITHM) || a.name.is(tag::CRYPTOGRAPHIC_LENGTH))
    {
        return Err(KmipError::invalid(
            "Re-key keeps the algorithm and length of the existing key: do not send them",
        ));
    }

    let old = ctx.load(&uid)?;
    if old.rec.object_type != ot::SYMMETRIC_KEY {
        return Err(KmipError::new(
            Reason::InvalidObjectType,
            format!(
                "Re-key replaces symmetric keys; {uid} is a {} (use Re-key Key Pair for key pairs)",
                cp::enum_name(tag::OBJECT_TYPE, old.rec.object_type)
            ),
        ));
    }
    if cp::is_archived(&old) {
        return Err(cp::archived_err(&uid));
    }
    if matches!(
        old.rec.state,
        state::DESTROYED | state::DESTROYED_COMPROMISED
    ) {
        return Err(KmipError::new(
            Reason::ObjectDestroyed,
            format!("key {uid} is destroyed: there is nothing to re-key"),
        ));
    }
    let (algorithm, length) = {
        let content = ctx.open(&old)?;
        (
            content.algorithm.or(old.rec.algorithm),
            content.length.or(old.rec.length),
        )
    };
    let (Some(algorithm), Some(length)) = (algorithm, length) else {
        return Err(KmipError::new(
            Reason::InvalidField,
            format!("key {uid} has no Cryptographic Algorithm and Length to re-key with"),
        ));
    };
    let material = super::create::generate(algorithm, length)?;

    // The inherited attributes.
    let t = now();
    let mut attrs: Vec<Attribute> = old
        .attrs
        .iter()
        .filter(|a| !NOT_COPIED.iter().any(|t| a.name.is(*t)) && !is_replacement_link(a))
        .cloned()
        .collect();
    for a in attrs.iter_mut() {
        if a.name.is(tag::USAGE_LIMITS) {
            if let Some(mut u) = UsageLimits::from_value(&a.value) {
                u.count = Some(u.total);
                a.value = u.to_value();
            }
        }
    }
    let dates = [
        tag::ACTIVATION_DATE,
        tag::PROCESS_START_DATE,
        tag::PROTECT_STOP_DATE,
        tag::DEACTIVATION_DATE,
    ];
    let old_activation = date(&old.attrs, tag::ACTIVATION_DATE);
    let new_activation = offset.map(|o| t + o);
    for d in dates {
        let v = match (d, new_activation, old_activation, date(&old.attrs, d)) {
            (tag::ACTIVATION_DATE, Some(a2), _, _) => Some(a2),
            (_, Some(a2), Some(a1), Some(v)) => Some(v + (a2 - a1)),
            (_, _, _, v) => v,
        };
        if let Some(v) = v {
            attrs.push(Attribute::std(d, Value::DateTime(v)));
        }
    }
    // The request's attributes: single-valued ones replace, multi-valued ones are added.
    for a in requested {
        let single = a.name.def().is_some_and(|d| !d.multi_instance);
        if single {
            attrs.retain(|b| b.name != a.name);
        }
        attrs.push(a);
    }
    attrs.push(link(link_type::REPLACED_OBJECT_LINK, &uid));
    attrs.push(crate::server::new_attrs::generated_rng_attribute());

    let content = ObjectContent {
        object_type: ot::SYMMETRIC_KEY,
        format: keyhaven_kmip::enums::key_format_type::RAW,
        material,
        algorithm: Some(algorithm),
        length: Some(length),
        data_type: None,
    };
    let new_uid = ctx.insert(&content, attrs)?;

    // The existing key gives up its names and points to its replacement.
    ctx.update(&uid, |m| {
        m.attrs.retain(|a| {
            !a.name.is(tag::NAME) && !is_link_of(a, link_type::REPLACEMENT_OBJECT_LINK)
        });
        let mut l = link(link_type::REPLACEMENT_OBJECT_LINK, &new_uid);
        l.index = m
            .attrs
            .iter()
            .filter(|a| a.name.is(tag::LINK))
            .map(|a| a.index + 1)
            .max()
            .unwrap_or(0);
        m.attrs.push(l);
        Ok(())
    })?;
    *ctx.id_placeholder = Some(new_uid.clone());
    Ok(uid_payload(&new_uid))
}
