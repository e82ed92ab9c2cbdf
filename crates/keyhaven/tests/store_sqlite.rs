//! Tests of the SQLite store.

use std::path::Path;
use std::sync::Arc;

use keyhaven::store::sqlite::{SqliteStore, SCHEMA_VERSION};
use keyhaven::store::{
    AuditRecord, ClientRecord, ClientTrust, ObjectFilter, ObjectRecord, Store, StoreError,
    TenantRecord, TenantState,
};

fn open(dir: &Path) -> SqliteStore {
    SqliteStore::open(&dir.join("keyhaven.db")).expect("open store")
}

fn tenant(id: &str, name: &str) -> TenantRecord {
    TenantRecord {
        id: id.to_owned(),
        name: name.to_owned(),
        state: TenantState::Active,
        root_provider: "local".to_owned(),
        root_key_ref: format!("crk-{id}"),
        wrapped_twk: vec![1, 2, 3, 4],
        twk_version: 1,
        created_at: 1_700_000_000,
    }
}

fn client(id: &str, tenant_id: &str, name: &str) -> ClientRecord {
    ClientRecord {
        id: id.to_owned(),
        tenant_id: tenant_id.to_owned(),
        name: name.to_owned(),
        trust: ClientTrust::PinnedCert { sha256: [7; 32] },
        cert_der: Some(vec![0x30, 0x82]),
        username: None,
        password_hash: None,
        created_at: 1_700_000_001,
    }
}

fn object(
    uid: &str,
    tenant_id: &str,
    object_type: u32,
    state: u32,
    created_at: i64,
) -> ObjectRecord {
    ObjectRecord {
        uid: uid.to_owned(),
        tenant_id: tenant_id.to_owned(),
        object_type,
        state,
        algorithm: Some(3),
        length: Some(256),
        wrapped_material: vec![9; 48],
        attributes: vec![0x42, 0, 0x01],
        created_at,
        updated_at: created_at,
        revision: 1,
    }
}

fn audit(at: i64, tenant_id: Option<&str>, uid: Option<&str>, op: &str) -> AuditRecord {
    AuditRecord {
        at,
        tenant_id: tenant_id.map(str::to_owned),
        actor: "vcenter".to_owned(),
        operation: op.to_owned(),
        uid: uid.map(str::to_owned),
        outcome: "success".to_owned(),
        peer: Some("10.0.0.1:5000".to_owned()),
    }
}

#[test]
fn tenants_round_trip_unique_and_state() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = open(dir.path());
    let t = tenant("t1", "default");
    s.insert_tenant(&t).expect("insert");
    assert_eq!(s.get_tenant("t1").expect("get"), t);
    assert_eq!(s.get_tenant_by_name("default").expect("get by name"), t);
    assert!(matches!(s.get_tenant("nope"), Err(StoreError::NotFound(_))));
    assert!(matches!(
        s.get_tenant_by_name("nope"),
        Err(StoreError::NotFound(_))
    ));

    assert!(
        matches!(s.insert_tenant(&t), Err(StoreError::AlreadyExists(_))),
        "same id"
    );
    assert!(
        matches!(
            s.insert_tenant(&tenant("t2", "default")),
            Err(StoreError::AlreadyExists(_))
        ),
        "same name"
    );
    s.insert_tenant(&tenant("t0", "alpha")).expect("insert 2");
    let names: Vec<String> = s
        .list_tenants()
        .expect("list")
        .into_iter()
        .map(|t| t.name)
        .collect();
    assert_eq!(names, ["alpha", "default"]);

    s.set_tenant_state("t1", TenantState::Suspended)
        .expect("suspend");
    assert_eq!(
        s.get_tenant("t1").expect("get").state,
        TenantState::Suspended
    );
    assert!(matches!(
        s.set_tenant_state("nope", TenantState::Active),
        Err(StoreError::NotFound(_))
    ));
}

