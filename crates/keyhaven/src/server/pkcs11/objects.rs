//! C_FindObjectsInit, C_FindObjects, C_FindObjectsFinal and C_GetAttributeValue over the
//! tenant's managed objects (destroyed ones excepted).
//!
//! Objects appear as: Symmetric Key -> CKO_SECRET_KEY, Private Key -> CKO_PRIVATE_KEY, Public Key
//! -> CKO_PUBLIC_KEY, Certificate -> CKO_CERTIFICATE, Secret Data and Opaque Object -> CKO_DATA;
//! CKA_ID is the Unique Identifier, CKA_LABEL the first Name. A search template may hold
//! CKA_CLASS, CKA_KEY_TYPE, CKA_LABEL, CKA_ID, CKA_TOKEN (true) and CKA_PRIVATE (true); it finds
//! at most [`MAX_FOUND`] objects. Readable attributes: CKA_CLASS, CKA_TOKEN, CKA_PRIVATE,
//! CKA_LABEL, CKA_ID, CKA_KEY_TYPE, CKA_VALUE_LEN, CKA_SENSITIVE, CKA_EXTRACTABLE, CKA_ENCRYPT,
//! CKA_DECRYPT, and CKA_VALUE of a certificate. Secret keys, private keys and data objects are
//! sensitive here (CKA_SENSITIVE true, CKA_EXTRACTABLE false): their CKA_VALUE is answered with
//! CKR_ATTRIBUTE_SENSITIVE and never leaves the server this way.

use std::collections::VecDeque;

use keyhaven_kmip::enums::{cryptographic_algorithm as alg, object_type as ot, state};
use keyhaven_kmip::tag;
use keyhaven_ttlv::{Item, Value};

use super::codec::{Reader, Writer, UNAVAILABLE};
use super::token::Answer;
use super::{ck, contexts, rv};
use crate::server::ops::{Managed, OpCtx};
use crate::store::{ObjectQuery, PageRequest};

/// The most objects one C_FindObjectsInit finds.
pub const MAX_FOUND: u64 = 1000;

fn class_of(object_type: u32) -> u64 {
    match object_type {
        ot::SYMMETRIC_KEY => ck::CKO_SECRET_KEY,
        ot::PRIVATE_KEY => ck::CKO_PRIVATE_KEY,
        ot::PUBLIC_KEY => ck::CKO_PUBLIC_KEY,
        ot::CERTIFICATE => ck::CKO_CERTIFICATE,
        _ => ck::CKO_DATA,
    }
}

fn key_type_of(algorithm: Option<u32>) -> Option<u64> {
    Some(match algorithm? {
        alg::AES => ck::CKK_AES,
        alg::RSA => ck::CKK_RSA,
        alg::EC | alg::ECDSA | alg::ECDH => ck::CKK_EC,
        alg::DES3 => ck::CKK_DES3,
        alg::HMAC_SHA1
        | alg::HMAC_SHA224
        | alg::HMAC_SHA256
        | alg::HMAC_SHA384
        | alg::HMAC_SHA512 => ck::CKK_GENERIC_SECRET,
        _ => return None,
    })
}

fn label_of(m: &Managed) -> Option<String> {
    m.attrs.iter().find_map(|a| match &a.value {
        Value::Structure(items) if a.name.is(tag::NAME) => items
            .iter()
            .find(|i| i.tag == tag::NAME_VALUE)
            .and_then(Item::as_text)
            .map(str::to_owned),
        _ => None,
    })
}

fn ulong_value(v: &[u8]) -> Option<u64> {
    Some(u64::from_le_bytes(v.try_into().ok()?))
}

/// What a search template asks.
#[derive(Default)]
struct Wanted {
    class: Option<u64>,
    key_type: Option<u64>,
    label: Option<String>,
    id: Option<String>,
    none: bool,
}

fn read_template(r: &mut Reader<'_>) -> Result<Wanted, u32> {
    let n = r.count(16).ok_or(rv::ARGUMENTS_BAD)?;
    let mut w = Wanted::default();
    for _ in 0..n {
        let t = r.ulong().ok_or(rv::ARGUMENTS_BAD)?;
        let v = r.array().ok_or(rv::ARGUMENTS_BAD)?;
        match t {
            ck::CKA_CLASS => w.class = Some(ulong_value(v).ok_or(rv::ATTRIBUTE_VALUE_INVALID)?),
            ck::CKA_KEY_TYPE => {
                w.key_type = Some(ulong_value(v).ok_or(rv::ATTRIBUTE_VALUE_INVALID)?)
            }
            ck::CKA_LABEL => {
                w.label =
                    Some(String::from_utf8(v.to_vec()).map_err(|_| rv::ATTRIBUTE_VALUE_INVALID)?)
            }
            ck::CKA_ID => {
                w.id = Some(String::from_utf8(v.to_vec()).map_err(|_| rv::ATTRIBUTE_VALUE_INVALID)?)
            }
            // Every object here is a token object and private to the tenant.
            ck::CKA_TOKEN | ck::CKA_PRIVATE => w.none |= v != [1],
            _ => return Err(rv::ATTRIBUTE_TYPE_INVALID),
        }
    }
    if !r.is_empty() {
        return Err(rv::ARGUMENTS_BAD);
    }
    Ok(w)
}

