//! Hashes and MACs of the KMIP operations Hash, MAC and MAC Verify: SHA-1, SHA-2 and SHA-3; HMAC
//! over each of them; CMAC over AES (and Triple DES).
//!
//! Algorithms are named by their KMIP enumeration values (Hashing Algorithm, Cryptographic Algorithm).

use hmac::{Hmac, Mac};
use keyhaven_kmip::enums::{cryptographic_algorithm as alg, hashing_algorithm as ha};
use sha2::Digest;
use zeroize::Zeroizing;

/// Hashes `data` with a KMIP Hashing Algorithm.
pub fn hash(hashing_algorithm: u32, data: &[u8]) -> Result<Vec<u8>, String> {
    Ok(match hashing_algorithm {
        ha::SHA_1 => sha1::Sha1::digest(data).to_vec(),
        ha::SHA_224 => sha2::Sha224::digest(data).to_vec(),
        ha::SHA_256 => sha2::Sha256::digest(data).to_vec(),
        ha::SHA_384 => sha2::Sha384::digest(data).to_vec(),
        ha::SHA_512 => sha2::Sha512::digest(data).to_vec(),
        ha::SHA_512_224 => sha2::Sha512_224::digest(data).to_vec(),
        ha::SHA_512_256 => sha2::Sha512_256::digest(data).to_vec(),
        ha::SHA3_224 => sha3::Sha3_224::digest(data).to_vec(),
        ha::SHA3_256 => sha3::Sha3_256::digest(data).to_vec(),
        ha::SHA3_384 => sha3::Sha3_384::digest(data).to_vec(),
        ha::SHA3_512 => sha3::Sha3_512::digest(data).to_vec(),
        other => return Err(unsupported_hash(other)),
    })
}

fn unsupported_hash(h: u32) -> String {
    format!(
        "Hashing Algorithm {} is not supported (SHA-1, SHA-224, SHA-256, SHA-384, SHA-512, SHA-512/224, SHA-512/256 and SHA3-224 to SHA3-512 are)",
        keyhaven_kmip::enums::enum_value_name(keyhaven_kmip::tag::HASHING_ALGORITHM, h)
            .map_or_else(|| format!("0x{h:X}"), str::to_owned)
    )
}

/// The Hashing Algorithm that an HMAC Cryptographic Algorithm uses.
pub fn hmac_hash(cryptographic_algorithm: u32) -> Option<u32> {
    Some(match cryptographic_algorithm {
        alg::HMAC_SHA1 => ha::SHA_1,
        alg::HMAC_SHA224 => ha::SHA_224,
        alg::HMAC_SHA256 => ha::SHA_256,
        alg::HMAC_SHA384 => ha::SHA_384,
        alg::HMAC_SHA512 => ha::SHA_512,
        alg::HMAC_SHA3_224 => ha::SHA3_224,
        alg::HMAC_SHA3_256 => ha::SHA3_256,
        alg::HMAC_SHA3_384 => ha::SHA3_384,
        alg::HMAC_SHA3_512 => ha::SHA3_512,
        _ => return None,
    })
}

fn hmac_with<M: Mac + hmac::digest::KeyInit>(key: &[u8], data: &[u8]) -> Zeroizing<Vec<u8>> {
    // HMAC accepts keys of any length: new_from_slice cannot fail.
    let mut m = <M as hmac::digest::KeyInit>::new_from_slice(key)
        .unwrap_or_else(|_| unreachable!("HMAC takes keys of any length"));
    m.update(data);
    Zeroizing::new(m.finalize().into_bytes().to_vec())
}

