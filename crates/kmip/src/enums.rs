//! Values of every KMIP enumeration (and bit mask) of the specifications 1.0 to 2.1.
//!
//! One module per enumeration (`operation::CREATE`, `object_type::SYMMETRIC_KEY`,
//! `result_reason::ITEM_NOT_FOUND`, ...) holding a constant for every value any version defines.
//! Generated from the enumeration tables of the OASIS specifications (section 9.1.3.2 of 1.x,
//! section 11 of 2.x; bit masks from 9.1.3.3 of 1.x and section 12 of 2.x). The values of the
//! PKCS#11 Function and PKCS#11 Return Code enumerations are not listed in the KMIP text, which
//! defines them by reference to PKCS#11 v3.0 (1-based position in `CK_FUNCTION_LIST_3_0`, and the
//! `CKR_` return values); they are taken from the OASIS PKCS#11 3.0 headers.
//!
//! Values whose meaning differs between versions:
//! - Result Reason 0x0B `Illegal Operation` and 0x0E `Index Out of Bounds` exist in 1.0–1.4 only;
//!   2.0 marks both "(Reserved)" (2.x uses e.g. `Illegal Object Type` 0x28 instead). 2.0 adds
//!   0x19–0x49, 2.1 adds 0x4A–0x4C; `General Failure` is 0x100 in every version.
//! - Object Type 0x06 `Template` (deprecated 1.3) is "(Reserved)" from 2.0; 0x0A
//!   `Certificate Request` is new in 2.0.
//! - Key Format Type 0x0E–0x13 (Transparent ECDSA/ECDH/ECMQV keys, deprecated 1.3) are
//!   "(Reserved)" from 2.0.
//! - Certificate Request Type 0x04 `PGP` (deprecated 1.2) is "(Reserved)" from 2.0.
//! - Profile Name: 2.0 reserves the whole 1.x range 0x001–0x103 and numbers its (different)
//!   profiles from 0x104; a 1.x profile value means nothing in 2.x.
//! - Cryptographic Usage Mask bits 0x40 `Export`, 0x400 `Content Commitment`, 0x4000–0x80000
//!   (cryptogram / translate) are "(Reserved)" in 2.x; 0x100000–0x800000 are new in 2.0.
//! - Renamed values (same number): Hashing Algorithm `SHA-3-224` (1.4) -> `SHA3-224` (2.0) etc.,
//!   Digital Signature Algorithm `... (PKCS#1 v1.5)` suffixes dropped in 2.0, Mask Generator
//!   `MGF1` spelled `MFG1` in the 2.x tables. Both spellings are accepted by name look-ups.
//! - Asynchronous Indicator is a Boolean in 1.x and this Enumeration in 2.x; Unique Identifier,
//!   Linked Object Identifier and Data may be Text String / Byte String, Integer or Enumeration in 2.x.
//!
//! XML names ([`enum_tag_values`], [`enum_value_name`], [`enum_value_by_name`]) follow the KMIP
//! XML encoding as used by the OASIS test cases: `SymmetricKey`, `PreActive`, `SHA_256`,
//! `PKCS_1`, `X_509`, `DES3` (for `3DES`), `HMAC_SHA1`, `ReKey`.

use crate::tag;

/// Bit of `(major, minor)` in the version masks used by this module
/// (bit 0 = 1.0, 1 = 1.1, 2 = 1.2, 3 = 1.3, 4 = 1.4, 5 = 2.0, 6 = 2.1); 0 for any other version.
const fn version_bit(major: i32, minor: i32) -> u8 {
    match (major, minor) {
        (1, 0) => 1,
        (1, 1) => 1 << 1,
        (1, 2) => 1 << 2,
        (1, 3) => 1 << 3,
        (1, 4) => 1 << 4,
        (2, 0) => 1 << 5,
        (2, 1) => 1 << 6,
        _ => 0,
    }
}

/// Enumeration "Adjustment Type" (2.x section 11.1; defined in 2.0–2.1).
pub mod adjustment_type {
    /// "Increment" (2.0–2.1).
    pub const INCREMENT: u32 = 0x00000001;
    /// "Decrement" (2.0–2.1).
    pub const DECREMENT: u32 = 0x00000002;
    /// "Negate" (2.0–2.1).
    pub const NEGATE: u32 = 0x00000003;
}

/// Enumeration "Alternative Name Type" (1.x section 9.1.3.2.34, 2.x section 11.2; defined in 1.2–2.1).
pub mod alternative_name_type {
    /// "Uninterpreted Text String" (1.2–2.1).
    pub const UNINTERPRETED_TEXT_STRING: u32 = 0x00000001;
    /// "URI" (1.2–2.1).
    pub const URI: u32 = 0x00000002;
    /// "Object Serial Number" (1.2–2.1).
    pub const OBJECT_SERIAL_NUMBER: u32 = 0x00000003;
    /// "Email Address" (1.2–2.1).
    pub const EMAIL_ADDRESS: u32 = 0x00000004;
    /// "DNS Name" (1.2–2.1).
    pub const DNS_NAME: u32 = 0x00000005;
    /// "X.500 Distinguished Name" (1.2–2.1).
    pub const X_500_DISTINGUISHED_NAME: u32 = 0x00000006;
    /// "IP Address" (1.2–2.1).
    pub const IP_ADDRESS: u32 = 0x00000007;
}

/// Enumeration "Asynchronous Indicator" (2.x section 11.3; defined in 2.0–2.1).
pub mod asynchronous_indicator {
    /// "Mandatory" (2.0–2.1).
    pub const MANDATORY: u32 = 0x00000001;
    /// "Optional" (2.0–2.1).
    pub const OPTIONAL: u32 = 0x00000002;
    /// "Prohibited" (2.0–2.1).
    pub const PROHIBITED: u32 = 0x00000003;
}

/// Enumeration "Attestation Type" (1.x section 9.1.3.2.36, 2.x section 11.4; defined in 1.2–2.1).
pub mod attestation_type {
    /// "TPM Quote" (1.2–2.1).
    pub const TPM_QUOTE: u32 = 0x00000001;
    /// "TCG Integrity Report" (1.2–2.1).
    pub const TCG_INTEGRITY_REPORT: u32 = 0x00000002;
    /// "SAML Assertion" (1.2–2.1).
    pub const SAML_ASSERTION: u32 = 0x00000003;
}

/// Enumeration "Batch Error Continuation Option" (1.x section 9.1.3.2.30, 2.x section 11.5; defined in 1.0–2.1).
pub mod batch_error_continuation_option {
    /// "Continue" (1.0–2.1).
    pub const CONTINUE: u32 = 0x00000001;
    /// "Stop" (1.0–2.1).
    pub const STOP: u32 = 0x00000002;
    /// "Undo" (1.0–2.1).
    pub const UNDO: u32 = 0x00000003;
}

/// Enumeration "Block Cipher Mode" (1.x section 9.1.3.2.14, 2.x section 11.6; defined in 1.0–2.1).
pub mod block_cipher_mode {
    /// "CBC" (1.0–2.1).
    pub const CBC: u32 = 0x00000001;
    /// "ECB" (1.0–2.1).
    pub const ECB: u32 = 0x00000002;
    /// "PCBC" (1.0–2.1).
    pub const PCBC: u32 = 0x00000003;
    /// "CFB" (1.0–2.1).
    pub const CFB: u32 = 0x00000004;
    /// "OFB" (1.0–2.1).
    pub const OFB: u32 = 0x00000005;
    /// "CTR" (1.0–2.1).
    pub const CTR: u32 = 0x00000006;
    /// "CMAC" (1.0–2.1).
    pub const CMAC: u32 = 0x00000007;
    /// "CCM" (1.0–2.1).
    pub const CCM: u32 = 0x00000008;
    /// "GCM" (1.0–2.1).
    pub const GCM: u32 = 0x00000009;
    /// "CBC-MAC" (1.0–2.1).
    pub const CBC_MAC: u32 = 0x0000000A;
    /// "XTS" (1.0–2.1).
    pub const XTS: u32 = 0x0000000B;
    /// "AESKeyWrapPadding" (1.0–2.1).
    pub const AESKEYWRAPPADDING: u32 = 0x0000000C;
    /// "NISTKeyWrap" (1.0–2.1).
    pub const NISTKEYWRAP: u32 = 0x0000000D;
    /// "X9.102 AESKW" (1.0–2.1).
    pub const X9_102_AESKW: u32 = 0x0000000E;
    /// "X9.102 TDKW" (1.0–2.1).
    pub const X9_102_TDKW: u32 = 0x0000000F;
    /// "X9.102 AKW1" (1.0–2.1).
    pub const X9_102_AKW1: u32 = 0x00000010;
    /// "X9.102 AKW2" (1.0–2.1).
    pub const X9_102_AKW2: u32 = 0x00000011;
    /// "AEAD" (1.4–2.1).
    pub const AEAD: u32 = 0x00000012;
}

/// Enumeration "Cancellation Result" (1.x section 9.1.3.2.25, 2.x section 11.7; defined in 1.0–2.1).
pub mod cancellation_result {
    /// "Canceled" (1.0–2.1).
    pub const CANCELED: u32 = 0x00000001;
    /// "Unable to Cancel" (1.0–2.1).
    pub const UNABLE_TO_CANCEL: u32 = 0x00000002;
    /// "Completed" (1.0–2.1).
    pub const COMPLETED: u32 = 0x00000003;
    /// "Failed" (1.0–2.1).
    pub const FAILED: u32 = 0x00000004;
    /// "Unavailable" (1.0–2.1).
    pub const UNAVAILABLE: u32 = 0x00000005;
}

/// Enumeration "Certificate Request Type" (1.x section 9.1.3.2.22, 2.x section 11.8; defined in 1.0–2.1).
pub mod certificate_request_type {
    /// "CRMF" (1.0–2.1).
    pub const CRMF: u32 = 0x00000001;
    /// "PKCS#10" (1.0–2.1).
    pub const PKCS_10: u32 = 0x00000002;
    /// "PEM" (1.0–2.1).
    pub const PEM: u32 = 0x00000003;
    /// "PGP" (1.0–1.4); marked deprecated in 1.2, 1.3, 1.4; "(Reserved)" in 2.0–2.1.
    pub const PGP: u32 = 0x00000004;
}

/// Enumeration "Certificate Type" (1.x section 9.1.3.2.6, 2.x section 11.9; defined in 1.0–2.1).
pub mod certificate_type {
    /// "X.509" (1.0–2.1).
    pub const X_509: u32 = 0x00000001;
    /// "PGP" (1.0–2.1); marked deprecated in 1.2, 1.3, 1.4.
    pub const PGP: u32 = 0x00000002;
}

/// Enumeration "Client Registration Method" (1.x section 9.1.3.2.47, 2.x section 11.10; defined in 1.3–2.1).
pub mod client_registration_method {
    /// "Unspecified" (1.3–2.1).
    pub const UNSPECIFIED: u32 = 0x00000001;
    /// "Server Pre-Generated" (1.3–2.1).
    pub const SERVER_PRE_GENERATED: u32 = 0x00000002;
    /// "Server On-Demand" (1.3–2.1).
    pub const SERVER_ON_DEMAND: u32 = 0x00000003;
    /// "Client Generated" (1.3–2.1).
    pub const CLIENT_GENERATED: u32 = 0x00000004;
    /// "Client Registered" (1.3–2.1).
    pub const CLIENT_REGISTERED: u32 = 0x00000005;
}

/// Enumeration "Credential Type" (1.x section 9.1.3.2.1, 2.x section 11.11; defined in 1.0–2.1).
pub mod credential_type {
    /// "Username and Password" (1.0–2.1).
    pub const USERNAME_AND_PASSWORD: u32 = 0x00000001;
    /// "Device" (1.1–2.1).
    pub const DEVICE: u32 = 0x00000002;
    /// "Attestation" (1.2–2.1).
    pub const ATTESTATION: u32 = 0x00000003;
    /// "One Time Password" (2.0–2.1).
    pub const ONE_TIME_PASSWORD: u32 = 0x00000004;
    /// "Hashed Password" (2.0–2.1).
    pub const HASHED_PASSWORD: u32 = 0x00000005;
    /// "Ticket" (2.0–2.1).
    pub const TICKET: u32 = 0x00000006;
}

/// Enumeration "Cryptographic Algorithm" (1.x section 9.1.3.2.13, 2.x section 11.12; defined in 1.0–2.1).
pub mod cryptographic_algorithm {
    /// "DES" (1.0–2.1).
    pub const DES: u32 = 0x00000001;
    /// "3DES" (1.0–2.1).
    pub const DES3: u32 = 0x00000002;
    /// "AES" (1.0–2.1).
    pub const AES: u32 = 0x00000003;
    /// "RSA" (1.0–2.1).
    pub const RSA: u32 = 0x00000004;
    /// "DSA" (1.0–2.1).
    pub const DSA: u32 = 0x00000005;
    /// "ECDSA" (1.0–2.1).
    pub const ECDSA: u32 = 0x00000006;
    /// "HMAC-SHA1" (1.0–2.1).
    pub const HMAC_SHA1: u32 = 0x00000007;
    /// "HMAC-SHA224" (1.0–2.1).
    pub const HMAC_SHA224: u32 = 0x00000008;
    /// "HMAC-SHA256" (1.0–2.1).
    pub const HMAC_SHA256: u32 = 0x00000009;
    /// "HMAC-SHA384" (1.0–2.1).
    pub const HMAC_SHA384: u32 = 0x0000000A;
    /// "HMAC-SHA512" (1.0–2.1).
    pub const HMAC_SHA512: u32 = 0x0000000B;
    /// "HMAC-MD5" (1.0–2.1).
    pub const HMAC_MD5: u32 = 0x0000000C;
    /// "DH" (1.0–2.1).
    pub const DH: u32 = 0x0000000D;
    /// "ECDH" (1.0–2.1).
    pub const ECDH: u32 = 0x0000000E;
    /// "ECMQV" (1.0–2.1).
    pub const ECMQV: u32 = 0x0000000F;
    /// "Blowfish" (1.0–2.1).
    pub const BLOWFISH: u32 = 0x00000010;
    /// "Camellia" (1.0–2.1).
    pub const CAMELLIA: u32 = 0x00000011;
    /// "CAST5" (1.0–2.1).
    pub const CAST5: u32 = 0x00000012;
    /// "IDEA" (1.0–2.1).
    pub const IDEA: u32 = 0x00000013;
    /// "MARS" (1.0–2.1).
    pub const MARS: u32 = 0x00000014;
    /// "RC2" (1.0–2.1).
    pub const RC2: u32 = 0x00000015;
    /// "RC4" (1.0–2.1).
    pub const RC4: u32 = 0x00000016;
    /// "RC5" (1.0–2.1).
    pub const RC5: u32 = 0x00000017;
    /// "SKIPJACK" (1.0–2.1).
    pub const SKIPJACK: u32 = 0x00000018;
    /// "Twofish" (1.0–2.1).
    pub const TWOFISH: u32 = 0x00000019;
    /// "EC" (1.2–2.1).
    pub const EC: u32 = 0x0000001A;
    /// "One Time Pad" (1.3–2.1).
    pub const ONE_TIME_PAD: u32 = 0x0000001B;
    /// "ChaCha20" (1.4–2.1).
    pub const CHACHA20: u32 = 0x0000001C;
    /// "Poly1305" (1.4–2.1).
    pub const POLY1305: u32 = 0x0000001D;
    /// "ChaCha20Poly1305" (1.4–2.1).
    pub const CHACHA20POLY1305: u32 = 0x0000001E;
    /// "SHA3-224" (1.4–2.1).
    pub const SHA3_224: u32 = 0x0000001F;
    /// "SHA3-256" (1.4–2.1).
    pub const SHA3_256: u32 = 0x00000020;
    /// "SHA3-384" (1.4–2.1).
    pub const SHA3_384: u32 = 0x00000021;
    /// "SHA3-512" (1.4–2.1).
    pub const SHA3_512: u32 = 0x00000022;
    /// "HMAC-SHA3-224" (1.4–2.1).
    pub const HMAC_SHA3_224: u32 = 0x00000023;
    /// "HMAC-SHA3-256" (1.4–2.1).
    pub const HMAC_SHA3_256: u32 = 0x00000024;
    /// "HMAC-SHA3-384" (1.4–2.1).
    pub const HMAC_SHA3_384: u32 = 0x00000025;
    /// "HMAC-SHA3-512" (1.4–2.1).
    pub const HMAC_SHA3_512: u32 = 0x00000026;
    /// "SHAKE-128" (1.4–2.1).
    pub const SHAKE_128: u32 = 0x00000027;
    /// "SHAKE-256" (1.4–2.1).
    pub const SHAKE_256: u32 = 0x00000028;
    /// "ARIA" (2.0–2.1).
    pub const ARIA: u32 = 0x00000029;
    /// "SEED" (2.0–2.1).
    pub const SEED: u32 = 0x0000002A;
    /// "SM2" (2.0–2.1).
    pub const SM2: u32 = 0x0000002B;
    /// "SM3" (2.0–2.1).
    pub const SM3: u32 = 0x0000002C;
    /// "SM4" (2.0–2.1).
    pub const SM4: u32 = 0x0000002D;
    /// "GOST R 34.10-2012" (2.0–2.1).
    pub const GOST_R_34_10_2012: u32 = 0x0000002E;
    /// "GOST R 34.11-2012" (2.0–2.1).
    pub const GOST_R_34_11_2012: u32 = 0x0000002F;
    /// "GOST R 34.13-2015" (2.0–2.1).
    pub const GOST_R_34_13_2015: u32 = 0x00000030;
    /// "GOST 28147-89" (2.0–2.1).
    pub const GOST_28147_89: u32 = 0x00000031;
    /// "XMSS" (2.0–2.1).
    pub const XMSS: u32 = 0x00000032;
    /// "SPHINCS-256" (2.0–2.1).
    pub const SPHINCS_256: u32 = 0x00000033;
    /// "McEliece" (2.0–2.1).
    pub const MCELIECE: u32 = 0x00000034;
    /// "McEliece-6960119" (2.0–2.1).
    pub const MCELIECE_6960119: u32 = 0x00000035;
    /// "McEliece-8192128" (2.0–2.1).
    pub const MCELIECE_8192128: u32 = 0x00000036;
    /// "Ed25519" (2.0–2.1).
    pub const ED25519: u32 = 0x00000037;
    /// "Ed448" (2.0–2.1).
    pub const ED448: u32 = 0x00000038;
}

/// Enumeration "Data" (2.x section 11.13; defined in 2.0–2.1).
pub mod data {
    /// "Decrypt" (2.0–2.1).
    pub const DECRYPT: u32 = 0x00000001;
    /// "Encrypt" (2.0–2.1).
    pub const ENCRYPT: u32 = 0x00000002;
    /// "Hash" (2.0–2.1).
    pub const HASH: u32 = 0x00000003;
    /// "MAC MAC Data" (2.0–2.1).
    pub const MAC_MAC_DATA: u32 = 0x00000004;
    /// "RNG Retrieve" (2.0–2.1).
    pub const RNG_RETRIEVE: u32 = 0x00000005;
    /// "Sign Signature Data" (2.0–2.1).
    pub const SIGN_SIGNATURE_DATA: u32 = 0x00000006;
    /// "Signature Verify" (2.0–2.1).
    pub const SIGNATURE_VERIFY: u32 = 0x00000007;
}

/// Enumeration "Derivation Method" (1.x section 9.1.3.2.21, 2.x section 11.14; defined in 1.0–2.1).
pub mod derivation_method {
    /// "PBKDF2" (1.0–2.1).
    pub const PBKDF2: u32 = 0x00000001;
    /// "HASH" (1.0–2.1).
    pub const HASH: u32 = 0x00000002;
    /// "HMAC" (1.0–2.1).
    pub const HMAC: u32 = 0x00000003;
    /// "ENCRYPT" (1.0–2.1).
    pub const ENCRYPT: u32 = 0x00000004;
    /// "NIST800-108-C" (1.0–2.1).
    pub const NIST800_108_C: u32 = 0x00000005;
    /// "NIST800-108-F" (1.0–2.1).
    pub const NIST800_108_F: u32 = 0x00000006;
    /// "NIST800-108-DPI" (1.0–2.1).
    pub const NIST800_108_DPI: u32 = 0x00000007;
    /// "Asymmetric Key" (1.4–2.1).
    pub const ASYMMETRIC_KEY: u32 = 0x00000008;
    /// "AWS Signature Version 4" (2.0–2.1).
    pub const AWS_SIGNATURE_VERSION_4: u32 = 0x00000009;
    /// "HKDF" (2.0–2.1).
    pub const HKDF: u32 = 0x0000000A;
}

/// Enumeration "Destroy Action" (1.x section 9.1.3.2.44, 2.x section 11.15; defined in 1.3–2.1).
pub mod destroy_action {
    /// "Unspecified" (1.3–2.1).
    pub const UNSPECIFIED: u32 = 0x00000001;
    /// "Key Material Deleted" (1.3–2.1).
    pub const KEY_MATERIAL_DELETED: u32 = 0x00000002;
    /// "Key Material Shredded" (1.3–2.1).
    pub const KEY_MATERIAL_SHREDDED: u32 = 0x00000003;
    /// "Meta Data Deleted" (1.3–2.1).
    pub const META_DATA_DELETED: u32 = 0x00000004;
    /// "Meta Data Shredded" (1.3–2.1).
    pub const META_DATA_SHREDDED: u32 = 0x00000005;
    /// "Deleted" (1.3–2.1).
    pub const DELETED: u32 = 0x00000006;
    /// "Shredded" (1.3–2.1).
    pub const SHREDDED: u32 = 0x00000007;
}

/// Enumeration "Digital Signature Algorithm" (1.x section 9.1.3.2.7, 2.x section 11.16; defined in 1.1–2.1).
pub mod digital_signature_algorithm {
    /// "MD2 with RSA Encryption" (1.1–2.1); also spelled "MD2 with RSA Encryption (PKCS#1 v1.5)" (1.1–1.4).
    pub const MD2_WITH_RSA_ENCRYPTION: u32 = 0x00000001;
    /// Alternative spelling "MD2 with RSA Encryption (PKCS#1 v1.5)" of [`MD2_WITH_RSA_ENCRYPTION`].
    pub const MD2_WITH_RSA_ENCRYPTION_PKCS_1_V1_5: u32 = MD2_WITH_RSA_ENCRYPTION;
    /// "MD5 with RSA Encryption" (1.1–2.1); also spelled "MD5 with RSA Encryption (PKCS #1 v1.5)" (1.1–1.4).
    pub const MD5_WITH_RSA_ENCRYPTION: u32 = 0x00000002;
    /// Alternative spelling "MD5 with RSA Encryption (PKCS #1 v1.5)" of [`MD5_WITH_RSA_ENCRYPTION`].
    pub const MD5_WITH_RSA_ENCRYPTION_PKCS_1_V1_5: u32 = MD5_WITH_RSA_ENCRYPTION;
    /// "SHA-1 with RSA Encryption" (1.1–2.1); also spelled "SHA-1 with RSA Encryption (PKCS#1 v1.5)" (1.1–1.4).
    pub const SHA_1_WITH_RSA_ENCRYPTION: u32 = 0x00000003;
    /// Alternative spelling "SHA-1 with RSA Encryption (PKCS#1 v1.5)" of [`SHA_1_WITH_RSA_ENCRYPTION`].
    pub const SHA_1_WITH_RSA_ENCRYPTION_PKCS_1_V1_5: u32 = SHA_1_WITH_RSA_ENCRYPTION;
    /// "SHA-224 with RSA Encryption" (1.1–2.1); also spelled "SHA-224 with RSA Encryption (PKCS#1 v1.5)" (1.1–1.4).
    pub const SHA_224_WITH_RSA_ENCRYPTION: u32 = 0x00000004;
    /// Alternative spelling "SHA-224 with RSA Encryption (PKCS#1 v1.5)" of [`SHA_224_WITH_RSA_ENCRYPTION`].
    pub const SHA_224_WITH_RSA_ENCRYPTION_PKCS_1_V1_5: u32 = SHA_224_WITH_RSA_ENCRYPTION;
    /// "SHA-256 with RSA Encryption" (1.1–2.1); also spelled "SHA-256 with RSA Encryption (PKCS#1 v1.5)" (1.1–1.4).
    pub const SHA_256_WITH_RSA_ENCRYPTION: u32 = 0x00000005;
    /// Alternative spelling "SHA-256 with RSA Encryption (PKCS#1 v1.5)" of [`SHA_256_WITH_RSA_ENCRYPTION`].
    pub const SHA_256_WITH_RSA_ENCRYPTION_PKCS_1_V1_5: u32 = SHA_256_WITH_RSA_ENCRYPTION;
    /// "SHA-384 with RSA Encryption" (1.1–2.1); also spelled "SHA-384 with RSA Encryption (PKCS#1 v1.5)" (1.1–1.4).
    pub const SHA_384_WITH_RSA_ENCRYPTION: u32 = 0x00000006;
    /// Alternative spelling "SHA-384 with RSA Encryption (PKCS#1 v1.5)" of [`SHA_384_WITH_RSA_ENCRYPTION`].
    pub const SHA_384_WITH_RSA_ENCRYPTION_PKCS_1_V1_5: u32 = SHA_384_WITH_RSA_ENCRYPTION;
    /// "SHA-512 with RSA Encryption" (1.1–2.1); also spelled "SHA-512 with RSA Encryption (PKCS#1 v1.5)" (1.1–1.4).
    pub const SHA_512_WITH_RSA_ENCRYPTION: u32 = 0x00000007;
    /// Alternative spelling "SHA-512 with RSA Encryption (PKCS#1 v1.5)" of [`SHA_512_WITH_RSA_ENCRYPTION`].
    pub const SHA_512_WITH_RSA_ENCRYPTION_PKCS_1_V1_5: u32 = SHA_512_WITH_RSA_ENCRYPTION;
    /// "RSASSA-PSS" (1.1–2.1); also spelled "RSASSA-PSS (PKCS#1 v2.1)" (1.1–1.4).
    pub const RSASSA_PSS: u32 = 0x00000008;
    /// Alternative spelling "RSASSA-PSS (PKCS#1 v2.1)" of [`RSASSA_PSS`].
    pub const RSASSA_PSS_PKCS_1_V2_1: u32 = RSASSA_PSS;
    /// "DSA with SHA-1" (1.1–2.1).
    pub const DSA_WITH_SHA_1: u32 = 0x00000009;
    /// "DSA with SHA224" (1.1–2.1).
    pub const DSA_WITH_SHA224: u32 = 0x0000000A;
    /// "DSA with SHA256" (1.1–2.1).
    pub const DSA_WITH_SHA256: u32 = 0x0000000B;
    /// "ECDSA with SHA-1" (1.1–2.1).
    pub const ECDSA_WITH_SHA_1: u32 = 0x0000000C;
    /// "ECDSA with SHA224" (1.1–2.1).
    pub const ECDSA_WITH_SHA224: u32 = 0x0000000D;
    /// "ECDSA with SHA256" (1.1–2.1).
    pub const ECDSA_WITH_SHA256: u32 = 0x0000000E;
    /// "ECDSA with SHA384" (1.1–2.1).
    pub const ECDSA_WITH_SHA384: u32 = 0x0000000F;
    /// "ECDSA with SHA512" (1.1–2.1).
    pub const ECDSA_WITH_SHA512: u32 = 0x00000010;
    /// "SHA3-256 with RSA Encryption" (1.4–2.1).
    pub const SHA3_256_WITH_RSA_ENCRYPTION: u32 = 0x00000011;
    /// "SHA3-384 with RSA Encryption" (1.4–2.1).
    pub const SHA3_384_WITH_RSA_ENCRYPTION: u32 = 0x00000012;
    /// "SHA3-512 with RSA Encryption" (1.4–2.1).
    pub const SHA3_512_WITH_RSA_ENCRYPTION: u32 = 0x00000013;
}

/// Enumeration "DRBG Algorithm" (1.x section 9.1.3.2.38, 2.x section 11.17; defined in 1.3–2.1).
pub mod drbg_algorithm {
    /// "Unspecified" (1.3–2.1).
    pub const UNSPECIFIED: u32 = 0x00000001;
    /// "Dual-EC" (1.3–2.1).
    pub const DUAL_EC: u32 = 0x00000002;
    /// "Hash" (1.3–2.1).
    pub const HASH: u32 = 0x00000003;
    /// "HMAC" (1.3–2.1).
    pub const HMAC: u32 = 0x00000004;
    /// "CTR" (1.3–2.1).
    pub const CTR: u32 = 0x00000005;
}

/// Enumeration "Encoding Option" (1.x section 9.1.3.2.32, 2.x section 11.18; defined in 1.1–2.1).
pub mod encoding_option {
    /// "No Encoding" (1.1–2.1).
    pub const NO_ENCODING: u32 = 0x00000001;
    /// "TTLV Encoding" (1.1–2.1).
    pub const TTLV_ENCODING: u32 = 0x00000002;
}

/// Enumeration "Endpoint Role" (2.x section 11.19; defined in 2.0–2.1).
pub mod endpoint_role {
    /// "Client" (2.0–2.1).
    pub const CLIENT: u32 = 0x00000001;
    /// "Server" (2.0–2.1).
    pub const SERVER: u32 = 0x00000002;
}

/// Enumeration "FIPS186 Variation" (1.x section 9.1.3.2.39, 2.x section 11.20; defined in 1.3–2.1).
pub mod fips186_variation {
    /// "Unspecified" (1.3–2.1).
    pub const UNSPECIFIED: u32 = 0x00000001;
    /// "GP x-Original" (1.3–2.1).
    pub const GP_X_ORIGINAL: u32 = 0x00000002;
    /// "GP x-Change Notice" (1.3–2.1).
    pub const GP_X_CHANGE_NOTICE: u32 = 0x00000003;
    /// "x-Original" (1.3–2.1).
    pub const X_ORIGINAL: u32 = 0x00000004;
    /// "x-Change Notice" (1.3–2.1).
    pub const X_CHANGE_NOTICE: u32 = 0x00000005;
    /// "k-Original" (1.3–2.1).
    pub const K_ORIGINAL: u32 = 0x00000006;
    /// "k-Change Notice" (1.3–2.1).
    pub const K_CHANGE_NOTICE: u32 = 0x00000007;
}

/// Enumeration "Hashing Algorithm" (1.x section 9.1.3.2.16, 2.x section 11.21; defined in 1.0–2.1).
pub mod hashing_algorithm {
    /// "MD2" (1.0–2.1).
    pub const MD2: u32 = 0x00000001;
    /// "MD4" (1.0–2.1).
    pub const MD4: u32 = 0x00000002;
    /// "MD5" (1.0–2.1).
    pub const MD5: u32 = 0x00000003;
    /// "SHA-1" (1.0–2.1).
    pub const SHA_1: u32 = 0x00000004;
    /// "SHA-224" (1.0–2.1).
    pub const SHA_224: u32 = 0x00000005;
    /// "SHA-256" (1.0–2.1).
    pub const SHA_256: u32 = 0x00000006;
    /// "SHA-384" (1.0–2.1).
    pub const SHA_384: u32 = 0x00000007;
    /// "SHA-512" (1.0–2.1).
    pub const SHA_512: u32 = 0x00000008;
    /// "RIPEMD-160" (1.0–2.1).
    pub const RIPEMD_160: u32 = 0x00000009;
    /// "Tiger" (1.0–2.1).
    pub const TIGER: u32 = 0x0000000A;
    /// "Whirlpool" (1.0–2.1).
    pub const WHIRLPOOL: u32 = 0x0000000B;
    /// "SHA-512/224" (1.2–2.1).
    pub const SHA_512_224: u32 = 0x0000000C;
    /// "SHA-512/256" (1.2–2.1).
    pub const SHA_512_256: u32 = 0x0000000D;
    /// "SHA3-224" (1.4–2.1); also spelled "SHA-3-224" (1.4).
    pub const SHA3_224: u32 = 0x0000000E;
    /// Alternative spelling "SHA-3-224" of [`SHA3_224`].
    pub const SHA_3_224: u32 = SHA3_224;
    /// "SHA3-256" (1.4–2.1); also spelled "SHA-3-256" (1.4).
    pub const SHA3_256: u32 = 0x0000000F;
    /// Alternative spelling "SHA-3-256" of [`SHA3_256`].
    pub const SHA_3_256: u32 = SHA3_256;
    /// "SHA3-384" (1.4–2.1); also spelled "SHA-3-384" (1.4).
    pub const SHA3_384: u32 = 0x00000010;
    /// Alternative spelling "SHA-3-384" of [`SHA3_384`].
    pub const SHA_3_384: u32 = SHA3_384;
    /// "SHA3-512" (1.4–2.1); also spelled "SHA-3-512" (1.4).
    pub const SHA3_512: u32 = 0x00000011;
    /// Alternative spelling "SHA-3-512" of [`SHA3_512`].
    pub const SHA_3_512: u32 = SHA3_512;
}

/// Enumeration "Interop Function" (2.x section 11.22; defined in 2.0–2.1).
pub mod interop_function {
    /// "Begin" (2.0–2.1).
    pub const BEGIN: u32 = 0x00000001;
    /// "End" (2.0–2.1).
    pub const END: u32 = 0x00000002;
    /// "Reset" (2.0–2.1).
    pub const RESET: u32 = 0x00000003;
}

/// Enumeration "Item Type" (2.x section 11.23; defined in 2.0–2.1).
pub mod item_type {
    /// "Structure" (2.0–2.1).
    pub const STRUCTURE: u32 = 0x00000001;
    /// "Integer" (2.0–2.1).
    pub const INTEGER: u32 = 0x00000002;
    /// "Long Integer" (2.0–2.1).
    pub const LONG_INTEGER: u32 = 0x00000003;
    /// "Big Integer" (2.0–2.1).
    pub const BIG_INTEGER: u32 = 0x00000004;
    /// "Enumeration" (2.0–2.1).
    pub const ENUMERATION: u32 = 0x00000005;
    /// "Boolean" (2.0–2.1).
    pub const BOOLEAN: u32 = 0x00000006;
    /// "Text String" (2.0–2.1).
    pub const TEXT_STRING: u32 = 0x00000007;
    /// "Byte String" (2.0–2.1).
    pub const BYTE_STRING: u32 = 0x00000008;
    /// "Date Time" (2.0–2.1).
    pub const DATE_TIME: u32 = 0x00000009;
    /// "Interval" (2.0–2.1).
    pub const INTERVAL: u32 = 0x0000000A;
    /// "Date Time Extended" (2.0–2.1).
    pub const DATE_TIME_EXTENDED: u32 = 0x0000000B;
}

/// Enumeration "Key Compression Type" (1.x section 9.1.3.2.2, 2.x section 11.24; defined in 1.0–2.1).
pub mod key_compression_type {
    /// "EC Public Key Type Uncompressed" (1.0–2.1).
    pub const EC_PUBLIC_KEY_TYPE_UNCOMPRESSED: u32 = 0x00000001;
    /// "EC Public Key Type X9.62 Compressed Prime" (1.0–2.1).
    pub const EC_PUBLIC_KEY_TYPE_X9_62_COMPRESSED_PRIME: u32 = 0x00000002;
    /// "EC Public Key Type X9.62 Compressed Char2" (1.0–2.1).
    pub const EC_PUBLIC_KEY_TYPE_X9_62_COMPRESSED_CHAR2: u32 = 0x00000003;
    /// "EC Public Key Type X9.62 Hybrid" (1.0–2.1).
    pub const EC_PUBLIC_KEY_TYPE_X9_62_HYBRID: u32 = 0x00000004;
}

/// Enumeration "Key Format Type" (1.x section 9.1.3.2.3, 2.x section 11.25; defined in 1.0–2.1).
pub mod key_format_type {
    /// "Raw" (1.0–2.1).
    pub const RAW: u32 = 0x00000001;
    /// "Opaque" (1.0–2.1).
    pub const OPAQUE: u32 = 0x00000002;
    /// "PKCS#1" (1.0–2.1).
    pub const PKCS_1: u32 = 0x00000003;
    /// "PKCS#8" (1.0–2.1).
    pub const PKCS_8: u32 = 0x00000004;
    /// "X.509" (1.0–2.1).
    pub const X_509: u32 = 0x00000005;
    /// "ECPrivateKey" (1.0–2.1).
    pub const ECPRIVATEKEY: u32 = 0x00000006;
    /// "Transparent Symmetric Key" (1.0–2.1).
    pub const TRANSPARENT_SYMMETRIC_KEY: u32 = 0x00000007;
    /// "Transparent DSA Private Key" (1.0–2.1).
    pub const TRANSPARENT_DSA_PRIVATE_KEY: u32 = 0x00000008;
    /// "Transparent DSA Public Key" (1.0–2.1).
    pub const TRANSPARENT_DSA_PUBLIC_KEY: u32 = 0x00000009;
    /// "Transparent RSA Private Key" (1.0–2.1).
    pub const TRANSPARENT_RSA_PRIVATE_KEY: u32 = 0x0000000A;
    /// "Transparent RSA Public Key" (1.0–2.1).
    pub const TRANSPARENT_RSA_PUBLIC_KEY: u32 = 0x0000000B;
    /// "Transparent DH Private Key" (1.0–2.1).
    pub const TRANSPARENT_DH_PRIVATE_KEY: u32 = 0x0000000C;
    /// "Transparent DH Public Key" (1.0–2.1).
    pub const TRANSPARENT_DH_PUBLIC_KEY: u32 = 0x0000000D;
    /// "Transparent ECDSA Private Key" (1.0–1.4); marked deprecated in 1.3, 1.4; "(Reserved)" in 2.0–2.1.
    pub const TRANSPARENT_ECDSA_PRIVATE_KEY: u32 = 0x0000000E;
    /// "Transparent ECDSA Public Key" (1.0–1.4); marked deprecated in 1.3, 1.4; "(Reserved)" in 2.0–2.1.
    pub const TRANSPARENT_ECDSA_PUBLIC_KEY: u32 = 0x0000000F;
    /// "Transparent ECDH Private Key" (1.0–1.4); marked deprecated in 1.3, 1.4; "(Reserved)" in 2.0–2.1.
    pub const TRANSPARENT_ECDH_PRIVATE_KEY: u32 = 0x00000010;
    /// "Transparent ECDH Public Key" (1.0–1.4); marked deprecated in 1.3, 1.4; "(Reserved)" in 2.0–2.1.
    pub const TRANSPARENT_ECDH_PUBLIC_KEY: u32 = 0x00000011;
    /// "Transparent ECMQV Private Key" (1.0–1.4); marked deprecated in 1.3, 1.4; "(Reserved)" in 2.0–2.1.
    pub const TRANSPARENT_ECMQV_PRIVATE_KEY: u32 = 0x00000012;
    /// "Transparent ECMQV Public Key" (1.0–1.4); marked deprecated in 1.3, 1.4; "(Reserved)" in 2.0–2.1.
    pub const TRANSPARENT_ECMQV_PUBLIC_KEY: u32 = 0x00000013;
    /// "Transparent EC Private Key" (1.3–2.1).
    pub const TRANSPARENT_EC_PRIVATE_KEY: u32 = 0x00000014;
    /// "Transparent EC Public Key" (1.3–2.1).
    pub const TRANSPARENT_EC_PUBLIC_KEY: u32 = 0x00000015;
    /// "PKCS#12" (1.4–2.1).
    pub const PKCS_12: u32 = 0x00000016;
    /// "PKCS#10" (2.0–2.1).
    pub const PKCS_10: u32 = 0x00000017;
}

