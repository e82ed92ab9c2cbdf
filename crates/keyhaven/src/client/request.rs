//! Request messages and operation payloads, spelled for the protocol version they are sent in:
//! 1.x attributes as `Attribute { Attribute Name, Attribute Value }` (Create inside a
//! Template-Attribute, Locate at the top of the payload, Get Attributes by Attribute Name text);
//! 2.x attributes as tagged items in an `Attributes` structure and Get Attributes by Attribute
//! Reference.

use keyhaven_kmip::attribute::{AttrName, Attribute};
use keyhaven_kmip::enums::{credential_type, name_type, object_type, operation as op};
use keyhaven_kmip::{tag, ProtocolVersion};
use keyhaven_ttlv::{Item, Value};

/// A Request Message under construction.
#[derive(Clone, Debug)]
pub struct RequestMessage {
    pub version: ProtocolVersion,
    /// Username and Password credential for the header.
    pub credential: Option<(String, String)>,
    pub max_response_size: Option<i32>,
    /// (operation, payload) per batch item.
    pub items: Vec<(u32, Item)>,
}

impl RequestMessage {
    pub fn new(version: ProtocolVersion) -> RequestMessage {
        RequestMessage {
            version,
            credential: None,
            max_response_size: None,
            items: Vec::new(),
        }
    }

    /// Adds a batch item; `payload` is the Request Payload's children or a whole payload item (its
    /// tag is set to Request Payload either way).
    pub fn with_item(mut self, operation: u32, payload: Item) -> RequestMessage {
        self.items.push((operation, payload));
        self
    }

    pub fn with_credential(mut self, username: &str, password: &str) -> RequestMessage {
        self.credential = Some((username.to_owned(), password.to_owned()));
        self
    }

    /// The message as a TTLV tree. With several batch items each gets a Unique Batch Item ID (its
    /// index, 4 bytes big-endian), as the specification requires.
    pub fn to_item(&self) -> Item {
        let mut header = vec![self.version.to_item()];
        if let Some(m) = self.max_response_size {
            header.push(Item::int(tag::MAXIMUM_RESPONSE_SIZE, m));
        }
        if let Some((user, pass)) = &self.credential {
            let mut value = vec![Item::text(tag::USERNAME, user.clone())];
            value.push(Item::text(tag::PASSWORD, pass.clone()));
            header.push(Item::structure(
                tag::AUTHENTICATION,
                vec![Item::structure(
                    tag::CREDENTIAL,
                    vec![
                        Item::enumeration(
                            tag::CREDENTIAL_TYPE,
                            credential_type::USERNAME_AND_PASSWORD,
                        ),
                        Item::structure(tag::CREDENTIAL_VALUE, value),
                    ],
                )],
            ));
        }
        header.push(Item::int(tag::BATCH_COUNT, self.items.len() as i32));
        let mut children = Vec::with_capacity(self.items.len() + 1);
        children.push(Item::structure(tag::REQUEST_HEADER, header));
        let ids = self.items.len() > 1;
        for (i, (operation, payload)) in self.items.iter().enumerate() {
            let mut bi = vec![Item::enumeration(tag::OPERATION, *operation)];
            if ids {
                bi.push(Item::bytes(
                    tag::UNIQUE_BATCH_ITEM_ID,
                    (i as u32).to_be_bytes().to_vec(),
                ));
            }
            let mut p = payload.clone();
            p.tag = tag::REQUEST_PAYLOAD;
            bi.push(p);
            children.push(Item::structure(tag::BATCH_ITEM, bi));
        }
        Item::structure(tag::REQUEST_MESSAGE, children)
    }

    /// The encoded message.
    pub fn encode(&self) -> Vec<u8> {
        keyhaven_ttlv::encode(&self.to_item())
    }
}

fn payload(children: Vec<Item>) -> Item {
    Item::structure(tag::REQUEST_PAYLOAD, children)
}

/// Discover Versions: the versions the client speaks, most preferred first (empty: ask for all).
pub fn discover_versions(versions: &[ProtocolVersion]) -> Item {
    payload(versions.iter().map(|v| v.to_item()).collect())
}

/// Get of one object, in the server's default format.
pub fn get(uid: &str) -> Item {
    payload(vec![Item::text(tag::UNIQUE_IDENTIFIER, uid)])
}

/// Get Attributes of one object, the named attributes (1.x names such as "State"; custom ones
/// `x-…`) or all when `names` is empty.
pub fn get_attributes(
    version: ProtocolVersion,
    uid: &str,
    names: &[&str],
) -> Result<Item, keyhaven_kmip::KmipError> {
    let mut c = vec![Item::text(tag::UNIQUE_IDENTIFIER, uid)];
    for n in names {
        if version.is_2x() {
            c.push(AttrName::from_v1_name(n)?.to_reference());
        } else {
            c.push(Item::text(tag::ATTRIBUTE_NAME, *n));
        }
    }
    Ok(payload(c))
}

/// A list of attributes in the version's spelling, as the children of `container_tag` (1.x
/// Template-Attribute) or of an Attributes structure (2.x). Attributes the version does not define
/// are left out.
fn attribute_container(version: ProtocolVersion, v1_container: u32, attrs: &[Attribute]) -> Item {
    let items: Vec<Item> = attrs.iter().filter_map(|a| a.to_wire(version)).collect();
    if version.is_2x() {
        Item::structure(tag::ATTRIBUTES, items)
    } else {
        Item::structure(v1_container, items)
    }
}

