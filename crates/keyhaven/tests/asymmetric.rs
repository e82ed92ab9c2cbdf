//! Asymmetric keys against the real server: Create Key Pair (RSA, EC) in 1.x and 2.x spelling,
//! Sign / Signature Verify checked against independent implementations, Get in every format with
//! conversions, Register of keys and certificates with their attributes, the state and usage
//! checks, and private keys never stored or logged in the clear.

mod common;

use common::*;
use keyhaven_kmip::enums::{
    cryptographic_algorithm as alg, cryptographic_usage_mask as usage, hashing_algorithm as ha,
    key_format_type as kft, link_type, object_type as ot, padding_method as pm, recommended_curve,
    validity_indicator,
};
use keyhaven_kmip::{tag, ProtocolVersion};
use keyhaven_ttlv::{Item, Value};
use rsa::pkcs1::{DecodeRsaPrivateKey, DecodeRsaPublicKey, EncodeRsaPrivateKey};
use rsa::pkcs8::{DecodePublicKey, EncodePrivateKey};
use sha2::Digest;

const V1_4: ProtocolVersion = ProtocolVersion::V1_4;

fn name_attr_v1(n: &str) -> Item {
    attr_v1(
        "Name",
        Item::structure(
            0,
            vec![
                Item::text(tag::NAME_VALUE, n),
                Item::enumeration(tag::NAME_TYPE, 1),
            ],
        ),
    )
}

/// Create Key Pair in 1.x spelling; returns (private uid, public uid).
fn create_rsa_pair_v1(c: &mut Conn, bits: i32) -> (String, String) {
    let p = c.ok(
        V1_4,
        CREATE_KEY_PAIR,
        vec![
            Item::structure(
                tag::COMMON_TEMPLATE_ATTRIBUTE,
                vec![
                    attr_v1("Cryptographic Algorithm", Item::enumeration(0, alg::RSA)),
                    attr_v1("Cryptographic Length", Item::int(0, bits)),
                ],
            ),
            Item::structure(
                tag::PRIVATE_KEY_TEMPLATE_ATTRIBUTE,
                vec![
                    name_attr_v1("it-private"),
                    attr_v1("Cryptographic Usage Mask", Item::int(0, usage::SIGN as i32)),
                ],
            ),
            Item::structure(
                tag::PUBLIC_KEY_TEMPLATE_ATTRIBUTE,
                vec![
                    name_attr_v1("it-public"),
                    attr_v1(
                        "Cryptographic Usage Mask",
                        Item::int(0, usage::VERIFY as i32),
                    ),
                ],
            ),
        ],
    );
    let get = |t| {
        p.child(t)
            .and_then(Item::as_text)
            .expect("identifier")
            .to_owned()
    };
    (
        get(tag::PRIVATE_KEY_UNIQUE_IDENTIFIER),
        get(tag::PUBLIC_KEY_UNIQUE_IDENTIFIER),
    )
}

/// The Key Block of a Get response: (format, key material item).
fn key_block(payload: &Item) -> (u32, Item) {
    let obj = payload
        .child(tag::PRIVATE_KEY)
        .or_else(|| payload.child(tag::PUBLIC_KEY))
        .expect("a key");
    let block = obj.child(tag::KEY_BLOCK).expect("key block");
    let format = block
        .child(tag::KEY_FORMAT_TYPE)
        .and_then(Item::as_enum)
        .expect("format");
    let km = block
        .child(tag::KEY_VALUE)
        .and_then(|v| v.child(tag::KEY_MATERIAL))
        .expect("key material")
        .clone();
    (format, km)
}

fn get_key(c: &mut Conn, v: ProtocolVersion, uid: &str, format: Option<u32>) -> (u32, Item) {
    let mut payload = vec![uid_item(uid)];
    if let Some(f) = format {
        payload.push(Item::enumeration(tag::KEY_FORMAT_TYPE, f));
    }
    key_block(&c.ok(v, GET, payload))
}

fn bytes_of(km: &Item) -> Vec<u8> {
    km.as_bytes().expect("encoded key material").to_vec()
}

