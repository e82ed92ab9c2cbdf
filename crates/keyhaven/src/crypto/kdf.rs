//! Key derivation functions of the KMIP Derive Key operation: PBKDF2 (PKCS#5 v2.1), HKDF (RFC 5869),
//! the NIST SP 800-108 counter, feedback and double-pipeline constructions, and AWS Signature
//! Version 4 signing keys. The pseudorandom function is HMAC over a KMIP Hashing Algorithm or CMAC
//! over AES / Triple DES.
//!
//! SP 800-108 leaves the layout of the PRF input to the implementation; here it is
//! `[i]_32 || Fixed Data || [L]_32` (counter), `K(i-1) || [i]_32 || Fixed Data || [L]_32`
//! (feedback, `K(0)` = the IV) and `A(i) || [i]_32 || Fixed Data || [L]_32` with
//! `A(i) = PRF(A(i-1))`, `A(0) = Fixed Data || [L]_32` (double pipeline): a 32-bit big-endian
//! counter before the fixed data, `L` (the output length in bits) as a 32-bit big-endian integer
//! after it. KMIP's Derivation Data is the Fixed Data (`Label || 0x00 || Context`).

use keyhaven_kmip::enums::hashing_algorithm as ha;
use zeroize::Zeroizing;

use super::digest;

/// A pseudorandom function: HMAC with a KMIP Hashing Algorithm, or CMAC with a KMIP Cryptographic
/// Algorithm (AES, Triple DES).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Prf {
    Hmac(u32),
    Cmac(u32),
}

impl Prf {
    pub fn apply(self, key: &[u8], data: &[u8]) -> Result<Zeroizing<Vec<u8>>, String> {
        match self {
            Prf::Hmac(h) => digest::hmac(h, key, data),
            Prf::Cmac(a) => digest::cmac(a, key, data),
        }
    }
}

/// The largest output any construction here is asked for (bytes): far beyond any key, and small
/// enough that a request cannot make the server loop for long.
pub const MAX_OUTPUT: usize = 8192;

fn check_len(len: usize) -> Result<(), String> {
    if len == 0 || len > MAX_OUTPUT {
        return Err(format!(
            "a derived object of {} bits cannot be made (1 to {} bits)",
            len * 8,
            MAX_OUTPUT * 8
        ));
    }
    Ok(())
}

/// Which SP 800-108 construction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sp800108 {
    Counter,
    Feedback,
    DoublePipeline,
}

/// NIST SP 800-108 key derivation of `len` bytes from key `ki`, fixed data and (feedback mode) IV.
pub fn sp800_108(
    mode: Sp800108,
    prf: Prf,
    ki: &[u8],
    fixed: &[u8],
    iv: &[u8],
    len: usize,
) -> Result<Zeroizing<Vec<u8>>, String> {
    check_len(len)?;
    let l_bits = u32::try_from(len * 8).map_err(|_| "output too long".to_owned())?;
    let mut out = Zeroizing::new(Vec::with_capacity(len + 64));
    let mut prev: Zeroizing<Vec<u8>> = Zeroizing::new(iv.to_vec());
    let mut a: Zeroizing<Vec<u8>> = Zeroizing::new([fixed, &l_bits.to_be_bytes()].concat());
    let mut i: u32 = 1;
    while out.len() < len {
        let mut input = Zeroizing::new(Vec::new());
        match mode {
            Sp800108::Counter => {}
            Sp800108::Feedback => input.extend_from_slice(&prev),
            Sp800108::DoublePipeline => {
                a = prf.apply(ki, &a)?;
                input.extend_from_slice(&a);
            }
        }
        input.extend_from_slice(&i.to_be_bytes());
        input.extend_from_slice(fixed);
        input.extend_from_slice(&l_bits.to_be_bytes());
        let k = prf.apply(ki, &input)?;
        out.extend_from_slice(&k);
        prev = k;
        i = i
            .checked_add(1)
            .ok_or_else(|| "counter overflow".to_owned())?;
    }
    out.truncate(len);
    Ok(out)
}

/// PBKDF2 with HMAC over a KMIP Hashing Algorithm.
pub fn pbkdf2(
    hashing_algorithm: u32,
    password: &[u8],
    salt: &[u8],
    iterations: u32,
    len: usize,
) -> Result<Zeroizing<Vec<u8>>, String> {
    use pbkdf2::pbkdf2_hmac;
    check_len(len)?;
    if iterations == 0 {
        return Err("the Iteration Count must be at least 1".to_owned());
    }
    let mut out = Zeroizing::new(vec![0u8; len]);
    match hashing_algorithm {
        ha::SHA_1 => pbkdf2_hmac::<sha1::Sha1>(password, salt, iterations, &mut out),
        ha::SHA_224 => pbkdf2_hmac::<sha2::Sha224>(password, salt, iterations, &mut out),
        ha::SHA_256 => pbkdf2_hmac::<sha2::Sha256>(password, salt, iterations, &mut out),
        ha::SHA_384 => pbkdf2_hmac::<sha2::Sha384>(password, salt, iterations, &mut out),
        ha::SHA_512 => pbkdf2_hmac::<sha2::Sha512>(password, salt, iterations, &mut out),
        ha::SHA3_256 => pbkdf2_hmac::<sha3::Sha3_256>(password, salt, iterations, &mut out),
        ha::SHA3_384 => pbkdf2_hmac::<sha3::Sha3_384>(password, salt, iterations, &mut out),
        ha::SHA3_512 => pbkdf2_hmac::<sha3::Sha3_512>(password, salt, iterations, &mut out),
        _ => {
            return Err("PBKDF2 supports SHA-1, SHA-224 to SHA-512 and SHA3-256 to SHA3-512".into())
        }
    }
    Ok(out)
}

