//! AES key wrap (RFC 3394, NIST SP 800-38F KW) and key wrap with padding (RFC 5649, KWP), for Get
//! with a Key Wrapping Specification, and unwrap, for Register of a wrapped key.

use aes_kw::{KekAes128, KekAes192, KekAes256};
use zeroize::Zeroizing;

/// Why a wrap failed; never holds key bytes.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum KeyWrapError {
    #[error("the wrapping key must be an AES key of 128, 192 or 256 bits, not {0} bits")]
    BadKek(usize),
    #[error("AES key wrap without padding needs at least 16 bytes in multiples of 8, not {0}")]
    BadLength(usize),
    #[error("key wrap failed")]
    Failed,
    #[error("AES key unwrap without padding needs at least 24 bytes in multiples of 8, not {0}")]
    BadWrappedLength(usize),
    #[error("key unwrap failed: wrong wrapping key, wrong mode or corrupted data")]
    Integrity,
}

/// Wraps `data` under the AES key `kek`: KW when `padding` is false, KWP when true.
pub fn wrap(kek: &[u8], data: &[u8], padding: bool) -> Result<Vec<u8>, KeyWrapError> {
    if !padding && (data.len() < 16 || !data.len().is_multiple_of(8)) {
        return Err(KeyWrapError::BadLength(data.len()));
    }
    macro_rules! go {
        ($kek:ty) => {{
            let k = <$kek>::try_from(kek).map_err(|_| KeyWrapError::BadKek(kek.len() * 8))?;
            if padding {
                k.wrap_with_padding_vec(data)
                    .map_err(|_| KeyWrapError::Failed)
            } else {
                k.wrap_vec(data).map_err(|_| KeyWrapError::Failed)
            }
        }};
    }
    match kek.len() {
        16 => go!(KekAes128),
        24 => go!(KekAes192),
        32 => go!(KekAes256),
        n => Err(KeyWrapError::BadKek(n * 8)),
    }
}

/// Unwraps `data` under the AES key `kek`: KW when `padding` is false, KWP when true; checks the
/// integrity value.
pub fn unwrap(kek: &[u8], data: &[u8], padding: bool) -> Result<Zeroizing<Vec<u8>>, KeyWrapError> {
    let min = if padding { 16 } else { 24 };
    if data.len() < min || !data.len().is_multiple_of(8) {
        return Err(KeyWrapError::BadWrappedLength(data.len()));
    }
    macro_rules! go {
        ($kek:ty) => {{
            let k = <$kek>::try_from(kek).map_err(|_| KeyWrapError::BadKek(kek.len() * 8))?;
            if padding {
                k.unwrap_with_padding_vec(data)
                    .map_err(|_| KeyWrapError::Integrity)
            } else {
                k.unwrap_vec(data).map_err(|_| KeyWrapError::Integrity)
            }
        }};
    }
    match kek.len() {
        16 => go!(KekAes128),
        24 => go!(KekAes192),
        32 => go!(KekAes256),
        n => Err(KeyWrapError::BadKek(n * 8)),
    }
    .map(Zeroizing::new)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3394_vector_4_1() {
        // RFC 3394 section 4.1: 128 bits of key data with a 128-bit KEK.
        let kek = hex::decode("000102030405060708090A0B0C0D0E0F").expect("hex");
        let data = hex::decode("00112233445566778899AABBCCDDEEFF").expect("hex");
        let out = wrap(&kek, &data, false).expect("wrap");
        assert_eq!(
            hex::encode_upper(out),
            "1FA68B0A8112B447AEF34BD8FB5A7B829D3E862371D2CFE5"
        );
    }

    #[test]
    fn rfc5649_vector_with_padding() {
        // RFC 5649 section 6: 7 octets with a 192-bit KEK.
        let kek = hex::decode("5840df6e29b02af1ab493b705bf16ea1ae8338f4dcc176a8").expect("hex");
        let out = wrap(&kek, &hex::decode("466f7250617369").expect("hex"), true).expect("wrap");
        assert_eq!(hex::encode(out), "afbeb0f07dfbf5419200f2ccb50bb24f");
    }

    #[test]
    fn unwrap_inverts_wrap() {
        let kek = hex::decode("000102030405060708090A0B0C0D0E0F").expect("hex");
        let w = hex::decode("1FA68B0A8112B447AEF34BD8FB5A7B829D3E862371D2CFE5").expect("hex");
        let out = unwrap(&kek, &w, false).expect("unwrap");
        assert_eq!(hex::encode_upper(&*out), "00112233445566778899AABBCCDDEEFF");
        let kek = hex::decode("5840df6e29b02af1ab493b705bf16ea1ae8338f4dcc176a8").expect("hex");
        let out = unwrap(
            &kek,
            &hex::decode("afbeb0f07dfbf5419200f2ccb50bb24f").expect("hex"),
            true,
        )
        .expect("unwrap");
        assert_eq!(hex::encode(&*out), "466f7250617369");
        let mut bad = w.clone();
        bad[5] ^= 1;
        let kek = hex::decode("000102030405060708090A0B0C0D0E0F").expect("hex");
        assert_eq!(unwrap(&kek, &bad, false), Err(KeyWrapError::Integrity));
        assert_eq!(
            unwrap(&kek, &w[..16], false),
            Err(KeyWrapError::BadWrappedLength(16))
        );
    }

    #[test]
    fn refuses_bad_sizes() {
        assert_eq!(
            wrap(&[0; 20], &[0; 16], false),
            Err(KeyWrapError::BadKek(160))
        );
        assert_eq!(
            wrap(&[0; 16], &[0; 12], false),
            Err(KeyWrapError::BadLength(12))
        );
    }
}
