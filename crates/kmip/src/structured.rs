//! Managed objects whose structure holds more than a Key Block: Split Key (the part's identifier,
//! the number of parts, threshold, method and prime field beside the Key Block) and PGP Key (its
//! version beside the Key Block). The content keeps the whole structure, TTLV-encoded (wrapped in
//! the store like any key material), and gives it back as registered.

use keyhaven_ttlv::{Item, Value};
use zeroize::Zeroizing;

use crate::enums::{object_type as ot, split_key_method};
use crate::error::{KmipError, KmipResult, Reason};
use crate::object::ObjectContent;
use crate::tag;

/// What a Split Key object says, and its part of the key.
pub struct SplitKeyPart {
    pub parts: i32,
    pub key_part_identifier: i32,
    pub threshold: i32,
    pub method: u32,
    /// Big-endian, for Polynomial Sharing Prime Field.
    pub prime_field_size: Option<Vec<u8>>,
    pub key_format_type: u32,
    pub algorithm: Option<u32>,
    pub length: Option<i32>,
    pub share: Zeroizing<Vec<u8>>,
}

impl std::fmt::Debug for SplitKeyPart {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SplitKeyPart")
            .field("parts", &self.parts)
            .field("key_part_identifier", &self.key_part_identifier)
            .field("threshold", &self.threshold)
            .field("method", &self.method)
            .field("share", &format_args!("<{} bytes>", self.share.len()))
            .finish()
    }
}

impl SplitKeyPart {
    /// The Split Key structure (plaintext Key Block, Raw Key Material).
    pub fn to_item(&self) -> Item {
        let mut c = vec![
            Item::int(tag::SPLIT_KEY_PARTS, self.parts),
            Item::int(tag::KEY_PART_IDENTIFIER, self.key_part_identifier),
            Item::int(tag::SPLIT_KEY_THRESHOLD, self.threshold),
            Item::enumeration(tag::SPLIT_KEY_METHOD, self.method),
        ];
        if let Some(p) = &self.prime_field_size {
            c.push(Item::new(
                tag::PRIME_FIELD_SIZE,
                Value::BigInteger(Zeroizing::new(big_integer_bytes(p))),
            ));
        }
        let mut block = vec![
            Item::enumeration(tag::KEY_FORMAT_TYPE, self.key_format_type),
            Item::structure(
                tag::KEY_VALUE,
                vec![Item::bytes(tag::KEY_MATERIAL, self.share.to_vec())],
            ),
        ];
        if let Some(a) = self.algorithm {
            block.push(Item::enumeration(tag::CRYPTOGRAPHIC_ALGORITHM, a));
        }
        if let Some(l) = self.length {
            block.push(Item::int(tag::CRYPTOGRAPHIC_LENGTH, l));
        }
        c.push(Item::structure(tag::KEY_BLOCK, block));
        Item::structure(tag::SPLIT_KEY, c)
    }

    /// Reads and checks a Split Key structure.
    pub fn from_item(obj: &Item) -> KmipResult<SplitKeyPart> {
        let int = |t, name: &str| {
            obj.child(t)
                .and_then(Item::as_int)
                .ok_or_else(|| KmipError::missing(&format!("the {name} of the Split Key")))
        };
        let parts = int(tag::SPLIT_KEY_PARTS, "Split Key Parts")?;
        let id = int(tag::KEY_PART_IDENTIFIER, "Key Part Identifier")?;
        let threshold = int(tag::SPLIT_KEY_THRESHOLD, "Split Key Threshold")?;
        let method = obj
            .child(tag::SPLIT_KEY_METHOD)
            .and_then(Item::as_enum)
            .ok_or_else(|| KmipError::missing("the Split Key Method of the Split Key"))?;
        if !(1..=65535).contains(&parts)
            || !(1..=parts).contains(&id)
            || !(1..=parts).contains(&threshold)
        {
            return Err(KmipError::new(
                Reason::InvalidField,
                "a Split Key needs 1 <= Key Part Identifier <= Split Key Parts and 1 <= Split Key Threshold <= Split Key Parts",
            ));
        }
        let prime_field_size = obj
            .child(tag::PRIME_FIELD_SIZE)
            .and_then(Item::as_big_integer)
            .map(|b| b.to_vec());
        if method == split_key_method::POLYNOMIAL_SHARING_PRIME_FIELD && prime_field_size.is_none()
        {
            return Err(KmipError::missing(
                "the Prime Field Size (Polynomial Sharing Prime Field)",
            ));
        }
        let block = obj
            .child(tag::KEY_BLOCK)
            .ok_or_else(|| KmipError::missing("the Key Block"))?;
        if block.child(tag::KEY_WRAPPING_DATA).is_some() {
            return Err(KmipError::new(
                Reason::FeatureNotSupported,
                "wrapped Split Keys cannot be registered",
            ));
        }
        let key_format_type = block
            .child(tag::KEY_FORMAT_TYPE)
            .and_then(Item::as_enum)
            .ok_or_else(|| KmipError::missing("the Key Format Type of the Key Block"))?;
        let share = block
            .child(tag::KEY_VALUE)
            .and_then(|kv| kv.child(tag::KEY_MATERIAL))
            .and_then(Item::as_bytes)
            .ok_or_else(|| {
                KmipError::missing("the Key Material (a Byte String) of the Split Key")
            })?;
        Ok(SplitKeyPart {
            parts,
            key_part_identifier: id,
            threshold,
            method,
            prime_field_size,
            key_format_type,
            algorithm: block
                .child(tag::CRYPTOGRAPHIC_ALGORITHM)
                .and_then(Item::as_enum),
            length: block
                .child(tag::CRYPTOGRAPHIC_LENGTH)
                .and_then(Item::as_int),
            share: Zeroizing::new(share.to_vec()),
        })
    }

