//! Managed objects on the wire: Symmetric Key, Secret Data and Opaque Object, and the Key Block
//! formats this server speaks (Raw, Opaque, Transparent Symmetric Key).

use keyhaven_ttlv::{Item, Value};
use zeroize::Zeroizing;

use crate::enums::{key_format_type as kft, object_type as ot};
use crate::error::{KmipError, KmipResult, Reason};
use crate::tag;

/// The tag of the structure carrying an object of that type, for the types this server stores.
pub fn object_tag(object_type: u32) -> Option<u32> {
    match object_type {
        ot::SYMMETRIC_KEY => Some(tag::SYMMETRIC_KEY),
        ot::SECRET_DATA => Some(tag::SECRET_DATA),
        ot::OPAQUE_OBJECT => Some(tag::OPAQUE_OBJECT),
        ot::PUBLIC_KEY => Some(tag::PUBLIC_KEY),
        ot::PRIVATE_KEY => Some(tag::PRIVATE_KEY),
        ot::CERTIFICATE => Some(tag::CERTIFICATE),
        ot::TEMPLATE => Some(tag::TEMPLATE),
        ot::SPLIT_KEY => Some(tag::SPLIT_KEY),
        ot::PGP_KEY => Some(tag::PGP_KEY),
        _ => None,
    }
}

/// A managed object's content: the secret bytes and what is needed to give them back.
#[derive(Clone, PartialEq, Eq)]
pub struct ObjectContent {
    pub object_type: u32,
    /// Key Format Type as registered (Raw for created keys; Opaque for secret data), or 0 for opaque objects.
    pub format: u32,
    pub material: Zeroizing<Vec<u8>>,
    pub algorithm: Option<u32>,
    pub length: Option<i32>,
    /// Secret Data Type or Opaque Data Type.
    pub data_type: Option<u32>,
}

impl std::fmt::Debug for ObjectContent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ObjectContent")
            .field("object_type", &self.object_type)
            .field("format", &self.format)
            .field("material", &format_args!("<{} bytes>", self.material.len()))
            .field("algorithm", &self.algorithm)
            .field("length", &self.length)
            .finish()
    }
}

