//! The KMIP protocol model, versions 1.0 to 2.1: tags, enumerations, attribute definitions, request
//! and response messages, attributes and managed-object encodings.
//!
//! Everything here is version-aware: a message is read with the protocol version its header names and
//! answered with that version's tags, attributes and enumerations. Nothing is converted to a single
//! "latest" model and back.
#![forbid(unsafe_code)]

pub mod attrdefs;
pub mod attribute;
pub mod enums;
pub mod error;
pub mod json;
pub mod message;
pub mod object;
pub mod structured;
pub mod tag;
pub mod version;
pub mod xml;

pub use error::{KmipError, Reason};
pub use version::ProtocolVersion;
