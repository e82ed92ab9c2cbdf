//! Sign: a signature over Data (hashed here) or Digested Data with a private key: RSA PKCS#1 v1.5
//! or PSS, ECDSA (DER-encoded signature). The request's Cryptographic Parameters win over the
//! key's Cryptographic Parameters attribute, field by field.
//!
//! [`use_key`] is the check every asymmetric operation makes before using a key: its object type,
//! its state and dates (a key protects only while Active and before its Protect Stop Date; it
//! processes while Active or Deactivated and from its Process Start Date), and its Cryptographic
//! Usage Mask.

use keyhaven_kmip::enums::{object_type as ot, state};
use keyhaven_kmip::error::{KmipError, KmipResult, Reason};
use keyhaven_kmip::object::ObjectContent;
use keyhaven_kmip::tag;
use keyhaven_ttlv::{Item, Value};

use super::{now, Managed, OpCtx};
use crate::crypto::asymmetric::{self, CryptoParams};

/// Whether an operation applies protection (Sign, Encrypt) or processes protected data (Verify,
/// Decrypt): the dates that apply differ.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Use {
    Protect,
    Process,
}

fn date(m: &Managed, t: u32) -> Option<i64> {
    m.first(t).and_then(|a| match a.value {
        Value::DateTime(d) => Some(d),
        _ => None,
    })
}

/// Loads the key a cryptographic request names and checks that it may be used: one of `types`,
/// in a state and within dates that allow the use, with `usage_bit` in its Cryptographic Usage Mask.
/// Returns the identifier, the object and its unwrapped content.
pub fn use_key(
    ctx: &OpCtx<'_>,
    payload: &Item,
    types: &[u32],
    usage_bit: u32,
    usage: Use,
) -> KmipResult<(String, Managed, ObjectContent)> {
    let uid = ctx.uid(payload)?;
    let m = ctx.load(&uid)?;
    if !types.contains(&m.rec.object_type) {
        return Err(KmipError::new(
            Reason::InvalidObjectType,
            format!(
                "object {uid} is a {}, which cannot be used for this operation",
                super::create::type_name(m.rec.object_type)
            ),
        ));
    }
    let t = now();
    let state_ok = match usage {
        Use::Protect => m.rec.state == state::ACTIVE,
        Use::Process => matches!(m.rec.state, state::ACTIVE | state::DEACTIVATED),
    };
    if !state_ok {
        return Err(KmipError::new(
            Reason::WrongKeyLifecycleState,
            format!(
                "key {uid} is {}; it cannot be used for this operation",
                keyhaven_kmip::enums::enum_value_name(tag::STATE, m.rec.state).unwrap_or("unknown")
            ),
        ));
    }
    match usage {
        Use::Protect => {
            if date(&m, tag::PROTECT_STOP_DATE).is_some_and(|d| d <= t) {
                return Err(KmipError::new(
                    Reason::WrongKeyLifecycleState,
                    format!("key {uid} is past its Protect Stop Date"),
                ));
            }
        }
        Use::Process => {
            if date(&m, tag::PROCESS_START_DATE).is_some_and(|d| d > t) {
                return Err(KmipError::new(
                    Reason::WrongKeyLifecycleState,
                    format!("key {uid} is before its Process Start Date"),
                ));
            }
        }
    }
    if let Some(Value::Integer(mask)) = m.first(tag::CRYPTOGRAPHIC_USAGE_MASK).map(|a| &a.value) {
        if (*mask as u32) & usage_bit == 0 {
            return Err(KmipError::new(
                Reason::IncompatibleCryptographicUsageMask,
                format!("the Cryptographic Usage Mask of key {uid} does not allow this operation"),
            ));
        }
    }
    let content = ctx.open(&m)?;
    Ok((uid, m, content))
}

/// The Cryptographic Parameters of the request, completed by those of the key.
pub fn params(payload: &Item, m: &Managed) -> CryptoParams {
    let key = m
        .first(tag::CRYPTOGRAPHIC_PARAMETERS)
        .map(|a| CryptoParams::from_value(&a.value))
        .unwrap_or_default();
    payload
        .child(tag::CRYPTOGRAPHIC_PARAMETERS)
        .map(|i| CryptoParams::from_value(&i.value))
        .unwrap_or_default()
        .or(&key)
}

/// The Data and the Digested Data of a request (at least one).
pub type SignInput<'a> = (Option<&'a [u8]>, Option<&'a [u8]>);

/// The Data and Digested Data of a request.
pub fn data_of(payload: &Item) -> KmipResult<SignInput<'_>> {
    if payload.child(tag::CORRELATION_VALUE).is_some()
        || payload.child(tag::INIT_INDICATOR).is_some()
        || payload.child(tag::FINAL_INDICATOR).is_some()
    {
        return Err(KmipError::new(
            Reason::FeatureNotSupported,
            "streaming (Correlation Value, Init and Final Indicators) is not supported for signatures",
        ));
    }
    let data = payload.child(tag::DATA).and_then(Item::as_bytes);
    let digested = payload.child(tag::DIGESTED_DATA).and_then(Item::as_bytes);
    if data.is_none() && digested.is_none() {
        return Err(KmipError::missing("the Data or Digested Data"));
    }
    Ok((data, digested))
}

pub fn run(ctx: &mut OpCtx<'_>, payload: &Item) -> KmipResult<Item> {
    let (uid, m, content) = use_key(
        ctx,
        payload,
        &[ot::PRIVATE_KEY],
        keyhaven_kmip::enums::cryptographic_usage_mask::SIGN,
        Use::Protect,
    )?;
    let p = params(payload, &m);
    let (data, digested) = data_of(payload)?;
    let key = asymmetric::parse_private(&content)?;
    let signature = asymmetric::sign(&key, &p, data, digested)?;
    Ok(Item::structure(
        tag::RESPONSE_PAYLOAD,
        vec![
            Item::text(tag::UNIQUE_IDENTIFIER, uid),
            Item::bytes(tag::SIGNATURE_DATA, signature),
        ],
    ))
}
