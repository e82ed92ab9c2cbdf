//! The vCenter / ESXi message sequence of `shared/guide/vmware-kmip-client.md`, against the real
//! server over mutual TLS, in KMIP 1.1 exactly as vCenter spells it.

mod common;

use common::*;
use keyhaven_kmip::enums::{
    credential_type, cryptographic_algorithm, key_format_type, query_function, state,
};
use keyhaven_kmip::tag;
use keyhaven_ttlv::Item;

/// vCenter's batch ids: "QLKC" + a little-endian counter.
fn qlkc(n: u32) -> Vec<u8> {
    let mut v = b"QLKC".to_vec();
    v.extend_from_slice(&n.to_le_bytes());
    v
}

fn one(conn: &mut Conn, op: u32, id: Option<&[u8]>, payload: Vec<Item>) -> Item {
    let resp = conn.send(&request(V1_1, None, &[(op, id, payload)]));
    assert_eq!(
        response_version(&resp),
        V1_1,
        "vCenter must be answered in 1.1"
    );
    let hdr = resp.child(tag::RESPONSE_HEADER).expect("header");
    assert!(
        hdr.child(tag::TIME_STAMP).is_some(),
        "response header has a Time Stamp"
    );
    let bi = batch_items(&resp).remove(0);
    match id {
        Some(id) => assert_eq!(
            bi.child(tag::UNIQUE_BATCH_ITEM_ID).and_then(Item::as_bytes),
            Some(id),
            "batch id echoed"
        ),
        None => assert!(
            bi.child(tag::UNIQUE_BATCH_ITEM_ID).is_none(),
            "no batch id when the request had none"
        ),
    }
    bi
}

fn payload(bi: &Item) -> Item {
    assert_success(bi);
    bi.child(tag::RESPONSE_PAYLOAD).cloned().expect("payload")
}

fn discover(conn: &mut Conn, id: Option<&[u8]>) {
    let p = payload(&one(conn, DISCOVER_VERSIONS, id, vec![]));
    let versions: Vec<_> = p
        .children(tag::PROTOCOL_VERSION)
        .filter_map(keyhaven_kmip::ProtocolVersion::from_item)
        .collect();
    assert!(
        versions.contains(&V1_1),
        "Discover Versions lists 1.1: {versions:?}"
    );
}

fn get_state(conn: &mut Conn, uid: &str, n: u32) -> u32 {
    let p = payload(&one(
        conn,
        GET_ATTRIBUTES,
        Some(&qlkc(n)),
        vec![uid_item(uid), Item::text(tag::ATTRIBUTE_NAME, "State")],
    ));
    assert_eq!(uid_of(&p), uid);
    let attr = p.child(tag::ATTRIBUTE).expect("State attribute");
    assert_eq!(
        attr.child(tag::ATTRIBUTE_NAME).and_then(Item::as_text),
        Some("State")
    );
    attr.child(tag::ATTRIBUTE_VALUE)
        .and_then(Item::as_enum)
        .expect("state value")
}

