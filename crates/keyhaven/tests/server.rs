//! Server behaviour over real TLS: restarts, trust, tenant isolation, bad input, versions, lifecycle,
//! and that no key material reaches the disk or the log unwrapped.

mod common;

use std::io::Write;

use common::*;
use keyhaven_kmip::enums::{object_type, result_reason, revocation_reason_code, state};
use keyhaven_kmip::{tag, ProtocolVersion};
use keyhaven_ttlv::Item;

fn create(c: &mut Conn) -> String {
    uid_of(&c.ok(V1_1, CREATE, create_aes_v1(256)))
}

fn get_key(c: &mut Conn, v: ProtocolVersion, uid: &str) -> Vec<u8> {
    key_material(&c.ok(v, GET, vec![uid_item(uid)]))
}

fn fails_with(bi: &Item, reason: u32) {
    assert_eq!(result_status(bi), 1, "expected a failure");
    assert_eq!(
        result_reason(bi),
        Some(reason),
        "message: {:?}",
        bi.child(tag::RESULT_MESSAGE).and_then(Item::as_text)
    );
}

#[test]
fn keys_survive_kill_9_and_restart() {
    let mut server = TestServer::start();
    let creds = server.issue("app", "default");
    let mut c = Conn::connect(server.addr, &creds);
    let keys: Vec<(String, Vec<u8>)> = (0..5)
        .map(|_| {
            let uid = create(&mut c);
            let k = get_key(&mut c, V1_1, &uid);
            (uid, k)
        })
        .collect();
    drop(c);
    server.kill();
    server.spawn(&[]);
    let mut c = Conn::connect(server.addr, &creds);
    for (uid, k) in &keys {
        assert_eq!(
            &get_key(&mut c, V1_1, uid),
            k,
            "key {uid} changed across a restart"
        );
    }
    // A graceful stop exits cleanly too.
    drop(c);
    assert!(server.terminate().success());
}

#[test]
fn untrusted_client_is_refused_and_removal_takes_effect() {
    let server = TestServer::start();
    let trusted = server.issue("trusted", "default");
    let mut c = Conn::connect(server.addr, &trusted);
    let uid = create(&mut c);
    drop(c);

    // A certificate from a CA the server does not know finishes the handshake but gets nothing.
    let other_ca = keyhaven::pki::generate_ca("Intruder CA").expect("ca");
    let intruder = keyhaven::pki::issue_client_cert(&other_ca, "intruder").expect("cert");
    let creds = Creds {
        cert_pem: intruder.cert_pem.into_bytes(),
        key_pem: intruder.key_pem.as_bytes().to_vec(),
        ca_pem: trusted.ca_pem.clone(),
    };
    let mut c = Conn::connect(server.addr, &creds);
    for (op, payload) in [
        (DISCOVER_VERSIONS, vec![]),
        (GET, vec![uid_item(&uid)]),
        (CREATE, create_aes_v1(256)),
    ] {
        fails_with(
            &c.call(V1_1, op, payload),
            result_reason::AUTHENTICATION_NOT_SUCCESSFUL,
        );
    }
    drop(c);

    // Removing a client refuses its next connection.
    admin(&server.data(), &["client", "remove", "trusted"]);
    let mut c = Conn::connect(server.addr, &trusted);
    fails_with(
        &c.call(V1_1, GET, vec![uid_item(&uid)]),
        result_reason::AUTHENTICATION_NOT_SUCCESSFUL,
    );
}

#[test]
fn trust_by_client_ca() {
    let server = TestServer::start();
    let ca = keyhaven::pki::generate_ca("vCenter VMCA").expect("ca");
    let ca_file = server.dir.path().join("vmca.pem");
    std::fs::write(&ca_file, &ca.cert_pem).expect("write");
    admin(
        &server.data(),
        &[
            "client",
            "trust-ca",
            "--name",
            "vmca",
            "--ca",
            ca_file.to_str().expect("utf8"),
        ],
    );
    let leaf = keyhaven::pki::issue_client_cert(&ca, "vcenter-machine").expect("leaf");
    let server_ca = std::fs::read(server.data().join("tls/ca.crt")).expect("server ca");
    let creds = Creds {
        cert_pem: leaf.cert_pem.into_bytes(),
        key_pem: leaf.key_pem.as_bytes().to_vec(),
        ca_pem: server_ca,
    };
    let mut c = Conn::connect(server.addr, &creds);
    let uid = create(&mut c);
    assert_eq!(get_key(&mut c, V1_1, &uid).len(), 32);
}

