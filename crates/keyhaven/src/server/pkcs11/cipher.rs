//! C_EncryptInit / C_Encrypt and C_DecryptInit / C_Decrypt (single-part) with a secret key of the
//! tenant: CKM_AES_CBC_PAD (parameter: the 16-byte IV) and CKM_AES_GCM (parameter laid out as the
//! IV, the additional authenticated data, each a byte array, then the tag length in bits as a
//! CK_ULONG; the ciphertext carries the tag at its end, as PKCS#11 does). Each call runs KMIP
//! Encrypt or Decrypt on the key, so the same checks hold: the key's state, its Cryptographic
//! Usage Mask, its usage limits, and its material unwrapped only for the call.

use keyhaven_kmip::enums::{
    block_cipher_mode as bcm, cryptographic_algorithm as alg, padding_method,
};
use keyhaven_kmip::error::{KmipError, Reason};
use keyhaven_kmip::tag;
use keyhaven_ttlv::Item;

use super::codec::{Reader, Writer};
use super::token::Answer;
use super::{ck, contexts, rv};
use crate::server::ops::OpCtx;

/// A mechanism with its parameters.
#[derive(Clone)]
pub enum Mechanism {
    AesCbcPad {
        iv: Vec<u8>,
    },
    AesGcm {
        iv: Vec<u8>,
        aad: Vec<u8>,
        tag_bits: u64,
    },
}

/// An initialized encryption or decryption.
#[derive(Clone)]
pub struct Operation {
    pub uid: String,
    pub mechanism: Mechanism,
}

fn read_mechanism(r: &mut Reader<'_>) -> Result<Mechanism, u32> {
    let t = r.ulong().ok_or(rv::ARGUMENTS_BAD)?;
    let param = r.array().ok_or(rv::ARGUMENTS_BAD)?;
    match t {
        ck::CKM_AES_CBC_PAD => {
            if param.len() != 16 {
                return Err(rv::MECHANISM_PARAM_INVALID);
            }
            Ok(Mechanism::AesCbcPad { iv: param.to_vec() })
        }
        ck::CKM_AES_GCM => {
            let mut p = Reader::new(param);
            let (Some(iv), Some(aad), Some(tag_bits), true) =
                (p.array(), p.array(), p.ulong(), true)
            else {
                return Err(rv::MECHANISM_PARAM_INVALID);
            };
            if !p.is_empty()
                || iv.is_empty()
                || !(96..=128).contains(&tag_bits)
                || tag_bits % 8 != 0
            {
                return Err(rv::MECHANISM_PARAM_INVALID);
            }
            Ok(Mechanism::AesGcm {
                iv: iv.to_vec(),
                aad: aad.to_vec(),
                tag_bits,
            })
        }
        _ => Err(rv::MECHANISM_INVALID),
    }
}

/// C_EncryptInit (`encrypt`) or C_DecryptInit: hSession, mechanism, hKey.
pub fn init(ctx: &OpCtx<'_>, corr: &str, input: &[u8], encrypt: bool) -> Answer {
    let mut r = Reader::new(input);
    let Some(h) = r.ulong() else {
        return (None, rv::ARGUMENTS_BAD);
    };
    let mechanism = match read_mechanism(&mut r) {
        Ok(m) => m,
        Err(code) => return (None, code),
    };
    let (Some(key), true) = (r.ulong(), r.is_empty()) else {
        return (None, rv::ARGUMENTS_BAD);
    };
    let m = match super::objects::object_of(ctx, corr, h, key) {
        Ok(m) => m,
        Err(rv::OBJECT_HANDLE_INVALID) => return (None, rv::KEY_HANDLE_INVALID),
        Err(code) => return (None, code),
    };
    if m.rec.algorithm != Some(alg::AES) {
        return (None, rv::KEY_TYPE_INCONSISTENT);
    }
    let mut map = contexts();
    let Some(s) = map.get_mut(corr).and_then(|c| c.sessions.get_mut(&h)) else {
        return (None, rv::SESSION_HANDLE_INVALID);
    };
    let slot = s.operation(encrypt);
    if slot.is_some() {
        return (None, rv::OPERATION_ACTIVE);
    }
    *slot = Some(Operation {
        uid: m.rec.uid,
        mechanism,
    });
    (None, rv::OK)
}

