//! Query: operations, object types and server information, in the client's version.

use keyhaven_kmip::enums::{object_type as ot, query_function as qf};
use keyhaven_kmip::error::{KmipError, KmipResult};
use keyhaven_kmip::tag;
use keyhaven_ttlv::Item;

use super::{supported_operations, OpCtx};

pub const VENDOR: &str = "Keyhaven";

pub fn run(ctx: &mut OpCtx<'_>, payload: &Item) -> KmipResult<Item> {
    let functions: Vec<u32> = payload
        .children(tag::QUERY_FUNCTION)
        .map(|i| {
            i.as_enum()
                .ok_or_else(|| KmipError::invalid("Query Function must be an Enumeration"))
        })
        .collect::<KmipResult<_>>()?;
    // The Query Function is required, but some clients (cyphera-kmip among them) send none: they
    // get what nearly every client asks for first, the operations and object types supported.
    let functions = if functions.is_empty() {
        tracing::debug!("Query without a Query Function: answered as Query Operations + Objects");
        vec![qf::QUERY_OPERATIONS, qf::QUERY_OBJECTS]
    } else {
        functions
    };
    let mut c = Vec::new();
    if functions.contains(&qf::QUERY_OPERATIONS) {
        c.extend(
            supported_operations(ctx.version)
                .into_iter()
                .map(|o| Item::enumeration(tag::OPERATION, o)),
        );
    }
    if functions.contains(&qf::QUERY_OBJECTS) {
        c.extend(
            [
                ot::SYMMETRIC_KEY,
                ot::SECRET_DATA,
                ot::OPAQUE_OBJECT,
                ot::PUBLIC_KEY,
                ot::PRIVATE_KEY,
                ot::CERTIFICATE,
                ot::SPLIT_KEY,
                ot::PGP_KEY,
            ]
            .into_iter()
            .filter(|o| {
                keyhaven_kmip::enums::object_type_in_version(
                    *o,
                    ctx.version.major,
                    ctx.version.minor,
                )
            })
            .map(|o| Item::enumeration(tag::OBJECT_TYPE, o)),
        );
    }
    if functions.contains(&qf::QUERY_SERVER_INFORMATION) {
        c.push(Item::text(tag::VENDOR_IDENTIFICATION, VENDOR));
        // 1.x leaves Server Information's content to the vendor; it is left out. 2.x defines fields.
        if ctx.version.is_2x() {
            c.push(Item::structure(
                tag::SERVER_INFORMATION,
                vec![
                    Item::text(tag::SERVER_NAME, VENDOR),
                    Item::text(tag::SERVER_VERSION, env!("CARGO_PKG_VERSION")),
                    Item::text(tag::PRODUCT_NAME, "Keyhaven KMIP server"),
                ],
            ));
        }
    }
    if ctx.version.is_2x() && functions.contains(&qf::QUERY_DEFAULTS_INFORMATION) {
        let store = ctx.server.store.as_ref();
        let list = crate::server::policy::defaults::load(store, &ctx.tenant.id)?;
        if !list.is_empty() {
            c.push(crate::server::policy::defaults::to_item(&list));
        }
    }
    Ok(Item::structure(tag::RESPONSE_PAYLOAD, c))
}
