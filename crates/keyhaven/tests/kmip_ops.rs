//! The operations beyond the core set, over real mutual TLS against the real server: Derive Key
//! (every method, with known answers from RFC 6070, RFC 5869, RFC 4231, NIST SP 800-38A and an
//! independent SP 800-108 computation), Create Split Key and Join Split Key (XOR, GF(2^8),
//! GF(2^16), prime field; Split Key objects fetched, registered and joined), and the refusals the
//! spec requires. Answers are checked in 1.x and 2.x spellings.

mod common;

use common::*;
use keyhaven_kmip::enums::{
    block_cipher_mode as bcm, cryptographic_algorithm as alg, derivation_method as dm,
    hashing_algorithm as ha, link_type, object_type as ot, result_reason, split_key_method as skm,
};
use keyhaven_kmip::{tag, ProtocolVersion};
use keyhaven_ttlv::{Item, Value};

const V1_0: ProtocolVersion = ProtocolVersion::V1_0;
const V1_4: ProtocolVersion = ProtocolVersion::V1_4;

fn h(s: &str) -> Vec<u8> {
    hex::decode(s).expect("hex")
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock")
        .as_secs() as i64
}

/// Attributes in the version's spelling: (1.x name, 2.x item).
fn attrs(v: ProtocolVersion, a: Vec<(&str, Item)>) -> Item {
    if v.is_2x() {
        Item::structure(tag::ATTRIBUTES, a.into_iter().map(|(_, i)| i).collect())
    } else {
        Item::structure(
            tag::TEMPLATE_ATTRIBUTE,
            a.into_iter().map(|(n, i)| attr_v1(n, i)).collect(),
        )
    }
}

fn alg_attr(a: u32) -> (&'static str, Item) {
    (
        "Cryptographic Algorithm",
        Item::enumeration(tag::CRYPTOGRAPHIC_ALGORITHM, a),
    )
}

fn len_attr(l: i32) -> (&'static str, Item) {
    (
        "Cryptographic Length",
        Item::int(tag::CRYPTOGRAPHIC_LENGTH, l),
    )
}

fn mask_attr(m: u32) -> (&'static str, Item) {
    (
        "Cryptographic Usage Mask",
        Item::int(tag::CRYPTOGRAPHIC_USAGE_MASK, m as i32),
    )
}

const DERIVE: u32 = 0x200;

fn fails_with(bi: &Item, reason: u32) {
    assert_eq!(
        result_status(bi),
        1,
        "expected a failure, got {:?}",
        bi.child(tag::RESPONSE_PAYLOAD)
    );
    assert_eq!(
        result_reason(bi),
        Some(reason),
        "message: {:?}",
        bi.child(tag::RESULT_MESSAGE).and_then(Item::as_text)
    );
}

/// Registers an Active key (symmetric, or Secret Data when `a` is None) with usage mask `mask`.
fn register(c: &mut Conn, v: ProtocolVersion, a: Option<u32>, key: &[u8], mask: u32) -> String {
    let mut block = vec![
        Item::enumeration(tag::KEY_FORMAT_TYPE, if a.is_some() { 1 } else { 2 }),
        Item::structure(
            tag::KEY_VALUE,
            vec![Item::bytes(tag::KEY_MATERIAL, key.to_vec())],
        ),
    ];
    if let Some(a) = a {
        block.push(Item::enumeration(tag::CRYPTOGRAPHIC_ALGORITHM, a));
        block.push(Item::int(tag::CRYPTOGRAPHIC_LENGTH, (key.len() * 8) as i32));
    }
    let block = Item::structure(tag::KEY_BLOCK, block);
    let (otype, obj) = match a {
        Some(_) => (
            ot::SYMMETRIC_KEY,
            Item::structure(tag::SYMMETRIC_KEY, vec![block]),
        ),
        None => (
            ot::SECRET_DATA,
            Item::structure(
                tag::SECRET_DATA,
                vec![Item::enumeration(tag::SECRET_DATA_TYPE, 1), block],
            ),
        ),
    };
    let payload = vec![
        Item::enumeration(tag::OBJECT_TYPE, otype),
        attrs(
            v,
            vec![
                mask_attr(mask),
                (
                    "Activation Date",
                    Item::datetime(tag::ACTIVATION_DATE, now() - 3600),
                ),
            ],
        ),
        obj,
    ];
    uid_of(&c.ok(v, REGISTER, payload))
}

/// A Derive Key request.
fn derive(
    v: ProtocolVersion,
    otype: u32,
    uids: &[&str],
    method: u32,
    params: Vec<Item>,
    out: Vec<(&str, Item)>,
) -> Vec<Item> {
    let mut p = vec![Item::enumeration(tag::OBJECT_TYPE, otype)];
    p.extend(uids.iter().map(|u| uid_item(u)));
    p.push(Item::enumeration(tag::DERIVATION_METHOD, method));
    p.push(Item::structure(tag::DERIVATION_PARAMETERS, params));
    p.push(attrs(v, out));
    p
}

fn crypto_params(items: Vec<Item>) -> Item {
    Item::structure(tag::CRYPTOGRAPHIC_PARAMETERS, items)
}

/// Key material of a Get of a symmetric key or secret data.
fn material(c: &mut Conn, v: ProtocolVersion, uid: &str) -> Vec<u8> {
    let p = c.ok(v, GET, vec![uid_item(uid)]);
    let obj = p
        .child(tag::SYMMETRIC_KEY)
        .or_else(|| p.child(tag::SECRET_DATA))
        .expect("a key or secret data");
    obj.child(tag::KEY_BLOCK)
        .and_then(|b| b.child(tag::KEY_VALUE))
        .and_then(|kv| kv.child(tag::KEY_MATERIAL))
        .and_then(Item::as_bytes)
        .expect("key material")
        .to_vec()
}

/// The Link attributes (type, target) of an object, read with Get Attributes.
fn links(c: &mut Conn, v: ProtocolVersion, uid: &str) -> Vec<(u32, String)> {
    let req = if v.is_2x() {
        vec![
            uid_item(uid),
            Item::enumeration(tag::ATTRIBUTE_REFERENCE, tag::LINK),
        ]
    } else {
        vec![uid_item(uid), Item::text(tag::ATTRIBUTE_NAME, "Link")]
    };
    let p = c.ok(v, GET_ATTRIBUTES, req);
    let mut out = Vec::new();
    let mut visit = |link: &Item| {
        let t = link.child(tag::LINK_TYPE).and_then(Item::as_enum);
        let id = link
            .child(tag::LINKED_OBJECT_IDENTIFIER)
            .and_then(Item::as_text);
        if let (Some(t), Some(id)) = (t, id) {
            out.push((t, id.to_owned()));
        }
    };
    if v.is_2x() {
        for l in p
            .child(tag::ATTRIBUTES)
            .expect("attributes")
            .children(tag::LINK)
        {
            visit(l);
        }
    } else {
        for a in p.children(tag::ATTRIBUTE) {
            if let Some(val) = a.child(tag::ATTRIBUTE_VALUE) {
                visit(val);
            }
        }
    }
    out
}

#[test]
fn derive_key_gives_the_known_answers_of_each_method() {
    let server = TestServer::start();
    let creds = server.issue("app", "default");
    let mut c = Conn::connect(server.addr, &creds);

    // HASH (the OASIS case TC-DERIVEKEY-1-10): SHA-256 of the key, first 128 bits.
    let k = register(
        &mut c,
        V1_0,
        Some(alg::AES),
        &h("00112233445566778899aabbccddeeff"),
        4 | 8 | DERIVE,
    );
    let d = uid_of(&c.ok(
        V1_0,
        DERIVE_KEY,
        derive(
            V1_0,
            ot::SYMMETRIC_KEY,
            &[&k],
            dm::HASH,
            vec![crypto_params(vec![Item::enumeration(
                tag::HASHING_ALGORITHM,
                ha::SHA_256,
            )])],
            vec![alg_attr(alg::AES), len_attr(128), mask_attr(4 | 8)],
        ),
    ));
    assert_eq!(
        material(&mut c, V1_0, &d),
        h("a8faed6abbf35c12a4b26e40f6feb19d")
    );
    // Links both ways.
    assert!(links(&mut c, V1_0, &d).contains(&(link_type::DERIVATION_BASE_OBJECT_LINK, k.clone())));
    assert!(links(&mut c, V1_0, &k).contains(&(link_type::DERIVED_KEY_LINK, d.clone())));

    for v in [V1_4, V2_1] {
        // PBKDF2 (RFC 6070, 2 iterations): password "password" as Secret Data, salt "salt".
        let pw = register(&mut c, v, None, b"password", DERIVE);
        let d = uid_of(&c.ok(
            v,
            DERIVE_KEY,
            derive(
                v,
                ot::SECRET_DATA,
                &[&pw],
                dm::PBKDF2,
                vec![
                    crypto_params(vec![Item::enumeration(tag::HASHING_ALGORITHM, ha::SHA_1)]),
                    Item::bytes(tag::SALT, b"salt".to_vec()),
                    Item::int(tag::ITERATION_COUNT, 2),
                ],
                vec![len_attr(160)],
            ),
        ));
        assert_eq!(
            material(&mut c, v, &d),
            h("ea6c014dc72d6f8ccd1ed92ace1d41f0d8de8957")
        );

        // HKDF (RFC 5869 test case 1).
        let ikm = register(
            &mut c,
            v,
            None,
            &h("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b"),
            DERIVE,
        );
        let d = uid_of(&c.ok(
            v,
            DERIVE_KEY,
            derive(
                v,
                ot::SECRET_DATA,
                &[&ikm],
                dm::HKDF,
                vec![
                    Item::bytes(tag::DERIVATION_DATA, h("f0f1f2f3f4f5f6f7f8f9")),
                    Item::bytes(tag::SALT, h("000102030405060708090a0b0c")),
                ],
                vec![len_attr(336)],
            ),
        ));
        assert_eq!(
            material(&mut c, v, &d),
            h("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865")
        );

        // HMAC (RFC 4231 test case 1) with an HMAC-SHA256 key, as an AES-256 key.
        let hk = register(&mut c, v, Some(alg::HMAC_SHA256), &[0x0b; 20], DERIVE);
        let d = uid_of(&c.ok(
            v,
            DERIVE_KEY,
            derive(
                v,
                ot::SYMMETRIC_KEY,
                &[&hk],
                dm::HMAC,
                vec![Item::bytes(tag::DERIVATION_DATA, b"Hi There".to_vec())],
                vec![alg_attr(alg::AES), len_attr(256)],
            ),
        ));
        assert_eq!(
            material(&mut c, v, &d),
            h("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")
        );

        // ENCRYPT: AES-128-ECB of SP 800-38A's first block.
        let ek = register(
            &mut c,
            v,
            Some(alg::AES),
            &h("2b7e151628aed2a6abf7158809cf4f3c"),
            DERIVE,
        );
        let d = uid_of(&c.ok(
            v,
            DERIVE_KEY,
            derive(
                v,
                ot::SYMMETRIC_KEY,
                &[&ek],
                dm::ENCRYPT,
                vec![
                    crypto_params(vec![Item::enumeration(tag::BLOCK_CIPHER_MODE, bcm::ECB)]),
                    Item::bytes(tag::DERIVATION_DATA, h("6bc1bee22e409f96e93d7e117393172a")),
                ],
                vec![alg_attr(alg::AES), len_attr(128)],
            ),
        ));
        assert_eq!(
            material(&mut c, v, &d),
            h("3ad77bb40d7a3660a89ecaf32466ef97")
        );

        // SP 800-108 counter, feedback and double pipeline with HMAC-SHA256, 384 bits (two blocks).
        let ki = register(
            &mut c,
            v,
            Some(alg::HMAC_SHA256),
            &h("000102030405060708090a0b0c0d0e0f"),
            DERIVE,
        );
        for (method, want) in [
            (dm::NIST800_108_C, "8a630066c2d2bdf92880e95d0a6205d44cf4d1bcc6f5cc2ca44f6840f240ae2371c3be969be1b428318720a9282fcc5c"),
            (dm::NIST800_108_F, "8a630066c2d2bdf92880e95d0a6205d44cf4d1bcc6f5cc2ca44f6840f240ae238672bb5b37c9fa67048ae9138e2d5300"),
            (dm::NIST800_108_DPI, "fa701edef406da4e2c01df02dfcc3ab1d73f2335384e3116b573325f78408bfcaea076c01c427819f3b64c6b29d3df42"),
        ] {
            let d = uid_of(&c.ok(
                v,
                DERIVE_KEY,
                derive(
                    v,
                    ot::SECRET_DATA,
                    &[&ki],
                    method,
                    vec![Item::bytes(tag::DERIVATION_DATA, b"label\x00context".to_vec())],
                    vec![len_attr(384)],
                ),
            ));
            assert_eq!(material(&mut c, v, &d), h(want), "method {method}");
        }
    }

    // AWS Signature Version 4 (2.x): AWS's documented signing key.
    let aws = register(
        &mut c,
        V2_1,
        None,
        b"wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
        DERIVE,
    );
    let d = uid_of(&c.ok(
        V2_1,
        DERIVE_KEY,
        derive(
            V2_1,
            ot::SECRET_DATA,
            &[&aws],
            dm::AWS_SIGNATURE_VERSION_4,
            vec![
                Item::bytes(tag::DERIVATION_DATA, b"20120215".to_vec()),
                Item::bytes(tag::DERIVATION_DATA, b"us-east-1".to_vec()),
                Item::bytes(tag::DERIVATION_DATA, b"iam".to_vec()),
            ],
            vec![len_attr(256)],
        ),
    ));
    assert_eq!(
        material(&mut c, V2_1, &d),
        h("f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d")
    );
}

