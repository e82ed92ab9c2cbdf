//! Get Attributes: named attributes (1.x by Attribute Name, 2.x by Attribute Reference), or all.
//! An attribute the object lacks is simply left out: Success with the identifier alone.

use keyhaven_kmip::attribute::{AttrName, Attribute};
use keyhaven_kmip::error::{KmipError, KmipResult};
use keyhaven_kmip::tag;
use keyhaven_ttlv::Item;

use super::OpCtx;

pub fn run(ctx: &mut OpCtx<'_>, payload: &Item) -> KmipResult<Item> {
    let uid = ctx.uid(payload)?;
    let wanted: Vec<AttrName> = if ctx.version.is_2x() {
        payload
            .children(tag::ATTRIBUTE_REFERENCE)
            .map(AttrName::from_reference)
            .collect::<KmipResult<_>>()?
    } else {
        payload
            .children(tag::ATTRIBUTE_NAME)
            .map(|i| {
                let n = i
                    .as_text()
                    .ok_or_else(|| KmipError::invalid("Attribute Name must be a Text String"))?;
                AttrName::from_v1_name(n)
            })
            .collect::<KmipResult<_>>()?
    };
    let m = ctx.load(&uid)?;
    let all = m.all_attributes();
    let selected: Vec<&Attribute> = if wanted.is_empty() {
        all.iter().collect()
    } else {
        all.iter().filter(|a| wanted.contains(&a.name)).collect()
    };
    let encoded: Vec<Item> = selected
        .iter()
        .filter_map(|a| a.to_wire(ctx.version))
        .collect();
    let mut c = vec![Item::text(tag::UNIQUE_IDENTIFIER, uid)];
    if ctx.version.is_2x() {
        c.push(Item::structure(tag::ATTRIBUTES, encoded));
    } else {
        c.extend(encoded);
    }
    Ok(Item::structure(tag::RESPONSE_PAYLOAD, c))
}
