//! Root keys in a PKCS#11 token: any HSM with a PKCS#11 library (Thales Luna, AWS CloudHSM,
//! YubiHSM 2, Utimaco, IBM HPCS...), and SoftHSM2 for the tests.
//!
//! A root key is an AES-256 secret-key object of the token, found by its `CKA_LABEL` (the key
//! reference stored with the tenant is that label). Keys made by Keyhaven are generated inside the
//! token with `CKA_TOKEN`, `CKA_PRIVATE`, `CKA_SENSITIVE`, `CKA_EXTRACTABLE = false`,
//! `CKA_ENCRYPT`/`CKA_DECRYPT` and nothing else (no wrap, unwrap, sign, verify, derive); an existing
//! key can be adopted by label when it has those properties. The key never leaves the token: every
//! wrap and unwrap of a tenant wrapping key is a `C_Encrypt`/`C_Decrypt` with `CKM_AES_GCM`
//! (12-byte IV, 128-bit tag) inside the token, bound to the caller's associated data.
//!
//! Wrapped blobs are `version (1) | iv (12) | ciphertext || tag`, with associated data
//! `version || caller's aad`. The IV is random; tokens that insist on making the IV themselves
//! (AWS CloudHSM, Luna in FIPS mode) write theirs into the IV buffer, and that one is stored.
//!
//! The PIN is read from a file or an environment variable named in the provider's configuration,
//! at every login (never stored in Keyhaven's configuration). A PIN the token refused is not tried
//! again until it changes, so a wrong PIN cannot lock the token out.
//!
//! Sessions: a small pool of read-write sessions per provider. A PKCS#11 library is loaded and
//! initialized once per process; when the module or token fails (device errors, token absent, a
//! probe of the token failing after an unexpected answer) the module is finalized and initialized
//! again (at most once per second), sessions are reopened and the user logged in again. While that
//! does not succeed every call fails with [`RootKeyError::Unavailable`]. A key object that is gone
//! from a token that answers is [`RootKeyError::KeyNotFound`]; a key whose `CKA_DECRYPT` is false
//! (or that the token refuses to use, `CKR_KEY_FUNCTION_NOT_PERMITTED`) is
//! [`RootKeyError::KeyDisabled`].

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock, RwLock, RwLockReadGuard, RwLockWriteGuard};
use std::time::{Duration, Instant};

use cryptoki::context::{CInitializeArgs, CInitializeFlags, Pkcs11};
use cryptoki::error::{Error as CkError, RvError};
use cryptoki::mechanism::aead::GcmParams;
use cryptoki::mechanism::{Mechanism, MechanismType};
use cryptoki::object::{Attribute, AttributeType, KeyType, ObjectClass, ObjectHandle};
use cryptoki::session::{Session, UserType};
use cryptoki::slot::Slot;
use cryptoki::types::AuthPin;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use super::{RootKeyError, RootKeyProvider, RootKeyStatus};

const WRAP_VERSION: u8 = 1;
const IV_LEN: usize = 12;
const TAG_BITS: u64 = 128;
const KEY_LEN: u64 = 32;
/// Labels of the root keys Keyhaven generates: this prefix and a UUID.
pub const LABEL_PREFIX: &str = "keyhaven-crk-";
/// Least time between two initializations of a failing module.
const RETRY_AFTER: Duration = Duration::from_secs(1);
const DEFAULT_IDLE_SESSIONS: usize = 4;

/// How to reach one token. Exactly one of `token_label` and `slot`, and exactly one of `pin_file`
/// and `pin_env`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pkcs11Config {
    /// The PKCS#11 library (`.so`) of the HSM vendor.
    pub module: PathBuf,
    /// The token, by its label (preferred: slot numbers can change).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token_label: Option<String>,
    /// The token, by slot id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slot: Option<u64>,
    /// A file holding the user PIN (trailing newlines ignored); keep it mode 0600.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pin_file: Option<PathBuf>,
    /// An environment variable holding the user PIN (set in the server's and the admin's
    /// environment).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pin_env: Option<String>,
    /// Most idle sessions kept open (default 4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_idle_sessions: Option<usize>,
}