#[test]
fn vcenter_sequence() {
    let server = TestServer::start();
    let creds = server.issue("vcenter", "default");

    // Handshake-only connections (vCenter reads the certificate every 5 minutes), closed without close_notify.
    for _ in 0..3 {
        let c = Conn::connect(server.addr, &creds);
        drop(c);
    }

    // Adding the KMS / status check: two Discover Versions on one connection, the first without batch id.
    let mut c = Conn::connect(server.addr, &creds);
    discover(&mut c, None);
    discover(&mut c, Some(&qlkc(1)));
    drop(c);
    let mut c = Conn::connect(server.addr, &creds);
    discover(&mut c, None);
    let p = payload(&one(
        &mut c,
        QUERY,
        Some(&qlkc(2)),
        vec![Item::enumeration(
            tag::QUERY_FUNCTION,
            query_function::QUERY_SERVER_INFORMATION,
        )],
    ));
    assert!(
        p.child(tag::VENDOR_IDENTIFICATION)
            .and_then(Item::as_text)
            .is_some_and(|v| !v.is_empty()),
        "Vendor Identification"
    );
    drop(c);

    // Two Creates in parallel, each on its own connection (VM key and host key).
    let handles: Vec<_> = (0..2)
        .map(|i| {
            let (addr, creds) = (server.addr, creds.clone());
            std::thread::spawn(move || {
                let mut c = Conn::connect(addr, &creds);
                discover(&mut c, None);
                let p = payload(&one(
                    &mut c,
                    CREATE,
                    Some(&qlkc(10 + i)),
                    create_aes_v1(256),
                ));
                // Object Type and Unique Identifier only.
                let tags: Vec<u32> = p.items().iter().map(|i| i.tag).collect();
                assert_eq!(tags, vec![tag::OBJECT_TYPE, tag::UNIQUE_IDENTIFIER]);
                uid_of(&p)
            })
        })
        .collect();
    let uids: Vec<String> = handles
        .into_iter()
        .map(|h| h.join().expect("create thread"))
        .collect();
    assert_ne!(uids[0], uids[1]);
    assert!(
        uuid::Uuid::parse_str(&uids[0]).is_ok(),
        "identifiers are UUIDs"
    );

    for (n, uid) in uids.iter().enumerate() {
        let n = n as u32 * 100;
        let mut c = Conn::connect(server.addr, &creds);
        discover(&mut c, None);
        // Get while Pre-Active: Raw, 32 bytes, AES, 256, nothing else in the Key Value.
        let p = payload(&one(&mut c, GET, Some(&qlkc(n + 1)), vec![uid_item(uid)]));
        let block = p
            .child(tag::SYMMETRIC_KEY)
            .and_then(|k| k.child(tag::KEY_BLOCK))
            .expect("key block");
        assert_eq!(
            block.child(tag::KEY_FORMAT_TYPE).and_then(Item::as_enum),
            Some(key_format_type::RAW)
        );
        let kv = block.child(tag::KEY_VALUE).expect("key value");
        assert_eq!(kv.items().len(), 1, "Key Value holds Key Material alone");
        assert_eq!(
            kv.child(tag::KEY_MATERIAL)
                .and_then(Item::as_bytes)
                .map(<[u8]>::len),
            Some(32)
        );
        assert_eq!(
            block
                .child(tag::CRYPTOGRAPHIC_ALGORITHM)
                .and_then(Item::as_enum),
            Some(cryptographic_algorithm::AES)
        );
        assert_eq!(
            block
                .child(tag::CRYPTOGRAPHIC_LENGTH)
                .and_then(Item::as_int),
            Some(256)
        );

        // Get Attributes(State): Pre-Active, then Activate.
        assert_eq!(get_state(&mut c, uid, n + 2), state::PRE_ACTIVE);
        let p = payload(&one(
            &mut c,
            ACTIVATE,
            Some(&qlkc(n + 3)),
            vec![uid_item(uid)],
        ));
        assert_eq!(uid_of(&p), *uid);
        assert_eq!(get_state(&mut c, uid, n + 4), state::ACTIVE);
        drop(c);

        // Tagging: three checks that find nothing, then one batch of three Add Attribute.
        let mut c = Conn::connect(server.addr, &creds);
        discover(&mut c, None);
        for (i, name) in ["x-Product_Version", "x-Vendor", "x-Product"]
            .iter()
            .enumerate()
        {
            let p = payload(&one(
                &mut c,
                GET_ATTRIBUTES,
                Some(&qlkc(n + 10 + i as u32)),
                vec![uid_item(uid), Item::text(tag::ATTRIBUTE_NAME, *name)],
            ));
            assert_eq!(p.items().len(), 1, "absent attribute: the identifier alone");
            assert_eq!(uid_of(&p), *uid);
        }
        let adds = [
            ("x-Product_Version", "7.0.3 build-19480866"),
            ("x-Vendor", "VMware, Inc."),
            ("x-Product", "VMware vSphere"),
        ];
        let ids: Vec<Vec<u8>> = (0..3).map(|i| qlkc(n + 20 + i)).collect();
        let items: Vec<Op<'_>> = adds
            .iter()
            .zip(&ids)
            .map(|((name, value), id)| {
                (
                    ADD_ATTRIBUTE,
                    Some(id.as_slice()),
                    vec![uid_item(uid), attr_v1(name, Item::text(0, *value))],
                )
            })
            .collect();
        let resp = c.send(&request(V1_1, None, &items));
        let bis = batch_items(&resp);
        assert_eq!(bis.len(), 3);
        for ((bi, id), (name, value)) in bis.iter().zip(&ids).zip(&adds) {
            assert_eq!(
                bi.child(tag::UNIQUE_BATCH_ITEM_ID).and_then(Item::as_bytes),
                Some(id.as_slice())
            );
            let p = payload(bi);
            assert_eq!(uid_of(&p), *uid);
            let a = p.child(tag::ATTRIBUTE).expect("the attribute added");
            assert_eq!(
                a.child(tag::ATTRIBUTE_NAME).and_then(Item::as_text),
                Some(*name)
            );
            assert_eq!(
                a.child(tag::ATTRIBUTE_VALUE).and_then(Item::as_text),
                Some(*value)
            );
        }
        // x-Name values repeat across keys; x-Identifier and x-Component follow the same check-then-add.
        for (name, value) in [
            ("x-Identifier", "564d7a1e-1111-2222-3333-444455556666"),
            ("x-Component", "Virtual Machine"),
            ("x-Name", "web-01"),
        ] {
            let p = payload(&one(
                &mut c,
                GET_ATTRIBUTES,
                Some(&qlkc(n + 30)),
                vec![uid_item(uid), Item::text(tag::ATTRIBUTE_NAME, name)],
            ));
            assert_eq!(p.items().len(), 1);
            payload(&one(
                &mut c,
                ADD_ATTRIBUTE,
                Some(&qlkc(n + 31)),
                vec![uid_item(uid), attr_v1(name, Item::text(0, value))],
            ));
        }
        let p = payload(&one(
            &mut c,
            GET_ATTRIBUTES,
            Some(&qlkc(n + 40)),
            vec![uid_item(uid), Item::text(tag::ATTRIBUTE_NAME, "x-Vendor")],
        ));
        let a = p.child(tag::ATTRIBUTE).expect("x-Vendor now present");
        assert_eq!(
            a.child(tag::ATTRIBUTE_VALUE).and_then(Item::as_text),
            Some("VMware, Inc.")
        );
    }

    // Nothing in the log above debug level for any of this.
    let log = server.log_text();
    for line in log.lines() {
        assert!(
            !line.contains("ERROR") && !line.contains("WARN"),
            "unexpected log line: {line}"
        );
    }
}