/// C_Encrypt (`encrypt`) or C_Decrypt: hSession, data. Ends the operation.
pub fn run(ctx: &mut OpCtx<'_>, corr: &str, input: &[u8], encrypt: bool) -> Answer {
    let mut r = Reader::new(input);
    let (Some(h), Some(data), true) = (r.ulong(), r.array(), r.is_empty()) else {
        return (None, rv::ARGUMENTS_BAD);
    };
    let op = {
        let mut map = contexts();
        let Some(s) = map.get_mut(corr).and_then(|c| c.sessions.get_mut(&h)) else {
            return (None, rv::SESSION_HANDLE_INVALID);
        };
        match s.operation(encrypt).take() {
            Some(op) => op,
            None => return (None, rv::OPERATION_NOT_INITIALIZED),
        }
    };
    let (mode, iv, aad, tag_len) = match &op.mechanism {
        Mechanism::AesCbcPad { iv } => (bcm::CBC, iv, None, 0),
        Mechanism::AesGcm { iv, aad, tag_bits } => {
            (bcm::GCM, iv, Some(aad), (*tag_bits / 8) as usize)
        }
    };
    let mut params = vec![
        Item::enumeration(tag::BLOCK_CIPHER_MODE, mode),
        Item::enumeration(tag::CRYPTOGRAPHIC_ALGORITHM, alg::AES),
    ];
    if mode == bcm::CBC {
        params.push(Item::enumeration(
            tag::PADDING_METHOD,
            padding_method::PKCS5,
        ));
    } else {
        params.push(Item::int(tag::TAG_LENGTH, tag_len as i32));
    }
    let mut payload = vec![
        Item::text(tag::UNIQUE_IDENTIFIER, op.uid.clone()),
        Item::structure(tag::CRYPTOGRAPHIC_PARAMETERS, params),
    ];
    let body = if encrypt || tag_len == 0 {
        data
    } else if data.len() < tag_len {
        return (None, rv::ENCRYPTED_DATA_LEN_RANGE);
    } else {
        let (ct, t) = data.split_at(data.len() - tag_len);
        payload.push(Item::bytes(tag::AUTHENTICATED_ENCRYPTION_TAG, t.to_vec()));
        ct
    };
    payload.push(Item::bytes(tag::DATA, body.to_vec()));
    payload.push(Item::bytes(tag::IV_COUNTER_NONCE, iv.clone()));
    if let Some(a) = aad.filter(|a| !a.is_empty()) {
        payload.push(Item::bytes(
            tag::AUTHENTICATED_ENCRYPTION_ADDITIONAL_DATA,
            a.clone(),
        ));
    }
    let request = Item::structure(tag::REQUEST_PAYLOAD, payload);
    let answer = if encrypt {
        crate::server::ops::encrypt::run(ctx, &request)
    } else {
        crate::server::ops::decrypt::run(ctx, &request)
    };
    let response = match answer {
        Ok(p) => p,
        Err(e) => return (None, code_of(&e, encrypt)),
    };
    let mut out = response
        .child(tag::DATA)
        .and_then(Item::as_bytes)
        .map(<[u8]>::to_vec)
        .unwrap_or_default();
    if encrypt {
        if let Some(t) = response
            .child(tag::AUTHENTICATED_ENCRYPTION_TAG)
            .and_then(Item::as_bytes)
        {
            out.extend_from_slice(t);
        }
    }
    let mut w = Writer::default();
    w.array(&out);
    (Some(w.out), rv::OK)
}

/// The CK_RV for a KMIP refusal of the underlying Encrypt or Decrypt.
fn code_of(e: &KmipError, encrypt: bool) -> u32 {
    match e.reason {
        Reason::IncompatibleCryptographicUsageMask
        | Reason::PermissionDenied
        | Reason::WrongKeyLifecycleState => rv::KEY_FUNCTION_NOT_PERMITTED,
        Reason::ObjectNotFound | Reason::ItemNotFound | Reason::ObjectDestroyed => {
            rv::KEY_HANDLE_INVALID
        }
        Reason::CryptographicFailure | Reason::InvalidField if !encrypt => {
            rv::ENCRYPTED_DATA_INVALID
        }
        Reason::InvalidField | Reason::InvalidMessage => rv::DATA_INVALID,
        _ => rv::FUNCTION_FAILED,
    }
}
