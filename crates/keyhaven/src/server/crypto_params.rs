//! What the cryptographic operations (Encrypt, Decrypt, MAC, MAC Verify, and the usage checks of
//! Check) share: the Cryptographic Parameters of a request completed by the key's own, the rules on
//! which key may be used for what (state, dates, Cryptographic Usage Mask, archived objects), Usage
//! Limits, and the streamed operations' state (Correlation Value).

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

use keyhaven_kmip::attribute::Attribute;
use keyhaven_kmip::enums::{
    block_cipher_mode as bcm, cryptographic_algorithm as alg, cryptographic_usage_mask as cum,
    padding_method as pm, state, usage_limits_unit,
};
use keyhaven_kmip::error::{KmipError, KmipResult, Reason};
use keyhaven_kmip::tag;
use keyhaven_ttlv::{Item, Value};

use super::objects::Managed;
use crate::crypto::cipher::{Algorithm, CipherError, Engine, Mode, Padding, Spec};

/// The fields of a Cryptographic Parameters structure that the symmetric operations use.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SymParams {
    pub block_cipher_mode: Option<u32>,
    pub padding_method: Option<u32>,
    pub hashing_algorithm: Option<u32>,
    pub cryptographic_algorithm: Option<u32>,
    pub random_iv: Option<bool>,
    /// Bits.
    pub iv_length: Option<i32>,
    /// Bytes.
    pub tag_length: Option<i32>,
    /// Bits.
    pub counter_length: Option<i32>,
    pub initial_counter_value: Option<i32>,
}

impl SymParams {
    pub fn from_items(items: &[Item]) -> KmipResult<SymParams> {
        let find = |t| items.iter().find(|i| i.tag == t);
        let e = |t, name: &str| -> KmipResult<Option<u32>> {
            match find(t) {
                None => Ok(None),
                Some(i) => i
                    .as_enum()
                    .map(Some)
                    .ok_or_else(|| KmipError::invalid(format!("{name} must be an Enumeration"))),
            }
        };
        let n = |t, name: &str| -> KmipResult<Option<i32>> {
            match find(t) {
                None => Ok(None),
                Some(i) => i
                    .as_int()
                    .map(Some)
                    .ok_or_else(|| KmipError::invalid(format!("{name} must be an Integer"))),
            }
        };
        Ok(SymParams {
            block_cipher_mode: e(tag::BLOCK_CIPHER_MODE, "Block Cipher Mode")?,
            padding_method: e(tag::PADDING_METHOD, "Padding Method")?,
            hashing_algorithm: e(tag::HASHING_ALGORITHM, "Hashing Algorithm")?,
            cryptographic_algorithm: e(tag::CRYPTOGRAPHIC_ALGORITHM, "Cryptographic Algorithm")?,
            random_iv: match find(tag::RANDOM_IV) {
                None => None,
                Some(i) => Some(
                    i.as_bool()
                        .ok_or_else(|| KmipError::invalid("Random IV must be a Boolean"))?,
                ),
            },
            iv_length: n(tag::IV_LENGTH, "IV Length")?,
            tag_length: n(tag::TAG_LENGTH, "Tag Length")?,
            counter_length: n(tag::COUNTER_LENGTH, "Counter Length")?,
            initial_counter_value: n(tag::INITIAL_COUNTER_VALUE, "Initial Counter Value")?,
        })
    }

    pub fn from_value(v: &Value) -> KmipResult<SymParams> {
        match v {
            Value::Structure(items) => SymParams::from_items(items),
            _ => Err(KmipError::invalid(
                "Cryptographic Parameters must be a Structure",
            )),
        }
    }

    /// The fields of `self`, completed by those of `other`.
    pub fn or(self, other: &SymParams) -> SymParams {
        SymParams {
            block_cipher_mode: self.block_cipher_mode.or(other.block_cipher_mode),
            padding_method: self.padding_method.or(other.padding_method),
            hashing_algorithm: self.hashing_algorithm.or(other.hashing_algorithm),
            cryptographic_algorithm: self
                .cryptographic_algorithm
                .or(other.cryptographic_algorithm),
            random_iv: self.random_iv.or(other.random_iv),
            iv_length: self.iv_length.or(other.iv_length),
            tag_length: self.tag_length.or(other.tag_length),
            counter_length: self.counter_length.or(other.counter_length),
            initial_counter_value: self.initial_counter_value.or(other.initial_counter_value),
        }
    }
}