/// Enumeration "Key Role Type" (1.x section 9.1.3.2.17, 2.x section 11.26; defined in 1.0–2.1).
pub mod key_role_type {
    /// "BDK" (1.0–2.1).
    pub const BDK: u32 = 0x00000001;
    /// "CVK" (1.0–2.1).
    pub const CVK: u32 = 0x00000002;
    /// "DEK" (1.0–2.1).
    pub const DEK: u32 = 0x00000003;
    /// "MKAC" (1.0–2.1).
    pub const MKAC: u32 = 0x00000004;
    /// "MKSMC" (1.0–2.1).
    pub const MKSMC: u32 = 0x00000005;
    /// "MKSMI" (1.0–2.1).
    pub const MKSMI: u32 = 0x00000006;
    /// "MKDAC" (1.0–2.1).
    pub const MKDAC: u32 = 0x00000007;
    /// "MKDN" (1.0–2.1).
    pub const MKDN: u32 = 0x00000008;
    /// "MKCP" (1.0–2.1).
    pub const MKCP: u32 = 0x00000009;
    /// "MKOTH" (1.0–2.1).
    pub const MKOTH: u32 = 0x0000000A;
    /// "KEK" (1.0–2.1).
    pub const KEK: u32 = 0x0000000B;
    /// "MAC16609" (1.0–2.1).
    pub const MAC16609: u32 = 0x0000000C;
    /// "MAC97971" (1.0–2.1).
    pub const MAC97971: u32 = 0x0000000D;
    /// "MAC97972" (1.0–2.1).
    pub const MAC97972: u32 = 0x0000000E;
    /// "MAC97973" (1.0–2.1).
    pub const MAC97973: u32 = 0x0000000F;
    /// "MAC97974" (1.0–2.1).
    pub const MAC97974: u32 = 0x00000010;
    /// "MAC97975" (1.0–2.1).
    pub const MAC97975: u32 = 0x00000011;
    /// "ZPK" (1.0–2.1).
    pub const ZPK: u32 = 0x00000012;
    /// "PVKIBM" (1.0–2.1).
    pub const PVKIBM: u32 = 0x00000013;
    /// "PVKPVV" (1.0–2.1).
    pub const PVKPVV: u32 = 0x00000014;
    /// "PVKOTH" (1.0–2.1).
    pub const PVKOTH: u32 = 0x00000015;
    /// "DUKPT" (1.4–2.1).
    pub const DUKPT: u32 = 0x00000016;
    /// "IV" (1.4–2.1).
    pub const IV: u32 = 0x00000017;
    /// "TRKBK" (1.4–2.1).
    pub const TRKBK: u32 = 0x00000018;
}

/// Enumeration "Key Value Location Type" (1.x section 9.1.3.2.35, 2.x section 11.27; defined in 1.2–2.1).
pub mod key_value_location_type {
    /// "Uninterpreted Text String" (1.2–2.1).
    pub const UNINTERPRETED_TEXT_STRING: u32 = 0x00000001;
    /// "URI" (1.2–2.1).
    pub const URI: u32 = 0x00000002;
}

/// Enumeration "Key Wrap Type" (1.x section 9.1.3.2.48, 2.x section 11.29; defined in 1.4–2.1).
pub mod key_wrap_type {
    /// "Not Wrapped" (1.4–2.1).
    pub const NOT_WRAPPED: u32 = 0x00000001;
    /// "As Registered" (1.4–2.1).
    pub const AS_REGISTERED: u32 = 0x00000002;
}

/// Enumeration "Link Type" (1.x section 9.1.3.2.20, 2.x section 11.28; defined in 1.0–2.1).
pub mod link_type {
    /// "Certificate Link" (1.0–2.1).
    pub const CERTIFICATE_LINK: u32 = 0x00000101;
    /// "Public Key Link" (1.0–2.1).
    pub const PUBLIC_KEY_LINK: u32 = 0x00000102;
    /// "Private Key Link" (1.0–2.1).
    pub const PRIVATE_KEY_LINK: u32 = 0x00000103;
    /// "Derivation Base Object Link" (1.0–2.1).
    pub const DERIVATION_BASE_OBJECT_LINK: u32 = 0x00000104;
    /// "Derived Key Link" (1.0–2.1).
    pub const DERIVED_KEY_LINK: u32 = 0x00000105;
    /// "Replacement Object Link" (1.0–2.1).
    pub const REPLACEMENT_OBJECT_LINK: u32 = 0x00000106;
    /// "Replaced Object Link" (1.0–2.1).
    pub const REPLACED_OBJECT_LINK: u32 = 0x00000107;
    /// "Parent Link" (1.2–2.1).
    pub const PARENT_LINK: u32 = 0x00000108;
    /// "Child Link" (1.2–2.1).
    pub const CHILD_LINK: u32 = 0x00000109;
    /// "Previous Link" (1.2–2.1).
    pub const PREVIOUS_LINK: u32 = 0x0000010A;
    /// "Next Link" (1.2–2.1).
    pub const NEXT_LINK: u32 = 0x0000010B;
    /// "PKCS#12 Certificate Link" (1.4–2.1).
    pub const PKCS_12_CERTIFICATE_LINK: u32 = 0x0000010C;
    /// "PKCS#12 Password Link" (1.4–2.1).
    pub const PKCS_12_PASSWORD_LINK: u32 = 0x0000010D;
    /// "Wrapping Key Link" (2.0–2.1).
    pub const WRAPPING_KEY_LINK: u32 = 0x0000010E;
}

/// Enumeration "Mask Generator" (1.x section 9.1.3.2.49, 2.x section 11.30; defined in 1.4–2.1).
pub mod mask_generator {
    /// "MGF1" (1.4–2.1); also spelled "MFG1" (2.0–2.1).
    pub const MGF1: u32 = 0x00000001;
    /// Alternative spelling "MFG1" of [`MGF1`].
    pub const MFG1: u32 = MGF1;
}

/// Enumeration "Name Type" (1.x section 9.1.3.2.11, 2.x section 11.31; defined in 1.0–2.1).
pub mod name_type {
    /// "Uninterpreted Text String" (1.0–2.1).
    pub const UNINTERPRETED_TEXT_STRING: u32 = 0x00000001;
    /// "URI" (1.0–2.1).
    pub const URI: u32 = 0x00000002;
}

/// Enumeration "NIST Key Type" (2.x section 11.32; defined in 2.0–2.1).
pub mod nist_key_type {
    /// "Private signature key" (2.0–2.1).
    pub const PRIVATE_SIGNATURE_KEY: u32 = 0x00000001;
    /// "Public signature verification key" (2.0–2.1).
    pub const PUBLIC_SIGNATURE_VERIFICATION_KEY: u32 = 0x00000002;
    /// "Symmetric authentication key" (2.0–2.1).
    pub const SYMMETRIC_AUTHENTICATION_KEY: u32 = 0x00000003;
    /// "Private authentication key" (2.0–2.1).
    pub const PRIVATE_AUTHENTICATION_KEY: u32 = 0x00000004;
    /// "Public authentication key" (2.0–2.1).
    pub const PUBLIC_AUTHENTICATION_KEY: u32 = 0x00000005;
    /// "Symmetric data encryption key" (2.0–2.1).
    pub const SYMMETRIC_DATA_ENCRYPTION_KEY: u32 = 0x00000006;
    /// "Symmetric key wrapping key" (2.0–2.1).
    pub const SYMMETRIC_KEY_WRAPPING_KEY: u32 = 0x00000007;
    /// "Symmetric random number generation key" (2.0–2.1).
    pub const SYMMETRIC_RANDOM_NUMBER_GENERATION_KEY: u32 = 0x00000008;
    /// "Symmetric master key" (2.0–2.1).
    pub const SYMMETRIC_MASTER_KEY: u32 = 0x00000009;
    /// "Private key transport key" (2.0–2.1).
    pub const PRIVATE_KEY_TRANSPORT_KEY: u32 = 0x0000000A;
    /// "Public key transport key" (2.0–2.1).
    pub const PUBLIC_KEY_TRANSPORT_KEY: u32 = 0x0000000B;
    /// "Symmetric key agreement key" (2.0–2.1).
    pub const SYMMETRIC_KEY_AGREEMENT_KEY: u32 = 0x0000000C;
    /// "Private static key agreement key" (2.0–2.1).
    pub const PRIVATE_STATIC_KEY_AGREEMENT_KEY: u32 = 0x0000000D;
    /// "Public static key agreement key" (2.0–2.1).
    pub const PUBLIC_STATIC_KEY_AGREEMENT_KEY: u32 = 0x0000000E;
    /// "Private ephemeral key agreement key" (2.0–2.1).
    pub const PRIVATE_EPHEMERAL_KEY_AGREEMENT_KEY: u32 = 0x0000000F;
    /// "Public ephemeral key agreement key" (2.0–2.1).
    pub const PUBLIC_EPHEMERAL_KEY_AGREEMENT_KEY: u32 = 0x00000010;
    /// "Symmetric authorization key" (2.0–2.1).
    pub const SYMMETRIC_AUTHORIZATION_KEY: u32 = 0x00000011;
    /// "Private authorization key" (2.0–2.1).
    pub const PRIVATE_AUTHORIZATION_KEY: u32 = 0x00000012;
    /// "Public authorization key" (2.0–2.1).
    pub const PUBLIC_AUTHORIZATION_KEY: u32 = 0x00000013;
}

/// Enumeration "Object Group Member" (1.x section 9.1.3.2.33, 2.x section 11.33; defined in 1.1–2.1).
pub mod object_group_member {
    /// "Group Member Fresh" (1.1–2.1).
    pub const GROUP_MEMBER_FRESH: u32 = 0x00000001;
    /// "Group Member Default" (1.1–2.1).
    pub const GROUP_MEMBER_DEFAULT: u32 = 0x00000002;
}

/// Enumeration "Object Type" (1.x section 9.1.3.2.12, 2.x section 11.34; defined in 1.0–2.1).
pub mod object_type {
    /// "Certificate" (1.0–2.1).
    pub const CERTIFICATE: u32 = 0x00000001;
    /// "Symmetric Key" (1.0–2.1).
    pub const SYMMETRIC_KEY: u32 = 0x00000002;
    /// "Public Key" (1.0–2.1).
    pub const PUBLIC_KEY: u32 = 0x00000003;
    /// "Private Key" (1.0–2.1).
    pub const PRIVATE_KEY: u32 = 0x00000004;
    /// "Split Key" (1.0–2.1).
    pub const SPLIT_KEY: u32 = 0x00000005;
    /// "Template" (1.0–1.4); marked deprecated in 1.3, 1.4; "(Reserved)" in 2.0–2.1.
    pub const TEMPLATE: u32 = 0x00000006;
    /// "Secret Data" (1.0–2.1).
    pub const SECRET_DATA: u32 = 0x00000007;
    /// "Opaque Object" (1.0–2.1).
    pub const OPAQUE_OBJECT: u32 = 0x00000008;
    /// "PGP Key" (1.2–2.1).
    pub const PGP_KEY: u32 = 0x00000009;
    /// "Certificate Request" (2.0–2.1).
    pub const CERTIFICATE_REQUEST: u32 = 0x0000000A;
}

/// Enumeration "Opaque Data Type" (1.x section 9.1.3.2.10, 2.x section 11.35; defined in 1.0–2.1).
///
/// The specification lists no values (extensions 0x8XXXXXXX only).
pub mod opaque_data_type {}

/// Enumeration "Operation" (1.x section 9.1.3.2.27, 2.x section 11.36; defined in 1.0–2.1).
pub mod operation {
    /// "Create" (1.0–2.1).
    pub const CREATE: u32 = 0x00000001;
    /// "Create Key Pair" (1.0–2.1).
    pub const CREATE_KEY_PAIR: u32 = 0x00000002;
    /// "Register" (1.0–2.1).
    pub const REGISTER: u32 = 0x00000003;
    /// "Re-key" (1.0–2.1).
    pub const RE_KEY: u32 = 0x00000004;
    /// "Derive Key" (1.0–2.1).
    pub const DERIVE_KEY: u32 = 0x00000005;
    /// "Certify" (1.0–2.1).
    pub const CERTIFY: u32 = 0x00000006;
    /// "Re-certify" (1.0–2.1).
    pub const RE_CERTIFY: u32 = 0x00000007;
    /// "Locate" (1.0–2.1).
    pub const LOCATE: u32 = 0x00000008;
    /// "Check" (1.0–2.1).
    pub const CHECK: u32 = 0x00000009;
    /// "Get" (1.0–2.1).
    pub const GET: u32 = 0x0000000A;
    /// "Get Attributes" (1.0–2.1).
    pub const GET_ATTRIBUTES: u32 = 0x0000000B;
    /// "Get Attribute List" (1.0–2.1).
    pub const GET_ATTRIBUTE_LIST: u32 = 0x0000000C;
    /// "Add Attribute" (1.0–2.1).
    pub const ADD_ATTRIBUTE: u32 = 0x0000000D;
    /// "Modify Attribute" (1.0–2.1).
    pub const MODIFY_ATTRIBUTE: u32 = 0x0000000E;
    /// "Delete Attribute" (1.0–2.1).
    pub const DELETE_ATTRIBUTE: u32 = 0x0000000F;
    /// "Obtain Lease" (1.0–2.1).
    pub const OBTAIN_LEASE: u32 = 0x00000010;
    /// "Get Usage Allocation" (1.0–2.1).
    pub const GET_USAGE_ALLOCATION: u32 = 0x00000011;
    /// "Activate" (1.0–2.1).
    pub const ACTIVATE: u32 = 0x00000012;
    /// "Revoke" (1.0–2.1).
    pub const REVOKE: u32 = 0x00000013;
    /// "Destroy" (1.0–2.1).
    pub const DESTROY: u32 = 0x00000014;
    /// "Archive" (1.0–2.1).
    pub const ARCHIVE: u32 = 0x00000015;
    /// "Recover" (1.0–2.1).
    pub const RECOVER: u32 = 0x00000016;
    /// "Validate" (1.0–2.1).
    pub const VALIDATE: u32 = 0x00000017;
    /// "Query" (1.0–2.1).
    pub const QUERY: u32 = 0x00000018;
    /// "Cancel" (1.0–2.1).
    pub const CANCEL: u32 = 0x00000019;
    /// "Poll" (1.0–2.1).
    pub const POLL: u32 = 0x0000001A;
    /// "Notify" (1.0–2.1).
    pub const NOTIFY: u32 = 0x0000001B;
    /// "Put" (1.0–2.1).
    pub const PUT: u32 = 0x0000001C;
    /// "Re-key Key Pair" (1.1–2.1).
    pub const RE_KEY_KEY_PAIR: u32 = 0x0000001D;
    /// "Discover Versions" (1.1–2.1).
    pub const DISCOVER_VERSIONS: u32 = 0x0000001E;
    /// "Encrypt" (1.2–2.1).
    pub const ENCRYPT: u32 = 0x0000001F;
    /// "Decrypt" (1.2–2.1).
    pub const DECRYPT: u32 = 0x00000020;
    /// "Sign" (1.2–2.1).
    pub const SIGN: u32 = 0x00000021;
    /// "Signature Verify" (1.2–2.1).
    pub const SIGNATURE_VERIFY: u32 = 0x00000022;
    /// "MAC" (1.2–2.1).
    pub const MAC: u32 = 0x00000023;
    /// "MAC Verify" (1.2–2.1).
    pub const MAC_VERIFY: u32 = 0x00000024;
    /// "RNG Retrieve" (1.2–2.1).
    pub const RNG_RETRIEVE: u32 = 0x00000025;
    /// "RNG Seed" (1.2–2.1).
    pub const RNG_SEED: u32 = 0x00000026;
    /// "Hash" (1.2–2.1).
    pub const HASH: u32 = 0x00000027;
    /// "Create Split Key" (1.2–2.1).
    pub const CREATE_SPLIT_KEY: u32 = 0x00000028;
    /// "Join Split Key" (1.2–2.1).
    pub const JOIN_SPLIT_KEY: u32 = 0x00000029;
    /// "Import" (1.4–2.1).
    pub const IMPORT: u32 = 0x0000002A;
    /// "Export" (1.4–2.1).
    pub const EXPORT: u32 = 0x0000002B;
    /// "Log" (2.0–2.1).
    pub const LOG: u32 = 0x0000002C;
    /// "Login" (2.0–2.1).
    pub const LOGIN: u32 = 0x0000002D;
    /// "Logout" (2.0–2.1).
    pub const LOGOUT: u32 = 0x0000002E;
    /// "Delegated Login" (2.0–2.1).
    pub const DELEGATED_LOGIN: u32 = 0x0000002F;
    /// "Adjust Attribute" (2.0–2.1).
    pub const ADJUST_ATTRIBUTE: u32 = 0x00000030;
    /// "Set Attribute" (2.0–2.1).
    pub const SET_ATTRIBUTE: u32 = 0x00000031;
    /// "Set Endpoint Role" (2.0–2.1).
    pub const SET_ENDPOINT_ROLE: u32 = 0x00000032;
    /// "PKCS#11" (2.0–2.1).
    pub const PKCS_11: u32 = 0x00000033;
    /// "Interop" (2.0–2.1).
    pub const INTEROP: u32 = 0x00000034;
    /// "Re-Provision" (2.0–2.1).
    pub const RE_PROVISION: u32 = 0x00000035;
    /// "Set Defaults" (2.1).
    pub const SET_DEFAULTS: u32 = 0x00000036;
    /// "Set Constraints" (2.1).
    pub const SET_CONSTRAINTS: u32 = 0x00000037;
    /// "Get Constraints" (2.1).
    pub const GET_CONSTRAINTS: u32 = 0x00000038;
    /// "Query Asynchronous Requests" (2.1).
    pub const QUERY_ASYNCHRONOUS_REQUESTS: u32 = 0x00000039;
    /// "Process" (2.1).
    pub const PROCESS: u32 = 0x0000003A;
    /// "Ping" (2.1).
    pub const PING: u32 = 0x0000003B;
}

/// Enumeration "Padding Method" (1.x section 9.1.3.2.15, 2.x section 11.37; defined in 1.0–2.1).
pub mod padding_method {
    /// "None" (1.0–2.1).
    pub const NONE: u32 = 0x00000001;
    /// "OAEP" (1.0–2.1).
    pub const OAEP: u32 = 0x00000002;
    /// "PKCS5" (1.0–2.1).
    pub const PKCS5: u32 = 0x00000003;
    /// "SSL3" (1.0–2.1).
    pub const SSL3: u32 = 0x00000004;
    /// "Zeros" (1.0–2.1).
    pub const ZEROS: u32 = 0x00000005;
    /// "ANSI X9.23" (1.0–2.1).
    pub const ANSI_X9_23: u32 = 0x00000006;
    /// "ISO 10126" (1.0–2.1).
    pub const ISO_10126: u32 = 0x00000007;
    /// "PKCS1 v1.5" (1.0–2.1).
    pub const PKCS1_V1_5: u32 = 0x00000008;
    /// "X9.31" (1.0–2.1).
    pub const X9_31: u32 = 0x00000009;
    /// "PSS" (1.0–2.1).
    pub const PSS: u32 = 0x0000000A;
}

/// Enumeration "PKCS#11 Function" (2.x section 11.38; defined in 2.0–2.1).
///
/// 1-based position of the function in PKCS#11 v3.0 `CK_FUNCTION_LIST_3_0`.
pub mod pkcs_11_function {
    /// "C_Initialize" (2.0–2.1).
    pub const C_INITIALIZE: u32 = 0x00000001;
    /// "C_Finalize" (2.0–2.1).
    pub const C_FINALIZE: u32 = 0x00000002;
    /// "C_GetInfo" (2.0–2.1).
    pub const C_GETINFO: u32 = 0x00000003;
    /// "C_GetFunctionList" (2.0–2.1).
    pub const C_GETFUNCTIONLIST: u32 = 0x00000004;
    /// "C_GetSlotList" (2.0–2.1).
    pub const C_GETSLOTLIST: u32 = 0x00000005;
    /// "C_GetSlotInfo" (2.0–2.1).
    pub const C_GETSLOTINFO: u32 = 0x00000006;
    /// "C_GetTokenInfo" (2.0–2.1).
    pub const C_GETTOKENINFO: u32 = 0x00000007;
    /// "C_GetMechanismList" (2.0–2.1).
    pub const C_GETMECHANISMLIST: u32 = 0x00000008;
    /// "C_GetMechanismInfo" (2.0–2.1).
    pub const C_GETMECHANISMINFO: u32 = 0x00000009;
    /// "C_InitToken" (2.0–2.1).
    pub const C_INITTOKEN: u32 = 0x0000000A;
    /// "C_InitPIN" (2.0–2.1).
    pub const C_INITPIN: u32 = 0x0000000B;
    /// "C_SetPIN" (2.0–2.1).
    pub const C_SETPIN: u32 = 0x0000000C;
    /// "C_OpenSession" (2.0–2.1).
    pub const C_OPENSESSION: u32 = 0x0000000D;
    /// "C_CloseSession" (2.0–2.1).
    pub const C_CLOSESESSION: u32 = 0x0000000E;
    /// "C_CloseAllSessions" (2.0–2.1).
    pub const C_CLOSEALLSESSIONS: u32 = 0x0000000F;
    /// "C_GetSessionInfo" (2.0–2.1).
    pub const C_GETSESSIONINFO: u32 = 0x00000010;
    /// "C_GetOperationState" (2.0–2.1).
    pub const C_GETOPERATIONSTATE: u32 = 0x00000011;
    /// "C_SetOperationState" (2.0–2.1).
    pub const C_SETOPERATIONSTATE: u32 = 0x00000012;
    /// "C_Login" (2.0–2.1).
    pub const C_LOGIN: u32 = 0x00000013;
    /// "C_Logout" (2.0–2.1).
    pub const C_LOGOUT: u32 = 0x00000014;
    /// "C_CreateObject" (2.0–2.1).
    pub const C_CREATEOBJECT: u32 = 0x00000015;
    /// "C_CopyObject" (2.0–2.1).
    pub const C_COPYOBJECT: u32 = 0x00000016;
    /// "C_DestroyObject" (2.0–2.1).
    pub const C_DESTROYOBJECT: u32 = 0x00000017;
    /// "C_GetObjectSize" (2.0–2.1).
    pub const C_GETOBJECTSIZE: u32 = 0x00000018;
    /// "C_GetAttributeValue" (2.0–2.1).
    pub const C_GETATTRIBUTEVALUE: u32 = 0x00000019;
    /// "C_SetAttributeValue" (2.0–2.1).
    pub const C_SETATTRIBUTEVALUE: u32 = 0x0000001A;
    /// "C_FindObjectsInit" (2.0–2.1).
    pub const C_FINDOBJECTSINIT: u32 = 0x0000001B;
    /// "C_FindObjects" (2.0–2.1).
    pub const C_FINDOBJECTS: u32 = 0x0000001C;
    /// "C_FindObjectsFinal" (2.0–2.1).
    pub const C_FINDOBJECTSFINAL: u32 = 0x0000001D;
    /// "C_EncryptInit" (2.0–2.1).
    pub const C_ENCRYPTINIT: u32 = 0x0000001E;
    /// "C_Encrypt" (2.0–2.1).
    pub const C_ENCRYPT: u32 = 0x0000001F;
    /// "C_EncryptUpdate" (2.0–2.1).
    pub const C_ENCRYPTUPDATE: u32 = 0x00000020;
    /// "C_EncryptFinal" (2.0–2.1).
    pub const C_ENCRYPTFINAL: u32 = 0x00000021;
    /// "C_DecryptInit" (2.0–2.1).
    pub const C_DECRYPTINIT: u32 = 0x00000022;
    /// "C_Decrypt" (2.0–2.1).
    pub const C_DECRYPT: u32 = 0x00000023;
    /// "C_DecryptUpdate" (2.0–2.1).
    pub const C_DECRYPTUPDATE: u32 = 0x00000024;
    /// "C_DecryptFinal" (2.0–2.1).
    pub const C_DECRYPTFINAL: u32 = 0x00000025;
    /// "C_DigestInit" (2.0–2.1).
    pub const C_DIGESTINIT: u32 = 0x00000026;
    /// "C_Digest" (2.0–2.1).
    pub const C_DIGEST: u32 = 0x00000027;
    /// "C_DigestUpdate" (2.0–2.1).
    pub const C_DIGESTUPDATE: u32 = 0x00000028;
    /// "C_DigestKey" (2.0–2.1).
    pub const C_DIGESTKEY: u32 = 0x00000029;
    /// "C_DigestFinal" (2.0–2.1).
    pub const C_DIGESTFINAL: u32 = 0x0000002A;
    /// "C_SignInit" (2.0–2.1).
    pub const C_SIGNINIT: u32 = 0x0000002B;
    /// "C_Sign" (2.0–2.1).
    pub const C_SIGN: u32 = 0x0000002C;
    /// "C_SignUpdate" (2.0–2.1).
    pub const C_SIGNUPDATE: u32 = 0x0000002D;
    /// "C_SignFinal" (2.0–2.1).
    pub const C_SIGNFINAL: u32 = 0x0000002E;
    /// "C_SignRecoverInit" (2.0–2.1).
    pub const C_SIGNRECOVERINIT: u32 = 0x0000002F;
    /// "C_SignRecover" (2.0–2.1).
    pub const C_SIGNRECOVER: u32 = 0x00000030;
    /// "C_VerifyInit" (2.0–2.1).
    pub const C_VERIFYINIT: u32 = 0x00000031;
    /// "C_Verify" (2.0–2.1).
    pub const C_VERIFY: u32 = 0x00000032;
    /// "C_VerifyUpdate" (2.0–2.1).
    pub const C_VERIFYUPDATE: u32 = 0x00000033;
    /// "C_VerifyFinal" (2.0–2.1).
    pub const C_VERIFYFINAL: u32 = 0x00000034;
    /// "C_VerifyRecoverInit" (2.0–2.1).
    pub const C_VERIFYRECOVERINIT: u32 = 0x00000035;
    /// "C_VerifyRecover" (2.0–2.1).
    pub const C_VERIFYRECOVER: u32 = 0x00000036;
    /// "C_DigestEncryptUpdate" (2.0–2.1).
    pub const C_DIGESTENCRYPTUPDATE: u32 = 0x00000037;
    /// "C_DecryptDigestUpdate" (2.0–2.1).
    pub const C_DECRYPTDIGESTUPDATE: u32 = 0x00000038;
    /// "C_SignEncryptUpdate" (2.0–2.1).
    pub const C_SIGNENCRYPTUPDATE: u32 = 0x00000039;
    /// "C_DecryptVerifyUpdate" (2.0–2.1).
    pub const C_DECRYPTVERIFYUPDATE: u32 = 0x0000003A;
    /// "C_GenerateKey" (2.0–2.1).
    pub const C_GENERATEKEY: u32 = 0x0000003B;
    /// "C_GenerateKeyPair" (2.0–2.1).
    pub const C_GENERATEKEYPAIR: u32 = 0x0000003C;
    /// "C_WrapKey" (2.0–2.1).
    pub const C_WRAPKEY: u32 = 0x0000003D;
    /// "C_UnwrapKey" (2.0–2.1).
    pub const C_UNWRAPKEY: u32 = 0x0000003E;
    /// "C_DeriveKey" (2.0–2.1).
    pub const C_DERIVEKEY: u32 = 0x0000003F;
    /// "C_SeedRandom" (2.0–2.1).
    pub const C_SEEDRANDOM: u32 = 0x00000040;
    /// "C_GenerateRandom" (2.0–2.1).
    pub const C_GENERATERANDOM: u32 = 0x00000041;
    /// "C_GetFunctionStatus" (2.0–2.1).
    pub const C_GETFUNCTIONSTATUS: u32 = 0x00000042;
    /// "C_CancelFunction" (2.0–2.1).
    pub const C_CANCELFUNCTION: u32 = 0x00000043;
    /// "C_WaitForSlotEvent" (2.0–2.1).
    pub const C_WAITFORSLOTEVENT: u32 = 0x00000044;
    /// "C_GetInterfaceList" (2.0–2.1).
    pub const C_GETINTERFACELIST: u32 = 0x00000045;
    /// "C_GetInterface" (2.0–2.1).
    pub const C_GETINTERFACE: u32 = 0x00000046;
    /// "C_LoginUser" (2.0–2.1).
    pub const C_LOGINUSER: u32 = 0x00000047;
    /// "C_SessionCancel" (2.0–2.1).
    pub const C_SESSIONCANCEL: u32 = 0x00000048;
    /// "C_MessageEncryptInit" (2.0–2.1).
    pub const C_MESSAGEENCRYPTINIT: u32 = 0x00000049;
    /// "C_EncryptMessage" (2.0–2.1).
    pub const C_ENCRYPTMESSAGE: u32 = 0x0000004A;
    /// "C_EncryptMessageBegin" (2.0–2.1).
    pub const C_ENCRYPTMESSAGEBEGIN: u32 = 0x0000004B;
    /// "C_EncryptMessageNext" (2.0–2.1).
    pub const C_ENCRYPTMESSAGENEXT: u32 = 0x0000004C;
    /// "C_MessageEncryptFinal" (2.0–2.1).
    pub const C_MESSAGEENCRYPTFINAL: u32 = 0x0000004D;
    /// "C_MessageDecryptInit" (2.0–2.1).
    pub const C_MESSAGEDECRYPTINIT: u32 = 0x0000004E;
    /// "C_DecryptMessage" (2.0–2.1).
    pub const C_DECRYPTMESSAGE: u32 = 0x0000004F;
    /// "C_DecryptMessageBegin" (2.0–2.1).
    pub const C_DECRYPTMESSAGEBEGIN: u32 = 0x00000050;
    /// "C_DecryptMessageNext" (2.0–2.1).
    pub const C_DECRYPTMESSAGENEXT: u32 = 0x00000051;
    /// "C_MessageDecryptFinal" (2.0–2.1).
    pub const C_MESSAGEDECRYPTFINAL: u32 = 0x00000052;
    /// "C_MessageSignInit" (2.0–2.1).
    pub const C_MESSAGESIGNINIT: u32 = 0x00000053;
    /// "C_SignMessage" (2.0–2.1).
    pub const C_SIGNMESSAGE: u32 = 0x00000054;
    /// "C_SignMessageBegin" (2.0–2.1).
    pub const C_SIGNMESSAGEBEGIN: u32 = 0x00000055;
    /// "C_SignMessageNext" (2.0–2.1).
    pub const C_SIGNMESSAGENEXT: u32 = 0x00000056;
    /// "C_MessageSignFinal" (2.0–2.1).
    pub const C_MESSAGESIGNFINAL: u32 = 0x00000057;
    /// "C_MessageVerifyInit" (2.0–2.1).
    pub const C_MESSAGEVERIFYINIT: u32 = 0x00000058;
    /// "C_VerifyMessage" (2.0–2.1).
    pub const C_VERIFYMESSAGE: u32 = 0x00000059;
    /// "C_VerifyMessageBegin" (2.0–2.1).
    pub const C_VERIFYMESSAGEBEGIN: u32 = 0x0000005A;
    /// "C_VerifyMessageNext" (2.0–2.1).
    pub const C_VERIFYMESSAGENEXT: u32 = 0x0000005B;
    /// "C_MessageVerifyFinal" (2.0–2.1).
    pub const C_MESSAGEVERIFYFINAL: u32 = 0x0000005C;
}