#[test]
fn clients_unique_names_list_remove() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = open(dir.path());
    s.insert_tenant(&tenant("t1", "one")).expect("t1");
    s.insert_tenant(&tenant("t2", "two")).expect("t2");
    let mut c1 = client("c1", "t1", "vcenter-prod");
    c1.username = Some("vc".to_owned());
    c1.password_hash = Some("$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA".to_owned());
    let mut c2 = client("c2", "t2", "vcenter-lab");
    c2.trust = ClientTrust::Ca {
        ca_der: vec![0x30, 1, 2, 3],
    };
    c2.cert_der = None;
    s.insert_client(&c1).expect("c1");
    s.insert_client(&c2).expect("c2");

    assert!(
        matches!(
            s.insert_client(&client("c3", "t2", "vcenter-prod")),
            Err(StoreError::AlreadyExists(_))
        ),
        "client names are unique across tenants"
    );
    assert!(matches!(
        s.insert_client(&client("c1", "t2", "other")),
        Err(StoreError::AlreadyExists(_))
    ));
    let mut dup_user = client("c4", "t2", "another");
    dup_user.username = Some("vc".to_owned());
    assert!(
        matches!(
            s.insert_client(&dup_user),
            Err(StoreError::AlreadyExists(_))
        ),
        "usernames are unique"
    );
    assert!(
        matches!(
            s.insert_client(&client("c5", "missing", "orphan")),
            Err(StoreError::NotFound(_))
        ),
        "client of an unknown tenant"
    );

    assert_eq!(
        s.list_clients(None).expect("all"),
        vec![c2.clone(), c1.clone()]
    );
    assert_eq!(s.list_clients(Some("t1")).expect("t1"), vec![c1.clone()]);
    assert_eq!(s.list_clients(Some("t2")).expect("t2"), vec![c2]);
    assert!(s.list_clients(Some("t3")).expect("t3").is_empty());

    s.remove_client("vcenter-lab").expect("remove");
    assert!(matches!(
        s.remove_client("vcenter-lab"),
        Err(StoreError::NotFound(_))
    ));
    assert_eq!(s.list_clients(None).expect("all"), vec![c1]);
}

#[test]
fn debug_output_hides_password_hash() {
    let mut c = client("c1", "t1", "vc");
    c.password_hash = Some("$argon2id$secret-hash".to_owned());
    assert!(!format!("{c:?}").contains("secret-hash"));
}

#[test]
fn trust_generation_bumps_on_every_tenant_and_client_change() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = open(dir.path());
    let mut g = s.trust_generation().expect("gen");
    let mut bumped = |s: &SqliteStore, what: &str| {
        let now = s.trust_generation().expect("gen");
        assert!(now > g, "{what} must bump the trust generation");
        g = now;
    };
    s.insert_tenant(&tenant("t1", "one")).expect("tenant");
    bumped(&s, "insert_tenant");
    s.set_tenant_state("t1", TenantState::Suspended)
        .expect("state");
    bumped(&s, "set_tenant_state");
    s.insert_client(&client("c1", "t1", "vc")).expect("client");
    bumped(&s, "insert_client");
    s.remove_client("vc").expect("remove");
    bumped(&s, "remove_client");

    // Object and audit writes do not touch trust.
    let before = s.trust_generation().expect("gen");
    s.insert_object(&object("u1", "t1", 2, 1, 1))
        .expect("object");
    s.append_audit(&audit(1, Some("t1"), Some("u1"), "Create"))
        .expect("audit");
    assert_eq!(s.trust_generation().expect("gen"), before);

    // A change made through another handle (another process in production) is seen too.
    let other = open(dir.path());
    other
        .insert_client(&client("c2", "t1", "cli-added"))
        .expect("client via other handle");
    assert!(s.trust_generation().expect("gen") > before);
}