pub fn find_objects_init(ctx: &OpCtx<'_>, corr: &str, input: &[u8]) -> Answer {
    let mut r = Reader::new(input);
    let Some(h) = r.ulong() else {
        return (None, rv::ARGUMENTS_BAD);
    };
    let wanted = match read_template(&mut r) {
        Ok(w) => w,
        Err(code) => return (None, code),
    };
    match contexts().get(corr).and_then(|c| c.sessions.get(&h)) {
        None => return (None, rv::SESSION_HANDLE_INVALID),
        Some(s) if s.found.is_some() => return (None, rv::OPERATION_ACTIVE),
        Some(_) => {}
    }
    let found = if wanted.none {
        VecDeque::new()
    } else {
        match search(ctx, &wanted) {
            Ok(f) => f,
            Err(code) => return (None, code),
        }
    };
    match contexts()
        .get_mut(corr)
        .and_then(|c| c.sessions.get_mut(&h))
    {
        Some(s) => {
            s.found = Some(found);
            (None, rv::OK)
        }
        None => (None, rv::SESSION_HANDLE_INVALID),
    }
}

fn search(ctx: &OpCtx<'_>, w: &Wanted) -> Result<VecDeque<String>, u32> {
    let live = vec![
        state::PRE_ACTIVE,
        state::ACTIVE,
        state::DEACTIVATED,
        state::COMPROMISED,
    ];
    if let Some(uid) = &w.id {
        let Ok(m) = ctx.load(uid) else {
            return Ok(VecDeque::new());
        };
        let ok = live.contains(&m.rec.state)
            && w.class.is_none_or(|c| c == class_of(m.rec.object_type))
            && w.key_type
                .is_none_or(|k| Some(k) == key_type_of(m.rec.algorithm))
            && w.label
                .as_ref()
                .is_none_or(|l| Some(l) == label_of(&m).as_ref());
        return Ok(if ok {
            VecDeque::from([m.rec.uid])
        } else {
            VecDeque::new()
        });
    }
    let object_type = match w.class {
        Some(ck::CKO_SECRET_KEY) => Some(ot::SYMMETRIC_KEY),
        Some(ck::CKO_PRIVATE_KEY) => Some(ot::PRIVATE_KEY),
        Some(ck::CKO_PUBLIC_KEY) => Some(ot::PUBLIC_KEY),
        Some(ck::CKO_CERTIFICATE) => Some(ot::CERTIFICATE),
        _ => None,
    };
    let q = ObjectQuery {
        object_type,
        states: Some(live),
        text: w
            .label
            .iter()
            .map(|l| ("Name".to_owned(), l.clone()))
            .collect(),
        ..Default::default()
    };
    let page = ctx
        .server
        .store
        .query_objects(&ctx.tenant.id, &q, &PageRequest::first(MAX_FOUND))
        .map_err(|_| rv::DEVICE_ERROR)?;
    Ok(page
        .records
        .into_iter()
        .filter(|r| w.class.is_none_or(|c| c == class_of(r.object_type)))
        .filter(|r| {
            w.key_type
                .is_none_or(|k| Some(k) == key_type_of(r.algorithm))
        })
        .map(|r| r.uid)
        .collect())
}

pub fn find_objects(corr: &str, input: &[u8]) -> Answer {
    let mut r = Reader::new(input);
    let (Some(h), Some(max), true) = (r.ulong(), r.ulong(), r.is_empty()) else {
        return (None, rv::ARGUMENTS_BAD);
    };
    let mut map = contexts();
    let Some(c) = map.get_mut(corr) else {
        return (None, rv::CRYPTOKI_NOT_INITIALIZED);
    };
    let Some(found) = c.sessions.get_mut(&h).map(|s| s.found.take()) else {
        return (None, rv::SESSION_HANDLE_INVALID);
    };
    let Some(mut found) = found else {
        return (None, rv::OPERATION_NOT_INITIALIZED);
    };
    let take = usize::try_from(max).unwrap_or(usize::MAX).min(found.len());
    let mut handles = Vec::with_capacity(take);
    let mut code = rv::OK;
    for uid in found.drain(..take) {
        match c.handle_of(&uid) {
            Some(handle) => handles.push(handle),
            None => {
                code = rv::DEVICE_MEMORY;
                break;
            }
        }
    }
    if let Some(s) = c.sessions.get_mut(&h) {
        s.found = Some(found);
    }
    let mut w = Writer::default();
    w.ulong(handles.len() as u64);
    for handle in handles {
        w.ulong(handle);
    }
    (Some(w.out), code)
}