/// Enumeration "PKCS#11 Return Code" (2.x section 11.39; defined in 2.0–2.1).
///
/// PKCS#11 v3.0 `CK_RV` values, named without the `CKR_` prefix.
pub mod pkcs_11_return_code {
    /// "OK" (2.0–2.1).
    pub const OK: u32 = 0x00000000;
    /// "CANCEL" (2.0–2.1).
    pub const CANCEL: u32 = 0x00000001;
    /// "HOST_MEMORY" (2.0–2.1).
    pub const HOST_MEMORY: u32 = 0x00000002;
    /// "SLOT_ID_INVALID" (2.0–2.1).
    pub const SLOT_ID_INVALID: u32 = 0x00000003;
    /// "GENERAL_ERROR" (2.0–2.1).
    pub const GENERAL_ERROR: u32 = 0x00000005;
    /// "FUNCTION_FAILED" (2.0–2.1).
    pub const FUNCTION_FAILED: u32 = 0x00000006;
    /// "ARGUMENTS_BAD" (2.0–2.1).
    pub const ARGUMENTS_BAD: u32 = 0x00000007;
    /// "NO_EVENT" (2.0–2.1).
    pub const NO_EVENT: u32 = 0x00000008;
    /// "NEED_TO_CREATE_THREADS" (2.0–2.1).
    pub const NEED_TO_CREATE_THREADS: u32 = 0x00000009;
    /// "CANT_LOCK" (2.0–2.1).
    pub const CANT_LOCK: u32 = 0x0000000A;
    /// "ATTRIBUTE_READ_ONLY" (2.0–2.1).
    pub const ATTRIBUTE_READ_ONLY: u32 = 0x00000010;
    /// "ATTRIBUTE_SENSITIVE" (2.0–2.1).
    pub const ATTRIBUTE_SENSITIVE: u32 = 0x00000011;
    /// "ATTRIBUTE_TYPE_INVALID" (2.0–2.1).
    pub const ATTRIBUTE_TYPE_INVALID: u32 = 0x00000012;
    /// "ATTRIBUTE_VALUE_INVALID" (2.0–2.1).
    pub const ATTRIBUTE_VALUE_INVALID: u32 = 0x00000013;
    /// "ACTION_PROHIBITED" (2.0–2.1).
    pub const ACTION_PROHIBITED: u32 = 0x0000001B;
    /// "DATA_INVALID" (2.0–2.1).
    pub const DATA_INVALID: u32 = 0x00000020;
    /// "DATA_LEN_RANGE" (2.0–2.1).
    pub const DATA_LEN_RANGE: u32 = 0x00000021;
    /// "DEVICE_ERROR" (2.0–2.1).
    pub const DEVICE_ERROR: u32 = 0x00000030;
    /// "DEVICE_MEMORY" (2.0–2.1).
    pub const DEVICE_MEMORY: u32 = 0x00000031;
    /// "DEVICE_REMOVED" (2.0–2.1).
    pub const DEVICE_REMOVED: u32 = 0x00000032;
    /// "ENCRYPTED_DATA_INVALID" (2.0–2.1).
    pub const ENCRYPTED_DATA_INVALID: u32 = 0x00000040;
    /// "ENCRYPTED_DATA_LEN_RANGE" (2.0–2.1).
    pub const ENCRYPTED_DATA_LEN_RANGE: u32 = 0x00000041;
    /// "AEAD_DECRYPT_FAILED" (2.0–2.1).
    pub const AEAD_DECRYPT_FAILED: u32 = 0x00000042;
    /// "FUNCTION_CANCELED" (2.0–2.1).
    pub const FUNCTION_CANCELED: u32 = 0x00000050;
    /// "FUNCTION_NOT_PARALLEL" (2.0–2.1).
    pub const FUNCTION_NOT_PARALLEL: u32 = 0x00000051;
    /// "FUNCTION_NOT_SUPPORTED" (2.0–2.1).
    pub const FUNCTION_NOT_SUPPORTED: u32 = 0x00000054;
    /// "KEY_HANDLE_INVALID" (2.0–2.1).
    pub const KEY_HANDLE_INVALID: u32 = 0x00000060;
    /// "KEY_SIZE_RANGE" (2.0–2.1).
    pub const KEY_SIZE_RANGE: u32 = 0x00000062;
    /// "KEY_TYPE_INCONSISTENT" (2.0–2.1).
    pub const KEY_TYPE_INCONSISTENT: u32 = 0x00000063;
    /// "KEY_NOT_NEEDED" (2.0–2.1).
    pub const KEY_NOT_NEEDED: u32 = 0x00000064;
    /// "KEY_CHANGED" (2.0–2.1).
    pub const KEY_CHANGED: u32 = 0x00000065;
    /// "KEY_NEEDED" (2.0–2.1).
    pub const KEY_NEEDED: u32 = 0x00000066;
    /// "KEY_INDIGESTIBLE" (2.0–2.1).
    pub const KEY_INDIGESTIBLE: u32 = 0x00000067;
    /// "KEY_FUNCTION_NOT_PERMITTED" (2.0–2.1).
    pub const KEY_FUNCTION_NOT_PERMITTED: u32 = 0x00000068;
    /// "KEY_NOT_WRAPPABLE" (2.0–2.1).
    pub const KEY_NOT_WRAPPABLE: u32 = 0x00000069;
    /// "KEY_UNEXTRACTABLE" (2.0–2.1).
    pub const KEY_UNEXTRACTABLE: u32 = 0x0000006A;
    /// "MECHANISM_INVALID" (2.0–2.1).
    pub const MECHANISM_INVALID: u32 = 0x00000070;
    /// "MECHANISM_PARAM_INVALID" (2.0–2.1).
    pub const MECHANISM_PARAM_INVALID: u32 = 0x00000071;
    /// "OBJECT_HANDLE_INVALID" (2.0–2.1).
    pub const OBJECT_HANDLE_INVALID: u32 = 0x00000082;
    /// "OPERATION_ACTIVE" (2.0–2.1).
    pub const OPERATION_ACTIVE: u32 = 0x00000090;
    /// "OPERATION_NOT_INITIALIZED" (2.0–2.1).
    pub const OPERATION_NOT_INITIALIZED: u32 = 0x00000091;
    /// "PIN_INCORRECT" (2.0–2.1).
    pub const PIN_INCORRECT: u32 = 0x000000A0;
    /// "PIN_INVALID" (2.0–2.1).
    pub const PIN_INVALID: u32 = 0x000000A1;
    /// "PIN_LEN_RANGE" (2.0–2.1).
    pub const PIN_LEN_RANGE: u32 = 0x000000A2;
    /// "PIN_EXPIRED" (2.0–2.1).
    pub const PIN_EXPIRED: u32 = 0x000000A3;
    /// "PIN_LOCKED" (2.0–2.1).
    pub const PIN_LOCKED: u32 = 0x000000A4;
    /// "SESSION_CLOSED" (2.0–2.1).
    pub const SESSION_CLOSED: u32 = 0x000000B0;
    /// "SESSION_COUNT" (2.0–2.1).
    pub const SESSION_COUNT: u32 = 0x000000B1;
    /// "SESSION_HANDLE_INVALID" (2.0–2.1).
    pub const SESSION_HANDLE_INVALID: u32 = 0x000000B3;
    /// "SESSION_PARALLEL_NOT_SUPPORTED" (2.0–2.1).
    pub const SESSION_PARALLEL_NOT_SUPPORTED: u32 = 0x000000B4;
    /// "SESSION_READ_ONLY" (2.0–2.1).
    pub const SESSION_READ_ONLY: u32 = 0x000000B5;
    /// "SESSION_EXISTS" (2.0–2.1).
    pub const SESSION_EXISTS: u32 = 0x000000B6;
    /// "SESSION_READ_ONLY_EXISTS" (2.0–2.1).
    pub const SESSION_READ_ONLY_EXISTS: u32 = 0x000000B7;
    /// "SESSION_READ_WRITE_SO_EXISTS" (2.0–2.1).
    pub const SESSION_READ_WRITE_SO_EXISTS: u32 = 0x000000B8;
    /// "SIGNATURE_INVALID" (2.0–2.1).
    pub const SIGNATURE_INVALID: u32 = 0x000000C0;
    /// "SIGNATURE_LEN_RANGE" (2.0–2.1).
    pub const SIGNATURE_LEN_RANGE: u32 = 0x000000C1;
    /// "TEMPLATE_INCOMPLETE" (2.0–2.1).
    pub const TEMPLATE_INCOMPLETE: u32 = 0x000000D0;
    /// "TEMPLATE_INCONSISTENT" (2.0–2.1).
    pub const TEMPLATE_INCONSISTENT: u32 = 0x000000D1;
    /// "TOKEN_NOT_PRESENT" (2.0–2.1).
    pub const TOKEN_NOT_PRESENT: u32 = 0x000000E0;
    /// "TOKEN_NOT_RECOGNIZED" (2.0–2.1).
    pub const TOKEN_NOT_RECOGNIZED: u32 = 0x000000E1;
    /// "TOKEN_WRITE_PROTECTED" (2.0–2.1).
    pub const TOKEN_WRITE_PROTECTED: u32 = 0x000000E2;
    /// "UNWRAPPING_KEY_HANDLE_INVALID" (2.0–2.1).
    pub const UNWRAPPING_KEY_HANDLE_INVALID: u32 = 0x000000F0;
    /// "UNWRAPPING_KEY_SIZE_RANGE" (2.0–2.1).
    pub const UNWRAPPING_KEY_SIZE_RANGE: u32 = 0x000000F1;
    /// "UNWRAPPING_KEY_TYPE_INCONSISTENT" (2.0–2.1).
    pub const UNWRAPPING_KEY_TYPE_INCONSISTENT: u32 = 0x000000F2;
    /// "USER_ALREADY_LOGGED_IN" (2.0–2.1).
    pub const USER_ALREADY_LOGGED_IN: u32 = 0x00000100;
    /// "USER_NOT_LOGGED_IN" (2.0–2.1).
    pub const USER_NOT_LOGGED_IN: u32 = 0x00000101;
    /// "USER_PIN_NOT_INITIALIZED" (2.0–2.1).
    pub const USER_PIN_NOT_INITIALIZED: u32 = 0x00000102;
    /// "USER_TYPE_INVALID" (2.0–2.1).
    pub const USER_TYPE_INVALID: u32 = 0x00000103;
    /// "USER_ANOTHER_ALREADY_LOGGED_IN" (2.0–2.1).
    pub const USER_ANOTHER_ALREADY_LOGGED_IN: u32 = 0x00000104;
    /// "USER_TOO_MANY_TYPES" (2.0–2.1).
    pub const USER_TOO_MANY_TYPES: u32 = 0x00000105;
    /// "WRAPPED_KEY_INVALID" (2.0–2.1).
    pub const WRAPPED_KEY_INVALID: u32 = 0x00000110;
    /// "WRAPPED_KEY_LEN_RANGE" (2.0–2.1).
    pub const WRAPPED_KEY_LEN_RANGE: u32 = 0x00000112;
    /// "WRAPPING_KEY_HANDLE_INVALID" (2.0–2.1).
    pub const WRAPPING_KEY_HANDLE_INVALID: u32 = 0x00000113;
    /// "WRAPPING_KEY_SIZE_RANGE" (2.0–2.1).
    pub const WRAPPING_KEY_SIZE_RANGE: u32 = 0x00000114;
    /// "WRAPPING_KEY_TYPE_INCONSISTENT" (2.0–2.1).
    pub const WRAPPING_KEY_TYPE_INCONSISTENT: u32 = 0x00000115;
    /// "RANDOM_SEED_NOT_SUPPORTED" (2.0–2.1).
    pub const RANDOM_SEED_NOT_SUPPORTED: u32 = 0x00000120;
    /// "RANDOM_NO_RNG" (2.0–2.1).
    pub const RANDOM_NO_RNG: u32 = 0x00000121;
    /// "DOMAIN_PARAMS_INVALID" (2.0–2.1).
    pub const DOMAIN_PARAMS_INVALID: u32 = 0x00000130;
    /// "CURVE_NOT_SUPPORTED" (2.0–2.1).
    pub const CURVE_NOT_SUPPORTED: u32 = 0x00000140;
    /// "BUFFER_TOO_SMALL" (2.0–2.1).
    pub const BUFFER_TOO_SMALL: u32 = 0x00000150;
    /// "SAVED_STATE_INVALID" (2.0–2.1).
    pub const SAVED_STATE_INVALID: u32 = 0x00000160;
    /// "INFORMATION_SENSITIVE" (2.0–2.1).
    pub const INFORMATION_SENSITIVE: u32 = 0x00000170;
    /// "STATE_UNSAVEABLE" (2.0–2.1).
    pub const STATE_UNSAVEABLE: u32 = 0x00000180;
    /// "CRYPTOKI_NOT_INITIALIZED" (2.0–2.1).
    pub const CRYPTOKI_NOT_INITIALIZED: u32 = 0x00000190;
    /// "CRYPTOKI_ALREADY_INITIALIZED" (2.0–2.1).
    pub const CRYPTOKI_ALREADY_INITIALIZED: u32 = 0x00000191;
    /// "MUTEX_BAD" (2.0–2.1).
    pub const MUTEX_BAD: u32 = 0x000001A0;
    /// "MUTEX_NOT_LOCKED" (2.0–2.1).
    pub const MUTEX_NOT_LOCKED: u32 = 0x000001A1;
    /// "NEW_PIN_MODE" (2.0–2.1).
    pub const NEW_PIN_MODE: u32 = 0x000001B0;
    /// "NEXT_OTP" (2.0–2.1).
    pub const NEXT_OTP: u32 = 0x000001B1;
    /// "EXCEEDED_MAX_ITERATIONS" (2.0–2.1).
    pub const EXCEEDED_MAX_ITERATIONS: u32 = 0x000001B5;
    /// "FIPS_SELF_TEST_FAILED" (2.0–2.1).
    pub const FIPS_SELF_TEST_FAILED: u32 = 0x000001B6;
    /// "LIBRARY_LOAD_FAILED" (2.0–2.1).
    pub const LIBRARY_LOAD_FAILED: u32 = 0x000001B7;
    /// "PIN_TOO_WEAK" (2.0–2.1).
    pub const PIN_TOO_WEAK: u32 = 0x000001B8;
    /// "PUBLIC_KEY_INVALID" (2.0–2.1).
    pub const PUBLIC_KEY_INVALID: u32 = 0x000001B9;
    /// "FUNCTION_REJECTED" (2.0–2.1).
    pub const FUNCTION_REJECTED: u32 = 0x00000200;
    /// "TOKEN_RESOURCE_EXCEEDED" (2.0–2.1).
    pub const TOKEN_RESOURCE_EXCEEDED: u32 = 0x00000201;
    /// "OPERATION_CANCEL_FAILED" (2.0–2.1).
    pub const OPERATION_CANCEL_FAILED: u32 = 0x00000202;
}

/// Enumeration "Processing Stage" (2.x section 11.40; defined in 2.1).
pub mod processing_stage {
    /// "Submitted" (2.1).
    pub const SUBMITTED: u32 = 0x00000001;
    /// "In Process" (2.1).
    pub const IN_PROCESS: u32 = 0x00000002;
    /// "Completed" (2.1).
    pub const COMPLETED: u32 = 0x00000003;
}

/// Enumeration "Profile Name" (1.x section 9.1.3.2.42, 2.x section 11.41; defined in 1.3–2.1).
pub mod profile_name {
    /// "Baseline Server Basic KMIP v1.2" (1.3–1.4).
    pub const BASELINE_SERVER_BASIC_KMIP_V1_2: u32 = 0x00000001;
    /// "Baseline Server TLS v1.2 KMIP v1.2" (1.3–1.4).
    pub const BASELINE_SERVER_TLS_V1_2_KMIP_V1_2: u32 = 0x00000002;
    /// "Baseline Client Basic KMIP v1.2" (1.3–1.4).
    pub const BASELINE_CLIENT_BASIC_KMIP_V1_2: u32 = 0x00000003;
    /// "Baseline Client TLS v1.2 KMIP v1.2" (1.3–1.4).
    pub const BASELINE_CLIENT_TLS_V1_2_KMIP_V1_2: u32 = 0x00000004;
    /// "Complete Server Basic KMIP v1.2" (1.3–1.4).
    pub const COMPLETE_SERVER_BASIC_KMIP_V1_2: u32 = 0x00000005;
    /// "Complete Server TLS v1.2 KMIP v1.2" (1.3–1.4).
    pub const COMPLETE_SERVER_TLS_V1_2_KMIP_V1_2: u32 = 0x00000006;
    /// "Tape Library Client KMIP v1.0" (1.3–1.4).
    pub const TAPE_LIBRARY_CLIENT_KMIP_V1_0: u32 = 0x00000007;
    /// "Tape Library Client KMIP v1.1" (1.3–1.4).
    pub const TAPE_LIBRARY_CLIENT_KMIP_V1_1: u32 = 0x00000008;
    /// "Tape Library Client KMIP v1.2" (1.3–1.4).
    pub const TAPE_LIBRARY_CLIENT_KMIP_V1_2: u32 = 0x00000009;
    /// "Tape Library Server KMIP v1.0" (1.3–1.4).
    pub const TAPE_LIBRARY_SERVER_KMIP_V1_0: u32 = 0x0000000A;
    /// "Tape Library Server KMIP v1.1" (1.3–1.4).
    pub const TAPE_LIBRARY_SERVER_KMIP_V1_1: u32 = 0x0000000B;
    /// "Tape Library Server KMIP v1.2" (1.3–1.4).
    pub const TAPE_LIBRARY_SERVER_KMIP_V1_2: u32 = 0x0000000C;
    /// "Symmetric Key Lifecycle Client KMIP v1.0" (1.3–1.4).
    pub const SYMMETRIC_KEY_LIFECYCLE_CLIENT_KMIP_V1_0: u32 = 0x0000000D;
    /// "Symmetric Key Lifecycle Client KMIP v1.1" (1.3–1.4).
    pub const SYMMETRIC_KEY_LIFECYCLE_CLIENT_KMIP_V1_1: u32 = 0x0000000E;
    /// "Symmetric Key Lifecycle Client KMIP v1.2" (1.3–1.4).
    pub const SYMMETRIC_KEY_LIFECYCLE_CLIENT_KMIP_V1_2: u32 = 0x0000000F;
    /// "Symmetric Key Lifecycle Server KMIP v1.0" (1.3–1.4).
    pub const SYMMETRIC_KEY_LIFECYCLE_SERVER_KMIP_V1_0: u32 = 0x00000010;
    /// "Symmetric Key Lifecycle Server KMIP v1.1" (1.3–1.4).
    pub const SYMMETRIC_KEY_LIFECYCLE_SERVER_KMIP_V1_1: u32 = 0x00000011;
    /// "Symmetric Key Lifecycle Server KMIP v1.2" (1.3–1.4).
    pub const SYMMETRIC_KEY_LIFECYCLE_SERVER_KMIP_V1_2: u32 = 0x00000012;
    /// "Asymmetric Key Lifecycle Client KMIP v1.0" (1.3–1.4).
    pub const ASYMMETRIC_KEY_LIFECYCLE_CLIENT_KMIP_V1_0: u32 = 0x00000013;
    /// "Asymmetric Key Lifecycle Client KMIP v1.1" (1.3–1.4).
    pub const ASYMMETRIC_KEY_LIFECYCLE_CLIENT_KMIP_V1_1: u32 = 0x00000014;
    /// "Asymmetric Key Lifecycle Client KMIP v1.2" (1.3–1.4).
    pub const ASYMMETRIC_KEY_LIFECYCLE_CLIENT_KMIP_V1_2: u32 = 0x00000015;
    /// "Asymmetric Key Lifecycle Server KMIP v1.0" (1.3–1.4).
    pub const ASYMMETRIC_KEY_LIFECYCLE_SERVER_KMIP_V1_0: u32 = 0x00000016;
    /// "Asymmetric Key Lifecycle Server KMIP v1.1" (1.3–1.4).
    pub const ASYMMETRIC_KEY_LIFECYCLE_SERVER_KMIP_V1_1: u32 = 0x00000017;
    /// "Asymmetric Key Lifecycle Server KMIP v1.2" (1.3–1.4).
    pub const ASYMMETRIC_KEY_LIFECYCLE_SERVER_KMIP_V1_2: u32 = 0x00000018;
    /// "Basic Cryptographic Client KMIP v1.2" (1.3–1.4).
    pub const BASIC_CRYPTOGRAPHIC_CLIENT_KMIP_V1_2: u32 = 0x00000019;
    /// "Basic Cryptographic Server KMIP v1.2" (1.3–1.4).
    pub const BASIC_CRYPTOGRAPHIC_SERVER_KMIP_V1_2: u32 = 0x0000001A;
    /// "Advanced Cryptographic Client KMIP v1.2" (1.3–1.4).
    pub const ADVANCED_CRYPTOGRAPHIC_CLIENT_KMIP_V1_2: u32 = 0x0000001B;
    /// "Advanced Cryptographic Server KMIP v1.2" (1.3–1.4).
    pub const ADVANCED_CRYPTOGRAPHIC_SERVER_KMIP_V1_2: u32 = 0x0000001C;
    /// "RNG Cryptographic Client KMIP v1.2" (1.3–1.4).
    pub const RNG_CRYPTOGRAPHIC_CLIENT_KMIP_V1_2: u32 = 0x0000001D;
    /// "RNG Cryptographic Server KMIP v1.2" (1.3–1.4).
    pub const RNG_CRYPTOGRAPHIC_SERVER_KMIP_V1_2: u32 = 0x0000001E;
    /// "Basic Symmetric Key Foundry Client KMIP v1.0" (1.3–1.4).
    pub const BASIC_SYMMETRIC_KEY_FOUNDRY_CLIENT_KMIP_V1_0: u32 = 0x0000001F;
    /// "Intermediate Symmetric Key Foundry Client KMIP v1.0" (1.3–1.4).
    pub const INTERMEDIATE_SYMMETRIC_KEY_FOUNDRY_CLIENT_KMIP_V1_0: u32 = 0x00000020;
    /// "Advanced Symmetric Key Foundry Client KMIP v1.0" (1.3–1.4).
    pub const ADVANCED_SYMMETRIC_KEY_FOUNDRY_CLIENT_KMIP_V1_0: u32 = 0x00000021;
    /// "Basic Symmetric Key Foundry Client KMIP v1.1" (1.3–1.4).
    pub const BASIC_SYMMETRIC_KEY_FOUNDRY_CLIENT_KMIP_V1_1: u32 = 0x00000022;
    /// "Intermediate Symmetric Key Foundry Client KMIP v1.1" (1.3–1.4).
    pub const INTERMEDIATE_SYMMETRIC_KEY_FOUNDRY_CLIENT_KMIP_V1_1: u32 = 0x00000023;
    /// "Advanced Symmetric Key Foundry Client KMIP v1.1" (1.3–1.4).
    pub const ADVANCED_SYMMETRIC_KEY_FOUNDRY_CLIENT_KMIP_V1_1: u32 = 0x00000024;
    /// "Basic Symmetric Key Foundry Client KMIP v1.2" (1.3–1.4).
    pub const BASIC_SYMMETRIC_KEY_FOUNDRY_CLIENT_KMIP_V1_2: u32 = 0x00000025;
    /// "Intermediate Symmetric Key Foundry Client KMIP v1.2" (1.3–1.4).
    pub const INTERMEDIATE_SYMMETRIC_KEY_FOUNDRY_CLIENT_KMIP_V1_2: u32 = 0x00000026;
    /// "Advanced Symmetric Key Foundry Client KMIP v1.2" (1.3–1.4).
    pub const ADVANCED_SYMMETRIC_KEY_FOUNDRY_CLIENT_KMIP_V1_2: u32 = 0x00000027;
    /// "Symmetric Key Foundry Server KMIP v1.0" (1.3–1.4).
    pub const SYMMETRIC_KEY_FOUNDRY_SERVER_KMIP_V1_0: u32 = 0x00000028;
    /// "Symmetric Key Foundry Server KMIP v1.1" (1.3–1.4).
    pub const SYMMETRIC_KEY_FOUNDRY_SERVER_KMIP_V1_1: u32 = 0x00000029;
    /// "Symmetric Key Foundry Server KMIP v1.2" (1.3–1.4).
    pub const SYMMETRIC_KEY_FOUNDRY_SERVER_KMIP_V1_2: u32 = 0x0000002A;
    /// "Opaque Managed Object Store Client KMIP v1.0" (1.3–1.4).
    pub const OPAQUE_MANAGED_OBJECT_STORE_CLIENT_KMIP_V1_0: u32 = 0x0000002B;
    /// "Opaque Managed Object Store Client KMIP v1.1" (1.3–1.4).
    pub const OPAQUE_MANAGED_OBJECT_STORE_CLIENT_KMIP_V1_1: u32 = 0x0000002C;
    /// "Opaque Managed Object Store Client KMIP v1.2" (1.3–1.4).
    pub const OPAQUE_MANAGED_OBJECT_STORE_CLIENT_KMIP_V1_2: u32 = 0x0000002D;
    /// "Opaque Managed Object Store Server KMIP v1.0" (1.3–1.4).
    pub const OPAQUE_MANAGED_OBJECT_STORE_SERVER_KMIP_V1_0: u32 = 0x0000002E;
    /// "Opaque Managed Object Store Server KMIP v1.1" (1.3–1.4).
    pub const OPAQUE_MANAGED_OBJECT_STORE_SERVER_KMIP_V1_1: u32 = 0x0000002F;
    /// "Opaque Managed Object Store Server KMIP v1.2" (1.3–1.4).
    pub const OPAQUE_MANAGED_OBJECT_STORE_SERVER_KMIP_V1_2: u32 = 0x00000030;
    /// "Suite B minLOS_128 Client KMIP v1.0" (1.3–1.4).
    pub const SUITE_B_MINLOS_128_CLIENT_KMIP_V1_0: u32 = 0x00000031;
    /// "Suite B minLOS_128 Client KMIP v1.1" (1.3–1.4).
    pub const SUITE_B_MINLOS_128_CLIENT_KMIP_V1_1: u32 = 0x00000032;
    /// "Suite B minLOS_128 Client KMIP v1.2" (1.3–1.4).
    pub const SUITE_B_MINLOS_128_CLIENT_KMIP_V1_2: u32 = 0x00000033;
    /// "Suite B minLOS_128 Server KMIP v1.0" (1.3–1.4).
    pub const SUITE_B_MINLOS_128_SERVER_KMIP_V1_0: u32 = 0x00000034;
    /// "Suite B minLOS_128 Server KMIP v1.1" (1.3–1.4).
    pub const SUITE_B_MINLOS_128_SERVER_KMIP_V1_1: u32 = 0x00000035;
    /// "Suite B minLOS_128 Server KMIP v1.2" (1.3–1.4).
    pub const SUITE_B_MINLOS_128_SERVER_KMIP_V1_2: u32 = 0x00000036;
    /// "Suite B minLOS_192 Client KMIP v1.0" (1.3–1.4).
    pub const SUITE_B_MINLOS_192_CLIENT_KMIP_V1_0: u32 = 0x00000037;
    /// "Suite B minLOS_192 Client KMIP v1.1" (1.3–1.4).
    pub const SUITE_B_MINLOS_192_CLIENT_KMIP_V1_1: u32 = 0x00000038;
    /// "Suite B minLOS_192 Client KMIP v1.2" (1.3–1.4).
    pub const SUITE_B_MINLOS_192_CLIENT_KMIP_V1_2: u32 = 0x00000039;
    /// "Suite B minLOS_192 Server KMIP v1.0" (1.3–1.4).
    pub const SUITE_B_MINLOS_192_SERVER_KMIP_V1_0: u32 = 0x0000003A;
    /// "Suite B minLOS_192 Server KMIP v1.1" (1.3–1.4).
    pub const SUITE_B_MINLOS_192_SERVER_KMIP_V1_1: u32 = 0x0000003B;
    /// "Suite B minLOS_192 Server KMIP v1.2" (1.3–1.4).
    pub const SUITE_B_MINLOS_192_SERVER_KMIP_V1_2: u32 = 0x0000003C;
    /// "Storage Array with Self Encrypting Drive Client KMIP v1.0" (1.3–1.4).
    pub const STORAGE_ARRAY_WITH_SELF_ENCRYPTING_DRIVE_CLIENT_KMIP_V1_0: u32 = 0x0000003D;
    /// "Storage Array with Self Encrypting Drive Client KMIP v1.1" (1.3–1.4).
    pub const STORAGE_ARRAY_WITH_SELF_ENCRYPTING_DRIVE_CLIENT_KMIP_V1_1: u32 = 0x0000003E;
    /// "Storage Array with Self Encrypting Drive Client KMIP v1.2" (1.3–1.4).
    pub const STORAGE_ARRAY_WITH_SELF_ENCRYPTING_DRIVE_CLIENT_KMIP_V1_2: u32 = 0x0000003F;
    /// "Storage Array with Self Encrypting Drive Server KMIP v1.0" (1.3–1.4).
    pub const STORAGE_ARRAY_WITH_SELF_ENCRYPTING_DRIVE_SERVER_KMIP_V1_0: u32 = 0x00000040;
    /// "Storage Array with Self Encrypting Drive Server KMIP v1.1" (1.3–1.4).
    pub const STORAGE_ARRAY_WITH_SELF_ENCRYPTING_DRIVE_SERVER_KMIP_V1_1: u32 = 0x00000041;
    /// "Storage Array with Self Encrypting Drive Server KMIP v1.2" (1.3–1.4).
    pub const STORAGE_ARRAY_WITH_SELF_ENCRYPTING_DRIVE_SERVER_KMIP_V1_2: u32 = 0x00000042;
    /// "HTTPS Client KMIP v1.0" (1.3–1.4).
    pub const HTTPS_CLIENT_KMIP_V1_0: u32 = 0x00000043;
    /// "HTTPS Client KMIP v1.1" (1.3–1.4).
    pub const HTTPS_CLIENT_KMIP_V1_1: u32 = 0x00000044;
    /// "HTTPS Client KMIP v1.2" (1.3–1.4).
    pub const HTTPS_CLIENT_KMIP_V1_2: u32 = 0x00000045;
    /// "HTTPS Server KMIP v1.0" (1.3–1.4).
    pub const HTTPS_SERVER_KMIP_V1_0: u32 = 0x00000046;
    /// "HTTPS Server KMIP v1.1" (1.3–1.4).
    pub const HTTPS_SERVER_KMIP_V1_1: u32 = 0x00000047;
    /// "HTTPS Server KMIP v1.2" (1.3–1.4).
    pub const HTTPS_SERVER_KMIP_V1_2: u32 = 0x00000048;
    /// "JSON Client KMIP v1.0" (1.3–1.4).
    pub const JSON_CLIENT_KMIP_V1_0: u32 = 0x00000049;
    /// "JSON Client KMIP v1.1" (1.3–1.4).
    pub const JSON_CLIENT_KMIP_V1_1: u32 = 0x0000004A;
    /// "JSON Client KMIP v1.2" (1.3–1.4).
    pub const JSON_CLIENT_KMIP_V1_2: u32 = 0x0000004B;
    /// "JSON Server KMIP v1.0" (1.3–1.4).
    pub const JSON_SERVER_KMIP_V1_0: u32 = 0x0000004C;
    /// "JSON Server KMIP v1.1" (1.3–1.4).
    pub const JSON_SERVER_KMIP_V1_1: u32 = 0x0000004D;
    /// "JSON Server KMIP v1.2" (1.3–1.4).
    pub const JSON_SERVER_KMIP_V1_2: u32 = 0x0000004E;
    /// "XML Client KMIP v1.0" (1.3–1.4).
    pub const XML_CLIENT_KMIP_V1_0: u32 = 0x0000004F;
    /// "XML Client KMIP v1.1" (1.3–1.4).
    pub const XML_CLIENT_KMIP_V1_1: u32 = 0x00000050;
    /// "XML Client KMIP v1.2" (1.3–1.4).
    pub const XML_CLIENT_KMIP_V1_2: u32 = 0x00000051;
    /// "XML Server KMIP v1.0" (1.3–1.4).
    pub const XML_SERVER_KMIP_V1_0: u32 = 0x00000052;
    /// "XML Server KMIP v1.1" (1.3–1.4).
    pub const XML_SERVER_KMIP_V1_1: u32 = 0x00000053;
    /// "XML Server KMIP v1.2" (1.3–1.4).
    pub const XML_SERVER_KMIP_V1_2: u32 = 0x00000054;
    /// "Baseline Server Basic KMIP v1.3" (1.3–1.4).
    pub const BASELINE_SERVER_BASIC_KMIP_V1_3: u32 = 0x00000055;
    /// "Baseline Server TLS v1.2 KMIP v1.3" (1.3–1.4).
    pub const BASELINE_SERVER_TLS_V1_2_KMIP_V1_3: u32 = 0x00000056;
    /// "Baseline Client Basic KMIP v1.3" (1.3–1.4).
    pub const BASELINE_CLIENT_BASIC_KMIP_V1_3: u32 = 0x00000057;
    /// "Baseline Client TLS v1.2 KMIP v1.3" (1.3–1.4).
    pub const BASELINE_CLIENT_TLS_V1_2_KMIP_V1_3: u32 = 0x00000058;
    /// "Complete Server Basic KMIP v1.3" (1.3–1.4).
    pub const COMPLETE_SERVER_BASIC_KMIP_V1_3: u32 = 0x00000059;
    /// "Complete Server TLS v1.2 KMIP v1.3" (1.3–1.4).
    pub const COMPLETE_SERVER_TLS_V1_2_KMIP_V1_3: u32 = 0x0000005A;
    /// "Tape Library Client KMIP v1.3" (1.3–1.4).
    pub const TAPE_LIBRARY_CLIENT_KMIP_V1_3: u32 = 0x0000005B;
    /// "Tape Library Server KMIP v1.3" (1.3–1.4).
    pub const TAPE_LIBRARY_SERVER_KMIP_V1_3: u32 = 0x0000005C;
    /// "Symmetric Key Lifecycle Client KMIP v1.3" (1.3–1.4).
    pub const SYMMETRIC_KEY_LIFECYCLE_CLIENT_KMIP_V1_3: u32 = 0x0000005D;
    /// "Symmetric Key Lifecycle Server KMIP v1.3" (1.3–1.4).
    pub const SYMMETRIC_KEY_LIFECYCLE_SERVER_KMIP_V1_3: u32 = 0x0000005E;
    /// "Asymmetric Key Lifecycle Client KMIP v1.3" (1.3–1.4).
    pub const ASYMMETRIC_KEY_LIFECYCLE_CLIENT_KMIP_V1_3: u32 = 0x0000005F;
    /// "Asymmetric Key Lifecycle Server KMIP v1.3" (1.3–1.4).
    pub const ASYMMETRIC_KEY_LIFECYCLE_SERVER_KMIP_V1_3: u32 = 0x00000060;
    /// "Basic Cryptographic Client KMIP v1.3" (1.3–1.4).
    pub const BASIC_CRYPTOGRAPHIC_CLIENT_KMIP_V1_3: u32 = 0x00000061;
    /// "Basic Cryptographic Server KMIP v1.3" (1.3–1.4).
    pub const BASIC_CRYPTOGRAPHIC_SERVER_KMIP_V1_3: u32 = 0x00000062;
    /// "Advanced Cryptographic Client KMIP v1.3" (1.3–1.4).
    pub const ADVANCED_CRYPTOGRAPHIC_CLIENT_KMIP_V1_3: u32 = 0x00000063;
    /// "Advanced Cryptographic Server KMIP v1.3" (1.3–1.4).
    pub const ADVANCED_CRYPTOGRAPHIC_SERVER_KMIP_V1_3: u32 = 0x00000064;
    /// "RNG Cryptographic Client KMIP v1.3" (1.3–1.4).
    pub const RNG_CRYPTOGRAPHIC_CLIENT_KMIP_V1_3: u32 = 0x00000065;
    /// "RNG Cryptographic Server KMIP v1.3" (1.3–1.4).
    pub const RNG_CRYPTOGRAPHIC_SERVER_KMIP_V1_3: u32 = 0x00000066;
    /// "Basic Symmetric Key Foundry Client KMIP v1.3" (1.3–1.4).
    pub const BASIC_SYMMETRIC_KEY_FOUNDRY_CLIENT_KMIP_V1_3: u32 = 0x00000067;
    /// "Intermediate Symmetric Key Foundry Client KMIP v1.3" (1.3–1.4).
    pub const INTERMEDIATE_SYMMETRIC_KEY_FOUNDRY_CLIENT_KMIP_V1_3: u32 = 0x00000068;
    /// "Advanced Symmetric Key Foundry Client KMIP v1.3" (1.3–1.4).
    pub const ADVANCED_SYMMETRIC_KEY_FOUNDRY_CLIENT_KMIP_V1_3: u32 = 0x00000069;
    /// "Symmetric Key Foundry Server KMIP v1.3" (1.3–1.4).
    pub const SYMMETRIC_KEY_FOUNDRY_SERVER_KMIP_V1_3: u32 = 0x0000006A;
    /// "Opaque Managed Object Store Client KMIP v1.3" (1.3–1.4).
    pub const OPAQUE_MANAGED_OBJECT_STORE_CLIENT_KMIP_V1_3: u32 = 0x0000006B;
    /// "Opaque Managed Object Store Server KMIP v1.3" (1.3–1.4).
    pub const OPAQUE_MANAGED_OBJECT_STORE_SERVER_KMIP_V1_3: u32 = 0x0000006C;
    /// "Suite B minLOS_128 Client KMIP v1.3" (1.3–1.4).
    pub const SUITE_B_MINLOS_128_CLIENT_KMIP_V1_3: u32 = 0x0000006D;
    /// "Suite B minLOS_128 Server KMIP v1.3" (1.3–1.4).
    pub const SUITE_B_MINLOS_128_SERVER_KMIP_V1_3: u32 = 0x0000006E;
    /// "Suite B minLOS_192 Client KMIP v1.3" (1.3–1.4).
    pub const SUITE_B_MINLOS_192_CLIENT_KMIP_V1_3: u32 = 0x0000006F;
    /// "Suite B minLOS_192 Server KMIP v1.3" (1.3–1.4).
    pub const SUITE_B_MINLOS_192_SERVER_KMIP_V1_3: u32 = 0x00000070;
    /// "Storage Array with Self Encrypting Drive Client KMIP v1.3" (1.3–1.4).
    pub const STORAGE_ARRAY_WITH_SELF_ENCRYPTING_DRIVE_CLIENT_KMIP_V1_3: u32 = 0x00000071;
    /// "Storage Array with Self Encrypting Drive Server KMIP v1.3" (1.3–1.4).
    pub const STORAGE_ARRAY_WITH_SELF_ENCRYPTING_DRIVE_SERVER_KMIP_V1_3: u32 = 0x00000072;
    /// "HTTPS Client KMIP v1.3" (1.3–1.4).
    pub const HTTPS_CLIENT_KMIP_V1_3: u32 = 0x00000073;
    /// "HTTPS Server KMIP v1.3" (1.3–1.4).
    pub const HTTPS_SERVER_KMIP_V1_3: u32 = 0x00000074;
    /// "JSON Client KMIP v1.3" (1.3–1.4).
    pub const JSON_CLIENT_KMIP_V1_3: u32 = 0x00000075;
    /// "JSON Server KMIP v1.3" (1.3–1.4).
    pub const JSON_SERVER_KMIP_V1_3: u32 = 0x00000076;
    /// "XML Client KMIP v1.3" (1.3–1.4).
    pub const XML_CLIENT_KMIP_V1_3: u32 = 0x00000077;
    /// "XML Server KMIP v1.3" (1.3–1.4).
    pub const XML_SERVER_KMIP_V1_3: u32 = 0x00000078;
    /// "Baseline Server Basic KMIP v1.4" (1.4).
    pub const BASELINE_SERVER_BASIC_KMIP_V1_4: u32 = 0x00000079;
    /// "Baseline Server TLS v1.2 KMIP v1.4" (1.4).
    pub const BASELINE_SERVER_TLS_V1_2_KMIP_V1_4: u32 = 0x0000007A;
    /// "Baseline Client Basic KMIP v1.4" (1.4).
    pub const BASELINE_CLIENT_BASIC_KMIP_V1_4: u32 = 0x0000007B;
    /// "Baseline Client TLS v1.2 KMIP v1.4" (1.4).
    pub const BASELINE_CLIENT_TLS_V1_2_KMIP_V1_4: u32 = 0x0000007C;
    /// "Complete Server Basic KMIP v1.4" (1.4).
    pub const COMPLETE_SERVER_BASIC_KMIP_V1_4: u32 = 0x0000007D;
    /// "Complete Server TLS v1.2 KMIP v1.4" (1.4).
    pub const COMPLETE_SERVER_TLS_V1_2_KMIP_V1_4: u32 = 0x0000007E;
    /// "Tape Library Client KMIP v1.4" (1.4).
    pub const TAPE_LIBRARY_CLIENT_KMIP_V1_4: u32 = 0x0000007F;
    /// "Tape Library Server KMIP v1.4" (1.4).
    pub const TAPE_LIBRARY_SERVER_KMIP_V1_4: u32 = 0x00000080;
    /// "Symmetric Key Lifecycle Client KMIP v1.4" (1.4).
    pub const SYMMETRIC_KEY_LIFECYCLE_CLIENT_KMIP_V1_4: u32 = 0x00000081;
    /// "Symmetric Key Lifecycle Server KMIP v1.4" (1.4).
    pub const SYMMETRIC_KEY_LIFECYCLE_SERVER_KMIP_V1_4: u32 = 0x00000082;
    /// "Asymmetric Key Lifecycle Client KMIP v1.4" (1.4).
    pub const ASYMMETRIC_KEY_LIFECYCLE_CLIENT_KMIP_V1_4: u32 = 0x00000083;
    /// "Asymmetric Key Lifecycle Server KMIP v1.4" (1.4).
    pub const ASYMMETRIC_KEY_LIFECYCLE_SERVER_KMIP_V1_4: u32 = 0x00000084;
    /// "Basic Cryptographic Client KMIP v1.4" (1.4).
    pub const BASIC_CRYPTOGRAPHIC_CLIENT_KMIP_V1_4: u32 = 0x00000085;
    /// "Basic Cryptographic Server KMIP v1.4" (1.4).
    pub const BASIC_CRYPTOGRAPHIC_SERVER_KMIP_V1_4: u32 = 0x00000086;
    /// "Advanced Cryptographic Client KMIP v1.4" (1.4).
    pub const ADVANCED_CRYPTOGRAPHIC_CLIENT_KMIP_V1_4: u32 = 0x00000087;
    /// "Advanced Cryptographic Server KMIP v1.4" (1.4).
    pub const ADVANCED_CRYPTOGRAPHIC_SERVER_KMIP_V1_4: u32 = 0x00000088;
    /// "RNG Cryptographic Client KMIP v1.4" (1.4).
    pub const RNG_CRYPTOGRAPHIC_CLIENT_KMIP_V1_4: u32 = 0x00000089;
    /// "RNG Cryptographic Server KMIP v1.4" (1.4).
    pub const RNG_CRYPTOGRAPHIC_SERVER_KMIP_V1_4: u32 = 0x0000008A;
    /// "Basic Symmetric Key Foundry Client KMIP v1.4" (1.4).
    pub const BASIC_SYMMETRIC_KEY_FOUNDRY_CLIENT_KMIP_V1_4: u32 = 0x0000008B;
    /// "Intermediate Symmetric Key Foundry Client KMIP v1.4" (1.4).
    pub const INTERMEDIATE_SYMMETRIC_KEY_FOUNDRY_CLIENT_KMIP_V1_4: u32 = 0x0000008C;
    /// "Advanced Symmetric Key Foundry Client KMIP v1.4" (1.4).
    pub const ADVANCED_SYMMETRIC_KEY_FOUNDRY_CLIENT_KMIP_V1_4: u32 = 0x0000008D;
    /// "Symmetric Key Foundry Server KMIP v1.4" (1.4).
    pub const SYMMETRIC_KEY_FOUNDRY_SERVER_KMIP_V1_4: u32 = 0x0000008E;
    /// "Opaque Managed Object Store Client KMIP v1.4" (1.4).
    pub const OPAQUE_MANAGED_OBJECT_STORE_CLIENT_KMIP_V1_4: u32 = 0x0000008F;
    /// "Opaque Managed Object Store Server KMIP v1.4" (1.4).
    pub const OPAQUE_MANAGED_OBJECT_STORE_SERVER_KMIP_V1_4: u32 = 0x00000090;
    /// "Suite B minLOS_128 Client KMIP v1.4" (1.4).
    pub const SUITE_B_MINLOS_128_CLIENT_KMIP_V1_4: u32 = 0x00000091;
    /// "Suite B minLOS_128 Server KMIP v1.4" (1.4).
    pub const SUITE_B_MINLOS_128_SERVER_KMIP_V1_4: u32 = 0x00000092;
    /// "Suite B minLOS_192 Client KMIP v1.4" (1.4).
    pub const SUITE_B_MINLOS_192_CLIENT_KMIP_V1_4: u32 = 0x00000093;
    /// "Suite B minLOS_192 Server KMIP v1.4" (1.4).
    pub const SUITE_B_MINLOS_192_SERVER_KMIP_V1_4: u32 = 0x00000094;
    /// "Storage Array with Self Encrypting Drive Client KMIP v1.4" (1.4).
    pub const STORAGE_ARRAY_WITH_SELF_ENCRYPTING_DRIVE_CLIENT_KMIP_V1_4: u32 = 0x00000095;
    /// "Storage Array with Self Encrypting Drive Server KMIP v1.4" (1.4).
    pub const STORAGE_ARRAY_WITH_SELF_ENCRYPTING_DRIVE_SERVER_KMIP_V1_4: u32 = 0x00000096;
    /// "HTTPS Client KMIP v1.4" (1.4).
    pub const HTTPS_CLIENT_KMIP_V1_4: u32 = 0x00000097;
    /// "HTTPS Server KMIP v1.4" (1.4).
    pub const HTTPS_SERVER_KMIP_V1_4: u32 = 0x00000098;
    /// "JSON Client KMIP v1.4" (1.4).
    pub const JSON_CLIENT_KMIP_V1_4: u32 = 0x00000099;
    /// "JSON Server KMIP v1.4" (1.4).
    pub const JSON_SERVER_KMIP_V1_4: u32 = 0x0000009A;
    /// "XML Client KMIP v1.4" (1.4).
    pub const XML_CLIENT_KMIP_V1_4: u32 = 0x0000009B;
    /// "XML Server KMIP v1.4" (1.4).
    pub const XML_SERVER_KMIP_V1_4: u32 = 0x0000009C;
    /// "Complete Server Basic" (2.0–2.1).
    pub const COMPLETE_SERVER_BASIC: u32 = 0x00000104;
    /// "Complete Server TLS v1.2" (2.0–2.1).
    pub const COMPLETE_SERVER_TLS_V1_2: u32 = 0x00000105;
    /// "Tape Library Client" (2.0–2.1).
    pub const TAPE_LIBRARY_CLIENT: u32 = 0x00000106;
    /// "Tape Library Server" (2.0–2.1).
    pub const TAPE_LIBRARY_SERVER: u32 = 0x00000107;
    /// "Symmetric Key Lifecycle Client" (2.0–2.1).
    pub const SYMMETRIC_KEY_LIFECYCLE_CLIENT: u32 = 0x00000108;
    /// "Symmetric Key Lifecycle Server" (2.0–2.1).
    pub const SYMMETRIC_KEY_LIFECYCLE_SERVER: u32 = 0x00000109;
    /// "Asymmetric Key Lifecycle Client" (2.0–2.1).
    pub const ASYMMETRIC_KEY_LIFECYCLE_CLIENT: u32 = 0x0000010A;
    /// "Asymmetric Key Lifecycle Server" (2.0–2.1).
    pub const ASYMMETRIC_KEY_LIFECYCLE_SERVER: u32 = 0x0000010B;
    /// "Basic Cryptographic Client" (2.0–2.1).
    pub const BASIC_CRYPTOGRAPHIC_CLIENT: u32 = 0x0000010C;
    /// "Basic Cryptographic Server" (2.0–2.1).
    pub const BASIC_CRYPTOGRAPHIC_SERVER: u32 = 0x0000010D;
    /// "Advanced Cryptographic Client" (2.0–2.1).
    pub const ADVANCED_CRYPTOGRAPHIC_CLIENT: u32 = 0x0000010E;
    /// "Advanced Cryptographic Server" (2.0–2.1).
    pub const ADVANCED_CRYPTOGRAPHIC_SERVER: u32 = 0x0000010F;
    /// "RNG Cryptographic Client" (2.0–2.1).
    pub const RNG_CRYPTOGRAPHIC_CLIENT: u32 = 0x00000110;
    /// "RNG Cryptographic Server" (2.0–2.1).
    pub const RNG_CRYPTOGRAPHIC_SERVER: u32 = 0x00000111;
    /// "Basic Symmetric Key Foundry Client" (2.0–2.1).
    pub const BASIC_SYMMETRIC_KEY_FOUNDRY_CLIENT: u32 = 0x00000112;
    /// "Intermediate Symmetric Key Foundry Client" (2.0–2.1).
    pub const INTERMEDIATE_SYMMETRIC_KEY_FOUNDRY_CLIENT: u32 = 0x00000113;
    /// "Advanced Symmetric Key Foundry Client" (2.0–2.1).
    pub const ADVANCED_SYMMETRIC_KEY_FOUNDRY_CLIENT: u32 = 0x00000114;
    /// "Symmetric Key Foundry Server" (2.0–2.1).
    pub const SYMMETRIC_KEY_FOUNDRY_SERVER: u32 = 0x00000115;
    /// "Opaque Managed Object Store Client" (2.0–2.1).
    pub const OPAQUE_MANAGED_OBJECT_STORE_CLIENT: u32 = 0x00000116;
    /// "Opaque Managed Object Store Server" (2.0–2.1).
    pub const OPAQUE_MANAGED_OBJECT_STORE_SERVER: u32 = 0x00000117;
    /// "Storage Array with Self Encrypting Drive Client" (2.0–2.1).
    pub const STORAGE_ARRAY_WITH_SELF_ENCRYPTING_DRIVE_CLIENT: u32 = 0x0000011C;
    /// "Storage Array with Self Encrypting Drive Server" (2.0–2.1).
    pub const STORAGE_ARRAY_WITH_SELF_ENCRYPTING_DRIVE_SERVER: u32 = 0x0000011D;
    /// "HTTPS Client" (2.0–2.1).
    pub const HTTPS_CLIENT: u32 = 0x0000011E;
    /// "HTTPS Server" (2.0–2.1).
    pub const HTTPS_SERVER: u32 = 0x0000011F;
    /// "JSON Client" (2.0–2.1).
    pub const JSON_CLIENT: u32 = 0x00000120;
    /// "JSON Server" (2.0–2.1).
    pub const JSON_SERVER: u32 = 0x00000121;
    /// "XML Client" (2.0–2.1).
    pub const XML_CLIENT: u32 = 0x00000122;
    /// "XML Server" (2.0–2.1).
    pub const XML_SERVER: u32 = 0x00000123;
    /// "AES XTS Client" (2.0–2.1).
    pub const AES_XTS_CLIENT: u32 = 0x00000124;
    /// "AES XTS Server" (2.0–2.1).
    pub const AES_XTS_SERVER: u32 = 0x00000125;
    /// "Quantum Safe Client" (2.0–2.1).
    pub const QUANTUM_SAFE_CLIENT: u32 = 0x00000126;
    /// "Quantum Safe Server" (2.0–2.1).
    pub const QUANTUM_SAFE_SERVER: u32 = 0x00000127;
    /// "PKCS#11 Client" (2.0–2.1).
    pub const PKCS_11_CLIENT: u32 = 0x00000128;
    /// "PKCS#11 Server" (2.0–2.1).
    pub const PKCS_11_SERVER: u32 = 0x00000129;
    /// "Baseline Client" (2.0–2.1).
    pub const BASELINE_CLIENT: u32 = 0x0000012A;
    /// "Baseline Server" (2.0–2.1).
    pub const BASELINE_SERVER: u32 = 0x0000012B;
    /// "Complete Server" (2.0–2.1).
    pub const COMPLETE_SERVER: u32 = 0x0000012C;
}