/// The request's Cryptographic Parameters, completed field by field by the key's Cryptographic
/// Parameters attribute (its first instance).
pub fn effective_params(payload: &Item, m: &Managed) -> KmipResult<SymParams> {
    let req = match payload.child(tag::CRYPTOGRAPHIC_PARAMETERS) {
        Some(i) => SymParams::from_value(&i.value)?,
        None => SymParams::default(),
    };
    let key = match m.first(tag::CRYPTOGRAPHIC_PARAMETERS) {
        Some(a) => SymParams::from_value(&a.value).unwrap_or_default(),
        None => SymParams::default(),
    };
    Ok(req.or(&key))
}

pub fn enum_name(t: u32, v: u32) -> String {
    keyhaven_kmip::enums::enum_value_name(t, v).map_or_else(|| format!("0x{v:X}"), str::to_owned)
}

/// The cipher to run for a key of algorithm `key_alg` with these parameters.
pub fn cipher_spec(key_alg: Option<u32>, p: &SymParams) -> KmipResult<Spec> {
    let unsupported = |m: String| KmipError::new(Reason::UnsupportedCryptographicParameters, m);
    let key_alg = key_alg.ok_or_else(|| {
        KmipError::new(
            Reason::InvalidField,
            "the key has no Cryptographic Algorithm",
        )
    })?;
    let algorithm = match key_alg {
        alg::AES => Algorithm::Aes,
        alg::DES3 => Algorithm::TripleDes,
        alg::CHACHA20 => Algorithm::ChaCha20,
        alg::CHACHA20POLY1305 => Algorithm::ChaCha20Poly1305,
        other => {
            return Err(unsupported(format!(
                "Encrypt and Decrypt with a {} key are not supported (AES, 3DES, ChaCha20 and ChaCha20Poly1305 keys are)",
                enum_name(tag::CRYPTOGRAPHIC_ALGORITHM, other)
            )))
        }
    };
    let mode = match (algorithm, p.block_cipher_mode) {
        (Algorithm::Aes | Algorithm::TripleDes, Some(bcm::ECB)) => Mode::Ecb,
        (Algorithm::Aes | Algorithm::TripleDes, Some(bcm::CBC)) => Mode::Cbc,
        (Algorithm::Aes | Algorithm::TripleDes, Some(bcm::CTR)) => Mode::Ctr,
        (Algorithm::Aes, Some(bcm::GCM)) => Mode::Gcm,
        (Algorithm::Aes | Algorithm::TripleDes, None) => {
            return Err(KmipError::new(
                Reason::InvalidField,
                "no Block Cipher Mode: give Cryptographic Parameters with one (ECB, CBC, CTR or GCM), in the request or as the key's attribute",
            ))
        }
        (Algorithm::ChaCha20, None) => Mode::Stream,
        (Algorithm::ChaCha20Poly1305, None | Some(bcm::AEAD)) => Mode::Aead,
        (_, Some(m)) => {
            return Err(unsupported(format!(
                "Block Cipher Mode {} is not supported for this key (AES: ECB, CBC, CTR, GCM; 3DES: ECB, CBC, CTR; ChaCha20Poly1305: AEAD)",
                enum_name(tag::BLOCK_CIPHER_MODE, m)
            )))
        }
    };
    let padding = match (mode, p.padding_method) {
        (Mode::Ecb | Mode::Cbc, None | Some(pm::NONE)) => Padding::None,
        (Mode::Ecb | Mode::Cbc, Some(pm::PKCS5)) => Padding::Pkcs5,
        (Mode::Ecb | Mode::Cbc, Some(other)) => {
            return Err(unsupported(format!(
                "Padding Method {} is not supported for block ciphers (None and PKCS5 are)",
                enum_name(tag::PADDING_METHOD, other)
            )))
        }
        // Stream modes have nothing to pad.
        _ => Padding::None,
    };
    let tag_len = match p.tag_length {
        None => 16,
        Some(t) if (0..=255).contains(&t) => t as usize,
        Some(t) => {
            return Err(KmipError::invalid(format!(
                "Tag Length {t} is out of range"
            )))
        }
    };
    Ok(Spec {
        algorithm,
        mode,
        padding,
        tag_len,
        counter_bits: p
            .counter_length
            .filter(|c| *c > 0)
            .map_or(0, |c| c as usize),
    })
}

/// Maps a cipher failure to the Result Reason the profiles expect.
pub fn cipher_err(e: CipherError) -> KmipError {
    match e {
        CipherError::Key(m) => KmipError::new(Reason::InvalidField, m),
        CipherError::Unsupported(m) => {
            KmipError::new(Reason::UnsupportedCryptographicParameters, m)
        }
        // The CS-BC profiles answer a bad Tag Length with General Failure.
        CipherError::TagLength(m) => KmipError::new(Reason::GeneralFailure, m),
        CipherError::Iv(m) | CipherError::DataLength(m) => KmipError::new(Reason::InvalidField, m),
        CipherError::Failed(m) => KmipError::new(Reason::CryptographicFailure, m),
    }
}