#[test]
fn tenants_are_isolated() {
    let server = TestServer::start();
    admin(&server.data(), &["tenant", "create", "blue"]);
    let a = server.issue("a", "default");
    let b = server.issue("b", "blue");
    let mut ca = Conn::connect(server.addr, &a);
    let uid = create(&mut ca);
    ca.ok(
        V1_1,
        ADD_ATTRIBUTE,
        vec![
            uid_item(&uid),
            attr_v1("x-Name", Item::text(0, "secret-vm")),
        ],
    );

    let mut cb = Conn::connect(server.addr, &b);
    // KMIP 2.x names a missing object Object Not Found; 1.x Item Not Found.
    for (v, not_found) in [
        (V1_1, result_reason::ITEM_NOT_FOUND),
        (V2_1, result_reason::OBJECT_NOT_FOUND),
    ] {
        fails_with(&cb.call(v, GET, vec![uid_item(&uid)]), not_found);
        fails_with(&cb.call(v, GET_ATTRIBUTES, vec![uid_item(&uid)]), not_found);
        fails_with(&cb.call(v, ACTIVATE, vec![uid_item(&uid)]), not_found);
        fails_with(&cb.call(v, DESTROY, vec![uid_item(&uid)]), not_found);
    }
    fails_with(
        &cb.call(
            V1_1,
            ADD_ATTRIBUTE,
            vec![uid_item(&uid), attr_v1("x-Name", Item::text(0, "mine"))],
        ),
        result_reason::ITEM_NOT_FOUND,
    );
    fails_with(
        &cb.call(
            V1_1,
            MODIFY_ATTRIBUTE,
            vec![uid_item(&uid), attr_v1("x-Name", Item::text(0, "mine"))],
        ),
        result_reason::ITEM_NOT_FOUND,
    );
    // Locate sees only the tenant's own objects.
    let p = cb.ok(V1_1, LOCATE, vec![]);
    assert!(
        p.children(tag::UNIQUE_IDENTIFIER).next().is_none(),
        "tenant blue sees no keys"
    );
    let p = cb.ok(
        V1_1,
        LOCATE,
        vec![attr_v1("x-Name", Item::text(0, "secret-vm"))],
    );
    assert!(p.children(tag::UNIQUE_IDENTIFIER).next().is_none());
    let own = create(&mut cb);
    let p = cb.ok(V1_1, LOCATE, vec![]);
    let found: Vec<_> = p
        .children(tag::UNIQUE_IDENTIFIER)
        .filter_map(Item::as_text)
        .collect();
    assert_eq!(found, vec![own.as_str()]);
    // And the first tenant still has its key, untouched.
    let p = ca.ok(
        V1_1,
        GET_ATTRIBUTES,
        vec![uid_item(&uid), Item::text(tag::ATTRIBUTE_NAME, "x-Name")],
    );
    assert_eq!(
        p.child(tag::ATTRIBUTE)
            .and_then(|a| a.child(tag::ATTRIBUTE_VALUE))
            .and_then(Item::as_text),
        Some("secret-vm")
    );

    // A suspended tenant's clients are refused, on new connections and on those already open.
    let mut open_before = Conn::connect(server.addr, &b);
    open_before.ok(V1_1, GET, vec![uid_item(&own)]);
    admin(&server.data(), &["tenant", "suspend", "blue"]);
    let mut cb = Conn::connect(server.addr, &b);
    fails_with(
        &cb.call(V1_1, GET, vec![uid_item(&own)]),
        result_reason::PERMISSION_DENIED,
    );
    std::thread::sleep(keyhaven::server::identity::TRUST_REFRESH);
    fails_with(
        &open_before.call(V1_1, GET, vec![uid_item(&own)]),
        result_reason::PERMISSION_DENIED,
    );
    admin(&server.data(), &["tenant", "resume", "blue"]);
    std::thread::sleep(keyhaven::server::identity::TRUST_REFRESH);
    open_before.ok(V1_1, GET, vec![uid_item(&own)]);
}

