//! Encrypt (and, through [`run_cipher`], Decrypt): symmetric keys in AES/3DES ECB, CBC, CTR or GCM,
//! ChaCha20 and ChaCha20-Poly1305; RSA public keys (PKCS#1 v1.5, OAEP) through the asymmetric module.
//!
//! Cryptographic Parameters come from the request, completed by the key's Cryptographic Parameters
//! attribute. Encrypt generates the IV / counter / nonce when the request gives none (and returns it);
//! Decrypt needs it. A request with Init Indicator starts a streamed operation answered with a
//! Correlation Value; later requests carry that value, the last one the Final Indicator. Encrypt needs
//! an Active key before its Protect Stop Date; Decrypt an Active, Deactivated or Compromised one from
//! its Process Start Date; both need their bit in the Cryptographic Usage Mask; Usage Limits count
//! what Encrypt protects (decryption is not limited). The key is unwrapped for the request only and
//! never logged.

use keyhaven_kmip::enums::{object_type as ot, operation as op};
use keyhaven_kmip::error::{KmipError, KmipResult, Reason};
use keyhaven_kmip::tag;
use keyhaven_ttlv::Item;

use super::{now, OpCtx};
use crate::crypto::cipher::{Direction, Engine};
use crate::server::crypto_params::{
    self as cp, bool_field, bytes_field, check_key, cipher_err, Use,
};

pub fn run(ctx: &mut OpCtx<'_>, payload: &Item) -> KmipResult<Item> {
    run_cipher(ctx, payload, Direction::Encrypt)
}

struct Request<'a> {
    data: Option<&'a [u8]>,
    iv: Option<&'a [u8]>,
    aad: Option<&'a [u8]>,
    tag: Option<&'a [u8]>,
    correlation: Option<&'a [u8]>,
    init: bool,
    last: bool,
}

fn read_request(payload: &Item) -> KmipResult<Request<'_>> {
    Ok(Request {
        data: bytes_field(payload, tag::DATA, "Data")?,
        iv: bytes_field(payload, tag::IV_COUNTER_NONCE, "IV/Counter/Nonce")?,
        aad: bytes_field(
            payload,
            tag::AUTHENTICATED_ENCRYPTION_ADDITIONAL_DATA,
            "Authenticated Encryption Additional Data",
        )?,
        tag: bytes_field(
            payload,
            tag::AUTHENTICATED_ENCRYPTION_TAG,
            "Authenticated Encryption Tag",
        )?,
        correlation: bytes_field(payload, tag::CORRELATION_VALUE, "Correlation Value")?,
        init: bool_field(payload, tag::INIT_INDICATOR, "Init Indicator")?,
        last: bool_field(payload, tag::FINAL_INDICATOR, "Final Indicator")?,
    })
}