    pub fn to_content(&self) -> ObjectContent {
        ObjectContent {
            object_type: ot::SPLIT_KEY,
            format: self.key_format_type,
            material: Zeroizing::new(keyhaven_ttlv::encode(&self.to_item())),
            algorithm: self.algorithm,
            length: self.length,
            data_type: None,
        }
    }
}

/// A non-negative big-endian integer as a KMIP Big Integer: a multiple of 8 bytes, sign-extended.
fn big_integer_bytes(b: &[u8]) -> Vec<u8> {
    let mut v = b.to_vec();
    if v.first().is_some_and(|x| x & 0x80 != 0) {
        v.insert(0, 0);
    }
    while !v.len().is_multiple_of(8) {
        v.insert(0, 0);
    }
    v
}

fn decode(material: &[u8]) -> KmipResult<Item> {
    let limits = keyhaven_ttlv::Limits {
        max_message_len: usize::MAX,
        ..Default::default()
    };
    keyhaven_ttlv::decode(material, &limits).map_err(|e| {
        KmipError::new(
            Reason::InternalServerError,
            format!("stored object unreadable: {e}"),
        )
    })
}

impl ObjectContent {
    /// Split Key or PGP Key from a Register request.
    pub(crate) fn structured_from_wire(object_type: u32, obj: &Item) -> KmipResult<ObjectContent> {
        match object_type {
            ot::SPLIT_KEY => Ok(SplitKeyPart::from_item(obj)?.to_content()),
            _ => {
                obj.child(tag::PGP_KEY_VERSION)
                    .and_then(Item::as_int)
                    .ok_or_else(|| KmipError::missing("the PGP Key Version of the PGP Key"))?;
                let block = obj
                    .child(tag::KEY_BLOCK)
                    .ok_or_else(|| KmipError::missing("the Key Block"))?;
                if block.child(tag::KEY_WRAPPING_DATA).is_some() {
                    return Err(KmipError::new(
                        Reason::FeatureNotSupported,
                        "wrapped PGP Keys cannot be registered",
                    ));
                }
                let format = block
                    .child(tag::KEY_FORMAT_TYPE)
                    .and_then(Item::as_enum)
                    .ok_or_else(|| KmipError::missing("the Key Format Type of the Key Block"))?;
                block
                    .child(tag::KEY_VALUE)
                    .and_then(|kv| kv.child(tag::KEY_MATERIAL))
                    .ok_or_else(|| KmipError::missing("the Key Material of the PGP Key"))?;
                Ok(ObjectContent {
                    object_type: ot::PGP_KEY,
                    format,
                    material: Zeroizing::new(keyhaven_ttlv::encode(&Item::structure(
                        tag::PGP_KEY,
                        obj.items().to_vec(),
                    ))),
                    algorithm: block
                        .child(tag::CRYPTOGRAPHIC_ALGORITHM)
                        .and_then(Item::as_enum),
                    length: block
                        .child(tag::CRYPTOGRAPHIC_LENGTH)
                        .and_then(Item::as_int),
                    data_type: None,
                })
            }
        }
    }

    /// The structure as registered (Get).
    pub(crate) fn structured_to_wire(&self, requested_format: Option<u32>) -> KmipResult<Item> {
        if let Some(f) = requested_format.filter(|f| *f != self.format) {
            return Err(KmipError::new(
                Reason::KeyFormatTypeNotSupported,
                format!(
                    "this object is held in one Key Format Type and cannot be converted (asked for {})",
                    crate::enums::enum_value_name(tag::KEY_FORMAT_TYPE, f).unwrap_or("unknown")
                ),
            ));
        }
        decode(&self.material)
    }

    /// The part of a Split Key object.
    pub fn split_key_part(&self) -> KmipResult<SplitKeyPart> {
        if self.object_type != ot::SPLIT_KEY {
            return Err(KmipError::new(Reason::InvalidObjectType, "not a Split Key"));
        }
        SplitKeyPart::from_item(&decode(&self.material)?)
    }
}
