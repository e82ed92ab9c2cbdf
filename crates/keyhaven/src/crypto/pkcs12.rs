//! PKCS#12 (RFC 7292) export of a private key with its certificate chain, for Get in Key Format
//! Type PKCS#12 (KMIP 1.4, 2.1.7). The container is the one current OpenSSL writes by default:
//! - the key in a pkcs8ShroudedKeyBag: PBES2 with PBKDF2-HMAC-SHA256 and AES-256-CBC (RFC 8018);
//! - the certificates in certBags (x509Certificate), the key's own first;
//! - the key's bag and its certificate's bag carry the friendlyName and the same localKeyId;
//! - integrity: HMAC-SHA256 under a key from the PKCS#12 KDF (RFC 7292 appendix B, ID 3).

use der::{Encode, Header, Length, Tag, TagNumber};
use hmac::{Hmac, Mac};
use pkcs8::der::Decode;
use pkcs8::pkcs5::pbes2;
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

/// PBKDF2 and MAC iterations (OpenSSL's default).
pub const ITERATIONS: u32 = 2048;

const OID_DATA: &str = "1.2.840.113549.1.7.1";
const OID_SHROUDED_KEY_BAG: &str = "1.2.840.113549.1.12.10.1.2";
const OID_CERT_BAG: &str = "1.2.840.113549.1.12.10.1.3";
const OID_X509_CERTIFICATE: &str = "1.2.840.113549.1.9.22.1";
const OID_FRIENDLY_NAME: &str = "1.2.840.113549.1.9.20";
const OID_LOCAL_KEY_ID: &str = "1.2.840.113549.1.9.21";
const OID_SHA256: &str = "2.16.840.1.101.3.4.2.1";