#[test]
fn objects_insert_get_and_tenant_isolation() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = open(dir.path());
    s.insert_tenant(&tenant("t1", "one")).expect("t1");
    s.insert_tenant(&tenant("t2", "two")).expect("t2");
    let o = object("u1", "t1", 2, 1, 10);
    s.insert_object(&o).expect("insert");
    assert_eq!(s.get_object("t1", "u1").expect("get"), o);
    match s.get_object("t2", "u1") {
        Err(StoreError::NotFound(m)) => {
            assert!(!m.contains("t1"), "must not reveal the owner: {m}")
        }
        other => panic!("expected NotFound, got {other:?}"),
    }
    assert!(matches!(
        s.get_object("t1", "nope"),
        Err(StoreError::NotFound(_))
    ));
    assert!(matches!(
        s.insert_object(&o),
        Err(StoreError::AlreadyExists(_))
    ));
    assert!(
        matches!(
            s.insert_object(&object("u1", "t2", 2, 1, 10)),
            Err(StoreError::AlreadyExists(_))
        ),
        "uids are unique across tenants"
    );
    assert!(matches!(
        s.insert_object(&object("u9", "missing", 2, 1, 10)),
        Err(StoreError::NotFound(_))
    ));

    let dbg = format!("{o:?}");
    assert!(dbg.contains("<48 bytes>"), "{dbg}");
}

#[test]
fn update_object_optimistic_concurrency() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = open(dir.path());
    s.insert_tenant(&tenant("t1", "one")).expect("t1");
    s.insert_tenant(&tenant("t2", "two")).expect("t2");
    let o = object("u1", "t1", 2, 1, 10);
    s.insert_object(&o).expect("insert");

    let mut v2 = o.clone();
    v2.state = 2;
    v2.attributes = vec![1, 2, 3];
    v2.updated_at = 20;
    v2.revision = 2;
    s.update_object(&v2).expect("update to revision 2");
    assert_eq!(s.get_object("t1", "u1").expect("get"), v2);

    // A second writer that also read revision 1 loses.
    let mut stale = o.clone();
    stale.state = 5;
    stale.revision = 2;
    assert!(matches!(
        s.update_object(&stale),
        Err(StoreError::Conflict(_))
    ));
    // Skipping a revision is a conflict as well.
    let mut skip = v2.clone();
    skip.revision = 4;
    assert!(matches!(
        s.update_object(&skip),
        Err(StoreError::Conflict(_))
    ));

    let mut missing = v2.clone();
    missing.uid = "nope".to_owned();
    missing.revision = 3;
    assert!(matches!(
        s.update_object(&missing),
        Err(StoreError::NotFound(_))
    ));
    // Another tenant cannot update (or learn about) the object.
    let mut foreign = v2.clone();
    foreign.tenant_id = "t2".to_owned();
    foreign.revision = 3;
    assert!(matches!(
        s.update_object(&foreign),
        Err(StoreError::NotFound(_))
    ));
    assert_eq!(s.get_object("t1", "u1").expect("get"), v2);

    let mut v3 = v2.clone();
    v3.wrapped_material = Vec::new();
    v3.revision = 3;
    s.update_object(&v3).expect("update to revision 3");
    assert_eq!(s.get_object("t1", "u1").expect("get"), v3);
}

