//! Store upgrades from every earlier schema version, with data in it, on SQLite and PostgreSQL
//! (docs/upgrades.md).
//!
//! Keys are made by a real server; then, for each earlier schema version V, a fresh store is
//! brought to version 1 with the repository's migration files, the server's tenants, clients,
//! keys and audit rows are written into it with version 1's columns (as a first release would
//! have), the migrations up to V are applied (as the releases in between would have), and the
//! current binary is started on it: it migrates the store to the current version and must serve
//! every key with the same material.

mod common;
#[path = "common/pg.rs"]
mod pg;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use common::*;

/// Tables and columns of schema version 1, in load order.
const V1_TABLES: &[(&str, &str)] = &[
    (
        "tenants",
        "id, name, state, root_provider, root_key_ref, wrapped_twk, twk_version, created_at",
    ),
    (
        "clients",
        "id, tenant_id, name, trust_kind, trust_data, cert_der, username, password_hash, created_at",
    ),
    (
        "objects",
        "uid, tenant_id, object_type, state, algorithm, length, wrapped_material, attributes, \
         created_at, updated_at, revision",
    ),
    ("audit", "at, tenant_id, actor, operation, uid, outcome, peer"),
];

/// The migration files of a store, in order (the same files the build embeds).
fn migrations(sub: &str) -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("src/store/migrations")
        .join(sub);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("migrations dir")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "sql"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("read migration"))
        .collect()
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for e in std::fs::read_dir(from).expect("read dir") {
        let p = e.expect("entry").path();
        if p.is_file() {
            std::fs::copy(&p, to.join(p.file_name().expect("name"))).expect("copy");
        }
    }
}

/// A server's keys: (uid, material), made through KMIP, and the data directory's secrets.
struct Origin {
    server: TestServer,
    creds: Creds,
    keys: Vec<(String, Vec<u8>)>,
}

fn origin(extra: &[&str]) -> Origin {
    let mut server = TestServer::start_with(extra);
    let app = server.dir.path().join("app");
    let mut args = vec![];
    if let Some(i) = extra.iter().position(|a| *a == "--database-url") {
        args.extend_from_slice(&extra[i..i + 2]);
    }
    args.extend_from_slice(&["client", "issue", "--name", "app", "--out"]);
    args.push(app.to_str().expect("utf8"));
    admin(&server.data(), &args);
    let creds = Creds::load(
        &app.join("app.crt"),
        &app.join("app.key"),
        &app.join("ca.crt"),
    );
    let mut c = Conn::connect(server.addr, &creds);
    let keys = (0..5)
        .map(|_| {
            let uid = uid_of(&c.ok(V1_1, CREATE, create_aes_v1(256)));
            let key = key_material(&c.ok(V1_1, GET, vec![uid_item(&uid)]));
            (uid, key)
        })
        .collect();
    drop(c);
    server.terminate();
    Origin {
        server,
        creds,
        keys,
    }
}

/// A new data directory with the origin's root keys and TLS material (no store).
fn data_dir_like(o: &Origin) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    copy_dir(&o.server.data().join("rootkeys"), &data.join("rootkeys"));
    copy_dir(&o.server.data().join("tls"), &data.join("tls"));
    dir
}

/// Starts the current binary on `dir` and checks every key of the origin.
fn serves_every_key(dir: tempfile::TempDir, extra: &[&str], o: &Origin, version: i64) {
    let mut s = TestServer {
        log: dir.path().join("server.log"),
        dir,
        child: None,
        addr: "127.0.0.1:1".parse().expect("addr"),
    };
    s.spawn(extra);
    let mut c = Conn::connect(s.addr, &o.creds);
    for (uid, key) in &o.keys {
        let got = key_material(&c.ok(V1_1, GET, vec![uid_item(uid)]));
        assert_eq!(
            &got, key,
            "key {uid} after the upgrade from schema version {version}"
        );
    }
    // And the upgraded store takes new keys.
    c.ok(V1_1, CREATE, create_aes_v1(256));
}