/// Enumeration "Protection Level" (2.x section 11.42; defined in 2.0–2.1).
pub mod protection_level {
    /// "High" (2.0–2.1).
    pub const HIGH: u32 = 0x00000001;
    /// "Low" (2.0–2.1).
    pub const LOW: u32 = 0x00000002;
}

/// Enumeration "Put Function" (1.x section 9.1.3.2.26, 2.x section 11.43; defined in 1.0–2.1).
pub mod put_function {
    /// "New" (1.0–2.1).
    pub const NEW: u32 = 0x00000001;
    /// "Replace" (1.0–2.1).
    pub const REPLACE: u32 = 0x00000002;
}

/// Enumeration "Query Function" (1.x section 9.1.3.2.24, 2.x section 11.44; defined in 1.0–2.1).
pub mod query_function {
    /// "Query Operations" (1.0–2.1).
    pub const QUERY_OPERATIONS: u32 = 0x00000001;
    /// "Query Objects" (1.0–2.1).
    pub const QUERY_OBJECTS: u32 = 0x00000002;
    /// "Query Server Information" (1.0–2.1).
    pub const QUERY_SERVER_INFORMATION: u32 = 0x00000003;
    /// "Query Application Namespaces" (1.0–2.1).
    pub const QUERY_APPLICATION_NAMESPACES: u32 = 0x00000004;
    /// "Query Extension List" (1.1–2.1).
    pub const QUERY_EXTENSION_LIST: u32 = 0x00000005;
    /// "Query Extension Map" (1.1–2.1).
    pub const QUERY_EXTENSION_MAP: u32 = 0x00000006;
    /// "Query Attestation Types" (1.2–2.1).
    pub const QUERY_ATTESTATION_TYPES: u32 = 0x00000007;
    /// "Query RNGs" (1.3–2.1).
    pub const QUERY_RNGS: u32 = 0x00000008;
    /// "Query Validations" (1.3–2.1).
    pub const QUERY_VALIDATIONS: u32 = 0x00000009;
    /// "Query Profiles" (1.3–2.1).
    pub const QUERY_PROFILES: u32 = 0x0000000A;
    /// "Query Capabilities" (1.3–2.1).
    pub const QUERY_CAPABILITIES: u32 = 0x0000000B;
    /// "Query Client Registration Methods" (1.3–2.1).
    pub const QUERY_CLIENT_REGISTRATION_METHODS: u32 = 0x0000000C;
    /// "Query Defaults Information" (2.0–2.1).
    pub const QUERY_DEFAULTS_INFORMATION: u32 = 0x0000000D;
    /// "Query Storage Protection Masks" (2.0–2.1).
    pub const QUERY_STORAGE_PROTECTION_MASKS: u32 = 0x0000000E;
}

/// Enumeration "Recommended Curve" (1.x section 9.1.3.2.5, 2.x section 11.45; defined in 1.0–2.1).
pub mod recommended_curve {
    /// "P-192" (1.0–2.1).
    pub const P_192: u32 = 0x00000001;
    /// "K-163" (1.0–2.1).
    pub const K_163: u32 = 0x00000002;
    /// "B-163" (1.0–2.1).
    pub const B_163: u32 = 0x00000003;
    /// "P-224" (1.0–2.1).
    pub const P_224: u32 = 0x00000004;
    /// "K-233" (1.0–2.1).
    pub const K_233: u32 = 0x00000005;
    /// "B-233" (1.0–2.1).
    pub const B_233: u32 = 0x00000006;
    /// "P-256" (1.0–2.1).
    pub const P_256: u32 = 0x00000007;
    /// "K-283" (1.0–2.1).
    pub const K_283: u32 = 0x00000008;
    /// "B-283" (1.0–2.1).
    pub const B_283: u32 = 0x00000009;
    /// "P-384" (1.0–2.1).
    pub const P_384: u32 = 0x0000000A;
    /// "K-409" (1.0–2.1).
    pub const K_409: u32 = 0x0000000B;
    /// "B-409" (1.0–2.1).
    pub const B_409: u32 = 0x0000000C;
    /// "P-521" (1.0–2.1).
    pub const P_521: u32 = 0x0000000D;
    /// "K-571" (1.0–2.1).
    pub const K_571: u32 = 0x0000000E;
    /// "B-571" (1.0–2.1).
    pub const B_571: u32 = 0x0000000F;
    /// "SECP112R1" (1.2–2.1).
    pub const SECP112R1: u32 = 0x00000010;
    /// "SECP112R2" (1.2–2.1).
    pub const SECP112R2: u32 = 0x00000011;
    /// "SECP128R1" (1.2–2.1).
    pub const SECP128R1: u32 = 0x00000012;
    /// "SECP128R2" (1.2–2.1).
    pub const SECP128R2: u32 = 0x00000013;
    /// "SECP160K1" (1.2–2.1).
    pub const SECP160K1: u32 = 0x00000014;
    /// "SECP160R1" (1.2–2.1).
    pub const SECP160R1: u32 = 0x00000015;
    /// "SECP160R2" (1.2–2.1).
    pub const SECP160R2: u32 = 0x00000016;
    /// "SECP192K1" (1.2–2.1).
    pub const SECP192K1: u32 = 0x00000017;
    /// "SECP224K1" (1.2–2.1).
    pub const SECP224K1: u32 = 0x00000018;
    /// "SECP256K1" (1.2–2.1).
    pub const SECP256K1: u32 = 0x00000019;
    /// "SECT113R1" (1.2–2.1).
    pub const SECT113R1: u32 = 0x0000001A;
    /// "SECT113R2" (1.2–2.1).
    pub const SECT113R2: u32 = 0x0000001B;
    /// "SECT131R1" (1.2–2.1).
    pub const SECT131R1: u32 = 0x0000001C;
    /// "SECT131R2" (1.2–2.1).
    pub const SECT131R2: u32 = 0x0000001D;
    /// "SECT163R1" (1.2–2.1).
    pub const SECT163R1: u32 = 0x0000001E;
    /// "SECT193R1" (1.2–2.1).
    pub const SECT193R1: u32 = 0x0000001F;
    /// "SECT193R2" (1.2–2.1).
    pub const SECT193R2: u32 = 0x00000020;
    /// "SECT239K1" (1.2–2.1).
    pub const SECT239K1: u32 = 0x00000021;
    /// "ANSIX9P192V2" (1.2–2.1).
    pub const ANSIX9P192V2: u32 = 0x00000022;
    /// "ANSIX9P192V3" (1.2–2.1).
    pub const ANSIX9P192V3: u32 = 0x00000023;
    /// "ANSIX9P239V1" (1.2–2.1).
    pub const ANSIX9P239V1: u32 = 0x00000024;
    /// "ANSIX9P239V2" (1.2–2.1).
    pub const ANSIX9P239V2: u32 = 0x00000025;
    /// "ANSIX9P239V3" (1.2–2.1).
    pub const ANSIX9P239V3: u32 = 0x00000026;
    /// "ANSIX9C2PNB163V1" (1.2–2.1).
    pub const ANSIX9C2PNB163V1: u32 = 0x00000027;
    /// "ANSIX9C2PNB163V2" (1.2–2.1).
    pub const ANSIX9C2PNB163V2: u32 = 0x00000028;
    /// "ANSIX9C2PNB163V3" (1.2–2.1).
    pub const ANSIX9C2PNB163V3: u32 = 0x00000029;
    /// "ANSIX9C2PNB176V1" (1.2–2.1).
    pub const ANSIX9C2PNB176V1: u32 = 0x0000002A;
    /// "ANSIX9C2TNB191V1" (1.2–2.1).
    pub const ANSIX9C2TNB191V1: u32 = 0x0000002B;
    /// "ANSIX9C2TNB191V2" (1.2–2.1).
    pub const ANSIX9C2TNB191V2: u32 = 0x0000002C;
    /// "ANSIX9C2TNB191V3" (1.2–2.1).
    pub const ANSIX9C2TNB191V3: u32 = 0x0000002D;
    /// "ANSIX9C2PNB208W1" (1.2–2.1).
    pub const ANSIX9C2PNB208W1: u32 = 0x0000002E;
    /// "ANSIX9C2TNB239V1" (1.2–2.1).
    pub const ANSIX9C2TNB239V1: u32 = 0x0000002F;
    /// "ANSIX9C2TNB239V2" (1.2–2.1).
    pub const ANSIX9C2TNB239V2: u32 = 0x00000030;
    /// "ANSIX9C2TNB239V3" (1.2–2.1).
    pub const ANSIX9C2TNB239V3: u32 = 0x00000031;
    /// "ANSIX9C2PNB272W1" (1.2–2.1).
    pub const ANSIX9C2PNB272W1: u32 = 0x00000032;
    /// "ANSIX9C2PNB304W1" (1.2–2.1).
    pub const ANSIX9C2PNB304W1: u32 = 0x00000033;
    /// "ANSIX9C2TNB359V1" (1.2–2.1).
    pub const ANSIX9C2TNB359V1: u32 = 0x00000034;
    /// "ANSIX9C2PNB368W1" (1.2–2.1).
    pub const ANSIX9C2PNB368W1: u32 = 0x00000035;
    /// "ANSIX9C2TNB431R1" (1.2–2.1).
    pub const ANSIX9C2TNB431R1: u32 = 0x00000036;
    /// "BRAINPOOLP160R1" (1.2–2.1).
    pub const BRAINPOOLP160R1: u32 = 0x00000037;
    /// "BRAINPOOLP160T1" (1.2–2.1).
    pub const BRAINPOOLP160T1: u32 = 0x00000038;
    /// "BRAINPOOLP192R1" (1.2–2.1).
    pub const BRAINPOOLP192R1: u32 = 0x00000039;
    /// "BRAINPOOLP192T1" (1.2–2.1).
    pub const BRAINPOOLP192T1: u32 = 0x0000003A;
    /// "BRAINPOOLP224R1" (1.2–2.1).
    pub const BRAINPOOLP224R1: u32 = 0x0000003B;
    /// "BRAINPOOLP224T1" (1.2–2.1).
    pub const BRAINPOOLP224T1: u32 = 0x0000003C;
    /// "BRAINPOOLP256R1" (1.2–2.1).
    pub const BRAINPOOLP256R1: u32 = 0x0000003D;
    /// "BRAINPOOLP256T1" (1.2–2.1).
    pub const BRAINPOOLP256T1: u32 = 0x0000003E;
    /// "BRAINPOOLP320R1" (1.2–2.1).
    pub const BRAINPOOLP320R1: u32 = 0x0000003F;
    /// "BRAINPOOLP320T1" (1.2–2.1).
    pub const BRAINPOOLP320T1: u32 = 0x00000040;
    /// "BRAINPOOLP384R1" (1.2–2.1).
    pub const BRAINPOOLP384R1: u32 = 0x00000041;
    /// "BRAINPOOLP384T1" (1.2–2.1).
    pub const BRAINPOOLP384T1: u32 = 0x00000042;
    /// "BRAINPOOLP512R1" (1.2–2.1).
    pub const BRAINPOOLP512R1: u32 = 0x00000043;
    /// "BRAINPOOLP512T1" (1.2–2.1).
    pub const BRAINPOOLP512T1: u32 = 0x00000044;
    /// "CURVE25519" (2.0–2.1).
    pub const CURVE25519: u32 = 0x00000045;
    /// "CURVE448" (2.0–2.1).
    pub const CURVE448: u32 = 0x00000046;
}

/// Enumeration "Result Reason" (1.x section 9.1.3.2.29, 2.x section 11.46; defined in 1.0–2.1).
pub mod result_reason {
    /// "Item Not Found" (1.0–2.1).
    pub const ITEM_NOT_FOUND: u32 = 0x00000001;
    /// "Response Too Large" (1.0–2.1).
    pub const RESPONSE_TOO_LARGE: u32 = 0x00000002;
    /// "Authentication Not Successful" (1.0–2.1).
    pub const AUTHENTICATION_NOT_SUCCESSFUL: u32 = 0x00000003;
    /// "Invalid Message" (1.0–2.1).
    pub const INVALID_MESSAGE: u32 = 0x00000004;
    /// "Operation Not Supported" (1.0–2.1).
    pub const OPERATION_NOT_SUPPORTED: u32 = 0x00000005;
    /// "Missing Data" (1.0–2.1).
    pub const MISSING_DATA: u32 = 0x00000006;
    /// "Invalid Field" (1.0–2.1).
    pub const INVALID_FIELD: u32 = 0x00000007;
    /// "Feature Not Supported" (1.0–2.1).
    pub const FEATURE_NOT_SUPPORTED: u32 = 0x00000008;
    /// "Operation Canceled By Requester" (1.0–2.1).
    pub const OPERATION_CANCELED_BY_REQUESTER: u32 = 0x00000009;
    /// "Cryptographic Failure" (1.0–2.1).
    pub const CRYPTOGRAPHIC_FAILURE: u32 = 0x0000000A;
    /// "Illegal Operation" (1.0–1.4); "(Reserved)" in 2.0–2.1.
    pub const ILLEGAL_OPERATION: u32 = 0x0000000B;
    /// "Permission Denied" (1.0–2.1).
    pub const PERMISSION_DENIED: u32 = 0x0000000C;
    /// "Object Archived" (1.0–2.1); also spelled "Object archived" (1.0–1.4).
    pub const OBJECT_ARCHIVED: u32 = 0x0000000D;
    /// "Index Out of Bounds" (1.0–1.4); "(Reserved)" in 2.0–2.1.
    pub const INDEX_OUT_OF_BOUNDS: u32 = 0x0000000E;
    /// "Application Namespace Not Supported" (1.0–2.1).
    pub const APPLICATION_NAMESPACE_NOT_SUPPORTED: u32 = 0x0000000F;
    /// "Key Format Type Not Supported" (1.0–2.1).
    pub const KEY_FORMAT_TYPE_NOT_SUPPORTED: u32 = 0x00000010;
    /// "Key Compression Type Not Supported" (1.0–2.1).
    pub const KEY_COMPRESSION_TYPE_NOT_SUPPORTED: u32 = 0x00000011;
    /// "Encoding Option Error" (1.1–2.1).
    pub const ENCODING_OPTION_ERROR: u32 = 0x00000012;
    /// "Key Value Not Present" (1.2–2.1).
    pub const KEY_VALUE_NOT_PRESENT: u32 = 0x00000013;
    /// "Attestation Required" (1.2–2.1).
    pub const ATTESTATION_REQUIRED: u32 = 0x00000014;
    /// "Attestation Failed" (1.2–2.1).
    pub const ATTESTATION_FAILED: u32 = 0x00000015;
    /// "Sensitive" (1.4–2.1).
    pub const SENSITIVE: u32 = 0x00000016;
    /// "Not Extractable" (1.4–2.1).
    pub const NOT_EXTRACTABLE: u32 = 0x00000017;
    /// "Object Already Exists" (1.4–2.1).
    pub const OBJECT_ALREADY_EXISTS: u32 = 0x00000018;
    /// "Invalid Ticket" (2.0–2.1).
    pub const INVALID_TICKET: u32 = 0x00000019;
    /// "Usage Limit Exceeded" (2.0–2.1).
    pub const USAGE_LIMIT_EXCEEDED: u32 = 0x0000001A;
    /// "Numeric Range" (2.0–2.1).
    pub const NUMERIC_RANGE: u32 = 0x0000001B;
    /// "Invalid Data Type" (2.0–2.1).
    pub const INVALID_DATA_TYPE: u32 = 0x0000001C;
    /// "Read Only Attribute" (2.0–2.1).
    pub const READ_ONLY_ATTRIBUTE: u32 = 0x0000001D;
    /// "Multi Valued Attribute" (2.0–2.1).
    pub const MULTI_VALUED_ATTRIBUTE: u32 = 0x0000001E;
    /// "Unsupported Attribute" (2.0–2.1).
    pub const UNSUPPORTED_ATTRIBUTE: u32 = 0x0000001F;
    /// "Attribute Instance Not Found" (2.0–2.1).
    pub const ATTRIBUTE_INSTANCE_NOT_FOUND: u32 = 0x00000020;
    /// "Attribute Not Found" (2.0–2.1).
    pub const ATTRIBUTE_NOT_FOUND: u32 = 0x00000021;
    /// "Attribute Read Only" (2.0–2.1).
    pub const ATTRIBUTE_READ_ONLY: u32 = 0x00000022;
    /// "Attribute Single Valued" (2.0–2.1).
    pub const ATTRIBUTE_SINGLE_VALUED: u32 = 0x00000023;
    /// "Bad Cryptographic Parameters" (2.0–2.1).
    pub const BAD_CRYPTOGRAPHIC_PARAMETERS: u32 = 0x00000024;
    /// "Bad Password" (2.0–2.1).
    pub const BAD_PASSWORD: u32 = 0x00000025;
    /// "Codec Error" (2.0–2.1).
    pub const CODEC_ERROR: u32 = 0x00000026;
    /// "Illegal Object Type" (2.0–2.1).
    pub const ILLEGAL_OBJECT_TYPE: u32 = 0x00000028;
    /// "Incompatible Cryptographic Usage Mask" (2.0–2.1).
    pub const INCOMPATIBLE_CRYPTOGRAPHIC_USAGE_MASK: u32 = 0x00000029;
    /// "Internal Server Error" (2.0–2.1).
    pub const INTERNAL_SERVER_ERROR: u32 = 0x0000002A;
    /// "Invalid Asynchronous Correlation Value" (2.0–2.1).
    pub const INVALID_ASYNCHRONOUS_CORRELATION_VALUE: u32 = 0x0000002B;
    /// "Invalid Attribute" (2.0–2.1).
    pub const INVALID_ATTRIBUTE: u32 = 0x0000002C;
    /// "Invalid Attribute Value" (2.0–2.1).
    pub const INVALID_ATTRIBUTE_VALUE: u32 = 0x0000002D;
    /// "Invalid Correlation Value" (2.0–2.1).
    pub const INVALID_CORRELATION_VALUE: u32 = 0x0000002E;
    /// "Invalid CSR" (2.0–2.1).
    pub const INVALID_CSR: u32 = 0x0000002F;
    /// "Invalid Object Type" (2.0–2.1).
    pub const INVALID_OBJECT_TYPE: u32 = 0x00000030;
    /// "Key Wrap Type Not Supported" (2.0–2.1).
    pub const KEY_WRAP_TYPE_NOT_SUPPORTED: u32 = 0x00000032;
    /// "Missing Initialization Vector" (2.0–2.1).
    pub const MISSING_INITIALIZATION_VECTOR: u32 = 0x00000034;
    /// "Non Unique Name Attribute" (2.0–2.1).
    pub const NON_UNIQUE_NAME_ATTRIBUTE: u32 = 0x00000035;
    /// "Object Destroyed" (2.0–2.1).
    pub const OBJECT_DESTROYED: u32 = 0x00000036;
    /// "Object Not Found" (2.0–2.1).
    pub const OBJECT_NOT_FOUND: u32 = 0x00000037;
    /// "Not Authorised" (2.0–2.1).
    pub const NOT_AUTHORISED: u32 = 0x00000039;
    /// "Server Limit Exceeded" (2.0–2.1).
    pub const SERVER_LIMIT_EXCEEDED: u32 = 0x0000003A;
    /// "Unknown Enumeration" (2.0–2.1).
    pub const UNKNOWN_ENUMERATION: u32 = 0x0000003B;
    /// "Unknown Message Extension" (2.0–2.1).
    pub const UNKNOWN_MESSAGE_EXTENSION: u32 = 0x0000003C;
    /// "Unknown Tag" (2.0–2.1).
    pub const UNKNOWN_TAG: u32 = 0x0000003D;
    /// "Unsupported Cryptographic Parameters" (2.0–2.1).
    pub const UNSUPPORTED_CRYPTOGRAPHIC_PARAMETERS: u32 = 0x0000003E;
    /// "Unsupported Protocol Version" (2.0–2.1).
    pub const UNSUPPORTED_PROTOCOL_VERSION: u32 = 0x0000003F;
    /// "Wrapping Object Archived" (2.0–2.1).
    pub const WRAPPING_OBJECT_ARCHIVED: u32 = 0x00000040;
    /// "Wrapping Object Destroyed" (2.0–2.1).
    pub const WRAPPING_OBJECT_DESTROYED: u32 = 0x00000041;
    /// "Wrapping Object Not Found" (2.0–2.1).
    pub const WRAPPING_OBJECT_NOT_FOUND: u32 = 0x00000042;
    /// "Wrong Key Lifecycle State" (2.0–2.1).
    pub const WRONG_KEY_LIFECYCLE_STATE: u32 = 0x00000043;
    /// "Protection Storage Unavailable" (2.0–2.1).
    pub const PROTECTION_STORAGE_UNAVAILABLE: u32 = 0x00000044;
    /// "PKCS#11 Codec Error" (2.0–2.1).
    pub const PKCS_11_CODEC_ERROR: u32 = 0x00000045;
    /// "PKCS#11 Invalid Function" (2.0–2.1).
    pub const PKCS_11_INVALID_FUNCTION: u32 = 0x00000046;
    /// "PKCS#11 Invalid Interface" (2.0–2.1).
    pub const PKCS_11_INVALID_INTERFACE: u32 = 0x00000047;
    /// "Private Protection Storage Unavailable" (2.0–2.1).
    pub const PRIVATE_PROTECTION_STORAGE_UNAVAILABLE: u32 = 0x00000048;
    /// "Public Protection Storage Unavailable" (2.0–2.1).
    pub const PUBLIC_PROTECTION_STORAGE_UNAVAILABLE: u32 = 0x00000049;
    /// "Unknown Object Group" (2.1).
    pub const UNKNOWN_OBJECT_GROUP: u32 = 0x0000004A;
    /// "Constraint Violation" (2.1).
    pub const CONSTRAINT_VIOLATION: u32 = 0x0000004B;
    /// "Duplicate Process Request" (2.1).
    pub const DUPLICATE_PROCESS_REQUEST: u32 = 0x0000004C;
    /// "General Failure" (1.0–2.1).
    pub const GENERAL_FAILURE: u32 = 0x00000100;
}

/// Enumeration "Result Status" (1.x section 9.1.3.2.28, 2.x section 11.47; defined in 1.0–2.1).
pub mod result_status {
    /// "Success" (1.0–2.1).
    pub const SUCCESS: u32 = 0x00000000;
    /// "Operation Failed" (1.0–2.1).
    pub const OPERATION_FAILED: u32 = 0x00000001;
    /// "Operation Pending" (1.0–2.1).
    pub const OPERATION_PENDING: u32 = 0x00000002;
    /// "Operation Undone" (1.0–2.1).
    pub const OPERATION_UNDONE: u32 = 0x00000003;
}

/// Enumeration "Revocation Reason Code" (1.x section 9.1.3.2.19, 2.x section 11.48; defined in 1.0–2.1).
pub mod revocation_reason_code {
    /// "Unspecified" (1.0–2.1).
    pub const UNSPECIFIED: u32 = 0x00000001;
    /// "Key Compromise" (1.0–2.1).
    pub const KEY_COMPROMISE: u32 = 0x00000002;
    /// "CA Compromise" (1.0–2.1).
    pub const CA_COMPROMISE: u32 = 0x00000003;
    /// "Affiliation Changed" (1.0–2.1).
    pub const AFFILIATION_CHANGED: u32 = 0x00000004;
    /// "Superseded" (1.0–2.1).
    pub const SUPERSEDED: u32 = 0x00000005;
    /// "Cessation of Operation" (1.0–2.1).
    pub const CESSATION_OF_OPERATION: u32 = 0x00000006;
    /// "Privilege Withdrawn" (1.0–2.1).
    pub const PRIVILEGE_WITHDRAWN: u32 = 0x00000007;
}

/// Enumeration "RNG Algorithm" (1.x section 9.1.3.2.37, 2.x section 11.49; defined in 1.3–2.1).
pub mod rng_algorithm {
    /// "Unspecified" (1.3–2.1).
    pub const UNSPECIFIED: u32 = 0x00000001;
    /// "FIPS 186-2" (1.3–2.1).
    pub const FIPS_186_2: u32 = 0x00000002;
    /// "DRBG" (1.3–2.1).
    pub const DRBG: u32 = 0x00000003;
    /// "NRBG" (1.3–2.1).
    pub const NRBG: u32 = 0x00000004;
    /// "ANSI X9.31" (1.3–2.1).
    pub const ANSI_X9_31: u32 = 0x00000005;
    /// "ANSI X9.62" (1.3–2.1).
    pub const ANSI_X9_62: u32 = 0x00000006;
}

/// Enumeration "RNG Mode" (1.x section 9.1.3.2.46, 2.x section 11.50; defined in 1.3–2.1).
pub mod rng_mode {
    /// "Unspecified" (1.3–2.1).
    pub const UNSPECIFIED: u32 = 0x00000001;
    /// "Shared Instantiation" (1.3–2.1).
    pub const SHARED_INSTANTIATION: u32 = 0x00000002;
    /// "Non-Shared Instantiation" (1.3–2.1).
    pub const NON_SHARED_INSTANTIATION: u32 = 0x00000003;
}

/// Enumeration "Rotate Name Type" (2.x section 11.51; defined in 2.1).
pub mod rotate_name_type {
    /// "Uninterpreted Text String" (2.1).
    pub const UNINTERPRETED_TEXT_STRING: u32 = 0x00000001;
    /// "URI" (2.1).
    pub const URI: u32 = 0x00000002;
}

/// Enumeration "Secret Data Type" (1.x section 9.1.3.2.9, 2.x section 11.52; defined in 1.0–2.1).
pub mod secret_data_type {
    /// "Password" (1.0–2.1).
    pub const PASSWORD: u32 = 0x00000001;
    /// "Seed" (1.0–2.1).
    pub const SEED: u32 = 0x00000002;
}

/// Enumeration "Shredding Algorithm" (1.x section 9.1.3.2.45, 2.x section 11.53; defined in 1.3–2.1).
pub mod shredding_algorithm {
    /// "Unspecified" (1.3–2.1).
    pub const UNSPECIFIED: u32 = 0x00000001;
    /// "Cryptographic" (1.3–2.1).
    pub const CRYPTOGRAPHIC: u32 = 0x00000002;
    /// "Unsupported" (1.3–2.1).
    pub const UNSUPPORTED: u32 = 0x00000003;
}

/// Enumeration "Split Key Method" (1.x section 9.1.3.2.8, 2.x section 11.54; defined in 1.0–2.1).
pub mod split_key_method {
    /// "XOR" (1.0–2.1).
    pub const XOR: u32 = 0x00000001;
    /// "Polynomial Sharing GF (2^16)" (1.0–2.1); also spelled "Polynomial Sharing GF(2^16)" (1.0–1.1).
    pub const POLYNOMIAL_SHARING_GF_2_16: u32 = 0x00000002;
    /// "Polynomial Sharing Prime Field" (1.0–2.1).
    pub const POLYNOMIAL_SHARING_PRIME_FIELD: u32 = 0x00000003;
    /// "Polynomial Sharing GF (2^8)" (1.2–2.1).
    pub const POLYNOMIAL_SHARING_GF_2_8: u32 = 0x00000004;
}

/// Enumeration "State" (1.x section 9.1.3.2.18, 2.x section 11.55; defined in 1.0–2.1).
pub mod state {
    /// "Pre-Active" (1.0–2.1).
    pub const PRE_ACTIVE: u32 = 0x00000001;
    /// "Active" (1.0–2.1).
    pub const ACTIVE: u32 = 0x00000002;
    /// "Deactivated" (1.0–2.1).
    pub const DEACTIVATED: u32 = 0x00000003;
    /// "Compromised" (1.0–2.1).
    pub const COMPROMISED: u32 = 0x00000004;
    /// "Destroyed" (1.0–2.1).
    pub const DESTROYED: u32 = 0x00000005;
    /// "Destroyed Compromised" (1.0–2.1).
    pub const DESTROYED_COMPROMISED: u32 = 0x00000006;
}

/// Enumeration "Ticket Type" (2.x section 11.57; defined in 2.0–2.1).
pub mod ticket_type {
    /// "Login" (2.0–2.1).
    pub const LOGIN: u32 = 0x00000001;
}

/// Enumeration "Unique Identifier" (2.x section 11.58; defined in 2.0–2.1).
pub mod unique_identifier {
    /// "ID Placeholder" (2.0–2.1).
    pub const ID_PLACEHOLDER: u32 = 0x00000001;
    /// "Certify" (2.0–2.1).
    pub const CERTIFY: u32 = 0x00000002;
    /// "Create" (2.0–2.1).
    pub const CREATE: u32 = 0x00000003;
    /// "Create Key Pair" (2.0–2.1).
    pub const CREATE_KEY_PAIR: u32 = 0x00000004;
    /// "Create Key Pair Private Key" (2.0–2.1).
    pub const CREATE_KEY_PAIR_PRIVATE_KEY: u32 = 0x00000005;
    /// "Create Key Pair Public Key" (2.0–2.1).
    pub const CREATE_KEY_PAIR_PUBLIC_KEY: u32 = 0x00000006;
    /// "Create Split Key" (2.0–2.1).
    pub const CREATE_SPLIT_KEY: u32 = 0x00000007;
    /// "Derive Key" (2.0–2.1).
    pub const DERIVE_KEY: u32 = 0x00000008;
    /// "Import" (2.0–2.1).
    pub const IMPORT: u32 = 0x00000009;
    /// "Join Split Key" (2.0–2.1).
    pub const JOIN_SPLIT_KEY: u32 = 0x0000000A;
    /// "Locate" (2.0–2.1).
    pub const LOCATE: u32 = 0x0000000B;
    /// "Register" (2.0–2.1).
    pub const REGISTER: u32 = 0x0000000C;
    /// "Re-key" (2.0–2.1).
    pub const RE_KEY: u32 = 0x0000000D;
    /// "Re-certify" (2.0–2.1).
    pub const RE_CERTIFY: u32 = 0x0000000E;
    /// "Re-key Key Pair" (2.0–2.1).
    pub const RE_KEY_KEY_PAIR: u32 = 0x0000000F;
    /// "Re-key Key Pair Private Key" (2.0–2.1).
    pub const RE_KEY_KEY_PAIR_PRIVATE_KEY: u32 = 0x00000010;
    /// "Re-key Key Pair Public Key" (2.0–2.1).
    pub const RE_KEY_KEY_PAIR_PUBLIC_KEY: u32 = 0x00000011;
}

