//! Attributes in both spellings: 1.x `Attribute { Attribute Name, Attribute Index, Attribute Value }`
//! (custom ones named `x-…`/`y-…`) and 2.x tagged items in an `Attributes` structure (custom ones as
//! `Vendor Attribute`, with vendors "x" and "y" standing for the 1.x `x-`/`y-` names, as the 2.x
//! specification reserves them).
//!
//! [`Attribute`] is the version-neutral form kept with each managed object. Custom attribute values are
//! kept exactly as sent, whatever their TTLV type.

use keyhaven_ttlv::{Item, Value};

use crate::attrdefs::{attribute_by_name, attribute_by_tag, AttributeDef};
use crate::error::{KmipError, KmipResult, Reason};
use crate::tag;
use crate::version::ProtocolVersion;

/// Which attribute.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AttrName {
    /// An attribute the specification defines.
    Std(&'static AttributeDef),
    /// A custom (vendor) attribute: 1.x `x-Name` is `{ vendor: "x", name: "Name" }`.
    Custom { vendor: String, name: String },
}

impl AttrName {
    /// Parses a 1.x attribute name (`"Cryptographic Algorithm"`, `"x-Vendor"`).
    pub fn from_v1_name(name: &str) -> KmipResult<AttrName> {
        if let Some(rest) = name.strip_prefix("x-").or_else(|| name.strip_prefix("y-")) {
            if rest.is_empty() {
                return Err(KmipError::invalid(format!(
                    "custom attribute name {name:?} is empty after its prefix"
                )));
            }
            return Ok(AttrName::Custom {
                vendor: name[..1].to_owned(),
                name: rest.to_owned(),
            });
        }
        match attribute_by_name(name) {
            Some(def) => Ok(AttrName::Std(def)),
            None => Err(KmipError::new(
                Reason::InvalidField,
                format!("unknown attribute name {name:?} (custom attributes start with \"x-\")"),
            )),
        }
    }

    /// The 1.x spelling of this name; `None` for a vendor attribute that 1.x cannot name.
    pub fn v1_name(&self) -> Option<String> {
        match self {
            AttrName::Std(d) => Some(d.name.to_owned()),
            AttrName::Custom { vendor, name } if vendor == "x" || vendor == "y" => {
                Some(format!("{vendor}-{name}"))
            }
            AttrName::Custom { vendor, name } => Some(format!("x-{vendor}-{name}")),
        }
    }

    /// A stable display/storage key, the 1.x spelling.
    pub fn key(&self) -> String {
        self.v1_name().unwrap_or_default()
    }

    /// True when the client's version knows this attribute.
    pub fn defined_in(&self, v: ProtocolVersion) -> bool {
        match self {
            AttrName::Std(d) => d.defined_in(v.major, v.minor),
            AttrName::Custom { .. } => true,
        }
    }

    pub fn is_custom(&self) -> bool {
        matches!(self, AttrName::Custom { .. })
    }

    pub fn def(&self) -> Option<&'static AttributeDef> {
        match self {
            AttrName::Std(d) => Some(d),
            AttrName::Custom { .. } => None,
        }
    }

    pub fn is(&self, t: u32) -> bool {
        matches!(self, AttrName::Std(d) if d.tag == t)
    }

    /// Reads a 2.x Attribute Reference (an Enumeration holding a tag, or a Vendor Identification and
    /// Attribute Name structure).
    pub fn from_reference(item: &Item) -> KmipResult<AttrName> {
        match &item.value {
            Value::Enumeration(t) => attribute_by_tag(*t).map(AttrName::Std).ok_or_else(|| {
                KmipError::new(
                    Reason::InvalidField,
                    format!("0x{t:06X} is not an attribute tag"),
                )
            }),
            // A structure naming no vendor names a standard attribute by its specification name
            // (PyKMIP sends Vendor Identification "" and e.g. "Contact Information").
            Value::Structure(_)
                if item
                    .child(tag::VENDOR_IDENTIFICATION)
                    .and_then(Item::as_text)
                    .is_some_and(str::is_empty) =>
            {
                let name = item
                    .child(tag::ATTRIBUTE_NAME)
                    .and_then(Item::as_text)
                    .ok_or_else(|| {
                        KmipError::missing("the Attribute Name of an Attribute Reference")
                    })?;
                attribute_by_name(name).map(AttrName::Std).ok_or_else(|| {
                    KmipError::new(
                        Reason::InvalidField,
                        format!("unknown attribute name {name:?} in an Attribute Reference"),
                    )
                })
            }
            Value::Structure(_) => custom_from(item),
            _ => Err(KmipError::invalid(
                "an Attribute Reference must be an Enumeration or a Structure",
            )),
        }
    }

    /// Encodes as a 2.x Attribute Reference.
    pub fn to_reference(&self) -> Item {
        match self {
            AttrName::Std(d) => Item::enumeration(tag::ATTRIBUTE_REFERENCE, d.tag),
            AttrName::Custom { vendor, name } => Item::structure(
                tag::ATTRIBUTE_REFERENCE,
                vec![
                    Item::text(tag::VENDOR_IDENTIFICATION, vendor.clone()),
                    Item::text(tag::ATTRIBUTE_NAME, name.clone()),
                ],
            ),
        }
    }
}

