//! Locate and the key inventory answered from the store's indexes (store/query.rs): exact KMIP
//! semantics over the real server, pages by Maximum Items / Offset Items, criteria beyond the
//! indexes checked on the candidates, and a database made before the indexes gets them on open.

mod common;
#[path = "common/store_suite.rs"]
mod store_suite;

use common::*;
use keyhaven::store::sqlite::SqliteStore;
use keyhaven::store::{ObjectQuery, PageRequest, Store};
use keyhaven_kmip::enums::{name_type, state};
use keyhaven_kmip::{tag, ProtocolVersion};
use keyhaven_ttlv::Item;

const V1_4: ProtocolVersion = ProtocolVersion::V1_4;

fn name(n: &str) -> Item {
    Item::structure(
        tag::NAME,
        vec![
            Item::text(tag::NAME_VALUE, n),
            Item::enumeration(tag::NAME_TYPE, name_type::UNINTERPRETED_TEXT_STRING),
        ],
    )
}

fn create_with(c: &mut Conn, extra: Vec<Item>) -> String {
    let mut req = create_aes_v1(256);
    if let Some(t) = req[1].items_mut() {
        t.extend(extra);
    }
    uid_of(&c.ok(V1_1, CREATE, req))
}

fn located(c: &mut Conn, v: ProtocolVersion, payload: Vec<Item>) -> (Option<i32>, Vec<String>) {
    let p = c.ok(v, LOCATE, payload);
    (
        p.child(tag::LOCATED_ITEMS).and_then(Item::as_int),
        p.children(tag::UNIQUE_IDENTIFIER)
            .filter_map(Item::as_text)
            .map(str::to_owned)
            .collect(),
    )
}