impl Pkcs11Config {
    /// Checks the settings are complete and consistent (not that the token answers).
    pub fn validate(&self) -> Result<(), String> {
        if self.module.as_os_str().is_empty() {
            return Err("the PKCS#11 module path is empty".into());
        }
        match (&self.token_label, self.slot) {
            (Some(_), Some(_)) => {
                return Err("give either a token label or a slot, not both".into())
            }
            (None, None) => return Err("give a token label or a slot".into()),
            (Some(l), None) if l.trim().is_empty() => return Err("the token label is empty".into()),
            _ => {}
        }
        match (&self.pin_file, &self.pin_env) {
            (Some(_), Some(_)) => {
                Err("give either a PIN file or a PIN environment variable, not both".into())
            }
            (None, None) => Err("give a PIN file or a PIN environment variable".into()),
            (None, Some(v)) if v.is_empty() || v.contains('=') => {
                Err(format!("{v:?} is not an environment variable name"))
            }
            _ => Ok(()),
        }
    }

    /// One line for `provider list`: module, token and where the PIN comes from.
    pub fn summary(&self) -> String {
        let token = match (&self.token_label, self.slot) {
            (Some(l), _) => format!("token {l:?}"),
            (None, Some(s)) => format!("slot {s}"),
            (None, None) => "no token".into(),
        };
        let pin = match (&self.pin_file, &self.pin_env) {
            (Some(f), _) => format!("PIN file {}", f.display()),
            (None, Some(v)) => format!("PIN in ${v}"),
            (None, None) => "no PIN".into(),
        };
        format!("{}, {token}, {pin}", self.module.display())
    }
}

/// `Function returned CKR` text of a cryptoki error.
fn describe(e: &CkError) -> String {
    match e {
        CkError::Pkcs11(rv, f) => format!("C_{f:?} returned {rv:?}"),
        other => other.to_string(),
    }
}

/// Return values that mean the module, token or session is unusable (rather than an answer about
/// the key): the module is re-initialized and the call retried once.
fn is_device_failure(rv: RvError) -> bool {
    matches!(
        rv,
        RvError::DeviceError
            | RvError::DeviceRemoved
            | RvError::DeviceMemory
            | RvError::TokenNotPresent
            | RvError::TokenNotRecognized
            | RvError::SessionHandleInvalid
            | RvError::SessionClosed
            | RvError::SessionCount
            | RvError::CryptokiNotInitialized
            | RvError::SlotIdInvalid
            | RvError::GeneralError
            | RvError::FunctionFailed
            | RvError::HostMemory
            | RvError::UserNotLoggedIn
            | RvError::FunctionCanceled
    )
}

/// How an operation on the token failed.
enum Fail {
    /// The module or token misbehaved: reset, retry, or report [`RootKeyError::Unavailable`].
    Device(String),
    /// An answer of the token (believed only once a probe shows the token is healthy).
    Answer(RootKeyError),
}

impl Fail {
    /// Maps a cryptoki error of `what` (a sentence fragment naming the key) to a failure.
    fn from_ck(what: &str, e: CkError) -> Fail {
        let text = format!("{what}: {}", describe(&e));
        match e {
            CkError::Pkcs11(rv, _) if is_device_failure(rv) => Fail::Device(text),
            CkError::Pkcs11(rv, _) => Fail::Answer(match rv {
                RvError::ObjectHandleInvalid | RvError::KeyHandleInvalid => {
                    RootKeyError::KeyNotFound(text)
                }
                RvError::KeyFunctionNotPermitted => RootKeyError::KeyDisabled(text),
                RvError::EncryptedDataInvalid
                | RvError::EncryptedDataLenRange
                | RvError::DataInvalid
                | RvError::DataLenRange => RootKeyError::Integrity(text),
                RvError::PinIncorrect
                | RvError::PinInvalid
                | RvError::PinLenRange
                | RvError::PinExpired
                | RvError::PinLocked
                | RvError::UserPinNotInitialized => RootKeyError::Locked(text),
                RvError::MechanismInvalid
                | RvError::MechanismParamInvalid
                | RvError::FunctionNotSupported => RootKeyError::Unsupported(text),
                _ => RootKeyError::Io(text),
            }),
            CkError::LibraryLoading(_) => Fail::Device(text),
            _ => Fail::Answer(RootKeyError::Io(text)),
        }
    }
}

/// One loaded PKCS#11 library, shared by every provider of the process that uses it (a library
/// may be initialized only once per process).
struct Module {
    path: PathBuf,
    state: RwLock<ModuleState>,
}

struct ModuleState {
    /// The loaded library (kept loaded across re-initializations).
    ctx: Option<Pkcs11>,
    initialized: bool,
    /// Changes at every initialization and reset: sessions of another generation are stale.
    generation: u64,
    /// No initialization is attempted before this instant.
    retry_at: Option<Instant>,
    last_reset: Option<Instant>,
    last_error: String,
}

fn modules() -> &'static Mutex<HashMap<PathBuf, Arc<Module>>> {
    static MODULES: OnceLock<Mutex<HashMap<PathBuf, Arc<Module>>>> = OnceLock::new();
    MODULES.get_or_init(|| Mutex::new(HashMap::new()))
}