impl ObjectContent {
    /// Reads the object structure of a Register request.
    pub fn from_wire(object_type: u32, obj: &Item) -> KmipResult<ObjectContent> {
        match object_type {
            ot::SYMMETRIC_KEY | ot::SECRET_DATA => {
                let block = obj.child(tag::KEY_BLOCK).ok_or_else(|| KmipError::missing("the Key Block"))?;
                let format = block
                    .child(tag::KEY_FORMAT_TYPE)
                    .and_then(Item::as_enum)
                    .ok_or_else(|| KmipError::missing("the Key Format Type of the Key Block"))?;
                if block.child(tag::KEY_WRAPPING_DATA).is_some() {
                    return Err(KmipError::new(Reason::FeatureNotSupported, "registering wrapped keys is not supported"));
                }
                if block.child(tag::KEY_COMPRESSION_TYPE).is_some() {
                    return Err(KmipError::new(Reason::KeyCompressionTypeNotSupported, "key compression is not supported"));
                }
                let kv = block.child(tag::KEY_VALUE).ok_or_else(|| KmipError::missing("the Key Value"))?;
                let km = kv.child(tag::KEY_MATERIAL).ok_or_else(|| KmipError::missing("the Key Material"))?;
                let material = match (format, &km.value) {
                    (kft::RAW | kft::OPAQUE, Value::ByteString(b)) => b.clone(),
                    (kft::TRANSPARENT_SYMMETRIC_KEY, Value::Structure(_)) if object_type == ot::SYMMETRIC_KEY => km
                        .child(tag::KEY)
                        .and_then(|k| match &k.value {
                            Value::ByteString(b) => Some(b.clone()),
                            _ => None,
                        })
                        .ok_or_else(|| KmipError::missing("the Key of the Transparent Symmetric Key"))?,
                    _ => {
                        return Err(KmipError::new(
                            Reason::KeyFormatTypeNotSupported,
                            format!("Key Format Type {format} is not supported for this object type"),
                        ))
                    }
                };
                let algorithm = block.child(tag::CRYPTOGRAPHIC_ALGORITHM).and_then(Item::as_enum);
                let length = block.child(tag::CRYPTOGRAPHIC_LENGTH).and_then(Item::as_int);
                if object_type == ot::SYMMETRIC_KEY {
                    if algorithm.is_none() {
                        return Err(KmipError::missing("the Cryptographic Algorithm of the Key Block"));
                    }
                    if let Some(l) = length {
                        // DES keys carry a parity bit per byte: 3DES is 168 (or 112) bits in 24
                        // (or 16) bytes.
                        let des_parity = algorithm == Some(crate::enums::cryptographic_algorithm::DES3)
                            && ((l == 168 && material.len() == 24) || (l == 112 && material.len() == 16));
                        if (l < 0 || l as usize != material.len() * 8) && !des_parity {
                            return Err(KmipError::invalid(format!(
                                "Cryptographic Length {l} does not match the {} bits of key material",
                                material.len() * 8
                            )));
                        }
                    }
                }
                let data_type = if object_type == ot::SECRET_DATA {
                    Some(
                        obj.child(tag::SECRET_DATA_TYPE)
                            .and_then(Item::as_enum)
                            .ok_or_else(|| KmipError::missing("the Secret Data Type"))?,
                    )
                } else {
                    None
                };
                let length = if object_type == ot::SYMMETRIC_KEY { Some(length.unwrap_or((material.len() * 8) as i32)) } else { length };
                Ok(ObjectContent { object_type, format, material, algorithm, length, data_type })
            }
            ot::OPAQUE_OBJECT => {
                let data_type = obj
                    .child(tag::OPAQUE_DATA_TYPE)
                    .and_then(Item::as_enum)
                    .ok_or_else(|| KmipError::missing("the Opaque Data Type"))?;
                let material = match obj.child(tag::OPAQUE_DATA_VALUE).map(|i| &i.value) {
                    Some(Value::ByteString(b)) => b.clone(),
                    _ => return Err(KmipError::missing("the Opaque Data Value")),
                };
                Ok(ObjectContent { object_type, format: 0, material, algorithm: None, length: None, data_type: Some(data_type) })
            }
            ot::PUBLIC_KEY | ot::PRIVATE_KEY => Self::asymmetric_from_wire(object_type, obj),
            ot::CERTIFICATE => Self::certificate_from_wire(obj),
            ot::TEMPLATE => Self::template_from_wire(obj),
            ot::SPLIT_KEY | ot::PGP_KEY => Self::structured_from_wire(object_type, obj),
            other => Err(KmipError::new(
                Reason::InvalidObjectType,
                format!("object type {other} is not supported by this server (Symmetric Key, Secret Data, Opaque Object are)"),
            )),
        }
    }

    /// Encodes the object for a Get response in the requested Key Format Type (the registered one when
    /// `None`).
    pub fn to_wire(&self, requested_format: Option<u32>) -> KmipResult<Item> {
        match self.object_type {
            ot::SYMMETRIC_KEY | ot::SECRET_DATA => {
                let format = requested_format.unwrap_or(self.format);
                let km = match format {
                    kft::RAW if self.object_type == ot::SYMMETRIC_KEY => {
                        Item::bytes(tag::KEY_MATERIAL, self.material.to_vec())
                    }
                    kft::OPAQUE if self.object_type == ot::SECRET_DATA => {
                        Item::bytes(tag::KEY_MATERIAL, self.material.to_vec())
                    }
                    kft::TRANSPARENT_SYMMETRIC_KEY if self.object_type == ot::SYMMETRIC_KEY => {
                        Item::structure(
                            tag::KEY_MATERIAL,
                            vec![Item::bytes(tag::KEY, self.material.to_vec())],
                        )
                    }
                    f if f == self.format => Item::bytes(tag::KEY_MATERIAL, self.material.to_vec()),
                    other => {
                        return Err(KmipError::new(
                            Reason::KeyFormatTypeNotSupported,
                            format!("this object cannot be returned in Key Format Type {other}"),
                        ))
                    }
                };
                let mut block = vec![
                    Item::enumeration(tag::KEY_FORMAT_TYPE, format),
                    Item::structure(tag::KEY_VALUE, vec![km]),
                ];
                if let Some(a) = self.algorithm {
                    block.push(Item::enumeration(tag::CRYPTOGRAPHIC_ALGORITHM, a));
                }
                if let Some(l) = self.length {
                    block.push(Item::int(tag::CRYPTOGRAPHIC_LENGTH, l));
                }
                let block = Item::structure(tag::KEY_BLOCK, block);
                if self.object_type == ot::SECRET_DATA {
                    Ok(Item::structure(
                        tag::SECRET_DATA,
                        vec![
                            Item::enumeration(tag::SECRET_DATA_TYPE, self.data_type.unwrap_or(1)),
                            block,
                        ],
                    ))
                } else {
                    Ok(Item::structure(tag::SYMMETRIC_KEY, vec![block]))
                }
            }
            ot::OPAQUE_OBJECT => {
                if let Some(f) = requested_format {
                    return Err(KmipError::new(
                        Reason::KeyFormatTypeNotSupported,
                        format!("an Opaque Object has no Key Format Type (asked for {f})"),
                    ));
                }
                Ok(Item::structure(
                    tag::OPAQUE_OBJECT,
                    vec![
                        Item::enumeration(tag::OPAQUE_DATA_TYPE, self.data_type.unwrap_or(0)),
                        Item::bytes(tag::OPAQUE_DATA_VALUE, self.material.to_vec()),
                    ],
                ))
            }
            ot::PUBLIC_KEY | ot::PRIVATE_KEY => self.asymmetric_to_wire(requested_format),
            ot::CERTIFICATE => self.certificate_to_wire(requested_format),
            ot::TEMPLATE => self.template_to_wire(requested_format),
            ot::SPLIT_KEY | ot::PGP_KEY => self.structured_to_wire(requested_format),
            other => Err(KmipError::new(
                Reason::InvalidObjectType,
                format!("object type {other} is not supported"),
            )),
        }
    }