fn credential(user: &str, password: &str) -> Item {
    Item::structure(
        tag::AUTHENTICATION,
        vec![Item::structure(
            tag::CREDENTIAL,
            vec![
                Item::enumeration(tag::CREDENTIAL_TYPE, credential_type::USERNAME_AND_PASSWORD),
                Item::structure(
                    tag::CREDENTIAL_VALUE,
                    vec![
                        Item::text(tag::USERNAME, user),
                        Item::text(tag::PASSWORD, password),
                    ],
                ),
            ],
        )],
    )
}

fn with_cred(c: &mut Conn, cred: Option<Item>, op: u32, id: &[u8], payload: Vec<Item>) -> Item {
    let resp = c.send(&request(
        V1_1,
        cred.map(|c| vec![c]),
        &[(op, Some(id), payload)],
    ));
    batch_items(&resp).remove(0)
}

/// vCenter 8.0.1's password protection: the credential travels on Create, Get, Get Attributes(State)
/// and Activate, not on Discover Versions, Get Attributes(x-…) or Add Attribute.
#[test]
fn vcenter_801_credential_header() {
    let server = TestServer::start();
    // A client without a configured credential: whatever it sends is ignored.
    let plain = server.issue("plain", "default");
    let mut c = Conn::connect(server.addr, &plain);
    let bi = with_cred(
        &mut c,
        Some(credential("anyone", "anything")),
        CREATE,
        &qlkc(1),
        create_aes_v1(256),
    );
    assert_success(&bi);

    // A client with a username and password configured.
    let dir = server.dir.path().join("pw-client");
    let pwfile = server.dir.path().join("pw.txt");
    std::fs::write(&pwfile, "s3cret-Passw0rd\n").expect("pw");
    admin(
        &server.data(),
        &[
            "client",
            "issue",
            "--name",
            "vc801",
            "--out",
            dir.to_str().expect("utf8"),
            "--username",
            "vcenter",
            "--password-file",
            pwfile.to_str().expect("utf8"),
        ],
    );
    let creds = Creds::load(
        &dir.join("vc801.crt"),
        &dir.join("vc801.key"),
        &dir.join("ca.crt"),
    );
    let mut c = Conn::connect(server.addr, &creds);
    // Discover Versions and Query never demand it.
    assert_success(&with_cred(
        &mut c,
        None,
        DISCOVER_VERSIONS,
        &qlkc(2),
        vec![],
    ));
    assert_success(&with_cred(
        &mut c,
        None,
        QUERY,
        &qlkc(3),
        vec![Item::enumeration(
            tag::QUERY_FUNCTION,
            query_function::QUERY_SERVER_INFORMATION,
        )],
    ));
    // Create with the right credential works; without it or with a wrong one it is refused.
    let ok = with_cred(
        &mut c,
        Some(credential("vcenter", "s3cret-Passw0rd")),
        CREATE,
        &qlkc(4),
        create_aes_v1(256),
    );
    assert_success(&ok);
    let uid = uid_of(ok.child(tag::RESPONSE_PAYLOAD).expect("payload"));
    for cred in [
        None,
        Some(credential("vcenter", "wrong")),
        Some(credential("other", "s3cret-Passw0rd")),
    ] {
        let bi = with_cred(&mut c, cred, GET, &qlkc(5), vec![uid_item(&uid)]);
        assert_eq!(result_status(&bi), 1);
        assert_eq!(
            result_reason(&bi),
            Some(keyhaven_kmip::enums::result_reason::AUTHENTICATION_NOT_SUCCESSFUL)
        );
    }
    let bi = with_cred(
        &mut c,
        Some(credential("vcenter", "s3cret-Passw0rd")),
        GET,
        &qlkc(6),
        vec![uid_item(&uid)],
    );
    assert_success(&bi);
}
