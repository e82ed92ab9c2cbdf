//! Asymmetric keys and certificates: the Key Format Types clients register (PKCS#1, PKCS#8, SEC1
//! ECPrivateKey, X.509 SubjectPublicKeyInfo, Transparent RSA and EC keys) and the conversions between
//! them; RSA and EC key pair generation; signatures (RSA PKCS#1 v1.5 and PSS, ECDSA on P-256, P-384,
//! P-521 and secp256k1) and RSA encryption (PKCS#1 v1.5, OAEP); the facts of an X.509 certificate
//! that become its attributes.
//!
//! Keys are parsed only for the time an operation needs them; what is stored is the material as
//! registered (see `keyhaven_kmip::object`), wrapped like every other object. Nothing here logs key
//! material, and private parts are zeroized when dropped (the `rsa` and `elliptic-curve` key types
//! zeroize themselves).

use keyhaven_kmip::enums::{
    cryptographic_algorithm as alg, digital_signature_algorithm as dsa, hashing_algorithm as ha,
    key_format_type as kft, mask_generator, object_type as ot, padding_method as pm,
    recommended_curve as rc,
};
use keyhaven_kmip::error::{KmipError, KmipResult, Reason};
use keyhaven_kmip::object::ObjectContent;
use keyhaven_kmip::tag;
use keyhaven_ttlv::{Item, Value};
use p256::elliptic_curve;
use rand_core::OsRng;
use rsa::pkcs1::{
    DecodeRsaPrivateKey, DecodeRsaPublicKey, EncodeRsaPrivateKey, EncodeRsaPublicKey,
};
use rsa::pkcs8::der::Decode;
use rsa::pkcs8::{
    DecodePrivateKey, EncodePrivateKey, EncodePublicKey, ObjectIdentifier, PrivateKeyInfo,
};
use rsa::traits::{PrivateKeyParts, PublicKeyParts};
use rsa::{BigUint, RsaPrivateKey, RsaPublicKey};
use zeroize::Zeroizing;

const OID_RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
const OID_EC: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
const OID_P256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.3.1.7");
const OID_P384: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.34");
const OID_P521: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.35");
const OID_K256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.10");

/// The elliptic curves this server computes with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Curve {
    P256,
    P384,
    P521,
    K256,
}

impl Curve {
    fn from_oid(oid: &ObjectIdentifier) -> Option<Curve> {
        match *oid {
            o if o == OID_P256 => Some(Curve::P256),
            o if o == OID_P384 => Some(Curve::P384),
            o if o == OID_P521 => Some(Curve::P521),
            o if o == OID_K256 => Some(Curve::K256),
            _ => None,
        }
    }

    fn oid(self) -> ObjectIdentifier {
        match self {
            Curve::P256 => OID_P256,
            Curve::P384 => OID_P384,
            Curve::P521 => OID_P521,
            Curve::K256 => OID_K256,
        }
    }

    /// The KMIP Recommended Curve.
    pub fn recommended(self) -> u32 {
        match self {
            Curve::P256 => rc::P_256,
            Curve::P384 => rc::P_384,
            Curve::P521 => rc::P_521,
            Curve::K256 => rc::SECP256K1,
        }
    }

    pub fn from_recommended(c: u32) -> Option<Curve> {
        match c {
            rc::P_256 => Some(Curve::P256),
            rc::P_384 => Some(Curve::P384),
            rc::P_521 => Some(Curve::P521),
            rc::SECP256K1 => Some(Curve::K256),
            _ => None,
        }
    }

    /// The NIST curve of a Cryptographic Length (256, 384, 521).
    pub fn from_length(bits: i32) -> Option<Curve> {
        match bits {
            256 => Some(Curve::P256),
            384 => Some(Curve::P384),
            521 => Some(Curve::P521),
            _ => None,
        }
    }

    pub fn bits(self) -> i32 {
        match self {
            Curve::P256 | Curve::K256 => 256,
            Curve::P384 => 384,
            Curve::P521 => 521,
        }
    }

    /// The hash ECDSA uses with this curve when the request names none.
    fn default_hash(self) -> u32 {
        match self {
            Curve::P256 | Curve::K256 => ha::SHA_256,
            Curve::P384 => ha::SHA_384,
            Curve::P521 => ha::SHA_512,
        }
    }
}

/// Runs `$body` with `$C` the `elliptic-curve` type of `$curve`.
macro_rules! with_curve {
    ($curve:expr, |$C:ident| $body:block) => {
        match $curve {
            Curve::P256 => {
                type $C = p256::NistP256;
                $body
            }
            Curve::P384 => {
                type $C = p384::NistP384;
                $body
            }
            Curve::P521 => {
                type $C = p521::NistP521;
                $body
            }
            Curve::K256 => {
                type $C = k256::Secp256k1;
                $body
            }
        }
    };
}

/// Runs `$body` with `$Sk`, `$Vk` and `$Sig` the ECDSA signing key, verifying key and signature
/// types of `$curve` (P-521 has its own wrappers).
macro_rules! with_ecdsa {
    ($curve:expr, |$Sk:ident, $Vk:ident, $Sig:ident| $body:block) => {
        match $curve {
            Curve::P256 => {
                #[allow(dead_code)]
                type $Sk = p256::ecdsa::SigningKey;
                #[allow(dead_code)]
                type $Vk = p256::ecdsa::VerifyingKey;
                #[allow(dead_code)]
                type $Sig = p256::ecdsa::Signature;
                $body
            }
            Curve::P384 => {
                #[allow(dead_code)]
                type $Sk = p384::ecdsa::SigningKey;
                #[allow(dead_code)]
                type $Vk = p384::ecdsa::VerifyingKey;
                #[allow(dead_code)]
                type $Sig = p384::ecdsa::Signature;
                $body
            }
            Curve::P521 => {
                #[allow(dead_code)]
                type $Sk = p521::ecdsa::SigningKey;
                #[allow(dead_code)]
                type $Vk = p521::ecdsa::VerifyingKey;
                #[allow(dead_code)]
                type $Sig = p521::ecdsa::Signature;
                $body
            }
            Curve::K256 => {
                #[allow(dead_code)]
                type $Sk = k256::ecdsa::SigningKey;
                #[allow(dead_code)]
                type $Vk = k256::ecdsa::VerifyingKey;
                #[allow(dead_code)]
                type $Sig = k256::ecdsa::Signature;
                $body
            }
        }
    };
}