fn attributes_v1(c: &mut Conn, uid: &str, names: &[&str]) -> Vec<(String, Value)> {
    let mut payload = vec![uid_item(uid)];
    payload.extend(names.iter().map(|n| Item::text(tag::ATTRIBUTE_NAME, *n)));
    let p = c.ok(V1_4, GET_ATTRIBUTES, payload);
    p.children(tag::ATTRIBUTE)
        .map(|a| {
            (
                a.child(tag::ATTRIBUTE_NAME)
                    .and_then(Item::as_text)
                    .expect("name")
                    .to_owned(),
                a.child(tag::ATTRIBUTE_VALUE).expect("value").value.clone(),
            )
        })
        .collect()
}

fn params(items: Vec<Item>) -> Item {
    Item::structure(tag::CRYPTOGRAPHIC_PARAMETERS, items)
}

fn sign(c: &mut Conn, v: ProtocolVersion, uid: &str, p: Item, data: &[u8]) -> Vec<u8> {
    let r = c.ok(
        v,
        SIGN,
        vec![uid_item(uid), p, Item::bytes(tag::DATA, data.to_vec())],
    );
    r.child(tag::SIGNATURE_DATA)
        .and_then(Item::as_bytes)
        .expect("signature")
        .to_vec()
}

fn verify(c: &mut Conn, v: ProtocolVersion, uid: &str, p: Item, data: &[u8], sig: &[u8]) -> u32 {
    let r = c.ok(
        v,
        SIGNATURE_VERIFY,
        vec![
            uid_item(uid),
            p,
            Item::bytes(tag::DATA, data.to_vec()),
            Item::bytes(tag::SIGNATURE_DATA, sig.to_vec()),
        ],
    );
    r.child(tag::VALIDITY_INDICATOR)
        .and_then(Item::as_enum)
        .expect("validity")
}

