//! PKCS#11 (2.0-2.1): the PKCS#11 interface carried over KMIP, over the client's tenant
//! (`server::pkcs11` holds the contexts, the parameter layout and each function).
//!
//! C_Initialize opens a context and answers with a server-chosen Correlation Value that the client
//! sends back with every later call; C_GetInfo returns CK_INFO (Cryptoki version, manufacturer,
//! flags, library description and version: fixed-width blank-padded text, integers little-endian
//! as the KMIP PKCS#11 Profile's case PKCS11-M-1 shows); C_Finalize closes the context. Also:
//! C_GetSlotList, C_GetTokenInfo, C_OpenSession, C_CloseSession, C_CloseAllSessions, C_Login,
//! C_Logout,
//! C_FindObjectsInit, C_FindObjects, C_FindObjectsFinal, C_GetAttributeValue, C_EncryptInit,
//! C_Encrypt, C_DecryptInit, C_Decrypt. Every other function is answered, as PKCS#11 prescribes for
//! functions a library does not provide, with CKR_FUNCTION_NOT_SUPPORTED. Contexts belong to the
//! client that opened them and are bounded in number.

use keyhaven_kmip::enums::pkcs_11_function as f;
use keyhaven_kmip::error::{KmipError, KmipResult, Reason};
use keyhaven_kmip::tag;
use keyhaven_ttlv::{Item, Value};

use super::OpCtx;
use crate::server::pkcs11::{
    cipher, contexts, objects, rv, token, Context, MAX_CONTEXTS, MAX_CONTEXTS_PER_CLIENT,
};

/// CK_INFO: cryptokiVersion 2.40, manufacturerID, flags 0, libraryDescription, libraryVersion.
fn ck_info() -> Vec<u8> {
    let pad = |s: &str| {
        let mut b = s.as_bytes().to_vec();
        b.resize(32, b' ');
        b
    };
    let mut out = vec![2, 40];
    out.extend(pad("Keyhaven"));
    out.extend([0u8; 8]);
    out.extend(pad("Keyhaven KMIP PKCS#11"));
    let major: u8 = env!("CARGO_PKG_VERSION_MAJOR").parse().unwrap_or(0);
    let minor: u8 = env!("CARGO_PKG_VERSION_MINOR").parse().unwrap_or(0);
    out.extend([major, minor]);
    out
}

pub fn run(ctx: &mut OpCtx<'_>, payload: &Item) -> KmipResult<Item> {
    let function_item = payload
        .child(tag::PKCS_11_FUNCTION)
        .ok_or_else(|| KmipError::missing("the PKCS#11 Function"))?;
    let function = match &function_item.value {
        Value::Enumeration(e) => *e,
        Value::Integer(i) => *i as u32,
        _ => {
            return Err(KmipError::invalid(
                "PKCS#11 Function must be an Enumeration (or an Integer for vendor functions)",
            ))
        }
    };
    let input: Vec<u8> = match payload.child(tag::PKCS_11_INPUT_PARAMETERS) {
        Some(i) => i
            .as_bytes()
            .ok_or_else(|| KmipError::invalid("PKCS#11 Input Parameters must be a Byte String"))?
            .to_vec(),
        None => Vec::new(),
    };
    let corr = payload
        .child(tag::CORRELATION_VALUE)
        .map(|i| {
            i.as_bytes()
                .map(hex::encode)
                .ok_or_else(|| KmipError::invalid("Correlation Value must be a Byte String"))
        })
        .transpose()?;
    let owner = (ctx.tenant.id.clone(), ctx.client.id.clone());
    if let Some(c) = &corr {
        match contexts().get(c) {
            Some(o) if o.owner == owner => {}
            _ => {
                return Err(KmipError::new(
                    Reason::InvalidField,
                    "unknown Correlation Value: C_Initialize first",
                ))
            }
        }
    }
    let mut out = vec![function_item.clone()];
    let (output, code) = match (function, corr.as_deref()) {
        (f::C_INITIALIZE, _) => {
            let mut map = contexts();
            let mine = map.values().filter(|o| o.owner == owner).count();
            if map.len() >= MAX_CONTEXTS || mine >= MAX_CONTEXTS_PER_CLIENT {
                return Err(KmipError::new(
                    Reason::ServerLimitExceeded,
                    "too many PKCS#11 contexts are open on this server",
                ));
            }
            let v = crate::crypto::random_bytes(16).to_vec();
            map.insert(hex::encode(&v), Context::new(owner));
            out.push(Item::bytes(tag::CORRELATION_VALUE, v));
            (None, rv::OK)
        }
        (_, None) => (None, rv::CRYPTOKI_NOT_INITIALIZED),
        (f::C_FINALIZE, Some(c)) => {
            contexts().remove(c);
            (None, rv::OK)
        }
        (f::C_GETINFO, Some(_)) => (Some(ck_info()), rv::OK),
        (f::C_GETSLOTLIST, Some(_)) => token::get_slot_list(&input),
        (f::C_GETTOKENINFO, Some(c)) => match contexts().get(c) {
            Some(cx) => token::get_token_info(&input, ctx.tenant, cx),
            None => (None, rv::CRYPTOKI_NOT_INITIALIZED),
        },
        (f::C_OPENSESSION, Some(c)) => with_context(c, |cx| token::open_session(&input, cx)),
        (f::C_CLOSESESSION, Some(c)) => with_context(c, |cx| token::close_session(&input, cx)),
        (f::C_CLOSEALLSESSIONS, Some(c)) => {
            with_context(c, |cx| token::close_all_sessions(&input, cx))
        }
        (f::C_LOGIN, Some(c)) => with_context(c, |cx| token::login(&input, cx, false)),
        (f::C_LOGOUT, Some(c)) => with_context(c, |cx| token::login(&input, cx, true)),
        (f::C_FINDOBJECTSINIT, Some(c)) => objects::find_objects_init(ctx, c, &input),
        (f::C_FINDOBJECTS, Some(c)) => objects::find_objects(c, &input),
        (f::C_FINDOBJECTSFINAL, Some(c)) => objects::find_objects_final(c, &input),
        (f::C_GETATTRIBUTEVALUE, Some(c)) => objects::get_attribute_value(ctx, c, &input),
        (f::C_ENCRYPTINIT, Some(c)) => cipher::init(ctx, c, &input, true),
        (f::C_DECRYPTINIT, Some(c)) => cipher::init(ctx, c, &input, false),
        (f::C_ENCRYPT, Some(c)) => cipher::run(ctx, c, &input, true),
        (f::C_DECRYPT, Some(c)) => cipher::run(ctx, c, &input, false),
        _ => (None, rv::FUNCTION_NOT_SUPPORTED),
    };
    if let Some(o) = output {
        out.push(Item::bytes(tag::PKCS_11_OUTPUT_PARAMETERS, o));
    }
    out.push(Item::enumeration(tag::PKCS_11_RETURN_CODE, code));
    Ok(Item::structure(tag::RESPONSE_PAYLOAD, out))
}

fn with_context(corr: &str, f: impl FnOnce(&mut Context) -> token::Answer) -> token::Answer {
    match contexts().get_mut(corr) {
        Some(c) => f(c),
        None => (None, rv::CRYPTOKI_NOT_INITIALIZED),
    }
}