/// Runs `$body` with `$D` the digest type of a KMIP Hashing Algorithm.
macro_rules! with_hash {
    ($h:expr, |$D:ident| $body:block) => {
        match $h {
            ha::SHA_1 => {
                type $D = sha1::Sha1;
                $body
            }
            ha::SHA_224 => {
                type $D = sha2::Sha224;
                $body
            }
            ha::SHA_256 => {
                type $D = sha2::Sha256;
                $body
            }
            ha::SHA_384 => {
                type $D = sha2::Sha384;
                $body
            }
            ha::SHA_512 => {
                type $D = sha2::Sha512;
                $body
            }
            other => {
                return Err(unsupported(format!(
                    "hashing algorithm {} is not supported here (SHA-1, SHA-224, SHA-256, SHA-384 and SHA-512 are)",
                    enum_name(tag::HASHING_ALGORITHM, other)
                )))
            }
        }
    };
}

fn enum_name(t: u32, v: u32) -> String {
    keyhaven_kmip::enums::enum_value_name(t, v).map_or_else(|| format!("0x{v:08X}"), str::to_owned)
}

fn unsupported(msg: impl Into<String>) -> KmipError {
    KmipError::new(Reason::UnsupportedCryptographicParameters, msg)
}

fn bad_key(what: &str, e: impl std::fmt::Display) -> KmipError {
    KmipError::new(
        Reason::InvalidField,
        format!("the {what} cannot be read: {e}"),
    )
}

fn format_not_supported(format: u32, what: &str) -> KmipError {
    KmipError::new(
        Reason::KeyFormatTypeNotSupported,
        format!(
            "Key Format Type {} is not supported for {what}",
            enum_name(tag::KEY_FORMAT_TYPE, format)
        ),
    )
}

/// A private key, parsed.
pub enum PrivateKey {
    Rsa(Box<RsaPrivateKey>),
    /// The secret scalar, big-endian, of the curve's size.
    Ec {
        curve: Curve,
        d: Zeroizing<Vec<u8>>,
    },
}

/// A public key, parsed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PublicKey {
    Rsa(RsaPublicKey),
    /// The SEC1 encoded point (uncompressed or compressed).
    Ec {
        curve: Curve,
        point: Vec<u8>,
    },
}

impl std::fmt::Debug for PrivateKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PrivateKey::Rsa(k) => write!(f, "PrivateKey::Rsa(<{} bits>)", k.n().bits()),
            PrivateKey::Ec { curve, .. } => write!(f, "PrivateKey::Ec({curve:?}, <redacted>)"),
        }
    }
}

impl PrivateKey {
    /// Cryptographic Length: modulus bits or curve size.
    pub fn bits(&self) -> i32 {
        match self {
            PrivateKey::Rsa(k) => k.n().bits() as i32,
            PrivateKey::Ec { curve, .. } => curve.bits(),
        }
    }

    /// The matching public key.
    pub fn public_key(&self) -> KmipResult<PublicKey> {
        match self {
            PrivateKey::Rsa(k) => Ok(PublicKey::Rsa(k.to_public_key())),
            PrivateKey::Ec { curve, d } => with_curve!(*curve, |C| {
                let sk = elliptic_curve::SecretKey::<C>::from_slice(d)
                    .map_err(|e| bad_key("EC private key", e))?;
                Ok(PublicKey::Ec {
                    curve: *curve,
                    point: sk.public_key().to_sec1_bytes().to_vec(),
                })
            }),
        }
    }
}

impl PublicKey {
    pub fn bits(&self) -> i32 {
        match self {
            PublicKey::Rsa(k) => k.n().bits() as i32,
            PublicKey::Ec { curve, .. } => curve.bits(),
        }
    }