/// Why a PKCS#12 container could not be built.
#[derive(Debug, thiserror::Error)]
pub enum Pkcs12Error {
    #[error("the private key is not a PKCS#8 PrivateKeyInfo: {0}")]
    Key(String),
    #[error("DER encoding failed: {0}")]
    Der(#[from] der::Error),
    #[error("cannot encrypt the private key: {0}")]
    Encrypt(String),
}

/// A PFX holding `pkcs8_key` (a DER PrivateKeyInfo) and `certs` (DER X.509, the key's certificate
/// first, then its issuers), protected by `password`, the key and first certificate named
/// `friendly_name`.
pub fn build(
    pkcs8_key: &[u8],
    certs: &[Vec<u8>],
    password: &[u8],
    friendly_name: &str,
) -> Result<Vec<u8>, Pkcs12Error> {
    let local_key_id: Vec<u8> = match certs.first() {
        Some(c) => sha1::Sha1::digest(c).to_vec(),
        None => Sha256::digest(pkcs8_key)[..20].to_vec(),
    };
    let attrs = bag_attributes(friendly_name, &local_key_id)?;

    // The shrouded key bag.
    let info =
        pkcs8::PrivateKeyInfo::from_der(pkcs8_key).map_err(|e| Pkcs12Error::Key(e.to_string()))?;
    let salt = super::random_bytes(16);
    let mut iv = [0u8; 16];
    super::fill_random(&mut iv);
    let params = pbes2::Parameters::pbkdf2_sha256_aes256cbc(ITERATIONS, &salt, &iv)
        .map_err(|e| Pkcs12Error::Encrypt(e.to_string()))?;
    let encrypted = info
        .encrypt_with_params(params, password)
        .map_err(|e| Pkcs12Error::Encrypt(e.to_string()))?;
    let mut bags = vec![safe_bag(
        OID_SHROUDED_KEY_BAG,
        encrypted.as_bytes(),
        Some(&attrs),
    )?];

    // The certificate bags.
    for (i, cert) in certs.iter().enumerate() {
        let cert_bag = seq(&[
            oid(OID_X509_CERTIFICATE)?,
            explicit0(&tlv(Tag::OctetString, cert)?)?,
        ]
        .concat())?;
        bags.push(safe_bag(
            OID_CERT_BAG,
            &cert_bag,
            (i == 0).then_some(&attrs[..]),
        )?);
    }
    let safe_contents = seq(&bags.concat())?;

    // AuthenticatedSafe: one unencrypted data ContentInfo (the key inside is shrouded).
    let auth_safe = seq(&content_info_data(&safe_contents)?)?;

    // MacData.
    let mac_salt = super::random_bytes(16);
    let mac_key = pkcs12_kdf_sha256(password, &mac_salt, 3, ITERATIONS, 32);
    let mut mac =
        <Hmac<Sha256> as Mac>::new_from_slice(&mac_key).expect("HMAC takes any key length");
    mac.update(&auth_safe);
    let digest = mac.finalize().into_bytes();
    let alg = seq(&[oid(OID_SHA256)?, tlv(Tag::Null, &[])?].concat())?;
    let digest_info = seq(&[alg, tlv(Tag::OctetString, &digest)?].concat())?;
    let mac_data = seq(&[
        digest_info,
        tlv(Tag::OctetString, &mac_salt)?,
        ITERATIONS.to_der()?,
    ]
    .concat())?;

    Ok(seq(&[
        3u32.to_der()?,
        content_info_data(&auth_safe)?,
        mac_data,
    ]
    .concat())?)
}

/// The PKCS#12 key derivation (RFC 7292 B.2) with SHA-256 (u = 32, v = 64), over the password as
/// a BMPString with its two-byte terminator.
pub fn pkcs12_kdf_sha256(
    password: &[u8],
    salt: &[u8],
    id: u8,
    iterations: u32,
    n: usize,
) -> Zeroizing<Vec<u8>> {
    const U: usize = 32;
    const V: usize = 64;
    let text = String::from_utf8_lossy(password);
    let mut pass = Zeroizing::new(Vec::with_capacity(2 * text.len() + 2));
    for unit in text.encode_utf16() {
        pass.extend_from_slice(&unit.to_be_bytes());
    }
    pass.extend_from_slice(&[0, 0]);
    let fill = |src: &[u8]| -> Vec<u8> {
        if src.is_empty() {
            return Vec::new();
        }
        let len = V * src.len().div_ceil(V);
        src.iter().copied().cycle().take(len).collect()
    };
    let d = [id; V];
    let mut i_buf = Zeroizing::new([fill(salt), fill(&pass)].concat());
    let mut out = Zeroizing::new(Vec::with_capacity(n + U));
    while out.len() < n {
        let mut a = Sha256::new()
            .chain_update(d)
            .chain_update(&*i_buf)
            .finalize();
        for _ in 1..iterations {
            a = Sha256::digest(a);
        }
        out.extend_from_slice(&a);
        if out.len() >= n {
            break;
        }
        let b: Vec<u8> = a.iter().copied().cycle().take(V).collect();
        for block in i_buf.chunks_mut(V) {
            // block = (block + b + 1) mod 2^(8v)
            let mut carry = 1u16;
            for k in (0..V).rev() {
                let s = u16::from(block[k]) + u16::from(b[k]) + carry;
                block[k] = s as u8;
                carry = s >> 8;
            }
        }
    }
    out.truncate(n);
    out
}

fn tlv(tag: Tag, content: &[u8]) -> Result<Vec<u8>, der::Error> {
    let mut out = Header::new(tag, Length::try_from(content.len())?)?.to_der()?;
    out.extend_from_slice(content);
    Ok(out)
}

fn seq(content: &[u8]) -> Result<Vec<u8>, der::Error> {
    tlv(Tag::Sequence, content)
}

/// A DER SET OF: the elements sorted by their encodings.
fn set_of(mut elements: Vec<Vec<u8>>) -> Result<Vec<u8>, der::Error> {
    elements.sort();
    tlv(Tag::Set, &elements.concat())
}

fn explicit0(content: &[u8]) -> Result<Vec<u8>, der::Error> {
    tlv(
        Tag::ContextSpecific {
            constructed: true,
            number: TagNumber::N0,
        },
        content,
    )
}

fn oid(s: &str) -> Result<Vec<u8>, der::Error> {
    der::asn1::ObjectIdentifier::new_unwrap(s).to_der()
}

/// ContentInfo { data, [0] EXPLICIT OCTET STRING }.
fn content_info_data(data: &[u8]) -> Result<Vec<u8>, der::Error> {
    seq(&[oid(OID_DATA)?, explicit0(&tlv(Tag::OctetString, data)?)?].concat())
}

/// SafeBag { bagId, [0] EXPLICIT bagValue, bagAttributes OPTIONAL }.
fn safe_bag(bag_id: &str, value: &[u8], attrs: Option<&[u8]>) -> Result<Vec<u8>, der::Error> {
    let mut content = [oid(bag_id)?, explicit0(value)?].concat();
    if let Some(a) = attrs {
        content.extend_from_slice(a);
    }
    seq(&content)
}

/// SET OF Attribute: friendlyName (BMPString) and localKeyId (OCTET STRING).
fn bag_attributes(friendly_name: &str, local_key_id: &[u8]) -> Result<Vec<u8>, der::Error> {
    let bmp: Vec<u8> = friendly_name
        .encode_utf16()
        .flat_map(u16::to_be_bytes)
        .collect();
    let name = seq(&[
        oid(OID_FRIENDLY_NAME)?,
        set_of(vec![tlv(Tag::BmpString, &bmp)?])?,
    ]
    .concat())?;
    let id = seq(&[
        oid(OID_LOCAL_KEY_ID)?,
        set_of(vec![tlv(Tag::OctetString, local_key_id)?])?,
    ]
    .concat())?;
    set_of(vec![name, id])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 7292 KDF with SHA-256; its output is checked end to end by OpenSSL verifying the MAC
    /// (see `openssl_reads_the_container`).
    #[test]
    fn kdf_is_deterministic_and_sized() {
        let a = pkcs12_kdf_sha256(b"password", b"saltsalt", 3, 2, 32);
        let b = pkcs12_kdf_sha256(b"password", b"saltsalt", 3, 2, 32);
        assert_eq!(a, b);
        assert_eq!(a.len(), 32);
        assert_ne!(a, pkcs12_kdf_sha256(b"password", b"saltsalt", 1, 2, 32));
        assert_eq!(
            pkcs12_kdf_sha256(b"password", b"saltsalt", 1, 2, 40).len(),
            40
        );
    }

    #[test]
    fn openssl_reads_the_container() {
        use rsa::pkcs8::EncodePrivateKey;
        let Ok(version) = std::process::Command::new("openssl")
            .arg("version")
            .output()
        else {
            eprintln!("openssl not installed: container not checked");
            return;
        };
        if !version.status.success() {
            return;
        }
        let mut rng = rand_core::OsRng;
        let key = rsa::RsaPrivateKey::new(&mut rng, 1024).unwrap();
        let pkcs8 = key.to_pkcs8_der().unwrap();
        let params = rcgen::CertificateParams::new(vec!["ee.example".to_string()]).unwrap();
        let kp = rcgen::KeyPair::generate().unwrap();
        let cert = params.self_signed(&kp).unwrap().der().to_vec();
        let ca = rcgen::CertificateParams::new(vec!["ca.example".to_string()])
            .unwrap()
            .self_signed(&kp)
            .unwrap()
            .der()
            .to_vec();
        let pfx = build(pkcs8.as_bytes(), &[cert, ca], b"password", "alias").unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f.p12");
        std::fs::write(&path, &pfx).unwrap();
        let out = std::process::Command::new("openssl")
            .args([
                "pkcs12",
                "-info",
                "-nodes",
                "-passin",
                "pass:password",
                "-in",
            ])
            .arg(&path)
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.success(),
            "openssl refused the container: {stderr}\n{stdout}"
        );
        assert!(stderr.contains("MAC: sha256"), "{stderr}");
        assert!(stdout.contains("BEGIN PRIVATE KEY"), "{stdout}");
        assert_eq!(stdout.matches("BEGIN CERTIFICATE").count(), 2, "{stdout}");
        assert!(stdout.contains("friendlyName: alias"), "{stdout}");
        // The wrong password is refused (MAC check).
        let bad = std::process::Command::new("openssl")
            .args(["pkcs12", "-info", "-nodes", "-passin", "pass:wrong", "-in"])
            .arg(&path)
            .output()
            .unwrap();
        assert!(!bad.status.success());
    }
}