#[test]
fn derive_key_refuses_what_the_spec_refuses() {
    let server = TestServer::start();
    let creds = server.issue("app", "default");
    let mut c = Conn::connect(server.addr, &creds);
    let v = V2_1;
    let k = register(&mut c, v, Some(alg::HMAC_SHA256), &[7u8; 32], DERIVE);
    let data = || Item::bytes(tag::DERIVATION_DATA, b"context".to_vec());

    // A key without Derive Key in its usage mask.
    let no_derive = register(&mut c, v, Some(alg::HMAC_SHA256), &[7u8; 32], 0x80);
    fails_with(
        &c.call(
            v,
            DERIVE_KEY,
            derive(
                v,
                ot::SECRET_DATA,
                &[&no_derive],
                dm::HMAC,
                vec![data()],
                vec![len_attr(128)],
            ),
        ),
        result_reason::INCOMPATIBLE_CRYPTOGRAPHIC_USAGE_MASK,
    );
    // 1.x names the same refusal Permission Denied.
    let no_derive_1x = register(&mut c, V1_4, Some(alg::HMAC_SHA256), &[7u8; 32], 0x80);
    fails_with(
        &c.call(
            V1_4,
            DERIVE_KEY,
            derive(
                V1_4,
                ot::SECRET_DATA,
                &[&no_derive_1x],
                dm::HMAC,
                vec![data()],
                vec![len_attr(128)],
            ),
        ),
        result_reason::PERMISSION_DENIED,
    );
    // Longer than the method's output (HMAC-SHA256: 256 bits).
    fails_with(
        &c.call(
            v,
            DERIVE_KEY,
            derive(
                v,
                ot::SECRET_DATA,
                &[&k],
                dm::HMAC,
                vec![data()],
                vec![len_attr(512)],
            ),
        ),
        result_reason::CRYPTOGRAPHIC_FAILURE,
    );
    // No Cryptographic Length; a key without its algorithm.
    fails_with(
        &c.call(
            v,
            DERIVE_KEY,
            derive(v, ot::SECRET_DATA, &[&k], dm::HMAC, vec![data()], vec![]),
        ),
        result_reason::MISSING_DATA,
    );
    fails_with(
        &c.call(
            v,
            DERIVE_KEY,
            derive(
                v,
                ot::SYMMETRIC_KEY,
                &[&k],
                dm::HMAC,
                vec![data()],
                vec![len_attr(128)],
            ),
        ),
        result_reason::MISSING_DATA,
    );
    // An AES key of a length AES does not have.
    fails_with(
        &c.call(
            v,
            DERIVE_KEY,
            derive(
                v,
                ot::SYMMETRIC_KEY,
                &[&k],
                dm::HMAC,
                vec![data()],
                vec![alg_attr(alg::AES), len_attr(136)],
            ),
        ),
        result_reason::INVALID_ATTRIBUTE_VALUE,
    );
    // Derivation Data both in the request and as a Secret Data object.
    let sd = register(&mut c, v, None, b"context", DERIVE);
    fails_with(
        &c.call(
            v,
            DERIVE_KEY,
            derive(
                v,
                ot::SECRET_DATA,
                &[&k, &sd],
                dm::HMAC,
                vec![data()],
                vec![len_attr(128)],
            ),
        ),
        result_reason::INVALID_FIELD,
    );
    // ... while the Secret Data object alone gives the same key as the data in the request.
    let a = uid_of(&c.ok(
        v,
        DERIVE_KEY,
        derive(
            v,
            ot::SECRET_DATA,
            &[&k, &sd],
            dm::HMAC,
            vec![],
            vec![len_attr(128)],
        ),
    ));
    let b = uid_of(&c.ok(
        v,
        DERIVE_KEY,
        derive(
            v,
            ot::SECRET_DATA,
            &[&k],
            dm::HMAC,
            vec![data()],
            vec![len_attr(128)],
        ),
    ));
    assert_eq!(material(&mut c, v, &a), material(&mut c, v, &b));
    // PBKDF2 without its Salt; an object that is not a key; an unknown identifier.
    fails_with(
        &c.call(
            v,
            DERIVE_KEY,
            derive(
                v,
                ot::SECRET_DATA,
                &[&k],
                dm::PBKDF2,
                vec![Item::int(tag::ITERATION_COUNT, 10)],
                vec![len_attr(128)],
            ),
        ),
        result_reason::MISSING_DATA,
    );
    fails_with(
        &c.call(
            v,
            DERIVE_KEY,
            derive(
                v,
                ot::PUBLIC_KEY,
                &[&k],
                dm::HMAC,
                vec![data()],
                vec![len_attr(128)],
            ),
        ),
        result_reason::INVALID_OBJECT_TYPE,
    );
    fails_with(
        &c.call(
            v,
            DERIVE_KEY,
            derive(
                v,
                ot::SECRET_DATA,
                &["no-such-key"],
                dm::HMAC,
                vec![data()],
                vec![len_attr(128)],
            ),
        ),
        result_reason::OBJECT_NOT_FOUND,
    );
    // A Pre-Active key cannot be used.
    let pre = uid_of(&c.ok(
        v,
        CREATE,
        vec![
            Item::enumeration(tag::OBJECT_TYPE, ot::SYMMETRIC_KEY),
            attrs(
                v,
                vec![alg_attr(alg::AES), len_attr(128), mask_attr(DERIVE)],
            ),
        ],
    ));
    fails_with(
        &c.call(
            v,
            DERIVE_KEY,
            derive(
                v,
                ot::SECRET_DATA,
                &[&pre],
                dm::HASH,
                vec![crypto_params(vec![Item::enumeration(
                    tag::HASHING_ALGORITHM,
                    ha::SHA_256,
                )])],
                vec![len_attr(128)],
            ),
        ),
        result_reason::WRONG_KEY_LIFECYCLE_STATE,
    );
}

/// A Create Split Key request.
fn create_split(
    v: ProtocolVersion,
    uid: Option<&str>,
    parts: i32,
    threshold: i32,
    method: u32,
    extra: Vec<Item>,
    a: Vec<(&str, Item)>,
) -> Vec<Item> {
    let mut p = vec![Item::enumeration(tag::OBJECT_TYPE, ot::SPLIT_KEY)];
    if let Some(u) = uid {
        p.push(uid_item(u));
    }
    p.push(Item::int(tag::SPLIT_KEY_PARTS, parts));
    p.push(Item::int(tag::SPLIT_KEY_THRESHOLD, threshold));
    p.push(Item::enumeration(tag::SPLIT_KEY_METHOD, method));
    p.extend(extra);
    p.push(attrs(v, a));
    p
}

fn join(v: ProtocolVersion, uids: &[&str], a: Vec<(&str, Item)>) -> Vec<Item> {
    let mut p = vec![Item::enumeration(tag::OBJECT_TYPE, ot::SYMMETRIC_KEY)];
    p.extend(uids.iter().map(|u| uid_item(u)));
    p.push(attrs(v, a));
    p
}

fn uids_of(p: &Item) -> Vec<String> {
    p.children(tag::UNIQUE_IDENTIFIER)
        .map(|i| i.as_text().expect("text").to_owned())
        .collect()
}

#[test]
fn split_keys_are_created_fetched_registered_and_joined() {
    let server = TestServer::start();
    let creds = server.issue("app", "default");
    let mut c = Conn::connect(server.addr, &creds);
    let secret = h("00112233445566778899aabbccddeeff");
    // 2^521 - 1, a prime bigger than 2^128, as a Big Integer (72 bytes, sign-extended).
    let mut prime = vec![0u8; 72];
    prime[6] = 0x01;
    for b in prime[7..].iter_mut() {
        *b = 0xFF;
    }
    for v in [V1_4, V2_1] {
        let key = register(&mut c, v, Some(alg::AES), &secret, 4 | 8);
        for (method, parts, threshold, extra) in [
            (skm::POLYNOMIAL_SHARING_GF_2_8, 5, 3, vec![]),
            (skm::POLYNOMIAL_SHARING_GF_2_16, 4, 2, vec![]),
            (skm::XOR, 3, 3, vec![]),
            (
                skm::POLYNOMIAL_SHARING_PRIME_FIELD,
                4,
                3,
                vec![Item::new(
                    tag::PRIME_FIELD_SIZE,
                    Value::BigInteger(prime.clone().into()),
                )],
            ),
        ] {
            let p = c.ok(
                v,
                CREATE_SPLIT_KEY,
                create_split(v, Some(&key), parts, threshold, method, extra, vec![]),
            );
            let ids = uids_of(&p);
            assert_eq!(ids.len(), parts as usize);
            // Each part is a Split Key object saying which part it is.
            let got = c.ok(v, GET, vec![uid_item(&ids[1])]);
            assert_eq!(
                got.child(tag::OBJECT_TYPE).and_then(Item::as_enum),
                Some(ot::SPLIT_KEY)
            );
            let sk = got.child(tag::SPLIT_KEY).expect("Split Key");
            assert_eq!(
                sk.child(tag::KEY_PART_IDENTIFIER).and_then(Item::as_int),
                Some(2)
            );
            assert_eq!(
                sk.child(tag::SPLIT_KEY_PARTS).and_then(Item::as_int),
                Some(parts)
            );
            assert_eq!(
                sk.child(tag::SPLIT_KEY_THRESHOLD).and_then(Item::as_int),
                Some(threshold)
            );
            assert_eq!(
                sk.child(tag::SPLIT_KEY_METHOD).and_then(Item::as_enum),
                Some(method)
            );
            let share = sk
                .child(tag::KEY_BLOCK)
                .and_then(|b| b.child(tag::KEY_VALUE))
                .and_then(|kv| kv.child(tag::KEY_MATERIAL))
                .and_then(Item::as_bytes)
                .expect("share")
                .to_vec();
            assert_ne!(share, secret, "a part is not the key");
            // The last `threshold` parts rebuild the key, in any order.
            let pick: Vec<&str> = ids[(parts - threshold) as usize..]
                .iter()
                .rev()
                .map(String::as_str)
                .collect();
            let joined = uid_of(&c.ok(
                v,
                JOIN_SPLIT_KEY,
                join(v, &pick, vec![alg_attr(alg::AES), len_attr(128)]),
            ));
            assert_eq!(material(&mut c, v, &joined), secret, "method {method}");
            // One part fewer cannot (TC-SJ-1-14: Cryptographic Failure).
            if threshold > 1 {
                fails_with(
                    &c.call(v, JOIN_SPLIT_KEY, join(v, &pick[1..], vec![])),
                    result_reason::CRYPTOGRAPHIC_FAILURE,
                );
            }
            // A part fetched and registered again joins like the original.
            if method == skm::POLYNOMIAL_SHARING_GF_2_8 {
                let reg = uid_of(&c.ok(
                    v,
                    REGISTER,
                    vec![
                        Item::enumeration(tag::OBJECT_TYPE, ot::SPLIT_KEY),
                        attrs(v, vec![]),
                        sk.clone(),
                    ],
                ));
                let again = uid_of(&c.ok(
                    v,
                    JOIN_SPLIT_KEY,
                    join(v, &[&ids[0], &reg, &ids[4]], vec![]),
                ));
                assert_eq!(material(&mut c, v, &again), secret);
                // The same part twice is not two parts.
                fails_with(
                    &c.call(
                        v,
                        JOIN_SPLIT_KEY,
                        join(v, &[&ids[0], &ids[0], &ids[4]], vec![]),
                    ),
                    result_reason::INVALID_FIELD,
                );
            }
        }
        // A new key split at once: the parts rebuild a 256-bit AES key.
        let p = c.ok(
            v,
            CREATE_SPLIT_KEY,
            create_split(
                v,
                None,
                3,
                2,
                skm::POLYNOMIAL_SHARING_GF_2_8,
                vec![],
                vec![alg_attr(alg::AES), len_attr(256)],
            ),
        );
        let ids = uids_of(&p);
        let a = uid_of(&c.ok(v, JOIN_SPLIT_KEY, join(v, &[&ids[0], &ids[1]], vec![])));
        let b = uid_of(&c.ok(v, JOIN_SPLIT_KEY, join(v, &[&ids[2], &ids[1]], vec![])));
        let ka = material(&mut c, v, &a);
        assert_eq!(ka.len(), 32);
        assert_eq!(ka, material(&mut c, v, &b));
        // Refusals: XOR with fewer needed than made, threshold above parts, prime too small.
        fails_with(
            &c.call(
                v,
                CREATE_SPLIT_KEY,
                create_split(v, Some(&key), 3, 2, skm::XOR, vec![], vec![]),
            ),
            result_reason::INVALID_FIELD,
        );
        fails_with(
            &c.call(
                v,
                CREATE_SPLIT_KEY,
                create_split(
                    v,
                    Some(&key),
                    2,
                    3,
                    skm::POLYNOMIAL_SHARING_GF_2_8,
                    vec![],
                    vec![],
                ),
            ),
            result_reason::INVALID_FIELD,
        );
        fails_with(
            &c.call(
                v,
                CREATE_SPLIT_KEY,
                create_split(
                    v,
                    Some(&key),
                    3,
                    2,
                    skm::POLYNOMIAL_SHARING_PRIME_FIELD,
                    vec![Item::new(
                        tag::PRIME_FIELD_SIZE,
                        Value::BigInteger(h("0000000000010001").into()),
                    )],
                    vec![],
                ),
            ),
            result_reason::INVALID_FIELD,
        );
    }
}