    /// RSA, or EC for an elliptic curve key.
    pub fn algorithm(&self) -> u32 {
        match self {
            PublicKey::Rsa(_) => alg::RSA,
            PublicKey::Ec { .. } => alg::EC,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Parsing

fn transparent_fields(content: &ObjectContent) -> KmipResult<Vec<Item>> {
    let limits = keyhaven_ttlv::Limits {
        max_message_len: usize::MAX,
        ..Default::default()
    };
    let it = keyhaven_ttlv::decode(&content.material, &limits)
        .map_err(|e| bad_key("Transparent key material", e))?;
    match it.value {
        Value::Structure(items) => Ok(items),
        _ => Err(bad_key("Transparent key material", "not a structure")),
    }
}

fn big(items: &[Item], t: u32) -> Option<BigUint> {
    items
        .iter()
        .find(|i| i.tag == t)
        .and_then(|i| match &i.value {
            Value::BigInteger(b) => Some(BigUint::from_bytes_be(b)),
            Value::ByteString(b) => Some(BigUint::from_bytes_be(b)),
            Value::Integer(v) if *v >= 0 => Some(BigUint::from(*v as u32)),
            _ => None,
        })
}

fn need_big(items: &[Item], t: u32, what: &str) -> KmipResult<BigUint> {
    big(items, t).ok_or_else(|| KmipError::missing(&format!("the {what} of the Transparent key")))
}

fn curve_of(items: &[Item]) -> KmipResult<Curve> {
    let c = items
        .iter()
        .find(|i| i.tag == tag::RECOMMENDED_CURVE)
        .and_then(Item::as_enum)
        .ok_or_else(|| KmipError::missing("the Recommended Curve of the Transparent EC key"))?;
    Curve::from_recommended(c).ok_or_else(|| {
        unsupported(format!(
            "curve {} is not supported (P-256, P-384, P-521 and SECP256K1 are)",
            enum_name(tag::RECOMMENDED_CURVE, c)
        ))
    })
}

/// The curve a SEC1 / PKCS#8 key names, else the one its length suggests.
fn ec_from_sec1(der: &[u8], named: Option<Curve>, hint: Option<i32>) -> KmipResult<PrivateKey> {
    let k = sec1::EcPrivateKey::from_der(der).map_err(|e| bad_key("ECPrivateKey", e))?;
    let from_params = k
        .parameters
        .and_then(|p| p.named_curve())
        .map(|oid| {
            Curve::from_oid(&oid)
                .ok_or_else(|| unsupported(format!("the EC curve {oid} is not supported")))
        })
        .transpose()?;
    let curve = from_params
        .or(named)
        .or_else(|| hint.and_then(Curve::from_length))
        .or(match k.private_key.len() {
            32 => Some(Curve::P256),
            48 => Some(Curve::P384),
            65 | 66 => Some(Curve::P521),
            _ => None,
        })
        .ok_or_else(|| KmipError::invalid("the ECPrivateKey names no curve this server knows"))?;
    let d = Zeroizing::new(k.private_key.to_vec());
    // Validate now rather than at first use.
    with_curve!(curve, |C| {
        elliptic_curve::SecretKey::<C>::from_slice(&d).map_err(|e| bad_key("EC private key", e))?;
    });
    Ok(PrivateKey::Ec { curve, d })
}

/// Parses a Private Key object's material.
pub fn parse_private(content: &ObjectContent) -> KmipResult<PrivateKey> {
    let m: &[u8] = &content.material;
    match content.format {
        kft::PKCS_1 => Ok(PrivateKey::Rsa(Box::new(
            RsaPrivateKey::from_pkcs1_der(m).map_err(|e| bad_key("PKCS#1 private key", e))?,
        ))),
        kft::PKCS_8 => {
            let info = PrivateKeyInfo::from_der(m).map_err(|e| bad_key("PKCS#8 private key", e))?;
            if info.algorithm.oid == OID_RSA {
                Ok(PrivateKey::Rsa(Box::new(
                    RsaPrivateKey::from_pkcs8_der(m).map_err(|e| bad_key("PKCS#8 RSA key", e))?,
                )))
            } else if info.algorithm.oid == OID_EC {
                let named = match info.algorithm.parameters_oid() {
                    Ok(oid) => Some(Curve::from_oid(&oid).ok_or_else(|| {
                        unsupported(format!("the EC curve {oid} is not supported"))
                    })?),
                    Err(_) => None,
                };
                ec_from_sec1(info.private_key, named, content.length)
            } else {
                Err(unsupported(format!(
                    "PKCS#8 keys of algorithm {} are not supported (RSA and EC are)",
                    info.algorithm.oid
                )))
            }
        }
        kft::ECPRIVATEKEY => ec_from_sec1(m, None, content.length),
        kft::TRANSPARENT_RSA_PRIVATE_KEY => {
            let f = transparent_fields(content)?;
            let n = need_big(&f, tag::MODULUS, "Modulus")?;
            let d = need_big(&f, tag::PRIVATE_EXPONENT, "Private Exponent")?;
            let e = big(&f, tag::PUBLIC_EXPONENT).unwrap_or_else(|| BigUint::from(65537u32));
            let primes = match (big(&f, tag::P), big(&f, tag::Q)) {
                (Some(p), Some(q)) => vec![p, q],
                _ => Vec::new(),
            };
            Ok(PrivateKey::Rsa(Box::new(
                RsaPrivateKey::from_components(n, e, d, primes)
                    .map_err(|e| bad_key("Transparent RSA private key", e))?,
            )))
        }
        kft::TRANSPARENT_EC_PRIVATE_KEY
        | kft::TRANSPARENT_ECDSA_PRIVATE_KEY
        | kft::TRANSPARENT_ECDH_PRIVATE_KEY => {
            let f = transparent_fields(content)?;
            let curve = curve_of(&f)?;
            let d = need_big(&f, tag::D, "D")?;
            let size = (curve.bits() as usize).div_ceil(8);
            let raw = Zeroizing::new(d.to_bytes_be());
            if raw.len() > size {
                return Err(KmipError::invalid(
                    "the private value D is larger than the curve",
                ));
            }
            let mut padded = Zeroizing::new(vec![0u8; size - raw.len()]);
            padded.extend_from_slice(&raw);
            with_curve!(curve, |C| {
                elliptic_curve::SecretKey::<C>::from_slice(&padded)
                    .map_err(|e| bad_key("EC private key", e))?;
            });
            Ok(PrivateKey::Ec { curve, d: padded })
        }
        other => Err(format_not_supported(other, "private key operations")),
    }
}

fn spki_public(der: &[u8]) -> KmipResult<PublicKey> {
    let spki = rsa::pkcs8::spki::SubjectPublicKeyInfoRef::from_der(der)
        .map_err(|e| bad_key("X.509 SubjectPublicKeyInfo", e))?;
    let bits = spki
        .subject_public_key
        .as_bytes()
        .ok_or_else(|| KmipError::invalid("the subject public key has unused bits"))?;
    if spki.algorithm.oid == OID_RSA {
        Ok(PublicKey::Rsa(
            RsaPublicKey::from_pkcs1_der(bits).map_err(|e| bad_key("RSA public key", e))?,
        ))
    } else if spki.algorithm.oid == OID_EC {
        let oid = spki
            .algorithm
            .parameters_oid()
            .map_err(|_| KmipError::invalid("the EC public key names no curve"))?;
        let curve = Curve::from_oid(&oid)
            .ok_or_else(|| unsupported(format!("the EC curve {oid} is not supported")))?;
        ec_point(curve, bits.to_vec())
    } else {
        Err(unsupported(format!(
            "public keys of algorithm {} are not supported (RSA and EC are)",
            spki.algorithm.oid
        )))
    }
}

fn ec_point(curve: Curve, point: Vec<u8>) -> KmipResult<PublicKey> {
    with_curve!(curve, |C| {
        elliptic_curve::PublicKey::<C>::from_sec1_bytes(&point)
            .map_err(|e| bad_key("EC public key", e))?;
    });
    Ok(PublicKey::Ec { curve, point })
}

/// Parses a Public Key object's material (or derives it from a Private Key object).
pub fn parse_public(content: &ObjectContent) -> KmipResult<PublicKey> {
    if content.object_type == ot::PRIVATE_KEY {
        return parse_private(content)?.public_key();
    }
    if content.object_type == ot::CERTIFICATE {
        return spki_public(&certificate_info(&content.material)?.spki);
    }
    let m: &[u8] = &content.material;
    match content.format {
        kft::PKCS_1 => Ok(PublicKey::Rsa(
            RsaPublicKey::from_pkcs1_der(m).map_err(|e| bad_key("PKCS#1 public key", e))?,
        )),
        kft::X_509 => spki_public(m),
        kft::TRANSPARENT_RSA_PUBLIC_KEY => {
            let f = transparent_fields(content)?;
            let n = need_big(&f, tag::MODULUS, "Modulus")?;
            let e = need_big(&f, tag::PUBLIC_EXPONENT, "Public Exponent")?;
            Ok(PublicKey::Rsa(
                RsaPublicKey::new(n, e).map_err(|e| bad_key("Transparent RSA public key", e))?,
            ))
        }
        kft::TRANSPARENT_EC_PUBLIC_KEY
        | kft::TRANSPARENT_ECDSA_PUBLIC_KEY
        | kft::TRANSPARENT_ECDH_PUBLIC_KEY => {
            let f = transparent_fields(content)?;
            let curve = curve_of(&f)?;
            let q = f
                .iter()
                .find(|i| i.tag == tag::Q_STRING)
                .and_then(Item::as_bytes)
                .ok_or_else(|| KmipError::missing("the Q String of the Transparent EC key"))?;
            ec_point(curve, q.to_vec())
        }
        other => Err(format_not_supported(other, "public key operations")),
    }
}

// ---------------------------------------------------------------------------------------------
// Encoding and conversion

/// A non-negative integer as a TTLV Big Integer (a leading zero byte keeps it positive).
fn big_item(t: u32, v: &BigUint) -> Item {
    let mut b = v.to_bytes_be();
    if b.first().is_some_and(|x| x & 0x80 != 0) {
        b.insert(0, 0);
    }
    Item::big_integer(t, b)
}

fn transparent(items: Vec<Item>) -> Zeroizing<Vec<u8>> {
    Zeroizing::new(keyhaven_ttlv::encode(&Item::structure(
        tag::KEY_MATERIAL,
        items,
    )))
}

fn der_err(e: impl std::fmt::Display) -> KmipError {
    KmipError::new(
        Reason::CryptographicFailure,
        format!("cannot encode the key: {e}"),
    )
}

/// Encodes a private key in a Key Format Type (material as `ObjectContent` holds it).
pub fn encode_private(key: &PrivateKey, format: u32) -> KmipResult<Zeroizing<Vec<u8>>> {
    match (key, format) {
        (PrivateKey::Rsa(k), kft::PKCS_1) => Ok(Zeroizing::new(
            k.to_pkcs1_der().map_err(der_err)?.as_bytes().to_vec(),
        )),
        (PrivateKey::Rsa(k), kft::PKCS_8) => Ok(Zeroizing::new(
            k.to_pkcs8_der().map_err(der_err)?.as_bytes().to_vec(),
        )),
        (PrivateKey::Rsa(k), kft::TRANSPARENT_RSA_PRIVATE_KEY) => {
            let mut items = vec![
                big_item(tag::MODULUS, k.n()),
                big_item(tag::PRIVATE_EXPONENT, k.d()),
                big_item(tag::PUBLIC_EXPONENT, k.e()),
            ];
            let primes = k.primes();
            if primes.len() == 2 {
                items.push(big_item(tag::P, &primes[0]));
                items.push(big_item(tag::Q, &primes[1]));
                if let (Some(dp), Some(dq), Some(qinv)) = (k.dp(), k.dq(), k.crt_coefficient()) {
                    items.push(big_item(tag::PRIME_EXPONENT_P, dp));
                    items.push(big_item(tag::PRIME_EXPONENT_Q, dq));
                    items.push(big_item(tag::CRT_COEFFICIENT, &qinv));
                }
            }
            Ok(transparent(items))
        }
        (PrivateKey::Ec { curve, d }, kft::ECPRIVATEKEY | kft::PKCS_8) => {
            with_curve!(*curve, |C| {
                let sk = elliptic_curve::SecretKey::<C>::from_slice(d)
                    .map_err(|e| bad_key("EC private key", e))?;
                if format == kft::PKCS_8 {
                    Ok(Zeroizing::new(
                        sk.to_pkcs8_der().map_err(der_err)?.as_bytes().to_vec(),
                    ))
                } else {
                    // SEC1 with the curve named (elliptic-curve's own encoding leaves it out).
                    use sec1::der::Encode;
                    let point = sk.public_key().to_sec1_bytes();
                    let k = sec1::EcPrivateKey {
                        private_key: d,
                        parameters: Some(sec1::EcParameters::NamedCurve(curve.oid())),
                        public_key: Some(&point),
                    };
                    Ok(Zeroizing::new(k.to_der().map_err(der_err)?))
                }
            })
        }
        (
            PrivateKey::Ec { curve, d },
            kft::TRANSPARENT_EC_PRIVATE_KEY | kft::TRANSPARENT_ECDSA_PRIVATE_KEY,
        ) => Ok(transparent(vec![
            Item::enumeration(tag::RECOMMENDED_CURVE, curve.recommended()),
            big_item(tag::D, &BigUint::from_bytes_be(d)),
        ])),
        (_, other) => Err(format_not_supported(other, "this private key")),
    }
}

/// Encodes a public key in a Key Format Type.
pub fn encode_public(key: &PublicKey, format: u32) -> KmipResult<Vec<u8>> {
    match (key, format) {
        (PublicKey::Rsa(k), kft::PKCS_1) => {
            Ok(k.to_pkcs1_der().map_err(der_err)?.as_bytes().to_vec())
        }
        (PublicKey::Rsa(k), kft::X_509) => {
            Ok(k.to_public_key_der().map_err(der_err)?.as_bytes().to_vec())
        }
        (PublicKey::Rsa(k), kft::TRANSPARENT_RSA_PUBLIC_KEY) => Ok(transparent(vec![
            big_item(tag::MODULUS, k.n()),
            big_item(tag::PUBLIC_EXPONENT, k.e()),
        ])
        .to_vec()),
        (PublicKey::Ec { curve, point }, kft::X_509) => with_curve!(*curve, |C| {
            let pk = elliptic_curve::PublicKey::<C>::from_sec1_bytes(point)
                .map_err(|e| bad_key("EC public key", e))?;
            Ok(pk.to_public_key_der().map_err(der_err)?.as_bytes().to_vec())
        }),
        (
            PublicKey::Ec { curve, point },
            kft::TRANSPARENT_EC_PUBLIC_KEY | kft::TRANSPARENT_ECDSA_PUBLIC_KEY,
        ) => Ok(transparent(vec![
            Item::enumeration(tag::RECOMMENDED_CURVE, curve.recommended()),
            Item::bytes(tag::Q_STRING, point.clone()),
        ])
        .to_vec()),
        (_, other) => Err(format_not_supported(other, "this public key")),
    }
}

/// The object in another Key Format Type (itself when it already is in that format).
pub fn convert(content: &ObjectContent, format: u32) -> KmipResult<ObjectContent> {
    if format == content.format {
        return Ok(content.clone());
    }
    let material = match content.object_type {
        ot::PRIVATE_KEY => encode_private(&parse_private(content)?, format)?,
        ot::PUBLIC_KEY => Zeroizing::new(encode_public(&parse_public(content)?, format)?),
        _ => {
            return Err(KmipError::new(
                Reason::KeyFormatTypeNotSupported,
                "only keys have Key Format Types",
            ))
        }
    };
    Ok(ObjectContent {
        format,
        material,
        ..content.clone()
    })
}

/// Checks a registered key and fills in its Cryptographic Length when the Key Block had none.
/// Keys in formats this server cannot parse (DSA, DH, ...) are kept as they are.
pub fn check_registered(content: &mut ObjectContent) -> KmipResult<()> {
    let parsed_bits = match content.object_type {
        ot::PRIVATE_KEY => match parse_private(content) {
            Ok(k) => Some(k.bits()),
            Err(e) if e.reason == Reason::KeyFormatTypeNotSupported => None,
            // An encrypted PKCS#8 key (EncryptedPrivateKeyInfo) is kept as it is: this server
            // does not have its password.
            Err(_) if content.format == kft::PKCS_8 && is_encrypted_pkcs8(&content.material) => {
                None
            }
            Err(e) => return Err(e),
        },
        ot::PUBLIC_KEY => match parse_public(content) {
            Ok(k) => Some(k.bits()),
            Err(e) if e.reason == Reason::KeyFormatTypeNotSupported => None,
            Err(e) => return Err(e),
        },
        _ => None,
    };
    if let Some(bits) = parsed_bits {
        match content.length {
            Some(l) if l != bits => {
                return Err(KmipError::invalid(format!(
                    "Cryptographic Length {l} does not match the {bits}-bit key"
                )))
            }
            Some(_) => {}
            None => content.length = Some(bits),
        }
    }
    Ok(())
}

/// True for a PKCS#8 EncryptedPrivateKeyInfo: SEQUENCE { AlgorithmIdentifier, OCTET STRING }.
fn is_encrypted_pkcs8(der: &[u8]) -> bool {
    use rsa::pkcs8::der::asn1::OctetStringRef;
    use rsa::pkcs8::der::{Reader, SliceReader};
    let Ok(mut r) = SliceReader::new(der) else {
        return false;
    };
    r.sequence(|r| {
        rsa::pkcs8::spki::AlgorithmIdentifierRef::decode(r)?;
        OctetStringRef::decode(r)?;
        Ok(())
    })
    .is_ok()
        && r.is_finished()
}

// ---------------------------------------------------------------------------------------------
// Generation

/// A new RSA key (1024 to 4096 bits, a multiple of 8), public exponent 65537.
pub fn generate_rsa(bits: i32) -> KmipResult<PrivateKey> {
    if !(1024..=4096).contains(&bits) || bits % 8 != 0 {
        return Err(KmipError::new(
            Reason::InvalidAttributeValue,
            format!("RSA keys are 1024 to 4096 bits long (a multiple of 8), not {bits}"),
        ));
    }
    let k = RsaPrivateKey::new(&mut OsRng, bits as usize).map_err(|e| {
        KmipError::new(
            Reason::CryptographicFailure,
            format!("RSA key generation failed: {e}"),
        )
    })?;
    Ok(PrivateKey::Rsa(Box::new(k)))
}

/// A new EC key on a curve.
pub fn generate_ec(curve: Curve) -> PrivateKey {
    let d = with_curve!(curve, |C| {
        Zeroizing::new(
            elliptic_curve::SecretKey::<C>::random(&mut OsRng)
                .to_bytes()
                .to_vec(),
        )
    });
    PrivateKey::Ec { curve, d }
}

// ---------------------------------------------------------------------------------------------
// Cryptographic Parameters

/// The Cryptographic Parameters fields that signatures and RSA encryption use.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CryptoParams {
    pub algorithm: Option<u32>,
    pub padding: Option<u32>,
    pub hashing: Option<u32>,
    pub signature_algorithm: Option<u32>,
    pub salt_length: Option<i32>,
    pub mask_generator: Option<u32>,
    pub mgf_hashing: Option<u32>,
    pub p_source: Option<Vec<u8>>,
}

impl CryptoParams {
    /// From a Cryptographic Parameters structure.
    pub fn from_items(items: &[Item]) -> CryptoParams {
        let e = |t| items.iter().find(|i| i.tag == t).and_then(Item::as_enum);
        CryptoParams {
            algorithm: e(tag::CRYPTOGRAPHIC_ALGORITHM),
            padding: e(tag::PADDING_METHOD),
            hashing: e(tag::HASHING_ALGORITHM),
            signature_algorithm: e(tag::DIGITAL_SIGNATURE_ALGORITHM),
            salt_length: items
                .iter()
                .find(|i| i.tag == tag::SALT_LENGTH)
                .and_then(Item::as_int),
            mask_generator: e(tag::MASK_GENERATOR),
            mgf_hashing: e(tag::MASK_GENERATOR_HASHING_ALGORITHM),
            p_source: items
                .iter()
                .find(|i| i.tag == tag::P_SOURCE)
                .and_then(Item::as_bytes)
                .map(<[u8]>::to_vec),
        }
    }

    pub fn from_value(v: &Value) -> CryptoParams {
        match v {
            Value::Structure(items) => CryptoParams::from_items(items),
            _ => CryptoParams::default(),
        }
    }

    /// Fields of `self`, completed by those of `other` (the key's Cryptographic Parameters).
    pub fn or(self, other: &CryptoParams) -> CryptoParams {
        CryptoParams {
            algorithm: self.algorithm.or(other.algorithm),
            padding: self.padding.or(other.padding),
            hashing: self.hashing.or(other.hashing),
            signature_algorithm: self.signature_algorithm.or(other.signature_algorithm),
            salt_length: self.salt_length.or(other.salt_length),
            mask_generator: self.mask_generator.or(other.mask_generator),
            mgf_hashing: self.mgf_hashing.or(other.mgf_hashing),
            p_source: self.p_source.or_else(|| other.p_source.clone()),
        }
    }

    /// (padding, hash) of an RSA signature: from the Digital Signature Algorithm, else the Padding
    /// Method and Hashing Algorithm; PKCS#1 v1.5 with SHA-256 by default.
    fn rsa_signature(&self) -> KmipResult<(u32, u32)> {
        let from_dsa = match self.signature_algorithm {
            None => None,
            Some(dsa::SHA_1_WITH_RSA_ENCRYPTION) => Some((pm::PKCS1_V1_5, ha::SHA_1)),
            Some(dsa::SHA_224_WITH_RSA_ENCRYPTION) => Some((pm::PKCS1_V1_5, ha::SHA_224)),
            Some(dsa::SHA_256_WITH_RSA_ENCRYPTION) => Some((pm::PKCS1_V1_5, ha::SHA_256)),
            Some(dsa::SHA_384_WITH_RSA_ENCRYPTION) => Some((pm::PKCS1_V1_5, ha::SHA_384)),
            Some(dsa::SHA_512_WITH_RSA_ENCRYPTION) => Some((pm::PKCS1_V1_5, ha::SHA_512)),
            Some(dsa::RSASSA_PSS) => Some((pm::PSS, self.hashing.unwrap_or(ha::SHA_256))),
            Some(other) => {
                return Err(unsupported(format!(
                    "Digital Signature Algorithm {} does not suit an RSA key",
                    enum_name(tag::DIGITAL_SIGNATURE_ALGORITHM, other)
                )))
            }
        };
        Ok(from_dsa.unwrap_or((
            self.padding.unwrap_or(pm::PKCS1_V1_5),
            self.hashing.unwrap_or(ha::SHA_256),
        )))
    }

    fn ecdsa_hash(&self, curve: Curve) -> KmipResult<u32> {
        match self.signature_algorithm {
            None => Ok(self.hashing.unwrap_or(curve.default_hash())),
            Some(dsa::ECDSA_WITH_SHA_1) => Ok(ha::SHA_1),
            Some(dsa::ECDSA_WITH_SHA224) => Ok(ha::SHA_224),
            Some(dsa::ECDSA_WITH_SHA256) => Ok(ha::SHA_256),
            Some(dsa::ECDSA_WITH_SHA384) => Ok(ha::SHA_384),
            Some(dsa::ECDSA_WITH_SHA512) => Ok(ha::SHA_512),
            Some(other) => Err(unsupported(format!(
                "Digital Signature Algorithm {} does not suit an EC key",
                enum_name(tag::DIGITAL_SIGNATURE_ALGORITHM, other)
            ))),
        }
    }

    /// The algorithm a request names must match the key's.
    fn check_algorithm(&self, key_is_rsa: bool) -> KmipResult<()> {
        match self.algorithm {
            None => Ok(()),
            Some(alg::RSA) if key_is_rsa => Ok(()),
            Some(alg::ECDSA | alg::EC) if !key_is_rsa => Ok(()),
            Some(other) => Err(unsupported(format!(
                "Cryptographic Algorithm {} does not match the {} key",
                enum_name(tag::CRYPTOGRAPHIC_ALGORITHM, other),
                if key_is_rsa { "RSA" } else { "EC" }
            ))),
        }
    }
}

/// The message's digest: the Digested Data as given, else a hash of the Data.
fn digest_input(hash: u32, data: Option<&[u8]>, digested: Option<&[u8]>) -> KmipResult<Vec<u8>> {
    use sha2::Digest;
    with_hash!(hash, |D| {
        let size = <D as Digest>::output_size();
        match (digested, data) {
            (Some(d), _) => {
                if d.len() != size {
                    return Err(KmipError::invalid(format!(
                        "the Digested Data is {} bytes; a {} digest is {size}",
                        d.len(),
                        enum_name(tag::HASHING_ALGORITHM, hash)
                    )));
                }
                Ok(d.to_vec())
            }
            (None, Some(m)) => Ok(D::digest(m).to_vec()),
            (None, None) => Err(KmipError::missing("the Data or Digested Data")),
        }
    })
}

fn crypto_failure(what: &str, e: impl std::fmt::Display) -> KmipError {
    KmipError::new(Reason::CryptographicFailure, format!("{what} failed: {e}"))
}

/// The largest PSS salt for a key and hash.
fn max_pss_salt(key_bits: usize, hash_len: usize) -> usize {
    let em_len = (key_bits - 1).div_ceil(8);
    em_len.saturating_sub(hash_len + 2)
}

/// Signs Data (hashed here) or Digested Data.
pub fn sign(
    key: &PrivateKey,
    p: &CryptoParams,
    data: Option<&[u8]>,
    digested: Option<&[u8]>,
) -> KmipResult<Vec<u8>> {
    match key {
        PrivateKey::Rsa(k) => {
            p.check_algorithm(true)?;
            let (padding, hash) = p.rsa_signature()?;
            let hashed = digest_input(hash, data, digested)?;
            with_hash!(hash, |D| {
                match padding {
                    pm::PKCS1_V1_5 => k
                        .sign(rsa::Pkcs1v15Sign::new::<D>(), &hashed)
                        .map_err(|e| crypto_failure("RSA signature", e)),
                    pm::PSS => {
                        let h_len = <D as sha2::Digest>::output_size();
                        let max = max_pss_salt(k.n().bits(), h_len);
                        let salt = match p.salt_length {
                            Some(s) if s < 0 || s as usize > max => {
                                return Err(unsupported(format!(
                                    "a PSS salt of {s} bytes does not fit this key (at most {max})"
                                )))
                            }
                            Some(s) => s as usize,
                            None => h_len.min(max),
                        };
                        k.sign_with_rng(&mut OsRng, rsa::Pss::new_with_salt::<D>(salt), &hashed)
                            .map_err(|e| crypto_failure("RSA-PSS signature", e))
                    }
                    other => Err(unsupported(format!(
                        "padding {} cannot make an RSA signature (PKCS1 v1.5 and PSS can)",
                        enum_name(tag::PADDING_METHOD, other)
                    ))),
                }
            })
        }
        PrivateKey::Ec { curve, d } => {
            p.check_algorithm(false)?;
            let hash = p.ecdsa_hash(*curve)?;
            let hashed = digest_input(hash, data, digested)?;
            with_ecdsa!(*curve, |Sk, Vk, Sig| {
                use ecdsa::signature::hazmat::PrehashSigner;
                let sk = Sk::from_slice(d).map_err(|e| bad_key("EC private key", e))?;
                let sig: Sig = sk
                    .sign_prehash(&hashed)
                    .map_err(|e| crypto_failure("ECDSA signature", e))?;
                Ok(sig.to_der().as_bytes().to_vec())
            })
        }
    }
}

/// Verifies a signature over Data (hashed here) or Digested Data: Ok(false) when it does not match.
pub fn verify(
    key: &PublicKey,
    p: &CryptoParams,
    data: Option<&[u8]>,
    digested: Option<&[u8]>,
    signature: &[u8],
) -> KmipResult<bool> {
    match key {
        PublicKey::Rsa(k) => {
            p.check_algorithm(true)?;
            let (padding, hash) = p.rsa_signature()?;
            let hashed = digest_input(hash, data, digested)?;
            with_hash!(hash, |D| {
                match padding {
                    pm::PKCS1_V1_5 => Ok(k
                        .verify(rsa::Pkcs1v15Sign::new::<D>(), &hashed, signature)
                        .is_ok()),
                    pm::PSS => {
                        let h_len = <D as sha2::Digest>::output_size();
                        let max = max_pss_salt(k.n().bits(), h_len);
                        // The salt length named, else the usual ones, else any (as OpenSSL's
                        // "auto" does): the salt length is not part of the key.
                        let mut tried = Vec::new();
                        let named: Vec<usize> = p
                            .salt_length
                            .filter(|s| *s >= 0)
                            .map(|s| s as usize)
                            .into_iter()
                            .collect();
                        let candidates = named
                            .iter()
                            .copied()
                            .chain([h_len, max, 0, 20, 32, 48, 64])
                            .chain(0..=max);
                        for s in candidates {
                            if s > max || tried.contains(&s) {
                                continue;
                            }
                            tried.push(s);
                            if k.verify(rsa::Pss::new_with_salt::<D>(s), &hashed, signature)
                                .is_ok()
                            {
                                return Ok(true);
                            }
                            if p.salt_length.is_some() {
                                // A named salt length is binding.
                                return Ok(false);
                            }
                        }
                        Ok(false)
                    }
                    other => Err(unsupported(format!(
                        "padding {} cannot verify an RSA signature (PKCS1 v1.5 and PSS can)",
                        enum_name(tag::PADDING_METHOD, other)
                    ))),
                }
            })
        }
        PublicKey::Ec { curve, point } => {
            p.check_algorithm(false)?;
            let hash = p.ecdsa_hash(*curve)?;
            let hashed = digest_input(hash, data, digested)?;
            with_ecdsa!(*curve, |Sk, Vk, Sig| {
                use ecdsa::signature::hazmat::PrehashVerifier;
                let vk = Vk::from_sec1_bytes(point).map_err(|e| bad_key("EC public key", e))?;
                let sig = match Sig::from_der(signature).or_else(|_| Sig::from_slice(signature)) {
                    Ok(s) => s,
                    Err(_) => return Ok(false),
                };
                Ok(vk.verify_prehash(&hashed, &sig).is_ok())
            })
        }
    }
}

fn oaep(p: &CryptoParams) -> KmipResult<rsa::Oaep> {
    if let Some(m) = p.mask_generator.filter(|m| *m != mask_generator::MGF1) {
        return Err(unsupported(format!(
            "mask generator {} is not supported (MGF1 is)",
            enum_name(tag::MASK_GENERATOR, m)
        )));
    }
    let hash = p.hashing.unwrap_or(ha::SHA_1);
    let mgf = p.mgf_hashing.unwrap_or(hash);
    let digest: Box<dyn sha2::digest::DynDigest + Send + Sync> =
        with_hash!(hash, |D| { Box::new(<D as sha2::Digest>::new()) });
    let mgf_digest: Box<dyn sha2::digest::DynDigest + Send + Sync> =
        with_hash!(mgf, |D| { Box::new(<D as sha2::Digest>::new()) });
    let label = match &p.p_source {
        None => None,
        Some(b) if b.is_empty() => None,
        Some(b) => Some(String::from_utf8(b.clone()).map_err(|_| {
            unsupported("an OAEP P Source (label) must be UTF-8 text for this server")
        })?),
    };
    Ok(rsa::Oaep {
        digest,
        mgf_digest,
        label,
    })
}

fn rsa_padding(p: &CryptoParams) -> KmipResult<u32> {
    p.check_algorithm(true)?;
    match p.padding.unwrap_or(pm::OAEP) {
        x @ (pm::OAEP | pm::PKCS1_V1_5) => Ok(x),
        other => Err(unsupported(format!(
            "padding {} cannot be used with RSA encryption (OAEP and PKCS1 v1.5 can)",
            enum_name(tag::PADDING_METHOD, other)
        ))),
    }
}

/// RSA encryption with a public key (OAEP by default, or PKCS#1 v1.5).
pub fn rsa_encrypt(key: &PublicKey, p: &CryptoParams, data: &[u8]) -> KmipResult<Vec<u8>> {
    let PublicKey::Rsa(k) = key else {
        return Err(unsupported("Encrypt with an EC key is not supported"));
    };
    match rsa_padding(p)? {
        pm::PKCS1_V1_5 => k.encrypt(&mut OsRng, rsa::Pkcs1v15Encrypt, data),
        _ => k.encrypt(&mut OsRng, oaep(p)?, data),
    }
    .map_err(|e| crypto_failure("RSA encryption", e))
}

/// RSA decryption with a private key.
pub fn rsa_decrypt(
    key: &PrivateKey,
    p: &CryptoParams,
    data: &[u8],
) -> KmipResult<Zeroizing<Vec<u8>>> {
    let PrivateKey::Rsa(k) = key else {
        return Err(unsupported("Decrypt with an EC key is not supported"));
    };
    match rsa_padding(p)? {
        pm::PKCS1_V1_5 => k.decrypt(rsa::Pkcs1v15Encrypt, data),
        _ => k.decrypt(oaep(p)?, data),
    }
    .map(Zeroizing::new)
    .map_err(|_| {
        KmipError::new(
            Reason::CryptographicFailure,
            "RSA decryption failed (wrong key, padding or ciphertext)",
        )
    })
}

// ---------------------------------------------------------------------------------------------
// Certificates

/// What the attributes of an X.509 certificate are made of.
#[derive(Clone, Debug)]
pub struct CertInfo {
    /// Subject and issuer as `CN=...,OU=...,O=...,C=...` (most specific first, RFC 4514 order).
    pub subject: String,
    pub issuer: String,
    /// Subject and issuer as DER (Name).
    pub subject_der: Vec<u8>,
    pub issuer_der: Vec<u8>,
    /// Serial number bytes (no leading zero) and as upper-case hex.
    pub serial: Vec<u8>,
    pub serial_hex: String,
    /// The SubjectPublicKeyInfo (DER).
    pub spki: Vec<u8>,
    /// Digital Signature Algorithm of the certificate's signature, when KMIP names it.
    pub signature_algorithm: Option<u32>,
    /// Each attribute of the subject and issuer: (short name, value), in certificate order.
    pub subject_fields: Vec<(String, String)>,
    pub issuer_fields: Vec<(String, String)>,
}

fn short_name(oid: &str) -> String {
    match oid {
        "2.5.4.3" => "CN",
        "2.5.4.6" => "C",
        "2.5.4.7" => "L",
        "2.5.4.8" => "ST",
        "2.5.4.10" => "O",
        "2.5.4.11" => "OU",
        "2.5.4.12" => "T",
        "2.5.4.5" => "SERIALNUMBER",
        "2.5.4.46" => "DNQ",
        "0.9.2342.19200300.100.1.25" => "DC",
        "0.9.2342.19200300.100.1.1" => "UID",
        "1.2.840.113549.1.9.1" => "E",
        other => return other.to_owned(),
    }
    .to_owned()
}

fn name_fields(name: &x509_parser::x509::X509Name<'_>) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for rdn in name.iter_rdn() {
        for a in rdn.iter() {
            let v = match a.as_str() {
                Ok(s) => s.to_owned(),
                Err(_) => hex::encode(a.attr_value().data),
            };
            out.push((short_name(&a.attr_type().to_id_string()), v));
        }
    }
    out
}

fn dn_string(fields: &[(String, String)]) -> String {
    fields
        .iter()
        .rev()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join(",")
}

fn signature_algorithm(oid: &str) -> Option<u32> {
    Some(match oid {
        "1.2.840.113549.1.1.2" => dsa::MD2_WITH_RSA_ENCRYPTION,
        "1.2.840.113549.1.1.4" => dsa::MD5_WITH_RSA_ENCRYPTION,
        "1.2.840.113549.1.1.5" => dsa::SHA_1_WITH_RSA_ENCRYPTION,
        "1.2.840.113549.1.1.14" => dsa::SHA_224_WITH_RSA_ENCRYPTION,
        "1.2.840.113549.1.1.11" => dsa::SHA_256_WITH_RSA_ENCRYPTION,
        "1.2.840.113549.1.1.12" => dsa::SHA_384_WITH_RSA_ENCRYPTION,
        "1.2.840.113549.1.1.13" => dsa::SHA_512_WITH_RSA_ENCRYPTION,
        "1.2.840.113549.1.1.10" => dsa::RSASSA_PSS,
        "1.2.840.10040.4.3" => dsa::DSA_WITH_SHA_1,
        "2.16.840.1.101.3.4.3.1" => dsa::DSA_WITH_SHA224,
        "2.16.840.1.101.3.4.3.2" => dsa::DSA_WITH_SHA256,
        "1.2.840.10045.4.1" => dsa::ECDSA_WITH_SHA_1,
        "1.2.840.10045.4.3.1" => dsa::ECDSA_WITH_SHA224,
        "1.2.840.10045.4.3.2" => dsa::ECDSA_WITH_SHA256,
        "1.2.840.10045.4.3.3" => dsa::ECDSA_WITH_SHA384,
        "1.2.840.10045.4.3.4" => dsa::ECDSA_WITH_SHA512,
        _ => return None,
    })
}

/// Reads an X.509 certificate (DER).
pub fn certificate_info(der: &[u8]) -> KmipResult<CertInfo> {
    let (rest, cert) = x509_parser::parse_x509_certificate(der).map_err(|e| {
        KmipError::new(
            Reason::InvalidField,
            format!("the Certificate Value is not an X.509 certificate: {e}"),
        )
    })?;
    if !rest.is_empty() {
        return Err(KmipError::invalid(
            "the Certificate Value has bytes after the X.509 certificate",
        ));
    }
    let tbs = &cert.tbs_certificate;
    let mut serial = tbs.raw_serial().to_vec();
    while serial.len() > 1 && serial[0] == 0 {
        serial.remove(0);
    }
    let subject_fields = name_fields(&tbs.subject);
    let issuer_fields = name_fields(&tbs.issuer);
    Ok(CertInfo {
        subject: dn_string(&subject_fields),
        issuer: dn_string(&issuer_fields),
        subject_der: tbs.subject.as_raw().to_vec(),
        issuer_der: tbs.issuer.as_raw().to_vec(),
        serial_hex: hex::encode_upper(&serial),
        serial,
        spki: tbs.subject_pki.raw.to_vec(),
        signature_algorithm: signature_algorithm(
            &cert.signature_algorithm.algorithm.to_id_string(),
        ),
        subject_fields,
        issuer_fields,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn content(object_type: u32, format: u32, material: Vec<u8>) -> ObjectContent {
        ObjectContent {
            object_type,
            format,
            material: Zeroizing::new(material),
            algorithm: None,
            length: None,
            data_type: None,
        }
    }

    #[test]
    fn rsa_formats_round_trip_and_sign() {
        let k = generate_rsa(1024).expect("rsa");
        let pkcs1 = encode_private(&k, kft::PKCS_1).expect("pkcs1");
        for f in [kft::PKCS_8, kft::TRANSPARENT_RSA_PRIVATE_KEY, kft::PKCS_1] {
            let c = convert(&content(ot::PRIVATE_KEY, kft::PKCS_1, pkcs1.to_vec()), f)
                .expect("convert");
            let back = convert(&c, kft::PKCS_1).expect("back");
            assert_eq!(back.material, pkcs1, "format {f}");
        }
        let public = k.public_key().expect("public");
        for f in [kft::PKCS_1, kft::X_509, kft::TRANSPARENT_RSA_PUBLIC_KEY] {
            let m = encode_public(&public, f).expect("encode");
            assert_eq!(
                parse_public(&content(ot::PUBLIC_KEY, f, m)).expect("parse"),
                public
            );
        }
        for (padding, salt) in [(pm::PKCS1_V1_5, None), (pm::PSS, None), (pm::PSS, Some(20))] {
            let p = CryptoParams {
                padding: Some(padding),
                hashing: Some(ha::SHA_256),
                salt_length: salt,
                ..Default::default()
            };
            let sig = sign(&k, &p, Some(b"message"), None).expect("sign");
            let plain = CryptoParams {
                salt_length: None,
                ..p.clone()
            };
            assert!(verify(&public, &plain, Some(b"message"), None, &sig).expect("verify"));
            assert!(!verify(&public, &plain, Some(b"messagf"), None, &sig).expect("verify"));
        }
        let p = CryptoParams {
            padding: Some(pm::OAEP),
            hashing: Some(ha::SHA_256),
            mgf_hashing: Some(ha::SHA_1),
            p_source: Some(b"label".to_vec()),
            ..Default::default()
        };
        let ct = rsa_encrypt(&public, &p, b"secret").expect("encrypt");
        assert_eq!(&rsa_decrypt(&k, &p, &ct).expect("decrypt")[..], b"secret");
    }

    #[test]
    fn ec_formats_round_trip_and_sign() {
        for curve in [Curve::P256, Curve::P384, Curve::P521, Curve::K256] {
            let k = generate_ec(curve);
            let sec1 = encode_private(&k, kft::ECPRIVATEKEY).expect("sec1");
            for f in [kft::PKCS_8, kft::TRANSPARENT_EC_PRIVATE_KEY] {
                let c = convert(
                    &content(ot::PRIVATE_KEY, kft::ECPRIVATEKEY, sec1.to_vec()),
                    f,
                )
                .expect("convert");
                let back = convert(&c, kft::ECPRIVATEKEY).expect("back");
                assert_eq!(
                    hex::encode(&back.material),
                    hex::encode(&sec1),
                    "{curve:?} format {f}"
                );
            }
            let public = k.public_key().expect("public");
            let x509 = encode_public(&public, kft::X_509).expect("spki");
            assert_eq!(
                parse_public(&content(ot::PUBLIC_KEY, kft::X_509, x509))
                    .expect("parse")
                    .bits(),
                curve.bits()
            );
            let sig = sign(&k, &CryptoParams::default(), Some(b"m"), None).expect("sign");
            assert!(verify(&public, &CryptoParams::default(), Some(b"m"), None, &sig).expect("v"));
            assert!(!verify(&public, &CryptoParams::default(), Some(b"n"), None, &sig).expect("v"));
        }
    }
}
