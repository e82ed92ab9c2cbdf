//! Delegated Login (2.0-2.1): a ticket whose holder may only perform what one of its Rights allows
//! (operations, objects, object groups); see `server::tickets`.

use keyhaven_kmip::error::KmipResult;
use keyhaven_ttlv::Item;

use super::OpCtx;

pub fn run(ctx: &mut OpCtx<'_>, payload: &Item) -> KmipResult<Item> {
    super::login::issue(ctx, payload, true)
}