#[test]
fn rsa_key_pair_lifecycle_signatures_and_formats() {
    let server = TestServer::start();
    let creds = server.issue("app", "default");
    let mut c = Conn::connect(server.addr, &creds);
    let (private, public) = create_rsa_pair_v1(&mut c, 2048);

    // Linked to each other; Pre-Active; algorithm and length; usage masks from their templates.
    let pa = attributes_v1(
        &mut c,
        &private,
        &[
            "Link",
            "State",
            "Cryptographic Algorithm",
            "Cryptographic Length",
            "Cryptographic Usage Mask",
            "Object Type",
            "Digest",
        ],
    );
    let find = |attrs: &[(String, Value)], n: &str| {
        attrs
            .iter()
            .find(|(k, _)| k == n)
            .map(|(_, v)| v.clone())
            .unwrap_or_else(|| panic!("{n} missing"))
    };
    let link_target = |v: Value, want: u32| match v {
        Value::Structure(items) => {
            assert_eq!(
                items
                    .iter()
                    .find(|i| i.tag == tag::LINK_TYPE)
                    .and_then(Item::as_enum),
                Some(want)
            );
            items
                .iter()
                .find(|i| i.tag == tag::LINKED_OBJECT_IDENTIFIER)
                .and_then(Item::as_text)
                .expect("linked id")
                .to_owned()
        }
        other => panic!("link {other:?}"),
    };
    assert_eq!(
        link_target(find(&pa, "Link"), link_type::PUBLIC_KEY_LINK),
        public
    );
    assert_eq!(find(&pa, "State"), Value::Enumeration(1));
    assert_eq!(
        find(&pa, "Cryptographic Algorithm"),
        Value::Enumeration(alg::RSA)
    );
    assert_eq!(find(&pa, "Cryptographic Length"), Value::Integer(2048));
    assert_eq!(
        find(&pa, "Cryptographic Usage Mask"),
        Value::Integer(usage::SIGN as i32)
    );
    assert_eq!(
        find(&pa, "Object Type"),
        Value::Enumeration(ot::PRIVATE_KEY)
    );
    let pb = attributes_v1(
        &mut c,
        &public,
        &["Link", "Object Type", "Cryptographic Usage Mask"],
    );
    assert_eq!(
        link_target(find(&pb, "Link"), link_type::PRIVATE_KEY_LINK),
        private
    );
    assert_eq!(find(&pb, "Object Type"), Value::Enumeration(ot::PUBLIC_KEY));

    // Default formats: PKCS#1 both; the Digest is over that encoding.
    let (f, km) = get_key(&mut c, V1_4, &private, None);
    assert_eq!(f, kft::PKCS_1);
    let pkcs1 = bytes_of(&km);
    let sk = rsa::RsaPrivateKey::from_pkcs1_der(&pkcs1).expect("PKCS#1 private key");
    assert_eq!(rsa::traits::PublicKeyParts::n(&sk).bits(), 2048);
    if let Value::Structure(d) = find(&pa, "Digest") {
        let dv = d
            .iter()
            .find(|i| i.tag == tag::DIGEST_VALUE)
            .and_then(Item::as_bytes);
        assert_eq!(dv, Some(&sha2::Sha256::digest(&pkcs1)[..]));
    } else {
        panic!("digest");
    }

    // Conversions: PKCS#8 and Transparent for the private key, X.509 and Transparent for the public.
    let (f, km) = get_key(&mut c, V1_4, &private, Some(kft::PKCS_8));
    assert_eq!(f, kft::PKCS_8);
    assert_eq!(
        bytes_of(&km),
        sk.to_pkcs8_der().expect("pkcs8").as_bytes(),
        "PKCS#8 of the same key"
    );
    let (f, km) = get_key(
        &mut c,
        V1_4,
        &private,
        Some(kft::TRANSPARENT_RSA_PRIVATE_KEY),
    );
    assert_eq!(f, kft::TRANSPARENT_RSA_PRIVATE_KEY);
    let modulus = km
        .child(tag::MODULUS)
        .and_then(Item::as_big_integer)
        .expect("modulus");
    assert_eq!(
        rsa::BigUint::from_bytes_be(modulus),
        *rsa::traits::PublicKeyParts::n(&sk)
    );
    let (f, km) = get_key(&mut c, V1_4, &public, Some(kft::X_509));
    assert_eq!(f, kft::X_509);
    let pk = rsa::RsaPublicKey::from_public_key_der(&bytes_of(&km)).expect("SPKI");
    assert_eq!(pk, sk.to_public_key());
    let (_, km) = get_key(&mut c, V1_4, &public, Some(kft::PKCS_1));
    assert_eq!(
        rsa::RsaPublicKey::from_pkcs1_der(&bytes_of(&km)).expect("pkcs1"),
        pk
    );
    let bi = c.call(
        V1_4,
        GET,
        vec![
            uid_item(&public),
            Item::enumeration(tag::KEY_FORMAT_TYPE, kft::ECPRIVATEKEY),
        ],
    );
    assert_eq!(
        result_reason(&bi),
        Some(0x10),
        "an RSA key has no ECPrivateKey form"
    );

    // Pre-Active keys do not sign (1.x: Permission Denied); Active ones do.
    let pss = || {
        params(vec![
            Item::enumeration(tag::PADDING_METHOD, pm::PSS),
            Item::enumeration(tag::HASHING_ALGORITHM, ha::SHA_256),
            Item::enumeration(tag::CRYPTOGRAPHIC_ALGORITHM, alg::RSA),
        ])
    };
    let bi = c.call(
        V1_4,
        SIGN,
        vec![
            uid_item(&private),
            pss(),
            Item::bytes(tag::DATA, b"hello".to_vec()),
        ],
    );
    assert_eq!(result_reason(&bi), Some(0x0C), "Pre-Active key signed");
    c.ok(V1_4, ACTIVATE, vec![uid_item(&private)]);
    c.ok(V1_4, ACTIVATE, vec![uid_item(&public)]);
    let msg = b"the quick brown fox".to_vec();
    let sig = sign(&mut c, V1_4, &private, pss(), &msg);
    // Independently: RSASSA-PSS, SHA-256, salt = hash length.
    let hashed = sha2::Sha256::digest(&msg);
    pk.verify(rsa::Pss::new_with_salt::<sha2::Sha256>(32), &hashed, &sig)
        .expect("PSS signature verifies with the rsa crate");
    assert_eq!(
        verify(&mut c, V1_4, &public, pss(), &msg, &sig),
        validity_indicator::VALID
    );
    assert_eq!(
        verify(&mut c, V1_4, &public, pss(), b"another message", &sig),
        validity_indicator::INVALID
    );
    // PKCS#1 v1.5 with SHA-384 is deterministic: the rsa crate makes the same signature.
    let v15 = || {
        params(vec![
            Item::enumeration(tag::PADDING_METHOD, pm::PKCS1_V1_5),
            Item::enumeration(tag::HASHING_ALGORITHM, ha::SHA_384),
        ])
    };
    let sig15 = sign(&mut c, V1_4, &private, v15(), &msg);
    let expected = sk
        .sign(
            rsa::Pkcs1v15Sign::new::<sha2::Sha384>(),
            &sha2::Sha384::digest(&msg),
        )
        .expect("sign");
    assert_eq!(sig15, expected);
    assert_eq!(
        verify(&mut c, V1_4, &public, v15(), &msg, &sig15),
        validity_indicator::VALID
    );

    // Wrong object or usage: a public key does not sign; the private key's mask lacks Verify.
    let bi = c.call(
        V1_4,
        SIGN,
        vec![
            uid_item(&public),
            pss(),
            Item::bytes(tag::DATA, msg.clone()),
        ],
    );
    assert_ne!(result_status(&bi), 0, "a public key signed");
    let bi = c.call(
        V1_4,
        SIGNATURE_VERIFY,
        vec![
            uid_item(&private),
            pss(),
            Item::bytes(tag::DATA, msg.clone()),
            Item::bytes(tag::SIGNATURE_DATA, sig.clone()),
        ],
    );
    assert_ne!(result_status(&bi), 0, "a private key verified");

    // The private key is stored wrapped: no slice of its encoding in any file of the data directory;
    // and never logged.
    let needle = &pkcs1[pkcs1.len() - 64..];
    let mut stack = vec![server.data()];
    while let Some(p) = stack.pop() {
        for e in std::fs::read_dir(&p).expect("dir").flatten() {
            let path = e.path();
            if path.is_dir() {
                stack.push(path);
            } else if let Ok(bytes) = std::fs::read(&path) {
                assert!(
                    !bytes.windows(needle.len()).any(|w| w == needle),
                    "private key material in clear in {}",
                    path.display()
                );
            }
        }
    }
    let log = server.log_text();
    assert!(
        !log.contains(&hex::encode(needle)),
        "private key material logged"
    );
    assert!(
        !log.contains(&hex::encode_upper(needle)),
        "private key material logged"
    );
}