#[test]
fn locate_uses_indexes_with_kmip_semantics() {
    let server = TestServer::start();
    let creds = server.issue("app", "default");
    let mut c = Conn::connect(server.addr, &creds);
    let mut uids = Vec::new();
    for i in 0..12 {
        let host = format!("host-{}", i % 3);
        uids.push(create_with(
            &mut c,
            vec![
                attr_v1("Name", name(&format!("key-{i}"))),
                attr_v1("x-Name", Item::text(0, &host)),
            ],
        ));
    }
    // By Name: exactly the one key, whatever else is stored.
    let (_, found) = located(&mut c, V1_1, vec![attr_v1("Name", name("key-7"))]);
    assert_eq!(found, vec![uids[7].clone()]);
    // A Name Type that differs: the index finds the value, the check refuses the type.
    let wrong_type = Item::structure(
        tag::NAME,
        vec![
            Item::text(tag::NAME_VALUE, "key-7"),
            Item::enumeration(tag::NAME_TYPE, name_type::URI),
        ],
    );
    assert!(located(&mut c, V1_1, vec![attr_v1("Name", wrong_type)])
        .1
        .is_empty());
    // By custom attribute, with Located Items and pages (1.4), in creation order.
    let host1: Vec<String> = (0..12)
        .filter(|i| i % 3 == 1)
        .map(|i| uids[i].clone())
        .collect();
    let (n, all) = located(
        &mut c,
        V1_4,
        vec![attr_v1("x-Name", Item::text(0, "host-1"))],
    );
    assert_eq!((n, all.clone()), (Some(4), host1.clone()));
    let (n, page) = located(
        &mut c,
        V1_4,
        vec![
            Item::int(tag::MAXIMUM_ITEMS, 2),
            Item::int(tag::OFFSET_ITEMS, 1),
            attr_v1("x-Name", Item::text(0, "host-1")),
        ],
    );
    assert_eq!(n, Some(4), "Located Items counts every match");
    assert_eq!(page, host1[1..3].to_vec());
    // A criterion beyond the indexes (an Integer attribute) narrows what the indexes found.
    let (n, _) = located(
        &mut c,
        V1_4,
        vec![
            attr_v1("x-Name", Item::text(0, "host-2")),
            attr_v1("Cryptographic Usage Mask", Item::int(0, 12)),
        ],
    );
    assert_eq!(n, Some(4));
    let (n, _) = located(
        &mut c,
        V1_4,
        vec![
            attr_v1("x-Name", Item::text(0, "host-2")),
            attr_v1("Cryptographic Usage Mask", Item::int(0, 4)),
        ],
    );
    assert_eq!(n, Some(0));
    // State by date: a key whose Activation Date has passed is Active though its row was written
    // Pre-Active; a pre-active key is not.
    let past = Item::new(0, keyhaven_ttlv::Value::DateTime(1_600_000_000));
    let dated = create_with(
        &mut c,
        vec![
            attr_v1("Name", name("dated")),
            attr_v1("Activation Date", past.clone()),
        ],
    );
    let active = attr_v1("State", Item::enumeration(0, state::ACTIVE));
    let (_, found) = located(&mut c, V1_1, vec![active.clone()]);
    assert_eq!(found, vec![dated.clone()]);
    let (n, _) = located(
        &mut c,
        V1_4,
        vec![attr_v1("State", Item::enumeration(0, state::PRE_ACTIVE))],
    );
    assert_eq!(n, Some(12));
    // By date (indexed), as a value and as a range.
    let (_, found) = located(&mut c, V1_1, vec![attr_v1("Activation Date", past)]);
    assert_eq!(found, vec![dated.clone()]);
    let (_, found) = located(
        &mut c,
        V1_1,
        vec![
            attr_v1(
                "Activation Date",
                Item::new(0, keyhaven_ttlv::Value::DateTime(1_500_000_000)),
            ),
            attr_v1(
                "Activation Date",
                Item::new(0, keyhaven_ttlv::Value::DateTime(1_650_000_000)),
            ),
        ],
    );
    assert_eq!(found, vec![dated]);
    // Renamed: the old name finds nothing, the new one the key.
    c.ok(
        V1_1,
        MODIFY_ATTRIBUTE,
        vec![uid_item(&uids[3]), attr_v1("Name", name("renamed"))],
    );
    assert!(located(&mut c, V1_1, vec![attr_v1("Name", name("key-3"))])
        .1
        .is_empty());
    assert_eq!(
        located(&mut c, V1_1, vec![attr_v1("Name", name("renamed"))]).1,
        vec![uids[3].clone()]
    );
    // The inventory lists by the same indexes: a page of the x-Name tag.
    let data = server.data();
    drop(c);
    let out = admin(&data, &["key", "list", "--json", "--tag", "x-Name=host-0"]);
    let rows: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(rows.as_array().map(Vec::len), Some(4), "{out}");
}

