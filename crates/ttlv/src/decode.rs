//! Strict, non-recursive TTLV decoding.

use zeroize::Zeroizing;

use crate::error::DecodeError;
use crate::item::{Item, ItemType, Value};

/// Bounds on what [`decode`] and [`decode_header`] accept.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Longest accepted message in bytes, including the 8-byte header. Default 1 MiB.
    pub max_message_len: usize,
    /// Deepest accepted nesting. The top-level item is at depth 1, its children
    /// at depth 2, and so on. Default 32.
    pub max_depth: usize,
    /// Most items (of any type, structures included) in one message. Default 100 000.
    pub max_items: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_message_len: 1024 * 1024,
            max_depth: 32,
            max_items: 100_000,
        }
    }
}

/// First byte of KMIP-defined tags.
const TAG_KMIP: u8 = 0x42;
/// First byte of extension tags.
const TAG_EXTENSION: u8 = 0x54;

struct Header {
    tag: u32,
    ty: ItemType,
    len: u32,
}

/// Parses the 8 header bytes of the item at `offset`: checks the type byte,
/// then the tag's first byte.
fn parse_header(h: &[u8; 8], offset: usize) -> Result<Header, DecodeError> {
    let tag = u32::from_be_bytes([0, h[0], h[1], h[2]]);
    let ty = ItemType::from_u8(h[3]).ok_or(DecodeError::UnknownType { tag, byte: h[3] })?;
    if h[0] != TAG_KMIP && h[0] != TAG_EXTENSION {
        return Err(DecodeError::BadTag { tag, offset });
    }
    let len = u32::from_be_bytes([h[4], h[5], h[6], h[7]]);
    Ok(Header { tag, ty, len })
}

/// Number of bytes after the header that the item occupies (value plus
/// padding), or `BadLength` if the length field is not allowed for the type.
fn value_span(h: &Header) -> Result<u64, DecodeError> {
    let len = u64::from(h.len);
    let ok = match h.ty {
        ItemType::Structure => len % 8 == 0,
        ItemType::Integer | ItemType::Enumeration | ItemType::Interval => len == 4,
        ItemType::LongInteger
        | ItemType::Boolean
        | ItemType::DateTime
        | ItemType::DateTimeExtended => len == 8,
        ItemType::BigInteger => len != 0 && len % 8 == 0,
        ItemType::TextString | ItemType::ByteString => true,
    };
    if !ok {
        return Err(DecodeError::BadLength {
            tag: h.tag,
            item_type: h.ty,
            len: h.len,
        });
    }
    Ok(len.div_ceil(8) * 8)
}

/// An open structure: its tag, the offset where its value ends, and the
/// children decoded so far.
struct Frame {
    tag: u32,
    end: usize,
    children: Vec<Item>,
}

/// The error for an item at `offset` that does not fit: `Overrun` inside a
/// structure, `Truncated` at top level.
fn does_not_fit(stack: &[Frame], offset: usize) -> DecodeError {
    match stack.last() {
        Some(f) => DecodeError::Overrun { tag: f.tag, offset },
        None => DecodeError::Truncated { offset },
    }
}

fn array4(b: &[u8]) -> [u8; 4] {
    let mut a = [0u8; 4];
    a.copy_from_slice(&b[..4]);
    a
}

fn array8(b: &[u8]) -> [u8; 8] {
    let mut a = [0u8; 8];
    a.copy_from_slice(&b[..8]);
    a
}

/// Decodes a primitive (non-Structure) value. `value` is exactly `len` bytes;
/// `padding` is what follows up to the 8-byte boundary and starts at `pad_offset`.
fn decode_primitive(
    h: &Header,
    value: &[u8],
    padding: &[u8],
    pad_offset: usize,
) -> Result<Value, DecodeError> {
    if let Some(i) = padding.iter().position(|&b| b != 0) {
        return Err(DecodeError::BadPadding {
            tag: h.tag,
            offset: pad_offset + i,
        });
    }
    Ok(match h.ty {
        ItemType::Integer => Value::Integer(i32::from_be_bytes(array4(value))),
        ItemType::Enumeration => Value::Enumeration(u32::from_be_bytes(array4(value))),
        ItemType::Interval => Value::Interval(u32::from_be_bytes(array4(value))),
        ItemType::LongInteger => Value::LongInteger(i64::from_be_bytes(array8(value))),
        ItemType::DateTime => Value::DateTime(i64::from_be_bytes(array8(value))),
        ItemType::DateTimeExtended => Value::DateTimeExtended(i64::from_be_bytes(array8(value))),
        ItemType::Boolean => match u64::from_be_bytes(array8(value)) {
            0 => Value::Boolean(false),
            1 => Value::Boolean(true),
            _ => return Err(DecodeError::InvalidBoolean { tag: h.tag }),
        },
        ItemType::BigInteger => Value::BigInteger(Zeroizing::new(value.to_vec())),
        ItemType::ByteString => Value::ByteString(Zeroizing::new(value.to_vec())),
        ItemType::TextString => match std::str::from_utf8(value) {
            Ok(s) => Value::TextString(s.to_owned()),
            Err(_) => return Err(DecodeError::InvalidUtf8 { tag: h.tag }),
        },
        // Structures are handled by the caller; an empty one is a safe answer.
        ItemType::Structure => Value::Structure(Vec::new()),
    })
}