    /// Serialises for wrapping (the plaintext of the envelope): a TTLV structure, never stored as is.
    pub fn to_plaintext(&self) -> Zeroizing<Vec<u8>> {
        let mut c = vec![
            Item::enumeration(tag::OBJECT_TYPE, self.object_type),
            Item::enumeration(tag::KEY_FORMAT_TYPE, self.format),
            Item::bytes(tag::KEY_MATERIAL, self.material.to_vec()),
        ];
        if let Some(a) = self.algorithm {
            c.push(Item::enumeration(tag::CRYPTOGRAPHIC_ALGORITHM, a));
        }
        if let Some(l) = self.length {
            c.push(Item::int(tag::CRYPTOGRAPHIC_LENGTH, l));
        }
        if let Some(d) = self.data_type {
            c.push(Item::enumeration(tag::SECRET_DATA_TYPE, d));
        }
        Zeroizing::new(keyhaven_ttlv::encode(&Item::structure(
            tag::OBJECT_GROUP,
            c,
        )))
    }

    pub fn from_plaintext(bytes: &[u8]) -> KmipResult<ObjectContent> {
        let limits = keyhaven_ttlv::Limits {
            max_message_len: usize::MAX,
            ..Default::default()
        };
        let it = keyhaven_ttlv::decode(bytes, &limits).map_err(|e| {
            KmipError::new(
                Reason::InternalServerError,
                format!("unwrapped object unreadable: {e}"),
            )
        })?;
        let bad = || {
            KmipError::new(
                Reason::InternalServerError,
                "unwrapped object is incomplete",
            )
        };
        Ok(ObjectContent {
            object_type: it
                .child(tag::OBJECT_TYPE)
                .and_then(Item::as_enum)
                .ok_or_else(bad)?,
            format: it
                .child(tag::KEY_FORMAT_TYPE)
                .and_then(Item::as_enum)
                .ok_or_else(bad)?,
            material: Zeroizing::new(
                it.child(tag::KEY_MATERIAL)
                    .and_then(Item::as_bytes)
                    .ok_or_else(bad)?
                    .to_vec(),
            ),
            algorithm: it
                .child(tag::CRYPTOGRAPHIC_ALGORITHM)
                .and_then(Item::as_enum),
            length: it.child(tag::CRYPTOGRAPHIC_LENGTH).and_then(Item::as_int),
            data_type: it.child(tag::SECRET_DATA_TYPE).and_then(Item::as_enum),
        })
    }
}