/// Enumeration "Unwrap Mode" (1.x section 9.1.3.2.43, 2.x section 11.59; defined in 1.3–2.1).
pub mod unwrap_mode {
    /// "Unspecified" (1.3–2.1).
    pub const UNSPECIFIED: u32 = 0x00000001;
    /// "Processed" (1.3–2.1).
    pub const PROCESSED: u32 = 0x00000002;
    /// "Not Processed" (1.3–2.1).
    pub const NOT_PROCESSED: u32 = 0x00000003;
}

/// Enumeration "Usage Limits Unit" (1.x section 9.1.3.2.31, 2.x section 11.60; defined in 1.0–2.1).
pub mod usage_limits_unit {
    /// "Byte" (1.0–2.1).
    pub const BYTE: u32 = 0x00000001;
    /// "Object" (1.0–2.1).
    pub const OBJECT: u32 = 0x00000002;
}

/// Enumeration "Validation Authority Type" (1.x section 9.1.3.2.40, 2.x section 11.63; defined in 1.3–2.1).
pub mod validation_authority_type {
    /// "Unspecified" (1.3–2.1).
    pub const UNSPECIFIED: u32 = 0x00000001;
    /// "NIST CMVP" (1.3–2.1).
    pub const NIST_CMVP: u32 = 0x00000002;
    /// "Common Criteria" (1.3–2.1).
    pub const COMMON_CRITERIA: u32 = 0x00000003;
}

/// Enumeration "Validation Type" (1.x section 9.1.3.2.41, 2.x section 11.64; defined in 1.3–2.1).
pub mod validation_type {
    /// "Unspecified" (1.3–2.1).
    pub const UNSPECIFIED: u32 = 0x00000001;
    /// "Hardware" (1.3–2.1).
    pub const HARDWARE: u32 = 0x00000002;
    /// "Software" (1.3–2.1).
    pub const SOFTWARE: u32 = 0x00000003;
    /// "Firmware" (1.3–2.1).
    pub const FIRMWARE: u32 = 0x00000004;
    /// "Hybrid" (1.3–2.1).
    pub const HYBRID: u32 = 0x00000005;
}

/// Enumeration "Validity Indicator" (1.x section 9.1.3.2.23, 2.x section 11.61; defined in 1.0–2.1).
pub mod validity_indicator {
    /// "Valid" (1.0–2.1).
    pub const VALID: u32 = 0x00000001;
    /// "Invalid" (1.0–2.1).
    pub const INVALID: u32 = 0x00000002;
    /// "Unknown" (1.0–2.1).
    pub const UNKNOWN: u32 = 0x00000003;
}

/// Enumeration "Wrapping Method" (1.x section 9.1.3.2.4, 2.x section 11.62; defined in 1.0–2.1).
pub mod wrapping_method {
    /// "Encrypt" (1.0–2.1).
    pub const ENCRYPT: u32 = 0x00000001;
    /// "MAC/sign" (1.0–2.1).
    pub const MAC_SIGN: u32 = 0x00000002;
    /// "Encrypt then MAC/sign" (1.0–2.1).
    pub const ENCRYPT_THEN_MAC_SIGN: u32 = 0x00000003;
    /// "MAC/sign then encrypt" (1.0–2.1).
    pub const MAC_SIGN_THEN_ENCRYPT: u32 = 0x00000004;
    /// "TR-31" (1.0–2.1).
    pub const TR_31: u32 = 0x00000005;
}

/// Bit mask "Cryptographic Usage Mask" (see module docs; defined in 1.0–2.1).
pub mod cryptographic_usage_mask {
    /// "Sign" (1.0–2.1).
    pub const SIGN: u32 = 0x00000001;
    /// "Verify" (1.0–2.1).
    pub const VERIFY: u32 = 0x00000002;
    /// "Encrypt" (1.0–2.1).
    pub const ENCRYPT: u32 = 0x00000004;
    /// "Decrypt" (1.0–2.1).
    pub const DECRYPT: u32 = 0x00000008;
    /// "Wrap Key" (1.0–2.1).
    pub const WRAP_KEY: u32 = 0x00000010;
    /// "Unwrap Key" (1.0–2.1).
    pub const UNWRAP_KEY: u32 = 0x00000020;
    /// "Export" (1.0–1.4); "(Reserved)" in 2.0–2.1.
    pub const EXPORT: u32 = 0x00000040;
    /// "MAC Generate" (1.0–2.1).
    pub const MAC_GENERATE: u32 = 0x00000080;
    /// "MAC Verify" (1.0–2.1).
    pub const MAC_VERIFY: u32 = 0x00000100;
    /// "Derive Key" (1.0–2.1).
    pub const DERIVE_KEY: u32 = 0x00000200;
    /// "Content Commitment (Non Repudiation)" (1.0–1.4); "(Reserved)" in 2.0–2.1.
    pub const CONTENT_COMMITMENT_NON_REPUDIATION: u32 = 0x00000400;
    /// "Key Agreement" (1.0–2.1).
    pub const KEY_AGREEMENT: u32 = 0x00000800;
    /// "Certificate Sign" (1.0–2.1).
    pub const CERTIFICATE_SIGN: u32 = 0x00001000;
    /// "CRL Sign" (1.0–2.1).
    pub const CRL_SIGN: u32 = 0x00002000;
    /// "Generate Cryptogram" (1.0–1.4); "(Reserved)" in 2.0–2.1.
    pub const GENERATE_CRYPTOGRAM: u32 = 0x00004000;
    /// "Validate Cryptogram" (1.0–1.4); "(Reserved)" in 2.0–2.1.
    pub const VALIDATE_CRYPTOGRAM: u32 = 0x00008000;
    /// "Translate Encrypt" (1.0–1.4); "(Reserved)" in 2.0–2.1.
    pub const TRANSLATE_ENCRYPT: u32 = 0x00010000;
    /// "Translate Decrypt" (1.0–1.4); "(Reserved)" in 2.0–2.1.
    pub const TRANSLATE_DECRYPT: u32 = 0x00020000;
    /// "Translate Wrap" (1.0–1.4); "(Reserved)" in 2.0–2.1.
    pub const TRANSLATE_WRAP: u32 = 0x00040000;
    /// "Translate Unwrap" (1.0–1.4); "(Reserved)" in 2.0–2.1.
    pub const TRANSLATE_UNWRAP: u32 = 0x00080000;
    /// "Authenticate" (2.0–2.1).
    pub const AUTHENTICATE: u32 = 0x00100000;
    /// "Unrestricted" (2.0–2.1).
    pub const UNRESTRICTED: u32 = 0x00200000;
    /// "FPE Encrypt" (2.0–2.1).
    pub const FPE_ENCRYPT: u32 = 0x00400000;
    /// "FPE Decrypt" (2.0–2.1).
    pub const FPE_DECRYPT: u32 = 0x00800000;
}

/// Bit mask "Protection Storage Mask" (see module docs; defined in 2.0–2.1).
pub mod protection_storage_mask {
    /// "Software" (2.0–2.1).
    pub const SOFTWARE: u32 = 0x00000001;
    /// "Hardware" (2.0–2.1).
    pub const HARDWARE: u32 = 0x00000002;
    /// "On Processor" (2.0–2.1).
    pub const ON_PROCESSOR: u32 = 0x00000004;
    /// "On System" (2.0–2.1).
    pub const ON_SYSTEM: u32 = 0x00000008;
    /// "Off System" (2.0–2.1).
    pub const OFF_SYSTEM: u32 = 0x00000010;
    /// "Hypervisor" (2.0–2.1).
    pub const HYPERVISOR: u32 = 0x00000020;
    /// "Operating System" (2.0–2.1).
    pub const OPERATING_SYSTEM: u32 = 0x00000040;
    /// "Container" (2.0–2.1).
    pub const CONTAINER: u32 = 0x00000080;
    /// "On Premises" (2.0–2.1).
    pub const ON_PREMISES: u32 = 0x00000100;
    /// "Off Premises" (2.0–2.1).
    pub const OFF_PREMISES: u32 = 0x00000200;
    /// "Self Managed" (2.0–2.1).
    pub const SELF_MANAGED: u32 = 0x00000400;
    /// "Outsourced" (2.0–2.1).
    pub const OUTSOURCED: u32 = 0x00000800;
    /// "Validated" (2.0–2.1).
    pub const VALIDATED: u32 = 0x00001000;
    /// "Same Jurisdiction" (2.0–2.1).
    pub const SAME_JURISDICTION: u32 = 0x00002000;
}

/// Bit mask "Storage Status Mask" (see module docs; defined in 1.0–2.1).
pub mod storage_status_mask {
    /// "On-line storage" (1.0–2.1).
    pub const ON_LINE_STORAGE: u32 = 0x00000001;
    /// "Archival storage" (1.0–2.1).
    pub const ARCHIVAL_STORAGE: u32 = 0x00000002;
    /// "Destroyed storage" (2.0–2.1).
    pub const DESTROYED_STORAGE: u32 = 0x00000004;
}

/// Tables of one enumeration or mask.
struct Table {
    /// (XML name, value), one entry per value, sorted by value.
    values: &'static [(&'static str, u32)],
    /// Other accepted names (older spellings, specification spellings), sorted by name.
    aliases: &'static [(&'static str, u32)],
    /// Version mask per value, parallel to `values`.
    versions: &'static [u8],
}

static E_ADJUSTMENT_TYPE: Table = Table {
    values: &[
        ("Increment", 0x00000001),
        ("Decrement", 0x00000002),
        ("Negate", 0x00000003),
    ],
    aliases: &[],
    versions: &[0b1100000, 0b1100000, 0b1100000],
};

static E_ALTERNATIVE_NAME_TYPE: Table = Table {
    values: &[
        ("UninterpretedTextString", 0x00000001),
        ("URI", 0x00000002),
        ("ObjectSerialNumber", 0x00000003),
        ("EmailAddress", 0x00000004),
        ("DNSName", 0x00000005),
        ("X_500DistinguishedName", 0x00000006),
        ("IPAddress", 0x00000007),
    ],
    aliases: &[
        ("DNS Name", 0x00000005),
        ("Email Address", 0x00000004),
        ("IP Address", 0x00000007),
        ("Object Serial Number", 0x00000003),
        ("Uninterpreted Text String", 0x00000001),
        ("X.500 Distinguished Name", 0x00000006),
    ],
    versions: &[
        0b1111100, 0b1111100, 0b1111100, 0b1111100, 0b1111100, 0b1111100, 0b1111100,
    ],
};

static E_ASYNCHRONOUS_INDICATOR: Table = Table {
    values: &[
        ("Mandatory", 0x00000001),
        ("Optional", 0x00000002),
        ("Prohibited", 0x00000003),
    ],
    aliases: &[],
    versions: &[0b1100000, 0b1100000, 0b1100000],
};

static E_ATTESTATION_TYPE: Table = Table {
    values: &[
        ("TPMQuote", 0x00000001),
        ("TCGIntegrityReport", 0x00000002),
        ("SAMLAssertion", 0x00000003),
    ],
    aliases: &[
        ("SAML Assertion", 0x00000003),
        ("TCG Integrity Report", 0x00000002),
        ("TPM Quote", 0x00000001),
    ],
    versions: &[0b1111100, 0b1111100, 0b1111100],
};

static E_BATCH_ERROR_CONTINUATION_OPTION: Table = Table {
    values: &[
        ("Continue", 0x00000001),
        ("Stop", 0x00000002),
        ("Undo", 0x00000003),
    ],
    aliases: &[],
    versions: &[0b1111111, 0b1111111, 0b1111111],
};

static E_BLOCK_CIPHER_MODE: Table = Table {
    values: &[
        ("CBC", 0x00000001),
        ("ECB", 0x00000002),
        ("PCBC", 0x00000003),
        ("CFB", 0x00000004),
        ("OFB", 0x00000005),
        ("CTR", 0x00000006),
        ("CMAC", 0x00000007),
        ("CCM", 0x00000008),
        ("GCM", 0x00000009),
        ("CBC_MAC", 0x0000000A),
        ("XTS", 0x0000000B),
        ("AESKeyWrapPadding", 0x0000000C),
        ("NISTKeyWrap", 0x0000000D),
        ("X9_102AESKW", 0x0000000E),
        ("X9_102TDKW", 0x0000000F),
        ("X9_102AKW1", 0x00000010),
        ("X9_102AKW2", 0x00000011),
        ("AEAD", 0x00000012),
    ],
    aliases: &[
        ("CBC-MAC", 0x0000000A),
        ("X9.102 AESKW", 0x0000000E),
        ("X9.102 AKW1", 0x00000010),
        ("X9.102 AKW2", 0x00000011),
        ("X9.102 TDKW", 0x0000000F),
    ],
    versions: &[
        0b1111111, 0b1111111, 0b1111111, 0b1111111, 0b1111111, 0b1111111, 0b1111111, 0b1111111,
        0b1111111, 0b1111111, 0b1111111, 0b1111111, 0b1111111, 0b1111111, 0b1111111, 0b1111111,
        0b1111111, 0b1110000,
    ],
};

static E_CANCELLATION_RESULT: Table = Table {
    values: &[
        ("Canceled", 0x00000001),
        ("UnableToCancel", 0x00000002),
        ("Completed", 0x00000003),
        ("Failed", 0x00000004),
        ("Unavailable", 0x00000005),
    ],
    aliases: &[("Unable to Cancel", 0x00000002)],
    versions: &[0b1111111, 0b1111111, 0b1111111, 0b1111111, 0b1111111],
};

static E_CERTIFICATE_REQUEST_TYPE: Table = Table {
    values: &[
        ("CRMF", 0x00000001),
        ("PKCS_10", 0x00000002),
        ("PEM", 0x00000003),
        ("PGP", 0x00000004),
    ],
    aliases: &[("PKCS#10", 0x00000002)],
    versions: &[0b1111111, 0b1111111, 0b1111111, 0b0011111],
};

static E_CERTIFICATE_TYPE: Table = Table {
    values: &[("X_509", 0x00000001), ("PGP", 0x00000002)],
    aliases: &[("X.509", 0x00000001)],
    versions: &[0b1111111, 0b1111111],
};

static E_CLIENT_REGISTRATION_METHOD: Table = Table {
    values: &[
        ("Unspecified", 0x00000001),
        ("ServerPreGenerated", 0x00000002),
        ("ServerOnDemand", 0x00000003),
        ("ClientGenerated", 0x00000004),
        ("ClientRegistered", 0x00000005),
    ],
    aliases: &[
        ("Client Generated", 0x00000004),
        ("Client Registered", 0x00000005),
        ("Server On-Demand", 0x00000003),
        ("Server Pre-Generated", 0x00000002),
    ],
    versions: &[0b1111000, 0b1111000, 0b1111000, 0b1111000, 0b1111000],
};

static E_CREDENTIAL_TYPE: Table = Table {
    values: &[
        ("UsernameAndPassword", 0x00000001),
        ("Device", 0x00000002),
        ("Attestation", 0x00000003),
        ("OneTimePassword", 0x00000004),
        ("HashedPassword", 0x00000005),
        ("Ticket", 0x00000006),
    ],
    aliases: &[
        ("Hashed Password", 0x00000005),
        ("One Time Password", 0x00000004),
        ("Username and Password", 0x00000001),
    ],
    versions: &[
        0b1111111, 0b1111110, 0b1111100, 0b1100000, 0b1100000, 0b1100000,
    ],
};

static E_CRYPTOGRAPHIC_ALGORITHM: Table = Table {
    values: &[
        ("DES", 0x00000001),
        ("DES3", 0x00000002),
        ("AES", 0x00000003),
        ("RSA", 0x00000004),
        ("DSA", 0x00000005),
        ("ECDSA", 0x00000006),
        ("HMAC_SHA1", 0x00000007),
        ("HMAC_SHA224", 0x00000008),
        ("HMAC_SHA256", 0x00000009),
        ("HMAC_SHA384", 0x0000000A),
        ("HMAC_SHA512", 0x0000000B),
        ("HMAC_MD5", 0x0000000C),
        ("DH", 0x0000000D),
        ("ECDH", 0x0000000E),
        ("ECMQV", 0x0000000F),
        ("Blowfish", 0x00000010),
        ("Camellia", 0x00000011),
        ("CAST5", 0x00000012),
        ("IDEA", 0x00000013),
        ("MARS", 0x00000014),
        ("RC2", 0x00000015),
        ("RC4", 0x00000016),
        ("RC5", 0x00000017),
        ("SKIPJACK", 0x00000018),
        ("Twofish", 0x00000019),
        ("EC", 0x0000001A),
        ("OneTimePad", 0x0000001B),
        ("ChaCha20", 0x0000001C),
        ("Poly1305", 0x0000001D),
        ("ChaCha20Poly1305", 0x0000001E),
        ("SHA3_224", 0x0000001F),
        ("SHA3_256", 0x00000020),
        ("SHA3_384", 0x00000021),
        ("SHA3_512", 0x00000022),
        ("HMAC_SHA3_224", 0x00000023),
        ("HMAC_SHA3_256", 0x00000024),
        ("HMAC_SHA3_384", 0x00000025),
        ("HMAC_SHA3_512", 0x00000026),
        ("SHAKE_128", 0x00000027),
        ("SHAKE_256", 0x00000028),
        ("ARIA", 0x00000029),
        ("SEED", 0x0000002A),
        ("SM2", 0x0000002B),
        ("SM3", 0x0000002C),
        ("SM4", 0x0000002D),
        ("GOSTR34_10_2012", 0x0000002E),
        ("GOSTR34_11_2012", 0x0000002F),
        ("GOSTR34_13_2015", 0x00000030),
        ("GOST28147_89", 0x00000031),
        ("XMSS", 0x00000032),
        ("SPHINCS_256", 0x00000033),
        ("McEliece", 0x00000034),
        ("McEliece_6960119", 0x00000035),
        ("McEliece_8192128", 0x00000036),
        ("Ed25519", 0x00000037),
        ("Ed448", 0x00000038),
    ],
    aliases: &[
        ("3DES", 0x00000002),
        ("GOST 28147-89", 0x00000031),
        ("GOST R 34.10-2012", 0x0000002E),
        ("GOST R 34.11-2012", 0x0000002F),
        ("GOST R 34.13-2015", 0x00000030),
        ("HMAC-MD5", 0x0000000C),
        ("HMAC-SHA1", 0x00000007),
        ("HMAC-SHA224", 0x00000008),
        ("HMAC-SHA256", 0x00000009),
        ("HMAC-SHA3-224", 0x00000023),
        ("HMAC-SHA3-256", 0x00000024),
        ("HMAC-SHA3-384", 0x00000025),
        ("HMAC-SHA3-512", 0x00000026),
        ("HMAC-SHA384", 0x0000000A),
        ("HMAC-SHA512", 0x0000000B),
        ("McEliece-6960119", 0x00000035),
        ("McEliece-8192128", 0x00000036),
        ("One Time Pad", 0x0000001B),
        ("SHA3-224", 0x0000001F),
        ("SHA3-256", 0x00000020),
        ("SHA3-384", 0x00000021),
        ("SHA3-512", 0x00000022),
        ("SHAKE-128", 0x00000027),
        ("SHAKE-256", 0x00000028),
        ("SPHINCS-256", 0x00000033),
    ],
    versions: &[
        0b1111111, 0b1111111, 0b1111111, 0b1111111, 0b1111111, 0b1111111, 0b1111111, 0b1111111,
        0b1111111, 0b1111111, 0b1111111, 0b1111111, 0b1111111, 0b1111111, 0b1111111, 0b1111111,
        0b1111111, 0b1111111, 0b1111111, 0b1111111, 0b1111111, 0b1111111, 0b1111111, 0b1111111,
        0b1111111, 0b1111100, 0b1111000, 0b1110000, 0b1110000, 0b1110000, 0b1110000, 0b1110000,
        0b1110000, 0b1110000, 0b1110000, 0b1110000, 0b1110000, 0b1110000, 0b1110000, 0b1110000,
        0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000,
        0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000,
    ],
};

static E_DATA: Table = Table {
    values: &[
        ("Decrypt", 0x00000001),
        ("Encrypt", 0x00000002),
        ("Hash", 0x00000003),
        ("MACMACData", 0x00000004),
        ("RNGRetrieve", 0x00000005),
        ("SignSignatureData", 0x00000006),
        ("SignatureVerify", 0x00000007),
    ],
    aliases: &[
        ("MAC MAC Data", 0x00000004),
        ("RNG Retrieve", 0x00000005),
        ("Sign Signature Data", 0x00000006),
        ("Signature Verify", 0x00000007),
    ],
    versions: &[
        0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000,
    ],
};

static E_DERIVATION_METHOD: Table = Table {
    values: &[
        ("PBKDF2", 0x00000001),
        ("HASH", 0x00000002),
        ("HMAC", 0x00000003),
        ("ENCRYPT", 0x00000004),
        ("NIST800_108_C", 0x00000005),
        ("NIST800_108_F", 0x00000006),
        ("NIST800_108_DPI", 0x00000007),
        ("AsymmetricKey", 0x00000008),
        ("AWSSignatureVersion4", 0x00000009),
        ("HKDF", 0x0000000A),
    ],
    aliases: &[
        ("AWS Signature Version 4", 0x00000009),
        ("Asymmetric Key", 0x00000008),
        ("NIST800-108-C", 0x00000005),
        ("NIST800-108-DPI", 0x00000007),
        ("NIST800-108-F", 0x00000006),
    ],
    versions: &[
        0b1111111, 0b1111111, 0b1111111, 0b1111111, 0b1111111, 0b1111111, 0b1111111, 0b1110000,
        0b1100000, 0b1100000,
    ],
};

static E_DESTROY_ACTION: Table = Table {
    values: &[
        ("Unspecified", 0x00000001),
        ("KeyMaterialDeleted", 0x00000002),
        ("KeyMaterialShredded", 0x00000003),
        ("MetaDataDeleted", 0x00000004),
        ("MetaDataShredded", 0x00000005),
        ("Deleted", 0x00000006),
        ("Shredded", 0x00000007),
    ],
    aliases: &[
        ("Key Material Deleted", 0x00000002),
        ("Key Material Shredded", 0x00000003),
        ("Meta Data Deleted", 0x00000004),
        ("Meta Data Shredded", 0x00000005),
    ],
    versions: &[
        0b1111000, 0b1111000, 0b1111000, 0b1111000, 0b1111000, 0b1111000, 0b1111000,
    ],
};

static E_DIGITAL_SIGNATURE_ALGORITHM: Table = Table {
    values: &[
        ("MD2WithRSAEncryption", 0x00000001),
        ("MD5WithRSAEncryption", 0x00000002),
        ("SHA_1WithRSAEncryption", 0x00000003),
        ("SHA_224WithRSAEncryption", 0x00000004),
        ("SHA_256WithRSAEncryption", 0x00000005),
        ("SHA_384WithRSAEncryption", 0x00000006),
        ("SHA_512WithRSAEncryption", 0x00000007),
        ("RSASSA_PSS", 0x00000008),
        ("DSAWithSHA_1", 0x00000009),
        ("DSAWithSHA224", 0x0000000A),
        ("DSAWithSHA256", 0x0000000B),
        ("ECDSAWithSHA_1", 0x0000000C),
        ("ECDSAWithSHA224", 0x0000000D),
        ("ECDSAWithSHA256", 0x0000000E),
        ("ECDSAWithSHA384", 0x0000000F),
        ("ECDSAWithSHA512", 0x00000010),
        ("SHA3_256WithRSAEncryption", 0x00000011),
        ("SHA3_384WithRSAEncryption", 0x00000012),
        ("SHA3_512WithRSAEncryption", 0x00000013),
    ],
    aliases: &[
        ("DSA with SHA-1", 0x00000009),
        ("DSA with SHA224", 0x0000000A),
        ("DSA with SHA256", 0x0000000B),
        ("ECDSA with SHA-1", 0x0000000C),
        ("ECDSA with SHA224", 0x0000000D),
        ("ECDSA with SHA256", 0x0000000E),
        ("ECDSA with SHA384", 0x0000000F),
        ("ECDSA with SHA512", 0x00000010),
        ("MD2 with RSA Encryption", 0x00000001),
        ("MD2 with RSA Encryption (PKCS#1 v1.5)", 0x00000001),
        ("MD2WithRSAEncryptionPKCS_1V1_5", 0x00000001),
        ("MD5 with RSA Encryption", 0x00000002),
        ("MD5 with RSA Encryption (PKCS #1 v1.5)", 0x00000002),
        ("MD5WithRSAEncryptionPKCS1V1_5", 0x00000002),
        ("RSASSA-PSS", 0x00000008),
        ("RSASSA-PSS (PKCS#1 v2.1)", 0x00000008),
        ("RSASSA_PSSPKCS_1V2_1", 0x00000008),
        ("SHA-1 with RSA Encryption", 0x00000003),
        ("SHA-1 with RSA Encryption (PKCS#1 v1.5)", 0x00000003),
        ("SHA-224 with RSA Encryption", 0x00000004),
        ("SHA-224 with RSA Encryption (PKCS#1 v1.5)", 0x00000004),
        ("SHA-256 with RSA Encryption", 0x00000005),
        ("SHA-256 with RSA Encryption (PKCS#1 v1.5)", 0x00000005),
        ("SHA-384 with RSA Encryption", 0x00000006),
        ("SHA-384 with RSA Encryption (PKCS#1 v1.5)", 0x00000006),
        ("SHA-512 with RSA Encryption", 0x00000007),
        ("SHA-512 with RSA Encryption (PKCS#1 v1.5)", 0x00000007),
        ("SHA3-256 with RSA Encryption", 0x00000011),
        ("SHA3-384 with RSA Encryption", 0x00000012),
        ("SHA3-512 with RSA Encryption", 0x00000013),
        ("SHA_1WithRSAEncryptionPKCS_1V1_5", 0x00000003),
        ("SHA_224WithRSAEncryptionPKCS_1V1_5", 0x00000004),
        ("SHA_256WithRSAEncryptionPKCS_1V1_5", 0x00000005),
        ("SHA_384WithRSAEncryptionPKCS_1V1_5", 0x00000006),
        ("SHA_512WithRSAEncryptionPKCS_1V1_5", 0x00000007),
    ],
    versions: &[
        0b1111110, 0b1111110, 0b1111110, 0b1111110, 0b1111110, 0b1111110, 0b1111110, 0b1111110,
        0b1111110, 0b1111110, 0b1111110, 0b1111110, 0b1111110, 0b1111110, 0b1111110, 0b1111110,
        0b1110000, 0b1110000, 0b1110000,
    ],
};

static E_DRBG_ALGORITHM: Table = Table {
    values: &[
        ("Unspecified", 0x00000001),
        ("DualEC", 0x00000002),
        ("Hash", 0x00000003),
        ("HMAC", 0x00000004),
        ("CTR", 0x00000005),
    ],
    aliases: &[("Dual-EC", 0x00000002)],
    versions: &[0b1111000, 0b1111000, 0b1111000, 0b1111000, 0b1111000],
};

static E_ENCODING_OPTION: Table = Table {
    values: &[("NoEncoding", 0x00000001), ("TTLVEncoding", 0x00000002)],
    aliases: &[("No Encoding", 0x00000001), ("TTLV Encoding", 0x00000002)],
    versions: &[0b1111110, 0b1111110],
};

static E_ENDPOINT_ROLE: Table = Table {
    values: &[("Client", 0x00000001), ("Server", 0x00000002)],
    aliases: &[],
    versions: &[0b1100000, 0b1100000],
};

static E_FIPS186_VARIATION: Table = Table {
    values: &[
        ("Unspecified", 0x00000001),
        ("GPXOriginal", 0x00000002),
        ("GPXChangeNotice", 0x00000003),
        ("XOriginal", 0x00000004),
        ("XChangeNotice", 0x00000005),
        ("KOriginal", 0x00000006),
        ("KChangeNotice", 0x00000007),
    ],
    aliases: &[
        ("GP x-Change Notice", 0x00000003),
        ("GP x-Original", 0x00000002),
        ("k-Change Notice", 0x00000007),
        ("k-Original", 0x00000006),
        ("x-Change Notice", 0x00000005),
        ("x-Original", 0x00000004),
    ],
    versions: &[
        0b1111000, 0b1111000, 0b1111000, 0b1111000, 0b1111000, 0b1111000, 0b1111000,
    ],
};

static E_HASHING_ALGORITHM: Table = Table {
    values: &[
        ("MD2", 0x00000001),
        ("MD4", 0x00000002),
        ("MD5", 0x00000003),
        ("SHA_1", 0x00000004),
        ("SHA_224", 0x00000005),
        ("SHA_256", 0x00000006),
        ("SHA_384", 0x00000007),
        ("SHA_512", 0x00000008),
        ("RIPEMD_160", 0x00000009),
        ("Tiger", 0x0000000A),
        ("Whirlpool", 0x0000000B),
        ("SHA_512_224", 0x0000000C),
        ("SHA_512_256", 0x0000000D),
        ("SHA3_224", 0x0000000E),
        ("SHA3_256", 0x0000000F),
        ("SHA3_384", 0x00000010),
        ("SHA3_512", 0x00000011),
    ],
    aliases: &[
        ("RIPEMD-160", 0x00000009),
        ("SHA-1", 0x00000004),
        ("SHA-224", 0x00000005),
        ("SHA-256", 0x00000006),
        ("SHA-3-224", 0x0000000E),
        ("SHA-3-256", 0x0000000F),
        ("SHA-3-384", 0x00000010),
        ("SHA-3-512", 0x00000011),
        ("SHA-384", 0x00000007),
        ("SHA-512", 0x00000008),
        ("SHA-512/224", 0x0000000C),
        ("SHA-512/256", 0x0000000D),
        ("SHA3-224", 0x0000000E),
        ("SHA3-256", 0x0000000F),
        ("SHA3-384", 0x00000010),
        ("SHA3-512", 0x00000011),
        ("SHA_3_224", 0x0000000E),
        ("SHA_3_256", 0x0000000F),
        ("SHA_3_384", 0x00000010),
        ("SHA_3_512", 0x00000011),
    ],
    versions: &[
        0b1111111, 0b1111111, 0b1111111, 0b1111111, 0b1111111, 0b1111111, 0b1111111, 0b1111111,
        0b1111111, 0b1111111, 0b1111111, 0b1111100, 0b1111100, 0b1110000, 0b1110000, 0b1110000,
        0b1110000,
    ],
};

static E_INTEROP_FUNCTION: Table = Table {
    values: &[
        ("Begin", 0x00000001),
        ("End", 0x00000002),
        ("Reset", 0x00000003),
    ],
    aliases: &[],
    versions: &[0b1100000, 0b1100000, 0b1100000],
};

static E_ITEM_TYPE: Table = Table {
    values: &[
        ("Structure", 0x00000001),
        ("Integer", 0x00000002),
        ("LongInteger", 0x00000003),
        ("BigInteger", 0x00000004),
        ("Enumeration", 0x00000005),
        ("Boolean", 0x00000006),
        ("TextString", 0x00000007),
        ("ByteString", 0x00000008),
        ("DateTime", 0x00000009),
        ("Interval", 0x0000000A),
        ("DateTimeExtended", 0x0000000B),
    ],
    aliases: &[
        ("Big Integer", 0x00000004),
        ("Byte String", 0x00000008),
        ("Date Time", 0x00000009),
        ("Date Time Extended", 0x0000000B),
        ("Long Integer", 0x00000003),
        ("Text String", 0x00000007),
    ],
    versions: &[
        0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000,
        0b1100000, 0b1100000, 0b1100000,
    ],
};

static E_KEY_COMPRESSION_TYPE: Table = Table {
    values: &[
        ("ECPublicKeyTypeUncompressed", 0x00000001),
        ("ECPublicKeyTypeX9_62CompressedPrime", 0x00000002),
        ("ECPublicKeyTypeX9_62CompressedChar2", 0x00000003),
        ("ECPublicKeyTypeX9_62Hybrid", 0x00000004),
    ],
    aliases: &[
        ("EC Public Key Type Uncompressed", 0x00000001),
        ("EC Public Key Type X9.62 Compressed Char2", 0x00000003),
        ("EC Public Key Type X9.62 Compressed Prime", 0x00000002),
        ("EC Public Key Type X9.62 Hybrid", 0x00000004),
    ],
    versions: &[0b1111111, 0b1111111, 0b1111111, 0b1111111],
};

static E_KEY_FORMAT_TYPE: Table = Table {
    values: &[
        ("Raw", 0x00000001),
        ("Opaque", 0x00000002),
        ("PKCS_1", 0x00000003),
        ("PKCS_8", 0x00000004),
        ("X_509", 0x00000005),
        ("ECPrivateKey", 0x00000006),
        ("TransparentSymmetricKey", 0x00000007),
        ("TransparentDSAPrivateKey", 0x00000008),
        ("TransparentDSAPublicKey", 0x00000009),
        ("TransparentRSAPrivateKey", 0x0000000A),
        ("TransparentRSAPublicKey", 0x0000000B),
        ("TransparentDHPrivateKey", 0x0000000C),
        ("TransparentDHPublicKey", 0x0000000D),
        ("TransparentECDSAPrivateKey", 0x0000000E),
        ("TransparentECDSAPublicKey", 0x0000000F),
        ("TransparentECDHPrivateKey", 0x00000010),
        ("TransparentECDHPublicKey", 0x00000011),
        ("TransparentECMQVPrivateKey", 0x00000012),
        ("TransparentECMQVPublicKey", 0x00000013),
        ("TransparentECPrivateKey", 0x00000014),
        ("TransparentECPublicKey", 0x00000015),
        ("PKCS_12", 0x00000016),
        ("PKCS_10", 0x00000017),
    ],
    aliases: &[
        ("PKCS#1", 0x00000003),
        ("PKCS#10", 0x00000017),
        ("PKCS#12", 0x00000016),
        ("PKCS#8", 0x00000004),
        ("Transparent DH Private Key", 0x0000000C),
        ("Transparent DH Public Key", 0x0000000D),
        ("Transparent DSA Private Key", 0x00000008),
        ("Transparent DSA Public Key", 0x00000009),
        ("Transparent EC Private Key", 0x00000014),
        ("Transparent EC Public Key", 0x00000015),
        ("Transparent ECDH Private Key", 0x00000010),
        ("Transparent ECDH Public Key", 0x00000011),
        ("Transparent ECDSA Private Key", 0x0000000E),
        ("Transparent ECDSA Public Key", 0x0000000F),
        ("Transparent ECMQV Private Key", 0x00000012),
        ("Transparent ECMQV Public Key", 0x00000013),
        ("Transparent RSA Private Key", 0x0000000A),
        ("Transparent RSA Public Key", 0x0000000B),
        ("Transparent Symmetric Key", 0x00000007),
        ("X.509", 0x00000005),
    ],
    versions: &[
        0b1111111, 0b1111111, 0b1111111, 0b1111111, 0b1111111, 0b1111111, 0b1111111, 0b1111111,
        0b1111111, 0b1111111, 0b1111111, 0b1111111, 0b1111111, 0b0011111, 0b0011111, 0b0011111,
        0b0011111, 0b0011111, 0b0011111, 0b1111000, 0b1111000, 0b1110000, 0b1100000,
    ],
};

static E_KEY_ROLE_TYPE: Table = Table {
    values: &[
        ("BDK", 0x00000001),
        ("CVK", 0x00000002),
        ("DEK", 0x00000003),
        ("MKAC", 0x00000004),
        ("MKSMC", 0x00000005),
        ("MKSMI", 0x00000006),
        ("MKDAC", 0x00000007),
        ("MKDN", 0x00000008),
        ("MKCP", 0x00000009),
        ("MKOTH", 0x0000000A),
        ("KEK", 0x0000000B),
        ("MAC16609", 0x0000000C),
        ("MAC97971", 0x0000000D),
        ("MAC97972", 0x0000000E),
        ("MAC97973", 0x0000000F),
        ("MAC97974", 0x00000010),
        ("MAC97975", 0x00000011),
        ("ZPK", 0x00000012),
        ("PVKIBM", 0x00000013),
        ("PVKPVV", 0x00000014),
        ("PVKOTH", 0x00000015),
        ("DUKPT", 0x00000016),
        ("IV", 0x00000017),
        ("TRKBK", 0x00000018),
    ],
    aliases: &[],
    versions: &[
        0b1111111, 0b1111111, 0b1111111, 0b1111111, 0b1111111, 0b1111111, 0b1111111, 0b1111111,
        0b1111111, 0b1111111, 0b1111111, 0b1111111, 0b1111111, 0b1111111, 0b1111111, 0b1111111,
        0b1111111, 0b1111111, 0b1111111, 0b1111111, 0b1111111, 0b1110000, 0b1110000, 0b1110000,
    ],
};

static E_KEY_VALUE_LOCATION_TYPE: Table = Table {
    values: &[("UninterpretedTextString", 0x00000001), ("URI", 0x00000002)],
    aliases: &[("Uninterpreted Text String", 0x00000001)],
    versions: &[0b1111100, 0b1111100],
};

static E_KEY_WRAP_TYPE: Table = Table {
    values: &[("NotWrapped", 0x00000001), ("AsRegistered", 0x00000002)],
    aliases: &[("As Registered", 0x00000002), ("Not Wrapped", 0x00000001)],
    versions: &[0b1110000, 0b1110000],
};

