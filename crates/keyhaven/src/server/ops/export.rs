//! Export (2.0-2.1): the object as Get gives it (same Key Format Type, Key Wrap Type and Key
//! Wrapping Specification semantics) together with all of its attributes. A destroyed object's
//! attributes are exported without key material.

use keyhaven_kmip::enums::state;
use keyhaven_kmip::error::KmipResult;
use keyhaven_kmip::tag;
use keyhaven_ttlv::Item;

use super::OpCtx;

pub fn run(ctx: &mut OpCtx<'_>, payload: &Item) -> KmipResult<Item> {
    let uid = ctx.uid(payload)?;
    let m = ctx.load(&uid)?;
    let attributes = Item::structure(
        tag::ATTRIBUTES,
        m.all_attributes()
            .iter()
            .filter_map(|a| a.to_wire(ctx.version))
            .collect(),
    );
    let mut out = vec![
        Item::enumeration(tag::OBJECT_TYPE, m.rec.object_type),
        Item::text(tag::UNIQUE_IDENTIFIER, uid.clone()),
        attributes,
    ];
    if !matches!(m.rec.state, state::DESTROYED | state::DESTROYED_COMPROMISED) {
        let mut get_payload = payload.clone();
        if get_payload.child(tag::UNIQUE_IDENTIFIER).is_none() {
            if let keyhaven_ttlv::Value::Structure(items) = &mut get_payload.value {
                items.insert(0, Item::text(tag::UNIQUE_IDENTIFIER, uid.clone()));
            }
        }
        let got = super::get::run(ctx, &get_payload)?;
        out.extend(
            got.items()
                .iter()
                .filter(|i| !matches!(i.tag, tag::OBJECT_TYPE | tag::UNIQUE_IDENTIFIER))
                .cloned(),
        );
    }
    *ctx.id_placeholder = Some(uid);
    Ok(Item::structure(tag::RESPONSE_PAYLOAD, out))
}