#[test]
fn list_objects_filters_order_and_limit() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = open(dir.path());
    s.insert_tenant(&tenant("t1", "one")).expect("t1");
    s.insert_tenant(&tenant("t2", "two")).expect("t2");
    s.insert_object(&object("c", "t1", 2, 1, 30)).expect("c");
    s.insert_object(&object("a", "t1", 2, 2, 10)).expect("a");
    s.insert_object(&object("b", "t1", 7, 1, 20)).expect("b");
    let mut d = object("d", "t1", 2, 1, 40);
    d.algorithm = None;
    d.length = Some(128);
    s.insert_object(&d).expect("d");
    s.insert_object(&object("x", "t2", 2, 1, 5)).expect("x");

    let uids = |f: ObjectFilter, limit: Option<usize>| -> Vec<String> {
        s.list_objects("t1", &f, limit)
            .expect("list")
            .into_iter()
            .map(|o| o.uid)
            .collect()
    };
    assert_eq!(uids(ObjectFilter::default(), None), ["a", "b", "c", "d"]);
    assert_eq!(uids(ObjectFilter::default(), Some(2)), ["a", "b"]);
    assert_eq!(
        uids(
            ObjectFilter {
                object_type: Some(2),
                ..Default::default()
            },
            None
        ),
        ["a", "c", "d"]
    );
    assert_eq!(
        uids(
            ObjectFilter {
                object_type: Some(2),
                state: Some(1),
                ..Default::default()
            },
            None
        ),
        ["c", "d"]
    );
    assert_eq!(
        uids(
            ObjectFilter {
                algorithm: Some(3),
                ..Default::default()
            },
            None
        ),
        ["a", "b", "c"]
    );
    assert_eq!(
        uids(
            ObjectFilter {
                length: Some(128),
                ..Default::default()
            },
            None
        ),
        ["d"]
    );
    assert_eq!(
        uids(
            ObjectFilter {
                object_type: Some(2),
                state: Some(1),
                algorithm: Some(3),
                length: Some(256)
            },
            Some(10)
        ),
        ["c"]
    );
    assert!(uids(
        ObjectFilter {
            object_type: Some(99),
            ..Default::default()
        },
        None
    )
    .is_empty());
    assert_eq!(
        s.list_objects("t2", &ObjectFilter::default(), None)
            .expect("t2")
            .len(),
        1
    );
    assert!(s
        .list_objects("t3", &ObjectFilter::default(), None)
        .expect("t3")
        .is_empty());
}

#[test]
fn audit_append_and_list_newest_first() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = open(dir.path());
    let a1 = audit(1, Some("t1"), Some("u1"), "Create");
    let a2 = audit(2, Some("t1"), Some("u2"), "Create");
    let a3 = audit(3, Some("t2"), Some("u1"), "Get");
    let mut a4 = audit(4, None, None, "TenantCreate");
    a4.actor = "admin".to_owned();
    a4.peer = None;
    for a in [&a1, &a2, &a3, &a4] {
        s.append_audit(a).expect("append");
    }
    assert_eq!(
        s.list_audit(None, None, 10).expect("all"),
        vec![a4.clone(), a3.clone(), a2.clone(), a1.clone()]
    );
    assert_eq!(
        s.list_audit(None, None, 2).expect("limit"),
        vec![a4, a3.clone()]
    );
    assert_eq!(
        s.list_audit(Some("t1"), None, 10).expect("tenant"),
        vec![a2, a1.clone()]
    );
    assert_eq!(
        s.list_audit(None, Some("u1"), 10).expect("uid"),
        vec![a3, a1.clone()]
    );
    assert_eq!(
        s.list_audit(Some("t1"), Some("u1"), 10).expect("both"),
        vec![a1]
    );
    assert!(s.list_audit(Some("t9"), None, 10).expect("none").is_empty());
    assert!(s.list_audit(None, None, 0).expect("zero").is_empty());
}

#[test]
fn reopen_is_idempotent_and_durable() {
    let dir = tempfile::tempdir().expect("tempdir");
    {
        let s = open(dir.path());
        assert_eq!(s.schema_version().expect("version"), SCHEMA_VERSION);
        s.insert_tenant(&tenant("t1", "one")).expect("t1");
        s.insert_object(&object("u1", "t1", 2, 1, 10)).expect("u1");
    }
    for _ in 0..2 {
        let s = open(dir.path());
        assert_eq!(s.schema_version().expect("version"), SCHEMA_VERSION);
        assert_eq!(s.get_object("t1", "u1").expect("survives reopen").uid, "u1");
        assert_eq!(s.list_tenants().expect("tenants").len(), 1);
    }
    // Each migration is recorded exactly once.
    let conn = rusqlite::Connection::open(dir.path().join("keyhaven.db")).expect("raw open");
    let rows: i64 = conn
        .query_row("SELECT COUNT(*) FROM schema_version", [], |r| r.get(0))
        .expect("count");
    assert_eq!(rows, SCHEMA_VERSION);
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .expect("journal mode");
    assert_eq!(mode, "wal");
}