/// Encrypt or Decrypt.
pub fn run_cipher(ctx: &mut OpCtx<'_>, payload: &Item, dir: Direction) -> KmipResult<Item> {
    let uid = ctx.uid(payload)?;
    let r = read_request(payload)?;
    let (operation, usage, mask, what) = match dir {
        Direction::Encrypt => (op::ENCRYPT, Use::Protect, cp::MASK_ENCRYPT, "Encrypt"),
        Direction::Decrypt => (op::DECRYPT, Use::Process, cp::MASK_DECRYPT, "Decrypt"),
    };
    let m = ctx.load(&uid)?;
    check_key(&m, usage, mask, what, now())?;

    // The next part of a streamed operation.
    if let Some(corr) = r.correlation {
        if r.init {
            return Err(KmipError::invalid(
                "Init Indicator starts a streamed operation: it cannot come with a Correlation Value",
            ));
        }
        let mut st = cp::take_stream(&ctx.tenant.id, &uid, operation, corr)?;
        let data = r.data.unwrap_or_default();
        if dir == Direction::Encrypt {
            cp::consume_usage(ctx, &m, data.len())?;
        }
        let mut out = st.engine.update(data).map_err(cipher_err)?;
        let mut c = vec![Item::text(tag::UNIQUE_IDENTIFIER, uid.clone())];
        if r.last {
            let fin = st.engine.finish(r.tag).map_err(cipher_err)?;
            out.extend_from_slice(&fin.data);
            if !out.is_empty() {
                c.push(Item::bytes(tag::DATA, out.to_vec()));
            }
            if let Some(t) = fin.tag {
                c.push(Item::bytes(tag::AUTHENTICATED_ENCRYPTION_TAG, t));
            }
        } else {
            if !out.is_empty() {
                c.push(Item::bytes(tag::DATA, out.to_vec()));
            }
            c.push(Item::bytes(tag::CORRELATION_VALUE, corr.to_vec()));
            cp::put_stream(corr.to_vec(), st);
        }
        return Ok(Item::structure(tag::RESPONSE_PAYLOAD, c));
    }

    if m.rec.object_type != ot::SYMMETRIC_KEY {
        return asymmetric(ctx, payload, &m, dir, &r);
    }
    let content = ctx.open(&m)?;
    let params = cp::effective_params(payload, &m)?;
    let spec = cp::cipher_spec(content.algorithm.or(m.rec.algorithm), &params)?;

    // IV / counter / nonce: the client's, or (Encrypt) one the server makes and returns.
    let mut generated: Option<Vec<u8>> = None;
    let iv: Vec<u8> = if !spec.needs_iv() {
        Vec::new()
    } else if params.random_iv == Some(true) && dir == Direction::Encrypt {
        if r.iv.is_some() {
            return Err(KmipError::invalid(
                "Random IV is true, so the server makes the IV: the request must not carry one",
            ));
        }
        let len = match params.iv_length {
            Some(bits) if bits > 0 && bits % 8 == 0 => bits as usize / 8,
            Some(bits) => {
                return Err(KmipError::invalid(format!(
                    "IV Length {bits} is not a whole number of bytes"
                )))
            }
            None => spec.default_iv_len(),
        };
        let v = crate::crypto::random_bytes(len).to_vec();
        generated = Some(v.clone());
        v
    } else if let Some(iv) = r.iv {
        iv.to_vec()
    } else if dir == Direction::Encrypt {
        let len = match params.iv_length {
            Some(bits) if bits > 0 && bits % 8 == 0 => bits as usize / 8,
            _ => spec.default_iv_len(),
        };
        let v = crate::crypto::random_bytes(len).to_vec();
        generated = Some(v.clone());
        v
    } else {
        // What the CS-BC profiles expect for a decryption without its IV.
        return Err(KmipError::new(
            Reason::InvalidMessage,
            "missing-iv: Decrypt in this mode needs the IV/Counter/Nonce used to encrypt",
        ));
    };
    let aad = r.aad.unwrap_or_default();
    if !spec.is_aead() && (r.aad.is_some_and(|a| !a.is_empty()) || r.tag.is_some()) {
        return Err(KmipError::invalid(
            "Authenticated Encryption Additional Data and Tag need an authenticated mode (GCM, ChaCha20Poly1305)",
        ));
    }
    if dir == Direction::Decrypt && spec.is_aead() && !r.init {
        match r.tag {
            None => {
                return Err(KmipError::missing("the Authenticated Encryption Tag"));
            }
            Some(t) if params.tag_length.is_some() && t.len() != spec.tag_len => {
                return Err(KmipError::invalid(format!(
                    "the Authenticated Encryption Tag has {} bytes, the Tag Length says {}",
                    t.len(),
                    spec.tag_len
                )));
            }
            _ => {}
        }
    }
    // Without a Tag Length, a decryption checks the tag as long as it was given.
    let spec = match (dir, params.tag_length, r.tag) {
        (Direction::Decrypt, None, Some(t)) if spec.is_aead() => crate::crypto::cipher::Spec {
            tag_len: t.len(),
            ..spec
        },
        _ => spec,
    };
    let mut engine = Engine::new(spec, dir, &content.material, &iv, aad).map_err(cipher_err)?;
    drop(content);

    if r.init {
        let data = r.data.unwrap_or_default();
        if dir == Direction::Encrypt {
            cp::consume_usage(ctx, &m, data.len())?;
        }
        let out = engine.update(data).map_err(cipher_err)?;
        let corr = cp::open_stream(&ctx.tenant.id, &uid, operation, engine)?;
        let mut c = vec![Item::text(tag::UNIQUE_IDENTIFIER, uid)];
        if !out.is_empty() {
            c.push(Item::bytes(tag::DATA, out.to_vec()));
        }
        if let Some(g) = generated {
            c.push(Item::bytes(tag::IV_COUNTER_NONCE, g));
        }
        c.push(Item::bytes(tag::CORRELATION_VALUE, corr));
        return Ok(Item::structure(tag::RESPONSE_PAYLOAD, c));
    }

    let data = r.data.ok_or_else(|| KmipError::missing("the Data"))?;
    if dir == Direction::Encrypt {
        cp::consume_usage(ctx, &m, data.len())?;
    }
    let mut out = engine.update(data).map_err(cipher_err)?;
    let fin = engine.finish(r.tag).map_err(cipher_err)?;
    out.extend_from_slice(&fin.data);
    let mut c = vec![
        Item::text(tag::UNIQUE_IDENTIFIER, uid),
        Item::bytes(tag::DATA, out.to_vec()),
    ];
    if let Some(g) = generated {
        c.push(Item::bytes(tag::IV_COUNTER_NONCE, g));
    }
    if let Some(t) = fin.tag {
        c.push(Item::bytes(tag::AUTHENTICATED_ENCRYPTION_TAG, t));
    }
    Ok(Item::structure(tag::RESPONSE_PAYLOAD, c))
}

