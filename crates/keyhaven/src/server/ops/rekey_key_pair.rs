//! Re-key Key Pair: a replacement for an RSA or EC key pair: a new pair of the same algorithm and
//! size (same curve), kept in the formats of the existing keys, each half inheriting the attributes
//! of the half it replaces (but for those the server sets anew: creation and destruction dates,
//! revocation, digest, links), the existing keys' Names moved to the replacements; Replacement
//! Object links on the existing keys, Replaced Object links on the new ones, and the new halves
//! linked to each other.
//!
//! Without an Offset the lifecycle dates (Activation, Process Start, Protect Stop, Deactivation) are
//! copied; with one, the new keys are activated at their Initial Date + Offset and the other dates
//! keep their distance to the activation. Attributes in the request (Common / Private Key / Public
//! Key Template-Attribute in 1.x, Attributes in 2.x) are then applied: single-valued ones replace,
//! multi-valued ones are added. The new private key's identifier becomes the ID Placeholder.

use keyhaven_kmip::attribute::{parse_attribute_list, Attribute};
use keyhaven_kmip::enums::{key_format_type as kft, link_type, object_type as ot, state};
use keyhaven_kmip::error::{KmipError, KmipResult, Reason};
use keyhaven_kmip::object::ObjectContent;
use keyhaven_kmip::tag;
use keyhaven_ttlv::{Item, Value};
use zeroize::Zeroizing;

use super::rekey::{date, link, NOT_COPIED};
use super::{check_client_attributes, now, Managed, OpCtx};
use crate::crypto::asymmetric::{self, PrivateKey};

const DATES: [u32; 4] = [
    tag::ACTIVATION_DATE,
    tag::PROCESS_START_DATE,
    tag::PROTECT_STOP_DATE,
    tag::DEACTIVATION_DATE,
];

/// The object a key links to with a link type.
fn linked(m: &Managed, kind: u32) -> Option<String> {
    m.attrs
        .iter()
        .filter(|a| a.name.is(tag::LINK))
        .find_map(|a| match &a.value {
            Value::Structure(items)
                if items
                    .iter()
                    .any(|i| i.tag == tag::LINK_TYPE && i.as_enum() == Some(kind)) =>
            {
                items
                    .iter()
                    .find(|i| i.tag == tag::LINKED_OBJECT_IDENTIFIER)
                    .and_then(Item::as_text)
                    .map(str::to_owned)
            }
            _ => None,
        })
}

/// The attributes a replacement inherits from `old`, dates moved by the Offset, then those asked.
fn inherited(
    old: &Managed,
    offset: Option<i64>,
    t: i64,
    requested: &[Attribute],
) -> Vec<Attribute> {
    let mut attrs: Vec<Attribute> = old
        .attrs
        .iter()
        .filter(|a| !a.name.is(tag::LINK) && !NOT_COPIED.iter().any(|t| a.name.is(*t)))
        .cloned()
        .collect();
    let old_activation = date(&old.attrs, tag::ACTIVATION_DATE);
    let new_activation = offset.map(|o| t + o);
    for d in DATES {
        let v = match (d, new_activation, old_activation, date(&old.attrs, d)) {
            (tag::ACTIVATION_DATE, Some(a2), _, _) => Some(a2),
            (_, Some(a2), Some(a1), Some(v)) => Some(v + (a2 - a1)),
            (_, _, _, v) => v,
        };
        if let Some(v) = v {
            attrs.push(Attribute::std(d, Value::DateTime(v)));
        }
    }
    for a in requested {
        if a.name.def().is_some_and(|d| !d.multi_instance) {
            attrs.retain(|b| b.name != a.name);
        }
        attrs.push(a.clone());
    }
    attrs.push(crate::server::new_attrs::generated_rng_attribute());
    attrs
}