/// HKDF (extract then expand) with a KMIP Hashing Algorithm.
pub fn hkdf(
    hashing_algorithm: u32,
    ikm: &[u8],
    salt: &[u8],
    info: &[u8],
    len: usize,
) -> Result<Zeroizing<Vec<u8>>, String> {
    check_len(len)?;
    let mut out = Zeroizing::new(vec![0u8; len]);
    let salt = (!salt.is_empty()).then_some(salt);
    let too_long = |_| format!("HKDF cannot give {} bits with this hash", len * 8);
    match hashing_algorithm {
        ha::SHA_1 => hkdf::Hkdf::<sha1::Sha1>::new(salt, ikm).expand(info, &mut out),
        ha::SHA_224 => hkdf::Hkdf::<sha2::Sha224>::new(salt, ikm).expand(info, &mut out),
        ha::SHA_256 => hkdf::Hkdf::<sha2::Sha256>::new(salt, ikm).expand(info, &mut out),
        ha::SHA_384 => hkdf::Hkdf::<sha2::Sha384>::new(salt, ikm).expand(info, &mut out),
        ha::SHA_512 => hkdf::Hkdf::<sha2::Sha512>::new(salt, ikm).expand(info, &mut out),
        _ => return Err("HKDF supports SHA-1 and SHA-224 to SHA-512".into()),
    }
    .map_err(too_long)?;
    Ok(out)
}

/// The AWS Signature Version 4 signing key: HMAC-SHA256 chained over date, region, service and
/// "aws4_request", keyed first by "AWS4" || secret.
pub fn aws_sigv4(
    secret: &[u8],
    date: &[u8],
    region: &[u8],
    service: &[u8],
) -> Result<Zeroizing<Vec<u8>>, String> {
    let mut k = Zeroizing::new([b"AWS4".as_slice(), secret].concat());
    for part in [date, region, service, b"aws4_request".as_slice()] {
        k = digest::hmac(ha::SHA_256, &k, part)?;
    }
    Ok(k)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(s: &str) -> Vec<u8> {
        hex::decode(s).expect("hex")
    }

    #[test]
    fn pbkdf2_rfc6070() {
        let k = pbkdf2(ha::SHA_1, b"password", b"salt", 2, 20).expect("pbkdf2");
        assert_eq!(*k, h("ea6c014dc72d6f8ccd1ed92ace1d41f0d8de8957"));
    }

    #[test]
    fn hkdf_rfc5869_case_1() {
        let k = hkdf(
            ha::SHA_256,
            &h("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b"),
            &h("000102030405060708090a0b0c"),
            &h("f0f1f2f3f4f5f6f7f8f9"),
            42,
        )
        .expect("hkdf");
        assert_eq!(
            *k,
            h("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865")
        );
    }

    #[test]
    fn aws_sigv4_documented_example() {
        // The signing key of AWS's "Examples of how to derive a signing key" page.
        let k = aws_sigv4(
            b"wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            b"20120215",
            b"us-east-1",
            b"iam",
        )
        .expect("sigv4");
        assert_eq!(
            hex::encode(&*k),
            "f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d"
        );
    }

    #[test]
    fn sp800_108_counter_matches_its_definition() {
        // One block: PRF(K, [1]_32 || fixed || [L]_32).
        let key = h("000102030405060708090a0b0c0d0e0f");
        let fixed = b"label\x00context";
        let got = sp800_108(
            Sp800108::Counter,
            Prf::Hmac(ha::SHA_256),
            &key,
            fixed,
            &[],
            16,
        )
        .expect("kdf");
        let mut input = 1u32.to_be_bytes().to_vec();
        input.extend_from_slice(fixed);
        input.extend_from_slice(&128u32.to_be_bytes());
        let want = digest::hmac(ha::SHA_256, &key, &input).expect("hmac");
        assert_eq!(*got, want[..16]);
        // Feedback and double pipeline differ from counter mode and from each other.
        let fb = sp800_108(
            Sp800108::Feedback,
            Prf::Hmac(ha::SHA_256),
            &key,
            fixed,
            b"iv",
            48,
        )
        .expect("kdf");
        let dp = sp800_108(
            Sp800108::DoublePipeline,
            Prf::Cmac(keyhaven_kmip::enums::cryptographic_algorithm::AES),
            &key,
            fixed,
            &[],
            48,
        )
        .expect("kdf");
        assert_eq!(fb.len(), 48);
        assert_ne!(fb[..16], got[..]);
        assert_ne!(dp[..16], got[..]);
        assert!(sp800_108(
            Sp800108::Counter,
            Prf::Hmac(ha::SHA_256),
            &key,
            fixed,
            &[],
            MAX_OUTPUT + 1
        )
        .is_err());
    }
}