fn password_auth(user: &str, pw: &str) -> Vec<Item> {
    vec![Item::structure(
        tag::AUTHENTICATION,
        vec![Item::structure(
            tag::CREDENTIAL,
            vec![
                Item::enumeration(tag::CREDENTIAL_TYPE, 1),
                Item::structure(
                    tag::CREDENTIAL_VALUE,
                    vec![
                        Item::text(tag::USERNAME, user),
                        Item::text(tag::PASSWORD, pw),
                    ],
                ),
            ],
        )],
    )]
}

#[test]
fn tickets_are_bound_to_their_client_and_to_their_rights() {
    let server = TestServer::start();
    let dir = server.dir.path().join("pw-client");
    let pwfile = server.dir.path().join("pw.txt");
    std::fs::write(&pwfile, "s3cret-Passw0rd\n").expect("pw");
    admin(
        &server.data(),
        &[
            "client",
            "issue",
            "--name",
            "app",
            "--out",
            dir.to_str().expect("utf8"),
            "--username",
            "app",
            "--password-file",
            pwfile.to_str().expect("utf8"),
        ],
    );
    let creds = Creds::load(
        &dir.join("app.crt"),
        &dir.join("app.key"),
        &dir.join("ca.crt"),
    );
    let mut c = Conn::connect(server.addr, &creds);
    let other_creds = server.issue("other", "default");
    let mut other = Conn::connect(server.addr, &other_creds);
    let pw = password_auth("app", "s3cret-Passw0rd");

    // Without a credential: refused; with the password: a ticket.
    fails_with(
        &c.call(V2_1, PING, vec![]),
        result_reason::AUTHENTICATION_NOT_SUCCESSFUL,
    );
    let bi = call_with(
        &mut c,
        pw.clone(),
        LOGIN,
        vec![Item::int(tag::REQUEST_COUNT, 3)],
    );
    assert_success(&bi);
    let ticket = bi
        .child(tag::RESPONSE_PAYLOAD)
        .and_then(|p| p.child(tag::TICKET))
        .expect("ticket")
        .clone();
    // The ticket stands in for the password, three times.
    assert_success(&call_with(&mut c, ticket_auth(&ticket), PING, vec![]));
    let key = call_with(
        &mut c,
        ticket_auth(&ticket),
        CREATE,
        vec![
            Item::enumeration(tag::OBJECT_TYPE, ot::SYMMETRIC_KEY),
            attrs(V2_1, vec![alg_attr(alg::AES), len_attr(128)]),
        ],
    );
    assert_success(&key);
    let key = uid_of(key.child(tag::RESPONSE_PAYLOAD).expect("payload"));
    // Another client holding a copy of the ticket is refused.
    fails_with(
        &call_with(&mut other, ticket_auth(&ticket), PING, vec![]),
        result_reason::INVALID_TICKET,
    );
    assert_success(&call_with(&mut c, ticket_auth(&ticket), PING, vec![]));
    fails_with(
        &call_with(&mut c, ticket_auth(&ticket), PING, vec![]),
        result_reason::INVALID_TICKET,
    );

    // Logout ends a ticket; a second Logout finds it no more.
    let bi = call_with(
        &mut c,
        pw.clone(),
        LOGIN,
        vec![Item::interval(tag::LEASE_TIME, 600)],
    );
    let t2 = bi
        .child(tag::RESPONSE_PAYLOAD)
        .and_then(|p| p.child(tag::TICKET))
        .expect("ticket")
        .clone();
    fails_with(
        &call_with(&mut other, vec![], LOGOUT, vec![t2.clone()]),
        result_reason::INVALID_TICKET,
    );
    assert_success(&call_with(&mut c, pw.clone(), LOGOUT, vec![t2.clone()]));
    fails_with(
        &call_with(&mut c, ticket_auth(&t2), PING, vec![]),
        result_reason::INVALID_TICKET,
    );
    fails_with(
        &call_with(&mut c, pw.clone(), LOGOUT, vec![t2]),
        result_reason::INVALID_TICKET,
    );

    // Delegated Login: Get of one key only.
    let bi = call_with(
        &mut c,
        pw.clone(),
        DELEGATED_LOGIN,
        vec![Item::structure(
            tag::RIGHTS,
            vec![Item::structure(
                tag::RIGHT,
                vec![
                    Item::structure(
                        tag::OPERATIONS,
                        vec![Item::enumeration(tag::OPERATION, GET)],
                    ),
                    Item::structure(tag::OBJECTS, vec![uid_item(&key)]),
                ],
            )],
        )],
    );
    assert_success(&bi);
    let dt = bi
        .child(tag::RESPONSE_PAYLOAD)
        .and_then(|p| p.child(tag::TICKET))
        .expect("ticket")
        .clone();
    assert_success(&call_with(
        &mut c,
        ticket_auth(&dt),
        GET,
        vec![uid_item(&key)],
    ));
    fails_with(
        &call_with(&mut c, ticket_auth(&dt), DESTROY, vec![uid_item(&key)]),
        result_reason::PERMISSION_DENIED,
    );
    let other_key = uid_of(&c.ok_with(
        pw.clone(),
        CREATE,
        vec![
            Item::enumeration(tag::OBJECT_TYPE, ot::SYMMETRIC_KEY),
            attrs(V2_1, vec![alg_attr(alg::AES), len_attr(128)]),
        ],
    ));
    fails_with(
        &call_with(&mut c, ticket_auth(&dt), GET, vec![uid_item(&other_key)]),
        result_reason::PERMISSION_DENIED,
    );
    // Delegated Login needs Rights.
    fails_with(
        &call_with(&mut c, pw, DELEGATED_LOGIN, vec![]),
        result_reason::MISSING_DATA,
    );
}

trait OkWith {
    fn ok_with(&mut self, header: Vec<Item>, operation: u32, payload: Vec<Item>) -> Item;
}

impl OkWith for Conn {
    fn ok_with(&mut self, header: Vec<Item>, operation: u32, payload: Vec<Item>) -> Item {
        let bi = call_with(self, header, operation, payload);
        assert_success(&bi);
        bi.child(tag::RESPONSE_PAYLOAD).cloned().expect("payload")
    }
}

#[test]
fn service_operations_answer_per_the_spec() {
    let server = TestServer::start();
    let creds = server.issue("app", "default");
    let mut c = Conn::connect(server.addr, &creds);

    // Ping: empty in, empty out; 1.x does not define it.
    let p = c.ok(V2_1, PING, vec![]);
    assert!(p.items().is_empty());
    fails_with(
        &c.call(V1_4, PING, vec![]),
        result_reason::OPERATION_NOT_SUPPORTED,
    );

    // Query lists exactly these operations in 2.1, and not the 2.x-only ones to a 1.4 client.
    let ops = |c: &mut Conn, v| -> Vec<u32> {
        c.ok(v, QUERY, vec![Item::enumeration(tag::QUERY_FUNCTION, 1)])
            .children(tag::OPERATION)
            .filter_map(Item::as_enum)
            .collect()
    };
    let q21 = ops(&mut c, V2_1);
    for o in [
        DERIVE_KEY,
        CREATE_SPLIT_KEY,
        JOIN_SPLIT_KEY,
        PING,
        PKCS_11,
        LOGIN,
        LOGOUT,
        DELEGATED_LOGIN,
        ADJUST_ATTRIBUTE,
    ] {
        assert!(q21.contains(&o), "Query 2.1 lacks operation {o:#x}");
    }
    let q14 = ops(&mut c, V1_4);
    assert!(q14.contains(&DERIVE_KEY) && q14.contains(&CREATE_SPLIT_KEY));
    assert!(!q14.contains(&PING) && !q14.contains(&LOGIN) && !q14.contains(&PKCS_11));
    // Every operation Query lists answers something other than Operation Not Supported (but
    // Re-Provision, which would replace this client's credential: its own test below).
    for o in q21.into_iter().filter(|o| *o != RE_PROVISION) {
        let bi = c.call(V2_1, o, vec![]);
        assert_ne!(
            result_reason(&bi),
            Some(result_reason::OPERATION_NOT_SUPPORTED),
            "operation {o:#x}"
        );
    }

    // PKCS#11: C_Initialize gives a correlation value, C_GetInfo a CK_INFO, C_Finalize ends it.
    let p = c.ok(
        V2_1,
        PKCS_11,
        vec![
            Item::enumeration(tag::PKCS_11_FUNCTION, 1),
            Item::bytes(tag::PKCS_11_INPUT_PARAMETERS, vec![1]),
        ],
    );
    let corr = p
        .child(tag::CORRELATION_VALUE)
        .and_then(Item::as_bytes)
        .expect("correlation")
        .to_vec();
    assert_eq!(
        p.child(tag::PKCS_11_RETURN_CODE).and_then(Item::as_enum),
        Some(0)
    );
    let p = c.ok(
        V2_1,
        PKCS_11,
        vec![
            Item::enumeration(tag::PKCS_11_FUNCTION, 3),
            Item::bytes(tag::CORRELATION_VALUE, corr.clone()),
        ],
    );
    let info = p
        .child(tag::PKCS_11_OUTPUT_PARAMETERS)
        .and_then(Item::as_bytes)
        .expect("CK_INFO");
    assert_eq!(info.len(), 76);
    assert_eq!(&info[2..10], b"Keyhaven");
    // A function not provided: CKR_FUNCTION_NOT_SUPPORTED (0x54).
    let p = c.ok(
        V2_1,
        PKCS_11,
        vec![
            Item::enumeration(
                tag::PKCS_11_FUNCTION,
                keyhaven_kmip::enums::pkcs_11_function::C_GENERATEKEY,
            ),
            Item::bytes(tag::CORRELATION_VALUE, corr.clone()),
        ],
    );
    assert_eq!(
        p.child(tag::PKCS_11_RETURN_CODE).and_then(Item::as_enum),
        Some(0x54)
    );
    c.ok(
        V2_1,
        PKCS_11,
        vec![
            Item::enumeration(tag::PKCS_11_FUNCTION, 2),
            Item::bytes(tag::CORRELATION_VALUE, corr.clone()),
        ],
    );
    fails_with(
        &c.call(
            V2_1,
            PKCS_11,
            vec![
                Item::enumeration(tag::PKCS_11_FUNCTION, 3),
                Item::bytes(tag::CORRELATION_VALUE, corr),
            ],
        ),
        result_reason::INVALID_FIELD,
    );

    // Adjust Attribute: increment from an absent value (0), decrement, negate, and refusals.
    let key = uid_of(&c.ok(
        V2_1,
        CREATE,
        vec![
            Item::enumeration(tag::OBJECT_TYPE, ot::SYMMETRIC_KEY),
            attrs(V2_1, vec![alg_attr(alg::AES), len_attr(128)]),
        ],
    ));
    let adjust = |t: u32, kind: u32, by: Option<Item>| {
        let mut p = vec![
            uid_item(&key),
            Item::enumeration(tag::ATTRIBUTE_REFERENCE, t),
            Item::enumeration(tag::ADJUSTMENT_TYPE, kind),
        ];
        p.extend(by);
        p
    };
    let get_attr = |c: &mut Conn, t: u32| -> Option<Value> {
        c.ok(
            V2_1,
            GET_ATTRIBUTES,
            vec![
                uid_item(&key),
                Item::enumeration(tag::ATTRIBUTE_REFERENCE, t),
            ],
        )
        .child(tag::ATTRIBUTES)
        .and_then(|a| a.child(t))
        .map(|i| i.value.clone())
    };
    let activation = now() + 86_400;
    c.ok(
        V2_1,
        SET_ATTRIBUTE,
        vec![
            uid_item(&key),
            Item::structure(
                tag::NEW_ATTRIBUTE,
                vec![Item::datetime(tag::ACTIVATION_DATE, activation)],
            ),
        ],
    );
    c.ok(
        V2_1,
        ADJUST_ATTRIBUTE,
        adjust(
            tag::ACTIVATION_DATE,
            1,
            Some(Item::interval(tag::ADJUSTMENT_VALUE, 60)),
        ),
    );
    assert_eq!(
        get_attr(&mut c, tag::ACTIVATION_DATE),
        Some(Value::DateTime(activation + 60))
    );
    c.ok(
        V2_1,
        ADJUST_ATTRIBUTE,
        adjust(tag::ACTIVATION_DATE, 2, None),
    );
    assert_eq!(
        get_attr(&mut c, tag::ACTIVATION_DATE),
        Some(Value::DateTime(activation + 59))
    );
    // Sensitive is absent-or-false: Negate makes it true.
    c.ok(V2_1, ADJUST_ATTRIBUTE, adjust(tag::SENSITIVE, 3, None));
    assert_eq!(get_attr(&mut c, tag::SENSITIVE), Some(Value::Boolean(true)));
    // Read-only and non-numeric attributes are refused.
    fails_with(
        &c.call(
            V2_1,
            ADJUST_ATTRIBUTE,
            adjust(tag::CRYPTOGRAPHIC_LENGTH, 1, None),
        ),
        result_reason::ATTRIBUTE_READ_ONLY,
    );
    fails_with(
        &c.call(
            V2_1,
            ADJUST_ATTRIBUTE,
            adjust(tag::ACTIVATION_DATE, 3, None),
        ),
        result_reason::INVALID_FIELD,
    );
}