#[test]
fn bad_input_gets_clear_errors() {
    let server = TestServer::start();
    let creds = server.issue("app", "default");

    // Unknown operation: Operation Not Supported for that item; the connection stays usable.
    let mut c = Conn::connect(server.addr, &creds);
    fails_with(
        &c.call(V1_1, 0x7777, vec![]),
        result_reason::OPERATION_NOT_SUPPORTED,
    );
    let uid = create(&mut c);

    // Unparsable message (valid header, garbage inside): Invalid Message, then a clean close.
    let mut garbage = vec![0x42, 0x00, 0x78, 0x01, 0, 0, 0, 16];
    garbage.extend_from_slice(&[
        0x42, 0x00, 0x77, 0x07, 0, 0, 0, 9, 0xff, 0xfe, 0, 0, 0, 0, 0, 0,
    ]);
    let resp = c.send_raw(&garbage).expect("an answer");
    let resp = keyhaven_ttlv::decode(&resp, &keyhaven_ttlv::Limits::default()).expect("decodable");
    fails_with(&batch_items(&resp)[0], result_reason::INVALID_MESSAGE);
    assert!(c.is_closed(), "connection closed after Invalid Message");

    // A length beyond the limit is refused before the body is read.
    let mut c = Conn::connect(server.addr, &creds);
    let resp = c
        .send_raw(&[0x42, 0x00, 0x78, 0x01, 0x7f, 0xff, 0xff, 0xf8])
        .expect("an answer");
    let resp = keyhaven_ttlv::decode(&resp, &keyhaven_ttlv::Limits::default()).expect("decodable");
    fails_with(&batch_items(&resp)[0], result_reason::INVALID_MESSAGE);
    assert!(c.is_closed());

    // Batch Count disagreeing with the items.
    let mut c = Conn::connect(server.addr, &creds);
    let mut msg = request(V1_1, None, &[(GET, None, vec![uid_item(&uid)])]);
    if let Some(h) = msg.items_mut().and_then(|i| i[0].items_mut()) {
        h.retain(|i| i.tag != tag::BATCH_COUNT);
        h.push(Item::int(tag::BATCH_COUNT, 2));
    }
    fails_with(
        &batch_items(&c.send(&msg))[0],
        result_reason::INVALID_MESSAGE,
    );

    // Missing and wrong fields.
    let mut c = Conn::connect(server.addr, &creds);
    fails_with(&c.call(V1_1, CREATE, vec![]), result_reason::MISSING_DATA);
    fails_with(
        &c.call(V1_1, GET, vec![uid_item("no-such-key")]),
        result_reason::ITEM_NOT_FOUND,
    );
    fails_with(
        &c.call(V1_1, CREATE, create_aes_v1(100)),
        result_reason::INVALID_FIELD,
    );
    let mut des = create_aes_v1(256);
    if let Some(t) = des[1].items_mut() {
        t[0] = attr_v1(
            "Cryptographic Algorithm",
            // A hash algorithm: no key to create; the message names what Create makes.
            Item::enumeration(0, keyhaven_kmip::enums::cryptographic_algorithm::SHA3_256),
        );
    }
    let bi = c.call(V1_1, CREATE, des);
    assert_eq!(result_status(&bi), 1);
    assert!(bi
        .child(tag::RESULT_MESSAGE)
        .and_then(Item::as_text)
        .is_some_and(|m| m.contains("AES")));
    // A 2.x-only reason is never sent to a 1.x client: activating twice is Permission Denied in 1.x...
    c.ok(V1_1, ACTIVATE, vec![uid_item(&uid)]);
    fails_with(
        &c.call(V1_1, ACTIVATE, vec![uid_item(&uid)]),
        result_reason::PERMISSION_DENIED,
    );
    // ...and Wrong Key Lifecycle State in 2.x.
    fails_with(
        &c.call(V2_1, ACTIVATE, vec![uid_item(&uid)]),
        result_reason::WRONG_KEY_LIFECYCLE_STATE,
    );
    // The connection survived all of it.
    assert_eq!(get_key(&mut c, V1_1, &uid).len(), 32);
}

#[test]
fn batches_continuation_and_id_placeholder() {
    let server = TestServer::start();
    let creds = server.issue("app", "default");
    let mut c = Conn::connect(server.addr, &creds);
    // Create then Activate and Get through the ID Placeholder, in one batch.
    let resp = c.send(&request(
        V1_1,
        None,
        &[
            (CREATE, Some(b"1"), create_aes_v1(128)),
            (ACTIVATE, Some(b"2"), vec![]),
            (GET, Some(b"3"), vec![]),
        ],
    ));
    let bis = batch_items(&resp);
    assert_eq!(bis.len(), 3);
    bis.iter().for_each(assert_success);
    assert_eq!(
        key_material(bis[2].child(tag::RESPONSE_PAYLOAD).expect("payload")).len(),
        16
    );
    // Stop (the default): the items after a failure are not run.
    let resp = c.send(&request(
        V1_1,
        None,
        &[
            (GET, Some(b"a"), vec![uid_item("missing")]),
            (CREATE, Some(b"b"), create_aes_v1(128)),
        ],
    ));
    assert_eq!(batch_items(&resp).len(), 1);
    // Continue: they are.
    let header = vec![Item::enumeration(
        tag::BATCH_ERROR_CONTINUATION_OPTION,
        keyhaven_kmip::enums::batch_error_continuation_option::CONTINUE,
    )];
    let resp = c.send(&request(
        V1_1,
        Some(header),
        &[
            (GET, Some(b"a"), vec![uid_item("missing")]),
            (CREATE, Some(b"b"), create_aes_v1(128)),
        ],
    ));
    let bis = batch_items(&resp);
    assert_eq!(bis.len(), 2);
    assert_eq!(result_status(&bis[0]), 1);
    assert_success(&bis[1]);
    // Maximum Response Size too small for a Get.
    let uid = create(&mut c);
    let header = vec![Item::int(tag::MAXIMUM_RESPONSE_SIZE, 64)];
    let resp = c.send(&request(
        V1_1,
        Some(header),
        &[(GET, None, vec![uid_item(&uid)])],
    ));
    fails_with(&batch_items(&resp)[0], result_reason::RESPONSE_TOO_LARGE);
}

