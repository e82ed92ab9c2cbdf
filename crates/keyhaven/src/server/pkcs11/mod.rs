//! The PKCS#11 interface carried by KMIP's PKCS#11 operation (KMIP 2.0 and 2.1, section 6.1.37),
//! over the calling client's tenant: one slot whose token is the tenant's key store.
//!
//! A context (C_Initialize .. C_Finalize, named by the Correlation Value the server chooses) holds
//! the client's sessions, the object handles it was given and each session's find and cipher
//! operation; contexts live in this node's memory (a PKCS#11 application keeps talking to the
//! node it initialized on) and are bounded in number. How parameters are laid out: [`codec`].
//! What each function does: [`token`] (slot, token and sessions), [`objects`] (finding objects and
//! reading their attributes, never the value of a secret or private key), [`cipher`] (AES-CBC with
//! padding and AES-GCM through the tenant's keys, by the same checks as KMIP Encrypt and Decrypt).

pub mod cipher;
pub mod codec;
pub mod objects;
pub mod token;

use std::collections::{HashMap, VecDeque};
use std::sync::{Mutex, MutexGuard, OnceLock};

/// The most PKCS#11 contexts open at once on this node.
pub const MAX_CONTEXTS: usize = 10_000;
/// PKCS#11 contexts one client may hold at once.
pub const MAX_CONTEXTS_PER_CLIENT: usize = 64;
/// Sessions one context may hold at once.
pub const MAX_SESSIONS: usize = 64;
/// Object handles one context may hand out.
pub const MAX_HANDLES: usize = 10_000;
/// The only slot, holding the tenant's token.
pub const SLOT: u64 = 1;

/// What a context knows.
pub struct Context {
    /// (tenant id, client id) of the client that opened it.
    pub owner: (String, String),
    pub sessions: HashMap<u64, Session>,
    pub next_session: u64,
    /// Object handle `i + 1` names the object `handles[i]`.
    pub handles: Vec<String>,
}

impl Context {
    pub fn new(owner: (String, String)) -> Context {
        Context {
            owner,
            sessions: HashMap::new(),
            next_session: 1,
            handles: Vec::new(),
        }
    }

    /// The handle of object `uid` (the one it was given before, or a new one); `None` when the
    /// context has handed out all it may.
    pub fn handle_of(&mut self, uid: &str) -> Option<u64> {
        if let Some(i) = self.handles.iter().position(|h| h == uid) {
            return Some(i as u64 + 1);
        }
        if self.handles.len() >= MAX_HANDLES {
            return None;
        }
        self.handles.push(uid.to_owned());
        Some(self.handles.len() as u64)
    }

    /// The object a handle names.
    pub fn uid_of(&self, handle: u64) -> Option<String> {
        let i = usize::try_from(handle).ok()?.checked_sub(1)?;
        self.handles.get(i).cloned()
    }
}

/// A session's operations in progress.
#[derive(Default)]
pub struct Session {
    /// Opened with CKF_RW_SESSION.
    pub rw: bool,
    /// Objects C_FindObjects has still to return.
    pub found: Option<VecDeque<String>>,
    pub encrypt: Option<cipher::Operation>,
    pub decrypt: Option<cipher::Operation>,
}

impl Session {
    /// The session's encryption (`encrypt`) or decryption operation.
    pub fn operation(&mut self, encrypt: bool) -> &mut Option<cipher::Operation> {
        if encrypt {
            &mut self.encrypt
        } else {
            &mut self.decrypt
        }
    }
}

/// Open contexts by Correlation Value (hex).
pub fn contexts() -> MutexGuard<'static, HashMap<String, Context>> {
    static C: OnceLock<Mutex<HashMap<String, Context>>> = OnceLock::new();
    C.get_or_init(|| Mutex::new(HashMap::new()))
        .lock()
        .unwrap_or_else(|e| e.into_inner())
}

/// CK_RV values used here.
pub mod rv {
    pub use keyhaven_kmip::enums::pkcs_11_return_code::*;
}

/// PKCS#11's constants used here (PKCS#11 3.0 base specification).
pub mod ck {
    pub const CKO_DATA: u64 = 0;
    pub const CKO_CERTIFICATE: u64 = 1;
    pub const CKO_PUBLIC_KEY: u64 = 2;
    pub const CKO_PRIVATE_KEY: u64 = 3;
    pub const CKO_SECRET_KEY: u64 = 4;
    pub const CKA_CLASS: u64 = 0x0;
    pub const CKA_TOKEN: u64 = 0x1;
    pub const CKA_PRIVATE: u64 = 0x2;
    pub const CKA_LABEL: u64 = 0x3;
    pub const CKA_VALUE: u64 = 0x11;
    pub const CKA_KEY_TYPE: u64 = 0x100;
    pub const CKA_ID: u64 = 0x102;
    pub const CKA_SENSITIVE: u64 = 0x103;
    pub const CKA_ENCRYPT: u64 = 0x104;
    pub const CKA_DECRYPT: u64 = 0x105;
    pub const CKA_VALUE_LEN: u64 = 0x161;
    pub const CKA_EXTRACTABLE: u64 = 0x162;
    pub const CKK_RSA: u64 = 0x0;
    pub const CKK_EC: u64 = 0x3;
    pub const CKK_GENERIC_SECRET: u64 = 0x10;
    pub const CKK_DES3: u64 = 0x15;
    pub const CKK_AES: u64 = 0x1F;
    pub const CKM_AES_CBC_PAD: u64 = 0x1085;
    pub const CKM_AES_GCM: u64 = 0x1087;
    pub const CKF_RW_SESSION: u64 = 0x2;
    pub const CKF_SERIAL_SESSION: u64 = 0x4;
    pub const CKF_RNG: u64 = 0x1;
    pub const CKF_TOKEN_INITIALIZED: u64 = 0x400;
}
