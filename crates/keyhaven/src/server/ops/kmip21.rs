//! The operations completing KMIP's list beyond the core set: key derivation, split keys, sessions
//! (Ping, Login, Logout, Delegated Login), Adjust Attribute, certification (Certify, Re-certify),
//! Validate, Import and Export, asynchronous requests (Poll, Cancel, Process, Query Asynchronous
//! Requests), Set Endpoint Role, PKCS#11, and the tenant's policy for new objects (Set Defaults,
//! Set Constraints, Get Constraints: see `server::policy`), Re-Provision. Each lives in its own file; this one only routes to
//! them and lists them for Query (each in the versions that define it).
//!
//! Not offered (Operation Not Supported, and absent from Query):
//! * Notify and Put (1.x section 5): "server-to-client operations ... sent by a server to a client
//!   via means outside of the normal client request/response protocol"; a client cannot ask a
//!   server to run them, and this server originates no requests.

use keyhaven_kmip::enums::{operation as op, operation_in_version};
use keyhaven_kmip::error::KmipResult;
use keyhaven_ttlv::Item;

use super::OpCtx;

/// The operations of [`run`], each offered in the versions that define it.
pub const OPS: &[u32] = &[
    op::DERIVE_KEY,
    op::CREATE_SPLIT_KEY,
    op::JOIN_SPLIT_KEY,
    op::PING,
    op::PKCS_11,
    op::LOGIN,
    op::LOGOUT,
    op::DELEGATED_LOGIN,
    op::ADJUST_ATTRIBUTE,
    op::POLL,
    op::CANCEL,
    op::QUERY_ASYNCHRONOUS_REQUESTS,
    op::IMPORT,
    op::EXPORT,
    op::CERTIFY,
    op::RE_CERTIFY,
    op::VALIDATE,
    op::PROCESS,
    op::SET_ENDPOINT_ROLE,
    op::SET_DEFAULTS,
    op::SET_CONSTRAINTS,
    op::GET_CONSTRAINTS,
    op::RE_PROVISION,
];

/// Runs one of [`OPS`]; `None` for any other operation or a version that does not define it.
pub fn run(ctx: &mut OpCtx<'_>, operation: u32, payload: &Item) -> Option<KmipResult<Item>> {
    if !OPS.contains(&operation)
        || !operation_in_version(operation, ctx.version.major, ctx.version.minor)
    {
        return None;
    }
    Some(match operation {
        op::DERIVE_KEY => super::derive_key::run(ctx, payload),
        op::CREATE_SPLIT_KEY => super::create_split_key::run(ctx, payload),
        op::JOIN_SPLIT_KEY => super::join_split_key::run(ctx, payload),
        op::PING => super::ping::run(ctx, payload),
        op::PKCS_11 => super::pkcs11::run(ctx, payload),
        op::LOGIN => super::login::run(ctx, payload),
        op::LOGOUT => super::logout::run(ctx, payload),
        op::DELEGATED_LOGIN => super::delegated_login::run(ctx, payload),
        op::ADJUST_ATTRIBUTE => super::adjust_attribute::run(ctx, payload),
        op::POLL => super::poll::run(ctx, payload),
        op::CANCEL => super::cancel::run(ctx, payload),
        op::QUERY_ASYNCHRONOUS_REQUESTS => super::query_asynchronous_requests::run(ctx, payload),
        op::IMPORT => super::import::run(ctx, payload),
        op::EXPORT => super::export::run(ctx, payload),
        op::CERTIFY => super::certify::run(ctx, payload),
        op::RE_CERTIFY => super::recertify::run(ctx, payload),
        op::VALIDATE => super::validate::run(ctx, payload),
        op::PROCESS => super::process::run(ctx, payload),
        op::SET_ENDPOINT_ROLE => super::set_endpoint_role::run(ctx, payload),
        op::SET_DEFAULTS => super::set_defaults::run(ctx, payload),
        op::SET_CONSTRAINTS => super::set_constraints::run(ctx, payload),
        op::GET_CONSTRAINTS => super::get_constraints::run(ctx, payload),
        op::RE_PROVISION => super::re_provision::run(ctx, payload),
        _ => return None,
    })
}
