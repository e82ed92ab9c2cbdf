//! Decoding errors. They name what is wrong, the tag and/or byte offset (from
//! the start of the decoded input), and never carry any value bytes.

use crate::item::ItemType;

/// Why a TTLV input was refused.
#[derive(Debug, thiserror::Error, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum DecodeError {
    /// The input ends inside the item (header or value) that starts at `offset`.
    #[error("input truncated: item at offset {offset} runs past the end of the input")]
    Truncated { offset: usize },

    /// The item starting at `offset` (header or value) runs past the end of
    /// its enclosing structure, whose tag is `tag`.
    #[error("item at offset {offset} overruns its enclosing structure 0x{tag:06X}")]
    Overrun { tag: u32, offset: usize },

    /// The length field is not allowed for the item's type (e.g. an Integer
    /// not of length 4, a Big Integer not a non-zero multiple of 8, a Structure
    /// not a multiple of 8).
    #[error("invalid length {len} for {item_type} item 0x{tag:06X}")]
    BadLength {
        tag: u32,
        item_type: ItemType,
        len: u32,
    },

    /// A padding byte at `offset` is not zero.
    #[error("non-zero padding byte at offset {offset} in item 0x{tag:06X}")]
    BadPadding { tag: u32, offset: usize },

    /// The type byte is not a known TTLV type.
    #[error("unknown item type byte 0x{byte:02X} in item 0x{tag:06X}")]
    UnknownType { tag: u32, byte: u8 },

    /// The tag's first byte is neither 0x42 (KMIP) nor 0x54 (extension).
    #[error("invalid tag 0x{tag:06X} at offset {offset} (first byte must be 0x42 or 0x54)")]
    BadTag { tag: u32, offset: usize },

    /// A Text String is not valid UTF-8.
    #[error("text string 0x{tag:06X} is not valid UTF-8")]
    InvalidUtf8 { tag: u32 },

    /// A Boolean is neither 0 nor 1.
    #[error("boolean 0x{tag:06X} is neither 0 nor 1")]
    InvalidBoolean { tag: u32 },

    /// An item is nested deeper than `Limits::max_depth`.
    #[error("items nested {depth} deep, more than allowed")]
    TooDeep { depth: usize },

    /// The message (including its 8-byte header) is longer than `Limits::max_message_len`.
    #[error("message of {len} bytes exceeds the limit of {limit} bytes")]
    TooLong { len: usize, limit: usize },

    /// The input holds more items than `Limits::max_items`.
    #[error("too many items in message")]
    TooManyItems,

    /// Bytes remain after the single top-level item.
    #[error("trailing bytes after the item, starting at offset {offset}")]
    TrailingBytes { offset: usize },

    /// `decode_header`: a message must be a Structure.
    #[error("message item 0x{tag:06X} is a {item_type}, not a Structure")]
    NotStructure { tag: u32, item_type: ItemType },
}