fn custom_from(item: &Item) -> KmipResult<AttrName> {
    let vendor = item
        .child(tag::VENDOR_IDENTIFICATION)
        .and_then(Item::as_text)
        .ok_or_else(|| KmipError::missing("the Vendor Identification of a vendor attribute"))?;
    let name = item
        .child(tag::ATTRIBUTE_NAME)
        .and_then(Item::as_text)
        .ok_or_else(|| KmipError::missing("the Attribute Name of a vendor attribute"))?;
    if vendor.is_empty()
        || !vendor
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
    {
        return Err(KmipError::invalid(format!(
            "Vendor Identification {vendor:?} must be [A-Za-z0-9_.]+"
        )));
    }
    Ok(AttrName::Custom {
        vendor: vendor.to_owned(),
        name: name.to_owned(),
    })
}

/// One attribute instance.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attribute {
    pub name: AttrName,
    /// The 1.x Attribute Index (0 for the first instance).
    pub index: i32,
    /// The value; its tag is irrelevant (the name says what it is).
    pub value: Value,
}

impl Attribute {
    pub fn new(name: AttrName, value: Value) -> Attribute {
        Attribute {
            name,
            index: 0,
            value,
        }
    }

    /// A standard attribute by tag. Panics only on a tag missing from the attribute table, which is a
    /// programming error caught by tests.
    pub fn std(t: u32, value: Value) -> Attribute {
        let def =
            attribute_by_tag(t).unwrap_or_else(|| panic!("0x{t:06X} is not an attribute tag"));
        Attribute {
            name: AttrName::Std(def),
            index: 0,
            value,
        }
    }

    /// Reads a 1.x `Attribute` structure.
    pub fn from_v1(item: &Item) -> KmipResult<Attribute> {
        let name = item
            .child(tag::ATTRIBUTE_NAME)
            .and_then(Item::as_text)
            .ok_or_else(|| KmipError::missing("the Attribute Name of an Attribute"))?;
        let name = AttrName::from_v1_name(name)?;
        let index = match item.child(tag::ATTRIBUTE_INDEX) {
            Some(i) => i.as_int().filter(|n| *n >= 0).ok_or_else(|| {
                KmipError::invalid("Attribute Index must be a non-negative Integer")
            })?,
            None => 0,
        };
        let value = item
            .child(tag::ATTRIBUTE_VALUE)
            .ok_or_else(|| KmipError::missing(&format!("the Attribute Value of {}", name.key())))?
            .value
            .clone();
        let a = Attribute { name, index, value };
        a.check_type()?;
        Ok(a)
    }

    /// Reads a 1.x Attribute that may lack its value (Get Attributes / Delete Attribute forms).
    pub fn name_from_v1(item: &Item) -> KmipResult<(AttrName, i32)> {
        let name = item
            .child(tag::ATTRIBUTE_NAME)
            .and_then(Item::as_text)
            .ok_or_else(|| KmipError::missing("the Attribute Name"))?;
        let index = item
            .child(tag::ATTRIBUTE_INDEX)
            .and_then(Item::as_int)
            .unwrap_or(0);
        Ok((AttrName::from_v1_name(name)?, index))
    }

    /// Reads one 2.x attribute item (a tagged attribute or a Vendor Attribute).
    pub fn from_v2(item: &Item) -> KmipResult<Attribute> {
        if item.tag == tag::VENDOR_ATTRIBUTE {
            let name = custom_from(item)?;
            let value = item
                .child(tag::ATTRIBUTE_VALUE)
                .ok_or_else(|| KmipError::missing("the Attribute Value of a Vendor Attribute"))?
                .value
                .clone();
            return Ok(Attribute {
                name,
                index: 0,
                value,
            });
        }
        let def = attribute_by_tag(item.tag).ok_or_else(|| {
            KmipError::new(
                Reason::InvalidField,
                format!("tag 0x{:06X} is not an attribute", item.tag),
            )
        })?;
        let a = Attribute {
            name: AttrName::Std(def),
            index: 0,
            value: item.value.clone(),
        };
        a.check_type()?;
        Ok(a)
    }

