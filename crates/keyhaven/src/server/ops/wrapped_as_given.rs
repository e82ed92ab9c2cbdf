//! Keys registered wrapped by a key this server does not hold. The spec lets a server store a
//! wrapped object as provided (2.1 Import: "Otherwise the server SHALL store the object as
//! provided"; Register takes any Key Block, Key Wrapping Data included). Such a key is kept with its
//! Key Block exactly as sent (wrapped, sealed under the tenant's keys like everything else), marked
//! with [`MARKER`] naming the wrapping key; Get and Export give it back as registered, and every
//! operation that would need its plaintext refuses it (Key Value Not Present: the server has no
//! plaintext key value).

use keyhaven_kmip::attribute::{AttrName, Attribute};
use keyhaven_kmip::enums::object_type as ot;
use keyhaven_kmip::error::{KmipError, KmipResult, Reason};
use keyhaven_kmip::object::ObjectContent;
use keyhaven_kmip::tag;
use keyhaven_ttlv::{Item, Value};

use super::{Managed, OpCtx};

/// The server-defined attribute (a 1.x `y-` custom attribute) holding the identifier of the key,
/// unknown to this server, that wraps the stored Key Block.
pub const MARKER: &str = "y-Keyhaven-Wrapped-By-Unknown-Key";

/// The wrapping key named by an object's Key Wrapping Data, when this tenant does not hold it.
pub fn unknown_wrapping_key(ctx: &OpCtx<'_>, obj: &Item) -> Option<String> {
    let uid = obj
        .child(tag::KEY_BLOCK)?
        .child(tag::KEY_WRAPPING_DATA)?
        .child(tag::ENCRYPTION_KEY_INFORMATION)?
        .child(tag::UNIQUE_IDENTIFIER)?
        .as_text()?;
    match ctx.load(uid) {
        Err(e) if matches!(e.reason, Reason::ObjectNotFound | Reason::ItemNotFound) => {
            Some(uid.to_owned())
        }
        _ => None,
    }
}

/// The content and marker attribute of an object stored as given.
pub fn content(object_type: u32, obj: &Item, kek: &str) -> KmipResult<(ObjectContent, Attribute)> {
    if !matches!(
        object_type,
        ot::SYMMETRIC_KEY | ot::SECRET_DATA | ot::PUBLIC_KEY | ot::PRIVATE_KEY | ot::SPLIT_KEY
    ) {
        return Err(KmipError::new(
            Reason::InvalidObjectType,
            "only keys and secret data carry a wrapped Key Block",
        ));
    }
    let block = obj
        .child(tag::KEY_BLOCK)
        .ok_or_else(|| KmipError::missing("the Key Block"))?;
    let format = block
        .child(tag::KEY_FORMAT_TYPE)
        .and_then(Item::as_enum)
        .ok_or_else(|| KmipError::missing("the Key Format Type of the Key Block"))?;
    block
        .child(tag::KEY_VALUE)
        .ok_or_else(|| KmipError::missing("the (wrapped) Key Value"))?;
    let content = ObjectContent {
        object_type,
        format,
        material: keyhaven_ttlv::encode(obj).into(),
        algorithm: block
            .child(tag::CRYPTOGRAPHIC_ALGORITHM)
            .and_then(Item::as_enum),
        length: block
            .child(tag::CRYPTOGRAPHIC_LENGTH)
            .and_then(Item::as_int),
        data_type: obj.child(tag::SECRET_DATA_TYPE).and_then(Item::as_enum),
    };
    let marker = Attribute::new(
        AttrName::from_v1_name(MARKER)?,
        Value::TextString(kek.to_owned()),
    );
    Ok((content, marker))
}

/// Whether an object was stored as given (wrapped by a key this server does not hold).
pub fn is_stored_as_given(m: &Managed) -> bool {
    m.attrs.iter().any(|a| a.name.key() == MARKER)
}

/// Refuses an object stored as given for an operation needing its plaintext.
pub fn check_plaintext_available(m: &Managed) -> KmipResult<()> {
    if is_stored_as_given(m) {
        return Err(KmipError::new(
            Reason::KeyValueNotPresent,
            format!(
                "object {} is held wrapped by a key this server does not have: it can only be fetched",
                m.rec.uid
            ),
        ));
    }
    Ok(())
}

/// The object structure as registered (Get, Export).
pub fn stored_object(content: &ObjectContent) -> KmipResult<Item> {
    let limits = keyhaven_ttlv::Limits {
        max_message_len: usize::MAX,
        ..Default::default()
    };
    keyhaven_ttlv::decode(&content.material, &limits).map_err(|e| {
        KmipError::new(
            Reason::InternalServerError,
            format!("stored object unreadable: {e}"),
        )
    })
}