static E_LINK_TYPE: Table = Table {
    values: &[
        ("CertificateLink", 0x00000101),
        ("PublicKeyLink", 0x00000102),
        ("PrivateKeyLink", 0x00000103),
        ("DerivationBaseObjectLink", 0x00000104),
        ("DerivedKeyLink", 0x00000105),
        ("ReplacementObjectLink", 0x00000106),
        ("ReplacedObjectLink", 0x00000107),
        ("ParentLink", 0x00000108),
        ("ChildLink", 0x00000109),
        ("PreviousLink", 0x0000010A),
        ("NextLink", 0x0000010B),
        ("PKCS_12CertificateLink", 0x0000010C),
        ("PKCS_12PasswordLink", 0x0000010D),
        ("WrappingKeyLink", 0x0000010E),
    ],
    aliases: &[
        ("Certificate Link", 0x00000101),
        ("Child Link", 0x00000109),
        ("Derivation Base Object Link", 0x00000104),
        ("Derived Key Link", 0x00000105),
        ("Next Link", 0x0000010B),
        ("PKCS#12 Certificate Link", 0x0000010C),
        ("PKCS#12 Password Link", 0x0000010D),
        ("Parent Link", 0x00000108),
        ("Previous Link", 0x0000010A),
        ("Private Key Link", 0x00000103),
        ("Public Key Link", 0x00000102),
        ("Replaced Object Link", 0x00000107),
        ("Replacement Object Link", 0x00000106),
        ("Wrapping Key Link", 0x0000010E),
    ],
    versions: &[
        0b1111111, 0b1111111, 0b1111111, 0b1111111, 0b1111111, 0b1111111, 0b1111111, 0b1111100,
        0b1111100, 0b1111100, 0b1111100, 0b1110000, 0b1110000, 0b1100000,
    ],
};

static E_MASK_GENERATOR: Table = Table {
    values: &[("MGF1", 0x00000001)],
    aliases: &[("MFG1", 0x00000001)],
    versions: &[0b1110000],
};

static E_NAME_TYPE: Table = Table {
    values: &[("UninterpretedTextString", 0x00000001), ("URI", 0x00000002)],
    aliases: &[("Uninterpreted Text String", 0x00000001)],
    versions: &[0b1111111, 0b1111111],
};

static E_NIST_KEY_TYPE: Table = Table {
    values: &[
        ("PrivateSignatureKey", 0x00000001),
        ("PublicSignatureVerificationKey", 0x00000002),
        ("SymmetricAuthenticationKey", 0x00000003),
        ("PrivateAuthenticationKey", 0x00000004),
        ("PublicAuthenticationKey", 0x00000005),
        ("SymmetricDataEncryptionKey", 0x00000006),
        ("SymmetricKeyWrappingKey", 0x00000007),
        ("SymmetricRandomNumberGenerationKey", 0x00000008),
        ("SymmetricMasterKey", 0x00000009),
        ("PrivateKeyTransportKey", 0x0000000A),
        ("PublicKeyTransportKey", 0x0000000B),
        ("SymmetricKeyAgreementKey", 0x0000000C),
        ("PrivateStaticKeyAgreementKey", 0x0000000D),
        ("PublicStaticKeyAgreementKey", 0x0000000E),
        ("PrivateEphemeralKeyAgreementKey", 0x0000000F),
        ("PublicEphemeralKeyAgreementKey", 0x00000010),
        ("SymmetricAuthorizationKey", 0x00000011),
        ("PrivateAuthorizationKey", 0x00000012),
        ("PublicAuthorizationKey", 0x00000013),
    ],
    aliases: &[
        ("Private authentication key", 0x00000004),
        ("Private authorization key", 0x00000012),
        ("Private ephemeral key agreement key", 0x0000000F),
        ("Private key transport key", 0x0000000A),
        ("Private signature key", 0x00000001),
        ("Private static key agreement key", 0x0000000D),
        ("Public authentication key", 0x00000005),
        ("Public authorization key", 0x00000013),
        ("Public ephemeral key agreement key", 0x00000010),
        ("Public key transport key", 0x0000000B),
        ("Public signature verification key", 0x00000002),
        ("Public static key agreement key", 0x0000000E),
        ("Symmetric authentication key", 0x00000003),
        ("Symmetric authorization key", 0x00000011),
        ("Symmetric data encryption key", 0x00000006),
        ("Symmetric key agreement key", 0x0000000C),
        ("Symmetric key wrapping key", 0x00000007),
        ("Symmetric master key", 0x00000009),
        ("Symmetric random number generation key", 0x00000008),
    ],
    versions: &[
        0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000,
        0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000,
        0b1100000, 0b1100000, 0b1100000,
    ],
};

static E_OBJECT_GROUP_MEMBER: Table = Table {
    values: &[
        ("GroupMemberFresh", 0x00000001),
        ("GroupMemberDefault", 0x00000002),
    ],
    aliases: &[
        ("Group Member Default", 0x00000002),
        ("Group Member Fresh", 0x00000001),
    ],
    versions: &[0b1111110, 0b1111110],
};

static E_OBJECT_TYPE: Table = Table {
    values: &[
        ("Certificate", 0x00000001),
        ("SymmetricKey", 0x00000002),
        ("PublicKey", 0x00000003),
        ("PrivateKey", 0x00000004),
        ("SplitKey", 0x00000005),
        ("Template", 0x00000006),
        ("SecretData", 0x00000007),
        ("OpaqueObject", 0x00000008),
        ("PGPKey", 0x00000009),
        ("CertificateRequest", 0x0000000A),
    ],
    aliases: &[
        ("Certificate Request", 0x0000000A),
        ("Opaque Object", 0x00000008),
        ("PGP Key", 0x00000009),
        ("Private Key", 0x00000004),
        ("Public Key", 0x00000003),
        ("Secret Data", 0x00000007),
        ("Split Key", 0x00000005),
        ("Symmetric Key", 0x00000002),
    ],
    versions: &[
        0b1111111, 0b1111111, 0b1111111, 0b1111111, 0b1111111, 0b0011111, 0b1111111, 0b1111111,
        0b1111100, 0b1100000,
    ],
};

static E_OPAQUE_DATA_TYPE: Table = Table {
    values: &[],
    aliases: &[],
    versions: &[],
};

static E_OPERATION: Table = Table {
    values: &[
        ("Create", 0x00000001),
        ("CreateKeyPair", 0x00000002),
        ("Register", 0x00000003),
        ("ReKey", 0x00000004),
        ("DeriveKey", 0x00000005),
        ("Certify", 0x00000006),
        ("ReCertify", 0x00000007),
        ("Locate", 0x00000008),
        ("Check", 0x00000009),
        ("Get", 0x0000000A),
        ("GetAttributes", 0x0000000B),
        ("GetAttributeList", 0x0000000C),
        ("AddAttribute", 0x0000000D),
        ("ModifyAttribute", 0x0000000E),
        ("DeleteAttribute", 0x0000000F),
        ("ObtainLease", 0x00000010),
        ("GetUsageAllocation", 0x00000011),
        ("Activate", 0x00000012),
        ("Revoke", 0x00000013),
        ("Destroy", 0x00000014),
        ("Archive", 0x00000015),
        ("Recover", 0x00000016),
        ("Validate", 0x00000017),
        ("Query", 0x00000018),
        ("Cancel", 0x00000019),
        ("Poll", 0x0000001A),
        ("Notify", 0x0000001B),
        ("Put", 0x0000001C),
        ("ReKeyKeyPair", 0x0000001D),
        ("DiscoverVersions", 0x0000001E),
        ("Encrypt", 0x0000001F),
        ("Decrypt", 0x00000020),
        ("Sign", 0x00000021),
        ("SignatureVerify", 0x00000022),
        ("MAC", 0x00000023),
        ("MACVerify", 0x00000024),
        ("RNGRetrieve", 0x00000025),
        ("RNGSeed", 0x00000026),
        ("Hash", 0x00000027),
        ("CreateSplitKey", 0x00000028),
        ("JoinSplitKey", 0x00000029),
        ("Import", 0x0000002A),
        ("Export", 0x0000002B),
        ("Log", 0x0000002C),
        ("Login", 0x0000002D),
        ("Logout", 0x0000002E),
        ("DelegatedLogin", 0x0000002F),
        ("AdjustAttribute", 0x00000030),
        ("SetAttribute", 0x00000031),
        ("SetEndpointRole", 0x00000032),
        ("PKCS_11", 0x00000033),
        ("Interop", 0x00000034),
        ("ReProvision", 0x00000035),
        ("SetDefaults", 0x00000036),
        ("SetConstraints", 0x00000037),
        ("GetConstraints", 0x00000038),
        ("QueryAsynchronousRequests", 0x00000039),
        ("Process", 0x0000003A),
        ("Ping", 0x0000003B),
    ],
    aliases: &[
        ("Add Attribute", 0x0000000D),
        ("Adjust Attribute", 0x00000030),
        ("Create Key Pair", 0x00000002),
        ("Create Split Key", 0x00000028),
        ("Delegated Login", 0x0000002F),
        ("Delete Attribute", 0x0000000F),
        ("Derive Key", 0x00000005),
        ("Discover Versions", 0x0000001E),
        ("Get Attribute List", 0x0000000C),
        ("Get Attributes", 0x0000000B),
        ("Get Constraints", 0x00000038),
        ("Get Usage Allocation", 0x00000011),
        ("Join Split Key", 0x00000029),
        ("MAC Verify", 0x00000024),
        ("Modify Attribute", 0x0000000E),
        ("Obtain Lease", 0x00000010),
        ("PKCS#11", 0x00000033),
        ("Query Asynchronous Requests", 0x00000039),
        ("RNG Retrieve", 0x00000025),
        ("RNG Seed", 0x00000026),
        ("Re-Provision", 0x00000035),
        ("Re-certify", 0x00000007),
        ("Re-key", 0x00000004),
        ("Re-key Key Pair", 0x0000001D),
        ("Set Attribute", 0x00000031),
        ("Set Constraints", 0x00000037),
        ("Set Defaults", 0x00000036),
        ("Set Endpoint Role", 0x00000032),
        ("Signature Verify", 0x00000022),
    ],
    versions: &[
        0b1111111, 0b1111111, 0b1111111, 0b1111111, 0b1111111, 0b1111111, 0b1111111, 0b1111111,
        0b1111111, 0b1111111, 0b1111111, 0b1111111, 0b1111111, 0b1111111, 0b1111111, 0b1111111,
        0b1111111, 0b1111111, 0b1111111, 0b1111111, 0b1111111, 0b1111111, 0b1111111, 0b1111111,
        0b1111111, 0b1111111, 0b1111111, 0b1111111, 0b1111110, 0b1111110, 0b1111100, 0b1111100,
        0b1111100, 0b1111100, 0b1111100, 0b1111100, 0b1111100, 0b1111100, 0b1111100, 0b1111100,
        0b1111100, 0b1110000, 0b1110000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000,
        0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1000000, 0b1000000, 0b1000000,
        0b1000000, 0b1000000, 0b1000000,
    ],
};

static E_PADDING_METHOD: Table = Table {
    values: &[
        ("None", 0x00000001),
        ("OAEP", 0x00000002),
        ("PKCS5", 0x00000003),
        ("SSL3", 0x00000004),
        ("Zeros", 0x00000005),
        ("ANSIX9_23", 0x00000006),
        ("ISO10126", 0x00000007),
        ("PKCS1V1_5", 0x00000008),
        ("X9_31", 0x00000009),
        ("PSS", 0x0000000A),
    ],
    aliases: &[
        ("ANSI X9.23", 0x00000006),
        ("ISO 10126", 0x00000007),
        ("PKCS1 v1.5", 0x00000008),
        ("X9.31", 0x00000009),
    ],
    versions: &[
        0b1111111, 0b1111111, 0b1111111, 0b1111111, 0b1111111, 0b1111111, 0b1111111, 0b1111111,
        0b1111111, 0b1111111,
    ],
};

static E_PKCS_11_FUNCTION: Table = Table {
    values: &[
        ("C_Initialize", 0x00000001),
        ("C_Finalize", 0x00000002),
        ("C_GetInfo", 0x00000003),
        ("C_GetFunctionList", 0x00000004),
        ("C_GetSlotList", 0x00000005),
        ("C_GetSlotInfo", 0x00000006),
        ("C_GetTokenInfo", 0x00000007),
        ("C_GetMechanismList", 0x00000008),
        ("C_GetMechanismInfo", 0x00000009),
        ("C_InitToken", 0x0000000A),
        ("C_InitPIN", 0x0000000B),
        ("C_SetPIN", 0x0000000C),
        ("C_OpenSession", 0x0000000D),
        ("C_CloseSession", 0x0000000E),
        ("C_CloseAllSessions", 0x0000000F),
        ("C_GetSessionInfo", 0x00000010),
        ("C_GetOperationState", 0x00000011),
        ("C_SetOperationState", 0x00000012),
        ("C_Login", 0x00000013),
        ("C_Logout", 0x00000014),
        ("C_CreateObject", 0x00000015),
        ("C_CopyObject", 0x00000016),
        ("C_DestroyObject", 0x00000017),
        ("C_GetObjectSize", 0x00000018),
        ("C_GetAttributeValue", 0x00000019),
        ("C_SetAttributeValue", 0x0000001A),
        ("C_FindObjectsInit", 0x0000001B),
        ("C_FindObjects", 0x0000001C),
        ("C_FindObjectsFinal", 0x0000001D),
        ("C_EncryptInit", 0x0000001E),
        ("C_Encrypt", 0x0000001F),
        ("C_EncryptUpdate", 0x00000020),
        ("C_EncryptFinal", 0x00000021),
        ("C_DecryptInit", 0x00000022),
        ("C_Decrypt", 0x00000023),
        ("C_DecryptUpdate", 0x00000024),
        ("C_DecryptFinal", 0x00000025),
        ("C_DigestInit", 0x00000026),
        ("C_Digest", 0x00000027),
        ("C_DigestUpdate", 0x00000028),
        ("C_DigestKey", 0x00000029),
        ("C_DigestFinal", 0x0000002A),
        ("C_SignInit", 0x0000002B),
        ("C_Sign", 0x0000002C),
        ("C_SignUpdate", 0x0000002D),
        ("C_SignFinal", 0x0000002E),
        ("C_SignRecoverInit", 0x0000002F),
        ("C_SignRecover", 0x00000030),
        ("C_VerifyInit", 0x00000031),
        ("C_Verify", 0x00000032),
        ("C_VerifyUpdate", 0x00000033),
        ("C_VerifyFinal", 0x00000034),
        ("C_VerifyRecoverInit", 0x00000035),
        ("C_VerifyRecover", 0x00000036),
        ("C_DigestEncryptUpdate", 0x00000037),
        ("C_DecryptDigestUpdate", 0x00000038),
        ("C_SignEncryptUpdate", 0x00000039),
        ("C_DecryptVerifyUpdate", 0x0000003A),
        ("C_GenerateKey", 0x0000003B),
        ("C_GenerateKeyPair", 0x0000003C),
        ("C_WrapKey", 0x0000003D),
        ("C_UnwrapKey", 0x0000003E),
        ("C_DeriveKey", 0x0000003F),
        ("C_SeedRandom", 0x00000040),
        ("C_GenerateRandom", 0x00000041),
        ("C_GetFunctionStatus", 0x00000042),
        ("C_CancelFunction", 0x00000043),
        ("C_WaitForSlotEvent", 0x00000044),
        ("C_GetInterfaceList", 0x00000045),
        ("C_GetInterface", 0x00000046),
        ("C_LoginUser", 0x00000047),
        ("C_SessionCancel", 0x00000048),
        ("C_MessageEncryptInit", 0x00000049),
        ("C_EncryptMessage", 0x0000004A),
        ("C_EncryptMessageBegin", 0x0000004B),
        ("C_EncryptMessageNext", 0x0000004C),
        ("C_MessageEncryptFinal", 0x0000004D),
        ("C_MessageDecryptInit", 0x0000004E),
        ("C_DecryptMessage", 0x0000004F),
        ("C_DecryptMessageBegin", 0x00000050),
        ("C_DecryptMessageNext", 0x00000051),
        ("C_MessageDecryptFinal", 0x00000052),
        ("C_MessageSignInit", 0x00000053),
        ("C_SignMessage", 0x00000054),
        ("C_SignMessageBegin", 0x00000055),
        ("C_SignMessageNext", 0x00000056),
        ("C_MessageSignFinal", 0x00000057),
        ("C_MessageVerifyInit", 0x00000058),
        ("C_VerifyMessage", 0x00000059),
        ("C_VerifyMessageBegin", 0x0000005A),
        ("C_VerifyMessageNext", 0x0000005B),
        ("C_MessageVerifyFinal", 0x0000005C),
    ],
    aliases: &[],
    versions: &[
        0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000,
        0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000,
        0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000,
        0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000,
        0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000,
        0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000,
        0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000,
        0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000,
        0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000,
        0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000,
        0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000,
        0b1100000, 0b1100000, 0b1100000, 0b1100000,
    ],
};

static E_PKCS_11_RETURN_CODE: Table = Table {
    values: &[
        ("OK", 0x00000000),
        ("CANCEL", 0x00000001),
        ("HOST_MEMORY", 0x00000002),
        ("SLOT_ID_INVALID", 0x00000003),
        ("GENERAL_ERROR", 0x00000005),
        ("FUNCTION_FAILED", 0x00000006),
        ("ARGUMENTS_BAD", 0x00000007),
        ("NO_EVENT", 0x00000008),
        ("NEED_TO_CREATE_THREADS", 0x00000009),
        ("CANT_LOCK", 0x0000000A),
        ("ATTRIBUTE_READ_ONLY", 0x00000010),
        ("ATTRIBUTE_SENSITIVE", 0x00000011),
        ("ATTRIBUTE_TYPE_INVALID", 0x00000012),
        ("ATTRIBUTE_VALUE_INVALID", 0x00000013),
        ("ACTION_PROHIBITED", 0x0000001B),
        ("DATA_INVALID", 0x00000020),
        ("DATA_LEN_RANGE", 0x00000021),
        ("DEVICE_ERROR", 0x00000030),
        ("DEVICE_MEMORY", 0x00000031),
        ("DEVICE_REMOVED", 0x00000032),
        ("ENCRYPTED_DATA_INVALID", 0x00000040),
        ("ENCRYPTED_DATA_LEN_RANGE", 0x00000041),
        ("AEAD_DECRYPT_FAILED", 0x00000042),
        ("FUNCTION_CANCELED", 0x00000050),
        ("FUNCTION_NOT_PARALLEL", 0x00000051),
        ("FUNCTION_NOT_SUPPORTED", 0x00000054),
        ("KEY_HANDLE_INVALID", 0x00000060),
        ("KEY_SIZE_RANGE", 0x00000062),
        ("KEY_TYPE_INCONSISTENT", 0x00000063),
        ("KEY_NOT_NEEDED", 0x00000064),
        ("KEY_CHANGED", 0x00000065),
        ("KEY_NEEDED", 0x00000066),
        ("KEY_INDIGESTIBLE", 0x00000067),
        ("KEY_FUNCTION_NOT_PERMITTED", 0x00000068),
        ("KEY_NOT_WRAPPABLE", 0x00000069),
        ("KEY_UNEXTRACTABLE", 0x0000006A),
        ("MECHANISM_INVALID", 0x00000070),
        ("MECHANISM_PARAM_INVALID", 0x00000071),
        ("OBJECT_HANDLE_INVALID", 0x00000082),
        ("OPERATION_ACTIVE", 0x00000090),
        ("OPERATION_NOT_INITIALIZED", 0x00000091),
        ("PIN_INCORRECT", 0x000000A0),
        ("PIN_INVALID", 0x000000A1),
        ("PIN_LEN_RANGE", 0x000000A2),
        ("PIN_EXPIRED", 0x000000A3),
        ("PIN_LOCKED", 0x000000A4),
        ("SESSION_CLOSED", 0x000000B0),
        ("SESSION_COUNT", 0x000000B1),
        ("SESSION_HANDLE_INVALID", 0x000000B3),
        ("SESSION_PARALLEL_NOT_SUPPORTED", 0x000000B4),
        ("SESSION_READ_ONLY", 0x000000B5),
        ("SESSION_EXISTS", 0x000000B6),
        ("SESSION_READ_ONLY_EXISTS", 0x000000B7),
        ("SESSION_READ_WRITE_SO_EXISTS", 0x000000B8),
        ("SIGNATURE_INVALID", 0x000000C0),
        ("SIGNATURE_LEN_RANGE", 0x000000C1),
        ("TEMPLATE_INCOMPLETE", 0x000000D0),
        ("TEMPLATE_INCONSISTENT", 0x000000D1),
        ("TOKEN_NOT_PRESENT", 0x000000E0),
        ("TOKEN_NOT_RECOGNIZED", 0x000000E1),
        ("TOKEN_WRITE_PROTECTED", 0x000000E2),
        ("UNWRAPPING_KEY_HANDLE_INVALID", 0x000000F0),
        ("UNWRAPPING_KEY_SIZE_RANGE", 0x000000F1),
        ("UNWRAPPING_KEY_TYPE_INCONSISTENT", 0x000000F2),
        ("USER_ALREADY_LOGGED_IN", 0x00000100),
        ("USER_NOT_LOGGED_IN", 0x00000101),
        ("USER_PIN_NOT_INITIALIZED", 0x00000102),
        ("USER_TYPE_INVALID", 0x00000103),
        ("USER_ANOTHER_ALREADY_LOGGED_IN", 0x00000104),
        ("USER_TOO_MANY_TYPES", 0x00000105),
        ("WRAPPED_KEY_INVALID", 0x00000110),
        ("WRAPPED_KEY_LEN_RANGE", 0x00000112),
        ("WRAPPING_KEY_HANDLE_INVALID", 0x00000113),
        ("WRAPPING_KEY_SIZE_RANGE", 0x00000114),
        ("WRAPPING_KEY_TYPE_INCONSISTENT", 0x00000115),
        ("RANDOM_SEED_NOT_SUPPORTED", 0x00000120),
        ("RANDOM_NO_RNG", 0x00000121),
        ("DOMAIN_PARAMS_INVALID", 0x00000130),
        ("CURVE_NOT_SUPPORTED", 0x00000140),
        ("BUFFER_TOO_SMALL", 0x00000150),
        ("SAVED_STATE_INVALID", 0x00000160),
        ("INFORMATION_SENSITIVE", 0x00000170),
        ("STATE_UNSAVEABLE", 0x00000180),
        ("CRYPTOKI_NOT_INITIALIZED", 0x00000190),
        ("CRYPTOKI_ALREADY_INITIALIZED", 0x00000191),
        ("MUTEX_BAD", 0x000001A0),
        ("MUTEX_NOT_LOCKED", 0x000001A1),
        ("NEW_PIN_MODE", 0x000001B0),
        ("NEXT_OTP", 0x000001B1),
        ("EXCEEDED_MAX_ITERATIONS", 0x000001B5),
        ("FIPS_SELF_TEST_FAILED", 0x000001B6),
        ("LIBRARY_LOAD_FAILED", 0x000001B7),
        ("PIN_TOO_WEAK", 0x000001B8),
        ("PUBLIC_KEY_INVALID", 0x000001B9),
        ("FUNCTION_REJECTED", 0x00000200),
        ("TOKEN_RESOURCE_EXCEEDED", 0x00000201),
        ("OPERATION_CANCEL_FAILED", 0x00000202),
    ],
    aliases: &[],
    versions: &[
        0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000,
        0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000,
        0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000,
        0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000,
        0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000,
        0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000,
        0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000,
        0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000,
        0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000,
        0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000,
        0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000,
        0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000,
        0b1100000,
    ],
};

static E_PROCESSING_STAGE: Table = Table {
    values: &[
        ("Submitted", 0x00000001),
        ("InProcess", 0x00000002),
        ("Completed", 0x00000003),
    ],
    aliases: &[("In Process", 0x00000002)],
    versions: &[0b1000000, 0b1000000, 0b1000000],
};

