//! Get: the object's content, Raw by default (as registered), Transparent Symmetric Key on request;
//! public and private keys in the format registered or created, or converted to the one asked.
//! No attributes inside the Key Value: clients such as vCenter expect Key Material alone.

use keyhaven_kmip::enums::{object_type as ot, state};
use keyhaven_kmip::error::{KmipError, KmipResult, Reason};
use keyhaven_kmip::tag;
use keyhaven_ttlv::Item;

use super::OpCtx;

pub fn run(ctx: &mut OpCtx<'_>, payload: &Item) -> KmipResult<Item> {
    let uid = ctx.uid(payload)?;
    if payload.child(tag::KEY_WRAPPING_SPECIFICATION).is_some() {
        return Err(KmipError::new(
            Reason::FeatureNotSupported,
            "returning keys wrapped by another key is not supported",
        ));
    }
    if payload.child(tag::KEY_COMPRESSION_TYPE).is_some() {
        return Err(KmipError::new(
            Reason::KeyCompressionTypeNotSupported,
            "key compression is not supported",
        ));
    }
    let format = match payload.child(tag::KEY_FORMAT_TYPE) {
        Some(i) => Some(
            i.as_enum()
                .ok_or_else(|| KmipError::invalid("Key Format Type must be an Enumeration"))?,
        ),
        None => None,
    };
    let m = ctx.load(&uid)?;
    crate::server::crypto_params::check_gettable(&m)?;
    if m.rec.state == state::DESTROYED || m.rec.state == state::DESTROYED_COMPROMISED {
        return Err(KmipError::new(
            Reason::ObjectDestroyed,
            format!("object {uid} has been destroyed; its key material is gone"),
        ));
    }
    let mut content = ctx.open(&m)?;
    if let (Some(f), ot::PUBLIC_KEY | ot::PRIVATE_KEY) = (format, content.object_type) {
        // Public and private keys convert between PKCS#1, PKCS#8, X.509, ECPrivateKey and the
        // Transparent formats.
        content = crate::crypto::asymmetric::convert(&content, f)?;
    }
    let obj = content.to_wire(format)?;
    crate::server::crypto_params::served(ctx, &m)?;
    Ok(Item::structure(
        tag::RESPONSE_PAYLOAD,
        vec![
            Item::enumeration(tag::OBJECT_TYPE, m.rec.object_type),
            Item::text(tag::UNIQUE_IDENTIFIER, uid),
            obj,
        ],
    ))
}