#[test]
fn newer_schema_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    drop(open(dir.path()));
    {
        let conn = rusqlite::Connection::open(dir.path().join("keyhaven.db")).expect("raw open");
        conn.execute(
            "INSERT INTO schema_version (version, applied_at) VALUES (?1, 0)",
            [SCHEMA_VERSION + 5],
        )
        .expect("bump version");
    }
    match SqliteStore::open(&dir.path().join("keyhaven.db")) {
        Err(StoreError::Backend(m)) => {
            assert!(m.contains("newer"), "{m}");
            assert!(m.contains(&(SCHEMA_VERSION + 5).to_string()), "{m}");
        }
        Ok(_) => panic!("opened a database with a newer schema"),
        Err(e) => panic!("unexpected error {e}"),
    }
}

#[test]
fn not_a_database_is_a_backend_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("garbage.db");
    std::fs::write(&path, vec![0x55u8; 8192]).expect("write");
    assert!(matches!(
        SqliteStore::open(&path),
        Err(StoreError::Backend(_))
    ));
    assert!(matches!(
        SqliteStore::open(&dir.path().join("no-such-dir").join("x.db")),
        Err(StoreError::Backend(_))
    ));
}

#[cfg(unix)]
#[test]
fn database_file_is_private() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("tempdir");
    let s = open(dir.path());
    s.insert_tenant(&tenant("t1", "one")).expect("t1");
    let mode = std::fs::metadata(dir.path().join("keyhaven.db"))
        .expect("stat")
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
}

#[test]
fn concurrent_writers_and_readers() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = Arc::new(open(dir.path()));
    s.insert_tenant(&tenant("t1", "one")).expect("t1");
    // A second handle on the same file, as the admin CLI would have.
    let cli = Arc::new(open(dir.path()));
    let mut threads = Vec::new();
    for w in 0..4 {
        let st: Arc<SqliteStore> = if w % 2 == 0 {
            Arc::clone(&s)
        } else {
            Arc::clone(&cli)
        };
        threads.push(std::thread::spawn(move || {
            for i in 0..25 {
                let uid = format!("w{w}-{i}");
                st.insert_object(&object(&uid, "t1", 2, 1, i))
                    .expect("insert");
                assert_eq!(st.get_object("t1", &uid).expect("read own write").uid, uid);
            }
        }));
    }
    for _ in 0..8 {
        let st = Arc::clone(&s);
        threads.push(std::thread::spawn(move || {
            for _ in 0..25 {
                st.list_objects("t1", &ObjectFilter::default(), Some(5))
                    .expect("list");
            }
        }));
    }
    for t in threads {
        t.join().expect("thread");
    }
    assert_eq!(
        s.list_objects("t1", &ObjectFilter::default(), None)
            .expect("list")
            .len(),
        100
    );
}

/// Inserts through a child process that then aborts (no destructors, no clean close: what
/// `kill -9` does) and checks the acknowledged insert is in the file afterwards.
#[test]
fn acknowledged_insert_survives_abort() {
    if let Ok(path) = std::env::var("KEYHAVEN_TEST_ABORT_DB") {
        // Child side.
        let s = SqliteStore::open(Path::new(&path)).expect("open");
        s.insert_tenant(&tenant("t1", "one")).expect("t1");
        s.insert_object(&object("u-abort", "t1", 2, 1, 10))
            .expect("insert");
        std::process::abort();
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("keyhaven.db");
    let status = std::process::Command::new(std::env::current_exe().expect("test binary"))
        .args([
            "--exact",
            "acknowledged_insert_survives_abort",
            "--nocapture",
            "--test-threads=1",
        ])
        .env("KEYHAVEN_TEST_ABORT_DB", &db)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .expect("spawn child");
    assert!(!status.success(), "child should have aborted");
    let s = SqliteStore::open(&db).expect("reopen");
    assert_eq!(
        s.get_object("t1", "u-abort").expect("insert survived").uid,
        "u-abort"
    );
}