static E_PROFILE_NAME: Table = Table {
    values: &[
        ("BaselineServerBasicKMIPV1_2", 0x00000001),
        ("BaselineServerTLSV1_2KMIPV1_2", 0x00000002),
        ("BaselineClientBasicKMIPV1_2", 0x00000003),
        ("BaselineClientTLSV1_2KMIPV1_2", 0x00000004),
        ("CompleteServerBasicKMIPV1_2", 0x00000005),
        ("CompleteServerTLSV1_2KMIPV1_2", 0x00000006),
        ("TapeLibraryClientKMIPV1_0", 0x00000007),
        ("TapeLibraryClientKMIPV1_1", 0x00000008),
        ("TapeLibraryClientKMIPV1_2", 0x00000009),
        ("TapeLibraryServerKMIPV1_0", 0x0000000A),
        ("TapeLibraryServerKMIPV1_1", 0x0000000B),
        ("TapeLibraryServerKMIPV1_2", 0x0000000C),
        ("SymmetricKeyLifecycleClientKMIPV1_0", 0x0000000D),
        ("SymmetricKeyLifecycleClientKMIPV1_1", 0x0000000E),
        ("SymmetricKeyLifecycleClientKMIPV1_2", 0x0000000F),
        ("SymmetricKeyLifecycleServerKMIPV1_0", 0x00000010),
        ("SymmetricKeyLifecycleServerKMIPV1_1", 0x00000011),
        ("SymmetricKeyLifecycleServerKMIPV1_2", 0x00000012),
        ("AsymmetricKeyLifecycleClientKMIPV1_0", 0x00000013),
        ("AsymmetricKeyLifecycleClientKMIPV1_1", 0x00000014),
        ("AsymmetricKeyLifecycleClientKMIPV1_2", 0x00000015),
        ("AsymmetricKeyLifecycleServerKMIPV1_0", 0x00000016),
        ("AsymmetricKeyLifecycleServerKMIPV1_1", 0x00000017),
        ("AsymmetricKeyLifecycleServerKMIPV1_2", 0x00000018),
        ("BasicCryptographicClientKMIPV1_2", 0x00000019),
        ("BasicCryptographicServerKMIPV1_2", 0x0000001A),
        ("AdvancedCryptographicClientKMIPV1_2", 0x0000001B),
        ("AdvancedCryptographicServerKMIPV1_2", 0x0000001C),
        ("RNGCryptographicClientKMIPV1_2", 0x0000001D),
        ("RNGCryptographicServerKMIPV1_2", 0x0000001E),
        ("BasicSymmetricKeyFoundryClientKMIPV1_0", 0x0000001F),
        ("IntermediateSymmetricKeyFoundryClientKMIPV1_0", 0x00000020),
        ("AdvancedSymmetricKeyFoundryClientKMIPV1_0", 0x00000021),
        ("BasicSymmetricKeyFoundryClientKMIPV1_1", 0x00000022),
        ("IntermediateSymmetricKeyFoundryClientKMIPV1_1", 0x00000023),
        ("AdvancedSymmetricKeyFoundryClientKMIPV1_1", 0x00000024),
        ("BasicSymmetricKeyFoundryClientKMIPV1_2", 0x00000025),
        ("IntermediateSymmetricKeyFoundryClientKMIPV1_2", 0x00000026),
        ("AdvancedSymmetricKeyFoundryClientKMIPV1_2", 0x00000027),
        ("SymmetricKeyFoundryServerKMIPV1_0", 0x00000028),
        ("SymmetricKeyFoundryServerKMIPV1_1", 0x00000029),
        ("SymmetricKeyFoundryServerKMIPV1_2", 0x0000002A),
        ("OpaqueManagedObjectStoreClientKMIPV1_0", 0x0000002B),
        ("OpaqueManagedObjectStoreClientKMIPV1_1", 0x0000002C),
        ("OpaqueManagedObjectStoreClientKMIPV1_2", 0x0000002D),
        ("OpaqueManagedObjectStoreServerKMIPV1_0", 0x0000002E),
        ("OpaqueManagedObjectStoreServerKMIPV1_1", 0x0000002F),
        ("OpaqueManagedObjectStoreServerKMIPV1_2", 0x00000030),
        ("SuiteBMinLOS_128ClientKMIPV1_0", 0x00000031),
        ("SuiteBMinLOS_128ClientKMIPV1_1", 0x00000032),
        ("SuiteBMinLOS_128ClientKMIPV1_2", 0x00000033),
        ("SuiteBMinLOS_128ServerKMIPV1_0", 0x00000034),
        ("SuiteBMinLOS_128ServerKMIPV1_1", 0x00000035),
        ("SuiteBMinLOS_128ServerKMIPV1_2", 0x00000036),
        ("SuiteBMinLOS_192ClientKMIPV1_0", 0x00000037),
        ("SuiteBMinLOS_192ClientKMIPV1_1", 0x00000038),
        ("SuiteBMinLOS_192ClientKMIPV1_2", 0x00000039),
        ("SuiteBMinLOS_192ServerKMIPV1_0", 0x0000003A),
        ("SuiteBMinLOS_192ServerKMIPV1_1", 0x0000003B),
        ("SuiteBMinLOS_192ServerKMIPV1_2", 0x0000003C),
        (
            "StorageArrayWithSelfEncryptingDriveClientKMIPV1_0",
            0x0000003D,
        ),
        (
            "StorageArrayWithSelfEncryptingDriveClientKMIPV1_1",
            0x0000003E,
        ),
        (
            "StorageArrayWithSelfEncryptingDriveClientKMIPV1_2",
            0x0000003F,
        ),
        (
            "StorageArrayWithSelfEncryptingDriveServerKMIPV1_0",
            0x00000040,
        ),
        (
            "StorageArrayWithSelfEncryptingDriveServerKMIPV1_1",
            0x00000041,
        ),
        (
            "StorageArrayWithSelfEncryptingDriveServerKMIPV1_2",
            0x00000042,
        ),
        ("HTTPSClientKMIPV1_0", 0x00000043),
        ("HTTPSClientKMIPV1_1", 0x00000044),
        ("HTTPSClientKMIPV1_2", 0x00000045),
        ("HTTPSServerKMIPV1_0", 0x00000046),
        ("HTTPSServerKMIPV1_1", 0x00000047),
        ("HTTPSServerKMIPV1_2", 0x00000048),
        ("JSONClientKMIPV1_0", 0x00000049),
        ("JSONClientKMIPV1_1", 0x0000004A),
        ("JSONClientKMIPV1_2", 0x0000004B),
        ("JSONServerKMIPV1_0", 0x0000004C),
        ("JSONServerKMIPV1_1", 0x0000004D),
        ("JSONServerKMIPV1_2", 0x0000004E),
        ("XMLClientKMIPV1_0", 0x0000004F),
        ("XMLClientKMIPV1_1", 0x00000050),
        ("XMLClientKMIPV1_2", 0x00000051),
        ("XMLServerKMIPV1_0", 0x00000052),
        ("XMLServerKMIPV1_1", 0x00000053),
        ("XMLServerKMIPV1_2", 0x00000054),
        ("BaselineServerBasicKMIPV1_3", 0x00000055),
        ("BaselineServerTLSV1_2KMIPV1_3", 0x00000056),
        ("BaselineClientBasicKMIPV1_3", 0x00000057),
        ("BaselineClientTLSV1_2KMIPV1_3", 0x00000058),
        ("CompleteServerBasicKMIPV1_3", 0x00000059),
        ("CompleteServerTLSV1_2KMIPV1_3", 0x0000005A),
        ("TapeLibraryClientKMIPV1_3", 0x0000005B),
        ("TapeLibraryServerKMIPV1_3", 0x0000005C),
        ("SymmetricKeyLifecycleClientKMIPV1_3", 0x0000005D),
        ("SymmetricKeyLifecycleServerKMIPV1_3", 0x0000005E),
        ("AsymmetricKeyLifecycleClientKMIPV1_3", 0x0000005F),
        ("AsymmetricKeyLifecycleServerKMIPV1_3", 0x00000060),
        ("BasicCryptographicClientKMIPV1_3", 0x00000061),
        ("BasicCryptographicServerKMIPV1_3", 0x00000062),
        ("AdvancedCryptographicClientKMIPV1_3", 0x00000063),
        ("AdvancedCryptographicServerKMIPV1_3", 0x00000064),
        ("RNGCryptographicClientKMIPV1_3", 0x00000065),
        ("RNGCryptographicServerKMIPV1_3", 0x00000066),
        ("BasicSymmetricKeyFoundryClientKMIPV1_3", 0x00000067),
        ("IntermediateSymmetricKeyFoundryClientKMIPV1_3", 0x00000068),
        ("AdvancedSymmetricKeyFoundryClientKMIPV1_3", 0x00000069),
        ("SymmetricKeyFoundryServerKMIPV1_3", 0x0000006A),
        ("OpaqueManagedObjectStoreClientKMIPV1_3", 0x0000006B),
        ("OpaqueManagedObjectStoreServerKMIPV1_3", 0x0000006C),
        ("SuiteBMinLOS_128ClientKMIPV1_3", 0x0000006D),
        ("SuiteBMinLOS_128ServerKMIPV1_3", 0x0000006E),
        ("SuiteBMinLOS_192ClientKMIPV1_3", 0x0000006F),
        ("SuiteBMinLOS_192ServerKMIPV1_3", 0x00000070),
        (
            "StorageArrayWithSelfEncryptingDriveClientKMIPV1_3",
            0x00000071,
        ),
        (
            "StorageArrayWithSelfEncryptingDriveServerKMIPV1_3",
            0x00000072,
        ),
        ("HTTPSClientKMIPV1_3", 0x00000073),
        ("HTTPSServerKMIPV1_3", 0x00000074),
        ("JSONClientKMIPV1_3", 0x00000075),
        ("JSONServerKMIPV1_3", 0x00000076),
        ("XMLClientKMIPV1_3", 0x00000077),
        ("XMLServerKMIPV1_3", 0x00000078),
        ("BaselineServerBasicKMIPV1_4", 0x00000079),
        ("BaselineServerTLSV1_2KMIPV1_4", 0x0000007A),
        ("BaselineClientBasicKMIPV1_4", 0x0000007B),
        ("BaselineClientTLSV1_2KMIPV1_4", 0x0000007C),
        ("CompleteServerBasicKMIPV1_4", 0x0000007D),
        ("CompleteServerTLSV1_2KMIPV1_4", 0x0000007E),
        ("TapeLibraryClientKMIPV1_4", 0x0000007F),
        ("TapeLibraryServerKMIPV1_4", 0x00000080),
        ("SymmetricKeyLifecycleClientKMIPV1_4", 0x00000081),
        ("SymmetricKeyLifecycleServerKMIPV1_4", 0x00000082),
        ("AsymmetricKeyLifecycleClientKMIPV1_4", 0x00000083),
        ("AsymmetricKeyLifecycleServerKMIPV1_4", 0x00000084),
        ("BasicCryptographicClientKMIPV1_4", 0x00000085),
        ("BasicCryptographicServerKMIPV1_4", 0x00000086),
        ("AdvancedCryptographicClientKMIPV1_4", 0x00000087),
        ("AdvancedCryptographicServerKMIPV1_4", 0x00000088),
        ("RNGCryptographicClientKMIPV1_4", 0x00000089),
        ("RNGCryptographicServerKMIPV1_4", 0x0000008A),
        ("BasicSymmetricKeyFoundryClientKMIPV1_4", 0x0000008B),
        ("IntermediateSymmetricKeyFoundryClientKMIPV1_4", 0x0000008C),
        ("AdvancedSymmetricKeyFoundryClientKMIPV1_4", 0x0000008D),
        ("SymmetricKeyFoundryServerKMIPV1_4", 0x0000008E),
        ("OpaqueManagedObjectStoreClientKMIPV1_4", 0x0000008F),
        ("OpaqueManagedObjectStoreServerKMIPV1_4", 0x00000090),
        ("SuiteBMinLOS_128ClientKMIPV1_4", 0x00000091),
        ("SuiteBMinLOS_128ServerKMIPV1_4", 0x00000092),
        ("SuiteBMinLOS_192ClientKMIPV1_4", 0x00000093),
        ("SuiteBMinLOS_192ServerKMIPV1_4", 0x00000094),
        (
            "StorageArrayWithSelfEncryptingDriveClientKMIPV1_4",
            0x00000095,
        ),
        (
            "StorageArrayWithSelfEncryptingDriveServerKMIPV1_4",
            0x00000096,
        ),
        ("HTTPSClientKMIPV1_4", 0x00000097),
        ("HTTPSServerKMIPV1_4", 0x00000098),
        ("JSONClientKMIPV1_4", 0x00000099),
        ("JSONServerKMIPV1_4", 0x0000009A),
        ("XMLClientKMIPV1_4", 0x0000009B),
        ("XMLServerKMIPV1_4", 0x0000009C),
        ("CompleteServerBasic", 0x00000104),
        ("CompleteServerTLSV1_2", 0x00000105),
        ("TapeLibraryClient", 0x00000106),
        ("TapeLibraryServer", 0x00000107),
        ("SymmetricKeyLifecycleClient", 0x00000108),
        ("SymmetricKeyLifecycleServer", 0x00000109),
        ("AsymmetricKeyLifecycleClient", 0x0000010A),
        ("AsymmetricKeyLifecycleServer", 0x0000010B),
        ("BasicCryptographicClient", 0x0000010C),
        ("BasicCryptographicServer", 0x0000010D),
        ("AdvancedCryptographicClient", 0x0000010E),
        ("AdvancedCryptographicServer", 0x0000010F),
        ("RNGCryptographicClient", 0x00000110),
        ("RNGCryptographicServer", 0x00000111),
        ("BasicSymmetricKeyFoundryClient", 0x00000112),
        ("IntermediateSymmetricKeyFoundryClient", 0x00000113),
        ("AdvancedSymmetricKeyFoundryClient", 0x00000114),
        ("SymmetricKeyFoundryServer", 0x00000115),
        ("OpaqueManagedObjectStoreClient", 0x00000116),
        ("OpaqueManagedObjectStoreServer", 0x00000117),
        ("StorageArrayWithSelfEncryptingDriveClient", 0x0000011C),
        ("StorageArrayWithSelfEncryptingDriveServer", 0x0000011D),
        ("HTTPSClient", 0x0000011E),
        ("HTTPSServer", 0x0000011F),
        ("JSONClient", 0x00000120),
        ("JSONServer", 0x00000121),
        ("XMLClient", 0x00000122),
        ("XMLServer", 0x00000123),
        ("AESXTSClient", 0x00000124),
        ("AESXTSServer", 0x00000125),
        ("QuantumSafeClient", 0x00000126),
        ("QuantumSafeServer", 0x00000127),
        ("PKCS_11Client", 0x00000128),
        ("PKCS_11Server", 0x00000129),
        ("BaselineClient", 0x0000012A),
        ("BaselineServer", 0x0000012B),
        ("CompleteServer", 0x0000012C),
    ],
    aliases: &[
        ("AES XTS Client", 0x00000124),
        ("AES XTS Server", 0x00000125),
        ("Advanced Cryptographic Client", 0x0000010E),
        ("Advanced Cryptographic Client KMIP v1.2", 0x0000001B),
        ("Advanced Cryptographic Client KMIP v1.3", 0x00000063),
        ("Advanced Cryptographic Client KMIP v1.4", 0x00000087),
        ("Advanced Cryptographic Server", 0x0000010F),
        ("Advanced Cryptographic Server KMIP v1.2", 0x0000001C),
        ("Advanced Cryptographic Server KMIP v1.3", 0x00000064),
        ("Advanced Cryptographic Server KMIP v1.4", 0x00000088),
        ("Advanced Symmetric Key Foundry Client", 0x00000114),
        (
            "Advanced Symmetric Key Foundry Client KMIP v1.0",
            0x00000021,
        ),
        (
            "Advanced Symmetric Key Foundry Client KMIP v1.1",
            0x00000024,
        ),
        (
            "Advanced Symmetric Key Foundry Client KMIP v1.2",
            0x00000027,
        ),
        (
            "Advanced Symmetric Key Foundry Client KMIP v1.3",
            0x00000069,
        ),
        (
            "Advanced Symmetric Key Foundry Client KMIP v1.4",
            0x0000008D,
        ),
        ("Asymmetric Key Lifecycle Client", 0x0000010A),
        ("Asymmetric Key Lifecycle Client KMIP v1.0", 0x00000013),
        ("Asymmetric Key Lifecycle Client KMIP v1.1", 0x00000014),
        ("Asymmetric Key Lifecycle Client KMIP v1.2", 0x00000015),
        ("Asymmetric Key Lifecycle Client KMIP v1.3", 0x0000005F),
        ("Asymmetric Key Lifecycle Client KMIP v1.4", 0x00000083),
        ("Asymmetric Key Lifecycle Server", 0x0000010B),
        ("Asymmetric Key Lifecycle Server KMIP v1.0", 0x00000016),
        ("Asymmetric Key Lifecycle Server KMIP v1.1", 0x00000017),
        ("Asymmetric Key Lifecycle Server KMIP v1.2", 0x00000018),
        ("Asymmetric Key Lifecycle Server KMIP v1.3", 0x00000060),
        ("Asymmetric Key Lifecycle Server KMIP v1.4", 0x00000084),
        ("Baseline Client", 0x0000012A),
        ("Baseline Client Basic KMIP v1.2", 0x00000003),
        ("Baseline Client Basic KMIP v1.3", 0x00000057),
        ("Baseline Client Basic KMIP v1.4", 0x0000007B),
        ("Baseline Client TLS v1.2 KMIP v1.2", 0x00000004),
        ("Baseline Client TLS v1.2 KMIP v1.3", 0x00000058),
        ("Baseline Client TLS v1.2 KMIP v1.4", 0x0000007C),
        ("Baseline Server", 0x0000012B),
        ("Baseline Server Basic KMIP v1.2", 0x00000001),
        ("Baseline Server Basic KMIP v1.3", 0x00000055),
        ("Baseline Server Basic KMIP v1.4", 0x00000079),
        ("Baseline Server TLS v1.2 KMIP v1.2", 0x00000002),
        ("Baseline Server TLS v1.2 KMIP v1.3", 0x00000056),
        ("Baseline Server TLS v1.2 KMIP v1.4", 0x0000007A),
        ("Basic Cryptographic Client", 0x0000010C),
        ("Basic Cryptographic Client KMIP v1.2", 0x00000019),
        ("Basic Cryptographic Client KMIP v1.3", 0x00000061),
        ("Basic Cryptographic Client KMIP v1.4", 0x00000085),
        ("Basic Cryptographic Server", 0x0000010D),
        ("Basic Cryptographic Server KMIP v1.2", 0x0000001A),
        ("Basic Cryptographic Server KMIP v1.3", 0x00000062),
        ("Basic Cryptographic Server KMIP v1.4", 0x00000086),
        ("Basic Symmetric Key Foundry Client", 0x00000112),
        ("Basic Symmetric Key Foundry Client KMIP v1.0", 0x0000001F),
        ("Basic Symmetric Key Foundry Client KMIP v1.1", 0x00000022),
        ("Basic Symmetric Key Foundry Client KMIP v1.2", 0x00000025),
        ("Basic Symmetric Key Foundry Client KMIP v1.3", 0x00000067),
        ("Basic Symmetric Key Foundry Client KMIP v1.4", 0x0000008B),
        ("Complete Server", 0x0000012C),
        ("Complete Server Basic", 0x00000104),
        ("Complete Server Basic KMIP v1.2", 0x00000005),
        ("Complete Server Basic KMIP v1.3", 0x00000059),
        ("Complete Server Basic KMIP v1.4", 0x0000007D),
        ("Complete Server TLS v1.2", 0x00000105),
        ("Complete Server TLS v1.2 KMIP v1.2", 0x00000006),
        ("Complete Server TLS v1.2 KMIP v1.3", 0x0000005A),
        ("Complete Server TLS v1.2 KMIP v1.4", 0x0000007E),
        ("HTTPS Client", 0x0000011E),
        ("HTTPS Client KMIP v1.0", 0x00000043),
        ("HTTPS Client KMIP v1.1", 0x00000044),
        ("HTTPS Client KMIP v1.2", 0x00000045),
        ("HTTPS Client KMIP v1.3", 0x00000073),
        ("HTTPS Client KMIP v1.4", 0x00000097),
        ("HTTPS Server", 0x0000011F),
        ("HTTPS Server KMIP v1.0", 0x00000046),
        ("HTTPS Server KMIP v1.1", 0x00000047),
        ("HTTPS Server KMIP v1.2", 0x00000048),
        ("HTTPS Server KMIP v1.3", 0x00000074),
        ("HTTPS Server KMIP v1.4", 0x00000098),
        ("Intermediate Symmetric Key Foundry Client", 0x00000113),
        (
            "Intermediate Symmetric Key Foundry Client KMIP v1.0",
            0x00000020,
        ),
        (
            "Intermediate Symmetric Key Foundry Client KMIP v1.1",
            0x00000023,
        ),
        (
            "Intermediate Symmetric Key Foundry Client KMIP v1.2",
            0x00000026,
        ),
        (
            "Intermediate Symmetric Key Foundry Client KMIP v1.3",
            0x00000068,
        ),
        (
            "Intermediate Symmetric Key Foundry Client KMIP v1.4",
            0x0000008C,
        ),
        ("JSON Client", 0x00000120),
        ("JSON Client KMIP v1.0", 0x00000049),
        ("JSON Client KMIP v1.1", 0x0000004A),
        ("JSON Client KMIP v1.2", 0x0000004B),
        ("JSON Client KMIP v1.3", 0x00000075),
        ("JSON Client KMIP v1.4", 0x00000099),
        ("JSON Server", 0x00000121),
        ("JSON Server KMIP v1.0", 0x0000004C),
        ("JSON Server KMIP v1.1", 0x0000004D),
        ("JSON Server KMIP v1.2", 0x0000004E),
        ("JSON Server KMIP v1.3", 0x00000076),
        ("JSON Server KMIP v1.4", 0x0000009A),
        ("Opaque Managed Object Store Client", 0x00000116),
        ("Opaque Managed Object Store Client KMIP v1.0", 0x0000002B),
        ("Opaque Managed Object Store Client KMIP v1.1", 0x0000002C),
        ("Opaque Managed Object Store Client KMIP v1.2", 0x0000002D),
        ("Opaque Managed Object Store Client KMIP v1.3", 0x0000006B),
        ("Opaque Managed Object Store Client KMIP v1.4", 0x0000008F),
        ("Opaque Managed Object Store Server", 0x00000117),
        ("Opaque Managed Object Store Server KMIP v1.0", 0x0000002E),
        ("Opaque Managed Object Store Server KMIP v1.1", 0x0000002F),
        ("Opaque Managed Object Store Server KMIP v1.2", 0x00000030),
        ("Opaque Managed Object Store Server KMIP v1.3", 0x0000006C),
        ("Opaque Managed Object Store Server KMIP v1.4", 0x00000090),
        ("PKCS#11 Client", 0x00000128),
        ("PKCS#11 Server", 0x00000129),
        ("Quantum Safe Client", 0x00000126),
        ("Quantum Safe Server", 0x00000127),
        ("RNG Cryptographic Client", 0x00000110),
        ("RNG Cryptographic Client KMIP v1.2", 0x0000001D),
        ("RNG Cryptographic Client KMIP v1.3", 0x00000065),
        ("RNG Cryptographic Client KMIP v1.4", 0x00000089),
        ("RNG Cryptographic Server", 0x00000111),
        ("RNG Cryptographic Server KMIP v1.2", 0x0000001E),
        ("RNG Cryptographic Server KMIP v1.3", 0x00000066),
        ("RNG Cryptographic Server KMIP v1.4", 0x0000008A),
        (
            "Storage Array with Self Encrypting Drive Client",
            0x0000011C,
        ),
        (
            "Storage Array with Self Encrypting Drive Client KMIP v1.0",
            0x0000003D,
        ),
        (
            "Storage Array with Self Encrypting Drive Client KMIP v1.1",
            0x0000003E,
        ),
        (
            "Storage Array with Self Encrypting Drive Client KMIP v1.2",
            0x0000003F,
        ),
        (
            "Storage Array with Self Encrypting Drive Client KMIP v1.3",
            0x00000071,
        ),
        (
            "Storage Array with Self Encrypting Drive Client KMIP v1.4",
            0x00000095,
        ),
        (
            "Storage Array with Self Encrypting Drive Server",
            0x0000011D,
        ),
        (
            "Storage Array with Self Encrypting Drive Server KMIP v1.0",
            0x00000040,
        ),
        (
            "Storage Array with Self Encrypting Drive Server KMIP v1.1",
            0x00000041,
        ),
        (
            "Storage Array with Self Encrypting Drive Server KMIP v1.2",
            0x00000042,
        ),
        (
            "Storage Array with Self Encrypting Drive Server KMIP v1.3",
            0x00000072,
        ),
        (
            "Storage Array with Self Encrypting Drive Server KMIP v1.4",
            0x00000096,
        ),
        ("Suite B minLOS_128 Client KMIP v1.0", 0x00000031),
        ("Suite B minLOS_128 Client KMIP v1.1", 0x00000032),
        ("Suite B minLOS_128 Client KMIP v1.2", 0x00000033),
        ("Suite B minLOS_128 Client KMIP v1.3", 0x0000006D),
        ("Suite B minLOS_128 Client KMIP v1.4", 0x00000091),
        ("Suite B minLOS_128 Server KMIP v1.0", 0x00000034),
        ("Suite B minLOS_128 Server KMIP v1.1", 0x00000035),
        ("Suite B minLOS_128 Server KMIP v1.2", 0x00000036),
        ("Suite B minLOS_128 Server KMIP v1.3", 0x0000006E),
        ("Suite B minLOS_128 Server KMIP v1.4", 0x00000092),
        ("Suite B minLOS_192 Client KMIP v1.0", 0x00000037),
        ("Suite B minLOS_192 Client KMIP v1.1", 0x00000038),
        ("Suite B minLOS_192 Client KMIP v1.2", 0x00000039),
        ("Suite B minLOS_192 Client KMIP v1.3", 0x0000006F),
        ("Suite B minLOS_192 Client KMIP v1.4", 0x00000093),
        ("Suite B minLOS_192 Server KMIP v1.0", 0x0000003A),
        ("Suite B minLOS_192 Server KMIP v1.1", 0x0000003B),
        ("Suite B minLOS_192 Server KMIP v1.2", 0x0000003C),
        ("Suite B minLOS_192 Server KMIP v1.3", 0x00000070),
        ("Suite B minLOS_192 Server KMIP v1.4", 0x00000094),
        ("Symmetric Key Foundry Server", 0x00000115),
        ("Symmetric Key Foundry Server KMIP v1.0", 0x00000028),
        ("Symmetric Key Foundry Server KMIP v1.1", 0x00000029),
        ("Symmetric Key Foundry Server KMIP v1.2", 0x0000002A),
        ("Symmetric Key Foundry Server KMIP v1.3", 0x0000006A),
        ("Symmetric Key Foundry Server KMIP v1.4", 0x0000008E),
        ("Symmetric Key Lifecycle Client", 0x00000108),
        ("Symmetric Key Lifecycle Client KMIP v1.0", 0x0000000D),
        ("Symmetric Key Lifecycle Client KMIP v1.1", 0x0000000E),
        ("Symmetric Key Lifecycle Client KMIP v1.2", 0x0000000F),
        ("Symmetric Key Lifecycle Client KMIP v1.3", 0x0000005D),
        ("Symmetric Key Lifecycle Client KMIP v1.4", 0x00000081),
        ("Symmetric Key Lifecycle Server", 0x00000109),
        ("Symmetric Key Lifecycle Server KMIP v1.0", 0x00000010),
        ("Symmetric Key Lifecycle Server KMIP v1.1", 0x00000011),
        ("Symmetric Key Lifecycle Server KMIP v1.2", 0x00000012),
        ("Symmetric Key Lifecycle Server KMIP v1.3", 0x0000005E),
        ("Symmetric Key Lifecycle Server KMIP v1.4", 0x00000082),
        ("Tape Library Client", 0x00000106),
        ("Tape Library Client KMIP v1.0", 0x00000007),
        ("Tape Library Client KMIP v1.1", 0x00000008),
        ("Tape Library Client KMIP v1.2", 0x00000009),
        ("Tape Library Client KMIP v1.3", 0x0000005B),
        ("Tape Library Client KMIP v1.4", 0x0000007F),
        ("Tape Library Server", 0x00000107),
        ("Tape Library Server KMIP v1.0", 0x0000000A),
        ("Tape Library Server KMIP v1.1", 0x0000000B),
        ("Tape Library Server KMIP v1.2", 0x0000000C),
        ("Tape Library Server KMIP v1.3", 0x0000005C),
        ("Tape Library Server KMIP v1.4", 0x00000080),
        ("XML Client", 0x00000122),
        ("XML Client KMIP v1.0", 0x0000004F),
        ("XML Client KMIP v1.1", 0x00000050),
        ("XML Client KMIP v1.2", 0x00000051),
        ("XML Client KMIP v1.3", 0x00000077),
        ("XML Client KMIP v1.4", 0x0000009B),
        ("XML Server", 0x00000123),
        ("XML Server KMIP v1.0", 0x00000052),
        ("XML Server KMIP v1.1", 0x00000053),
        ("XML Server KMIP v1.2", 0x00000054),
        ("XML Server KMIP v1.3", 0x00000078),
        ("XML Server KMIP v1.4", 0x0000009C),
    ],
    versions: &[
        0b0011000, 0b0011000, 0b0011000, 0b0011000, 0b0011000, 0b0011000, 0b0011000, 0b0011000,
        0b0011000, 0b0011000, 0b0011000, 0b0011000, 0b0011000, 0b0011000, 0b0011000, 0b0011000,
        0b0011000, 0b0011000, 0b0011000, 0b0011000, 0b0011000, 0b0011000, 0b0011000, 0b0011000,
        0b0011000, 0b0011000, 0b0011000, 0b0011000, 0b0011000, 0b0011000, 0b0011000, 0b0011000,
        0b0011000, 0b0011000, 0b0011000, 0b0011000, 0b0011000, 0b0011000, 0b0011000, 0b0011000,
        0b0011000, 0b0011000, 0b0011000, 0b0011000, 0b0011000, 0b0011000, 0b0011000, 0b0011000,
        0b0011000, 0b0011000, 0b0011000, 0b0011000, 0b0011000, 0b0011000, 0b0011000, 0b0011000,
        0b0011000, 0b0011000, 0b0011000, 0b0011000, 0b0011000, 0b0011000, 0b0011000, 0b0011000,
        0b0011000, 0b0011000, 0b0011000, 0b0011000, 0b0011000, 0b0011000, 0b0011000, 0b0011000,
        0b0011000, 0b0011000, 0b0011000, 0b0011000, 0b0011000, 0b0011000, 0b0011000, 0b0011000,
        0b0011000, 0b0011000, 0b0011000, 0b0011000, 0b0011000, 0b0011000, 0b0011000, 0b0011000,
        0b0011000, 0b0011000, 0b0011000, 0b0011000, 0b0011000, 0b0011000, 0b0011000, 0b0011000,
        0b0011000, 0b0011000, 0b0011000, 0b0011000, 0b0011000, 0b0011000, 0b0011000, 0b0011000,
        0b0011000, 0b0011000, 0b0011000, 0b0011000, 0b0011000, 0b0011000, 0b0011000, 0b0011000,
        0b0011000, 0b0011000, 0b0011000, 0b0011000, 0b0011000, 0b0011000, 0b0011000, 0b0011000,
        0b0010000, 0b0010000, 0b0010000, 0b0010000, 0b0010000, 0b0010000, 0b0010000, 0b0010000,
        0b0010000, 0b0010000, 0b0010000, 0b0010000, 0b0010000, 0b0010000, 0b0010000, 0b0010000,
        0b0010000, 0b0010000, 0b0010000, 0b0010000, 0b0010000, 0b0010000, 0b0010000, 0b0010000,
        0b0010000, 0b0010000, 0b0010000, 0b0010000, 0b0010000, 0b0010000, 0b0010000, 0b0010000,
        0b0010000, 0b0010000, 0b0010000, 0b0010000, 0b1100000, 0b1100000, 0b1100000, 0b1100000,
        0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000,
        0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000,
        0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000,
        0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000,
        0b1100000,
    ],
};

static E_PROTECTION_LEVEL: Table = Table {
    values: &[("High", 0x00000001), ("Low", 0x00000002)],
    aliases: &[],
    versions: &[0b1100000, 0b1100000],
};

static E_PUT_FUNCTION: Table = Table {
    values: &[("New", 0x00000001), ("Replace", 0x00000002)],
    aliases: &[],
    versions: &[0b1111111, 0b1111111],
};

static E_QUERY_FUNCTION: Table = Table {
    values: &[
        ("QueryOperations", 0x00000001),
        ("QueryObjects", 0x00000002),
        ("QueryServerInformation", 0x00000003),
        ("QueryApplicationNamespaces", 0x00000004),
        ("QueryExtensionList", 0x00000005),
        ("QueryExtensionMap", 0x00000006),
        ("QueryAttestationTypes", 0x00000007),
        ("QueryRNGs", 0x00000008),
        ("QueryValidations", 0x00000009),
        ("QueryProfiles", 0x0000000A),
        ("QueryCapabilities", 0x0000000B),
        ("QueryClientRegistrationMethods", 0x0000000C),
        ("QueryDefaultsInformation", 0x0000000D),
        ("QueryStorageProtectionMasks", 0x0000000E),
    ],
    aliases: &[
        ("Query Application Namespaces", 0x00000004),
        ("Query Attestation Types", 0x00000007),
        ("Query Capabilities", 0x0000000B),
        ("Query Client Registration Methods", 0x0000000C),
        ("Query Defaults Information", 0x0000000D),
        ("Query Extension List", 0x00000005),
        ("Query Extension Map", 0x00000006),
        ("Query Objects", 0x00000002),
        ("Query Operations", 0x00000001),
        ("Query Profiles", 0x0000000A),
        ("Query RNGs", 0x00000008),
        ("Query Server Information", 0x00000003),
        ("Query Storage Protection Masks", 0x0000000E),
        ("Query Validations", 0x00000009),
    ],
    versions: &[
        0b1111111, 0b1111111, 0b1111111, 0b1111111, 0b1111110, 0b1111110, 0b1111100, 0b1111000,
        0b1111000, 0b1111000, 0b1111000, 0b1111000, 0b1100000, 0b1100000,
    ],
};

static E_RECOMMENDED_CURVE: Table = Table {
    values: &[
        ("P_192", 0x00000001),
        ("K_163", 0x00000002),
        ("B_163", 0x00000003),
        ("P_224", 0x00000004),
        ("K_233", 0x00000005),
        ("B_233", 0x00000006),
        ("P_256", 0x00000007),
        ("K_283", 0x00000008),
        ("B_283", 0x00000009),
        ("P_384", 0x0000000A),
        ("K_409", 0x0000000B),
        ("B_409", 0x0000000C),
        ("P_521", 0x0000000D),
        ("K_571", 0x0000000E),
        ("B_571", 0x0000000F),
        ("SECP112R1", 0x00000010),
        ("SECP112R2", 0x00000011),
        ("SECP128R1", 0x00000012),
        ("SECP128R2", 0x00000013),
        ("SECP160K1", 0x00000014),
        ("SECP160R1", 0x00000015),
        ("SECP160R2", 0x00000016),
        ("SECP192K1", 0x00000017),
        ("SECP224K1", 0x00000018),
        ("SECP256K1", 0x00000019),
        ("SECT113R1", 0x0000001A),
        ("SECT113R2", 0x0000001B),
        ("SECT131R1", 0x0000001C),
        ("SECT131R2", 0x0000001D),
        ("SECT163R1", 0x0000001E),
        ("SECT193R1", 0x0000001F),
        ("SECT193R2", 0x00000020),
        ("SECT239K1", 0x00000021),
        ("ANSIX9P192V2", 0x00000022),
        ("ANSIX9P192V3", 0x00000023),
        ("ANSIX9P239V1", 0x00000024),
        ("ANSIX9P239V2", 0x00000025),
        ("ANSIX9P239V3", 0x00000026),
        ("ANSIX9C2PNB163V1", 0x00000027),
        ("ANSIX9C2PNB163V2", 0x00000028),
        ("ANSIX9C2PNB163V3", 0x00000029),
        ("ANSIX9C2PNB176V1", 0x0000002A),
        ("ANSIX9C2TNB191V1", 0x0000002B),
        ("ANSIX9C2TNB191V2", 0x0000002C),
        ("ANSIX9C2TNB191V3", 0x0000002D),
        ("ANSIX9C2PNB208W1", 0x0000002E),
        ("ANSIX9C2TNB239V1", 0x0000002F),
        ("ANSIX9C2TNB239V2", 0x00000030),
        ("ANSIX9C2TNB239V3", 0x00000031),
        ("ANSIX9C2PNB272W1", 0x00000032),
        ("ANSIX9C2PNB304W1", 0x00000033),
        ("ANSIX9C2TNB359V1", 0x00000034),
        ("ANSIX9C2PNB368W1", 0x00000035),
        ("ANSIX9C2TNB431R1", 0x00000036),
        ("BRAINPOOLP160R1", 0x00000037),
        ("BRAINPOOLP160T1", 0x00000038),
        ("BRAINPOOLP192R1", 0x00000039),
        ("BRAINPOOLP192T1", 0x0000003A),
        ("BRAINPOOLP224R1", 0x0000003B),
        ("BRAINPOOLP224T1", 0x0000003C),
        ("BRAINPOOLP256R1", 0x0000003D),
        ("BRAINPOOLP256T1", 0x0000003E),
        ("BRAINPOOLP320R1", 0x0000003F),
        ("BRAINPOOLP320T1", 0x00000040),
        ("BRAINPOOLP384R1", 0x00000041),
        ("BRAINPOOLP384T1", 0x00000042),
        ("BRAINPOOLP512R1", 0x00000043),
        ("BRAINPOOLP512T1", 0x00000044),
        ("CURVE25519", 0x00000045),
        ("CURVE448", 0x00000046),
    ],
    aliases: &[
        ("B-163", 0x00000003),
        ("B-233", 0x00000006),
        ("B-283", 0x00000009),
        ("B-409", 0x0000000C),
        ("B-571", 0x0000000F),
        ("K-163", 0x00000002),
        ("K-233", 0x00000005),
        ("K-283", 0x00000008),
        ("K-409", 0x0000000B),
        ("K-571", 0x0000000E),
        ("P-192", 0x00000001),
        ("P-224", 0x00000004),
        ("P-256", 0x00000007),
        ("P-384", 0x0000000A),
        ("P-521", 0x0000000D),
    ],
    versions: &[
        0b1111111, 0b1111111, 0b1111111, 0b1111111, 0b1111111, 0b1111111, 0b1111111, 0b1111111,
        0b1111111, 0b1111111, 0b1111111, 0b1111111, 0b1111111, 0b1111111, 0b1111111, 0b1111100,
        0b1111100, 0b1111100, 0b1111100, 0b1111100, 0b1111100, 0b1111100, 0b1111100, 0b1111100,
        0b1111100, 0b1111100, 0b1111100, 0b1111100, 0b1111100, 0b1111100, 0b1111100, 0b1111100,
        0b1111100, 0b1111100, 0b1111100, 0b1111100, 0b1111100, 0b1111100, 0b1111100, 0b1111100,
        0b1111100, 0b1111100, 0b1111100, 0b1111100, 0b1111100, 0b1111100, 0b1111100, 0b1111100,
        0b1111100, 0b1111100, 0b1111100, 0b1111100, 0b1111100, 0b1111100, 0b1111100, 0b1111100,
        0b1111100, 0b1111100, 0b1111100, 0b1111100, 0b1111100, 0b1111100, 0b1111100, 0b1111100,
        0b1111100, 0b1111100, 0b1111100, 0b1111100, 0b1100000, 0b1100000,
    ],
};

static E_RESULT_REASON: Table = Table {
    values: &[
        ("ItemNotFound", 0x00000001),
        ("ResponseTooLarge", 0x00000002),
        ("AuthenticationNotSuccessful", 0x00000003),
        ("InvalidMessage", 0x00000004),
        ("OperationNotSupported", 0x00000005),
        ("MissingData", 0x00000006),
        ("InvalidField", 0x00000007),
        ("FeatureNotSupported", 0x00000008),
        ("OperationCanceledByRequester", 0x00000009),
        ("CryptographicFailure", 0x0000000A),
        ("IllegalOperation", 0x0000000B),
        ("PermissionDenied", 0x0000000C),
        ("ObjectArchived", 0x0000000D),
        ("IndexOutOfBounds", 0x0000000E),
        ("ApplicationNamespaceNotSupported", 0x0000000F),
        ("KeyFormatTypeNotSupported", 0x00000010),
        ("KeyCompressionTypeNotSupported", 0x00000011),
        ("EncodingOptionError", 0x00000012),
        ("KeyValueNotPresent", 0x00000013),
        ("AttestationRequired", 0x00000014),
        ("AttestationFailed", 0x00000015),
        ("Sensitive", 0x00000016),
        ("NotExtractable", 0x00000017),
        ("ObjectAlreadyExists", 0x00000018),
        ("InvalidTicket", 0x00000019),
        ("UsageLimitExceeded", 0x0000001A),
        ("NumericRange", 0x0000001B),
        ("InvalidDataType", 0x0000001C),
        ("ReadOnlyAttribute", 0x0000001D),
        ("MultiValuedAttribute", 0x0000001E),
        ("UnsupportedAttribute", 0x0000001F),
        ("AttributeInstanceNotFound", 0x00000020),
        ("AttributeNotFound", 0x00000021),
        ("AttributeReadOnly", 0x00000022),
        ("AttributeSingleValued", 0x00000023),
        ("BadCryptographicParameters", 0x00000024),
        ("BadPassword", 0x00000025),
        ("CodecError", 0x00000026),
        ("IllegalObjectType", 0x00000028),
        ("IncompatibleCryptographicUsageMask", 0x00000029),
        ("InternalServerError", 0x0000002A),
        ("InvalidAsynchronousCorrelationValue", 0x0000002B),
        ("InvalidAttribute", 0x0000002C),
        ("InvalidAttributeValue", 0x0000002D),
        ("InvalidCorrelationValue", 0x0000002E),
        ("InvalidCSR", 0x0000002F),
        ("InvalidObjectType", 0x00000030),
        ("KeyWrapTypeNotSupported", 0x00000032),
        ("MissingInitializationVector", 0x00000034),
        ("NonUniqueNameAttribute", 0x00000035),
        ("ObjectDestroyed", 0x00000036),
        ("ObjectNotFound", 0x00000037),
        ("NotAuthorised", 0x00000039),
        ("ServerLimitExceeded", 0x0000003A),
        ("UnknownEnumeration", 0x0000003B),
        ("UnknownMessageExtension", 0x0000003C),
        ("UnknownTag", 0x0000003D),
        ("UnsupportedCryptographicParameters", 0x0000003E),
        ("UnsupportedProtocolVersion", 0x0000003F),
        ("WrappingObjectArchived", 0x00000040),
        ("WrappingObjectDestroyed", 0x00000041),
        ("WrappingObjectNotFound", 0x00000042),
        ("WrongKeyLifecycleState", 0x00000043),
        ("ProtectionStorageUnavailable", 0x00000044),
        ("PKCS_11CodecError", 0x00000045),
        ("PKCS_11InvalidFunction", 0x00000046),
        ("PKCS_11InvalidInterface", 0x00000047),
        ("PrivateProtectionStorageUnavailable", 0x00000048),
        ("PublicProtectionStorageUnavailable", 0x00000049),
        ("UnknownObjectGroup", 0x0000004A),
        ("ConstraintViolation", 0x0000004B),
        ("DuplicateProcessRequest", 0x0000004C),
        ("GeneralFailure", 0x00000100),
    ],
    aliases: &[
        ("Application Namespace Not Supported", 0x0000000F),
        ("Attestation Failed", 0x00000015),
        ("Attestation Required", 0x00000014),
        ("Attribute Instance Not Found", 0x00000020),
        ("Attribute Not Found", 0x00000021),
        ("Attribute Read Only", 0x00000022),
        ("Attribute Single Valued", 0x00000023),
        ("Authentication Not Successful", 0x00000003),
        ("Bad Cryptographic Parameters", 0x00000024),
        ("Bad Password", 0x00000025),
        ("Codec Error", 0x00000026),
        ("Constraint Violation", 0x0000004B),
        ("Cryptographic Failure", 0x0000000A),
        ("Duplicate Process Request", 0x0000004C),
        ("Encoding Option Error", 0x00000012),
        ("Feature Not Supported", 0x00000008),
        ("General Failure", 0x00000100),
        ("Illegal Object Type", 0x00000028),
        ("Illegal Operation", 0x0000000B),
        ("Incompatible Cryptographic Usage Mask", 0x00000029),
        ("Index Out of Bounds", 0x0000000E),
        ("Internal Server Error", 0x0000002A),
        ("Invalid Asynchronous Correlation Value", 0x0000002B),
        ("Invalid Attribute", 0x0000002C),
        ("Invalid Attribute Value", 0x0000002D),
        ("Invalid CSR", 0x0000002F),
        ("Invalid Correlation Value", 0x0000002E),
        ("Invalid Data Type", 0x0000001C),
        ("Invalid Field", 0x00000007),
        ("Invalid Message", 0x00000004),
        ("Invalid Object Type", 0x00000030),
        ("Invalid Ticket", 0x00000019),
        ("Item Not Found", 0x00000001),
        ("Key Compression Type Not Supported", 0x00000011),
        ("Key Format Type Not Supported", 0x00000010),
        ("Key Value Not Present", 0x00000013),
        ("Key Wrap Type Not Supported", 0x00000032),
        ("Missing Data", 0x00000006),
        ("Missing Initialization Vector", 0x00000034),
        ("Multi Valued Attribute", 0x0000001E),
        ("Non Unique Name Attribute", 0x00000035),
        ("Not Authorised", 0x00000039),
        ("Not Extractable", 0x00000017),
        ("Numeric Range", 0x0000001B),
        ("Object Already Exists", 0x00000018),
        ("Object Archived", 0x0000000D),
        ("Object Destroyed", 0x00000036),
        ("Object Not Found", 0x00000037),
        ("Object archived", 0x0000000D),
        ("Operation Canceled By Requester", 0x00000009),
        ("Operation Not Supported", 0x00000005),
        ("PKCS#11 Codec Error", 0x00000045),
        ("PKCS#11 Invalid Function", 0x00000046),
        ("PKCS#11 Invalid Interface", 0x00000047),
        ("Permission Denied", 0x0000000C),
        ("Private Protection Storage Unavailable", 0x00000048),
        ("Protection Storage Unavailable", 0x00000044),
        ("Public Protection Storage Unavailable", 0x00000049),
        ("Read Only Attribute", 0x0000001D),
        ("Response Too Large", 0x00000002),
        ("Server Limit Exceeded", 0x0000003A),
        ("Unknown Enumeration", 0x0000003B),
        ("Unknown Message Extension", 0x0000003C),
        ("Unknown Object Group", 0x0000004A),
        ("Unknown Tag", 0x0000003D),
        ("Unsupported Attribute", 0x0000001F),
        ("Unsupported Cryptographic Parameters", 0x0000003E),
        ("Unsupported Protocol Version", 0x0000003F),
        ("Usage Limit Exceeded", 0x0000001A),
        ("Wrapping Object Archived", 0x00000040),
        ("Wrapping Object Destroyed", 0x00000041),
        ("Wrapping Object Not Found", 0x00000042),
        ("Wrong Key Lifecycle State", 0x00000043),
    ],
    versions: &[
        0b1111111, 0b1111111, 0b1111111, 0b1111111, 0b1111111, 0b1111111, 0b1111111, 0b1111111,
        0b1111111, 0b1111111, 0b0011111, 0b1111111, 0b1111111, 0b0011111, 0b1111111, 0b1111111,
        0b1111111, 0b1111110, 0b1111100, 0b1111100, 0b1111100, 0b1110000, 0b1110000, 0b1110000,
        0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000,
        0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000,
        0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000,
        0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000,
        0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000,
        0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1000000, 0b1000000, 0b1000000,
        0b1111111,
    ],
};

static E_RESULT_STATUS: Table = Table {
    values: &[
        ("Success", 0x00000000),
        ("OperationFailed", 0x00000001),
        ("OperationPending", 0x00000002),
        ("OperationUndone", 0x00000003),
    ],
    aliases: &[
        ("Operation Failed", 0x00000001),
        ("Operation Pending", 0x00000002),
        ("Operation Undone", 0x00000003),
    ],
    versions: &[0b1111111, 0b1111111, 0b1111111, 0b1111111],
};

static E_REVOCATION_REASON_CODE: Table = Table {
    values: &[
        ("Unspecified", 0x00000001),
        ("KeyCompromise", 0x00000002),
        ("CACompromise", 0x00000003),
        ("AffiliationChanged", 0x00000004),
        ("Superseded", 0x00000005),
        ("CessationOfOperation", 0x00000006),
        ("PrivilegeWithdrawn", 0x00000007),
    ],
    aliases: &[
        ("Affiliation Changed", 0x00000004),
        ("CA Compromise", 0x00000003),
        ("Cessation of Operation", 0x00000006),
        ("Key Compromise", 0x00000002),
        ("Privilege Withdrawn", 0x00000007),
    ],
    versions: &[
        0b1111111, 0b1111111, 0b1111111, 0b1111111, 0b1111111, 0b1111111, 0b1111111,
    ],
};

static E_RNG_ALGORITHM: Table = Table {
    values: &[
        ("Unspecified", 0x00000001),
        ("FIPS186_2", 0x00000002),
        ("DRBG", 0x00000003),
        ("NRBG", 0x00000004),
        ("ANSIX9_31", 0x00000005),
        ("ANSIX9_62", 0x00000006),
    ],
    aliases: &[
        ("ANSI X9.31", 0x00000005),
        ("ANSI X9.62", 0x00000006),
        ("FIPS 186-2", 0x00000002),
    ],
    versions: &[
        0b1111000, 0b1111000, 0b1111000, 0b1111000, 0b1111000, 0b1111000,
    ],
};

static E_RNG_MODE: Table = Table {
    values: &[
        ("Unspecified", 0x00000001),
        ("SharedInstantiation", 0x00000002),
        ("NonSharedInstantiation", 0x00000003),
    ],
    aliases: &[
        ("Non-Shared Instantiation", 0x00000003),
        ("Shared Instantiation", 0x00000002),
    ],
    versions: &[0b1111000, 0b1111000, 0b1111000],
};

static E_ROTATE_NAME_TYPE: Table = Table {
    values: &[("UninterpretedTextString", 0x00000001), ("URI", 0x00000002)],
    aliases: &[("Uninterpreted Text String", 0x00000001)],
    versions: &[0b1000000, 0b1000000],
};

static E_SECRET_DATA_TYPE: Table = Table {
    values: &[("Password", 0x00000001), ("Seed", 0x00000002)],
    aliases: &[],
    versions: &[0b1111111, 0b1111111],
};

static E_SHREDDING_ALGORITHM: Table = Table {
    values: &[
        ("Unspecified", 0x00000001),
        ("Cryptographic", 0x00000002),
        ("Unsupported", 0x00000003),
    ],
    aliases: &[],
    versions: &[0b1111000, 0b1111000, 0b1111000],
};

static E_SPLIT_KEY_METHOD: Table = Table {
    values: &[
        ("XOR", 0x00000001),
        ("PolynomialSharingGF2_16", 0x00000002),
        ("PolynomialSharingPrimeField", 0x00000003),
        ("PolynomialSharingGF2_8", 0x00000004),
    ],
    aliases: &[
        ("Polynomial Sharing GF (2^16)", 0x00000002),
        ("Polynomial Sharing GF (2^8)", 0x00000004),
        ("Polynomial Sharing GF(2^16)", 0x00000002),
        ("Polynomial Sharing Prime Field", 0x00000003),
    ],
    versions: &[0b1111111, 0b1111111, 0b1111111, 0b1111100],
};

static E_STATE: Table = Table {
    values: &[
        ("PreActive", 0x00000001),
        ("Active", 0x00000002),
        ("Deactivated", 0x00000003),
        ("Compromised", 0x00000004),
        ("Destroyed", 0x00000005),
        ("DestroyedCompromised", 0x00000006),
    ],
    aliases: &[
        ("Destroyed Compromised", 0x00000006),
        ("Pre-Active", 0x00000001),
    ],
    versions: &[
        0b1111111, 0b1111111, 0b1111111, 0b1111111, 0b1111111, 0b1111111,
    ],
};