#[test]
fn each_version_is_answered_in_its_own_spelling() {
    let server = TestServer::start();
    let creds = server.issue("app", "default");
    let mut c = Conn::connect(server.addr, &creds);
    for v in ProtocolVersion::SUPPORTED {
        let resp = c.send(&request(v, None, &[(GET, None, vec![uid_item("nope")])]));
        assert_eq!(response_version(&resp), v);
    }
    // 2.x Create with an Attributes structure, Get Attributes by Attribute Reference.
    let create_v2 = vec![
        Item::enumeration(tag::OBJECT_TYPE, object_type::SYMMETRIC_KEY),
        Item::structure(
            tag::ATTRIBUTES,
            vec![
                Item::enumeration(
                    tag::CRYPTOGRAPHIC_ALGORITHM,
                    keyhaven_kmip::enums::cryptographic_algorithm::AES,
                ),
                Item::int(tag::CRYPTOGRAPHIC_LENGTH, 192),
                Item::structure(
                    tag::VENDOR_ATTRIBUTE,
                    vec![
                        Item::text(tag::VENDOR_IDENTIFICATION, "x"),
                        Item::text(tag::ATTRIBUTE_NAME, "Owner"),
                        Item::int(tag::ATTRIBUTE_VALUE, 42),
                    ],
                ),
            ],
        ),
    ];
    let uid = uid_of(&c.ok(V2_1, CREATE, create_v2));
    let p = c.ok(
        V2_1,
        GET_ATTRIBUTES,
        vec![
            uid_item(&uid),
            Item::enumeration(tag::ATTRIBUTE_REFERENCE, tag::CRYPTOGRAPHIC_LENGTH),
        ],
    );
    let attrs = p
        .child(tag::ATTRIBUTES)
        .expect("2.x answers with an Attributes structure");
    assert_eq!(
        attrs
            .child(tag::CRYPTOGRAPHIC_LENGTH)
            .and_then(Item::as_int),
        Some(192)
    );
    assert_eq!(attrs.items().len(), 1);
    // The 2.x vendor attribute "x"/"Owner" is the 1.x custom attribute "x-Owner", value kept as an Integer.
    let p = c.ok(
        V1_1,
        GET_ATTRIBUTES,
        vec![uid_item(&uid), Item::text(tag::ATTRIBUTE_NAME, "x-Owner")],
    );
    assert_eq!(
        p.child(tag::ATTRIBUTE)
            .and_then(|a| a.child(tag::ATTRIBUTE_VALUE))
            .and_then(Item::as_int),
        Some(42)
    );
    // Get Attribute List: names in 1.x, references in 2.x.
    let p = c.ok(V1_1, GET_ATTRIBUTE_LIST, vec![uid_item(&uid)]);
    let names: Vec<_> = p
        .children(tag::ATTRIBUTE_NAME)
        .filter_map(Item::as_text)
        .collect();
    assert!(
        names.contains(&"State")
            && names.contains(&"x-Owner")
            && names.contains(&"Cryptographic Length"),
        "{names:?}"
    );
    let p = c.ok(V2_1, GET_ATTRIBUTE_LIST, vec![uid_item(&uid)]);
    assert!(p
        .children(tag::ATTRIBUTE_REFERENCE)
        .any(|r| r.as_enum() == Some(tag::STATE)));
    // 2.x Add Attribute answers with the identifier only; 1.x also with the attribute.
    let na = Item::structure(
        tag::NEW_ATTRIBUTE,
        vec![Item::structure(
            tag::VENDOR_ATTRIBUTE,
            vec![
                Item::text(tag::VENDOR_IDENTIFICATION, "x"),
                Item::text(tag::ATTRIBUTE_NAME, "Tag"),
                Item::text(tag::ATTRIBUTE_VALUE, "t1"),
            ],
        )],
    );
    let p = c.ok(V2_1, ADD_ATTRIBUTE, vec![uid_item(&uid), na]);
    assert_eq!(p.items().len(), 1);
    // Set Attribute is 2.x only: a 1.x client gets Operation Not Supported.
    fails_with(
        &c.call(V1_4, SET_ATTRIBUTE, vec![uid_item(&uid)]),
        result_reason::OPERATION_NOT_SUPPORTED,
    );
    // Transparent Symmetric Key on request.
    let p = c.ok(
        V2_1,
        GET,
        vec![
            uid_item(&uid),
            Item::enumeration(
                tag::KEY_FORMAT_TYPE,
                keyhaven_kmip::enums::key_format_type::TRANSPARENT_SYMMETRIC_KEY,
            ),
        ],
    );
    let km = p
        .child(tag::SYMMETRIC_KEY)
        .and_then(|k| k.child(tag::KEY_BLOCK))
        .and_then(|b| b.child(tag::KEY_VALUE))
        .and_then(|v| v.child(tag::KEY_MATERIAL))
        .expect("km");
    assert_eq!(
        km.child(tag::KEY).and_then(Item::as_bytes).map(<[u8]>::len),
        Some(24)
    );
}