#[test]
fn sqlite_upgrades_from_every_earlier_schema_with_data() {
    let files = migrations("");
    assert_eq!(files.len() as i64, keyhaven::store::sqlite::SCHEMA_VERSION);
    let o = origin(&[]);
    let origin_db = o.server.data().join("keyhaven.db");
    for v in 1..keyhaven::store::sqlite::SCHEMA_VERSION {
        let dir = data_dir_like(&o);
        let db = dir.path().join("data/keyhaven.db");
        let conn = rusqlite::Connection::open(&db).expect("open");
        conn.execute_batch(
            "CREATE TABLE schema_version (version INTEGER PRIMARY KEY NOT NULL, \
             applied_at INTEGER NOT NULL)",
        )
        .expect("schema_version");
        let apply = |i: usize| {
            conn.execute_batch(&files[i]).expect("migration");
            conn.execute("INSERT INTO schema_version VALUES (?1, 0)", [i as i64 + 1])
                .expect("version row");
        };
        apply(0);
        conn.execute(
            "ATTACH DATABASE ?1 AS o",
            [origin_db.to_str().expect("utf8")],
        )
        .expect("attach");
        for (t, cols) in V1_TABLES {
            let n = conn
                .execute(
                    &format!("INSERT INTO main.{t} ({cols}) SELECT {cols} FROM o.{t}"),
                    [],
                )
                .expect("copy rows");
            assert!(n > 0 || *t == "audit", "rows of {t}");
        }
        conn.execute("DETACH DATABASE o", []).expect("detach");
        for i in 1..v as usize {
            apply(i);
        }
        drop(conn);
        serves_every_key(dir, &[], &o, v);
    }
}

fn psql_stdin(url: &str, sql: &str, input: &[u8]) -> String {
    let bin = pg::find_bin_dir().expect("PostgreSQL binaries");
    let mut child = Command::new(bin.join("psql"))
        .args([
            "-X",
            "-q",
            "-At",
            "-v",
            "ON_ERROR_STOP=1",
            "-d",
            url,
            "-c",
            sql,
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("psql");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input)
        .expect("write");
    let out = child.wait_with_output().expect("psql");
    assert!(
        out.status.success(),
        "psql {sql}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn postgres_upgrades_from_every_earlier_schema_with_data() {
    let files = migrations("postgres");
    assert_eq!(
        files.len() as i64,
        keyhaven::store::postgres::SCHEMA_VERSION
    );
    let pg = pg::PgServer::start();
    let origin_url = pg.create_database("origin");
    let o = origin(&["--database-url", &origin_url]);
    for v in 1..keyhaven::store::postgres::SCHEMA_VERSION {
        let name = format!("upgrade_from_{v}");
        let url = pg.create_database(&name);
        pg.psql(
            &name,
            "CREATE TABLE schema_version (version BIGINT PRIMARY KEY, applied_at BIGINT NOT NULL)",
        );
        let apply = |i: usize| {
            psql_stdin(&url, &files[i], b"");
            pg.psql(
                &name,
                &format!("INSERT INTO schema_version VALUES ({}, 0)", i + 1),
            );
        };
        apply(0);
        for (t, cols) in V1_TABLES {
            let rows = psql_stdin(
                &origin_url,
                &format!("COPY (SELECT {cols} FROM {t}) TO STDOUT"),
                b"",
            );
            assert!(!rows.is_empty() || *t == "audit", "rows of {t}");
            psql_stdin(
                &url,
                &format!("COPY {t} ({cols}) FROM STDIN"),
                rows.as_bytes(),
            );
        }
        for i in 1..v as usize {
            apply(i);
        }
        serves_every_key(data_dir_like(&o), &["--database-url", &url], &o, v);
        assert_eq!(
            pg.psql(&name, "SELECT MAX(version) FROM schema_version")
                .trim(),
            keyhaven::store::postgres::SCHEMA_VERSION.to_string()
        );
    }
}