pub fn find_objects_final(corr: &str, input: &[u8]) -> Answer {
    let mut r = Reader::new(input);
    let (Some(h), true) = (r.ulong(), r.is_empty()) else {
        return (None, rv::ARGUMENTS_BAD);
    };
    match contexts()
        .get_mut(corr)
        .and_then(|c| c.sessions.get_mut(&h))
    {
        None => (None, rv::SESSION_HANDLE_INVALID),
        Some(s) => match s.found.take() {
            Some(_) => (None, rv::OK),
            None => (None, rv::OPERATION_NOT_INITIALIZED),
        },
    }
}

/// The object a session's handle names, loaded (or the return code saying why not).
pub fn object_of(ctx: &OpCtx<'_>, corr: &str, session: u64, handle: u64) -> Result<Managed, u32> {
    let uid = {
        let map = contexts();
        let c = map.get(corr).ok_or(rv::CRYPTOKI_NOT_INITIALIZED)?;
        if !c.sessions.contains_key(&session) {
            return Err(rv::SESSION_HANDLE_INVALID);
        }
        c.uid_of(handle).ok_or(rv::OBJECT_HANDLE_INVALID)?
    };
    match ctx.load(&uid) {
        Ok(m) if !matches!(m.rec.state, state::DESTROYED | state::DESTROYED_COMPROMISED) => Ok(m),
        _ => Err(rv::OBJECT_HANDLE_INVALID),
    }
}

pub fn get_attribute_value(ctx: &OpCtx<'_>, corr: &str, input: &[u8]) -> Answer {
    let mut r = Reader::new(input);
    let (Some(h), Some(obj)) = (r.ulong(), r.ulong()) else {
        return (None, rv::ARGUMENTS_BAD);
    };
    let Some(n) = r.count(16) else {
        return (None, rv::ARGUMENTS_BAD);
    };
    let mut types = Vec::with_capacity(n);
    for _ in 0..n {
        let (Some(t), Some(_len)) = (r.ulong(), r.ulong()) else {
            return (None, rv::ARGUMENTS_BAD);
        };
        types.push(t);
    }
    if !r.is_empty() {
        return (None, rv::ARGUMENTS_BAD);
    }
    let m = match object_of(ctx, corr, h, obj) {
        Ok(m) => m,
        Err(code) => return (None, code),
    };
    let class = class_of(m.rec.object_type);
    // Keys and data are sensitive; certificates and public keys are not.
    let secret = matches!(
        class,
        ck::CKO_SECRET_KEY | ck::CKO_PRIVATE_KEY | ck::CKO_DATA
    );
    let mask = m.attrs.iter().find_map(|a| match a.value {
        Value::Integer(v) if a.name.is(tag::CRYPTOGRAPHIC_USAGE_MASK) => Some(v as u32),
        _ => None,
    });
    let ulong = |v: u64| Some(v.to_le_bytes().to_vec());
    let flag = |b: bool| Some(vec![u8::from(b)]);
    let mut code = rv::OK;
    let mut w = Writer::default();
    w.ulong(types.len() as u64);
    for t in types {
        let value = match t {
            ck::CKA_CLASS => ulong(class),
            ck::CKA_TOKEN | ck::CKA_PRIVATE => flag(true),
            ck::CKA_LABEL => Some(label_of(&m).unwrap_or_default().into_bytes()),
            ck::CKA_ID => Some(m.rec.uid.clone().into_bytes()),
            ck::CKA_KEY_TYPE if class != ck::CKO_CERTIFICATE && class != ck::CKO_DATA => {
                key_type_of(m.rec.algorithm).and_then(ulong)
            }
            ck::CKA_VALUE_LEN if class == ck::CKO_SECRET_KEY => m
                .rec
                .length
                .and_then(|l| u64::try_from(l / 8).ok())
                .and_then(ulong),
            ck::CKA_SENSITIVE if class != ck::CKO_CERTIFICATE => flag(secret),
            ck::CKA_EXTRACTABLE if class != ck::CKO_CERTIFICATE => flag(!secret),
            ck::CKA_ENCRYPT if class != ck::CKO_CERTIFICATE => {
                flag(mask.is_some_and(|v| v & 0x4 != 0))
            }
            ck::CKA_DECRYPT if class != ck::CKO_CERTIFICATE => {
                flag(mask.is_some_and(|v| v & 0x8 != 0))
            }
            ck::CKA_VALUE if secret => {
                code = rv::ATTRIBUTE_SENSITIVE;
                None
            }
            ck::CKA_VALUE if class == ck::CKO_CERTIFICATE => match ctx.open(&m) {
                Ok(content) => Some(content.material.to_vec()),
                Err(_) => return (None, rv::DEVICE_ERROR),
            },
            _ => {
                if code == rv::OK {
                    code = rv::ATTRIBUTE_TYPE_INVALID;
                }
                None
            }
        };
        w.ulong(t);
        match value {
            Some(v) => w.array(&v),
            None => w.ulong(UNAVAILABLE),
        };
    }
    (Some(w.out), code)
}