/// True for the Key Format Types whose Key Material is a structure (Transparent ... Key).
pub fn is_transparent_format(format: u32) -> bool {
    matches!(
        format,
        kft::TRANSPARENT_SYMMETRIC_KEY
            | kft::TRANSPARENT_DSA_PRIVATE_KEY
            | kft::TRANSPARENT_DSA_PUBLIC_KEY
            | kft::TRANSPARENT_RSA_PRIVATE_KEY
            | kft::TRANSPARENT_RSA_PUBLIC_KEY
            | kft::TRANSPARENT_DH_PRIVATE_KEY
            | kft::TRANSPARENT_DH_PUBLIC_KEY
            | kft::TRANSPARENT_ECDSA_PRIVATE_KEY
            | kft::TRANSPARENT_ECDSA_PUBLIC_KEY
            | kft::TRANSPARENT_ECDH_PRIVATE_KEY
            | kft::TRANSPARENT_ECDH_PUBLIC_KEY
            | kft::TRANSPARENT_ECMQV_PRIVATE_KEY
            | kft::TRANSPARENT_ECMQV_PUBLIC_KEY
            | kft::TRANSPARENT_EC_PRIVATE_KEY
            | kft::TRANSPARENT_EC_PUBLIC_KEY
    )
}

/// Public Key, Private Key and Certificate on the wire. The material of a key is kept as sent: the
/// encoded bytes (PKCS#1, PKCS#8, X.509, ECPrivateKey, ...) or, for a Transparent format, the TTLV
/// encoding of its Key Material structure. Conversions between formats need key parsing and live in
/// the server (`crypto::asymmetric`); here a key is returned in the format it holds.
impl ObjectContent {
    fn asymmetric_from_wire(object_type: u32, obj: &Item) -> KmipResult<ObjectContent> {
        let block = obj
            .child(tag::KEY_BLOCK)
            .ok_or_else(|| KmipError::missing("the Key Block"))?;
        let format = block
            .child(tag::KEY_FORMAT_TYPE)
            .and_then(Item::as_enum)
            .ok_or_else(|| KmipError::missing("the Key Format Type of the Key Block"))?;
        if block.child(tag::KEY_WRAPPING_DATA).is_some() {
            return Err(KmipError::new(
                Reason::FeatureNotSupported,
                "registering wrapped keys is not supported",
            ));
        }
        if block.child(tag::KEY_COMPRESSION_TYPE).is_some() {
            return Err(KmipError::new(
                Reason::KeyCompressionTypeNotSupported,
                "key compression is not supported",
            ));
        }
        let kv = block
            .child(tag::KEY_VALUE)
            .ok_or_else(|| KmipError::missing("the Key Value"))?;
        let km = kv
            .child(tag::KEY_MATERIAL)
            .ok_or_else(|| KmipError::missing("the Key Material"))?;
        let material = match (&km.value, is_transparent_format(format)) {
            (Value::ByteString(b), false) => b.clone(),
            (Value::Structure(_), true) => Zeroizing::new(keyhaven_ttlv::encode(km)),
            _ => {
                return Err(KmipError::new(
                    Reason::InvalidField,
                    format!(
                        "the Key Material does not suit Key Format Type {} (a Byte String for encoded keys, a structure for Transparent keys)",
                        crate::enums::enum_value_name(tag::KEY_FORMAT_TYPE, format).unwrap_or("unknown")
                    ),
                ))
            }
        };
        Ok(ObjectContent {
            object_type,
            format,
            material,
            algorithm: block
                .child(tag::CRYPTOGRAPHIC_ALGORITHM)
                .and_then(Item::as_enum),
            length: block
                .child(tag::CRYPTOGRAPHIC_LENGTH)
                .and_then(Item::as_int),
            data_type: None,
        })
    }

    fn certificate_from_wire(obj: &Item) -> KmipResult<ObjectContent> {
        let cert_type = obj
            .child(tag::CERTIFICATE_TYPE)
            .and_then(Item::as_enum)
            .ok_or_else(|| KmipError::missing("the Certificate Type"))?;
        let material = match obj.child(tag::CERTIFICATE_VALUE).map(|i| &i.value) {
            Some(Value::ByteString(b)) => b.clone(),
            _ => return Err(KmipError::missing("the Certificate Value")),
        };
        Ok(ObjectContent {
            object_type: ot::CERTIFICATE,
            format: 0,
            material,
            algorithm: None,
            length: None,
            data_type: Some(cert_type),
        })
    }