impl Module {
    fn get(path: &Path) -> Arc<Module> {
        let key = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        let mut map = modules().lock().unwrap_or_else(|p| p.into_inner());
        Arc::clone(map.entry(key.clone()).or_insert_with(|| {
            Arc::new(Module {
                path: key,
                state: RwLock::new(ModuleState {
                    ctx: None,
                    initialized: false,
                    generation: 0,
                    retry_at: None,
                    last_reset: None,
                    last_error: String::new(),
                }),
            })
        }))
    }

    fn read(&self) -> RwLockReadGuard<'_, ModuleState> {
        self.state.read().unwrap_or_else(|p| p.into_inner())
    }

    fn write(&self) -> RwLockWriteGuard<'_, ModuleState> {
        self.state.write().unwrap_or_else(|p| p.into_inner())
    }

    fn unavailable(&self, st: &ModuleState) -> RootKeyError {
        RootKeyError::Unavailable(format!(
            "PKCS#11 module {}: {}",
            self.path.display(),
            st.last_error
        ))
    }

    /// A read guard on the initialized module, initializing it first when needed. Holding the
    /// guard keeps the module from being reset under the caller.
    fn ready(&self) -> Result<RwLockReadGuard<'_, ModuleState>, RootKeyError> {
        {
            let st = self.read();
            if st.initialized {
                return Ok(st);
            }
            if st.retry_at.is_some_and(|t| Instant::now() < t) {
                return Err(self.unavailable(&st));
            }
        }
        {
            let mut st = self.write();
            if !st.initialized {
                self.initialize(&mut st)?;
            }
        }
        let st = self.read();
        if st.initialized {
            Ok(st)
        } else {
            Err(self.unavailable(&st))
        }
    }

    fn initialize(&self, st: &mut ModuleState) -> Result<(), RootKeyError> {
        if st.retry_at.is_some_and(|t| Instant::now() < t) {
            return Err(self.unavailable(st));
        }
        let fail = |st: &mut ModuleState, msg: String| {
            st.retry_at = Some(Instant::now() + RETRY_AFTER);
            st.last_error = msg;
            self.unavailable(st)
        };
        if st.ctx.is_none() {
            match Pkcs11::new(&self.path) {
                Ok(ctx) => st.ctx = Some(ctx),
                Err(e) => return Err(fail(st, format!("cannot load the library: {e}"))),
            }
        }
        let Some(ctx) = st.ctx.as_ref() else {
            return Err(fail(st, "library not loaded".into()));
        };
        match ctx.initialize(CInitializeArgs::new(CInitializeFlags::OS_LOCKING_OK)) {
            Ok(()) | Err(CkError::Pkcs11(RvError::CryptokiAlreadyInitialized, _)) => {
                st.initialized = true;
                st.generation += 1;
                st.retry_at = None;
                if !st.last_error.is_empty() {
                    tracing::info!(module = %self.path.display(), "PKCS#11 module initialized again");
                }
                st.last_error.clear();
                Ok(())
            }
            Err(e) => Err(fail(st, format!("cannot initialize: {}", describe(&e)))),
        }
    }

    /// Finalizes the module after a failure seen in `generation` (once per generation), so the
    /// next call initializes it afresh.
    fn reset(&self, generation: u64, reason: &str) {
        let mut st = self.write();
        if st.generation != generation || !st.initialized {
            return;
        }
        tracing::warn!(module = %self.path.display(), %reason, "PKCS#11 module failed; re-initializing it");
        if let Some(ctx) = st.ctx.as_ref() {
            let _ = ctx.clone().finalize();
        }
        let now = Instant::now();
        st.initialized = false;
        st.generation += 1;
        // One immediate re-initialization, unless the module was reset a moment ago.
        st.retry_at = match st.last_reset {
            Some(t) if now.duration_since(t) < RETRY_AFTER => Some(t + RETRY_AFTER),
            _ => None,
        };
        st.last_reset = Some(now);
        st.last_error = reason.to_owned();
    }
}

/// Sessions and login state of one provider, for one module generation.
struct Pool {
    generation: u64,
    slot: Option<Slot>,
    idle: Vec<Session>,
    /// SHA-256 of a PIN the token refused: not presented again (token lockout).
    refused_pin: Option<[u8; 32]>,
}

/// A named PKCS#11 root-key provider.
pub struct Pkcs11Provider {
    name: String,
    config: Pkcs11Config,
    module: Arc<Module>,
    pool: Mutex<Pool>,
}