/// A Name attribute (Uninterpreted Text String).
pub fn name_attribute(name: &str) -> Attribute {
    Attribute::std(
        tag::NAME,
        Value::Structure(vec![
            Item::text(tag::NAME_VALUE, name),
            Item::enumeration(tag::NAME_TYPE, name_type::UNINTERPRETED_TEXT_STRING),
        ]),
    )
}

/// The attributes of a new symmetric key: algorithm (e.g. AES), length in bits, usage mask, and any
/// extra attributes.
pub fn symmetric_key_attributes(
    algorithm: u32,
    length: i32,
    usage_mask: i32,
    extra: Vec<Attribute>,
) -> Vec<Attribute> {
    let mut attrs = vec![
        Attribute::std(tag::CRYPTOGRAPHIC_ALGORITHM, Value::Enumeration(algorithm)),
        Attribute::std(tag::CRYPTOGRAPHIC_LENGTH, Value::Integer(length)),
        Attribute::std(tag::CRYPTOGRAPHIC_USAGE_MASK, Value::Integer(usage_mask)),
    ];
    attrs.extend(extra);
    attrs
}

/// Create of a symmetric key with the given attributes (see [`symmetric_key_attributes`]).
pub fn create_symmetric_key(version: ProtocolVersion, attrs: &[Attribute]) -> Item {
    payload(vec![
        Item::enumeration(tag::OBJECT_TYPE, object_type::SYMMETRIC_KEY),
        attribute_container(version, tag::TEMPLATE_ATTRIBUTE, attrs),
    ])
}

/// Locate: objects matching every attribute given, at most `max_items` of them.
pub fn locate(version: ProtocolVersion, attrs: &[Attribute], max_items: Option<i32>) -> Item {
    let mut c = Vec::new();
    if let Some(m) = max_items {
        c.push(Item::int(tag::MAXIMUM_ITEMS, m));
    }
    if version.is_2x() {
        c.push(attribute_container(version, tag::ATTRIBUTES, attrs));
    } else {
        c.extend(attrs.iter().filter_map(|a| a.to_wire(version)));
    }
    payload(c)
}

/// The operation codes of the builders above, for callers that name them.
pub mod ops {
    use super::op;
    pub const DISCOVER_VERSIONS: u32 = op::DISCOVER_VERSIONS;
    pub const GET: u32 = op::GET;
    pub const GET_ATTRIBUTES: u32 = op::GET_ATTRIBUTES;
    pub const CREATE: u32 = op::CREATE;
    pub const LOCATE: u32 = op::LOCATE;
}

#[cfg(test)]
mod tests {
    use super::*;
    use keyhaven_kmip::enums::cryptographic_algorithm as alg;
    use keyhaven_kmip::message::RequestMessage as Parsed;

    fn roundtrip(m: &RequestMessage) -> Parsed {
        let bytes = m.encode();
        let item =
            keyhaven_ttlv::decode(&bytes, &keyhaven_ttlv::Limits::default()).expect("decode");
        Parsed::parse(&item).expect("a valid request message")
    }

    #[test]
    fn batch_of_two_gets_ids_and_parses() {
        let m = RequestMessage::new(ProtocolVersion::V1_1)
            .with_item(op::DISCOVER_VERSIONS, discover_versions(&[]))
            .with_item(op::GET, get("abc"))
            .with_credential("u", "p");
        let p = roundtrip(&m);
        assert_eq!(p.items.len(), 2);
        assert!(p.items.iter().all(|i| i.unique_batch_item_id.is_some()));
        assert_eq!(p.header.credentials.len(), 1);
    }

    #[test]
    fn create_is_spelled_per_version() {
        let attrs = symmetric_key_attributes(alg::AES, 256, 12, vec![name_attribute("k")]);
        let v1 = create_symmetric_key(ProtocolVersion::V1_1, &attrs);
        let ta = v1
            .child(tag::TEMPLATE_ATTRIBUTE)
            .expect("template-attribute");
        assert_eq!(ta.children(tag::ATTRIBUTE).count(), 4);
        let v2 = create_symmetric_key(ProtocolVersion::V2_0, &attrs);
        let a = v2.child(tag::ATTRIBUTES).expect("attributes");
        assert!(a.child(tag::CRYPTOGRAPHIC_LENGTH).is_some());
        assert!(a.child(tag::NAME).is_some());
    }

    #[test]
    fn get_attributes_by_name_or_reference() {
        let v1 = get_attributes(ProtocolVersion::V1_1, "u", &["State"]).expect("v1");
        assert_eq!(
            v1.child(tag::ATTRIBUTE_NAME).and_then(Item::as_text),
            Some("State")
        );
        let v2 = get_attributes(ProtocolVersion::V2_0, "u", &["State"]).expect("v2");
        assert_eq!(
            v2.child(tag::ATTRIBUTE_REFERENCE).and_then(Item::as_enum),
            Some(tag::STATE)
        );
    }

    #[test]
    fn locate_by_name_per_version() {
        let n = [name_attribute("k")];
        let v1 = locate(ProtocolVersion::V1_1, &n, Some(2));
        assert!(v1.child(tag::ATTRIBUTE).is_some());
        assert_eq!(v1.child(tag::MAXIMUM_ITEMS).and_then(Item::as_int), Some(2));
        let v2 = locate(ProtocolVersion::V2_1, &n, None);
        assert!(v2
            .child(tag::ATTRIBUTES)
            .and_then(|a| a.child(tag::NAME))
            .is_some());
    }
}
