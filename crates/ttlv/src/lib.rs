//! KMIP TTLV (Tag, Type, Length, Value) item tree and its strict binary codec.
//!
//! * [`Item`] / [`Value`] model one TTLV item; a `Structure` holds child items.
//! * [`decode`] parses exactly one item from a byte slice, refusing anything that
//!   is not canonical TTLV (wrong lengths, non-zero padding, invalid UTF-8,
//!   booleans other than 0/1, unknown types, tags outside 0x42xxxx / 0x54xxxx,
//!   trailing bytes) and enforcing [`Limits`] on size, depth and item count.
//!   It never recurses, so a deeply nested input cannot exhaust the stack.
//! * [`decode_header`] checks the 8-byte header of a message for a stream reader.
//! * [`encode`] produces the canonical encoding; every item accepted by
//!   [`decode`] re-encodes to exactly the bytes it came from.
//!
//! `Debug` output never shows key material: Byte Strings and Big Integers print
//! only their length, and the Password text string (tag `0x4200A1`) prints
//! `<redacted>`.

pub mod decode;
pub mod encode;
pub mod error;
pub mod item;

pub use decode::{decode, decode_header, Limits};
pub use encode::{encode, encode_into, encoded_len};
pub use error::DecodeError;
pub use item::{Item, ItemType, Value};
