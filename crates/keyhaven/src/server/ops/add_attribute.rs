//! Add Attribute: a new instance of a custom (x-…) or client-settable attribute, kept exactly as sent.
//! 1.x answers with the identifier and the attribute (with its index); 2.x with the identifier only.

use keyhaven_kmip::attribute::Attribute;
use keyhaven_kmip::error::{KmipError, KmipResult, Reason};
use keyhaven_kmip::tag;
use keyhaven_ttlv::Item;

use super::{uid_payload, OpCtx};

/// Reads the one attribute of an Add/Modify/Set request: 1.x `Attribute`, 2.x `New Attribute`.
pub fn requested_attribute(ctx: &OpCtx<'_>, payload: &Item) -> KmipResult<Attribute> {
    if ctx.version.is_2x() {
        let na = payload
            .child(tag::NEW_ATTRIBUTE)
            .ok_or_else(|| KmipError::missing("the New Attribute"))?;
        match na.items() {
            [one] => Attribute::from_v2(one),
            _ => Err(KmipError::invalid(
                "New Attribute must hold exactly one attribute",
            )),
        }
    } else {
        Attribute::from_v1(
            payload
                .child(tag::ATTRIBUTE)
                .ok_or_else(|| KmipError::missing("the Attribute"))?,
        )
    }
}

/// Refuses attributes a client may not change.
pub fn check_client_may_change(a: &Attribute) -> KmipResult<()> {
    if let Some(d) = a.name.def() {
        if super::is_server_maintained(&a.name) || !d.client_may_set {
            return Err(KmipError::new(
                Reason::AttributeReadOnly,
                format!("attribute {} cannot be changed by a client", d.name),
            ));
        }
    } else if let keyhaven_kmip::attribute::AttrName::Custom { vendor, .. } = &a.name {
        if vendor == "y" {
            return Err(KmipError::new(
                Reason::AttributeReadOnly,
                "y- attributes are the server's own",
            ));
        }
    }
    Ok(())
}

pub fn run(ctx: &mut OpCtx<'_>, payload: &Item) -> KmipResult<Item> {
    let uid = ctx.uid(payload)?;
    let mut attr = requested_attribute(ctx, payload)?;
    check_client_may_change(&attr)?;
    crate::server::crypto_params::normalize_usage_limits(&mut attr);
    let added = ctx.update(&uid, |m| {
        let existing: Vec<i32> = m
            .attrs
            .iter()
            .filter(|a| a.name == attr.name)
            .map(|a| a.index)
            .collect();
        if let Some(d) = attr.name.def() {
            if !d.multi_instance && !existing.is_empty() {
                return Err(KmipError::new(
                    Reason::AttributeSingleValued,
                    format!("{} already has a value; use Modify Attribute", d.name),
                ));
            }
        }
        crate::server::crypto_params::check_unique_name(m, &attr)?;
        attr.index = existing.iter().max().map_or(0, |i| i + 1);
        m.attrs.push(attr.clone());
        Ok(attr.clone())
    })?;
    if ctx.version.is_2x() {
        return Ok(uid_payload(&uid));
    }
    let mut p = uid_payload(&uid);
    if let (Some(items), Some(a)) = (p.items_mut(), added.to_v1()) {
        items.push(a);
    }
    Ok(p)
}