#[test]
fn every_symmetric_algorithm_is_created_with_its_valid_lengths_and_pgp_keys_are_kept() {
    let server = TestServer::start();
    let creds = server.issue("app", "default");
    let mut c = Conn::connect(server.addr, &creds);
    let create = |a: u32, l: i32| {
        vec![
            Item::enumeration(tag::OBJECT_TYPE, ot::SYMMETRIC_KEY),
            attrs(V1_4, vec![alg_attr(a), len_attr(l)]),
        ]
    };
    for (a, good, bad) in [
        (alg::IDEA, vec![128], vec![64]),
        (alg::BLOWFISH, vec![32, 128, 448], vec![24, 456]),
        (alg::CAMELLIA, vec![128, 192, 256], vec![160]),
        (alg::CAST5, vec![40, 128], vec![32, 136]),
        (alg::RC2, vec![8, 1024], vec![1032]),
        (alg::RC4, vec![40, 2048], vec![32]),
        (alg::RC5, vec![8, 2040], vec![2048]),
        (alg::SKIPJACK, vec![80], vec![128]),
        (alg::ARIA, vec![128, 192, 256], vec![64]),
        (alg::SEED, vec![128], vec![256]),
        (alg::TWOFISH, vec![128, 256], vec![64]),
        (alg::DES, vec![56, 64], vec![128]),
    ] {
        for l in good {
            let uid = uid_of(&c.ok(V1_4, CREATE, create(a, l)));
            let k = material(&mut c, V1_4, &uid);
            let bytes = if a == alg::DES { 8 } else { l as usize / 8 };
            assert_eq!(k.len(), bytes, "algorithm {a:#x}, {l} bits");
        }
        for l in bad {
            fails_with(
                &c.call(
                    V2_1,
                    CREATE,
                    vec![
                        Item::enumeration(tag::OBJECT_TYPE, ot::SYMMETRIC_KEY),
                        attrs(V2_1, vec![alg_attr(a), len_attr(l)]),
                    ],
                ),
                result_reason::INVALID_ATTRIBUTE_VALUE,
            );
        }
    }

    // A PGP Key registered is given back as registered.
    let pgp = Item::structure(
        tag::PGP_KEY,
        vec![
            Item::int(tag::PGP_KEY_VERSION, 4),
            Item::structure(
                tag::KEY_BLOCK,
                vec![
                    Item::enumeration(tag::KEY_FORMAT_TYPE, 1),
                    Item::structure(
                        tag::KEY_VALUE,
                        vec![Item::bytes(
                            tag::KEY_MATERIAL,
                            b"-----BEGIN PGP PUBLIC KEY BLOCK-----".to_vec(),
                        )],
                    ),
                    Item::enumeration(tag::CRYPTOGRAPHIC_ALGORITHM, alg::RSA),
                    Item::int(tag::CRYPTOGRAPHIC_LENGTH, 2048),
                ],
            ),
        ],
    );
    for v in [V1_4, V2_1] {
        let uid = uid_of(&c.ok(
            v,
            REGISTER,
            vec![
                Item::enumeration(tag::OBJECT_TYPE, ot::PGP_KEY),
                attrs(v, vec![]),
                pgp.clone(),
            ],
        ));
        let got = c.ok(v, GET, vec![uid_item(&uid)]);
        assert_eq!(
            got.child(tag::OBJECT_TYPE).and_then(Item::as_enum),
            Some(ot::PGP_KEY)
        );
        assert_eq!(got.child(tag::PGP_KEY), Some(&pgp));
    }
    // A PGP Key without its version is refused.
    fails_with(
        &c.call(
            V2_1,
            REGISTER,
            vec![
                Item::enumeration(tag::OBJECT_TYPE, ot::PGP_KEY),
                attrs(V2_1, vec![]),
                Item::structure(
                    tag::PGP_KEY,
                    vec![pgp.child(tag::KEY_BLOCK).expect("block").clone()],
                ),
            ],
        ),
        result_reason::MISSING_DATA,
    );
}

#[test]
fn message_extensions_critical_refused_others_ignored() {
    let server = TestServer::start();
    let creds = server.issue("app", "default");
    let mut c = Conn::connect(server.addr, &creds);
    for (critical, ok) in [(true, false), (false, true)] {
        let mut msg = request(V1_4, None, &[(CREATE, None, create_aes_v1(128))]);
        let ext = Item::structure(
            tag::MESSAGE_EXTENSION,
            vec![
                Item::text(tag::VENDOR_IDENTIFICATION, "Acme"),
                Item::boolean(tag::CRITICALITY_INDICATOR, critical),
                Item::structure(tag::VENDOR_EXTENSION, vec![Item::text(0x540001, "na")]),
            ],
        );
        if let Value::Structure(items) = &mut msg.value {
            if let Some(Value::Structure(bi)) = items.last_mut().map(|b| &mut b.value) {
                bi.push(ext);
            }
        }
        let bi = batch_items(&c.send(&msg)).into_iter().next().expect("item");
        if ok {
            assert_success(&bi);
        } else {
            fails_with(&bi, result_reason::FEATURE_NOT_SUPPORTED);
        }
    }
}

/// The Link targets of a 2.x object of one Link Type.
fn linked(c: &mut Conn, uid: &str, kind: u32) -> Vec<String> {
    links(c, V2_1, uid)
        .into_iter()
        .filter(|(t, _)| *t == kind)
        .map(|(_, u)| u)
        .collect()
}

#[test]
fn certify_recertify_and_validate_with_the_tenants_ca() {
    use rustls_pki_types::pem::PemObject;
    use x509_parser::prelude::{FromDer, X509Certificate};
    let server = TestServer::start();
    admin(&server.data(), &["tenant", "create", "blue"]);
    let creds = server.issue("app", "default");
    let mut c = Conn::connect(server.addr, &creds);
    let mut blue = Conn::connect(server.addr, &server.issue("blue-app", "blue"));
    let server_ca_der =
        rustls_pki_types::CertificateDer::from_pem_slice(&creds.ca_pem).expect("ca pem");
    let (_, server_ca) = X509Certificate::from_der(server_ca_der.as_ref()).expect("server ca");

    // A PKCS#10 request of the client's own key pair.
    let kp = rcgen::KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256).expect("key pair");
    let mut params = rcgen::CertificateParams::new(Vec::<String>::new()).expect("params");
    params
        .distinguished_name
        .push(rcgen::DnType::CommonName, "Client");
    params
        .distinguished_name
        .push(rcgen::DnType::OrganizationName, "ACME");
    let csr = params.serialize_request(&kp).expect("csr");
    let certify = |extra: Vec<Item>| {
        let mut p = vec![
            Item::enumeration(tag::CERTIFICATE_REQUEST_TYPE, 2),
            Item::bytes(tag::CERTIFICATE_REQUEST, csr.der().to_vec()),
        ];
        p.extend(extra);
        p
    };
    let cert_uid = uid_of(&c.ok(V2_1, CERTIFY, certify(vec![attrs(V2_1, vec![])])));
    let der = certificate_der(&mut c, &cert_uid);
    let (_, cert) = X509Certificate::from_der(&der).expect("x509");
    // Signed by the tenant's CA, made on first use: the certificate links to it; its private key
    // is a Sensitive object of the tenant.
    let ca_uid = linked(&mut c, &cert_uid, link_type::CERTIFICATE_LINK)
        .pop()
        .expect("a Certificate Link to the CA");
    let ca_der = certificate_der(&mut c, &ca_uid);
    let (_, ca) = X509Certificate::from_der(&ca_der).expect("ca");
    assert!(ca.is_ca() && ca.subject().to_string().contains("tenant default"));
    assert_eq!(cert.issuer(), ca.subject(), "issued by the tenant's CA");
    assert_ne!(ca.subject(), server_ca.subject());
    let ca_key = linked(&mut c, &ca_uid, link_type::PRIVATE_KEY_LINK)
        .pop()
        .expect("the CA's private key");
    fails_with(
        &c.call(V2_1, GET, vec![uid_item(&ca_key)]),
        result_reason::SENSITIVE,
    );
    fails_with(
        &c.call(V2_1, EXPORT, vec![uid_item(&ca_key)]),
        result_reason::SENSITIVE,
    );
    fails_with(
        &c.call(
            V2_1,
            SIGN,
            vec![
                uid_item(&ca_key),
                Item::structure(
                    tag::CRYPTOGRAPHIC_PARAMETERS,
                    vec![
                        Item::enumeration(tag::CRYPTOGRAPHIC_ALGORITHM, alg::ECDSA),
                        Item::enumeration(tag::HASHING_ALGORITHM, ha::SHA_256),
                    ],
                ),
                Item::bytes(tag::DATA, b"a forged certificate".to_vec()),
            ],
        ),
        result_reason::INCOMPATIBLE_CRYPTOGRAPHIC_USAGE_MASK,
    );
    // Another tenant's certificates come from its own CA.
    let blue_uid = uid_of(&blue.ok(V2_1, CERTIFY, certify(vec![attrs(V2_1, vec![])])));
    let blue_ca = linked(&mut blue, &blue_uid, link_type::CERTIFICATE_LINK)
        .pop()
        .expect("blue's CA");
    let blue_ca_der = certificate_der(&mut blue, &blue_ca);
    assert_ne!(blue_ca_der, ca_der);
    fails_with(
        &c.call(V2_1, GET, vec![uid_item(&blue_ca)]),
        result_reason::OBJECT_NOT_FOUND,
    );
    assert!(cert.subject().to_string().contains("CN=Client"));
    assert_eq!(cert.public_key().raw, kp.public_key_der().as_slice());
    cert.verify_signature(Some(ca.public_key()))
        .expect("signed by the CA");
    // A 1.4 client gets the same with PKCS#10, from the same CA.
    let c14 = uid_of(&c.ok(V1_4, CERTIFY, certify(vec![attrs(V1_4, vec![])])));
    assert_eq!(
        linked(&mut c, &c14, link_type::CERTIFICATE_LINK),
        vec![ca_uid.clone()]
    );
    // A request whose signature does not verify is refused.
    let mut bad = csr.der().to_vec();
    let n = bad.len();
    bad[n - 3] ^= 1;
    fails_with(
        &c.call(
            V2_1,
            CERTIFY,
            vec![
                Item::enumeration(tag::CERTIFICATE_REQUEST_TYPE, 2),
                Item::bytes(tag::CERTIFICATE_REQUEST, bad),
                attrs(V2_1, vec![]),
            ],
        ),
        result_reason::INVALID_FIELD,
    );

    // A registered public key certified by identifier: links both ways.
    let pk = uid_of(&c.ok(
        V2_1,
        REGISTER,
        vec![
            Item::enumeration(tag::OBJECT_TYPE, ot::PUBLIC_KEY),
            attrs(V2_1, vec![]),
            Item::structure(
                tag::PUBLIC_KEY,
                vec![Item::structure(
                    tag::KEY_BLOCK,
                    vec![
                        Item::enumeration(tag::KEY_FORMAT_TYPE, 5),
                        Item::structure(
                            tag::KEY_VALUE,
                            vec![Item::bytes(tag::KEY_MATERIAL, kp.public_key_der())],
                        ),
                        Item::enumeration(tag::CRYPTOGRAPHIC_ALGORITHM, alg::EC),
                        Item::int(tag::CRYPTOGRAPHIC_LENGTH, 256),
                    ],
                )],
            ),
        ],
    ));
    let c2 = uid_of(&c.ok(V2_1, CERTIFY, vec![uid_item(&pk), attrs(V2_1, vec![])]));
    assert_eq!(
        linked(&mut c, &c2, link_type::PUBLIC_KEY_LINK),
        vec![pk.clone()]
    );
    assert_eq!(
        linked(&mut c, &pk, link_type::CERTIFICATE_LINK),
        vec![c2.clone()]
    );
    // Re-certify: a new certificate of the same key, replacing the old one.
    let c3 = uid_of(&c.ok(V2_1, RE_CERTIFY, vec![uid_item(&c2), attrs(V2_1, vec![])]));
    assert_ne!(c3, c2);
    assert_eq!(
        linked(&mut c, &c3, link_type::REPLACED_OBJECT_LINK),
        vec![c2.clone()]
    );
    assert_eq!(
        linked(&mut c, &c2, link_type::REPLACEMENT_OBJECT_LINK),
        vec![c3.clone()]
    );
    assert_eq!(
        linked(&mut c, &c3, link_type::PUBLIC_KEY_LINK),
        vec![pk.clone()]
    );
    // Certify of something that is not a public key.
    let sym = register(&mut c, V2_1, Some(alg::AES), &[1u8; 16], 4);
    fails_with(
        &c.call(V2_1, CERTIFY, vec![uid_item(&sym), attrs(V2_1, vec![])]),
        result_reason::INVALID_OBJECT_TYPE,
    );

    // Validate: the certificate with the server's CA is Valid (named or sent with the CA);
    // after its end, Invalid; a self-signed certificate of another issuer alone: Valid (its own
    // anchor); a certificate whose issuer is absent: Unknown.
    let validity = |c: &mut Conn, p: Vec<Item>| {
        c.ok(V2_1, VALIDATE, p)
            .child(tag::VALIDITY_INDICATOR)
            .and_then(Item::as_enum)
            .expect("indicator")
    };
    let cert_item = |d: &[u8]| {
        Item::structure(
            tag::CERTIFICATE,
            vec![
                Item::enumeration(tag::CERTIFICATE_TYPE, 1),
                Item::bytes(tag::CERTIFICATE_VALUE, d.to_vec()),
            ],
        )
    };
    assert_eq!(validity(&mut c, vec![uid_item(&cert_uid)]), 1);
    assert_eq!(
        validity(
            &mut c,
            vec![cert_item(ca_der.as_ref()), uid_item(&cert_uid)]
        ),
        1
    );
    // A certificate the server's CA issued before (the client's own) still validates.
    let own = rustls_pki_types::CertificateDer::from_pem_slice(&creds.cert_pem).expect("pem");
    assert_eq!(validity(&mut c, vec![cert_item(own.as_ref())]), 1);
    // Another tenant's CA is no anchor here.
    assert_eq!(
        validity(
            &mut c,
            vec![cert_item(&certificate_der(&mut blue, &blue_uid))]
        ),
        3
    );
    assert_eq!(
        validity(
            &mut c,
            vec![
                uid_item(&cert_uid),
                Item::datetime(tag::VALIDITY_DATE, now() + 400 * 86_400)
            ]
        ),
        2
    );
    let other_ca_kp = rcgen::KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256).expect("kp");
    let mut op = rcgen::CertificateParams::new(Vec::<String>::new()).expect("params");
    op.distinguished_name
        .push(rcgen::DnType::CommonName, "Other CA");
    op.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
    let other_ca = op.clone().self_signed(&other_ca_kp).expect("self-signed");
    assert_eq!(validity(&mut c, vec![cert_item(other_ca.der())]), 1);
    let leaf_kp = rcgen::KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256).expect("kp");
    let mut lp = rcgen::CertificateParams::new(Vec::<String>::new()).expect("params");
    lp.distinguished_name
        .push(rcgen::DnType::CommonName, "Leaf");
    let leaf = lp
        .signed_by(&leaf_kp, &other_ca, &other_ca_kp)
        .expect("leaf");
    assert_eq!(validity(&mut c, vec![cert_item(leaf.der())]), 3);
    assert_eq!(
        validity(
            &mut c,
            vec![cert_item(leaf.der()), cert_item(other_ca.der())]
        ),
        1
    );
    // The leaf presented with the wrong issuer's certificate of the same name: Invalid.
    let impostor_kp = rcgen::KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256).expect("kp");
    let impostor = op.self_signed(&impostor_kp).expect("self-signed");
    assert_eq!(
        validity(
            &mut c,
            vec![cert_item(leaf.der()), cert_item(impostor.der())]
        ),
        2
    );
}

