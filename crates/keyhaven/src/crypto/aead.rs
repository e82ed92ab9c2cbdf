//! AES-256-GCM with associated data.
//!
//! Errors name what went wrong and never carry key, nonce or plaintext bytes. Plaintext produced
//! by [`open`] is returned in a [`Zeroizing`] buffer, and intermediate buffers holding plaintext
//! are wiped on every path.

use aes_gcm::aead::{AeadInPlace, KeyInit};
use aes_gcm::{Aes256Gcm, Nonce};
use zeroize::{Zeroize, Zeroizing};

/// Key length of AES-256.
pub const KEY_LEN: usize = 32;
/// GCM nonce length (96 bits).
pub const NONCE_LEN: usize = 12;
/// GCM tag length.
pub const TAG_LEN: usize = 16;

/// Failure of an AEAD operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum AeadError {
    #[error("AES-256-GCM key must be {KEY_LEN} bytes, got {0}")]
    KeyLength(usize),
    #[error("sealed data too short ({0} bytes)")]
    Truncated(usize),
    #[error("authentication failed: wrong key, wrong associated data or tampered data")]
    Authentication,
    #[error("AES-256-GCM encryption failed (message too long)")]
    Encrypt,
}

fn cipher(key: &[u8]) -> Result<Aes256Gcm, AeadError> {
    Aes256Gcm::new_from_slice(key).map_err(|_| AeadError::KeyLength(key.len()))
}

/// A fresh random 96-bit nonce.
pub fn random_nonce() -> [u8; NONCE_LEN] {
    let mut n = [0u8; NONCE_LEN];
    super::fill_random(&mut n);
    n
}

/// Encrypts `plaintext` under `key` and `nonce`; returns ciphertext || tag.
pub fn seal_with_nonce(
    key: &[u8],
    nonce: &[u8; NONCE_LEN],
    aad: &[u8],
    plaintext: &[u8],
) -> Result<Vec<u8>, AeadError> {
    let c = cipher(key)?;
    // Room for the tag up front, so the buffer holding plaintext is never reallocated (and the
    // old allocation never left unwiped).
    let mut buf = Vec::with_capacity(plaintext.len() + TAG_LEN);
    buf.extend_from_slice(plaintext);
    if c.encrypt_in_place(Nonce::from_slice(nonce), aad, &mut buf)
        .is_err()
    {
        buf.zeroize();
        return Err(AeadError::Encrypt);
    }
    Ok(buf)
}

/// Decrypts ciphertext || tag produced by [`seal_with_nonce`].
pub fn open_with_nonce(
    key: &[u8],
    nonce: &[u8; NONCE_LEN],
    aad: &[u8],
    ciphertext: &[u8],
) -> Result<Zeroizing<Vec<u8>>, AeadError> {
    let c = cipher(key)?;
    if ciphertext.len() < TAG_LEN {
        return Err(AeadError::Truncated(ciphertext.len()));
    }
    let mut buf = Zeroizing::new(ciphertext.to_vec());
    c.decrypt_in_place(Nonce::from_slice(nonce), aad, &mut *buf)
        .map_err(|_| AeadError::Authentication)?;
    Ok(buf)
}

/// Encrypts `plaintext` under `key` with a random nonce; returns nonce || ciphertext || tag.
pub fn seal(key: &[u8], aad: &[u8], plaintext: &[u8]) -> Result<Vec<u8>, AeadError> {
    let nonce = random_nonce();
    let ct = seal_with_nonce(key, &nonce, aad, plaintext)?;
    let mut out = Vec::with_capacity(NONCE_LEN + ct.len());
    out.extend_from_slice(&nonce);
    out.extend_from_slice(&ct);
    Ok(out)
}

/// Decrypts nonce || ciphertext || tag produced by [`seal`].
pub fn open(key: &[u8], aad: &[u8], sealed: &[u8]) -> Result<Zeroizing<Vec<u8>>, AeadError> {
    if sealed.len() < NONCE_LEN + TAG_LEN {
        return Err(AeadError::Truncated(sealed.len()));
    }
    let (nonce, ct) = sealed.split_at(NONCE_LEN);
    let nonce: &[u8; NONCE_LEN] = nonce
        .try_into()
        .map_err(|_| AeadError::Truncated(sealed.len()))?;
    open_with_nonce(key, nonce, aad, ct)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_binding() {
        let key = [7u8; KEY_LEN];
        let sealed = seal(&key, b"aad", b"secret").expect("seal");
        assert_eq!(&open(&key, b"aad", &sealed).expect("open")[..], b"secret");
        assert_eq!(
            open(&key, b"other", &sealed),
            Err(AeadError::Authentication)
        );
        assert_eq!(
            open(&[8u8; KEY_LEN], b"aad", &sealed),
            Err(AeadError::Authentication)
        );
        let mut tampered = sealed.clone();
        tampered[NONCE_LEN] ^= 1;
        assert_eq!(
            open(&key, b"aad", &tampered),
            Err(AeadError::Authentication)
        );
        assert_eq!(
            open(&key, b"aad", &sealed[..10]),
            Err(AeadError::Truncated(10))
        );
        assert_eq!(seal(&key[..16], b"", b"x"), Err(AeadError::KeyLength(16)));
        assert_ne!(
            seal(&key, b"aad", b"secret").expect("seal"),
            sealed,
            "nonces must differ"
        );
    }
}