static E_TICKET_TYPE: Table = Table {
    values: &[("Login", 0x00000001)],
    aliases: &[],
    versions: &[0b1100000],
};

static E_UNIQUE_IDENTIFIER: Table = Table {
    values: &[
        ("IDPlaceholder", 0x00000001),
        ("Certify", 0x00000002),
        ("Create", 0x00000003),
        ("CreateKeyPair", 0x00000004),
        ("CreateKeyPairPrivateKey", 0x00000005),
        ("CreateKeyPairPublicKey", 0x00000006),
        ("CreateSplitKey", 0x00000007),
        ("DeriveKey", 0x00000008),
        ("Import", 0x00000009),
        ("JoinSplitKey", 0x0000000A),
        ("Locate", 0x0000000B),
        ("Register", 0x0000000C),
        ("ReKey", 0x0000000D),
        ("ReCertify", 0x0000000E),
        ("ReKeyKeyPair", 0x0000000F),
        ("ReKeyKeyPairPrivateKey", 0x00000010),
        ("ReKeyKeyPairPublicKey", 0x00000011),
    ],
    aliases: &[
        ("Create Key Pair", 0x00000004),
        ("Create Key Pair Private Key", 0x00000005),
        ("Create Key Pair Public Key", 0x00000006),
        ("Create Split Key", 0x00000007),
        ("Derive Key", 0x00000008),
        ("ID Placeholder", 0x00000001),
        ("Join Split Key", 0x0000000A),
        ("Re-certify", 0x0000000E),
        ("Re-key", 0x0000000D),
        ("Re-key Key Pair", 0x0000000F),
        ("Re-key Key Pair Private Key", 0x00000010),
        ("Re-key Key Pair Public Key", 0x00000011),
    ],
    versions: &[
        0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000,
        0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000,
        0b1100000,
    ],
};

static E_UNWRAP_MODE: Table = Table {
    values: &[
        ("Unspecified", 0x00000001),
        ("Processed", 0x00000002),
        ("NotProcessed", 0x00000003),
    ],
    aliases: &[("Not Processed", 0x00000003)],
    versions: &[0b1111000, 0b1111000, 0b1111000],
};

static E_USAGE_LIMITS_UNIT: Table = Table {
    values: &[("Byte", 0x00000001), ("Object", 0x00000002)],
    aliases: &[],
    versions: &[0b1111111, 0b1111111],
};

static E_VALIDATION_AUTHORITY_TYPE: Table = Table {
    values: &[
        ("Unspecified", 0x00000001),
        ("NISTCMVP", 0x00000002),
        ("CommonCriteria", 0x00000003),
    ],
    aliases: &[("Common Criteria", 0x00000003), ("NIST CMVP", 0x00000002)],
    versions: &[0b1111000, 0b1111000, 0b1111000],
};

static E_VALIDATION_TYPE: Table = Table {
    values: &[
        ("Unspecified", 0x00000001),
        ("Hardware", 0x00000002),
        ("Software", 0x00000003),
        ("Firmware", 0x00000004),
        ("Hybrid", 0x00000005),
    ],
    aliases: &[],
    versions: &[0b1111000, 0b1111000, 0b1111000, 0b1111000, 0b1111000],
};

static E_VALIDITY_INDICATOR: Table = Table {
    values: &[
        ("Valid", 0x00000001),
        ("Invalid", 0x00000002),
        ("Unknown", 0x00000003),
    ],
    aliases: &[],
    versions: &[0b1111111, 0b1111111, 0b1111111],
};

static E_WRAPPING_METHOD: Table = Table {
    values: &[
        ("Encrypt", 0x00000001),
        ("MACSign", 0x00000002),
        ("EncryptThenMACSign", 0x00000003),
        ("MACSignThenEncrypt", 0x00000004),
        ("TR_31", 0x00000005),
    ],
    aliases: &[
        ("Encrypt then MAC/sign", 0x00000003),
        ("MAC/sign", 0x00000002),
        ("MAC/sign then encrypt", 0x00000004),
        ("TR-31", 0x00000005),
    ],
    versions: &[0b1111111, 0b1111111, 0b1111111, 0b1111111, 0b1111111],
};

static M_CRYPTOGRAPHIC_USAGE_MASK: Table = Table {
    values: &[
        ("Sign", 0x00000001),
        ("Verify", 0x00000002),
        ("Encrypt", 0x00000004),
        ("Decrypt", 0x00000008),
        ("WrapKey", 0x00000010),
        ("UnwrapKey", 0x00000020),
        ("Export", 0x00000040),
        ("MACGenerate", 0x00000080),
        ("MACVerify", 0x00000100),
        ("DeriveKey", 0x00000200),
        ("ContentCommitmentNonRepudiation", 0x00000400),
        ("KeyAgreement", 0x00000800),
        ("CertificateSign", 0x00001000),
        ("CRLSign", 0x00002000),
        ("GenerateCryptogram", 0x00004000),
        ("ValidateCryptogram", 0x00008000),
        ("TranslateEncrypt", 0x00010000),
        ("TranslateDecrypt", 0x00020000),
        ("TranslateWrap", 0x00040000),
        ("TranslateUnwrap", 0x00080000),
        ("Authenticate", 0x00100000),
        ("Unrestricted", 0x00200000),
        ("FPEEncrypt", 0x00400000),
        ("FPEDecrypt", 0x00800000),
    ],
    aliases: &[
        ("CRL Sign", 0x00002000),
        ("Certificate Sign", 0x00001000),
        ("Content Commitment (Non Repudiation)", 0x00000400),
        ("Derive Key", 0x00000200),
        ("FPE Decrypt", 0x00800000),
        ("FPE Encrypt", 0x00400000),
        ("Generate Cryptogram", 0x00004000),
        ("Key Agreement", 0x00000800),
        ("MAC Generate", 0x00000080),
        ("MAC Verify", 0x00000100),
        ("Translate Decrypt", 0x00020000),
        ("Translate Encrypt", 0x00010000),
        ("Translate Unwrap", 0x00080000),
        ("Translate Wrap", 0x00040000),
        ("Unwrap Key", 0x00000020),
        ("Validate Cryptogram", 0x00008000),
        ("Wrap Key", 0x00000010),
    ],
    versions: &[
        0b1111111, 0b1111111, 0b1111111, 0b1111111, 0b1111111, 0b1111111, 0b0011111, 0b1111111,
        0b1111111, 0b1111111, 0b0011111, 0b1111111, 0b1111111, 0b1111111, 0b0011111, 0b0011111,
        0b0011111, 0b0011111, 0b0011111, 0b0011111, 0b1100000, 0b1100000, 0b1100000, 0b1100000,
    ],
};

static M_PROTECTION_STORAGE_MASK: Table = Table {
    values: &[
        ("Software", 0x00000001),
        ("Hardware", 0x00000002),
        ("OnProcessor", 0x00000004),
        ("OnSystem", 0x00000008),
        ("OffSystem", 0x00000010),
        ("Hypervisor", 0x00000020),
        ("OperatingSystem", 0x00000040),
        ("Container", 0x00000080),
        ("OnPremises", 0x00000100),
        ("OffPremises", 0x00000200),
        ("SelfManaged", 0x00000400),
        ("Outsourced", 0x00000800),
        ("Validated", 0x00001000),
        ("SameJurisdiction", 0x00002000),
    ],
    aliases: &[
        ("Off Premises", 0x00000200),
        ("Off System", 0x00000010),
        ("On Premises", 0x00000100),
        ("On Processor", 0x00000004),
        ("On System", 0x00000008),
        ("Operating System", 0x00000040),
        ("Same Jurisdiction", 0x00002000),
        ("Self Managed", 0x00000400),
    ],
    versions: &[
        0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000,
        0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000, 0b1100000,
    ],
};

static M_STORAGE_STATUS_MASK: Table = Table {
    values: &[
        ("OnLineStorage", 0x00000001),
        ("ArchivalStorage", 0x00000002),
        ("DestroyedStorage", 0x00000004),
    ],
    aliases: &[
        ("Archival storage", 0x00000002),
        ("Destroyed storage", 0x00000004),
        ("On-line storage", 0x00000001),
    ],
    versions: &[0b1111111, 0b1111111, 0b1100000],
};

/// The 2.x "Tag" enumeration (section 11.56): every tag defined in 2.0 or 2.1, by XML name.
static TAG_ENUMERATION: &[(&str, u32)] = &[
    ("ActivationDate", 0x420001),
    ("ApplicationData", 0x420002),
    ("ApplicationNamespace", 0x420003),
    ("ApplicationSpecificInformation", 0x420004),
    ("ArchiveDate", 0x420005),
    ("AsynchronousCorrelationValue", 0x420006),
    ("AsynchronousIndicator", 0x420007),
    ("Attribute", 0x420008),
    ("AttributeName", 0x42000A),
    ("AttributeValue", 0x42000B),
    ("Authentication", 0x42000C),
    ("BatchCount", 0x42000D),
    ("BatchErrorContinuationOption", 0x42000E),
    ("BatchItem", 0x42000F),
    ("BatchOrderOption", 0x420010),
    ("BlockCipherMode", 0x420011),
    ("CancellationResult", 0x420012),
    ("Certificate", 0x420013),
    ("CertificateRequest", 0x420018),
    ("CertificateRequestType", 0x420019),
    ("CertificateType", 0x42001D),
    ("CertificateValue", 0x42001E),
    ("CompromiseDate", 0x420020),
    ("CompromiseOccurrenceDate", 0x420021),
    ("ContactInformation", 0x420022),
    ("Credential", 0x420023),
    ("CredentialType", 0x420024),
    ("CredentialValue", 0x420025),
    ("CriticalityIndicator", 0x420026),
    ("CRTCoefficient", 0x420027),
    ("CryptographicAlgorithm", 0x420028),
    ("CryptographicDomainParameters", 0x420029),
    ("CryptographicLength", 0x42002A),
    ("CryptographicParameters", 0x42002B),
    ("CryptographicUsageMask", 0x42002C),
    ("D", 0x42002E),
    ("DeactivationDate", 0x42002F),
    ("DerivationData", 0x420030),
    ("DerivationMethod", 0x420031),
    ("DerivationParameters", 0x420032),
    ("DestroyDate", 0x420033),
    ("Digest", 0x420034),
    ("DigestValue", 0x420035),
    ("EncryptionKeyInformation", 0x420036),
    ("G", 0x420037),
    ("HashingAlgorithm", 0x420038),
    ("InitialDate", 0x420039),
    ("InitializationVector", 0x42003A),
    ("IterationCount", 0x42003C),
    ("IVCounterNonce", 0x42003D),
    ("J", 0x42003E),
    ("Key", 0x42003F),
    ("KeyBlock", 0x420040),
    ("KeyCompressionType", 0x420041),
    ("KeyFormatType", 0x420042),
    ("KeyMaterial", 0x420043),
    ("KeyPartIdentifier", 0x420044),
    ("KeyValue", 0x420045),
    ("KeyWrappingData", 0x420046),
    ("KeyWrappingSpecification", 0x420047),
    ("LastChangeDate", 0x420048),
    ("LeaseTime", 0x420049),
    ("Link", 0x42004A),
    ("LinkType", 0x42004B),
    ("LinkedObjectIdentifier", 0x42004C),
    ("MACSignature", 0x42004D),
    ("MACSignatureKeyInformation", 0x42004E),
    ("MaximumItems", 0x42004F),
    ("MaximumResponseSize", 0x420050),
    ("MessageExtension", 0x420051),
    ("Modulus", 0x420052),
    ("Name", 0x420053),
    ("NameType", 0x420054),
    ("NameValue", 0x420055),
    ("ObjectGroup", 0x420056),
    ("ObjectType", 0x420057),
    ("Offset", 0x420058),
    ("OpaqueDataType", 0x420059),
    ("OpaqueDataValue", 0x42005A),
    ("OpaqueObject", 0x42005B),
    ("Operation", 0x42005C),
    ("P", 0x42005E),
    ("PaddingMethod", 0x42005F),
    ("PrimeExponentP", 0x420060),
    ("PrimeExponentQ", 0x420061),
    ("PrimeFieldSize", 0x420062),
    ("PrivateExponent", 0x420063),
    ("PrivateKey", 0x420064),
    ("PrivateKeyUniqueIdentifier", 0x420066),
    ("ProcessStartDate", 0x420067),
    ("ProtectStopDate", 0x420068),
    ("ProtocolVersion", 0x420069),
    ("ProtocolVersionMajor", 0x42006A),
    ("ProtocolVersionMinor", 0x42006B),
    ("PublicExponent", 0x42006C),
    ("PublicKey", 0x42006D),
    ("PublicKeyUniqueIdentifier", 0x42006F),
    ("PutFunction", 0x420070),
    ("Q", 0x420071),
    ("QString", 0x420072),
    ("Qlength", 0x420073),
    ("QueryFunction", 0x420074),
    ("RecommendedCurve", 0x420075),
    ("ReplacedUniqueIdentifier", 0x420076),
    ("RequestHeader", 0x420077),
    ("RequestMessage", 0x420078),
    ("RequestPayload", 0x420079),
    ("ResponseHeader", 0x42007A),
    ("ResponseMessage", 0x42007B),
    ("ResponsePayload", 0x42007C),
    ("ResultMessage", 0x42007D),
    ("ResultReason", 0x42007E),
    ("ResultStatus", 0x42007F),
    ("RevocationMessage", 0x420080),
    ("RevocationReason", 0x420081),
    ("RevocationReasonCode", 0x420082),
    ("KeyRoleType", 0x420083),
    ("Salt", 0x420084),
    ("SecretData", 0x420085),
    ("SecretDataType", 0x420086),
    ("ServerInformation", 0x420088),
    ("SplitKey", 0x420089),
    ("SplitKeyMethod", 0x42008A),
    ("SplitKeyParts", 0x42008B),
    ("SplitKeyThreshold", 0x42008C),
    ("State", 0x42008D),
    ("StorageStatusMask", 0x42008E),
    ("SymmetricKey", 0x42008F),
    ("TimeStamp", 0x420092),
    ("UniqueBatchItemID", 0x420093),
    ("UniqueIdentifier", 0x420094),
    ("UsageLimits", 0x420095),
    ("UsageLimitsCount", 0x420096),
    ("UsageLimitsTotal", 0x420097),
    ("UsageLimitsUnit", 0x420098),
    ("Username", 0x420099),
    ("ValidityDate", 0x42009A),
    ("ValidityIndicator", 0x42009B),
    ("VendorExtension", 0x42009C),
    ("VendorIdentification", 0x42009D),
    ("WrappingMethod", 0x42009E),
    ("X", 0x42009F),
    ("Y", 0x4200A0),
    ("Password", 0x4200A1),
    ("DeviceIdentifier", 0x4200A2),
    ("EncodingOption", 0x4200A3),
    ("ExtensionInformation", 0x4200A4),
    ("ExtensionName", 0x4200A5),
    ("ExtensionTag", 0x4200A6),
    ("ExtensionType", 0x4200A7),
    ("Fresh", 0x4200A8),
    ("MachineIdentifier", 0x4200A9),
    ("MediaIdentifier", 0x4200AA),
    ("NetworkIdentifier", 0x4200AB),
    ("ObjectGroupMember", 0x4200AC),
    ("CertificateLength", 0x4200AD),
    ("DigitalSignatureAlgorithm", 0x4200AE),
    ("CertificateSerialNumber", 0x4200AF),
    ("DeviceSerialNumber", 0x4200B0),
    ("IssuerAlternativeName", 0x4200B1),
    ("IssuerDistinguishedName", 0x4200B2),
    ("SubjectAlternativeName", 0x4200B3),
    ("SubjectDistinguishedName", 0x4200B4),
    ("X_509CertificateIdentifier", 0x4200B5),
    ("X_509CertificateIssuer", 0x4200B6),
    ("X_509CertificateSubject", 0x4200B7),
    ("KeyValueLocation", 0x4200B8),
    ("KeyValueLocationValue", 0x4200B9),
    ("KeyValueLocationType", 0x4200BA),
    ("KeyValuePresent", 0x4200BB),
    ("OriginalCreationDate", 0x4200BC),
    ("PGPKey", 0x4200BD),
    ("PGPKeyVersion", 0x4200BE),
    ("AlternativeName", 0x4200BF),
    ("AlternativeNameValue", 0x4200C0),
    ("AlternativeNameType", 0x4200C1),
    ("Data", 0x4200C2),
    ("SignatureData", 0x4200C3),
    ("DataLength", 0x4200C4),
    ("RandomIV", 0x4200C5),
    ("MACData", 0x4200C6),
    ("AttestationType", 0x4200C7),
    ("Nonce", 0x4200C8),
    ("NonceID", 0x4200C9),
    ("NonceValue", 0x4200CA),
    ("AttestationMeasurement", 0x4200CB),
    ("AttestationAssertion", 0x4200CC),
    ("IVLength", 0x4200CD),
    ("TagLength", 0x4200CE),
    ("FixedFieldLength", 0x4200CF),
    ("CounterLength", 0x4200D0),
    ("InitialCounterValue", 0x4200D1),
    ("InvocationFieldLength", 0x4200D2),
    ("AttestationCapableIndicator", 0x4200D3),
    ("OffsetItems", 0x4200D4),
    ("LocatedItems", 0x4200D5),
    ("CorrelationValue", 0x4200D6),
    ("InitIndicator", 0x4200D7),
    ("FinalIndicator", 0x4200D8),
    ("RNGParameters", 0x4200D9),
    ("RNGAlgorithm", 0x4200DA),
    ("DRBGAlgorithm", 0x4200DB),
    ("FIPS186Variation", 0x4200DC),
    ("PredictionResistance", 0x4200DD),
    ("RandomNumberGenerator", 0x4200DE),
    ("ValidationInformation", 0x4200DF),
    ("ValidationAuthorityType", 0x4200E0),
    ("ValidationAuthorityCountry", 0x4200E1),
    ("ValidationAuthorityURI", 0x4200E2),
    ("ValidationVersionMajor", 0x4200E3),
    ("ValidationVersionMinor", 0x4200E4),
    ("ValidationType", 0x4200E5),
    ("ValidationLevel", 0x4200E6),
    ("ValidationCertificateIdentifier", 0x4200E7),
    ("ValidationCertificateURI", 0x4200E8),
    ("ValidationVendorURI", 0x4200E9),
    ("ValidationProfile", 0x4200EA),
    ("ProfileInformation", 0x4200EB),
    ("ProfileName", 0x4200EC),
    ("ServerURI", 0x4200ED),
    ("ServerPort", 0x4200EE),
    ("StreamingCapability", 0x4200EF),
    ("AsynchronousCapability", 0x4200F0),
    ("AttestationCapability", 0x4200F1),
    ("UnwrapMode", 0x4200F2),
    ("DestroyAction", 0x4200F3),
    ("ShreddingAlgorithm", 0x4200F4),
    ("RNGMode", 0x4200F5),
    ("ClientRegistrationMethod", 0x4200F6),
    ("CapabilityInformation", 0x4200F7),
    ("KeyWrapType", 0x4200F8),
    ("BatchUndoCapability", 0x4200F9),
    ("BatchContinueCapability", 0x4200FA),
    ("PKCS_12FriendlyName", 0x4200FB),
    ("Description", 0x4200FC),
    ("Comment", 0x4200FD),
    ("AuthenticatedEncryptionAdditionalData", 0x4200FE),
    ("AuthenticatedEncryptionTag", 0x4200FF),
    ("SaltLength", 0x420100),
    ("MaskGenerator", 0x420101),
    ("MaskGeneratorHashingAlgorithm", 0x420102),
    ("PSource", 0x420103),
    ("TrailerField", 0x420104),
    ("ClientCorrelationValue", 0x420105),
    ("ServerCorrelationValue", 0x420106),
    ("DigestedData", 0x420107),
    ("CertificateSubjectCN", 0x420108),
    ("CertificateSubjectO", 0x420109),
    ("CertificateSubjectOU", 0x42010A),
    ("CertificateSubjectEmail", 0x42010B),
    ("CertificateSubjectC", 0x42010C),
    ("CertificateSubjectST", 0x42010D),
    ("CertificateSubjectL", 0x42010E),
    ("CertificateSubjectUID", 0x42010F),
    ("CertificateSubjectSerialNumber", 0x420110),
    ("CertificateSubjectTitle", 0x420111),
    ("CertificateSubjectDC", 0x420112),
    ("CertificateSubjectDNQualifier", 0x420113),
    ("CertificateIssuerCN", 0x420114),
    ("CertificateIssuerO", 0x420115),
    ("CertificateIssuerOU", 0x420116),
    ("CertificateIssuerEmail", 0x420117),
    ("CertificateIssuerC", 0x420118),
    ("CertificateIssuerST", 0x420119),
    ("CertificateIssuerL", 0x42011A),
    ("CertificateIssuerUID", 0x42011B),
    ("CertificateIssuerSerialNumber", 0x42011C),
    ("CertificateIssuerTitle", 0x42011D),
    ("CertificateIssuerDC", 0x42011E),
    ("CertificateIssuerDNQualifier", 0x42011F),
    ("Sensitive", 0x420120),
    ("AlwaysSensitive", 0x420121),
    ("Extractable", 0x420122),
    ("NeverExtractable", 0x420123),
    ("ReplaceExisting", 0x420124),
    ("Attributes", 0x420125),
    ("CommonAttributes", 0x420126),
    ("PrivateKeyAttributes", 0x420127),
    ("PublicKeyAttributes", 0x420128),
    ("ExtensionEnumeration", 0x420129),
    ("ExtensionAttribute", 0x42012A),
    ("ExtensionParentStructureTag", 0x42012B),
    ("ExtensionDescription", 0x42012C),
    ("ServerName", 0x42012D),
    ("ServerSerialNumber", 0x42012E),
    ("ServerVersion", 0x42012F),
    ("ServerLoad", 0x420130),
    ("ProductName", 0x420131),
    ("BuildLevel", 0x420132),
    ("BuildDate", 0x420133),
    ("ClusterInfo", 0x420134),
    ("AlternateFailoverEndpoints", 0x420135),
    ("ShortUniqueIdentifier", 0x420136),
    ("Tag", 0x420138),
    ("CertificateRequestUniqueIdentifier", 0x420139),
    ("NISTKeyType", 0x42013A),
    ("AttributeReference", 0x42013B),
    ("CurrentAttribute", 0x42013C),
    ("NewAttribute", 0x42013D),
    ("CertificateRequestValue", 0x420140),
    ("LogMessage", 0x420141),
    ("ProfileVersion", 0x420142),
    ("ProfileVersionMajor", 0x420143),
    ("ProfileVersionMinor", 0x420144),
    ("ProtectionLevel", 0x420145),
    ("ProtectionPeriod", 0x420146),
    ("QuantumSafe", 0x420147),
    ("QuantumSafeCapability", 0x420148),
    ("Ticket", 0x420149),
    ("TicketType", 0x42014A),
    ("TicketValue", 0x42014B),
    ("RequestCount", 0x42014C),
    ("Rights", 0x42014D),
    ("Objects", 0x42014E),
    ("Operations", 0x42014F),
    ("Right", 0x420150),
    ("EndpointRole", 0x420151),
    ("DefaultsInformation", 0x420152),
    ("ObjectDefaults", 0x420153),
    ("Ephemeral", 0x420154),
    ("ServerHashedPassword", 0x420155),
    ("OneTimePassword", 0x420156),
    ("HashedPassword", 0x420157),
    ("AdjustmentType", 0x420158),
    ("PKCS_11Interface", 0x420159),
    ("PKCS_11Function", 0x42015A),
    ("PKCS_11InputParameters", 0x42015B),
    ("PKCS_11OutputParameters", 0x42015C),
    ("PKCS_11ReturnCode", 0x42015D),
    ("ProtectionStorageMask", 0x42015E),
    ("ProtectionStorageMasks", 0x42015F),
    ("InteropFunction", 0x420160),
    ("InteropIdentifier", 0x420161),
    ("AdjustmentValue", 0x420162),
    ("CommonProtectionStorageMasks", 0x420163),
    ("PrivateProtectionStorageMasks", 0x420164),
    ("PublicProtectionStorageMasks", 0x420165),
    ("ObjectGroups", 0x420166),
    ("ObjectTypes", 0x420167),
    ("Constraints", 0x420168),
    ("Constraint", 0x420169),
    ("RotateInterval", 0x42016A),
    ("RotateAutomatic", 0x42016B),
    ("RotateOffset", 0x42016C),
    ("RotateDate", 0x42016D),
    ("RotateGeneration", 0x42016E),
    ("RotateName", 0x42016F),
    ("RotateNameValue", 0x420170),
    ("RotateNameType", 0x420171),
    ("RotateLatest", 0x420172),
    ("AsynchronousRequest", 0x420173),
    ("SubmissionDate", 0x420174),
    ("ProcessingStage", 0x420175),
    ("AsynchronousCorrelationValues", 0x420176),
];

fn table(tag: u32) -> Option<&'static Table> {
    match tag {
        tag::ADJUSTMENT_TYPE => Some(&E_ADJUSTMENT_TYPE),
        tag::ALTERNATIVE_NAME_TYPE => Some(&E_ALTERNATIVE_NAME_TYPE),
        tag::ASYNCHRONOUS_INDICATOR => Some(&E_ASYNCHRONOUS_INDICATOR),
        tag::ATTESTATION_TYPE => Some(&E_ATTESTATION_TYPE),
        tag::BATCH_ERROR_CONTINUATION_OPTION => Some(&E_BATCH_ERROR_CONTINUATION_OPTION),
        tag::BLOCK_CIPHER_MODE => Some(&E_BLOCK_CIPHER_MODE),
        tag::CANCELLATION_RESULT => Some(&E_CANCELLATION_RESULT),
        tag::CERTIFICATE_REQUEST_TYPE => Some(&E_CERTIFICATE_REQUEST_TYPE),
        tag::CERTIFICATE_TYPE => Some(&E_CERTIFICATE_TYPE),
        tag::CLIENT_REGISTRATION_METHOD => Some(&E_CLIENT_REGISTRATION_METHOD),
        tag::CREDENTIAL_TYPE => Some(&E_CREDENTIAL_TYPE),
        tag::CRYPTOGRAPHIC_ALGORITHM => Some(&E_CRYPTOGRAPHIC_ALGORITHM),
        tag::DATA => Some(&E_DATA),
        tag::DERIVATION_METHOD => Some(&E_DERIVATION_METHOD),
        tag::DESTROY_ACTION => Some(&E_DESTROY_ACTION),
        tag::DIGITAL_SIGNATURE_ALGORITHM => Some(&E_DIGITAL_SIGNATURE_ALGORITHM),
        tag::DRBG_ALGORITHM => Some(&E_DRBG_ALGORITHM),
        tag::ENCODING_OPTION => Some(&E_ENCODING_OPTION),
        tag::ENDPOINT_ROLE => Some(&E_ENDPOINT_ROLE),
        tag::FIPS186_VARIATION => Some(&E_FIPS186_VARIATION),
        tag::HASHING_ALGORITHM | tag::MASK_GENERATOR_HASHING_ALGORITHM => {
            Some(&E_HASHING_ALGORITHM)
        }
        tag::INTEROP_FUNCTION => Some(&E_INTEROP_FUNCTION),
        tag::EXTENSION_TYPE => Some(&E_ITEM_TYPE),
        tag::KEY_COMPRESSION_TYPE => Some(&E_KEY_COMPRESSION_TYPE),
        tag::KEY_FORMAT_TYPE => Some(&E_KEY_FORMAT_TYPE),
        tag::KEY_ROLE_TYPE => Some(&E_KEY_ROLE_TYPE),
        tag::KEY_VALUE_LOCATION_TYPE => Some(&E_KEY_VALUE_LOCATION_TYPE),
        tag::KEY_WRAP_TYPE => Some(&E_KEY_WRAP_TYPE),
        tag::LINK_TYPE => Some(&E_LINK_TYPE),
        tag::MASK_GENERATOR => Some(&E_MASK_GENERATOR),
        tag::NAME_TYPE => Some(&E_NAME_TYPE),
        tag::NIST_KEY_TYPE => Some(&E_NIST_KEY_TYPE),
        tag::OBJECT_GROUP_MEMBER => Some(&E_OBJECT_GROUP_MEMBER),
        tag::OBJECT_TYPE => Some(&E_OBJECT_TYPE),
        tag::OPAQUE_DATA_TYPE => Some(&E_OPAQUE_DATA_TYPE),
        tag::OPERATION => Some(&E_OPERATION),
        tag::PADDING_METHOD => Some(&E_PADDING_METHOD),
        tag::PKCS_11_FUNCTION => Some(&E_PKCS_11_FUNCTION),
        tag::PKCS_11_RETURN_CODE => Some(&E_PKCS_11_RETURN_CODE),
        tag::PROCESSING_STAGE => Some(&E_PROCESSING_STAGE),
        tag::PROFILE_NAME => Some(&E_PROFILE_NAME),
        tag::PROTECTION_LEVEL => Some(&E_PROTECTION_LEVEL),
        tag::PUT_FUNCTION => Some(&E_PUT_FUNCTION),
        tag::QUERY_FUNCTION => Some(&E_QUERY_FUNCTION),
        tag::RECOMMENDED_CURVE => Some(&E_RECOMMENDED_CURVE),
        tag::RESULT_REASON => Some(&E_RESULT_REASON),
        tag::RESULT_STATUS => Some(&E_RESULT_STATUS),
        tag::REVOCATION_REASON_CODE => Some(&E_REVOCATION_REASON_CODE),
        tag::RNG_ALGORITHM => Some(&E_RNG_ALGORITHM),
        tag::RNG_MODE => Some(&E_RNG_MODE),
        tag::ROTATE_NAME_TYPE => Some(&E_ROTATE_NAME_TYPE),
        tag::SECRET_DATA_TYPE => Some(&E_SECRET_DATA_TYPE),
        tag::SHREDDING_ALGORITHM => Some(&E_SHREDDING_ALGORITHM),
        tag::SPLIT_KEY_METHOD => Some(&E_SPLIT_KEY_METHOD),
        tag::STATE => Some(&E_STATE),
        tag::TICKET_TYPE => Some(&E_TICKET_TYPE),
        tag::LINKED_OBJECT_IDENTIFIER | tag::UNIQUE_IDENTIFIER => Some(&E_UNIQUE_IDENTIFIER),
        tag::UNWRAP_MODE => Some(&E_UNWRAP_MODE),
        tag::USAGE_LIMITS_UNIT => Some(&E_USAGE_LIMITS_UNIT),
        tag::VALIDATION_AUTHORITY_TYPE => Some(&E_VALIDATION_AUTHORITY_TYPE),
        tag::VALIDATION_TYPE => Some(&E_VALIDATION_TYPE),
        tag::VALIDITY_INDICATOR => Some(&E_VALIDITY_INDICATOR),
        tag::WRAPPING_METHOD => Some(&E_WRAPPING_METHOD),
        _ => None,
    }
}

fn mask_table(tag: u32) -> Option<&'static Table> {
    match tag {
        tag::CRYPTOGRAPHIC_USAGE_MASK => Some(&M_CRYPTOGRAPHIC_USAGE_MASK),
        tag::STORAGE_STATUS_MASK => Some(&M_STORAGE_STATUS_MASK),
        tag::PROTECTION_STORAGE_MASK => Some(&M_PROTECTION_STORAGE_MASK),
        _ => None,
    }
}

fn is_tag_enumeration(tag: u32) -> bool {
    matches!(tag, tag::TAG | tag::ATTRIBUTE_REFERENCE)
}

/// The (XML name, value) list of the enumeration carried by an Enumeration-typed field, one
/// entry per value of any version, sorted by value: `enum_tag_values(tag::OPERATION)`,
/// `enum_tag_values(tag::CRYPTOGRAPHIC_ALGORITHM)`, ... Fields sharing an enumeration share the
/// list (Mask Generator Hashing Algorithm -> Hashing Algorithm, Linked Object Identifier ->
/// Unique Identifier, Extension Type -> Item Type). For Attribute Reference (2.x) the list is the
/// 2.x Tag enumeration. `None` for tags that are not enumerations.
///
/// Some fields are an Enumeration only in some versions or besides other types (Asynchronous
/// Indicator is a Boolean in 1.x; Unique Identifier, Linked Object Identifier and Data may also be
/// text/byte strings or integers in 2.x): check the item type before decoding with this list.
pub fn enum_tag_values(tag: u32) -> Option<&'static [(&'static str, u32)]> {
    if is_tag_enumeration(tag) {
        return Some(TAG_ENUMERATION);
    }
    table(tag).map(|t| t.values)
}

/// XML name of `value` in the enumeration of field `tag` (`(tag::OBJECT_TYPE, 2)` ->
/// `"SymmetricKey"`). For values renamed between versions the latest spelling is returned.
pub fn enum_value_name(tag: u32, value: u32) -> Option<&'static str> {
    if is_tag_enumeration(tag) {
        return tag::tag_name(value);
    }
    let t = table(tag)?;
    t.values
        .binary_search_by_key(&value, |(_, v)| *v)
        .ok()
        .map(|i| t.values[i].0)
}

fn lookup(t: &Table, name: &str) -> Option<u32> {
    t.values
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, v)| *v)
        .or_else(|| {
            t.aliases
                .binary_search_by(|(n, _)| n.as_bytes().cmp(name.as_bytes()))
                .ok()
                .map(|i| t.aliases[i].1)
        })
}

/// Value of the enumeration of field `tag` named `name`: accepts the XML names (`"PreActive"`),
/// older spellings (`"SHA_3_256"` of 1.4 as well as `"SHA3_256"` of 2.x) and the specification
/// spellings (`"Pre-Active"`). Case-sensitive; hexadecimal literals are not parsed here.
pub fn enum_value_by_name(tag: u32, name: &str) -> Option<u32> {
    if is_tag_enumeration(tag) {
        return tag::tag_by_name(name);
    }
    lookup(table(tag)?, name)
}

/// For a 1.x Attribute structure: the tag whose enumeration decodes an Enumeration-typed
/// Attribute Value, from the Attribute Name (`"Cryptographic Algorithm"` ->
/// `tag::CRYPTOGRAPHIC_ALGORITHM`, `"State"` -> `tag::STATE`). `None` when the attribute is not
/// an enumeration.
pub fn enum_tag_for_attribute_name(name: &str) -> Option<u32> {
    let t = crate::attrdefs::attribute_by_name(name)?.tag;
    table(t).map(|_| t)
}

/// True when `value` of the enumeration of field `tag` is defined (listed, possibly as
/// deprecated) by the specification of version `major.minor` (1.0 ... 2.1). Values reserved or
/// not yet defined in that version give false, as do unknown versions and extension values.
pub fn enum_value_in_version(tag: u32, value: u32, major: i32, minor: i32) -> bool {
    if is_tag_enumeration(tag) {
        return tag::tag_in_version(value, major, minor);
    }
    let Some(t) = table(tag) else { return false };
    t.values
        .binary_search_by_key(&value, |(_, v)| *v)
        .is_ok_and(|i| t.versions[i] & version_bit(major, minor) != 0)
}

/// Every value of the enumeration of field `tag` defined in version `major.minor`, ascending
/// (e.g. the operations to report in a Query response).
pub fn enum_values_in_version(tag: u32, major: i32, minor: i32) -> Vec<u32> {
    let bit = version_bit(major, minor);
    match table(tag) {
        Some(t) => t
            .values
            .iter()
            .zip(t.versions)
            .filter(|(_, m)| **m & bit != 0)
            .map(|((_, v), _)| *v)
            .collect(),
        None => Vec::new(),
    }
}

/// True when Operation `op` is defined by KMIP `major.minor` (e.g. Encrypt 0x1F from 1.2).
pub fn operation_in_version(op: u32, major: i32, minor: i32) -> bool {
    enum_value_in_version(tag::OPERATION, op, major, minor)
}

/// True when Result Reason `reason` is defined by KMIP `major.minor` (0x0B and 0x0E are 1.x
/// only; 0x19 and above are 2.x; General Failure 0x100 is in every version).
pub fn result_reason_in_version(reason: u32, major: i32, minor: i32) -> bool {
    enum_value_in_version(tag::RESULT_REASON, reason, major, minor)
}

/// True when Object Type `object_type` is defined by KMIP `major.minor` (Template is 1.0–1.4,
/// PGP Key from 1.2, Certificate Request from 2.0).
pub fn object_type_in_version(object_type: u32, major: i32, minor: i32) -> bool {
    enum_value_in_version(tag::OBJECT_TYPE, object_type, major, minor)
}

/// (XML name, bit) list of a bit-mask field: Cryptographic Usage Mask, Storage Status Mask or
/// Protection Storage Mask (the 2.x Protection Storage Masks structures hold Protection Storage
/// Mask items). Masks are Integer items; see also [`mask_from_names`].
pub fn mask_tag_values(tag: u32) -> Option<&'static [(&'static str, u32)]> {
    mask_table(tag).map(|t| t.values)
}

/// Bit of a mask field by name (`(tag::CRYPTOGRAPHIC_USAGE_MASK, "Encrypt")` -> 4).
pub fn mask_value_by_name(tag: u32, name: &str) -> Option<u32> {
    lookup(mask_table(tag)?, name)
}

/// Parses the XML form of a mask value: bit names separated by spaces or `|`
/// (`"Encrypt Decrypt"`), each of which may also be a hexadecimal (`0x...`) or decimal number.
/// `None` if any part is unknown or the field is not a mask.
pub fn mask_from_names(tag: u32, text: &str) -> Option<u32> {
    let t = mask_table(tag)?;
    let mut acc = 0u32;
    for part in text
        .split(|c: char| c.is_whitespace() || c == '|')
        .filter(|p| !p.is_empty())
    {
        let bits = if let Some(hex) = part.strip_prefix("0x").or_else(|| part.strip_prefix("0X")) {
            u32::from_str_radix(hex, 16).ok()?
        } else if part.bytes().all(|b| b.is_ascii_digit()) {
            part.parse().ok()?
        } else {
            lookup(t, part)?
        };
        acc |= bits;
    }
    Some(acc)
}
