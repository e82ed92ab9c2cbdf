//! Delete Attribute: removes one attribute instance.
//! 1.x: Attribute Name and optional Attribute Index; answers with the deleted attribute.
//! 2.x: Current Attribute (that value) or Attribute Reference (the only/first instance); answers with
//! the identifier.

use keyhaven_kmip::attribute::{AttrName, Attribute};
use keyhaven_kmip::error::{KmipError, KmipResult, Reason};
use keyhaven_kmip::tag;
use keyhaven_ttlv::Item;

use super::{uid_payload, OpCtx};

enum Target {
    Index(AttrName, i32),
    Value(Attribute),
    Name(AttrName),
}

pub fn run(ctx: &mut OpCtx<'_>, payload: &Item) -> KmipResult<Item> {
    let uid = ctx.uid(payload)?;
    let target = if ctx.version.is_2x() {
        if let Some(c) = payload.child(tag::CURRENT_ATTRIBUTE) {
            match c.items() {
                [one] => Target::Value(Attribute::from_v2(one)?),
                _ => {
                    return Err(KmipError::invalid(
                        "Current Attribute must hold exactly one attribute",
                    ))
                }
            }
        } else if let Some(r) = payload.child(tag::ATTRIBUTE_REFERENCE) {
            Target::Name(AttrName::from_reference(r)?)
        } else {
            return Err(KmipError::missing(
                "a Current Attribute or an Attribute Reference",
            ));
        }
    } else {
        let name = payload
            .child(tag::ATTRIBUTE_NAME)
            .and_then(Item::as_text)
            .ok_or_else(|| KmipError::missing("the Attribute Name"))?;
        let index = payload
            .child(tag::ATTRIBUTE_INDEX)
            .and_then(Item::as_int)
            .unwrap_or(0);
        Target::Index(AttrName::from_v1_name(name)?, index)
    };
    let name = match &target {
        Target::Index(n, _) | Target::Name(n) => n.clone(),
        Target::Value(a) => a.name.clone(),
    };
    if let Some(d) = name.def() {
        if super::is_server_maintained(&name) || !d.client_may_set {
            return Err(KmipError::new(
                Reason::AttributeReadOnly,
                format!("attribute {} cannot be deleted by a client", d.name),
            ));
        }
    }
    let removed = ctx.update(&uid, |m| {
        let pos = m.attrs.iter().position(|a| {
            a.name == name
                && match &target {
                    Target::Index(_, i) => a.index == *i,
                    Target::Value(v) => a.value == v.value,
                    Target::Name(_) => true,
                }
        });
        let pos = pos.ok_or_else(|| {
            KmipError::new(
                Reason::AttributeNotFound,
                format!("object {uid} has no such instance of {}", name.key()),
            )
        })?;
        Ok(m.attrs.remove(pos))
    })?;
    let mut p = uid_payload(&uid);
    if !ctx.version.is_2x() {
        if let (Some(items), Some(a)) = (p.items_mut(), removed.to_v1()) {
            items.push(a);
        }
    }
    Ok(p)
}