const V1_4: ProtocolVersion = ProtocolVersion::V1_4;

#[test]
fn lifecycle_attributes_and_locate() {
    let server = TestServer::start();
    let creds = server.issue("app", "default");
    let mut c = Conn::connect(server.addr, &creds);
    let name = |n: &str| {
        Item::structure(
            tag::NAME,
            vec![
                Item::text(tag::NAME_VALUE, n),
                Item::enumeration(
                    tag::NAME_TYPE,
                    keyhaven_kmip::enums::name_type::UNINTERPRETED_TEXT_STRING,
                ),
            ],
        )
    };
    let mut req = create_aes_v1(256);
    if let Some(t) = req[1].items_mut() {
        t.push(attr_v1("Name", name("db-key")));
    }
    let uid = uid_of(&c.ok(V1_1, CREATE, req));
    let other = create(&mut c);
    // Locate by name, by custom attribute, by state, with Maximum Items and Offset.
    let located = |c: &mut Conn, v, payload| -> Vec<String> {
        c.ok(v, LOCATE, payload)
            .children(tag::UNIQUE_IDENTIFIER)
            .filter_map(Item::as_text)
            .map(str::to_owned)
            .collect()
    };
    assert_eq!(
        located(&mut c, V1_1, vec![attr_v1("Name", name("db-key"))]),
        vec![uid.clone()]
    );
    c.ok(
        V1_1,
        ADD_ATTRIBUTE,
        vec![
            uid_item(&other),
            attr_v1("x-Component", Item::text(0, "ESXi Server")),
        ],
    );
    assert_eq!(
        located(
            &mut c,
            V1_1,
            vec![attr_v1("x-Component", Item::text(0, "ESXi Server"))]
        ),
        vec![other.clone()]
    );
    assert_eq!(
        located(
            &mut c,
            V1_1,
            vec![attr_v1("State", Item::enumeration(0, state::PRE_ACTIVE))]
        )
        .len(),
        2
    );
    assert_eq!(
        located(&mut c, V1_1, vec![Item::int(tag::MAXIMUM_ITEMS, 1)]).len(),
        1
    );
    let p = c.ok(V1_4, LOCATE, vec![Item::int(tag::OFFSET_ITEMS, 1)]);
    assert_eq!(p.child(tag::LOCATED_ITEMS).and_then(Item::as_int), Some(2));
    assert_eq!(p.children(tag::UNIQUE_IDENTIFIER).count(), 1);
    assert_eq!(
        located(
            &mut c,
            V2_1,
            vec![Item::structure(
                tag::ATTRIBUTES,
                vec![
                    Item::enumeration(tag::OBJECT_TYPE, object_type::SYMMETRIC_KEY),
                    Item::int(tag::CRYPTOGRAPHIC_LENGTH, 256)
                ]
            )]
        )
        .len(),
        2
    );
    // Modify and delete a custom attribute.
    c.ok(
        V1_1,
        MODIFY_ATTRIBUTE,
        vec![
            uid_item(&other),
            attr_v1("x-Component", Item::text(0, "Virtual Machine")),
        ],
    );
    assert!(located(
        &mut c,
        V1_1,
        vec![attr_v1("x-Component", Item::text(0, "ESXi Server"))]
    )
    .is_empty());
    c.ok(
        V1_1,
        DELETE_ATTRIBUTE,
        vec![
            uid_item(&other),
            Item::text(tag::ATTRIBUTE_NAME, "x-Component"),
        ],
    );
    let p = c.ok(
        V1_1,
        GET_ATTRIBUTES,
        vec![
            uid_item(&other),
            Item::text(tag::ATTRIBUTE_NAME, "x-Component"),
        ],
    );
    assert_eq!(p.items().len(), 1);
    // Server-maintained attributes are not the client's to change.
    fails_with(
        &c.call(
            V2_1,
            ADD_ATTRIBUTE,
            vec![
                uid_item(&uid),
                Item::structure(
                    tag::NEW_ATTRIBUTE,
                    vec![Item::enumeration(tag::STATE, state::ACTIVE)],
                ),
            ],
        ),
        result_reason::ATTRIBUTE_READ_ONLY,
    );
    // An Active key cannot be destroyed before it is revoked; then it is gone.
    c.ok(V1_1, ACTIVATE, vec![uid_item(&uid)]);
    fails_with(
        &c.call(V1_1, DESTROY, vec![uid_item(&uid)]),
        result_reason::PERMISSION_DENIED,
    );
    let reason = Item::structure(
        tag::REVOCATION_REASON,
        vec![Item::enumeration(
            tag::REVOCATION_REASON_CODE,
            revocation_reason_code::CESSATION_OF_OPERATION,
        )],
    );
    c.ok(V1_1, REVOKE, vec![uid_item(&uid), reason]);
    let st = c.ok(
        V1_1,
        GET_ATTRIBUTES,
        vec![uid_item(&uid), Item::text(tag::ATTRIBUTE_NAME, "State")],
    );
    assert_eq!(
        st.child(tag::ATTRIBUTE)
            .and_then(|a| a.child(tag::ATTRIBUTE_VALUE))
            .and_then(Item::as_enum),
        Some(state::DEACTIVATED)
    );
    assert_eq!(
        get_key(&mut c, V1_1, &uid).len(),
        32,
        "a deactivated key stays readable"
    );
    c.ok(V1_1, DESTROY, vec![uid_item(&uid)]);
    // Locate finds destroyed objects only when the Storage Status Mask asks for them (2.x).
    assert!(located(&mut c, V1_1, vec![attr_v1("Name", name("db-key"))]).is_empty());
    let destroyed_too = vec![
        Item::int(tag::STORAGE_STATUS_MASK, 5),
        Item::structure(tag::ATTRIBUTES, vec![name("db-key")]),
    ];
    assert_eq!(located(&mut c, V2_1, destroyed_too), vec![uid.clone()]);
    assert_eq!(result_status(&c.call(V1_1, GET, vec![uid_item(&uid)])), 1);
    // Compromise of a Pre-Active key.
    let reason = Item::structure(
        tag::REVOCATION_REASON,
        vec![Item::enumeration(
            tag::REVOCATION_REASON_CODE,
            revocation_reason_code::KEY_COMPROMISE,
        )],
    );
    c.ok(V1_1, REVOKE, vec![uid_item(&other), reason]);
    let st = c.ok(
        V1_1,
        GET_ATTRIBUTES,
        vec![uid_item(&other), Item::text(tag::ATTRIBUTE_NAME, "State")],
    );
    assert_eq!(
        st.child(tag::ATTRIBUTE)
            .and_then(|a| a.child(tag::ATTRIBUTE_VALUE))
            .and_then(Item::as_enum),
        Some(state::COMPROMISED)
    );
}

