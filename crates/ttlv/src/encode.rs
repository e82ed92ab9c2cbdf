//! Canonical, non-recursive TTLV encoding.
//!
//! Output is always valid TTLV: primitives get their fixed lengths, strings are
//! zero-padded to 8 bytes, and a Big Integer whose byte length is not a
//! non-zero multiple of 8 is sign-extended to one (an empty one encodes as 0).
//! Only the low three bytes of a tag are written.
//!
//! The exact output size is computed first and reserved, so the output buffer
//! is not reallocated mid-encoding (no stray copies of key material are left
//! in freed memory by reallocation).
//!
//! # Panics
//! If a structure or a string is longer than `u32::MAX` bytes (which TTLV
//! cannot express).

use std::slice;

use crate::item::{Item, Value};

fn padded(n: usize) -> usize {
    n.div_ceil(8) * 8
}

/// Encoded length of a Big Integer's value (sign-extended to a non-zero multiple of 8).
fn big_integer_len(b: &[u8]) -> usize {
    if b.is_empty() {
        8
    } else {
        padded(b.len())
    }
}

/// Bytes after the header that a primitive occupies (0 for a Structure, whose
/// children are counted separately).
fn primitive_span(v: &Value) -> usize {
    match v {
        Value::Structure(_) => 0,
        Value::Integer(_)
        | Value::Enumeration(_)
        | Value::Interval(_)
        | Value::LongInteger(_)
        | Value::Boolean(_)
        | Value::DateTime(_)
        | Value::DateTimeExtended(_) => 8,
        Value::BigInteger(b) => big_integer_len(b),
        Value::TextString(s) => padded(s.len()),
        Value::ByteString(b) => padded(b.len()),
    }
}

/// The number of bytes [`encode`] produces for `item`.
pub fn encoded_len(item: &Item) -> usize {
    let mut total = 0usize;
    let mut stack: Vec<&[Item]> = vec![slice::from_ref(item)];
    while let Some(items) = stack.pop() {
        for it in items {
            total += 8 + primitive_span(&it.value);
            if let Value::Structure(children) = &it.value {
                stack.push(children);
            }
        }
    }
    total
}

/// Encodes `item` canonically.
pub fn encode(item: &Item) -> Vec<u8> {
    let mut out = Vec::with_capacity(encoded_len(item));
    encode_unreserved(item, &mut out);
    out
}

/// Appends the canonical encoding of `item` to `out`.
pub fn encode_into(item: &Item, out: &mut Vec<u8>) {
    out.reserve(encoded_len(item));
    encode_unreserved(item, out);
}

fn len_u32(n: usize) -> u32 {
    u32::try_from(n).expect("TTLV item value longer than u32::MAX bytes")
}

fn put_header(out: &mut Vec<u8>, tag: u32, ty: u8, len: u32) {
    let t = tag.to_be_bytes();
    out.extend_from_slice(&[t[1], t[2], t[3], ty]);
    out.extend_from_slice(&len.to_be_bytes());
}

fn put_padded(out: &mut Vec<u8>, bytes: &[u8]) {
    out.extend_from_slice(bytes);
    out.resize(out.len() + (padded(bytes.len()) - bytes.len()), 0);
}

/// Writes one item. A Structure gets a placeholder length and is pushed on
/// `stack` (its children iterator and header offset) to be filled in later.
fn put_item<'a>(
    item: &'a Item,
    out: &mut Vec<u8>,
    stack: &mut Vec<(slice::Iter<'a, Item>, usize)>,
) {
    let ty = item.item_type() as u8;
    match &item.value {
        Value::Structure(children) => {
            stack.push((children.iter(), out.len()));
            put_header(out, item.tag, ty, 0);
        }
        Value::Integer(v) => {
            put_header(out, item.tag, ty, 4);
            out.extend_from_slice(&v.to_be_bytes());
            out.extend_from_slice(&[0; 4]);
        }
        Value::Enumeration(v) | Value::Interval(v) => {
            put_header(out, item.tag, ty, 4);
            out.extend_from_slice(&v.to_be_bytes());
            out.extend_from_slice(&[0; 4]);
        }
        Value::LongInteger(v) | Value::DateTime(v) | Value::DateTimeExtended(v) => {
            put_header(out, item.tag, ty, 8);
            out.extend_from_slice(&v.to_be_bytes());
        }
        Value::Boolean(b) => {
            put_header(out, item.tag, ty, 8);
            out.extend_from_slice(&u64::from(*b).to_be_bytes());
        }
        Value::BigInteger(b) => {
            let len = big_integer_len(b);
            put_header(out, item.tag, ty, len_u32(len));
            let sign = match b.first() {
                Some(&first) if first & 0x80 != 0 => 0xFF,
                _ => 0x00,
            };
            out.resize(out.len() + (len - b.len()), sign);
            out.extend_from_slice(b);
        }
        Value::TextString(s) => {
            put_header(out, item.tag, ty, len_u32(s.len()));
            put_padded(out, s.as_bytes());
        }
        Value::ByteString(b) => {
            put_header(out, item.tag, ty, len_u32(b.len()));
            put_padded(out, b);
        }
    }
}

fn encode_unreserved(item: &Item, out: &mut Vec<u8>) {
    let mut stack = Vec::new();
    put_item(item, out, &mut stack);
    while let Some((children, start)) = stack.last_mut() {
        match children.next() {
            Some(child) => put_item(child, out, &mut stack),
            None => {
                let start = *start;
                stack.pop();
                let len = len_u32(out.len() - start - 8);
                out[start + 4..start + 8].copy_from_slice(&len.to_be_bytes());
            }
        }
    }
}