#[test]
fn import_export_and_object_groups() {
    let server = TestServer::start();
    let creds = server.issue("app", "default");
    let mut c = Conn::connect(server.addr, &creds);
    let key = h("000102030405060708090a0b0c0d0e0f");
    let sym = |k: &[u8]| {
        Item::structure(
            tag::SYMMETRIC_KEY,
            vec![Item::structure(
                tag::KEY_BLOCK,
                vec![
                    Item::enumeration(tag::KEY_FORMAT_TYPE, 1),
                    Item::structure(
                        tag::KEY_VALUE,
                        vec![Item::bytes(tag::KEY_MATERIAL, k.to_vec())],
                    ),
                    Item::enumeration(tag::CRYPTOGRAPHIC_ALGORITHM, alg::AES),
                    Item::int(tag::CRYPTOGRAPHIC_LENGTH, 128),
                ],
            )],
        )
    };
    let import = |uid: &str, k: &[u8], replace: Option<bool>| {
        let mut p = vec![
            uid_item(uid),
            Item::enumeration(tag::OBJECT_TYPE, ot::SYMMETRIC_KEY),
        ];
        if let Some(r) = replace {
            p.push(Item::boolean(tag::REPLACE_EXISTING, r));
        }
        p.push(Item::structure(
            tag::ATTRIBUTES,
            vec![
                Item::enumeration(tag::STATE, 2),
                Item::int(tag::CRYPTOGRAPHIC_USAGE_MASK, 12),
                Item::structure(
                    tag::NAME,
                    vec![
                        Item::text(tag::NAME_VALUE, "imported"),
                        Item::enumeration(tag::NAME_TYPE, 1),
                    ],
                ),
            ],
        ));
        p.push(sym(k));
        p
    };
    // Import keeps the identifier and the State given (Active), and Get serves the key.
    assert_eq!(
        uid_of(&c.ok(V2_1, IMPORT, import("ext-key-1", &key, None))),
        "ext-key-1"
    );
    assert_eq!(material(&mut c, V2_1, "ext-key-1"), key);
    // Again: Object Already Exists, unless Replace Existing.
    fails_with(
        &c.call(V2_1, IMPORT, import("ext-key-1", &key, Some(false))),
        result_reason::OBJECT_ALREADY_EXISTS,
    );
    let key2 = h("ffeeddccbbaa99887766554433221100");
    c.ok(V2_1, IMPORT, import("ext-key-1", &key2, Some(true)));
    // Export: the object and all of its attributes, the State imported included.
    let e = c.ok(V2_1, EXPORT, vec![uid_item("ext-key-1")]);
    let a = e.child(tag::ATTRIBUTES).expect("attributes");
    assert_eq!(a.child(tag::STATE).and_then(Item::as_enum), Some(2));
    assert_eq!(
        a.child(tag::CRYPTOGRAPHIC_USAGE_MASK)
            .and_then(Item::as_int),
        Some(12)
    );
    let km = e
        .child(tag::SYMMETRIC_KEY)
        .and_then(|s| s.child(tag::KEY_BLOCK))
        .and_then(|b| b.child(tag::KEY_VALUE))
        .and_then(|v| v.child(tag::KEY_MATERIAL))
        .and_then(Item::as_bytes)
        .expect("key material");
    assert_eq!(km, &key2[..]);
    // The Export round-trips through Import under a new identifier.
    let mut p = vec![
        uid_item("ext-key-2"),
        Item::enumeration(tag::OBJECT_TYPE, ot::SYMMETRIC_KEY),
    ];
    p.push(a.clone());
    p.push(e.child(tag::SYMMETRIC_KEY).expect("key").clone());
    c.ok(V2_1, IMPORT, p);
    assert_eq!(material(&mut c, V2_1, "ext-key-2"), key2);

    // Object groups: two keys in group G, one in no group.
    let create_in = |c: &mut Conn, group: Option<&str>| {
        let mut a = vec![alg_attr(alg::AES), len_attr(128)];
        if let Some(g) = group {
            a.push(("Object Group", Item::text(tag::OBJECT_GROUP, g)));
        }
        uid_of(&c.ok(
            V2_1,
            CREATE,
            vec![
                Item::enumeration(tag::OBJECT_TYPE, ot::SYMMETRIC_KEY),
                attrs(V2_1, a),
            ],
        ))
    };
    let g1 = create_in(&mut c, Some("G"));
    let g2 = create_in(&mut c, Some("G"));
    let nog = create_in(&mut c, None);
    let locate = |c: &mut Conn, group: Option<&str>, member: Option<u32>| -> Vec<String> {
        let mut a = vec![Item::enumeration(tag::OBJECT_TYPE, ot::SYMMETRIC_KEY)];
        if let Some(g) = group {
            a.push(Item::text(tag::OBJECT_GROUP, g));
        }
        let mut p = vec![Item::structure(tag::ATTRIBUTES, a)];
        if let Some(m) = member {
            p.push(Item::enumeration(tag::OBJECT_GROUP_MEMBER, m));
        }
        c.ok(V2_1, LOCATE, p)
            .children(tag::UNIQUE_IDENTIFIER)
            .map(|i| i.as_text().expect("text").to_owned())
            .collect()
    };
    let mut all_g = locate(&mut c, Some("G"), None);
    all_g.sort();
    let mut want = vec![g1.clone(), g2.clone()];
    want.sort();
    assert_eq!(all_g, want);
    // Fresh: both until one is served by Get.
    assert_eq!(locate(&mut c, Some("G"), Some(1)).len(), 2);
    c.ok(V2_1, GET, vec![uid_item(&g1)]);
    assert_eq!(locate(&mut c, Some("G"), Some(1)), vec![g2.clone()]);
    // Default: one object of the group.
    let d = locate(&mut c, Some("G"), Some(2));
    assert_eq!(d.len(), 1);
    assert!(want.contains(&d[0]));
    // No group named: the server's default group, the objects in no group.
    let fresh_default = locate(&mut c, None, Some(1));
    assert!(fresh_default.contains(&nog));
    assert!(!fresh_default.contains(&g2));
}

#[test]
fn key_wrapping_with_attributes_and_the_encoding_option_echoed() {
    let server = TestServer::start();
    let creds = server.issue("app", "default");
    let mut c = Conn::connect(server.addr, &creds);
    let v = V1_4;
    let kek = register(
        &mut c,
        v,
        Some(alg::AES),
        &h("000102030405060708090a0b0c0d0e0f"),
        0x10 | 0x20,
    );
    let key = h("00112233445566778899aabbccddeeff");
    let target = register(&mut c, v, Some(alg::AES), &key, 4 | 8);
    let spec = |encoding: u32, names: &[&str]| {
        let mut s = vec![
            Item::enumeration(tag::WRAPPING_METHOD, 1),
            Item::structure(
                tag::ENCRYPTION_KEY_INFORMATION,
                vec![
                    uid_item(&kek),
                    crypto_params(vec![Item::enumeration(
                        tag::BLOCK_CIPHER_MODE,
                        bcm::NISTKEYWRAP,
                    )]),
                ],
            ),
        ];
        s.extend(names.iter().map(|n| Item::text(tag::ATTRIBUTE_NAME, *n)));
        s.push(Item::enumeration(tag::ENCODING_OPTION, encoding));
        Item::structure(tag::KEY_WRAPPING_SPECIFICATION, s)
    };
    // TTLV Encoding with the usage mask wrapped in: the Encoding Option comes back.
    let got = c.ok(
        v,
        GET,
        vec![uid_item(&target), spec(2, &["Cryptographic Usage Mask"])],
    );
    let block = got
        .child(tag::SYMMETRIC_KEY)
        .and_then(|s| s.child(tag::KEY_BLOCK))
        .expect("block")
        .clone();
    let kwd = block
        .child(tag::KEY_WRAPPING_DATA)
        .expect("key wrapping data");
    assert_eq!(
        kwd.child(tag::ENCODING_OPTION).and_then(Item::as_enum),
        Some(2)
    );
    let wrapped = block
        .child(tag::KEY_VALUE)
        .and_then(Item::as_bytes)
        .expect("wrapped")
        .to_vec();
    // The wrapped Key Value opens (with the wrapping key) to Key Material and the attribute.
    let plain =
        keyhaven::crypto::keywrap::unwrap(&h("000102030405060708090a0b0c0d0e0f"), &wrapped, false)
            .expect("unwrap");
    let kv = keyhaven_ttlv::decode(&plain, &keyhaven_ttlv::Limits::default()).expect("ttlv");
    assert_eq!(kv.tag, tag::KEY_VALUE);
    assert_eq!(
        kv.child(tag::KEY_MATERIAL).and_then(Item::as_bytes),
        Some(&key[..])
    );
    let mask = kv.children(tag::ATTRIBUTE).find(|a| {
        a.child(tag::ATTRIBUTE_NAME).and_then(Item::as_text) == Some("Cryptographic Usage Mask")
    });
    assert_eq!(
        mask.and_then(|a| a.child(tag::ATTRIBUTE_VALUE))
            .and_then(Item::as_int),
        Some(12)
    );
    // Registered back, the wrapped key is the same key.
    let again = uid_of(&c.ok(
        v,
        REGISTER,
        vec![
            Item::enumeration(tag::OBJECT_TYPE, ot::SYMMETRIC_KEY),
            attrs(v, vec![]),
            Item::structure(tag::SYMMETRIC_KEY, vec![block]),
        ],
    ));
    assert_eq!(material(&mut c, v, &again), key);
    // No Encoding echoes too; attributes need TTLV Encoding (Encoding Option Error).
    let got = c.ok(v, GET, vec![uid_item(&target), spec(1, &[])]);
    let kwd = got
        .child(tag::SYMMETRIC_KEY)
        .and_then(|s| s.child(tag::KEY_BLOCK))
        .and_then(|b| b.child(tag::KEY_WRAPPING_DATA))
        .expect("kwd");
    assert_eq!(
        kwd.child(tag::ENCODING_OPTION).and_then(Item::as_enum),
        Some(1)
    );
    fails_with(
        &c.call(v, GET, vec![uid_item(&target), spec(1, &["Name"])]),
        result_reason::ENCODING_OPTION_ERROR,
    );
}

#[test]
fn quantum_safe_keys_only_when_asked() {
    let server = TestServer::start();
    let creds = server.issue("app", "default");
    let mut c = Conn::connect(server.addr, &creds);
    let create = |bits: i32, qs: bool| {
        vec![
            Item::enumeration(tag::OBJECT_TYPE, ot::SYMMETRIC_KEY),
            attrs(
                V2_1,
                vec![
                    alg_attr(alg::AES),
                    len_attr(bits),
                    ("Quantum Safe", Item::boolean(tag::QUANTUM_SAFE, qs)),
                ],
            ),
        ]
    };
    let bi = c.call(V2_1, CREATE, create(128, true));
    fails_with(&bi, result_reason::GENERAL_FAILURE);
    assert!(bi
        .child(tag::RESULT_MESSAGE)
        .and_then(Item::as_text)
        .is_some_and(|m| m.starts_with("NOT_SAFE")));
    c.ok(V2_1, CREATE, create(256, true));
    c.ok(V2_1, CREATE, create(128, false));
}