impl fmt::Debug for Pkcs11Provider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pkcs11Provider")
            .field("name", &self.name)
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

fn key_template(label: &str) -> Vec<Attribute> {
    vec![
        Attribute::Class(ObjectClass::SECRET_KEY),
        Attribute::KeyType(KeyType::AES),
        Attribute::Label(label.as_bytes().to_vec()),
    ]
}

fn wrap_aad(aad: &[u8]) -> Vec<u8> {
    let mut full = Vec::with_capacity(1 + aad.len());
    full.push(WRAP_VERSION);
    full.extend_from_slice(aad);
    full
}

impl Pkcs11Provider {
    /// A provider over that configuration. Nothing is loaded yet: the library is loaded and the
    /// token logged into at first use (so a server starts even while its HSM is unreachable).
    pub fn new(name: &str, config: Pkcs11Config) -> Result<Self, RootKeyError> {
        config
            .validate()
            .map_err(|e| RootKeyError::Io(format!("provider {name}: {e}")))?;
        Ok(Pkcs11Provider {
            name: name.to_owned(),
            module: Module::get(&config.module),
            config,
            pool: Mutex::new(Pool {
                generation: 0,
                slot: None,
                idle: Vec::new(),
                refused_pin: None,
            }),
        })
    }

    pub fn config(&self) -> &Pkcs11Config {
        &self.config
    }

    fn lock_pool(&self) -> MutexGuard<'_, Pool> {
        self.pool.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn token_name(&self) -> String {
        match (&self.config.token_label, self.config.slot) {
            (Some(l), _) => format!("token {l:?}"),
            (None, Some(s)) => format!("slot {s}"),
            (None, None) => "the token".into(),
        }
    }

    fn find_slot(&self, ctx: &Pkcs11) -> Result<Slot, Fail> {
        let slots = ctx
            .get_slots_with_token()
            .map_err(|e| Fail::from_ck("list slots", e))?;
        if let Some(id) = self.config.slot {
            return slots.into_iter().find(|s| s.id() == id).ok_or_else(|| {
                Fail::Device(format!("no token present in slot {id} of {}", self.name))
            });
        }
        let want = self
            .config
            .token_label
            .as_deref()
            .unwrap_or_default()
            .trim();
        for s in slots {
            if let Ok(info) = ctx.get_token_info(s) {
                if info.label().trim() == want {
                    return Ok(s);
                }
            }
        }
        Err(Fail::Device(format!(
            "no token labelled {want:?} is present"
        )))
    }

    fn read_pin(&self) -> Result<Zeroizing<String>, Fail> {
        let locked = |m: String| Fail::Answer(RootKeyError::Locked(m));
        let mut pin = if let Some(f) = &self.config.pin_file {
            Zeroizing::new(std::fs::read_to_string(f).map_err(|e| {
                locked(format!(
                    "cannot read the PIN file {} of provider {}: {e}",
                    f.display(),
                    self.name
                ))
            })?)
        } else if let Some(v) = &self.config.pin_env {
            Zeroizing::new(std::env::var(v).map_err(|_| {
                locked(format!(
                    "the environment variable {v} (PIN of provider {}) is not set",
                    self.name
                ))
            })?)
        } else {
            return Err(locked(format!("provider {} has no PIN source", self.name)));
        };
        while pin.ends_with('\n') || pin.ends_with('\r') {
            pin.pop();
        }
        Ok(pin)
    }

    fn login(&self, session: &Session) -> Result<(), Fail> {
        let pin = self.read_pin()?;
        let digest: [u8; 32] = Sha256::digest(pin.as_bytes()).into();
        if self.lock_pool().refused_pin == Some(digest) {
            return Err(Fail::Answer(RootKeyError::Locked(format!(
                "{} refused this PIN of provider {}; it is not presented again (the token would lock) until the PIN changes",
                self.token_name(),
                self.name
            ))));
        }
        let auth = AuthPin::new(pin.as_str().into());
        match session.login(UserType::User, Some(&auth)) {
            Ok(()) | Err(CkError::Pkcs11(RvError::UserAlreadyLoggedIn, _)) => Ok(()),
            Err(e @ CkError::Pkcs11(RvError::PinIncorrect, _)) => {
                self.lock_pool().refused_pin = Some(digest);
                Err(Fail::from_ck(
                    &format!("log in to {}", self.token_name()),
                    e,
                ))
            }
            Err(e) => Err(Fail::from_ck(
                &format!("log in to {}", self.token_name()),
                e,
            )),
        }
    }