fn finish(item: Item, pos: usize, total: usize) -> Result<Item, DecodeError> {
    if pos != total {
        return Err(DecodeError::TrailingBytes { offset: pos });
    }
    Ok(item)
}

/// Decodes exactly one TTLV item that must span all of `bytes`.
///
/// Refuses (with the offset and/or tag of the fault) any input that is not
/// canonical TTLV or that exceeds `limits`. Works with an explicit stack, so
/// nesting depth costs heap (bounded by `limits.max_depth`), not call stack.
/// Every allocation is bounded by bytes actually present in the input.
pub fn decode(bytes: &[u8], limits: &Limits) -> Result<Item, DecodeError> {
    if bytes.len() > limits.max_message_len {
        return Err(DecodeError::TooLong {
            len: bytes.len(),
            limit: limits.max_message_len,
        });
    }
    let mut stack: Vec<Frame> = Vec::new();
    let mut pos = 0usize;
    let mut count = 0usize;
    loop {
        // Close a structure whose value has been fully consumed.
        if stack.last().is_some_and(|f| pos == f.end) {
            if let Some(f) = stack.pop() {
                let item = Item::structure(f.tag, f.children);
                match stack.last_mut() {
                    Some(parent) => parent.children.push(item),
                    None => return finish(item, pos, bytes.len()),
                }
            }
            continue;
        }

        // Every open frame ends at or before bytes.len(), and pos never passes it.
        let bound = stack.last().map_or(bytes.len(), |f| f.end);
        let avail = bound - pos;
        if avail < 8 {
            return Err(does_not_fit(&stack, pos));
        }
        let header = parse_header(&array8(&bytes[pos..pos + 8]), pos)?;

        count += 1;
        if count > limits.max_items {
            return Err(DecodeError::TooManyItems);
        }
        let depth = stack.len() + 1;
        if depth > limits.max_depth {
            return Err(DecodeError::TooDeep { depth });
        }

        let span = value_span(&header)?;
        if span > (avail - 8) as u64 {
            return Err(does_not_fit(&stack, pos));
        }
        // span <= avail - 8, so these fit in usize and inside `bytes`.
        let vstart = pos + 8;
        let vend = vstart + span as usize;

        if header.ty == ItemType::Structure {
            stack.push(Frame {
                tag: header.tag,
                end: vend,
                children: Vec::new(),
            });
            pos = vstart;
            continue;
        }

        let len = header.len as usize;
        let value = decode_primitive(
            &header,
            &bytes[vstart..vstart + len],
            &bytes[vstart + len..vend],
            vstart + len,
        )?;
        let item = Item::new(header.tag, value);
        pos = vend;
        match stack.last_mut() {
            Some(parent) => parent.children.push(item),
            None => return finish(item, pos, bytes.len()),
        }
    }
}

/// Checks the first 8 bytes of a message and returns its total length
/// (8 + the structure's value length), so a stream reader knows how much more
/// to read. The message must be a Structure with a valid tag and a length that
/// is a multiple of 8 and, with the header, at most `limits.max_message_len`.
/// Nothing is allocated.
pub fn decode_header(header: &[u8; 8], limits: &Limits) -> Result<usize, DecodeError> {
    let h = parse_header(header, 0)?;
    if h.ty != ItemType::Structure {
        return Err(DecodeError::NotStructure {
            tag: h.tag,
            item_type: h.ty,
        });
    }
    value_span(&h)?;
    let total = 8u64 + u64::from(h.len);
    let limit = limits.max_message_len;
    match usize::try_from(total) {
        Ok(t) if t <= limit => Ok(t),
        Ok(t) => Err(DecodeError::TooLong { len: t, limit }),
        Err(_) => Err(DecodeError::TooLong {
            len: usize::MAX,
            limit,
        }),
    }
}