#[test]
fn sqlite_database_from_before_the_indexes_gets_them_on_open() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("keyhaven.db");
    {
        // The schema as the migrations before the index left it, with objects in it.
        let conn = rusqlite::Connection::open(&db).expect("raw open");
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/store/migrations");
        let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(&dir)
            .expect("migrations")
            .map(|e| e.expect("entry").path())
            .filter(|p| p.extension().is_some_and(|x| x == "sql"))
            .collect();
        files.sort();
        conn.execute_batch(
            "CREATE TABLE schema_version (version INTEGER PRIMARY KEY NOT NULL, \
             applied_at INTEGER NOT NULL);",
        )
        .expect("schema_version");
        for (i, f) in files.iter().enumerate() {
            if f.to_string_lossy().contains("object_index") {
                break;
            }
            conn.execute_batch(&std::fs::read_to_string(f).expect("read migration"))
                .expect("migration");
            conn.execute("INSERT INTO schema_version VALUES (?1, 0)", [i as i64 + 1])
                .expect("version");
        }
        conn.execute_batch(
            "INSERT INTO tenants (id, name, state, root_provider, root_key_ref, wrapped_twk, \
             twk_version, created_at) VALUES ('t1', 'one', 'active', 'local', 'crk', x'01', 1, 0);",
        )
        .expect("tenant");
        for (i, n) in ["old-a", "old-b", "old-a"].iter().enumerate() {
            let blob = store_suite::attrs_blob(n, &[("x-Identifier", "vc-1")], None);
            conn.execute(
                "INSERT INTO objects (uid, tenant_id, object_type, state, algorithm, length, \
                 wrapped_material, attributes, created_at, updated_at, revision) \
                 VALUES (?1, 't1', 2, 1, 3, 256, x'00', ?2, ?3, ?3, 0)",
                rusqlite::params![format!("u{i}"), blob, i as i64],
            )
            .expect("object");
        }
    }
    let s = SqliteStore::open(&db).expect("open and migrate");
    let q = |a: &str, v: &str| {
        s.query_objects(
            "t1",
            &ObjectQuery {
                text: vec![(a.into(), v.into())],
                ..Default::default()
            },
            &PageRequest::first(10),
        )
        .expect("query")
        .records
        .into_iter()
        .map(|r| r.uid)
        .collect::<Vec<_>>()
    };
    assert_eq!(q("Name", "old-a"), ["u0", "u2"]);
    assert_eq!(q("x-Identifier", "vc-1"), ["u0", "u1", "u2"]);
    drop(s);
    // Opening again indexes nothing twice.
    let s = SqliteStore::open(&db).expect("reopen");
    assert_eq!(
        s.count_objects(
            "t1",
            &ObjectQuery {
                text: vec![("Name".into(), "old-b".into())],
                ..Default::default()
            }
        )
        .expect("count"),
        1
    );
}

#[test]
fn gets_answered_without_a_hop_stay_exact_and_audited_once() {
    let mut server = TestServer::start();
    let creds = server.issue("esx", "default");
    let mut c = Conn::connect(server.addr, &creds);
    let uid = create_with(&mut c, vec![]);
    // The first Get clears Fresh (a write: the blocking pool); the next ones come from memory.
    let first = key_material(&c.ok(V1_1, GET, vec![uid_item(&uid)]));
    for _ in 0..2 {
        assert_eq!(key_material(&c.ok(V1_1, GET, vec![uid_item(&uid)])), first);
    }
    let state_of = |c: &mut Conn| {
        c.ok(
            V1_1,
            GET_ATTRIBUTES,
            vec![uid_item(&uid), Item::text(tag::ATTRIBUTE_NAME, "State")],
        )
        .child(tag::ATTRIBUTE)
        .and_then(|a| a.child(tag::ATTRIBUTE_VALUE))
        .and_then(Item::as_enum)
        .expect("state")
    };
    assert_eq!(state_of(&mut c), state::PRE_ACTIVE);
    // A change made by another process is seen by the very next request on this connection.
    let data = server.data();
    admin(
        &data,
        &["key", "revoke", &uid, "--reason", "key-compromise"],
    );
    assert_eq!(state_of(&mut c), state::COMPROMISED);
    admin(&data, &["key", "destroy", &uid]);
    let bi = c.call(V1_1, GET, vec![uid_item(&uid)]);
    assert_ne!(result_status(&bi), 0, "a destroyed key is not served");
    drop(c);
    assert!(server.terminate().success());
    let out = admin(&data, &["audit", "--uid", &uid, "--json"]);
    let rows: serde_json::Value = serde_json::from_str(&out).expect("json");
    let gets: Vec<&serde_json::Value> = rows
        .as_array()
        .expect("array")
        .iter()
        .filter(|r| r["operation"] == "Get")
        .collect();
    assert_eq!(gets.len(), 4, "each Get audited exactly once: {out}");
    assert_eq!(
        gets.iter().filter(|r| r["outcome"] == "success").count(),
        3,
        "{out}"
    );
    let attrs = rows
        .as_array()
        .expect("array")
        .iter()
        .filter(|r| {
            r["operation"]
                .as_str()
                .is_some_and(|o| o.starts_with("Get") && o.ends_with("Attributes"))
        })
        .count();
    assert_eq!(attrs, 2, "{out}");
}