    /// A logged-in session (from the pool, or new) on the provider's slot.
    fn acquire(&self, ctx: &Pkcs11, generation: u64) -> Result<(Slot, Session), Fail> {
        let slot = {
            let mut pool = self.lock_pool();
            if pool.generation != generation {
                // Sessions of an earlier generation died with the module's finalization; they
                // are dropped without being closed (their handles may be reused by now).
                pool.idle.clear();
                pool.slot = None;
                pool.generation = generation;
            }
            if let Some(slot) = pool.slot {
                if let Some(s) = pool.idle.pop() {
                    return Ok((slot, s));
                }
                slot
            } else {
                drop(pool);
                let slot = self.find_slot(ctx)?;
                self.lock_pool().slot = Some(slot);
                slot
            }
        };
        let session = ctx
            .open_rw_session_no_drop(slot)
            .map_err(|e| Fail::from_ck(&format!("open a session on {}", self.token_name()), e))?;
        if let Err(e) = self.login(&session) {
            let _ = session.close();
            return Err(e);
        }
        Ok((slot, session))
    }

    fn release(&self, generation: u64, session: Session) {
        let max = self
            .config
            .max_idle_sessions
            .unwrap_or(DEFAULT_IDLE_SESSIONS);
        let mut pool = self.lock_pool();
        if pool.generation == generation && pool.idle.len() < max {
            pool.idle.push(session);
        } else if pool.generation == generation {
            drop(pool);
            let _ = session.close();
        }
    }

    /// Runs `op` on a logged-in session. An answer of the token is believed only when the token
    /// still answers a probe (`C_GetTokenInfo`); otherwise, and on device failures, the module is
    /// reset and the call retried once before reporting [`RootKeyError::Unavailable`].
    fn run<T>(&self, op: &dyn Fn(&Session) -> Result<T, Fail>) -> Result<T, RootKeyError> {
        let mut last = String::new();
        for _attempt in 0..2 {
            let st = self.module.ready()?;
            let generation = st.generation;
            let Some(ctx) = st.ctx.as_ref() else {
                return Err(self.module.unavailable(&st));
            };
            let failure = match self.acquire(ctx, generation) {
                Err(Fail::Answer(e)) => return Err(e),
                Err(Fail::Device(m)) => m,
                Ok((slot, session)) => match op(&session) {
                    Ok(v) => {
                        self.release(generation, session);
                        return Ok(v);
                    }
                    Err(Fail::Answer(e)) => match ctx.get_token_info(slot) {
                        Ok(info) if !info.error_state() => {
                            self.release(generation, session);
                            return Err(e);
                        }
                        Ok(_) => format!("{e} (and the token reports an error state)"),
                        Err(p) => format!("{e} (and the token does not answer: {})", describe(&p)),
                    },
                    Err(Fail::Device(m)) => m,
                },
            };
            // The session (if any) is dropped unclosed: the module is finalized below.
            drop(st);
            self.module.reset(generation, &failure);
            last = failure;
        }
        Err(RootKeyError::Unavailable(format!(
            "PKCS#11 provider {} ({}): {last}",
            self.name,
            self.token_name()
        )))
    }

    /// The handle of the key labelled `label`; exactly one must exist.
    fn find(&self, s: &Session, label: &str) -> Result<ObjectHandle, Fail> {
        let found = s
            .find_objects(&key_template(label))
            .map_err(|e| Fail::from_ck(&format!("find root key {label}"), e))?;
        match found.as_slice() {
            [h] => Ok(*h),
            [] => Err(Fail::Answer(RootKeyError::KeyNotFound(format!(
                "no AES key labelled {label} in {} of provider {} (destroyed)",
                self.token_name(),
                self.name
            )))),
            more => Err(Fail::Answer(RootKeyError::Integrity(format!(
                "{} AES keys are labelled {label} in {} of provider {}; a root key label must be unique",
                more.len(),
                self.token_name(),
                self.name
            )))),
        }
    }