/// The existing key gives up its names and points to its replacement.
fn retire(ctx: &OpCtx<'_>, uid: &str, replacement: &str) -> KmipResult<()> {
    ctx.update(uid, |m| {
        m.attrs.retain(|a| !a.name.is(tag::NAME));
        let mut l = link(link_type::REPLACEMENT_OBJECT_LINK, replacement);
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

pub fn run(ctx: &mut OpCtx<'_>, payload: &Item) -> KmipResult<Item> {
    let uid = match payload.child(tag::PRIVATE_KEY_UNIQUE_IDENTIFIER) {
        Some(i) => i.as_text().map(str::to_owned).ok_or_else(|| {
            KmipError::invalid("Private Key Unique Identifier must be a Text String")
        })?,
        None => ctx.id_placeholder.clone().ok_or_else(|| {
            KmipError::missing("the Private Key Unique Identifier (and no ID Placeholder is set)")
        })?,
    };
    let offset = match payload.child(tag::OFFSET).map(|i| &i.value) {
        None => None,
        Some(Value::Interval(n)) => Some(i64::from(*n)),
        Some(_) => return Err(KmipError::invalid("Offset must be an Interval")),
    };
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
    let common = parse_attribute_list(payload.child(common_tag), ctx.version)?;
    let mut private_req = common.clone();
    private_req.extend(parse_attribute_list(
        payload.child(private_tag),
        ctx.version,
    )?);
    let mut public_req = common;
    public_req.extend(parse_attribute_list(
        payload.child(public_tag),
        ctx.version,
    )?);
    for set in [&private_req, &public_req] {
        check_client_attributes(set)?;
        if set.iter().any(|a| {
            a.name.is(tag::CRYPTOGRAPHIC_ALGORITHM) || a.name.is(tag::CRYPTOGRAPHIC_LENGTH)
        }) {
            return Err(KmipError::invalid(
                "Re-key Key Pair keeps the algorithm and size of the existing keys: do not send them",
            ));
        }
    }

    let old_private = ctx.load(&uid)?;
    if old_private.rec.object_type != ot::PRIVATE_KEY {
        return Err(KmipError::new(
            Reason::InvalidObjectType,
            format!(
                "Re-key Key Pair replaces a key pair given by its private key; {uid} is a {}",
                super::create::type_name(old_private.rec.object_type)
            ),
        ));
    }
    if matches!(
        old_private.rec.state,
        state::DESTROYED | state::DESTROYED_COMPROMISED
    ) {
        return Err(KmipError::new(
            Reason::ObjectDestroyed,
            format!("key {uid} is destroyed: there is nothing to re-key"),
        ));
    }
    let old_content = ctx.open(&old_private)?;
    let old_key = asymmetric::parse_private(&old_content)?;
    let new_key = match &old_key {
        PrivateKey::Rsa(_) => asymmetric::generate_rsa(old_key.bits())?,
        PrivateKey::Ec { curve, .. } => asymmetric::generate_ec(*curve),
    };
    drop(old_key);
    let old_public = match linked(&old_private, link_type::PUBLIC_KEY_LINK) {
        Some(p) => Some(ctx.load(&p)?),
        None => None,
    };
    let algorithm = old_content.algorithm.or(old_private.rec.algorithm);
    let bits = new_key.bits();

    // The formats of the existing keys when the new ones can be written so.
    let default_private = match new_key {
        PrivateKey::Rsa(_) => kft::PKCS_1,
        PrivateKey::Ec { .. } => kft::ECPRIVATEKEY,
    };
    let (private_format, private_material) =
        match asymmetric::encode_private(&new_key, old_content.format) {
            Ok(m) => (old_content.format, m),
            Err(_) => (
                default_private,
                asymmetric::encode_private(&new_key, default_private)?,
            ),
        };
    let public = new_key.public_key()?;
    drop(new_key);
    let old_public_format = match &old_public {
        Some(p) => Some(ctx.open(p)?.format),
        None => None,
    };
    let default_public = match public {
        asymmetric::PublicKey::Rsa(_) => kft::PKCS_1,
        asymmetric::PublicKey::Ec { .. } => kft::X_509,
    };
    let (public_format, public_material) =
        match old_public_format.map(|f| (f, asymmetric::encode_public(&public, f))) {
            Some((f, Ok(m))) => (f, m),
            _ => (
                default_public,
                asymmetric::encode_public(&public, default_public)?,
            ),
        };

    let t = now();
    let mut private_attrs = inherited(&old_private, offset, t, &private_req);
    private_attrs.push(link(link_type::REPLACED_OBJECT_LINK, &uid));
    let private_content = ObjectContent {
        object_type: ot::PRIVATE_KEY,
        format: private_format,
        material: private_material,
        algorithm,
        length: Some(bits),
        data_type: None,
    };
    let new_private = ctx.insert(&private_content, private_attrs)?;

    let mut public_attrs = match &old_public {
        Some(p) => {
            let mut a = inherited(p, offset, t, &public_req);
            a.push(link(link_type::REPLACED_OBJECT_LINK, &p.rec.uid));
            a
        }
        None => inherited(
            &Managed {
                rec: old_private.rec.clone(),
                attrs: Vec::new(),
            },
            offset,
            t,
            &public_req,
        ),
    };
    public_attrs.push(link(link_type::PRIVATE_KEY_LINK, &new_private));
    let public_content = ObjectContent {
        object_type: ot::PUBLIC_KEY,
        format: public_format,
        material: Zeroizing::new(public_material),
        algorithm,
        length: Some(bits),
        data_type: None,
    };
    let new_public = ctx.insert(&public_content, public_attrs)?;
    ctx.update(&new_private, |m| {
        let mut l = link(link_type::PUBLIC_KEY_LINK, &new_public);
        l.index = m.attrs.iter().filter(|a| a.name.is(tag::LINK)).count() as i32;
        m.attrs.push(l);
        Ok(())
    })?;
    retire(ctx, &uid, &new_private)?;
    if let Some(p) = &old_public {
        retire(ctx, &p.rec.uid, &new_public)?;
    }
    *ctx.id_placeholder = Some(new_private.clone());
    Ok(Item::structure(
        tag::RESPONSE_PAYLOAD,
        vec![
            Item::text(tag::PRIVATE_KEY_UNIQUE_IDENTIFIER, new_private),
            Item::text(tag::PUBLIC_KEY_UNIQUE_IDENTIFIER, new_public),
        ],
    ))
}