    /// Reads an attribute in the client's spelling.
    pub fn from_wire(item: &Item, v: ProtocolVersion) -> KmipResult<Attribute> {
        if v.is_2x() {
            Attribute::from_v2(item)
        } else {
            Attribute::from_v1(item)
        }
    }

    fn check_type(&self) -> KmipResult<()> {
        if let AttrName::Std(d) = &self.name {
            let got = item_type_code(&self.value);
            if got != d.item_type {
                return Err(KmipError::new(
                    Reason::InvalidField,
                    format!(
                        "attribute {} has the wrong type (type code {got}, expected {})",
                        d.name, d.item_type
                    ),
                ));
            }
        }
        Ok(())
    }

    /// Encodes as a 1.x `Attribute`.
    pub fn to_v1(&self) -> Option<Item> {
        let mut c = vec![Item::text(tag::ATTRIBUTE_NAME, self.name.v1_name()?)];
        if self.index != 0 {
            c.push(Item::int(tag::ATTRIBUTE_INDEX, self.index));
        }
        c.push(Item::new(tag::ATTRIBUTE_VALUE, self.value.clone()));
        Some(Item::structure(tag::ATTRIBUTE, c))
    }

    /// Encodes as a 2.x attribute item.
    pub fn to_v2(&self) -> Item {
        match &self.name {
            AttrName::Std(d) => Item::new(d.tag, self.value.clone()),
            AttrName::Custom { vendor, name } => Item::structure(
                tag::VENDOR_ATTRIBUTE,
                vec![
                    Item::text(tag::VENDOR_IDENTIFICATION, vendor.clone()),
                    Item::text(tag::ATTRIBUTE_NAME, name.clone()),
                    Item::new(tag::ATTRIBUTE_VALUE, self.value.clone()),
                ],
            ),
        }
    }

    /// Encodes in the client's spelling; `None` when that version has no such attribute.
    pub fn to_wire(&self, v: ProtocolVersion) -> Option<Item> {
        if !self.name.defined_in(v) {
            return None;
        }
        if v == ProtocolVersion::V1_0 && self.name.is(tag::DIGEST) {
            // 1.0's Digest has no Key Format Type (1.1 added it).
            if let Value::Structure(items) = &self.value {
                let mut a = self.clone();
                a.value = Value::Structure(
                    items
                        .iter()
                        .filter(|i| i.tag != tag::KEY_FORMAT_TYPE)
                        .cloned()
                        .collect(),
                );
                return a.to_v1();
            }
        }
        if v.is_2x() {
            Some(self.to_v2())
        } else {
            self.to_v1()
        }
    }

    /// The storage form, as compact as it can be read back unambiguously:
    /// * a standard attribute at index 0: its value under the attribute's own tag (`Item { tag:
    ///   State, Enumeration }`): no name, no index (not Vendor Attribute, whose tag is
    ///   Attribute's);
    /// * otherwise an `Attribute` structure: Attribute Name in the 1.x spelling (`"Name"`,
    ///   `"x-Name"`), or Vendor Identification and Attribute Name for a vendor 1.x cannot name
    ///   with an `x-`/`y-` prefix; Attribute Index only when not 0; Attribute Value.
    ///
    /// [`Attribute::from_storage`] reads this form and the older one (an `Attribute` structure
    /// with name and index for every attribute), so rows written by earlier versions still read.
    pub fn to_storage(&self) -> Item {
        if let AttrName::Std(def) = &self.name {
            // (Vendor Attribute's tag is Attribute's own: it keeps the named form.)
            if self.index == 0 && def.tag != tag::ATTRIBUTE {
                return Item::new(def.tag, self.value.clone());
            }
        }
        let mut c = Vec::with_capacity(4);
        match &self.name {
            AttrName::Custom { vendor, name } if vendor != "x" && vendor != "y" => {
                c.push(Item::text(tag::VENDOR_IDENTIFICATION, vendor.clone()));
                c.push(Item::text(tag::ATTRIBUTE_NAME, name.clone()));
            }
            _ => c.push(Item::text(tag::ATTRIBUTE_NAME, self.name.key())),
        }
        if self.index != 0 {
            c.push(Item::int(tag::ATTRIBUTE_INDEX, self.index));
        }
        c.push(Item::new(tag::ATTRIBUTE_VALUE, self.value.clone()));
        Item::structure(tag::ATTRIBUTE, c)
    }