    /// Checks the key is fit to be a root key: AES-256, token object, sensitive, not extractable,
    /// allowed to encrypt and decrypt.
    fn check_fit(&self, s: &Session, h: ObjectHandle, label: &str) -> Result<(), Fail> {
        let attrs = s
            .get_attributes(
                h,
                &[
                    AttributeType::Token,
                    AttributeType::Sensitive,
                    AttributeType::Extractable,
                    AttributeType::ValueLen,
                    AttributeType::Encrypt,
                    AttributeType::Decrypt,
                ],
            )
            .map_err(|e| Fail::from_ck(&format!("read the attributes of {label}"), e))?;
        let mut problems = Vec::new();
        let mut seen = 0;
        for a in &attrs {
            match a {
                Attribute::Token(v) => {
                    seen += 1;
                    if !v {
                        problems.push("it is a session object (CKA_TOKEN false)");
                    }
                }
                Attribute::Sensitive(v) => {
                    seen += 1;
                    if !v {
                        problems.push("it is not sensitive (CKA_SENSITIVE false)");
                    }
                }
                Attribute::Extractable(v) => {
                    seen += 1;
                    if *v {
                        problems.push("it is extractable (CKA_EXTRACTABLE true)");
                    }
                }
                Attribute::ValueLen(v) => {
                    seen += 1;
                    if u64::from(*v) != KEY_LEN {
                        problems.push("it is not a 256-bit key");
                    }
                }
                Attribute::Encrypt(v) => {
                    seen += 1;
                    if !v {
                        problems.push("it may not encrypt (CKA_ENCRYPT false)");
                    }
                }
                Attribute::Decrypt(v) => {
                    seen += 1;
                    if !v {
                        problems.push("it may not decrypt (CKA_DECRYPT false)");
                    }
                }
                _ => {}
            }
        }
        if seen < 6 {
            problems.push("the token does not report all of its attributes");
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(Fail::Answer(RootKeyError::Unsupported(format!(
                "{label} cannot be a root key: {}",
                problems.join("; ")
            ))))
        }
    }

    fn encrypt(
        &self,
        s: &Session,
        h: ObjectHandle,
        label: &str,
        plaintext: &[u8],
        aad: &[u8],
    ) -> Result<Vec<u8>, Fail> {
        let what = format!("wrap under root key {label}");
        let mut iv = [0u8; IV_LEN];
        crate::crypto::fill_random(&mut iv);
        let full_aad = wrap_aad(aad);
        let ct = {
            let params = GcmParams::new(&mut iv, &full_aad, TAG_BITS.into())
                .map_err(|e| Fail::from_ck(&what, e))?;
            s.encrypt(&Mechanism::AesGcm(params), h, plaintext)
                .map_err(|e| Fail::from_ck(&what, e))?
        };
        // Tokens that generate the IV themselves wrote it into `iv`.
        let mut blob = Vec::with_capacity(1 + IV_LEN + ct.len());
        blob.push(WRAP_VERSION);
        blob.extend_from_slice(&iv);
        blob.extend_from_slice(&ct);
        Ok(blob)
    }

    fn decrypt(
        &self,
        s: &Session,
        h: ObjectHandle,
        label: &str,
        blob: &[u8],
        aad: &[u8],
    ) -> Result<Zeroizing<Vec<u8>>, Fail> {
        let what = format!("unwrap under root key {label}");
        if blob.first() != Some(&WRAP_VERSION) || blob.len() < 1 + IV_LEN + (TAG_BITS as usize / 8)
        {
            return Err(Fail::Answer(RootKeyError::Integrity(format!(
                "{what}: not a PKCS#11 wrapped key of a known format"
            ))));
        }
        let mut iv = [0u8; IV_LEN];
        iv.copy_from_slice(&blob[1..1 + IV_LEN]);
        let full_aad = wrap_aad(aad);
        let params = GcmParams::new(&mut iv, &full_aad, TAG_BITS.into())
            .map_err(|e| Fail::from_ck(&what, e))?;
        match s.decrypt(&Mechanism::AesGcm(params), h, &blob[1 + IV_LEN..]) {
            Ok(plain) => Ok(Zeroizing::new(plain)),
            // Tokens report a failed GCM tag check differently (SoftHSM2: CKR_GENERAL_ERROR);
            // `run` confirms the token is healthy before this is believed.
            Err(CkError::Pkcs11(
                RvError::GeneralError
                | RvError::EncryptedDataInvalid
                | RvError::EncryptedDataLenRange
                | RvError::FunctionFailed,
                f,
            )) => Err(Fail::Answer(RootKeyError::Integrity(format!(
                "{what}: C_{f:?} failed: the wrapped key does not authenticate under this root key (wrong key, tenant or tampered data)"
            )))),
            Err(e) => Err(Fail::from_ck(&what, e)),
        }
    }