    /// The Key Material item of a public or private key as held (bytes, or the Transparent structure).
    pub fn key_material_item(&self) -> KmipResult<Item> {
        if is_transparent_format(self.format) {
            let limits = keyhaven_ttlv::Limits {
                max_message_len: usize::MAX,
                ..Default::default()
            };
            let item = keyhaven_ttlv::decode(&self.material, &limits).map_err(|e| {
                KmipError::new(
                    Reason::InternalServerError,
                    format!("stored key material unreadable: {e}"),
                )
            })?;
            Ok(Item::new(tag::KEY_MATERIAL, item.value))
        } else {
            Ok(Item::bytes(tag::KEY_MATERIAL, self.material.to_vec()))
        }
    }

    fn asymmetric_to_wire(&self, requested_format: Option<u32>) -> KmipResult<Item> {
        if let Some(f) = requested_format.filter(|f| *f != self.format) {
            return Err(KmipError::new(
                Reason::KeyFormatTypeNotSupported,
                format!(
                    "this key cannot be returned in Key Format Type {}",
                    crate::enums::enum_value_name(tag::KEY_FORMAT_TYPE, f).unwrap_or("unknown")
                ),
            ));
        }
        let mut block = vec![
            Item::enumeration(tag::KEY_FORMAT_TYPE, self.format),
            Item::structure(tag::KEY_VALUE, vec![self.key_material_item()?]),
        ];
        if let Some(a) = self.algorithm {
            block.push(Item::enumeration(tag::CRYPTOGRAPHIC_ALGORITHM, a));
        }
        if let Some(l) = self.length {
            block.push(Item::int(tag::CRYPTOGRAPHIC_LENGTH, l));
        }
        let t = if self.object_type == ot::PUBLIC_KEY {
            tag::PUBLIC_KEY
        } else {
            tag::PRIVATE_KEY
        };
        Ok(Item::structure(
            t,
            vec![Item::structure(tag::KEY_BLOCK, block)],
        ))
    }

    fn certificate_to_wire(&self, requested_format: Option<u32>) -> KmipResult<Item> {
        if let Some(f) = requested_format {
            return Err(KmipError::new(
                Reason::KeyFormatTypeNotSupported,
                format!("a Certificate has no Key Format Type (asked for {f})"),
            ));
        }
        Ok(Item::structure(
            tag::CERTIFICATE,
            vec![
                Item::enumeration(tag::CERTIFICATE_TYPE, self.data_type.unwrap_or(1)),
                Item::bytes(tag::CERTIFICATE_VALUE, self.material.to_vec()),
            ],
        ))
    }
}

/// Template (KMIP 1.x): a named list of attributes for new objects. The content is the Template
/// structure as registered (its TTLV encoding), given back as is by Get.
impl ObjectContent {
    fn template_from_wire(obj: &Item) -> KmipResult<ObjectContent> {
        if obj.items().iter().any(|i| i.tag != tag::ATTRIBUTE) {
            return Err(KmipError::invalid("a Template holds Attribute items only"));
        }
        let material = keyhaven_ttlv::encode(&Item::structure(tag::TEMPLATE, obj.items().to_vec()));
        Ok(ObjectContent {
            object_type: ot::TEMPLATE,
            format: 0,
            material: Zeroizing::new(material),
            algorithm: None,
            length: None,
            data_type: None,
        })
    }

    fn template_to_wire(&self, requested_format: Option<u32>) -> KmipResult<Item> {
        if let Some(f) = requested_format {
            return Err(KmipError::new(
                Reason::KeyFormatTypeNotSupported,
                format!("a Template has no Key Format Type (asked for {f})"),
            ));
        }
        let limits = keyhaven_ttlv::Limits {
            max_message_len: usize::MAX,
            ..Default::default()
        };
        keyhaven_ttlv::decode(&self.material, &limits).map_err(|e| {
            KmipError::new(
                Reason::InternalServerError,
                format!("stored template unreadable: {e}"),
            )
        })
    }

    /// The attributes of a Template object (as registered, Name included).
    pub fn template_attributes(&self) -> KmipResult<Vec<crate::attribute::Attribute>> {
        self.template_to_wire(None)?
            .items()
            .iter()
            .map(crate::attribute::Attribute::from_v1)
            .collect()
    }
}
