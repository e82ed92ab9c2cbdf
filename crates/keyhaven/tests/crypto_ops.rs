//! The cryptographic and service operations over real TLS: Encrypt and Decrypt (AES ECB, CBC, CTR,
//! GCM, 3DES, streamed), MAC and MAC Verify (HMAC, CMAC), Hash, RNG Retrieve and Seed, Re-key,
//! Obtain Lease, Archive and Recover, Interop and Log; the key state, date, usage mask and usage limit
//! refusals; answers spelled in the client's version. Known answers are from NIST SP 800-38A/B/D,
//! SP 800-67, RFC 4231 and FIPS 180.

mod common;

use common::*;
use keyhaven_kmip::enums::{
    block_cipher_mode as bcm, cryptographic_algorithm as alg, hashing_algorithm as ha, object_type,
    padding_method as pm, result_reason, revocation_reason_code, validity_indicator,
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

/// Client attributes of a Register, in the version's spelling: (1.x name, 2.x item).
type Attr = (&'static str, Item);

fn attrs_for(v: ProtocolVersion, attrs: Vec<Attr>) -> Item {
    if v.is_2x() {
        Item::structure(tag::ATTRIBUTES, attrs.into_iter().map(|(_, i)| i).collect())
    } else {
        Item::structure(
            tag::TEMPLATE_ATTRIBUTE,
            attrs
                .into_iter()
                .map(|(name, i)| attr_v1(name, i))
                .collect(),
        )
    }
}

fn mask(m: u32) -> Attr {
    (
        "Cryptographic Usage Mask",
        Item::int(tag::CRYPTOGRAPHIC_USAGE_MASK, m as i32),
    )
}

fn active_since_an_hour() -> Attr {
    (
        "Activation Date",
        Item::datetime(tag::ACTIVATION_DATE, now() - 3600),
    )
}

fn params(items: Vec<Item>) -> Item {
    Item::structure(tag::CRYPTOGRAPHIC_PARAMETERS, items)
}

fn key_params(items: Vec<Item>) -> Attr {
    ("Cryptographic Parameters", params(items))
}

const ENC_DEC: u32 = 4 | 8;

/// Registers a symmetric key and returns its identifier.
fn register(c: &mut Conn, v: ProtocolVersion, a: u32, key: &[u8], attrs: Vec<Attr>) -> String {
    let payload = vec![
        Item::enumeration(tag::OBJECT_TYPE, object_type::SYMMETRIC_KEY),
        attrs_for(v, attrs),
        Item::structure(
            tag::SYMMETRIC_KEY,
            vec![Item::structure(
                tag::KEY_BLOCK,
                vec![
                    Item::enumeration(tag::KEY_FORMAT_TYPE, 1),
                    Item::structure(
                        tag::KEY_VALUE,
                        vec![Item::bytes(tag::KEY_MATERIAL, key.to_vec())],
                    ),
                    Item::enumeration(tag::CRYPTOGRAPHIC_ALGORITHM, a),
                    Item::int(tag::CRYPTOGRAPHIC_LENGTH, (key.len() * 8) as i32),
                ],
            )],
        ),
    ];
    uid_of(&c.ok(v, REGISTER, payload))
}

fn bytes_of(p: &Item, t: u32) -> Option<Vec<u8>> {
    p.child(t).and_then(Item::as_bytes).map(<[u8]>::to_vec)
}

fn data(p: &Item) -> Vec<u8> {
    bytes_of(p, tag::DATA).expect("Data")
}

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

fn encrypt(uid: &str, p: Vec<Item>, plain: &[u8], extra: Vec<Item>) -> Vec<Item> {
    let mut v = vec![
        uid_item(uid),
        params(p),
        Item::bytes(tag::DATA, plain.to_vec()),
    ];
    v.extend(extra);
    v
}

#[test]
fn aes_modes_give_the_nist_known_answers_in_1_4_and_2_1() {
    let server = TestServer::start();
    let creds = server.issue("app", "default");
    let mut c = Conn::connect(server.addr, &creds);
    let key = h("2b7e151628aed2a6abf7158809cf4f3c");
    let pt = h("6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51");
    for v in [V1_4, V2_1] {
        let uid = register(
            &mut c,
            v,
            alg::AES,
            &key,
            vec![mask(ENC_DEC), active_since_an_hour()],
        );
        // ECB (SP 800-38A F.1.1).
        let ecb = vec![Item::enumeration(tag::BLOCK_CIPHER_MODE, bcm::ECB)];
        let p = c.ok(v, ENCRYPT, encrypt(&uid, ecb.clone(), &pt, vec![]));
        assert_eq!(
            hex::encode(data(&p)),
            "3ad77bb40d7a3660a89ecaf32466ef97f5d3d58503b9699de785895a96fdbaaf"
        );
        assert_eq!(p.child(tag::IV_COUNTER_NONCE), None, "ECB has no IV");
        let p = c.ok(v, DECRYPT, encrypt(&uid, ecb, &data(&p), vec![]));
        assert_eq!(data(&p), pt);
        // CBC with the client's IV (F.2.1).
        let iv = h("000102030405060708090a0b0c0d0e0f");
        let cbc = vec![Item::enumeration(tag::BLOCK_CIPHER_MODE, bcm::CBC)];
        let with_iv = || vec![Item::bytes(tag::IV_COUNTER_NONCE, iv.clone())];
        let p = c.ok(v, ENCRYPT, encrypt(&uid, cbc.clone(), &pt, with_iv()));
        assert_eq!(
            hex::encode(data(&p)),
            "7649abac8119b246cee98e9b12e9197d5086cb9b507219ee95db113a917678b2"
        );
        let p = c.ok(v, DECRYPT, encrypt(&uid, cbc, &data(&p), with_iv()));
        assert_eq!(data(&p), pt);
        // CTR (F.5.1).
        let ctr = vec![Item::enumeration(tag::BLOCK_CIPHER_MODE, bcm::CTR)];
        let counter = vec![Item::bytes(
            tag::IV_COUNTER_NONCE,
            h("f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff"),
        )];
        let p = c.ok(v, ENCRYPT, encrypt(&uid, ctr, &pt, counter));
        assert_eq!(
            hex::encode(data(&p)),
            "874d6191b620e3261bef6864990db6ce9806f66b7970fdff8617187bb9fffdff"
        );
    }
}

#[test]
fn gcm_tags_are_made_checked_and_truncated() {
    let server = TestServer::start();
    let creds = server.issue("app", "default");
    let mut c = Conn::connect(server.addr, &creds);
    // The GCM specification's test cases 2 and 4.
    let zero = register(
        &mut c,
        V2_1,
        alg::AES,
        &[0u8; 16],
        vec![mask(ENC_DEC), active_since_an_hour()],
    );
    let gcm = |tag_len: i32| {
        vec![
            Item::enumeration(tag::BLOCK_CIPHER_MODE, bcm::GCM),
            Item::int(tag::TAG_LENGTH, tag_len),
        ]
    };
    let iv = || Item::bytes(tag::IV_COUNTER_NONCE, vec![0u8; 12]);
    let p = c.ok(
        V2_1,
        ENCRYPT,
        encrypt(&zero, gcm(16), &[0u8; 16], vec![iv()]),
    );
    assert_eq!(hex::encode(data(&p)), "0388dace60b6a392f328c2b971b2fe78");
    let t = bytes_of(&p, tag::AUTHENTICATED_ENCRYPTION_TAG).expect("tag");
    assert_eq!(hex::encode(&t), "ab6e47d42cec13bdf53a67b21257bddf");
    let ct = data(&p);
    let dec = |tag_len: i32, t: Vec<u8>| {
        encrypt(
            &zero,
            gcm(tag_len),
            &ct,
            vec![iv(), Item::bytes(tag::AUTHENTICATED_ENCRYPTION_TAG, t)],
        )
    };
    assert_eq!(
        data(&c.ok(V2_1, DECRYPT, dec(16, t.clone()))),
        vec![0u8; 16]
    );
    assert_eq!(
        data(&c.ok(V2_1, DECRYPT, dec(12, t[..12].to_vec()))),
        vec![0u8; 16]
    );
    let mut bad = t.clone();
    bad[0] ^= 1;
    let bi = c.call(V2_1, DECRYPT, dec(16, bad));
    fails_with(&bi, result_reason::CRYPTOGRAPHIC_FAILURE);
    assert!(
        bi.child(tag::RESPONSE_PAYLOAD).is_none(),
        "no data on a bad tag"
    );
    fails_with(
        &c.call(
            V2_1,
            ENCRYPT,
            encrypt(&zero, gcm(1), &[0u8; 16], vec![iv()]),
        ),
        result_reason::GENERAL_FAILURE,
    );

    // Test case 4: additional data, 60 bytes of plaintext.
    let key = register(
        &mut c,
        V1_4,
        alg::AES,
        &h("feffe9928665731c6d6a8f9467308308"),
        vec![mask(ENC_DEC), active_since_an_hour()],
    );
    let pt = h("d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39");
    let p = c.ok(
        V1_4,
        ENCRYPT,
        encrypt(
            &key,
            gcm(16),
            &pt,
            vec![
                Item::bytes(tag::IV_COUNTER_NONCE, h("cafebabefacedbaddecaf888")),
                Item::bytes(
                    tag::AUTHENTICATED_ENCRYPTION_ADDITIONAL_DATA,
                    h("feedfacedeadbeeffeedfacedeadbeefabaddad2"),
                ),
            ],
        ),
    );
    assert_eq!(
        hex::encode(bytes_of(&p, tag::AUTHENTICATED_ENCRYPTION_TAG).expect("tag")),
        "5bc94fbc3221a5db94fae95ae7121a47"
    );
    assert!(hex::encode(data(&p)).starts_with("42831ec2217774244b7221b784d0d49c"));
}

#[test]
fn generated_ivs_padding_streaming_and_triple_des() {
    let server = TestServer::start();
    let creds = server.issue("app", "default");
    let mut c = Conn::connect(server.addr, &creds);
    // The key's Cryptographic Parameters apply when the request has none.
    let uid = register(
        &mut c,
        V1_4,
        alg::AES,
        &h("0123456789abcdef0123456789abcdef"),
        vec![
            mask(ENC_DEC),
            active_since_an_hour(),
            key_params(vec![
                Item::enumeration(tag::BLOCK_CIPHER_MODE, bcm::CBC),
                Item::enumeration(tag::PADDING_METHOD, pm::PKCS5),
            ]),
        ],
    );
    let pt = b"33 bytes: not a multiple of 16!!!".to_vec();
    let p = c.ok(
        V1_4,
        ENCRYPT,
        vec![uid_item(&uid), Item::bytes(tag::DATA, pt.clone())],
    );
    let ct = data(&p);
    assert_eq!(ct.len(), 48, "PKCS#5 padding to whole blocks");
    let iv = bytes_of(&p, tag::IV_COUNTER_NONCE).expect("the server's IV is returned");
    assert_eq!(iv.len(), 16);
    // Without the IV, Decrypt cannot work: Invalid Message, as the CS-BC profile has it.
    fails_with(
        &c.call(
            V1_4,
            DECRYPT,
            vec![uid_item(&uid), Item::bytes(tag::DATA, ct.clone())],
        ),
        result_reason::INVALID_MESSAGE,
    );
    let p = c.ok(
        V1_4,
        DECRYPT,
        vec![
            uid_item(&uid),
            Item::bytes(tag::DATA, ct.clone()),
            Item::bytes(tag::IV_COUNTER_NONCE, iv.clone()),
        ],
    );
    assert_eq!(data(&p), pt);

    // The same decryption streamed in three requests.
    let p = c.ok(
        V1_4,
        DECRYPT,
        vec![
            uid_item(&uid),
            Item::bytes(tag::DATA, ct[..10].to_vec()),
            Item::bytes(tag::IV_COUNTER_NONCE, iv.clone()),
            Item::boolean(tag::INIT_INDICATOR, true),
        ],
    );
    let corr = bytes_of(&p, tag::CORRELATION_VALUE).expect("Correlation Value");
    let mut out = bytes_of(&p, tag::DATA).unwrap_or_default();
    let p = c.ok(
        V1_4,
        DECRYPT,
        vec![
            uid_item(&uid),
            Item::bytes(tag::DATA, ct[10..40].to_vec()),
            Item::bytes(tag::CORRELATION_VALUE, corr.clone()),
        ],
    );
    out.extend(bytes_of(&p, tag::DATA).unwrap_or_default());
    let p = c.ok(
        V1_4,
        DECRYPT,
        vec![
            uid_item(&uid),
            Item::bytes(tag::DATA, ct[40..].to_vec()),
            Item::bytes(tag::CORRELATION_VALUE, corr.clone()),
            Item::boolean(tag::FINAL_INDICATOR, true),
        ],
    );
    assert_eq!(p.child(tag::CORRELATION_VALUE), None);
    out.extend(bytes_of(&p, tag::DATA).unwrap_or_default());
    assert_eq!(out, pt);
    // A finished stream is gone.
    fails_with(
        &c.call(
            V1_4,
            DECRYPT,
            vec![
                uid_item(&uid),
                Item::bytes(tag::DATA, vec![0; 16]),
                Item::bytes(tag::CORRELATION_VALUE, corr),
            ],
        ),
        result_reason::INVALID_FIELD,
    );

    // Triple DES (SP 800-67 example), and Create of a 3DES key with odd parity.
    let tdes = register(
        &mut c,
        V1_4,
        alg::DES3,
        &h("0123456789abcdef23456789abcdef01456789abcdef0123"),
        vec![mask(ENC_DEC), active_since_an_hour()],
    );
    let ecb = vec![Item::enumeration(tag::BLOCK_CIPHER_MODE, bcm::ECB)];
    let p = c.ok(
        V1_4,
        ENCRYPT,
        encrypt(&tdes, ecb, &h("5468652071756663"), vec![]),
    );
    assert_eq!(hex::encode(data(&p)), "a826fd8ce53b855f");
    let created = uid_of(&c.ok(
        V1_0,
        CREATE,
        vec![
            Item::enumeration(tag::OBJECT_TYPE, object_type::SYMMETRIC_KEY),
            Item::structure(
                tag::TEMPLATE_ATTRIBUTE,
                vec![
                    attr_v1("Cryptographic Algorithm", Item::enumeration(0, alg::DES3)),
                    attr_v1("Cryptographic Length", Item::int(0, 168)),
                ],
            ),
        ],
    ));
    let k = key_material(&c.ok(V1_0, GET, vec![uid_item(&created)]));
    assert_eq!(k.len(), 24);
    assert!(k.iter().all(|b| b.count_ones() % 2 == 1), "odd parity");
    // Algorithms Create does not make are refused with a clear reason.
    let bi = c.call(
        V1_0,
        CREATE,
        vec![
            Item::enumeration(tag::OBJECT_TYPE, object_type::SYMMETRIC_KEY),
            Item::structure(
                tag::TEMPLATE_ATTRIBUTE,
                vec![
                    // An asymmetric algorithm: Create Key Pair makes those.
                    attr_v1("Cryptographic Algorithm", Item::enumeration(0, alg::RSA)),
                    attr_v1("Cryptographic Length", Item::int(0, 2048)),
                ],
            ),
        ],
    );
    fails_with(&bi, result_reason::INVALID_FIELD);
}

#[test]
fn macs_and_hashes_give_the_known_answers() {
    let server = TestServer::start();
    let creds = server.issue("app", "default");
    let mut c = Conn::connect(server.addr, &creds);
    // HMAC-SHA256 named by the key's Cryptographic Parameters (the CS-AC profile's key).
    let uid = register(
        &mut c,
        V2_1,
        alg::AES,
        &h("0123456789abcdef0123456789abcdef"),
        vec![
            mask(0x80 | 0x100),
            active_since_an_hour(),
            key_params(vec![Item::enumeration(
                tag::CRYPTOGRAPHIC_ALGORITHM,
                alg::HMAC_SHA256,
            )]),
        ],
    );
    let msg = h("01020304050607080910111213141516");
    let p = c.ok(
        V2_1,
        MAC,
        vec![uid_item(&uid), Item::bytes(tag::DATA, msg.clone())],
    );
    let mac = bytes_of(&p, tag::MAC_DATA).expect("MAC Data");
    assert_eq!(
        hex::encode(&mac),
        "c911e78196d64c30f631bb079ea37b97a95936d4da764d6a171df030c895ecf9"
    );
    let verify = |c: &mut Conn, m: Vec<u8>| {
        c.ok(
            V2_1,
            MAC_VERIFY,
            vec![
                uid_item(&uid),
                Item::bytes(tag::DATA, msg.clone()),
                Item::bytes(tag::MAC_DATA, m),
            ],
        )
        .child(tag::VALIDITY_INDICATOR)
        .and_then(Item::as_enum)
    };
    assert_eq!(verify(&mut c, mac.clone()), Some(validity_indicator::VALID));
    let mut bad = mac;
    bad[31] ^= 1;
    assert_eq!(verify(&mut c, bad), Some(validity_indicator::INVALID));

    // HMAC key by algorithm (RFC 4231 test case 2) and CMAC (SP 800-38B example 2).
    let jefe = register(
        &mut c,
        V1_4,
        alg::HMAC_SHA256,
        b"Jefe",
        vec![mask(0x80), active_since_an_hour()],
    );
    let p = c.ok(
        V1_4,
        MAC,
        vec![
            uid_item(&jefe),
            Item::bytes(tag::DATA, b"what do ya want for nothing?".to_vec()),
        ],
    );
    assert_eq!(
        hex::encode(bytes_of(&p, tag::MAC_DATA).expect("mac")),
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
    );
    let aes = register(
        &mut c,
        V1_4,
        alg::AES,
        &h("2b7e151628aed2a6abf7158809cf4f3c"),
        vec![mask(0x80), active_since_an_hour()],
    );
    let p = c.ok(
        V1_4,
        MAC,
        vec![
            uid_item(&aes),
            params(vec![Item::enumeration(tag::BLOCK_CIPHER_MODE, bcm::CMAC)]),
            Item::bytes(tag::DATA, h("6bc1bee22e409f96e93d7e117393172a")),
        ],
    );
    assert_eq!(
        hex::encode(bytes_of(&p, tag::MAC_DATA).expect("mac")),
        "070a16b46b4d4144f79bdd9dd04a287c"
    );

    // Hash (FIPS 180 "abc").
    let p = c.ok(
        V1_4,
        HASH,
        vec![
            params(vec![Item::enumeration(tag::HASHING_ALGORITHM, ha::SHA_256)]),
            Item::bytes(tag::DATA, b"abc".to_vec()),
        ],
    );
    assert_eq!(
        hex::encode(data(&p)),
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
    fails_with(
        &c.call(
            V1_4,
            HASH,
            vec![
                params(vec![Item::enumeration(tag::HASHING_ALGORITHM, ha::MD5)]),
                Item::bytes(tag::DATA, b"abc".to_vec()),
            ],
        ),
        result_reason::INVALID_FIELD,
    );
}

#[test]
fn state_dates_usage_mask_and_limits_are_enforced_per_version() {
    let server = TestServer::start();
    let creds = server.issue("app", "default");
    let mut c = Conn::connect(server.addr, &creds);
    let key = h("0123456789abcdef0123456789abcdef");
    let ecb = || vec![Item::enumeration(tag::BLOCK_CIPHER_MODE, bcm::ECB)];
    let block = vec![7u8; 16];
    for (v, wrong_state, bad_mask) in [
        (
            V1_4,
            result_reason::PERMISSION_DENIED,
            result_reason::PERMISSION_DENIED,
        ),
        (
            V2_1,
            result_reason::WRONG_KEY_LIFECYCLE_STATE,
            result_reason::INCOMPATIBLE_CRYPTOGRAPHIC_USAGE_MASK,
        ),
    ] {
        // Pre-Active: neither Encrypt nor Decrypt.
        let pre = register(&mut c, v, alg::AES, &key, vec![mask(ENC_DEC)]);
        fails_with(
            &c.call(v, ENCRYPT, encrypt(&pre, ecb(), &block, vec![])),
            wrong_state,
        );
        fails_with(
            &c.call(v, DECRYPT, encrypt(&pre, ecb(), &block, vec![])),
            wrong_state,
        );
        // Encrypt only: Decrypt and MAC are refused by the usage mask.
        let enc_only = register(
            &mut c,
            v,
            alg::AES,
            &key,
            vec![mask(4), active_since_an_hour()],
        );
        c.ok(v, ENCRYPT, encrypt(&enc_only, ecb(), &block, vec![]));
        fails_with(
            &c.call(v, DECRYPT, encrypt(&enc_only, ecb(), &block, vec![])),
            bad_mask,
        );
        // Deactivated (revoked): Decrypt yes, Encrypt no.
        c.ok(
            v,
            REVOKE,
            vec![
                uid_item(&enc_only),
                Item::structure(
                    tag::REVOCATION_REASON,
                    vec![Item::enumeration(
                        tag::REVOCATION_REASON_CODE,
                        revocation_reason_code::CESSATION_OF_OPERATION,
                    )],
                ),
            ],
        );
        fails_with(
            &c.call(v, ENCRYPT, encrypt(&enc_only, ecb(), &block, vec![])),
            wrong_state,
        );
        let both = register(
            &mut c,
            v,
            alg::AES,
            &key,
            vec![
                mask(ENC_DEC),
                active_since_an_hour(),
                (
                    "Protect Stop Date",
                    Item::datetime(tag::PROTECT_STOP_DATE, now() - 60),
                ),
            ],
        );
        // Past its Protect Stop Date: Decrypt only.
        fails_with(
            &c.call(v, ENCRYPT, encrypt(&both, ecb(), &block, vec![])),
            wrong_state,
        );
        c.ok(v, DECRYPT, encrypt(&both, ecb(), &block, vec![]));
        // Usage Limits of 16 bytes: one block, then Permission Denied.
        let limited = register(
            &mut c,
            v,
            alg::AES,
            &key,
            vec![
                mask(ENC_DEC),
                active_since_an_hour(),
                (
                    "Usage Limits",
                    Item::structure(
                        tag::USAGE_LIMITS,
                        vec![
                            Item::new(tag::USAGE_LIMITS_TOTAL, Value::LongInteger(16)),
                            Item::enumeration(tag::USAGE_LIMITS_UNIT, 1),
                        ],
                    ),
                ),
            ],
        );
        c.ok(v, ENCRYPT, encrypt(&limited, ecb(), &block, vec![]));
        fails_with(
            &c.call(v, ENCRYPT, encrypt(&limited, ecb(), &block, vec![])),
            result_reason::PERMISSION_DENIED,
        );
        // The limits count protection only: decryption goes on.
        c.ok(v, DECRYPT, encrypt(&limited, ecb(), &block, vec![]));
    }
}

#[test]
fn service_operations_rekey_lease_archive_and_test_framing() {
    let server = TestServer::start();
    let creds = server.issue("app", "default");
    let mut c = Conn::connect(server.addr, &creds);

    // RNG Retrieve and Seed.
    let r = |c: &mut Conn| data(&c.ok(V1_4, RNG_RETRIEVE, vec![Item::int(tag::DATA_LENGTH, 32)]));
    let (a, b) = (r(&mut c), r(&mut c));
    assert_eq!(a.len(), 32);
    assert_ne!(a, b);
    let p = c.ok(V2_1, RNG_SEED, vec![Item::bytes(tag::DATA, vec![1; 32])]);
    assert_eq!(
        p.child(tag::DATA_LENGTH).and_then(Item::as_int),
        Some(0),
        "the OS CSPRNG takes no seed"
    );

    // Interop and Log exist in 2.x only.
    c.ok(
        V2_1,
        INTEROP,
        vec![
            Item::enumeration(tag::INTEROP_FUNCTION, 1),
            Item::text(tag::INTEROP_IDENTIFIER, "T-1"),
        ],
    );
    c.ok(V2_1, LOG, vec![Item::text(tag::LOG_MESSAGE, "hello")]);
    fails_with(
        &c.call(
            V1_4,
            INTEROP,
            vec![
                Item::enumeration(tag::INTEROP_FUNCTION, 1),
                Item::text(tag::INTEROP_IDENTIFIER, "T-1"),
            ],
        ),
        result_reason::OPERATION_NOT_SUPPORTED,
    );
    // Query lists the operations per version: Encrypt from 1.2, Interop from 2.0.
    let ops = |c: &mut Conn, v| -> Vec<u32> {
        c.ok(v, QUERY, vec![Item::enumeration(tag::QUERY_FUNCTION, 1)])
            .children(tag::OPERATION)
            .filter_map(Item::as_enum)
            .collect()
    };
    let q10 = ops(&mut c, V1_0);
    assert!(q10.contains(&RE_KEY) && !q10.contains(&ENCRYPT) && !q10.contains(&INTEROP));
    let q21 = ops(&mut c, V2_1);
    assert!(q21.contains(&ENCRYPT) && q21.contains(&INTEROP) && q21.contains(&MAC_VERIFY));

    // Re-key: the name moves, the links point both ways, the Digest is of the new material.
    let name = Item::structure(
        tag::NAME,
        vec![
            Item::text(tag::NAME_VALUE, "rekey-me"),
            Item::enumeration(tag::NAME_TYPE, 1),
        ],
    );
    let mut create = create_aes_v1(128);
    if let Some(items) = create[1].items_mut() {
        items.push(attr_v1("Name", name.clone()));
        items.push(attr_v1("Activation Date", Item::datetime(0, now() - 3600)));
    }
    let old = uid_of(&c.ok(V1_4, CREATE, create));
    let new = uid_of(&c.ok(V1_4, RE_KEY, vec![uid_item(&old)]));
    assert_ne!(old, new);
    let located = c.ok(V1_4, LOCATE, vec![attr_v1("Name", name)]);
    let found: Vec<&str> = located
        .children(tag::UNIQUE_IDENTIFIER)
        .filter_map(Item::as_text)
        .collect();
    assert_eq!(found, vec![new.as_str()]);
    let attrs = c.ok(
        V1_4,
        GET_ATTRIBUTES,
        vec![
            uid_item(&new),
            Item::text(tag::ATTRIBUTE_NAME, "Link"),
            Item::text(tag::ATTRIBUTE_NAME, "State"),
            Item::text(tag::ATTRIBUTE_NAME, "Digest"),
        ],
    );
    let value_of = |name: &str| {
        attrs
            .children(tag::ATTRIBUTE)
            .find(|a| a.child(tag::ATTRIBUTE_NAME).and_then(Item::as_text) == Some(name))
            .and_then(|a| a.child(tag::ATTRIBUTE_VALUE))
            .cloned()
            .unwrap_or_else(|| panic!("no {name}"))
    };
    let link = value_of("Link");
    assert_eq!(
        link.child(tag::LINKED_OBJECT_IDENTIFIER)
            .and_then(Item::as_text),
        Some(old.as_str())
    );
    assert_eq!(value_of("State").as_enum(), Some(2), "Active: dates copied");
    let material = key_material(&c.ok(V1_4, GET, vec![uid_item(&new)]));
    use sha2::Digest;
    assert_eq!(
        bytes_of(&value_of("Digest"), tag::DIGEST_VALUE),
        Some(sha2::Sha256::digest(&material).to_vec())
    );

    // Obtain Lease: the object's Lease Time, Active objects only.
    let p = c.ok(V1_4, OBTAIN_LEASE, vec![uid_item(&new)]);
    assert_eq!(
        p.child(tag::LEASE_TIME).map(|i| &i.value),
        Some(&Value::Interval(3600))
    );

    // Archive: Get refuses it (Object Archived) until Recover.
    c.ok(V1_4, ARCHIVE, vec![uid_item(&new)]);
    fails_with(
        &c.call(V1_4, GET, vec![uid_item(&new)]),
        result_reason::OBJECT_ARCHIVED,
    );
    c.ok(V1_4, GET_ATTRIBUTES, vec![uid_item(&new)]);
    c.ok(V1_4, RECOVER, vec![uid_item(&new)]);
    assert_eq!(
        key_material(&c.ok(V1_4, GET, vec![uid_item(&new)])),
        material
    );
}

#[test]
fn an_undo_batch_undoes_the_items_before_a_failure() {
    let server = TestServer::start();
    let creds = server.issue("app", "default");
    let mut c = Conn::connect(server.addr, &creds);
    let uid = register(
        &mut c,
        V2_1,
        alg::AES,
        &h("0123456789abcdef0123456789abcdef"),
        vec![mask(4)],
    );
    let check = |m: i32| vec![uid_item(&uid), Item::int(tag::CRYPTOGRAPHIC_USAGE_MASK, m)];
    let undo = Item::enumeration(tag::BATCH_ERROR_CONTINUATION_OPTION, 3);
    let resp = c.send(&request(
        V2_1,
        Some(vec![undo]),
        &[
            (ACTIVATE, Some(b"1".as_slice()), vec![uid_item(&uid)]),
            (CHECK, Some(b"2".as_slice()), check(4)),
            (CHECK, Some(b"3".as_slice()), check(8)),
        ],
    ));
    let items = batch_items(&resp);
    let statuses: Vec<u32> = items.iter().map(result_status).collect();
    assert_eq!(statuses, vec![3, 3, 1], "Undone, Undone, Failed");
    assert_eq!(
        result_reason(&items[2]),
        Some(result_reason::INCOMPATIBLE_CRYPTOGRAPHIC_USAGE_MASK)
    );
    // The Activate was undone: the key is Pre-Active again.
    let p = c.ok(
        V2_1,
        GET_ATTRIBUTES,
        vec![
            uid_item(&uid),
            Item::enumeration(tag::ATTRIBUTE_REFERENCE, tag::STATE),
        ],
    );
    let st = p
        .child(tag::ATTRIBUTES)
        .and_then(|a| a.child(tag::STATE))
        .and_then(Item::as_enum);
    assert_eq!(st, Some(1), "Pre-Active");
}
