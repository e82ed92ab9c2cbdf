//! The Quantum Safe attribute (2.0-2.1): "a flag to be set to indicate an object is required to be
//! Quantum Safe". This server's policy: a symmetric key is quantum safe from 256 bits (Grover's
//! search halves a symmetric key's strength, so 256 bits keep 128); RSA, DSA, DH and elliptic-curve
//! keys, which Shor's algorithm breaks, never are. A key asked to be quantum safe that is not is
//! refused with General Failure and the message NOT_SAFE, as the Quantum Safe profile's case
//! QS-M-2-21 expects.

use keyhaven_kmip::attribute::Attribute;
use keyhaven_kmip::error::{KmipError, KmipResult, Reason};
use keyhaven_kmip::tag;
use keyhaven_ttlv::Value;

/// Whether the attributes ask for a quantum-safe object.
pub fn required(attrs: &[Attribute]) -> bool {
    attrs
        .iter()
        .any(|a| a.name.is(tag::QUANTUM_SAFE) && a.value == Value::Boolean(true))
}

/// Refuses a symmetric key of `bits` when the attributes require quantum safety.
pub fn check_symmetric(attrs: &[Attribute], bits: i32) -> KmipResult<()> {
    if required(attrs) && bits < 256 {
        return Err(not_safe(format!(
            "a {bits}-bit symmetric key is not quantum safe (256 bits or more are)"
        )));
    }
    Ok(())
}

/// Refuses an asymmetric key pair when the attributes require quantum safety.
pub fn check_asymmetric(attrs: &[Attribute]) -> KmipResult<()> {
    if required(attrs) {
        return Err(not_safe(
            "RSA, DSA, DH and elliptic-curve keys are not quantum safe".to_owned(),
        ));
    }
    Ok(())
}

fn not_safe(why: String) -> KmipError {
    KmipError::new(Reason::GeneralFailure, format!("NOT_SAFE: {why}"))
}