/// RSA encryption with a public key, decryption with a private key.
fn asymmetric(
    ctx: &mut OpCtx<'_>,
    payload: &Item,
    m: &super::Managed,
    dir: Direction,
    r: &Request<'_>,
) -> KmipResult<Item> {
    use crate::crypto::asymmetric as asy;
    let expected = match dir {
        Direction::Encrypt => ot::PUBLIC_KEY,
        Direction::Decrypt => ot::PRIVATE_KEY,
    };
    if m.rec.object_type != expected {
        return Err(KmipError::new(
            Reason::InvalidObjectType,
            format!(
                "{} needs a {} (or a symmetric key), not a {}",
                if dir == Direction::Encrypt {
                    "Encrypt"
                } else {
                    "Decrypt"
                },
                cp::enum_name(tag::OBJECT_TYPE, expected),
                cp::enum_name(tag::OBJECT_TYPE, m.rec.object_type)
            ),
        ));
    }
    if r.init || r.correlation.is_some() {
        return Err(KmipError::new(
            Reason::FeatureNotSupported,
            "streamed operations are supported with symmetric keys only",
        ));
    }
    let data = r.data.ok_or_else(|| KmipError::missing("the Data"))?;
    let req = payload
        .child(tag::CRYPTOGRAPHIC_PARAMETERS)
        .map(|i| asy::CryptoParams::from_value(&i.value))
        .unwrap_or_default();
    let key = m
        .first(tag::CRYPTOGRAPHIC_PARAMETERS)
        .map(|a| asy::CryptoParams::from_value(&a.value))
        .unwrap_or_default();
    let params = req.or(&key);
    let content = ctx.open(m)?;
    if dir == Direction::Encrypt {
        cp::consume_usage(ctx, m, data.len())?;
    }
    let out = match dir {
        Direction::Encrypt => {
            let k = asy::parse_public(&content)?;
            zeroize::Zeroizing::new(asy::rsa_encrypt(&k, &params, data)?)
        }
        Direction::Decrypt => {
            let k = asy::parse_private(&content)?;
            asy::rsa_decrypt(&k, &params, data)?
        }
    };
    Ok(Item::structure(
        tag::RESPONSE_PAYLOAD,
        vec![
            Item::text(tag::UNIQUE_IDENTIFIER, m.rec.uid.clone()),
            Item::bytes(tag::DATA, out.to_vec()),
        ],
    ))
}