#[test]
fn asynchronous_requests_pending_poll_cancel_and_query() {
    let server = TestServer::start();
    let creds = server.issue("app", "default");
    let mut c = Conn::connect(server.addr, &creds);
    let other_creds = server.issue("other", "default");
    let mut other = Conn::connect(server.addr, &other_creds);
    let async_header = vec![Item::boolean(tag::ASYNCHRONOUS_INDICATOR, true)];
    let create = vec![
        Item::enumeration(tag::OBJECT_TYPE, ot::SYMMETRIC_KEY),
        attrs(V2_1, vec![alg_attr(alg::AES), len_attr(128)]),
    ];
    // Operation Pending with a correlation value, and nothing created yet.
    let bi = call_with(&mut c, async_header.clone(), CREATE, create.clone());
    assert_eq!(result_status(&bi), 2, "Operation Pending");
    assert!(bi.child(tag::RESPONSE_PAYLOAD).is_none());
    let corr = bi
        .child(tag::ASYNCHRONOUS_CORRELATION_VALUE)
        .and_then(Item::as_bytes)
        .expect("correlation")
        .to_vec();
    let count = |c: &mut Conn| {
        c.ok(V2_1, LOCATE, vec![])
            .children(tag::UNIQUE_IDENTIFIER)
            .count()
    };
    assert_eq!(count(&mut c), 0);
    // Query Asynchronous Requests lists it; another client sees nothing and cannot poll it.
    let q = c.ok(V2_1, QUERY_ASYNCHRONOUS_REQUESTS, vec![]);
    let reqs: Vec<&Item> = q.children(tag::ASYNCHRONOUS_REQUEST).collect();
    assert_eq!(reqs.len(), 1);
    assert_eq!(
        reqs[0].child(tag::OPERATION).and_then(Item::as_enum),
        Some(CREATE)
    );
    assert_eq!(
        reqs[0]
            .child(tag::ASYNCHRONOUS_CORRELATION_VALUE)
            .and_then(Item::as_bytes),
        Some(&corr[..])
    );
    assert_eq!(
        other
            .ok(V2_1, QUERY_ASYNCHRONOUS_REQUESTS, vec![])
            .items()
            .len(),
        0
    );
    let poll = vec![Item::bytes(
        tag::ASYNCHRONOUS_CORRELATION_VALUE,
        corr.clone(),
    )];
    fails_with(
        &other.call(V2_1, POLL, poll.clone()),
        result_reason::INVALID_ASYNCHRONOUS_CORRELATION_VALUE,
    );
    // Process accepts it; Poll answers as Create would have, under Create.
    c.ok(V2_1, PROCESS, poll.clone());
    let bi = c.call(V2_1, POLL, poll.clone());
    assert_success(&bi);
    assert_eq!(
        bi.child(tag::OPERATION).and_then(Item::as_enum),
        Some(CREATE)
    );
    let uid = uid_of(bi.child(tag::RESPONSE_PAYLOAD).expect("payload"));
    assert_eq!(count(&mut c), 1);
    c.ok(V2_1, GET, vec![uid_item(&uid)]);
    // Polled once: gone.
    fails_with(
        &c.call(V2_1, POLL, poll),
        result_reason::INVALID_ASYNCHRONOUS_CORRELATION_VALUE,
    );
    // Cancel: Canceled, and the request never runs.
    let bi = call_with(&mut c, async_header, CREATE, create);
    let corr = bi
        .child(tag::ASYNCHRONOUS_CORRELATION_VALUE)
        .and_then(Item::as_bytes)
        .expect("correlation")
        .to_vec();
    let p = c.ok(
        V2_1,
        CANCEL,
        vec![Item::bytes(
            tag::ASYNCHRONOUS_CORRELATION_VALUE,
            corr.clone(),
        )],
    );
    assert_eq!(
        p.child(tag::CANCELLATION_RESULT).and_then(Item::as_enum),
        Some(1)
    );
    assert_eq!(
        p.child(tag::ASYNCHRONOUS_CORRELATION_VALUE)
            .and_then(Item::as_bytes),
        Some(&corr[..])
    );
    assert_eq!(count(&mut c), 1);
    fails_with(
        &c.call(
            V2_1,
            POLL,
            vec![Item::bytes(tag::ASYNCHRONOUS_CORRELATION_VALUE, corr)],
        ),
        result_reason::INVALID_ASYNCHRONOUS_CORRELATION_VALUE,
    );
    // 1.x: Item Not Found for an unknown correlation value.
    fails_with(
        &c.call(
            V1_4,
            POLL,
            vec![Item::bytes(
                tag::ASYNCHRONOUS_CORRELATION_VALUE,
                vec![1, 2, 3],
            )],
        ),
        result_reason::ITEM_NOT_FOUND,
    );

    // Set Endpoint Role: Server accepted and echoed, Client refused.
    let p = c.ok(
        V2_1,
        SET_ENDPOINT_ROLE,
        vec![Item::enumeration(tag::ENDPOINT_ROLE, 2)],
    );
    assert_eq!(p.child(tag::ENDPOINT_ROLE).and_then(Item::as_enum), Some(2));
    fails_with(
        &c.call(
            V2_1,
            SET_ENDPOINT_ROLE,
            vec![Item::enumeration(tag::ENDPOINT_ROLE, 1)],
        ),
        result_reason::FEATURE_NOT_SUPPORTED,
    );
}

#[test]
fn keys_wrapped_by_a_key_the_server_lacks_are_stored_as_given() {
    let server = TestServer::start();
    let creds = server.issue("app", "default");
    let mut c = Conn::connect(server.addr, &creds);
    let wrapped = h("1fa68b0a8112b447aef34bd8fb5a7b829d3e862371d2cfe5");
    let key = Item::structure(
        tag::SYMMETRIC_KEY,
        vec![Item::structure(
            tag::KEY_BLOCK,
            vec![
                Item::enumeration(tag::KEY_FORMAT_TYPE, 1),
                Item::bytes(tag::KEY_VALUE, wrapped.clone()),
                Item::enumeration(tag::CRYPTOGRAPHIC_ALGORITHM, alg::AES),
                Item::int(tag::CRYPTOGRAPHIC_LENGTH, 128),
                Item::structure(
                    tag::KEY_WRAPPING_DATA,
                    vec![
                        Item::enumeration(tag::WRAPPING_METHOD, 1),
                        Item::structure(
                            tag::ENCRYPTION_KEY_INFORMATION,
                            vec![uid_item("kek-held-elsewhere")],
                        ),
                    ],
                ),
            ],
        )],
    );
    for v in [V1_4, V2_1] {
        let uid = uid_of(&c.ok(
            v,
            REGISTER,
            vec![
                Item::enumeration(tag::OBJECT_TYPE, ot::SYMMETRIC_KEY),
                attrs(
                    v,
                    vec![
                        mask_attr(4 | 8),
                        (
                            "Activation Date",
                            Item::datetime(tag::ACTIVATION_DATE, now() - 60),
                        ),
                    ],
                ),
                key.clone(),
            ],
        ));
        // Given back exactly as registered, still wrapped.
        let got = c.ok(v, GET, vec![uid_item(&uid)]);
        assert_eq!(got.child(tag::SYMMETRIC_KEY), Some(&key));
        // The server has no plaintext to use or convert.
        fails_with(
            &c.call(
                v,
                ENCRYPT,
                vec![
                    uid_item(&uid),
                    crypto_params(vec![Item::enumeration(tag::BLOCK_CIPHER_MODE, bcm::ECB)]),
                    Item::bytes(tag::DATA, vec![0; 16]),
                ],
            ),
            result_reason::KEY_VALUE_NOT_PRESENT,
        );
        fails_with(
            &c.call(
                v,
                GET,
                vec![uid_item(&uid), Item::enumeration(tag::KEY_FORMAT_TYPE, 7)],
            ),
            result_reason::KEY_VALUE_NOT_PRESENT,
        );
    }
}

/// The Attributes (2.1) of an object, read with Get Attributes.
fn attributes_of(c: &mut Conn, uid: &str) -> Item {
    c.ok(V2_1, GET_ATTRIBUTES, vec![uid_item(uid)])
        .child(tag::ATTRIBUTES)
        .expect("attributes")
        .clone()
}

/// An Object Defaults or Constraint structure for symmetric keys.
fn for_symmetric_keys(outer: u32, attributes: Vec<Item>) -> Item {
    Item::structure(
        outer,
        vec![
            Item::structure(
                tag::OBJECT_TYPES,
                vec![Item::enumeration(tag::OBJECT_TYPE, ot::SYMMETRIC_KEY)],
            ),
            Item::structure(tag::ATTRIBUTES, attributes),
        ],
    )
}