/// The use a cryptographic operation makes of a key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Use {
    /// Applies protection (Encrypt, MAC, Sign): the key must be Active, before its Protect Stop Date.
    Protect,
    /// Processes protected data (Decrypt, MAC Verify, Signature Verify): Active, Deactivated or
    /// Compromised, from its Process Start Date on.
    Process,
}

fn date(m: &Managed, t: u32) -> Option<i64> {
    m.first(t).and_then(|a| match a.value {
        Value::DateTime(d) => Some(d),
        _ => None,
    })
}

/// True when the object has been archived (Archive, and not yet Recover).
pub fn is_archived(m: &Managed) -> bool {
    m.first(tag::ARCHIVE_DATE).is_some()
}

pub fn archived_err(uid: &str) -> KmipError {
    KmipError::new(
        Reason::ObjectArchived,
        format!("object {uid} is archived: Recover it first"),
    )
}

fn state_name(s: u32) -> String {
    enum_name(tag::STATE, s)
}

/// Checks that `m` may be used as `usage` for an operation needing `mask` in its Cryptographic
/// Usage Mask (`what` names the operation in messages).
pub fn check_key(m: &Managed, usage: Use, mask: u32, what: &str, now: i64) -> KmipResult<()> {
    let uid = &m.rec.uid;
    super::ops::wrapped_as_given::check_plaintext_available(m)?;
    if is_archived(m) {
        return Err(archived_err(uid));
    }
    let st = m.rec.state;
    let ok = match usage {
        Use::Protect => st == state::ACTIVE,
        Use::Process => matches!(st, state::ACTIVE | state::DEACTIVATED | state::COMPROMISED),
    };
    if !ok {
        let reason = if matches!(st, state::DESTROYED | state::DESTROYED_COMPROMISED) {
            Reason::ObjectDestroyed
        } else {
            Reason::WrongKeyLifecycleState
        };
        return Err(KmipError::new(
            reason,
            format!(
                "key {uid} is {}; {what} needs {}",
                state_name(st),
                if usage == Use::Protect {
                    "an Active key"
                } else {
                    "an Active, Deactivated or Compromised key"
                }
            ),
        ));
    }
    match usage {
        Use::Protect => {
            if let Some(d) = date(m, tag::PROTECT_STOP_DATE).filter(|d| *d <= now) {
                return Err(KmipError::new(
                    Reason::WrongKeyLifecycleState,
                    format!(
                        "key {uid} passed its Protect Stop Date ({}): it may no longer be used for {what}",
                        keyhaven_kmip::xml::format_datetime(d, None)
                    ),
                ));
            }
        }
        Use::Process => {
            if let Some(d) = date(m, tag::PROCESS_START_DATE).filter(|d| *d > now) {
                return Err(KmipError::new(
                    Reason::WrongKeyLifecycleState,
                    format!(
                        "key {uid} may not be used for {what} before its Process Start Date ({})",
                        keyhaven_kmip::xml::format_datetime(d, None)
                    ),
                ));
            }
        }
    }
    check_mask(m, mask, what)
}

/// Checks the key's Cryptographic Usage Mask (a key without one is not restricted).
pub fn check_mask(m: &Managed, mask: u32, what: &str) -> KmipResult<()> {
    if let Some(Value::Integer(have)) = m.first(tag::CRYPTOGRAPHIC_USAGE_MASK).map(|a| &a.value) {
        if (*have as u32) & mask != mask {
            return Err(KmipError::new(
                Reason::IncompatibleCryptographicUsageMask,
                format!(
                    "the Cryptographic Usage Mask of key {} does not allow {what}",
                    m.rec.uid
                ),
            ));
        }
    }
    Ok(())
}

pub const MASK_ENCRYPT: u32 = cum::ENCRYPT;
pub const MASK_DECRYPT: u32 = cum::DECRYPT;
pub const MASK_MAC_GENERATE: u32 = cum::MAC_GENERATE;
pub const MASK_MAC_VERIFY: u32 = cum::MAC_VERIFY;

/// The parts of a Usage Limits structure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UsageLimits {
    pub total: i64,
    pub count: Option<i64>,
    pub unit: u32,
}

