//! The TTLV item tree.

use std::fmt;

use zeroize::Zeroizing;

/// Tag of the Password text string; its value is redacted in `Debug` output.
pub const PASSWORD_TAG: u32 = 0x4200A1;

/// The type byte of a TTLV item.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
#[repr(u8)]
pub enum ItemType {
    Structure = 0x01,
    Integer = 0x02,
    LongInteger = 0x03,
    BigInteger = 0x04,
    Enumeration = 0x05,
    Boolean = 0x06,
    TextString = 0x07,
    ByteString = 0x08,
    DateTime = 0x09,
    Interval = 0x0A,
    /// KMIP 2.x only: microseconds since the epoch.
    DateTimeExtended = 0x0B,
}

impl ItemType {
    /// The item type for a wire type byte, or `None` if the byte is not a known type.
    pub fn from_u8(b: u8) -> Option<Self> {
        Some(match b {
            0x01 => ItemType::Structure,
            0x02 => ItemType::Integer,
            0x03 => ItemType::LongInteger,
            0x04 => ItemType::BigInteger,
            0x05 => ItemType::Enumeration,
            0x06 => ItemType::Boolean,
            0x07 => ItemType::TextString,
            0x08 => ItemType::ByteString,
            0x09 => ItemType::DateTime,
            0x0A => ItemType::Interval,
            0x0B => ItemType::DateTimeExtended,
            _ => return None,
        })
    }

    /// The wire type byte.
    pub fn as_u8(self) -> u8 {
        self as u8
    }

    /// The type's name as KMIP's XML and JSON encodings spell it (`"TextString"`, ...).
    pub fn name(self) -> &'static str {
        match self {
            ItemType::Structure => "Structure",
            ItemType::Integer => "Integer",
            ItemType::LongInteger => "LongInteger",
            ItemType::BigInteger => "BigInteger",
            ItemType::Enumeration => "Enumeration",
            ItemType::Boolean => "Boolean",
            ItemType::TextString => "TextString",
            ItemType::ByteString => "ByteString",
            ItemType::DateTime => "DateTime",
            ItemType::Interval => "Interval",
            ItemType::DateTimeExtended => "DateTimeExtended",
        }
    }
}

impl fmt::Display for ItemType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One TTLV item: a 3-byte tag (e.g. `0x420078`) and a typed value.
#[derive(Clone, PartialEq, Eq)]
pub struct Item {
    pub tag: u32,
    pub value: Value,
}

/// The value of a TTLV item.
#[derive(Clone, PartialEq, Eq)]
pub enum Value {
    Structure(Vec<Item>),
    Integer(i32),
    LongInteger(i64),
    /// Raw big-endian two's-complement bytes exactly as on the wire (length a
    /// multiple of 8). Other lengths are sign-extended to a multiple of 8 when encoded.
    BigInteger(Zeroizing<Vec<u8>>),
    Enumeration(u32),
    Boolean(bool),
    TextString(String),
    ByteString(Zeroizing<Vec<u8>>),
    /// Seconds since the epoch.
    DateTime(i64),
    Interval(u32),
    /// Microseconds since the epoch (KMIP 2.x, type 0x0B).
    DateTimeExtended(i64),
}

impl Value {
    /// The TTLV type of this value.
    pub fn item_type(&self) -> ItemType {
        match self {
            Value::Structure(_) => ItemType::Structure,
            Value::Integer(_) => ItemType::Integer,
            Value::LongInteger(_) => ItemType::LongInteger,
            Value::BigInteger(_) => ItemType::BigInteger,
            Value::Enumeration(_) => ItemType::Enumeration,
            Value::Boolean(_) => ItemType::Boolean,
            Value::TextString(_) => ItemType::TextString,
            Value::ByteString(_) => ItemType::ByteString,
            Value::DateTime(_) => ItemType::DateTime,
            Value::Interval(_) => ItemType::Interval,
            Value::DateTimeExtended(_) => ItemType::DateTimeExtended,
        }
    }
}

impl Item {
    pub fn new(tag: u32, value: Value) -> Item {
        Item { tag, value }
    }

    pub fn structure(tag: u32, children: Vec<Item>) -> Item {
        Item::new(tag, Value::Structure(children))
    }

    pub fn int(tag: u32, v: i32) -> Item {
        Item::new(tag, Value::Integer(v))
    }

    pub fn long(tag: u32, v: i64) -> Item {
        Item::new(tag, Value::LongInteger(v))
    }

    /// A Big Integer from raw big-endian two's-complement bytes.
    pub fn big_integer(tag: u32, bytes: Vec<u8>) -> Item {
        Item::new(tag, Value::BigInteger(Zeroizing::new(bytes)))
    }

    pub fn enumeration(tag: u32, v: u32) -> Item {
        Item::new(tag, Value::Enumeration(v))
    }

    pub fn boolean(tag: u32, v: bool) -> Item {
        Item::new(tag, Value::Boolean(v))
    }