#[test]
fn defaults_and_constraints_are_the_tenants_and_apply_to_new_objects() {
    let server = TestServer::start();
    admin(&server.data(), &["tenant", "create", "blue"]);
    let creds = server.issue("app", "default");
    let blue_creds = server.issue("blue-app", "blue");
    let mut c = Conn::connect(server.addr, &creds);
    let mut blue = Conn::connect(server.addr, &blue_creds);
    let create = |c: &mut Conn, v: ProtocolVersion, a: Vec<(&str, Item)>| {
        c.call(
            v,
            CREATE,
            vec![
                Item::enumeration(tag::OBJECT_TYPE, ot::SYMMETRIC_KEY),
                attrs(v, a),
            ],
        )
    };

    // Nothing set: Get Constraints answers an empty Constraints; Create needs its algorithm.
    let p = c.ok(V2_1, GET_CONSTRAINTS, vec![]);
    assert_eq!(p.child(tag::CONSTRAINTS).map(|c| c.items().len()), Some(0));
    fails_with(&create(&mut c, V2_1, vec![]), result_reason::MISSING_DATA);

    // Set Defaults: AES-256 for Encrypt and Decrypt.
    let info = Item::structure(
        tag::DEFAULTS_INFORMATION,
        vec![for_symmetric_keys(
            tag::OBJECT_DEFAULTS,
            vec![
                Item::enumeration(tag::CRYPTOGRAPHIC_ALGORITHM, alg::AES),
                Item::int(tag::CRYPTOGRAPHIC_LENGTH, 256),
                Item::int(tag::CRYPTOGRAPHIC_USAGE_MASK, 4 | 8),
            ],
        )],
    );
    let p = c.ok(V2_1, SET_DEFAULTS, vec![info]);
    assert!(p.items().is_empty());
    // A 2.1 and a 1.4 client of the tenant get the defaults for what they leave out.
    let uid = uid_of(&c.ok(
        V2_1,
        CREATE,
        vec![
            Item::enumeration(tag::OBJECT_TYPE, ot::SYMMETRIC_KEY),
            attrs(V2_1, vec![]),
        ],
    ));
    let a = attributes_of(&mut c, &uid);
    assert_eq!(
        a.child(tag::CRYPTOGRAPHIC_ALGORITHM)
            .and_then(Item::as_enum),
        Some(alg::AES)
    );
    assert_eq!(
        a.child(tag::CRYPTOGRAPHIC_LENGTH).and_then(Item::as_int),
        Some(256)
    );
    assert_eq!(
        a.child(tag::CRYPTOGRAPHIC_USAGE_MASK)
            .and_then(Item::as_int),
        Some(12)
    );
    assert_eq!(material(&mut c, V2_1, &uid).len(), 32);
    let uid14 = uid_of(
        &create(&mut c, V1_4, vec![len_attr(128)])
            .child(tag::RESPONSE_PAYLOAD)
            .expect("payload")
            .clone(),
    );
    assert_eq!(
        material(&mut c, V1_4, &uid14).len(),
        16,
        "the client's length wins"
    );
    // Query Defaults Information tells them; another tenant has none.
    let q = c.ok(
        V2_1,
        QUERY,
        vec![Item::enumeration(tag::QUERY_FUNCTION, 0x0D)],
    );
    let od = q
        .child(tag::DEFAULTS_INFORMATION)
        .and_then(|d| d.child(tag::OBJECT_DEFAULTS))
        .expect("Object Defaults");
    assert_eq!(
        od.child(tag::ATTRIBUTES)
            .and_then(|a| a.child(tag::CRYPTOGRAPHIC_LENGTH))
            .and_then(Item::as_int),
        Some(256)
    );
    // Derive Key takes the defaults too: RFC 4231 case 1 as an AES-256 key, its length from them.
    let hk = register(&mut c, V2_1, Some(alg::HMAC_SHA256), &[0x0b; 20], DERIVE);
    let d = uid_of(&c.ok(
        V2_1,
        DERIVE_KEY,
        derive(
            V2_1,
            ot::SYMMETRIC_KEY,
            &[&hk],
            dm::HMAC,
            vec![Item::bytes(tag::DERIVATION_DATA, b"Hi There".to_vec())],
            vec![],
        ),
    ));
    assert_eq!(
        material(&mut c, V2_1, &d),
        h("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")
    );
    let q = blue.ok(
        V2_1,
        QUERY,
        vec![Item::enumeration(tag::QUERY_FUNCTION, 0x0D)],
    );
    assert!(q.child(tag::DEFAULTS_INFORMATION).is_none());
    fails_with(
        &create(&mut blue, V2_1, vec![]),
        result_reason::MISSING_DATA,
    );

    // Set Constraints: symmetric keys of 256 bits only.
    let constraints = Item::structure(
        tag::CONSTRAINTS,
        vec![for_symmetric_keys(
            tag::CONSTRAINT,
            vec![Item::int(tag::CRYPTOGRAPHIC_LENGTH, 256)],
        )],
    );
    c.ok(V2_1, SET_CONSTRAINTS, vec![constraints]);
    let got = c.ok(V2_1, GET_CONSTRAINTS, vec![]);
    let one = got
        .child(tag::CONSTRAINTS)
        .and_then(|c| c.child(tag::CONSTRAINT))
        .expect("a Constraint");
    assert_eq!(
        one.child(tag::ATTRIBUTES)
            .and_then(|a| a.child(tag::CRYPTOGRAPHIC_LENGTH))
            .and_then(Item::as_int),
        Some(256)
    );
    // Refused before any work, with the spec's reason (2.1) or Permission Denied (1.x, 2.0).
    fails_with(
        &create(&mut c, V2_1, vec![alg_attr(alg::AES), len_attr(128)]),
        0x4B,
    );
    fails_with(
        &create(&mut c, V1_4, vec![alg_attr(alg::AES), len_attr(128)]),
        result_reason::PERMISSION_DENIED,
    );
    fails_with(
        &create(&mut c, V2_0, vec![alg_attr(alg::AES), len_attr(192)]),
        result_reason::PERMISSION_DENIED,
    );
    // A Register is judged on the key it brings (the Key Block's length), after the defaults.
    let register_bi = |c: &mut Conn, key: Vec<u8>| {
        let block = Item::structure(
            tag::KEY_BLOCK,
            vec![
                Item::enumeration(tag::KEY_FORMAT_TYPE, 1),
                Item::structure(
                    tag::KEY_VALUE,
                    vec![Item::bytes(tag::KEY_MATERIAL, key.clone())],
                ),
                Item::enumeration(tag::CRYPTOGRAPHIC_ALGORITHM, alg::AES),
                Item::int(tag::CRYPTOGRAPHIC_LENGTH, (key.len() * 8) as i32),
            ],
        );
        c.call(
            V2_1,
            REGISTER,
            vec![
                Item::enumeration(tag::OBJECT_TYPE, ot::SYMMETRIC_KEY),
                attrs(V2_1, vec![]),
                Item::structure(tag::SYMMETRIC_KEY, vec![block]),
            ],
        )
    };
    fails_with(&register_bi(&mut c, vec![7; 16]), 0x4B);
    assert_success(&register_bi(&mut c, vec![7; 32]));
    // Within the constraint, and with the defaults: made.
    assert_success(&create(&mut c, V2_1, vec![]));
    // Objects of other types, and other tenants, are not bound.
    register(&mut c, V2_1, None, b"not a key, some secret", 0);
    assert_success(&create(
        &mut blue,
        V2_1,
        vec![alg_attr(alg::AES), len_attr(128)],
    ));
    let p = blue.ok(V2_1, GET_CONSTRAINTS, vec![]);
    assert_eq!(p.child(tag::CONSTRAINTS).map(|c| c.items().len()), Some(0));

    // Errors the spec lists: an unknown Object Type, a missing Constraints, and versions before
    // 2.1 do not have the operations.
    let bad = Item::structure(
        tag::DEFAULTS_INFORMATION,
        vec![Item::structure(
            tag::OBJECT_DEFAULTS,
            vec![
                Item::enumeration(tag::OBJECT_TYPE, 0x7777),
                Item::structure(tag::ATTRIBUTES, vec![]),
            ],
        )],
    );
    fails_with(
        &c.call(V2_1, SET_DEFAULTS, vec![bad]),
        result_reason::INVALID_OBJECT_TYPE,
    );
    fails_with(
        &c.call(V2_1, SET_CONSTRAINTS, vec![]),
        result_reason::MISSING_DATA,
    );
    for v in [V2_0, V1_4] {
        for o in [SET_DEFAULTS, SET_CONSTRAINTS, GET_CONSTRAINTS] {
            fails_with(
                &c.call(v, o, vec![]),
                result_reason::OPERATION_NOT_SUPPORTED,
            );
        }
    }

    // Create Key Pair: both keys are judged before either is stored.
    c.ok(
        V2_1,
        SET_CONSTRAINTS,
        vec![Item::structure(
            tag::CONSTRAINTS,
            vec![Item::structure(
                tag::CONSTRAINT,
                vec![
                    Item::structure(
                        tag::OBJECT_TYPES,
                        vec![Item::enumeration(tag::OBJECT_TYPE, ot::PUBLIC_KEY)],
                    ),
                    Item::structure(tag::ATTRIBUTES, vec![Item::text(tag::OBJECT_GROUP, "pki")]),
                ],
            )],
        )],
    );
    let key_pair = |public: Vec<Item>| {
        vec![
            Item::structure(
                tag::COMMON_ATTRIBUTES,
                vec![
                    Item::enumeration(tag::CRYPTOGRAPHIC_ALGORITHM, alg::EC),
                    Item::int(tag::CRYPTOGRAPHIC_LENGTH, 256),
                ],
            ),
            Item::structure(tag::PRIVATE_KEY_ATTRIBUTES, vec![]),
            Item::structure(tag::PUBLIC_KEY_ATTRIBUTES, public),
        ]
    };
    let private_keys = |c: &mut Conn| {
        c.ok(
            V2_1,
            LOCATE,
            vec![Item::structure(
                tag::ATTRIBUTES,
                vec![Item::enumeration(tag::OBJECT_TYPE, ot::PRIVATE_KEY)],
            )],
        )
        .children(tag::UNIQUE_IDENTIFIER)
        .count()
    };
    fails_with(&c.call(V2_1, CREATE_KEY_PAIR, key_pair(vec![])), 0x4B);
    assert_eq!(private_keys(&mut c), 0, "no private key left behind");
    c.ok(
        V2_1,
        CREATE_KEY_PAIR,
        key_pair(vec![Item::text(tag::OBJECT_GROUP, "pki")]),
    );
    assert_eq!(private_keys(&mut c), 1);

    // An empty Constraints and no Defaults Information remove them.
    c.ok(
        V2_1,
        SET_CONSTRAINTS,
        vec![Item::structure(tag::CONSTRAINTS, vec![])],
    );
    assert_success(&create(
        &mut c,
        V2_1,
        vec![alg_attr(alg::AES), len_attr(128)],
    ));
    c.ok(V2_1, SET_DEFAULTS, vec![]);
    fails_with(&create(&mut c, V2_1, vec![]), result_reason::MISSING_DATA);
}

/// A Creds of `cert_der` and `key_pem`, trusting the same server CA as `like`.
fn creds_of(like: &Creds, cert_der: &[u8], key_pem: &[u8]) -> Creds {
    let pem = keyhaven::pki::der_to_pem(cert_der);
    Creds {
        cert_pem: pem.into_bytes(),
        key_pem: key_pem.to_vec(),
        ca_pem: like.ca_pem.clone(),
    }
}

/// The old credential's connection is refused at once (the node that re-provisioned re-reads
/// its trust view).
fn refused_now(c: &mut Conn) {
    fails_with(
        &c.call(V2_1, QUERY, vec![Item::enumeration(tag::QUERY_FUNCTION, 1)]),
        result_reason::AUTHENTICATION_NOT_SUCCESSFUL,
    );
}

fn certificate_der(c: &mut Conn, uid: &str) -> Vec<u8> {
    c.ok(V2_1, GET, vec![uid_item(uid)])
        .child(tag::CERTIFICATE)
        .and_then(|i| i.child(tag::CERTIFICATE_VALUE))
        .and_then(Item::as_bytes)
        .expect("certificate")
        .to_vec()
}

#[test]
fn re_provision_replaces_the_clients_own_credential() {
    use x509_parser::prelude::{FromDer, X509Certificate};
    let server = TestServer::start();
    let creds = server.issue("app", "default");
    let mut c = Conn::connect(server.addr, &creds);
    fails_with(
        &c.call(V1_4, RE_PROVISION, vec![]),
        result_reason::OPERATION_NOT_SUPPORTED,
    );
    // A request that is not a PKCS#10 request changes nothing.
    fails_with(
        &c.call(
            V2_1,
            RE_PROVISION,
            vec![Item::bytes(
                tag::CERTIFICATE_REQUEST,
                b"not a request".to_vec(),
            )],
        ),
        result_reason::INVALID_FIELD,
    );
    c.ok(V2_1, QUERY, vec![Item::enumeration(tag::QUERY_FUNCTION, 1)]);

    // 1. A certificate request: the server's CA signs it; the answer names the certificate.
    let kp = rcgen::KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256).expect("key pair");
    let mut params = rcgen::CertificateParams::new(Vec::<String>::new()).expect("params");
    params
        .distinguished_name
        .push(rcgen::DnType::CommonName, "app-renewed");
    let csr = params.serialize_request(&kp).expect("csr");
    let p = c.ok(
        V2_0,
        RE_PROVISION,
        vec![
            Item::enumeration(tag::CERTIFICATE_REQUEST_TYPE, 2),
            Item::bytes(tag::CERTIFICATE_REQUEST, csr.der().to_vec()),
        ],
    );
    let cert_uid = uid_of(&p);
    refused_now(&mut c);
    let mut old = Conn::connect(server.addr, &creds);
    fails_with(
        &old.call(V2_1, QUERY, vec![]),
        result_reason::AUTHENTICATION_NOT_SUCCESSFUL,
    );
    // The new connection authenticates with the signed certificate, fetched by its identifier.
    let mut admin_view = Conn::connect(server.addr, &server.issue("auditor", "default"));
    let der = certificate_der(&mut admin_view, &cert_uid);
    let (_, cert) = X509Certificate::from_der(&der).expect("x509");
    assert!(cert.subject().to_string().contains("CN=app-renewed"));
    assert_eq!(cert.public_key().raw, kp.public_key_der().as_slice());
    let creds2 = creds_of(&creds, &der, kp.serialize_pem().as_bytes());
    let mut c2 = Conn::connect(server.addr, &creds2);
    c2.ok(V2_1, QUERY, vec![Item::enumeration(tag::QUERY_FUNCTION, 1)]);
    assert_eq!(certificate_der(&mut c2, &cert_uid), der);

    // 2. No parameters: the server makes the key pair and certificate; the answer names the
    // private key, fetched with Get; the certificate is linked to it.
    let key_uid = uid_of(&c2.ok(V2_1, RE_PROVISION, vec![]));
    refused_now(&mut c2);
    let mut c_admin = admin_view;
    let key = c_admin.ok(
        V2_1,
        GET,
        vec![
            uid_item(&key_uid),
            Item::enumeration(tag::KEY_FORMAT_TYPE, 4),
        ],
    );
    let pkcs8 = key
        .child(tag::PRIVATE_KEY)
        .and_then(|k| k.child(tag::KEY_BLOCK))
        .and_then(|b| b.child(tag::KEY_VALUE))
        .and_then(|v| v.child(tag::KEY_MATERIAL))
        .and_then(Item::as_bytes)
        .expect("PKCS#8 private key")
        .to_vec();
    let cert3_uid = links(&mut c_admin, V2_1, &key_uid)
        .into_iter()
        .find(|(t, _)| *t == link_type::CERTIFICATE_LINK)
        .map(|(_, u)| u)
        .expect("certificate link");
    let der3 = certificate_der(&mut c_admin, &cert3_uid);
    let key_pem = format!(
        "-----BEGIN PRIVATE KEY-----\n{}\n-----END PRIVATE KEY-----\n",
        base64_lines(&pkcs8)
    );
    let creds3 = creds_of(&creds, &der3, key_pem.as_bytes());
    let mut c3 = Conn::connect(server.addr, &creds3);
    c3.ok(V2_1, QUERY, vec![Item::enumeration(tag::QUERY_FUNCTION, 1)]);

    // 3. A certificate of the client's own (self-signed here): it becomes the credential.
    let kp4 = rcgen::KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256).expect("key pair");
    let own = rcgen::CertificateParams::new(vec!["app4".to_owned()])
        .expect("params")
        .self_signed(&kp4)
        .expect("self-signed");
    let cert4_uid = uid_of(&c3.ok(
        V2_1,
        RE_PROVISION,
        vec![Item::structure(
            tag::CERTIFICATE,
            vec![
                Item::enumeration(tag::CERTIFICATE_TYPE, 1),
                Item::bytes(tag::CERTIFICATE_VALUE, own.der().to_vec()),
            ],
        )],
    ));
    refused_now(&mut c3);
    let creds4 = creds_of(&creds, own.der(), kp4.serialize_pem().as_bytes());
    let mut c4 = Conn::connect(server.addr, &creds4);
    assert_eq!(certificate_der(&mut c4, &cert4_uid), own.der().to_vec());

    // A credential whose stored certificate was revoked cannot re-provision itself.
    c4.ok(V2_1, ACTIVATE, vec![uid_item(&cert4_uid)]);
    c4.ok(
        V2_1,
        REVOKE,
        vec![
            uid_item(&cert4_uid),
            Item::structure(
                tag::REVOCATION_REASON,
                vec![Item::enumeration(tag::REVOCATION_REASON_CODE, 5)],
            ),
        ],
    );
    fails_with(
        &c4.call(V2_1, RE_PROVISION, vec![]),
        result_reason::PERMISSION_DENIED,
    );
    c4.ok(V2_1, QUERY, vec![Item::enumeration(tag::QUERY_FUNCTION, 1)]);

    // A client trusted through its CA has no one certificate to replace.
    let ca = keyhaven::pki::generate_ca("Client CA").expect("ca");
    let ca_file = server.dir.path().join("client-ca.pem");
    std::fs::write(&ca_file, &ca.cert_pem).expect("write");
    let ca_path = ca_file.to_str().expect("utf8");
    admin(
        &server.data(),
        &["client", "trust-ca", "--name", "by-ca", "--ca", ca_path],
    );
    let leaf = keyhaven::pki::issue_client_cert(&ca, "machine").expect("leaf");
    let by_ca = Creds {
        cert_pem: leaf.cert_pem.into_bytes(),
        key_pem: leaf.key_pem.as_bytes().to_vec(),
        ca_pem: creds.ca_pem.clone(),
    };
    fails_with(
        &Conn::connect(server.addr, &by_ca).call(V2_1, RE_PROVISION, vec![]),
        result_reason::FEATURE_NOT_SUPPORTED,
    );
}

