//! Cryptographic building blocks: the OS random source, AES-256-GCM helpers and the two-level
//! key envelope (customer root key -> tenant wrapping key -> object material).

pub mod aead;
pub mod asymmetric;
pub mod cipher;
pub mod digest;
pub mod envelope;
pub mod kdf;
pub mod keywrap;
#[allow(unsafe_code)]
pub mod locked;
pub mod pkcs12;
pub mod rotation;
pub mod split;

use zeroize::Zeroizing;

/// `n` bytes from the operating system's CSPRNG, zeroized on drop.
///
/// # Panics
/// When the OS random source fails; no key may be generated from anything weaker.
pub fn random_bytes(n: usize) -> Zeroizing<Vec<u8>> {
    let mut buf = Zeroizing::new(vec![0u8; n]);
    fill_random(&mut buf);
    buf
}

/// Fills `buf` from the operating system's CSPRNG.
///
/// # Panics
/// When the OS random source fails.
pub fn fill_random(buf: &mut [u8]) {
    if let Err(e) = getrandom::getrandom(buf) {
        panic!("the operating system random number generator failed: {e}");
    }
}
