//! Interop (KMIP 2.x test framing): Begin, End and Reset of an interoperability test case. The server
//! keeps no per-test state, so each is acknowledged with an empty payload.

use keyhaven_kmip::enums::interop_function;
use keyhaven_kmip::error::{KmipError, KmipResult};
use keyhaven_kmip::tag;
use keyhaven_ttlv::Item;

use super::OpCtx;

pub fn run(ctx: &mut OpCtx<'_>, payload: &Item) -> KmipResult<Item> {
    let f = payload
        .child(tag::INTEROP_FUNCTION)
        .ok_or_else(|| KmipError::missing("the Interop Function"))?
        .as_enum()
        .ok_or_else(|| KmipError::invalid("Interop Function must be an Enumeration"))?;
    if !matches!(
        f,
        interop_function::BEGIN | interop_function::END | interop_function::RESET
    ) {
        return Err(KmipError::invalid(format!(
            "unknown Interop Function 0x{f:X}"
        )));
    }
    let id = match payload.child(tag::INTEROP_IDENTIFIER) {
        Some(i) => i
            .as_text()
            .ok_or_else(|| KmipError::invalid("Interop Identifier must be a Text String"))?,
        None => "",
    };
    tracing::info!(tenant = %ctx.tenant.name, client = %ctx.client.name, function = f, test = %id, "interop");
    Ok(Item::structure(tag::RESPONSE_PAYLOAD, Vec::new()))
}