fn base64_lines(der: &[u8]) -> String {
    use base64::Engine;
    let b64 = base64::engine::general_purpose::STANDARD.encode(der);
    b64.as_bytes()
        .chunks(64)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join("\n")
}

/// PKCS#11 parameters: CK_ULONGs little-endian, byte arrays length-prefixed.
#[derive(Default)]
struct P11(Vec<u8>);

impl P11 {
    fn ulong(mut self, v: u64) -> Self {
        self.0.extend(v.to_le_bytes());
        self
    }
    fn array(self, b: &[u8]) -> Self {
        let mut s = self.ulong(b.len() as u64);
        s.0.extend_from_slice(b);
        s
    }
}

fn read_ulong(b: &[u8], at: &mut usize) -> u64 {
    let v = u64::from_le_bytes(b[*at..*at + 8].try_into().expect("8 bytes"));
    *at += 8;
    v
}

fn read_array(b: &[u8], at: &mut usize) -> Vec<u8> {
    let n = read_ulong(b, at) as usize;
    let v = b[*at..*at + n].to_vec();
    *at += n;
    v
}

#[test]
fn pkcs11_reaches_the_tenants_keys() {
    use keyhaven_kmip::enums::{pkcs_11_function as f, pkcs_11_return_code as rc};
    let server = TestServer::start();
    admin(&server.data(), &["tenant", "create", "blue"]);
    let mut c = Conn::connect(server.addr, &server.issue("app", "default"));
    let mut blue = Conn::connect(server.addr, &server.issue("blue-app", "blue"));
    let key = h("2b7e151628aed2a6abf7158809cf4f3c");
    let uid = register(&mut c, V2_1, Some(alg::AES), &key, 4 | 8);
    c.ok(
        V1_4,
        ADD_ATTRIBUTE,
        vec![
            uid_item(&uid),
            attr_v1(
                "Name",
                Item::structure(
                    tag::NAME,
                    vec![
                        Item::text(tag::NAME_VALUE, "p11-key"),
                        Item::enumeration(tag::NAME_TYPE, 1),
                    ],
                ),
            ),
        ],
    );
    let sign_only = register(&mut c, V2_1, Some(alg::AES), &[9u8; 16], 1);
    let blue_uid = register(&mut blue, V2_1, Some(alg::AES), &[5u8; 16], 12);

    let p = c.ok(
        V2_1,
        PKCS_11,
        vec![
            Item::enumeration(tag::PKCS_11_FUNCTION, f::C_INITIALIZE),
            Item::bytes(tag::PKCS_11_INPUT_PARAMETERS, vec![1]),
        ],
    );
    let corr = p
        .child(tag::CORRELATION_VALUE)
        .and_then(Item::as_bytes)
        .expect("correlation")
        .to_vec();
    // One call: (Output Parameters, return code).
    let mut call = |function: u32, input: P11| -> (Vec<u8>, u32) {
        let p = c.ok(
            V2_1,
            PKCS_11,
            vec![
                Item::enumeration(tag::PKCS_11_FUNCTION, function),
                Item::bytes(tag::PKCS_11_INPUT_PARAMETERS, input.0),
                Item::bytes(tag::CORRELATION_VALUE, corr.clone()),
            ],
        );
        let out = p
            .child(tag::PKCS_11_OUTPUT_PARAMETERS)
            .and_then(Item::as_bytes)
            .map(<[u8]>::to_vec)
            .unwrap_or_default();
        let code = p
            .child(tag::PKCS_11_RETURN_CODE)
            .and_then(Item::as_enum)
            .expect("return code");
        (out, code)
    };

    // The slot and its token: the tenant.
    let (out, code) = call(f::C_GETSLOTLIST, P11(vec![1]));
    assert_eq!(
        (code, out.clone()),
        (rc::OK, P11::default().ulong(1).ulong(1).0)
    );
    let (out, code) = call(f::C_GETTOKENINFO, P11::default().ulong(1));
    assert_eq!(code, rc::OK);
    assert!(out.starts_with(b"default "), "label: {:?}", &out[..32]);
    assert_eq!(
        call(f::C_GETTOKENINFO, P11::default().ulong(7)).1,
        rc::SLOT_ID_INVALID
    );
    let (out, code) = call(f::C_OPENSESSION, P11::default().ulong(1).ulong(4 | 2));
    assert_eq!(code, rc::OK);
    let session = read_ulong(&out, &mut 0);
    assert_eq!(
        call(
            f::C_LOGIN,
            P11::default().ulong(session).ulong(1).array(b"any pin")
        )
        .1,
        rc::USER_ALREADY_LOGGED_IN
    );

    // Find the key by class and label; the other tenant's key is not there.
    const CKA_CLASS: u64 = 0;
    const CKA_LABEL: u64 = 3;
    const CKA_VALUE: u64 = 0x11;
    const CKA_KEY_TYPE: u64 = 0x100;
    const CKA_ID: u64 = 0x102;
    const CKA_VALUE_LEN: u64 = 0x161;
    let find = |call: &mut dyn FnMut(u32, P11) -> (Vec<u8>, u32), template: P11| -> Vec<u64> {
        assert_eq!(call(f::C_FINDOBJECTSINIT, template).1, rc::OK);
        let (out, code) = call(f::C_FINDOBJECTS, P11::default().ulong(session).ulong(100));
        assert_eq!(code, rc::OK);
        assert_eq!(
            call(f::C_FINDOBJECTSFINAL, P11::default().ulong(session)).1,
            rc::OK
        );
        let mut at = 0;
        let n = read_ulong(&out, &mut at);
        (0..n).map(|_| read_ulong(&out, &mut at)).collect()
    };
    let by_label = P11::default()
        .ulong(session)
        .ulong(2)
        .ulong(CKA_CLASS)
        .array(&4u64.to_le_bytes())
        .ulong(CKA_LABEL)
        .array(b"p11-key");
    let handles = find(&mut call, by_label);
    assert_eq!(handles.len(), 1);
    let k = handles[0];
    let by_id = |id: &str| {
        P11::default()
            .ulong(session)
            .ulong(1)
            .ulong(CKA_ID)
            .array(id.as_bytes())
    };
    assert!(find(&mut call, by_id(&blue_uid)).is_empty());
    let secret_keys = find(
        &mut call,
        P11::default()
            .ulong(session)
            .ulong(1)
            .ulong(CKA_CLASS)
            .array(&4u64.to_le_bytes()),
    );
    assert_eq!(secret_keys.len(), 2, "the tenant's two AES keys");
    let signer = *find(&mut call, by_id(&sign_only))
        .first()
        .expect("second key");

    // Attributes: never the key's value.
    let template = P11::default()
        .ulong(session)
        .ulong(k)
        .ulong(4)
        .ulong(CKA_ID)
        .ulong(64)
        .ulong(CKA_VALUE)
        .ulong(64)
        .ulong(CKA_VALUE_LEN)
        .ulong(8)
        .ulong(CKA_KEY_TYPE)
        .ulong(8);
    let (out, code) = call(f::C_GETATTRIBUTEVALUE, template);
    assert_eq!(code, rc::ATTRIBUTE_SENSITIVE);
    let mut at = 0;
    assert_eq!(read_ulong(&out, &mut at), 4);
    assert_eq!(read_ulong(&out, &mut at), CKA_ID);
    assert_eq!(read_array(&out, &mut at), uid.as_bytes());
    assert_eq!(read_ulong(&out, &mut at), CKA_VALUE);
    assert_eq!(read_ulong(&out, &mut at), u64::MAX, "no value");
    assert_eq!(read_ulong(&out, &mut at), CKA_VALUE_LEN);
    assert_eq!(read_array(&out, &mut at), 16u64.to_le_bytes());
    assert_eq!(read_ulong(&out, &mut at), CKA_KEY_TYPE);
    assert_eq!(read_array(&out, &mut at), 0x1Fu64.to_le_bytes());
    assert!(!out.windows(key.len()).any(|w| w == key.as_slice()));

    // AES-CBC with padding: NIST SP 800-38A F.2.1's first block, then the padding block.
    let iv: Vec<u8> = (0u8..16).collect();
    let plain = h("6bc1bee22e409f96e93d7e117393172a");
    let cbc = |iv: &[u8]| P11::default().ulong(0x1085).array(iv);
    let init = |m: P11, key: u64| {
        let mut p = P11::default().ulong(session);
        p.0.extend(m.0);
        p.ulong(key)
    };
    assert_eq!(
        call(f::C_ENCRYPT, P11::default().ulong(session).array(&plain)).1,
        rc::OPERATION_NOT_INITIALIZED
    );
    assert_eq!(call(f::C_ENCRYPTINIT, init(cbc(&iv), k)).1, rc::OK);
    assert_eq!(
        call(f::C_ENCRYPTINIT, init(cbc(&iv), k)).1,
        rc::OPERATION_ACTIVE
    );
    let (out, code) = call(f::C_ENCRYPT, P11::default().ulong(session).array(&plain));
    assert_eq!(code, rc::OK);
    let ct = read_array(&out, &mut 0);
    assert_eq!(ct.len(), 32);
    assert_eq!(ct[..16], h("7649abac8119b246cee98e9b12e9197d"));
    assert_eq!(call(f::C_DECRYPTINIT, init(cbc(&iv), k)).1, rc::OK);
    let (out, code) = call(f::C_DECRYPT, P11::default().ulong(session).array(&ct));
    assert_eq!(code, rc::OK);
    assert_eq!(read_array(&out, &mut 0), plain);

    // AES-GCM: the tag at the end; a changed byte fails to decrypt.
    let gcm = P11::default().ulong(0x1087).array(
        &P11::default()
            .array(&[7u8; 12])
            .array(b"header")
            .ulong(128)
            .0,
    );
    assert_eq!(
        call(f::C_ENCRYPTINIT, init(P11(gcm.0.clone()), k)).1,
        rc::OK
    );
    let (out, code) = call(
        f::C_ENCRYPT,
        P11::default().ulong(session).array(b"attack at dawn"),
    );
    assert_eq!(code, rc::OK);
    let mut sealed = read_array(&out, &mut 0);
    assert_eq!(sealed.len(), 14 + 16);
    assert_eq!(
        call(f::C_DECRYPTINIT, init(P11(gcm.0.clone()), k)).1,
        rc::OK
    );
    let (out, code) = call(f::C_DECRYPT, P11::default().ulong(session).array(&sealed));
    assert_eq!(
        (code, read_array(&out, &mut 0)),
        (rc::OK, b"attack at dawn".to_vec())
    );
    sealed[0] ^= 1;
    assert_eq!(
        call(f::C_DECRYPTINIT, init(P11(gcm.0.clone()), k)).1,
        rc::OK
    );
    assert_eq!(
        call(f::C_DECRYPT, P11::default().ulong(session).array(&sealed)).1,
        rc::ENCRYPTED_DATA_INVALID
    );

    // The key's usage mask holds: a signing-only key does not encrypt.
    assert_eq!(call(f::C_ENCRYPTINIT, init(cbc(&iv), signer)).1, rc::OK);
    assert_eq!(
        call(f::C_ENCRYPT, P11::default().ulong(session).array(&plain)).1,
        rc::KEY_FUNCTION_NOT_PERMITTED
    );
    assert_eq!(
        call(f::C_ENCRYPTINIT, init(cbc(&iv), 999)).1,
        rc::KEY_HANDLE_INVALID
    );
    assert_eq!(
        call(
            f::C_ENCRYPTINIT,
            init(P11::default().ulong(0x1081).array(&iv), k)
        )
        .1,
        rc::MECHANISM_INVALID
    );
    assert_eq!(call(f::C_FINDOBJECTS, P11(vec![1, 2])).1, rc::ARGUMENTS_BAD);

    // Closed: the session is gone.
    assert_eq!(
        call(f::C_CLOSESESSION, P11::default().ulong(session)).1,
        rc::OK
    );
    assert_eq!(
        call(f::C_FINDOBJECTSFINAL, P11::default().ulong(session)).1,
        rc::SESSION_HANDLE_INVALID
    );
    assert_eq!(call(f::C_FINALIZE, P11::default()).1, rc::OK);
}