#[test]
fn register_secret_data_and_opaque_objects() {
    let server = TestServer::start();
    let creds = server.issue("app", "default");
    let mut c = Conn::connect(server.addr, &creds);
    let kb = |fmt, bytes: &[u8]| {
        Item::structure(
            tag::KEY_BLOCK,
            vec![
                Item::enumeration(tag::KEY_FORMAT_TYPE, fmt),
                Item::structure(
                    tag::KEY_VALUE,
                    vec![Item::bytes(tag::KEY_MATERIAL, bytes.to_vec())],
                ),
            ],
        )
    };
    let secret = b"database password";
    let p = c.ok(
        V1_1,
        REGISTER,
        vec![
            Item::enumeration(tag::OBJECT_TYPE, object_type::SECRET_DATA),
            Item::structure(tag::TEMPLATE_ATTRIBUTE, vec![]),
            Item::structure(
                tag::SECRET_DATA,
                vec![
                    Item::enumeration(tag::SECRET_DATA_TYPE, 1),
                    kb(keyhaven_kmip::enums::key_format_type::OPAQUE, secret),
                ],
            ),
        ],
    );
    let uid = uid_of(&p);
    let p = c.ok(V1_1, GET, vec![uid_item(&uid)]);
    let got = p
        .child(tag::SECRET_DATA)
        .and_then(|s| s.child(tag::KEY_BLOCK))
        .and_then(|b| b.child(tag::KEY_VALUE))
        .and_then(|v| v.child(tag::KEY_MATERIAL))
        .and_then(Item::as_bytes);
    assert_eq!(got, Some(&secret[..]));
    let p = c.ok(
        V2_0,
        REGISTER,
        vec![
            Item::enumeration(tag::OBJECT_TYPE, object_type::OPAQUE_OBJECT),
            Item::structure(tag::ATTRIBUTES, vec![]),
            Item::structure(
                tag::OPAQUE_OBJECT,
                vec![
                    Item::enumeration(tag::OPAQUE_DATA_TYPE, 0x80000001),
                    Item::bytes(tag::OPAQUE_DATA_VALUE, vec![7; 100]),
                ],
            ),
        ],
    );
    let uid = uid_of(&p);
    let p = c.ok(V2_0, GET, vec![uid_item(&uid)]);
    assert_eq!(
        p.child(tag::OPAQUE_OBJECT)
            .and_then(|o| o.child(tag::OPAQUE_DATA_VALUE))
            .and_then(Item::as_bytes),
        Some(&[7u8; 100][..])
    );
    // A registered AES key comes back byte for byte.
    let key = [0x11u8; 32];
    let mut block = kb(keyhaven_kmip::enums::key_format_type::RAW, &key);
    if let Some(b) = block.items_mut() {
        b.push(Item::enumeration(
            tag::CRYPTOGRAPHIC_ALGORITHM,
            keyhaven_kmip::enums::cryptographic_algorithm::AES,
        ));
        b.push(Item::int(tag::CRYPTOGRAPHIC_LENGTH, 256));
    }
    let p = c.ok(
        V1_1,
        REGISTER,
        vec![
            Item::enumeration(tag::OBJECT_TYPE, object_type::SYMMETRIC_KEY),
            Item::structure(tag::TEMPLATE_ATTRIBUTE, vec![]),
            Item::structure(tag::SYMMETRIC_KEY, vec![block]),
        ],
    );
    assert_eq!(get_key(&mut c, V1_1, &uid_of(&p)), key);
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn no_key_material_on_disk_or_in_logs() {
    let mut server = TestServer::start_with(&["--log", "trace"]);
    let creds = server.issue("app", "default");
    let mut c = Conn::connect(server.addr, &creds);
    let mut keys = Vec::new();
    for _ in 0..20 {
        let uid = create(&mut c);
        keys.push(get_key(&mut c, V1_1, &uid));
    }
    // A registered key too, and a password credential.
    let known = [0xA5u8; 32];
    let block = Item::structure(
        tag::KEY_BLOCK,
        vec![
            Item::enumeration(
                tag::KEY_FORMAT_TYPE,
                keyhaven_kmip::enums::key_format_type::RAW,
            ),
            Item::structure(
                tag::KEY_VALUE,
                vec![Item::bytes(tag::KEY_MATERIAL, known.to_vec())],
            ),
            Item::enumeration(
                tag::CRYPTOGRAPHIC_ALGORITHM,
                keyhaven_kmip::enums::cryptographic_algorithm::AES,
            ),
        ],
    );
    c.ok(
        V1_1,
        REGISTER,
        vec![
            Item::enumeration(tag::OBJECT_TYPE, object_type::SYMMETRIC_KEY),
            Item::structure(tag::TEMPLATE_ATTRIBUTE, vec![]),
            Item::structure(tag::SYMMETRIC_KEY, vec![block]),
        ],
    );
    keys.push(known.to_vec());
    drop(c);
    assert!(server.terminate().success());
    // Every file of the data directory (database, WAL, root keys, TLS) and the debug log.
    let mut files = vec![server.log.clone()];
    let mut stack = vec![server.data()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("read dir").flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                files.push(p);
            }
        }
    }
    assert!(files.iter().any(|f| f.ends_with("keyhaven.db")));
    for f in &files {
        let bytes = std::fs::read(f).expect("read");
        for k in &keys {
            assert!(
                !contains(&bytes, k),
                "{} holds key material in the clear",
                f.display()
            );
            assert!(
                !contains(&bytes, hex::encode(k).as_bytes()),
                "{} holds key material as hex",
                f.display()
            );
        }
    }
    let _ = std::io::stderr().flush();
}