    /// Connects, logs in and checks the token supports what Keyhaven needs; a one-line report.
    pub fn check(&self) -> Result<String, RootKeyError> {
        let report = self.run(&|s: &Session| {
            let info = s
                .get_session_info()
                .map_err(|e| Fail::from_ck("read the session", e))?;
            Ok(info.slot_id())
        })?;
        let st = self.module.ready()?;
        let Some(ctx) = st.ctx.as_ref() else {
            return Err(self.module.unavailable(&st));
        };
        let token = ctx
            .get_token_info(report)
            .map_err(|e| RootKeyError::Unavailable(describe(&e)))?;
        let mut missing = Vec::new();
        for (m, what, need_crypt) in [
            (MechanismType::AES_GCM, "CKM_AES_GCM", true),
            (MechanismType::AES_KEY_GEN, "CKM_AES_KEY_GEN", false),
        ] {
            match ctx.get_mechanism_info(report, m) {
                Ok(i) if !need_crypt || (i.encrypt() && i.decrypt()) => {}
                _ => missing.push(what),
            }
        }
        if !missing.is_empty() {
            return Err(RootKeyError::Unsupported(format!(
                "{} does not offer {} (needed for root keys)",
                self.token_name(),
                missing.join(" and ")
            )));
        }
        Ok(format!(
            "token {:?} in slot {} ({} {}, serial {}), logged in; CKM_AES_GCM and CKM_AES_KEY_GEN available",
            token.label().trim(),
            report.id(),
            token.manufacturer_id().trim(),
            token.model().trim(),
            token.serial_number().trim()
        ))
    }

    fn set_usable(&self, key_ref: &str, usable: bool) -> Result<(), RootKeyError> {
        self.run(&|s: &Session| {
            let h = self.find(s, key_ref)?;
            s.update_attributes(h, &[Attribute::Encrypt(usable), Attribute::Decrypt(usable)])
                .map_err(|e| match e {
                    CkError::Pkcs11(RvError::AttributeReadOnly | RvError::ActionProhibited, _) => {
                        Fail::Answer(RootKeyError::Unsupported(format!(
                            "{} does not let Keyhaven change the usage of {key_ref} (CKA_MODIFIABLE false?): use the HSM's own tools",
                            self.token_name()
                        )))
                    }
                    other => Fail::from_ck(&format!("change the usage of {key_ref}"), other),
                })
        })
    }
}

