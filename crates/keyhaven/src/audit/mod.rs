//! The tamper-evident audit trail above the store: the server's signing key and checkpoints
//! ([`signing`]), the verifier that names the first broken record and retention that leaves a
//! signed anchor ([`verify`]), and shipping of records to a JSON-lines file and syslog
//! ([`ship`]). The chain itself is written by the store ([`crate::store::audit_chain`]); the
//! server's batching writer is [`crate::server::audit`].

pub mod ship;
pub mod signing;
pub mod verify;