#[test]
fn timeouts_and_connection_limit() {
    let server = TestServer::start_with(&[
        "--idle-timeout-secs",
        "1",
        "--read-timeout-secs",
        "1",
        "--max-connections",
        "2",
    ]);
    let creds = server.issue("app", "default");
    let cfg = creds.client_config(&[&rustls::version::TLS13]);
    // Idle connections are closed.
    let mut a = Conn::connect_with(server.addr, cfg.clone());
    a.ok(V1_1, DISCOVER_VERSIONS, vec![]);
    std::thread::sleep(std::time::Duration::from_millis(2500));
    assert!(a.is_closed(), "idle connection closed");
    // A message that never completes is dropped after the read timeout.
    let mut b = Conn::connect_with(server.addr, cfg.clone());
    b.tls
        .write_all(&[0x42, 0x00, 0x78, 0x01, 0, 0, 1, 0])
        .expect("partial write");
    b.tls.flush().expect("flush");
    std::thread::sleep(std::time::Duration::from_millis(2500));
    assert!(b.is_closed(), "stalled message dropped");
    // The connection limit: two served at once, the third closed at once.
    let mut c1 = Conn::connect_with(server.addr, cfg.clone());
    let mut c2 = Conn::connect_with(server.addr, cfg.clone());
    c1.ok(V1_1, DISCOVER_VERSIONS, vec![]);
    c2.ok(V1_1, DISCOVER_VERSIONS, vec![]);
    let third = Conn::try_connect(server.addr, cfg.clone()).and_then(|mut c| {
        c.send_raw(&keyhaven_ttlv::encode(&request(
            V1_1,
            None,
            &[(DISCOVER_VERSIONS, None, vec![])],
        )))
    });
    assert!(third.is_err(), "third connection refused");
    drop(c1);
    std::thread::sleep(std::time::Duration::from_millis(200));
    let mut again = Conn::connect_with(server.addr, cfg);
    again.ok(V1_1, DISCOVER_VERSIONS, vec![]);
    assert!(server.log_text().contains("connection limit reached"));
}

