//! Tests of the SQLite store beyond the conformance suite every store passes
//! (tests/common/store_suite.rs, run on SQLite and PostgreSQL by tests/cluster.rs): its file,
//! schema versions, durability and Debug output.

#[path = "common/store_suite.rs"]
mod store_suite;

use std::path::Path;

use keyhaven::store::sqlite::{SqliteStore, SCHEMA_VERSION};
use keyhaven::store::{Store, StoreError};
use store_suite::{client, object, tenant};

fn open(dir: &Path) -> SqliteStore {
    SqliteStore::open(&dir.join("keyhaven.db")).expect("open store")
}

#[test]
fn debug_output_hides_password_hash() {
    let mut c = client("c1", "t1", "vc");
    c.password_hash = Some("$argon2id$secret-hash".to_owned());
    assert!(!format!("{c:?}").contains("secret-hash"));
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