impl UsageLimits {
    pub fn from_value(v: &Value) -> Option<UsageLimits> {
        let Value::Structure(items) = v else {
            return None;
        };
        let long = |t| {
            items
                .iter()
                .find(|i| i.tag == t)
                .and_then(|i| match i.value {
                    Value::LongInteger(n) => Some(n),
                    Value::Integer(n) => Some(i64::from(n)),
                    _ => None,
                })
        };
        Some(UsageLimits {
            total: long(tag::USAGE_LIMITS_TOTAL)?,
            count: long(tag::USAGE_LIMITS_COUNT),
            unit: items
                .iter()
                .find(|i| i.tag == tag::USAGE_LIMITS_UNIT)
                .and_then(Item::as_enum)?,
        })
    }

    pub fn to_value(self) -> Value {
        let mut c = vec![Item::new(
            tag::USAGE_LIMITS_TOTAL,
            Value::LongInteger(self.total),
        )];
        if let Some(n) = self.count {
            c.push(Item::new(tag::USAGE_LIMITS_COUNT, Value::LongInteger(n)));
        }
        c.push(Item::enumeration(tag::USAGE_LIMITS_UNIT, self.unit));
        Value::Structure(c)
    }
}

/// A client-set Usage Limits gets its count (what remains) from the server: the total at first.
pub fn normalize_usage_limits(a: &mut Attribute) {
    if a.name.is(tag::USAGE_LIMITS) {
        if let Some(mut u) = UsageLimits::from_value(&a.value) {
            if u.count.is_none() {
                u.count = Some(u.total);
                a.value = u.to_value();
            }
        }
    }
}

/// Takes `bytes` (Byte unit) or one use (Object unit) from the key's Usage Limits, if it has any.
/// Refused with Permission Denied when not enough is left.
pub fn consume_usage(ctx: &super::ops::OpCtx<'_>, m: &Managed, bytes: usize) -> KmipResult<()> {
    if m.first(tag::USAGE_LIMITS).is_none() {
        return Ok(());
    }
    ctx.update(&m.rec.uid, |m| {
        let Some(a) = m.attrs.iter_mut().find(|a| a.name.is(tag::USAGE_LIMITS)) else {
            return Ok(());
        };
        let Some(mut u) = UsageLimits::from_value(&a.value) else {
            return Ok(());
        };
        let need = if u.unit == usage_limits_unit::OBJECT {
            1
        } else {
            bytes as i64
        };
        let left = u.count.unwrap_or(u.total);
        if need > left {
            return Err(KmipError::new(
                Reason::PermissionDenied,
                format!(
                    "the Usage Limits of key {} allow {left} more {}, not {need}",
                    m.rec.uid,
                    if u.unit == usage_limits_unit::OBJECT {
                        "uses"
                    } else {
                        "bytes"
                    }
                ),
            ));
        }
        u.count = Some(left - need);
        a.value = u.to_value();
        Ok(())
    })
}

/// A request's optional Byte String field.
pub fn bytes_field<'a>(payload: &'a Item, t: u32, name: &str) -> KmipResult<Option<&'a [u8]>> {
    match payload.child(t) {
        None => Ok(None),
        Some(i) => i
            .as_bytes()
            .map(Some)
            .ok_or_else(|| KmipError::invalid(format!("{name} must be a Byte String"))),
    }
}

/// A request's optional Boolean field (false when absent).
pub fn bool_field(payload: &Item, t: u32, name: &str) -> KmipResult<bool> {
    match payload.child(t) {
        None => Ok(false),
        Some(i) => i
            .as_bool()
            .ok_or_else(|| KmipError::invalid(format!("{name} must be a Boolean"))),
    }
}

// ---------------------------------------------------------------------------------------------
// Streamed operations

/// How long a streamed operation may wait for its next request.
const STREAM_IDLE: Duration = Duration::from_secs(300);
/// Most streamed operations open at once on this node.
const MAX_STREAMS: usize = 4096;

/// One streamed Encrypt or Decrypt between its Init Indicator and its Final Indicator.
pub struct Stream {
    pub tenant_id: String,
    pub uid: String,
    pub operation: u32,
    pub engine: Engine,
    touched: Instant,
}

fn streams() -> &'static Mutex<HashMap<Vec<u8>, Stream>> {
    static S: OnceLock<Mutex<HashMap<Vec<u8>, Stream>>> = OnceLock::new();
    S.get_or_init(|| Mutex::new(HashMap::new()))
}

