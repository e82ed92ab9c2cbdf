//! Join Split Key (1.2-2.1): rebuilds a Symmetric Key, Secret Data or Private Key from Split Key
//! objects of the tenant (at least their Split Key Threshold, all of one split: same parts,
//! threshold, method and prime field, distinct Key Part Identifiers) and registers it with the
//! request's attributes. Fewer parts than the threshold cannot rebuild the key: Cryptographic
//! Failure, as the OASIS case TC-SJ-1-14 expects. A Cryptographic Algorithm or Length in the request
//! must agree with the parts'.

use keyhaven_kmip::enums::{key_format_type as kft, object_type as ot, secret_data_type, state};
use keyhaven_kmip::error::{KmipError, KmipResult, Reason};
use keyhaven_kmip::object::ObjectContent;
use keyhaven_kmip::structured::SplitKeyPart;
use keyhaven_kmip::tag;
use keyhaven_ttlv::{Item, Value};

use super::create_split_key::{method_of, MAX_PARTS};
use super::{check_client_attributes, uid_payload, OpCtx};
use crate::crypto::split;

pub fn run(ctx: &mut OpCtx<'_>, payload: &Item) -> KmipResult<Item> {
    let object_type = payload
        .child(tag::OBJECT_TYPE)
        .and_then(Item::as_enum)
        .ok_or_else(|| KmipError::missing("the Object Type"))?;
    if !matches!(
        object_type,
        ot::SYMMETRIC_KEY | ot::SECRET_DATA | ot::PRIVATE_KEY
    ) {
        return Err(KmipError::new(
            Reason::InvalidObjectType,
            "Join Split Key forms a Symmetric Key, Secret Data or Private Key",
        ));
    }
    let uids: Vec<&str> = payload
        .children(tag::UNIQUE_IDENTIFIER)
        .map(|i| {
            i.as_text()
                .ok_or_else(|| KmipError::invalid("Unique Identifier must be a Text String"))
        })
        .collect::<KmipResult<_>>()?;
    if uids.is_empty() {
        return Err(KmipError::missing(
            "the Unique Identifiers of the Split Keys",
        ));
    }
    if uids.len() > MAX_PARTS as usize {
        return Err(KmipError::new(
            Reason::ServerLimitExceeded,
            format!("at most {MAX_PARTS} parts are joined"),
        ));
    }
    let mut parts: Vec<SplitKeyPart> = Vec::with_capacity(uids.len());
    for uid in &uids {
        let m = ctx.load(uid)?;
        if m.rec.object_type != ot::SPLIT_KEY {
            return Err(KmipError::new(
                Reason::InvalidObjectType,
                format!("{uid} is not a Split Key"),
            ));
        }
        if matches!(m.rec.state, state::DESTROYED | state::DESTROYED_COMPROMISED) {
            return Err(KmipError::new(
                Reason::ObjectDestroyed,
                format!("Split Key {uid} is destroyed"),
            ));
        }
        super::wrapped_as_given::check_plaintext_available(&m)?;
        parts.push(ctx.open(&m)?.split_key_part()?);
    }
    let first = &parts[0];
    let same = parts.iter().all(|p| {
        p.parts == first.parts
            && p.threshold == first.threshold
            && p.method == first.method
            && p.prime_field_size == first.prime_field_size
            && p.share.len() == first.share.len()
    });
    if !same {
        return Err(KmipError::new(
            Reason::InvalidField,
            "these Split Keys are not parts of one split (parts, threshold, method or length differ)",
        ));
    }
    for (i, p) in parts.iter().enumerate() {
        if parts[..i]
            .iter()
            .any(|q| q.key_part_identifier == p.key_part_identifier)
        {
            return Err(KmipError::invalid(format!(
                "Key Part Identifier {} is given twice",
                p.key_part_identifier
            )));
        }
    }
    if (parts.len() as i32) < first.threshold {
        return Err(KmipError::new(
            Reason::CryptographicFailure,
            format!(
                "{} parts cannot rebuild the key: its Split Key Threshold is {}",
                parts.len(),
                first.threshold
            ),
        ));
    }
    let method = method_of(first.method, first.prime_field_size.as_deref())?;
    let length = first.length.unwrap_or((first.share.len() * 8) as i32);
    let len_bytes = match (first.algorithm, object_type) {
        (Some(a), ot::SYMMETRIC_KEY) => {
            super::create::key_bytes(a, length).unwrap_or(length as usize / 8)
        }
        _ => (length.max(0) as usize).div_ceil(8),
    };
    let shares: Vec<(usize, &[u8])> = parts
        .iter()
        .map(|p| (p.key_part_identifier as usize, &p.share[..]))
        .collect();
    let material = split::join(&method, &shares, len_bytes)
        .map_err(|m| KmipError::new(Reason::CryptographicFailure, m))?;

    let container = if ctx.version.is_2x() {
        payload.child(tag::ATTRIBUTES)
    } else {
        payload.child(tag::TEMPLATE_ATTRIBUTE)
    };
    let mut attrs = ctx.template_attribute(container)?;
    check_client_attributes(&attrs)?;
    // The parts determine the joined key's algorithm and length: no default gives them.
    ctx.policy()?.apply(
        object_type,
        &mut attrs,
        &[tag::CRYPTOGRAPHIC_ALGORITHM, tag::CRYPTOGRAPHIC_LENGTH],
    )?;
    let find = |t| attrs.iter().find(|a| a.name.is(t)).map(|a| &a.value);
    if let (Some(Value::Enumeration(a)), Some(have)) =
        (find(tag::CRYPTOGRAPHIC_ALGORITHM), first.algorithm)
    {
        if *a != have {
            return Err(KmipError::new(
                Reason::InvalidAttributeValue,
                "the Cryptographic Algorithm contradicts the Split Keys'",
            ));
        }
    }
    if let Some(Value::Integer(l)) = find(tag::CRYPTOGRAPHIC_LENGTH) {
        if *l != length {
            return Err(KmipError::new(
                Reason::InvalidAttributeValue,
                "the Cryptographic Length contradicts the Split Keys'",
            ));
        }
    }
    let algorithm = first
        .algorithm
        .or(match find(tag::CRYPTOGRAPHIC_ALGORITHM) {
            Some(Value::Enumeration(a)) => Some(*a),
            _ => None,
        });
    let attrs: Vec<_> = attrs
        .into_iter()
        .filter(|a| {
            !a.name.is(tag::CRYPTOGRAPHIC_ALGORITHM) && !a.name.is(tag::CRYPTOGRAPHIC_LENGTH)
        })
        .collect();
    let secret_type = payload.child(tag::SECRET_DATA_TYPE).and_then(Item::as_enum);
    let content = ObjectContent {
        object_type,
        format: match object_type {
            ot::SYMMETRIC_KEY => kft::RAW,
            ot::SECRET_DATA => kft::OPAQUE,
            _ => first.key_format_type,
        },
        material,
        algorithm: if object_type == ot::SECRET_DATA {
            None
        } else {
            algorithm
        },
        length: Some(length),
        data_type: (object_type == ot::SECRET_DATA)
            .then(|| secret_type.unwrap_or(secret_data_type::SEED)),
    };
    let uid = ctx.insert(&content, attrs)?;
    Ok(uid_payload(&uid))
}
