//! Keyhaven: a KMIP key server. Layers, bottom up: `keyhaven_ttlv` (codec), `keyhaven_kmip` (protocol
//! model), then here: [`crypto`] (key generation, AEAD, the envelope), [`rootkey`] (customer root key
//! providers), [`store`] (persistent state), [`server`] (TLS, identity, operations), [`cli`].
// `unsafe` only where the OS must be called (crypto/locked.rs, hardening.rs), each allowed there.
#![deny(unsafe_code)]

pub mod admin;
pub mod audit;
pub mod backup;
pub mod bench;
pub mod certs;
pub mod cli;
pub mod client;
pub mod cluster;
pub mod config;
pub mod conformance;
pub mod crypto;
pub mod datadir;
#[allow(unsafe_code)]
pub mod hardening;
pub mod logging;
pub mod nonblocking;
pub mod pki;
pub mod rootkey;
pub mod server;
pub mod service;
pub mod store;
