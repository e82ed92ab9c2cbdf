//! C_GetSlotList, C_GetTokenInfo, C_OpenSession, C_CloseSession, C_CloseAllSessions, C_Login,
//! C_Logout: one slot
//! ([`super::SLOT`]) whose token is the tenant's key store; sessions are serial sessions of the
//! context (read-write or read-only as asked; the client's TLS identity already logged it in).

use super::codec::{Reader, Writer, UNAVAILABLE};
use super::{ck, rv, Context, Session, MAX_SESSIONS, SLOT};
use crate::store::TenantRecord;

/// The answer of a function: Output Parameters (if any) and the return code.
pub type Answer = (Option<Vec<u8>>, u32);

pub fn get_slot_list(input: &[u8]) -> Answer {
    // tokenPresent (CK_BBOOL) may be sent or not: the one slot always holds its token.
    if input.len() > 1 {
        return (None, rv::ARGUMENTS_BAD);
    }
    let mut w = Writer::default();
    w.ulong(1).ulong(SLOT);
    (Some(w.out), rv::OK)
}

pub fn get_token_info(input: &[u8], tenant: &TenantRecord, c: &Context) -> Answer {
    let mut r = Reader::new(input);
    match r.ulong() {
        Some(SLOT) if r.is_empty() => {}
        Some(_) if r.is_empty() => return (None, rv::SLOT_ID_INVALID),
        _ => return (None, rv::ARGUMENTS_BAD),
    }
    let rw = c.sessions.values().filter(|s| s.rw).count() as u64;
    let mut w = Writer::default();
    w.padded(&tenant.name, 32)
        .padded("Keyhaven", 32)
        .padded("KMIP tenant", 16)
        .padded(&tenant.id.replace('-', ""), 16)
        .ulong(ck::CKF_RNG | ck::CKF_TOKEN_INITIALIZED)
        .ulong(MAX_SESSIONS as u64)
        .ulong(c.sessions.len() as u64)
        .ulong(MAX_SESSIONS as u64)
        .ulong(rw)
        .ulong(0)
        .ulong(0)
        .ulong(UNAVAILABLE)
        .ulong(UNAVAILABLE)
        .ulong(UNAVAILABLE)
        .ulong(UNAVAILABLE);
    let major: u8 = env!("CARGO_PKG_VERSION_MAJOR").parse().unwrap_or(0);
    let minor: u8 = env!("CARGO_PKG_VERSION_MINOR").parse().unwrap_or(0);
    w.raw(&[0, 0, major, minor]).padded("", 16);
    (Some(w.out), rv::OK)
}

pub fn open_session(input: &[u8], c: &mut Context) -> Answer {
    let mut r = Reader::new(input);
    let (Some(slot), Some(flags), true) = (r.ulong(), r.ulong(), r.is_empty()) else {
        return (None, rv::ARGUMENTS_BAD);
    };
    if slot != SLOT {
        return (None, rv::SLOT_ID_INVALID);
    }
    if flags & ck::CKF_SERIAL_SESSION == 0 {
        return (None, rv::SESSION_PARALLEL_NOT_SUPPORTED);
    }
    if c.sessions.len() >= MAX_SESSIONS {
        return (None, rv::SESSION_COUNT);
    }
    let h = c.next_session;
    c.next_session += 1;
    c.sessions.insert(
        h,
        Session {
            rw: flags & ck::CKF_RW_SESSION != 0,
            ..Default::default()
        },
    );
    let mut w = Writer::default();
    w.ulong(h);
    (Some(w.out), rv::OK)
}

pub fn close_session(input: &[u8], c: &mut Context) -> Answer {
    let mut r = Reader::new(input);
    let (Some(h), true) = (r.ulong(), r.is_empty()) else {
        return (None, rv::ARGUMENTS_BAD);
    };
    match c.sessions.remove(&h) {
        Some(_) => (None, rv::OK),
        None => (None, rv::SESSION_HANDLE_INVALID),
    }
}

pub fn close_all_sessions(input: &[u8], c: &mut Context) -> Answer {
    let mut r = Reader::new(input);
    match (r.ulong(), r.is_empty()) {
        (Some(SLOT), true) => {
            c.sessions.clear();
            (None, rv::OK)
        }
        (Some(_), true) => (None, rv::SLOT_ID_INVALID),
        _ => (None, rv::ARGUMENTS_BAD),
    }
}

/// C_Login (hSession, userType, PIN) and C_Logout (hSession): the client's TLS identity already
/// logged every session in, so C_Login answers CKR_USER_ALREADY_LOGGED_IN (the PIN is not used)
/// and C_Logout leaves the session as it is.
pub fn login(input: &[u8], c: &Context, logout: bool) -> Answer {
    let mut r = Reader::new(input);
    let Some(h) = r.ulong() else {
        return (None, rv::ARGUMENTS_BAD);
    };
    if !c.sessions.contains_key(&h) {
        return (None, rv::SESSION_HANDLE_INVALID);
    }
    if logout {
        (None, rv::OK)
    } else {
        (None, rv::USER_ALREADY_LOGGED_IN)
    }
}