impl RootKeyProvider for Pkcs11Provider {
    fn kind(&self) -> &'static str {
        "pkcs11"
    }

    fn name(&self) -> &str {
        &self.name
    }

    fn create_key(&self) -> Result<String, RootKeyError> {
        let label = format!("{LABEL_PREFIX}{}", uuid::Uuid::new_v4());
        self.run(&|s: &Session| {
            let id = uuid::Uuid::new_v4().as_bytes().to_vec();
            let h = s
                .generate_key(
                    &Mechanism::AesKeyGen,
                    &[
                        Attribute::Class(ObjectClass::SECRET_KEY),
                        Attribute::KeyType(KeyType::AES),
                        Attribute::ValueLen(KEY_LEN.into()),
                        Attribute::Label(label.as_bytes().to_vec()),
                        Attribute::Id(id),
                        Attribute::Token(true),
                        Attribute::Private(true),
                        Attribute::Sensitive(true),
                        Attribute::Extractable(false),
                        Attribute::Modifiable(true),
                        Attribute::Encrypt(true),
                        Attribute::Decrypt(true),
                        Attribute::Wrap(false),
                        Attribute::Unwrap(false),
                        Attribute::Sign(false),
                        Attribute::Verify(false),
                        Attribute::Derive(false),
                    ],
                )
                .map_err(|e| Fail::from_ck(&format!("generate root key {label}"), e))?;
            // The token must have honoured the template.
            self.check_fit(s, h, &label)?;
            Ok(())
        })?;
        tracing::info!(provider = %self.name, key = %label, "root key generated in the token");
        Ok(label)
    }

    fn wrap(&self, key_ref: &str, plaintext: &[u8], aad: &[u8]) -> Result<Vec<u8>, RootKeyError> {
        self.run(&|s: &Session| {
            let h = self.find(s, key_ref)?;
            self.encrypt(s, h, key_ref, plaintext, aad)
        })
    }

    fn unwrap(
        &self,
        key_ref: &str,
        wrapped: &[u8],
        aad: &[u8],
    ) -> Result<Zeroizing<Vec<u8>>, RootKeyError> {
        self.run(&|s: &Session| {
            let h = self.find(s, key_ref)?;
            self.decrypt(s, h, key_ref, wrapped, aad)
        })
    }

    fn status(&self, key_ref: &str) -> Result<RootKeyStatus, RootKeyError> {
        let r = self.run(&|s: &Session| {
            let h = self.find(s, key_ref)?;
            let attrs = s
                .get_attributes(h, &[AttributeType::Decrypt])
                .map_err(|e| Fail::from_ck(&format!("read the usage of {key_ref}"), e))?;
            let decrypt = attrs.iter().any(|a| matches!(a, Attribute::Decrypt(true)));
            Ok(if decrypt {
                RootKeyStatus::Active
            } else {
                RootKeyStatus::Disabled
            })
        });
        match r {
            Err(RootKeyError::KeyNotFound(_)) => Ok(RootKeyStatus::Destroyed),
            Err(RootKeyError::KeyDisabled(_)) => Ok(RootKeyStatus::Disabled),
            other => other,
        }
    }

    fn find_key(&self, label: &str) -> Result<String, RootKeyError> {
        if label.is_empty() || label.len() > 128 || label.chars().any(char::is_control) {
            return Err(RootKeyError::KeyNotFound(format!(
                "{label:?} is not a usable key label"
            )));
        }
        self.run(&|s: &Session| {
            let h = self.find(s, label)?;
            self.check_fit(s, h, label)?;
            // The token must also allow AES-GCM with it (CKA_ALLOWED_MECHANISMS).
            let probe = [0u8; 32];
            let blob = self.encrypt(s, h, label, &probe, b"keyhaven-adopt-check")?;
            let back = self.decrypt(s, h, label, &blob, b"keyhaven-adopt-check")?;
            if back.as_slice() != probe {
                return Err(Fail::Answer(RootKeyError::Integrity(format!(
                    "{label}: AES-GCM round trip in the token gave other bytes"
                ))));
            }
            Ok(())
        })?;
        Ok(label.to_owned())
    }

    fn disable_key(&self, key_ref: &str) -> Result<(), RootKeyError> {
        self.set_usable(key_ref, false)
    }

    fn enable_key(&self, key_ref: &str) -> Result<(), RootKeyError> {
        self.set_usable(key_ref, true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cfg() -> Pkcs11Config {
        Pkcs11Config {
            module: "/usr/lib/softhsm/libsofthsm2.so".into(),
            token_label: Some("kh".into()),
            slot: None,
            pin_file: None,
            pin_env: Some("KH_PIN".into()),
            max_idle_sessions: None,
        }
    }

    #[test]
    fn config_validation() {
        assert!(cfg().validate().is_ok());
        let mut c = cfg();
        c.slot = Some(1);
        assert!(c.validate().unwrap_err().contains("not both"));
        c.token_label = None;
        assert!(c.validate().is_ok());
        c.slot = None;
        assert!(c.validate().unwrap_err().contains("token label or a slot"));
        let mut c = cfg();
        c.pin_file = Some("/x".into());
        assert!(c.validate().unwrap_err().contains("not both"));
        c.pin_env = None;
        c.pin_file = None;
        assert!(c.validate().unwrap_err().contains("PIN"));
        let mut c = cfg();
        c.pin_env = Some("A=B".into());
        assert!(c.validate().is_err());
    }

    #[test]
    fn config_json_round_trip() {
        let c = cfg();
        let text = serde_json::to_string(&c).expect("json");
        assert!(!text.contains("slot"), "{text}");
        assert_eq!(
            serde_json::from_str::<Pkcs11Config>(&text).expect("parse"),
            c
        );
    }

    #[test]
    fn missing_module_is_unavailable_and_retried_later() {
        let mut c = cfg();
        c.module = "/nonexistent/libnothing.so".into();
        let p = Pkcs11Provider::new("hsmx", c).expect("provider");
        match p.status("k") {
            Err(RootKeyError::Unavailable(m)) => assert!(m.contains("libnothing"), "{m}"),
            other => panic!("expected Unavailable, got {other:?}"),
        }
        // Within the retry delay the failure is reported at once.
        let t = Instant::now();
        assert!(matches!(
            p.wrap("k", b"x", b""),
            Err(RootKeyError::Unavailable(_))
        ));
        assert!(t.elapsed() < Duration::from_millis(500));
        assert!(!format!("{p:?}").contains("KH_PIN="));
    }

    #[test]
    fn errors_are_classified() {
        let dev = Fail::from_ck(
            "x",
            CkError::Pkcs11(RvError::DeviceRemoved, cryptoki::context::Function::Decrypt),
        );
        assert!(matches!(dev, Fail::Device(_)));
        for (rv, want) in [
            (RvError::ObjectHandleInvalid, "not found"),
            (RvError::KeyFunctionNotPermitted, "disabled"),
            (RvError::PinIncorrect, "locked"),
            (RvError::EncryptedDataInvalid, "integrity"),
        ] {
            match Fail::from_ck(
                "x",
                CkError::Pkcs11(rv, cryptoki::context::Function::Decrypt),
            ) {
                Fail::Answer(e) => assert!(e.to_string().contains(want), "{e}"),
                Fail::Device(m) => panic!("{m}"),
            }
        }
    }
}