#[test]
fn ec_key_pairs_in_2x_spelling_sign_with_ecdsa() {
    let server = TestServer::start();
    let creds = server.issue("app", "default");
    let mut c = Conn::connect(server.addr, &creds);
    for (curve, bits, hash) in [
        (recommended_curve::P_256, 256, ha::SHA_256),
        (recommended_curve::P_384, 384, ha::SHA_384),
        (recommended_curve::P_521, 521, ha::SHA_512),
    ] {
        let p = c.ok(
            V2_1,
            CREATE_KEY_PAIR,
            vec![
                Item::structure(
                    tag::COMMON_ATTRIBUTES,
                    vec![
                        Item::enumeration(tag::CRYPTOGRAPHIC_ALGORITHM, alg::EC),
                        Item::structure(
                            tag::CRYPTOGRAPHIC_DOMAIN_PARAMETERS,
                            vec![Item::enumeration(tag::RECOMMENDED_CURVE, curve)],
                        ),
                        // Activated at creation.
                        Item::datetime(tag::ACTIVATION_DATE, 1_000_000_000),
                    ],
                ),
                Item::structure(
                    tag::PRIVATE_KEY_ATTRIBUTES,
                    vec![Item::int(tag::CRYPTOGRAPHIC_USAGE_MASK, usage::SIGN as i32)],
                ),
                Item::structure(
                    tag::PUBLIC_KEY_ATTRIBUTES,
                    vec![Item::int(
                        tag::CRYPTOGRAPHIC_USAGE_MASK,
                        usage::VERIFY as i32,
                    )],
                ),
            ],
        );
        let private = p
            .child(tag::PRIVATE_KEY_UNIQUE_IDENTIFIER)
            .and_then(Item::as_text)
            .expect("private")
            .to_owned();
        let public = p
            .child(tag::PUBLIC_KEY_UNIQUE_IDENTIFIER)
            .and_then(Item::as_text)
            .expect("public")
            .to_owned();
        let (f, km) = get_key(&mut c, V2_1, &public, None);
        assert_eq!(f, kft::X_509);
        let spki = bytes_of(&km);
        let (f, _) = get_key(&mut c, V2_1, &private, None);
        assert_eq!(f, kft::ECPRIVATEKEY);
        let (f, km) = get_key(&mut c, V2_1, &public, Some(kft::TRANSPARENT_EC_PUBLIC_KEY));
        assert_eq!(f, kft::TRANSPARENT_EC_PUBLIC_KEY);
        assert_eq!(
            km.child(tag::RECOMMENDED_CURVE).and_then(Item::as_enum),
            Some(curve)
        );
        let msg = format!("message for {bits}").into_bytes();
        let ecdsa_params = || {
            params(vec![
                Item::enumeration(tag::CRYPTOGRAPHIC_ALGORITHM, alg::ECDSA),
                Item::enumeration(tag::HASHING_ALGORITHM, hash),
            ])
        };
        let sig = sign(&mut c, V2_1, &private, ecdsa_params(), &msg);
        // Independently, from the X.509 public key.
        use ecdsa::signature::Verifier;
        match bits {
            256 => {
                let vk = p256::ecdsa::VerifyingKey::from_public_key_der(&spki).expect("p256 spki");
                let s = p256::ecdsa::Signature::from_der(&sig).expect("DER");
                vk.verify(&msg, &s).expect("P-256 signature");
            }
            384 => {
                let vk = p384::ecdsa::VerifyingKey::from_public_key_der(&spki).expect("p384 spki");
                let s = p384::ecdsa::Signature::from_der(&sig).expect("DER");
                vk.verify(&msg, &s).expect("P-384 signature");
            }
            _ => {
                use p521::elliptic_curve::sec1::ToEncodedPoint;
                let pk = p521::PublicKey::from_public_key_der(&spki).expect("p521 spki");
                let vk = p521::ecdsa::VerifyingKey::from_sec1_bytes(
                    pk.to_encoded_point(false).as_bytes(),
                )
                .expect("p521 key");
                let s = p521::ecdsa::Signature::from_der(&sig).expect("DER");
                vk.verify(&msg, &s).expect("P-521 signature");
            }
        }
        assert_eq!(
            verify(&mut c, V2_1, &public, ecdsa_params(), &msg, &sig),
            validity_indicator::VALID
        );
        let mut bad = sig.clone();
        let last = bad.len() - 1;
        bad[last] ^= 1;
        assert_eq!(
            verify(&mut c, V2_1, &public, ecdsa_params(), &msg, &bad),
            validity_indicator::INVALID
        );
    }
    // An unsupported size is refused with a clear reason.
    let bi = c.call(
        V2_1,
        CREATE_KEY_PAIR,
        vec![Item::structure(
            tag::COMMON_ATTRIBUTES,
            vec![
                Item::enumeration(tag::CRYPTOGRAPHIC_ALGORITHM, alg::RSA),
                Item::int(tag::CRYPTOGRAPHIC_LENGTH, 512),
            ],
        )],
    );
    assert_ne!(result_status(&bi), 0, "a 512-bit RSA key was made");
}