/// Keeps a stream; returns its Correlation Value.
pub fn open_stream(
    tenant_id: &str,
    uid: &str,
    operation: u32,
    engine: Engine,
) -> KmipResult<Vec<u8>> {
    let corr = crate::crypto::random_bytes(16).to_vec();
    let mut s = streams().lock().unwrap_or_else(|p| p.into_inner());
    s.retain(|_, v| v.touched.elapsed() < STREAM_IDLE);
    if s.len() >= MAX_STREAMS {
        return Err(KmipError::new(
            Reason::ServerLimitExceeded,
            format!("{MAX_STREAMS} streamed operations are already open; finish some first"),
        ));
    }
    s.insert(
        corr.clone(),
        Stream {
            tenant_id: tenant_id.to_owned(),
            uid: uid.to_owned(),
            operation,
            engine,
            touched: Instant::now(),
        },
    );
    Ok(corr)
}

/// Takes a stream out (put it back with [`put_stream`] unless it is finished).
pub fn take_stream(tenant_id: &str, uid: &str, operation: u32, corr: &[u8]) -> KmipResult<Stream> {
    let mut s = streams().lock().unwrap_or_else(|p| p.into_inner());
    let bad = || {
        KmipError::new(
            Reason::InvalidField,
            "unknown or expired Correlation Value (a streamed operation is kept for 5 minutes between requests, on the node that began it)",
        )
    };
    match s.get(corr) {
        Some(st)
            if st.tenant_id == tenant_id
                && st.uid == uid
                && st.operation == operation
                && st.touched.elapsed() < STREAM_IDLE => {}
        Some(st) if st.tenant_id == tenant_id && st.touched.elapsed() < STREAM_IDLE => {
            return Err(KmipError::invalid(
                "the Correlation Value belongs to another key or operation",
            ))
        }
        _ => return Err(bad()),
    }
    s.remove(corr).ok_or_else(bad)
}

pub fn put_stream(corr: Vec<u8>, mut st: Stream) {
    st.touched = Instant::now();
    let mut s = streams().lock().unwrap_or_else(|p| p.into_inner());
    s.insert(corr, st);
}

/// After a Get has returned the object: it is no longer Fresh.
pub fn served(ctx: &super::ops::OpCtx<'_>, m: &Managed) -> KmipResult<()> {
    if matches!(
        m.first(tag::FRESH).map(|a| &a.value),
        Some(Value::Boolean(true))
    ) {
        ctx.update(&m.rec.uid, |m| {
            m.set(tag::FRESH, Value::Boolean(false));
            Ok(())
        })?;
    }
    Ok(())
}

/// Get refuses archived objects (Object Archived), Sensitive ones (Sensitive) and those that are not
/// Extractable (Not Extractable): their material is not returned in the clear.
pub fn check_gettable(m: &Managed) -> KmipResult<()> {
    let uid = &m.rec.uid;
    if is_archived(m) {
        return Err(archived_err(uid));
    }
    if matches!(
        m.first(tag::SENSITIVE).map(|a| &a.value),
        Some(Value::Boolean(true))
    ) {
        return Err(KmipError::new(
            Reason::Sensitive,
            format!("object {uid} is Sensitive: its key material is not returned in the clear"),
        ));
    }
    if matches!(
        m.first(tag::EXTRACTABLE).map(|a| &a.value),
        Some(Value::Boolean(false))
    ) {
        return Err(KmipError::new(
            Reason::NotExtractable,
            format!("object {uid} is not Extractable"),
        ));
    }
    Ok(())
}

/// Modify Attribute: only attributes the specification lets a client modify.
pub fn check_client_may_modify(a: &Attribute) -> KmipResult<()> {
    if let Some(d) = a.name.def() {
        if !d.modifiable_by_client {
            return Err(KmipError::new(
                Reason::AttributeReadOnly,
                format!("attribute {} cannot be modified by a client", d.name),
            ));
        }
    }
    Ok(())
}

/// The state rules of Modify Attribute: the Activation Date only while Pre-Active.
pub fn check_modify_in_state(m: &Managed, a: &Attribute) -> KmipResult<()> {
    if a.name.is(tag::ACTIVATION_DATE) && m.rec.state != state::PRE_ACTIVE {
        return Err(KmipError::new(
            Reason::WrongKeyLifecycleState,
            format!(
                "the Activation Date of {} can change only while it is Pre-Active (it is {})",
                m.rec.uid,
                state_name(m.rec.state)
            ),
        ));
    }
    Ok(())
}

/// Add Attribute: an object does not get the same Name twice.
pub fn check_unique_name(m: &Managed, a: &Attribute) -> KmipResult<()> {
    if a.name.is(tag::NAME)
        && m.attrs
            .iter()
            .any(|b| b.name.is(tag::NAME) && b.value == a.value)
    {
        return Err(KmipError::new(
            Reason::NonUniqueNameAttribute,
            format!("object {} already has this Name", m.rec.uid),
        ));
    }
    Ok(())
}