    pub fn from_storage(item: &Item) -> KmipResult<Attribute> {
        if item.tag != tag::ATTRIBUTE {
            let def = attribute_by_tag(item.tag).ok_or_else(|| {
                KmipError::new(
                    Reason::InternalServerError,
                    format!("stored attribute with unknown tag 0x{:06X}", item.tag),
                )
            })?;
            return Ok(Attribute {
                name: AttrName::Std(def),
                index: 0,
                value: item.value.clone(),
            });
        }
        let name = if item.child(tag::VENDOR_IDENTIFICATION).is_some() {
            custom_from(item)?
        } else {
            AttrName::from_v1_name(
                item.child(tag::ATTRIBUTE_NAME)
                    .and_then(Item::as_text)
                    .unwrap_or_default(),
            )?
        };
        let index = item
            .child(tag::ATTRIBUTE_INDEX)
            .and_then(Item::as_int)
            .unwrap_or(0);
        let value = item
            .child(tag::ATTRIBUTE_VALUE)
            .map(|v| v.value.clone())
            .ok_or_else(|| {
                KmipError::new(
                    Reason::InternalServerError,
                    "stored attribute without value",
                )
            })?;
        Ok(Attribute { name, index, value })
    }
}

/// The TTLV type code of a value.
pub fn item_type_code(v: &Value) -> u8 {
    Item::new(0, v.clone()).item_type() as u8
}

/// Reads the attributes a client sends with Create or Register: a 1.x Template-Attribute (Attribute
/// items; template Names are refused) or a 2.x Attributes structure.
pub fn parse_attribute_list(
    container: Option<&Item>,
    v: ProtocolVersion,
) -> KmipResult<Vec<Attribute>> {
    let Some(container) = container else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for it in container.items() {
        if v.is_2x() {
            out.push(Attribute::from_v2(it)?);
        } else if it.tag == tag::ATTRIBUTE {
            out.push(Attribute::from_v1(it)?);
        } else if it.tag == tag::NAME {
            return Err(KmipError::new(
                Reason::FeatureNotSupported,
                "templates are not supported: put the attributes in the request",
            ));
        } else {
            return Err(KmipError::invalid(format!(
                "unexpected tag 0x{:06X} in the attribute list",
                it.tag
            )));
        }
    }
    Ok(out)
}

/// Reads a 1.x Template-Attribute that may name templates: the template Names (each a Name
/// structure, in order) and the individual attributes. 2.x Attributes have no template names.
pub fn parse_template_attribute(
    container: Option<&Item>,
    v: ProtocolVersion,
) -> KmipResult<(Vec<Item>, Vec<Attribute>)> {
    let Some(container) = container else {
        return Ok((Vec::new(), Vec::new()));
    };
    if v.is_2x() {
        return Ok((Vec::new(), parse_attribute_list(Some(container), v)?));
    }
    let mut names = Vec::new();
    let mut out = Vec::new();
    for it in container.items() {
        if it.tag == tag::ATTRIBUTE {
            out.push(Attribute::from_v1(it)?);
        } else if it.tag == tag::NAME {
            names.push(it.clone());
        } else {
            return Err(KmipError::invalid(format!(
                "unexpected tag 0x{:06X} in the attribute list",
                it.tag
            )));
        }
    }
    Ok((names, out))
}

/// Encodes a set of attributes for storage.
pub fn encode_storage(attrs: &[Attribute]) -> Vec<u8> {
    let items = attrs.iter().map(Attribute::to_storage).collect();
    keyhaven_ttlv::encode(&Item::structure(tag::ATTRIBUTES, items))
}

/// Decodes the stored attributes of an object.
pub fn decode_storage(bytes: &[u8]) -> KmipResult<Vec<Attribute>> {
    if bytes.is_empty() {
        return Ok(Vec::new());
    }
    let limits = keyhaven_ttlv::Limits {
        max_message_len: usize::MAX,
        ..Default::default()
    };
    let item = keyhaven_ttlv::decode(bytes, &limits).map_err(|e| {
        KmipError::new(
            Reason::InternalServerError,
            format!("stored attributes unreadable: {e}"),
        )
    })?;
    match item.value {
        Value::Structure(items) => items
            .into_iter()
            .map(|i| {
                if i.tag == tag::ATTRIBUTE {
                    Attribute::from_storage(&i)
                } else {
                    // The compact form: the value moves, no copy.
                    let def = attribute_by_tag(i.tag).ok_or_else(|| {
                        KmipError::new(
                            Reason::InternalServerError,
                            format!("stored attribute with unknown tag 0x{:06X}", i.tag),
                        )
                    })?;
                    Ok(Attribute {
                        name: AttrName::Std(def),
                        index: 0,
                        value: i.value,
                    })
                }
            })
            .collect(),
        _ => Ok(Vec::new()),
    }
}
