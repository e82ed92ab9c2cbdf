//! Set Endpoint Role (2.0-2.1): the role the server takes on this connection. The Server role (the
//! one it has) is accepted and echoed. The Client role is refused with Feature Not Supported: after
//! it the server would have to send requests over the connection, and the only requests a KMIP
//! server sends a client are the server-to-client Notify and Put, which this server does not
//! originate (see `kmip21`).

use keyhaven_kmip::enums::endpoint_role;
use keyhaven_kmip::error::{KmipError, KmipResult, Reason};
use keyhaven_kmip::tag;
use keyhaven_ttlv::Item;

use super::OpCtx;

pub fn run(_ctx: &mut OpCtx<'_>, payload: &Item) -> KmipResult<Item> {
    let role = payload
        .child(tag::ENDPOINT_ROLE)
        .and_then(Item::as_enum)
        .ok_or_else(|| KmipError::missing("the Endpoint Role"))?;
    match role {
        endpoint_role::SERVER => Ok(Item::structure(
            tag::RESPONSE_PAYLOAD,
            vec![Item::enumeration(tag::ENDPOINT_ROLE, role)],
        )),
        endpoint_role::CLIENT => Err(KmipError::new(
            Reason::FeatureNotSupported,
            "this server does not take the client role: it originates no requests (Notify, Put)",
        )),
        other => Err(KmipError::invalid(format!(
            "unknown Endpoint Role 0x{other:X}"
        ))),
    }
}