#[test]
fn registered_keys_convert_and_certificates_get_their_attributes() {
    let server = TestServer::start();
    let creds = server.issue("app", "default");
    let mut c = Conn::connect(server.addr, &creds);

    // An RSA key made here, registered as PKCS#8, read back as PKCS#1.
    let sk = rsa::RsaPrivateKey::new(&mut rand_core::OsRng, 1024).expect("rsa");
    let pkcs8 = sk.to_pkcs8_der().expect("pkcs8").as_bytes().to_vec();
    let key_block = |format: u32, material: Vec<u8>| {
        Item::structure(
            tag::KEY_BLOCK,
            vec![
                Item::enumeration(tag::KEY_FORMAT_TYPE, format),
                Item::structure(
                    tag::KEY_VALUE,
                    vec![Item::bytes(tag::KEY_MATERIAL, material)],
                ),
                Item::enumeration(tag::CRYPTOGRAPHIC_ALGORITHM, alg::RSA),
            ],
        )
    };
    let p = c.ok(
        V1_4,
        REGISTER,
        vec![
            Item::enumeration(tag::OBJECT_TYPE, ot::PRIVATE_KEY),
            Item::structure(tag::TEMPLATE_ATTRIBUTE, vec![]),
            Item::structure(
                tag::PRIVATE_KEY,
                vec![key_block(kft::PKCS_8, pkcs8.clone())],
            ),
        ],
    );
    let uid = uid_of(&p);
    let (_, km) = get_key(&mut c, V1_4, &uid, None);
    assert_eq!(bytes_of(&km), pkcs8, "returned as registered");
    let (_, km) = get_key(&mut c, V1_4, &uid, Some(kft::PKCS_1));
    assert_eq!(bytes_of(&km), sk.to_pkcs1_der().expect("pkcs1").as_bytes());
    let a = attributes_v1(&mut c, &uid, &["Cryptographic Length"]);
    assert_eq!(
        a[0].1,
        Value::Integer(1024),
        "length filled in from the key"
    );

    // Garbage in a PKCS#1 block, or a wrong length, is refused.
    let bi = c.call(
        V1_4,
        REGISTER,
        vec![
            Item::enumeration(tag::OBJECT_TYPE, ot::PRIVATE_KEY),
            Item::structure(
                tag::PRIVATE_KEY,
                vec![key_block(kft::PKCS_1, vec![0x30, 0x03, 1, 2, 3])],
            ),
        ],
    );
    assert_ne!(result_status(&bi), 0, "garbage registered as a PKCS#1 key");

    // A certificate: its attributes come from its contents.
    let mut params =
        rcgen::CertificateParams::new(vec!["example.test".to_owned()]).expect("params");
    params
        .distinguished_name
        .push(rcgen::DnType::CommonName, "Keyhaven Test");
    params
        .distinguished_name
        .push(rcgen::DnType::OrganizationName, "Example");
    let kp = rcgen::KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256).expect("key pair");
    let cert = params.self_signed(&kp).expect("cert");
    let der = cert.der().to_vec();
    let p = c.ok(
        V1_4,
        REGISTER,
        vec![
            Item::enumeration(tag::OBJECT_TYPE, ot::CERTIFICATE),
            Item::structure(tag::TEMPLATE_ATTRIBUTE, vec![]),
            Item::structure(
                tag::CERTIFICATE,
                vec![
                    Item::enumeration(tag::CERTIFICATE_TYPE, 1),
                    Item::bytes(tag::CERTIFICATE_VALUE, der.clone()),
                ],
            ),
        ],
    );
    let cert_uid = uid_of(&p);
    let a = attributes_v1(
        &mut c,
        &cert_uid,
        &[
            "Certificate Type",
            "Certificate Length",
            "Digital Signature Algorithm",
            "X.509 Certificate Subject",
            "Cryptographic Algorithm",
            "Cryptographic Length",
        ],
    );
    let get = |n: &str| a.iter().find(|(k, _)| k == n).map(|(_, v)| v.clone());
    assert_eq!(get("Certificate Type"), Some(Value::Enumeration(1)));
    assert_eq!(
        get("Certificate Length"),
        Some(Value::Integer(der.len() as i32))
    );
    assert_eq!(
        get("Digital Signature Algorithm"),
        Some(Value::Enumeration(
            keyhaven_kmip::enums::digital_signature_algorithm::ECDSA_WITH_SHA256
        ))
    );
    assert_eq!(
        get("Cryptographic Algorithm"),
        Some(Value::Enumeration(alg::EC))
    );
    assert_eq!(get("Cryptographic Length"), Some(Value::Integer(256)));
    assert!(get("X.509 Certificate Subject").is_some());
    // 1.0 spelling of the subject: most specific first.
    let mut c10 = Conn::connect(server.addr, &creds);
    let p = c10.ok(
        ProtocolVersion::V1_0,
        GET_ATTRIBUTES,
        vec![
            uid_item(&cert_uid),
            Item::text(tag::ATTRIBUTE_NAME, "Certificate Subject"),
        ],
    );
    let subject = p
        .child(tag::ATTRIBUTE)
        .and_then(|a| a.child(tag::ATTRIBUTE_VALUE))
        .and_then(|v| v.child(tag::CERTIFICATE_SUBJECT_DISTINGUISHED_NAME))
        .and_then(Item::as_text)
        .expect("subject")
        .to_owned();
    assert_eq!(subject, "O=Example,CN=Keyhaven Test");
    // 2.x: one attribute per name field.
    let p = c.ok(V2_1, GET_ATTRIBUTES, vec![uid_item(&cert_uid)]);
    let attrs = p.child(tag::ATTRIBUTES).expect("attributes");
    assert_eq!(
        attrs
            .child(tag::CERTIFICATE_SUBJECT_CN)
            .and_then(Item::as_text),
        Some("Keyhaven Test")
    );
    // The certificate comes back as registered.
    let p = c.ok(V1_4, GET, vec![uid_item(&cert_uid)]);
    assert_eq!(
        p.child(tag::CERTIFICATE)
            .and_then(|x| x.child(tag::CERTIFICATE_VALUE))
            .and_then(Item::as_bytes),
        Some(&der[..])
    );
}