/// HMAC with a KMIP Hashing Algorithm.
pub fn hmac(hashing_algorithm: u32, key: &[u8], data: &[u8]) -> Result<Zeroizing<Vec<u8>>, String> {
    Ok(match hashing_algorithm {
        ha::SHA_1 => hmac_with::<Hmac<sha1::Sha1>>(key, data),
        ha::SHA_224 => hmac_with::<Hmac<sha2::Sha224>>(key, data),
        ha::SHA_256 => hmac_with::<Hmac<sha2::Sha256>>(key, data),
        ha::SHA_384 => hmac_with::<Hmac<sha2::Sha384>>(key, data),
        ha::SHA_512 => hmac_with::<Hmac<sha2::Sha512>>(key, data),
        ha::SHA_512_224 => hmac_with::<Hmac<sha2::Sha512_224>>(key, data),
        ha::SHA_512_256 => hmac_with::<Hmac<sha2::Sha512_256>>(key, data),
        ha::SHA3_224 => hmac_with::<Hmac<sha3::Sha3_224>>(key, data),
        ha::SHA3_256 => hmac_with::<Hmac<sha3::Sha3_256>>(key, data),
        ha::SHA3_384 => hmac_with::<Hmac<sha3::Sha3_384>>(key, data),
        ha::SHA3_512 => hmac_with::<Hmac<sha3::Sha3_512>>(key, data),
        other => return Err(unsupported_hash(other)),
    })
}

fn cmac_with<M: Mac + cmac::digest::KeyInit>(
    key: &[u8],
    data: &[u8],
) -> Result<Zeroizing<Vec<u8>>, String> {
    let mut m = <M as cmac::digest::KeyInit>::new_from_slice(key).map_err(|_| {
        format!(
            "a CMAC key of {} bits does not fit the cipher",
            key.len() * 8
        )
    })?;
    m.update(data);
    Ok(Zeroizing::new(m.finalize().into_bytes().to_vec()))
}

/// CMAC (NIST SP 800-38B) with AES (16, 24 or 32-byte key) or Triple DES (24 or 16 bytes).
pub fn cmac(
    cryptographic_algorithm: u32,
    key: &[u8],
    data: &[u8],
) -> Result<Zeroizing<Vec<u8>>, String> {
    match (cryptographic_algorithm, key.len()) {
        (alg::AES, 16) => cmac_with::<cmac::Cmac<aes::Aes128>>(key, data),
        (alg::AES, 24) => cmac_with::<cmac::Cmac<aes::Aes192>>(key, data),
        (alg::AES, 32) => cmac_with::<cmac::Cmac<aes::Aes256>>(key, data),
        (alg::DES3, 24) => cmac_with::<cmac::Cmac<des::TdesEde3>>(key, data),
        (alg::DES3, 16) => cmac_with::<cmac::Cmac<des::TdesEde2>>(key, data),
        (a, n) => Err(format!(
            "CMAC needs an AES or Triple DES key ({} of {} bits given)",
            keyhaven_kmip::enums::enum_value_name(keyhaven_kmip::tag::CRYPTOGRAPHIC_ALGORITHM, a)
                .unwrap_or("an unknown algorithm"),
            n * 8
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_of_the_profile_cases() {
        let data = hex::decode("01020304050607080910111213141516").expect("hex");
        assert_eq!(
            hex::encode(hash(ha::SHA_256, &data).expect("sha256")),
            hex::encode(sha2::Sha256::digest(&data))
        );
        assert_eq!(hash(ha::SHA_512, &data).expect("sha512").len(), 64);
        assert!(hash(ha::MD5, &data).is_err());
    }

    #[test]
    fn hmac_rfc4231_case_2_and_cmac_sp800_38b() {
        let mac = hmac(ha::SHA_256, b"Jefe", b"what do ya want for nothing?").expect("hmac");
        assert_eq!(
            hex::encode(&mac),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
        let key = hex::decode("2b7e151628aed2a6abf7158809cf4f3c").expect("hex");
        let msg = hex::decode("6bc1bee22e409f96e93d7e117393172a").expect("hex");
        let t = cmac(alg::AES, &key, &msg).expect("cmac");
        assert_eq!(hex::encode(&t), "070a16b46b4d4144f79bdd9dd04a287c");
    }
}
