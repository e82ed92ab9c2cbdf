//! Get Attribute List: the names (1.x) or Attribute References (2.x) of the object's attributes.

use keyhaven_kmip::error::KmipResult;
use keyhaven_kmip::tag;
use keyhaven_ttlv::Item;

use super::OpCtx;

pub fn run(ctx: &mut OpCtx<'_>, payload: &Item) -> KmipResult<Item> {
    let uid = ctx.uid(payload)?;
    let m = ctx.load(&uid)?;
    let mut c = vec![Item::text(tag::UNIQUE_IDENTIFIER, uid)];
    let mut names = Vec::new();
    for a in m.all_attributes() {
        if a.name.defined_in(ctx.version) && !names.contains(&a.name) {
            names.push(a.name);
        }
    }
    for n in names {
        if ctx.version.is_2x() {
            c.push(n.to_reference());
        } else if let Some(s) = n.v1_name() {
            c.push(Item::text(tag::ATTRIBUTE_NAME, s));
        }
    }
    Ok(Item::structure(tag::RESPONSE_PAYLOAD, c))
}