fn links(c: &mut Conn, uid: &str) -> Vec<(u32, String)> {
    attributes_v1(c, uid, &["Link"])
        .into_iter()
        .filter_map(|(_, v)| match v {
            Value::Structure(items) => Some((
                items
                    .iter()
                    .find(|i| i.tag == tag::LINK_TYPE)
                    .and_then(Item::as_enum)?,
                items
                    .iter()
                    .find(|i| i.tag == tag::LINKED_OBJECT_IDENTIFIER)
                    .and_then(Item::as_text)?
                    .to_owned(),
            )),
            _ => None,
        })
        .collect()
}

#[test]
fn rekey_key_pair_replaces_both_halves() {
    let server = TestServer::start();
    let creds = server.issue("app", "default");
    let mut c = Conn::connect(server.addr, &creds);
    let (old_private, old_public) = create_rsa_pair_v1(&mut c, 1024);
    let (_, old_km) = get_key(&mut c, V1_4, &old_private, None);
    let p = c.ok(
        V1_4,
        RE_KEY_KEY_PAIR,
        vec![
            Item::text(tag::PRIVATE_KEY_UNIQUE_IDENTIFIER, &old_private),
            Item::new(tag::OFFSET, Value::Interval(3600)),
        ],
    );
    let new_private = p
        .child(tag::PRIVATE_KEY_UNIQUE_IDENTIFIER)
        .and_then(Item::as_text)
        .expect("private")
        .to_owned();
    let new_public = p
        .child(tag::PUBLIC_KEY_UNIQUE_IDENTIFIER)
        .and_then(Item::as_text)
        .expect("public")
        .to_owned();
    let (f, km) = get_key(&mut c, V1_4, &new_private, None);
    assert_eq!(f, kft::PKCS_1);
    assert_ne!(bytes_of(&km), bytes_of(&old_km), "new material");
    let sk = rsa::RsaPrivateKey::from_pkcs1_der(&bytes_of(&km)).expect("pkcs1");
    assert_eq!(rsa::traits::PublicKeyParts::n(&sk).bits(), 1024);
    let (_, pkm) = get_key(&mut c, V1_4, &new_public, None);
    assert_eq!(
        rsa::RsaPublicKey::from_pkcs1_der(&bytes_of(&pkm)).expect("public"),
        sk.to_public_key(),
        "the new halves match"
    );
    let has =
        |l: &[(u32, String)], kind: u32, uid: &str| l.iter().any(|(k, u)| *k == kind && u == uid);
    let l = links(&mut c, &new_private);
    assert!(
        has(&l, link_type::REPLACED_OBJECT_LINK, &old_private),
        "{l:?}"
    );
    assert!(has(&l, link_type::PUBLIC_KEY_LINK, &new_public), "{l:?}");
    let l = links(&mut c, &new_public);
    assert!(
        has(&l, link_type::REPLACED_OBJECT_LINK, &old_public),
        "{l:?}"
    );
    assert!(has(&l, link_type::PRIVATE_KEY_LINK, &new_private), "{l:?}");
    assert!(has(
        &links(&mut c, &old_private),
        link_type::REPLACEMENT_OBJECT_LINK,
        &new_private
    ));
    assert!(has(
        &links(&mut c, &old_public),
        link_type::REPLACEMENT_OBJECT_LINK,
        &new_public
    ));
    // Names move to the replacements; the Offset sets the activation an hour ahead.
    let a = attributes_v1(
        &mut c,
        &new_private,
        &[
            "Name",
            "Activation Date",
            "State",
            "Cryptographic Usage Mask",
        ],
    );
    let get = |n: &str| a.iter().find(|(k, _)| k == n).map(|(_, v)| v.clone());
    assert!(matches!(get("Name"), Some(Value::Structure(_))));
    assert_eq!(
        get("Cryptographic Usage Mask"),
        Some(Value::Integer(usage::SIGN as i32))
    );
    assert_eq!(
        get("State"),
        Some(Value::Enumeration(1)),
        "Pre-Active until the Offset"
    );
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock")
        .as_secs() as i64;
    match get("Activation Date") {
        Some(Value::DateTime(d)) => assert!((d - now - 3600).abs() < 120, "{d} vs {now}"),
        other => panic!("activation date {other:?}"),
    }
    assert!(
        attributes_v1(&mut c, &old_private, &["Name"]).is_empty(),
        "names moved"
    );
}
