//! PKCS#11 (2.0-2.1): the session functions of the PKCS#11 interface carried over KMIP.
//!
//! C_Initialize opens a PKCS#11 context and answers with a server-chosen Correlation Value that the
//! client sends back with every later call; C_GetInfo returns the CK_INFO structure (Cryptoki
//! version, manufacturer, flags, library description and version: fixed-width blank-padded text,
//! integers little-endian as the KMIP PKCS#11 Profile's case PKCS11-M-1 shows); C_Finalize closes
//! the context. Every other PKCS#11 function is answered, as PKCS#11 prescribes for functions a
//! library does not provide, with the return code CKR_FUNCTION_NOT_SUPPORTED: object and
//! cryptographic functions over the tenant's keys are reached through the KMIP operations instead.
//! Contexts belong to the client that opened them and are bounded in number.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use keyhaven_kmip::enums::{pkcs_11_function as f, pkcs_11_return_code as rc};
use keyhaven_kmip::error::{KmipError, KmipResult, Reason};
use keyhaven_kmip::tag;
use keyhaven_ttlv::{Item, Value};

use super::OpCtx;

/// Open contexts: Correlation Value (hex) -> (tenant id, client id).
fn contexts() -> &'static Mutex<HashMap<String, (String, String)>> {
    static C: OnceLock<Mutex<HashMap<String, (String, String)>>> = OnceLock::new();
    C.get_or_init(|| Mutex::new(HashMap::new()))
}

/// The most PKCS#11 contexts open at once on this node.
const MAX_CONTEXTS: usize = 10_000;
/// PKCS#11 contexts one client may hold at once.
const MAX_CONTEXTS_PER_CLIENT: usize = 64;

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
    let corr = payload
        .child(tag::CORRELATION_VALUE)
        .map(|i| {
            i.as_bytes()
                .map(hex::encode)
                .ok_or_else(|| KmipError::invalid("Correlation Value must be a Byte String"))
        })
        .transpose()?;
    let owner = (ctx.tenant.id.clone(), ctx.client.id.clone());
    let mut map = contexts().lock().unwrap_or_else(|e| e.into_inner());
    if let Some(c) = &corr {
        match map.get(c) {
            Some(o) if *o == owner => {}
            _ => {
                return Err(KmipError::new(
                    Reason::InvalidField,
                    "unknown Correlation Value: C_Initialize first",
                ))
            }
        }
    }
    let mut out = vec![function_item.clone()];
    let code = match function {
        f::C_INITIALIZE => {
            let mine = map.values().filter(|o| **o == owner).count();
            if map.len() >= MAX_CONTEXTS || mine >= MAX_CONTEXTS_PER_CLIENT {
                return Err(KmipError::new(
                    Reason::ServerLimitExceeded,
                    "too many PKCS#11 contexts are open on this server",
                ));
            }
            let v = crate::crypto::random_bytes(16).to_vec();
            map.insert(hex::encode(&v), owner);
            out.push(Item::bytes(tag::CORRELATION_VALUE, v));
            rc::OK
        }
        f::C_FINALIZE => match corr {
            Some(c) => {
                map.remove(&c);
                rc::OK
            }
            None => rc::CRYPTOKI_NOT_INITIALIZED,
        },
        f::C_GETINFO => match corr {
            Some(_) => {
                out.push(Item::bytes(tag::PKCS_11_OUTPUT_PARAMETERS, ck_info()));
                rc::OK
            }
            None => rc::CRYPTOKI_NOT_INITIALIZED,
        },
        _ => rc::FUNCTION_NOT_SUPPORTED,
    };
    out.push(Item::enumeration(tag::PKCS_11_RETURN_CODE, code));
    Ok(Item::structure(tag::RESPONSE_PAYLOAD, out))
}