    pub fn text(tag: u32, s: impl Into<String>) -> Item {
        Item::new(tag, Value::TextString(s.into()))
    }

    pub fn bytes(tag: u32, b: Vec<u8>) -> Item {
        Item::new(tag, Value::ByteString(Zeroizing::new(b)))
    }

    pub fn datetime(tag: u32, secs: i64) -> Item {
        Item::new(tag, Value::DateTime(secs))
    }

    pub fn interval(tag: u32, v: u32) -> Item {
        Item::new(tag, Value::Interval(v))
    }

    pub fn datetime_extended(tag: u32, micros: i64) -> Item {
        Item::new(tag, Value::DateTimeExtended(micros))
    }

    pub fn item_type(&self) -> ItemType {
        self.value.item_type()
    }

    /// The children of a Structure; an empty slice for any other type.
    pub fn items(&self) -> &[Item] {
        match &self.value {
            Value::Structure(v) => v,
            _ => &[],
        }
    }

    /// The children of a Structure, mutable; `None` for any other type.
    pub fn items_mut(&mut self) -> Option<&mut Vec<Item>> {
        match &mut self.value {
            Value::Structure(v) => Some(v),
            _ => None,
        }
    }

    /// The first direct child with this tag.
    pub fn child(&self, tag: u32) -> Option<&Item> {
        self.items().iter().find(|i| i.tag == tag)
    }

    /// All direct children with this tag, in order.
    pub fn children(&self, tag: u32) -> impl Iterator<Item = &Item> {
        self.items().iter().filter(move |i| i.tag == tag)
    }

    pub fn as_text(&self) -> Option<&str> {
        match &self.value {
            Value::TextString(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_int(&self) -> Option<i32> {
        match self.value {
            Value::Integer(v) => Some(v),
            _ => None,
        }
    }

    pub fn as_long(&self) -> Option<i64> {
        match self.value {
            Value::LongInteger(v) => Some(v),
            _ => None,
        }
    }

    pub fn as_enum(&self) -> Option<u32> {
        match self.value {
            Value::Enumeration(v) => Some(v),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self.value {
            Value::Boolean(v) => Some(v),
            _ => None,
        }
    }

    /// The bytes of a Byte String.
    pub fn as_bytes(&self) -> Option<&[u8]> {
        match &self.value {
            Value::ByteString(v) => Some(v),
            _ => None,
        }
    }

    /// The raw two's-complement bytes of a Big Integer.
    pub fn as_big_integer(&self) -> Option<&[u8]> {
        match &self.value {
            Value::BigInteger(v) => Some(v),
            _ => None,
        }
    }

    /// Seconds since the epoch of a Date-Time.
    pub fn as_datetime(&self) -> Option<i64> {
        match self.value {
            Value::DateTime(v) => Some(v),
            _ => None,
        }
    }

    pub fn as_interval(&self) -> Option<u32> {
        match self.value {
            Value::Interval(v) => Some(v),
            _ => None,
        }
    }

    /// Microseconds since the epoch of a Date-Time Extended.
    pub fn as_datetime_extended(&self) -> Option<i64> {
        match self.value {
            Value::DateTimeExtended(v) => Some(v),
            _ => None,
        }
    }
}

/// Formats a tag as `0x420078`.
pub(crate) struct TagHex(pub u32);

impl fmt::Debug for TagHex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "0x{:06X}", self.0)
    }
}

impl fmt::Debug for Item {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = f.debug_struct("Item");
        s.field("tag", &TagHex(self.tag));
        match &self.value {
            Value::TextString(_) if self.tag == PASSWORD_TAG => {
                s.field("value", &RedactedText);
            }
            v => {
                s.field("value", v);
            }
        }
        s.finish()
    }
}

struct RedactedText;

impl fmt::Debug for RedactedText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("TextString(<redacted>)")
    }
}

impl fmt::Debug for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Structure(items) => f.debug_tuple("Structure").field(items).finish(),
            Value::Integer(v) => f.debug_tuple("Integer").field(v).finish(),
            Value::LongInteger(v) => f.debug_tuple("LongInteger").field(v).finish(),
            Value::BigInteger(b) => write!(f, "BigInteger(<{} bytes>)", b.len()),
            Value::Enumeration(v) => write!(f, "Enumeration(0x{v:08X})"),
            Value::Boolean(v) => f.debug_tuple("Boolean").field(v).finish(),
            Value::TextString(s) => f.debug_tuple("TextString").field(s).finish(),
            Value::ByteString(b) => write!(f, "ByteString(<{} bytes>)", b.len()),
            Value::DateTime(v) => f.debug_tuple("DateTime").field(v).finish(),
            Value::Interval(v) => f.debug_tuple("Interval").field(v).finish(),
            Value::DateTimeExtended(v) => f.debug_tuple("DateTimeExtended").field(v).finish(),
        }
    }
}