#[test]
fn audit_trail_records_who_fetched_what() {
    let mut server = TestServer::start();
    let creds = server.issue("esxi-01", "default");
    let mut c = Conn::connect(server.addr, &creds);
    let uid = create(&mut c);
    get_key(&mut c, V1_1, &uid);
    fails_with(
        &c.call(V1_1, GET, vec![uid_item("missing-key")]),
        result_reason::ITEM_NOT_FOUND,
    );
    drop(c);
    assert!(
        server.terminate().success(),
        "clean stop flushes the audit queue"
    );
    let out = admin(&server.data(), &["audit", "--uid", &uid, "--json"]);
    let rows: serde_json::Value = serde_json::from_str(&out).expect("json");
    let ops: Vec<&str> = rows
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|r| r["operation"].as_str())
        .collect();
    assert!(ops.contains(&"Create") && ops.contains(&"Get"), "{ops:?}");
    for r in rows.as_array().expect("array") {
        assert_eq!(r["actor"], "esxi-01");
        assert_eq!(r["outcome"], "success");
        assert!(r["peer"]
            .as_str()
            .is_some_and(|p| p.starts_with("127.0.0.1:")));
    }
    let out = admin(&server.data(), &["audit", "--uid", "missing-key", "--json"]);
    assert!(out.contains("ObjectNotFound"), "{out}");
}

#[test]
fn tls_1_2_and_1_3_clients_are_served() {
    let server = TestServer::start();
    let creds = server.issue("app", "default");
    for v in [&rustls::version::TLS12, &rustls::version::TLS13] {
        let mut c = Conn::connect_with(server.addr, creds.client_config(&[v]));
        assert_eq!(c.tls.conn.protocol_version(), Some(v.version));
        let uid = create(&mut c);
        assert_eq!(get_key(&mut c, V1_1, &uid).len(), 32);
    }
}

#[test]
fn first_start_and_an_admin_command_at_the_same_moment() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    let ready = dir.path().join("ready");
    let out = dir.path().join("client");
    let issue = {
        let (data, out) = (data.clone(), out.clone());
        std::thread::spawn(move || {
            admin(
                &data,
                &[
                    "client",
                    "issue",
                    "--name",
                    "early",
                    "--out",
                    out.to_str().expect("utf8"),
                ],
            );
        })
    };
    let mut child = std::process::Command::new(bin())
        .arg("--data-dir")
        .arg(&data)
        .args(["serve", "--listen", "127.0.0.1:0", "--ready-file"])
        .arg(&ready)
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("spawn");
    issue.join().expect("client issue succeeded");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    let addr = loop {
        if let Some(a) = std::fs::read_to_string(&ready)
            .ok()
            .and_then(|t| t.lines().next().and_then(|l| l.parse().ok()))
        {
            break a;
        }
        assert!(std::time::Instant::now() < deadline, "server did not start");
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    let creds = Creds::load(
        &out.join("early.crt"),
        &out.join("early.key"),
        &out.join("ca.crt"),
    );
    let mut c = Conn::connect(addr, &creds);
    let uid = create(&mut c);
    assert_eq!(get_key(&mut c, V1_1, &uid).len(), 32);
    let _ = child.kill();
    let _ = child.wait();
}
