//! Re-certify (1.0-2.1): a new certificate, signed by the tenant's CA (`server::tenant_ca`), for the public key of an
//! existing certificate (or for the PKCS#10 request given), with the Replaced Object / Replacement
//! Object links between the two certificates. The existing certificate keeps its attributes.

use keyhaven_kmip::enums::{link_type, object_type as ot};
use keyhaven_kmip::error::{KmipError, KmipResult, Reason};
use keyhaven_kmip::tag;
use keyhaven_ttlv::{Item, Value};

use super::derive_key::add_link;
use super::{uid_payload, OpCtx};

pub fn run(ctx: &mut OpCtx<'_>, payload: &Item) -> KmipResult<Item> {
    let old = ctx.uid(payload)?;
    let m = ctx.load(&old)?;
    if m.rec.object_type != ot::CERTIFICATE {
        return Err(KmipError::new(
            Reason::InvalidObjectType,
            format!("{old} is not a certificate"),
        ));
    }
    let key = m.attrs.iter().find_map(|a| match &a.value {
        Value::Structure(items)
            if a.name.is(tag::LINK)
                && items.iter().any(|i| {
                    i.tag == tag::LINK_TYPE && i.as_enum() == Some(link_type::PUBLIC_KEY_LINK)
                }) =>
        {
            items
                .iter()
                .find(|i| i.tag == tag::LINKED_OBJECT_IDENTIFIER)
                .and_then(Item::as_text)
                .map(str::to_owned)
        }
        _ => None,
    });
    let (new, _) = super::certify::issue(ctx, payload, Some((&old, key)))?;
    add_link(ctx, &new, link_type::REPLACED_OBJECT_LINK, &old)?;
    add_link(ctx, &old, link_type::REPLACEMENT_OBJECT_LINK, &new)?;
    *ctx.id_placeholder = Some(new.clone());
    Ok(uid_payload(&new))
}
