//! Tamper-evident audit (issue 14, item 1), on SQLite and on a real PostgreSQL server:
//!
//! * the store chains records from several writers (two store handles on one database, as the
//!   server's audit thread and an admin CLI process do; two nodes on PostgreSQL);
//! * `audit verify` names the first broken record after each tampering done with raw SQL:
//!   altered, deleted, reordered, inserted (in the middle, and as an unchained row), a whole
//!   rewrite with every hash recomputed (caught by the signed checkpoint), the tail deleted;
//! * pruning leaves a signed anchor and verify still passes; a forged anchor is caught;
//! * end to end with the real server: records shipped as JSON lines and RFC 5424 syslog (UDP),
//!   `keyhaven audit verify` passing and then naming a record altered under it, admin actions in
//!   the same chain, fail-closed refusal and the default mode's spool (no record dropped).

mod common;
#[path = "common/pg.rs"]
mod pg;

use std::net::UdpSocket;
use std::path::Path;
use std::process::Command;
use std::sync::Arc;
use std::time::{Duration, Instant};

use common::*;
use keyhaven::audit::signing::AuditSigner;
use keyhaven::audit::verify::{self, VerifyError};
use keyhaven::store::audit_chain::link;
use keyhaven::store::postgres::{PgSettings, PostgresStore};
use keyhaven::store::sqlite::SqliteStore;
use keyhaven::store::{AuditRecord, Store};
use keyhaven_kmip::enums::result_reason;
use keyhaven_kmip::ProtocolVersion;
use pg::PgServer;

fn rec(i: i64, actor: &str) -> AuditRecord {
    AuditRecord {
        at: 1_700_000_000 + i * 100,
        tenant_id: Some("t1".into()),
        actor: actor.into(),
        operation: "Get".into(),
        uid: Some(format!("uid-{i}")),
        outcome: "success".into(),
        peer: Some("127.0.0.1:1".into()),
    }
}

/// 29 records from two writers, interleaved in batches, and a checkpoint at seq 21.
fn fill(a: &dyn Store, b: &dyn Store, signer: &AuditSigner) {
    for i in 0..10 {
        let w: &dyn Store = if i % 2 == 0 { a } else { b };
        let batch: Vec<AuditRecord> = (0..2)
            .map(|j| rec(i * 3 + j, if i % 2 == 0 { "server" } else { "admin" }))
            .collect();
        w.append_audit_batch(&batch).expect("append");
        if i == 9 {
            break;
        }
        w.append_audit(&rec(i * 3 + 2, "single"))
            .expect("append one");
        if i == 6 {
            verify::checkpoint(a, signer, 1).expect("checkpoint");
        }
    }
}

fn broken_at(store: &dyn Store, signer: &AuditSigner) -> (Option<i64>, Option<i64>, String) {
    match verify::verify(store, Some(&signer.verifier)) {
        Err(VerifyError::Broken(b)) => (b.id, b.seq, b.reason),
        other => panic!("tampering not detected: {other:?}"),
    }
}

/// One tampering case: raw SQL, then what verify must say (seq of the record named, and a word
/// of its reason).
struct Case {
    name: &'static str,
    sql: Vec<String>,
    seq: Option<i64>,
    word: &'static str,
}

fn cases(rewrite: Vec<String>, insert: Vec<String>) -> Vec<Case> {
    vec![
        Case {
            name: "altered",
            sql: vec!["UPDATE audit SET outcome = 'ItemNotFound' WHERE seq = 7".into()],
            seq: Some(7),
            word: "altered",
        },
        Case {
            name: "deleted",
            sql: vec!["DELETE FROM audit WHERE seq = 12".into()],
            seq: Some(13),
            word: "record 12 is missing",
        },
        Case {
            name: "reordered",
            sql: vec![
                "UPDATE audit SET seq = -1 WHERE seq = 5".into(),
                "UPDATE audit SET seq = 5 WHERE seq = 6".into(),
                "UPDATE audit SET seq = 6 WHERE seq = -1".into(),
            ],
            seq: Some(5),
            word: "reordered",
        },
        Case {
            name: "inserted (positions shifted, its link computed)",
            sql: insert,
            seq: Some(16),
            word: "inserted",
        },
        Case {
            name: "inserted (unchained row)",
            sql: vec!["INSERT INTO audit (at, actor, operation, outcome) VALUES (1, 'intruder', 'Destroy', 'success')".into()],
            seq: None,
            word: "inserted",
        },
        Case {
            name: "rewritten with every hash recomputed",
            sql: rewrite,
            seq: Some(21),
            word: "checkpoint",
        },
        Case {
            name: "tail deleted",
            sql: vec!["DELETE FROM audit WHERE seq > 27".into()],
            seq: Some(28),
            word: "deleted",
        },
    ]
}

/// The SQL an intruder runs to slip a record in at position 16, with a correct link to record 15
/// (positions after it shifted by one).
fn insert_sql(store: &dyn Store, hex: fn(&[u8]) -> String) -> Vec<String> {
    let rows = store.audit_chain(14, 1).expect("chain");
    let prev = rows[0].hash.clone().expect("hash of 15");
    let intruder = AuditRecord {
        at: 1_700_000_000,
        tenant_id: Some("t1".into()),
        actor: "intruder".into(),
        operation: "Get".into(),
        uid: Some("x".into()),
        outcome: "success".into(),
        peer: None,
    };
    let h = link(&prev, 16, &intruder);
    vec![
        "UPDATE audit SET seq = -seq WHERE seq > 15".into(),
        "UPDATE audit SET seq = 1 - seq WHERE seq < 0".into(),
        format!(
            "INSERT INTO audit (at, tenant_id, actor, operation, uid, outcome, peer, seq, prev_hash, hash) \
             VALUES (1700000000, 't1', 'intruder', 'Get', 'x', 'success', NULL, 16, {}, {})",
            hex(&prev),
            hex(&h)
        ),
    ]
}

/// The SQL an intruder with database access runs to rewrite record 3 and recompute every hash
/// after it (and the head), so that the links all hold again.
fn rewrite_sql(store: &dyn Store, hex: fn(&[u8]) -> String) -> Vec<String> {
    let rows = store.audit_chain(0, 1000).expect("chain");
    let mut sql = Vec::new();
    let mut prev = Vec::new();
    for r in rows {
        let seq = r.seq.expect("seq");
        let mut record = r.record.clone();
        if seq == 3 {
            record.outcome = "ItemNotFound".into();
        }
        if seq < 3 {
            prev = r.hash.clone().expect("hash");
            continue;
        }
        let h = link(&prev, seq, &record).to_vec();
        sql.push(format!(
            "UPDATE audit SET outcome = '{}', prev_hash = {}, hash = {} WHERE seq = {seq}",
            record.outcome,
            hex(&prev),
            hex(&h)
        ));
        prev = h;
    }
    sql.push(format!(
        "UPDATE audit_head SET hash = {} WHERE id = 1",
        hex(&prev)
    ));
    sql
}

fn sqlite_hex(b: &[u8]) -> String {
    format!("X'{}'", hex::encode(b))
}

fn pg_hex(b: &[u8]) -> String {
    format!("'\\x{}'::bytea", hex::encode(b))
}

#[test]
fn tampering_is_named_sqlite() {
    let keydir = tempfile::tempdir().expect("tempdir");
    let signer = AuditSigner::load_or_create(keydir.path()).expect("signer");
    let n = cases(vec![], vec![]).len();
    for i in 0..n {
        let dir = tempfile::tempdir().expect("tempdir");
        let db = dir.path().join("keyhaven.db");
        let a = SqliteStore::open(&db).expect("open");
        let b = SqliteStore::open(&db).expect("open second writer");
        fill(&a, &b, &signer);
        let r = verify::verify(&a, Some(&signer.verifier)).expect("intact chain verifies");
        assert_eq!((r.records, r.last_seq, r.checkpoints), (29, 29, 1));
        let case = cases(rewrite_sql(&a, sqlite_hex), insert_sql(&a, sqlite_hex)).remove(i);
        let raw = rusqlite::Connection::open(&db).expect("raw connection");
        for s in &case.sql {
            raw.execute_batch(s)
                .unwrap_or_else(|e| panic!("{}: {s}: {e}", case.name));
        }
        let (_, seq, reason) = broken_at(&a, &signer);
        assert_eq!(seq, case.seq, "{}: {reason}", case.name);
        assert!(reason.contains(case.word), "{}: {reason}", case.name);
    }
}

#[test]
fn tampering_is_named_postgres() {
    let pg = PgServer::start();
    let keydir = tempfile::tempdir().expect("tempdir");
    let signer = AuditSigner::load_or_create(keydir.path()).expect("signer");
    let n = cases(vec![], vec![]).len();
    for i in 0..n {
        let name = format!("tamper{i}");
        let url = pg.create_database(&name);
        // Two nodes' stores appending to one chain.
        let a = PostgresStore::open(&url, PgSettings::default()).expect("open");
        let b = PostgresStore::open(&url, PgSettings::default()).expect("open second node");
        fill(&a, &b, &signer);
        verify::verify(&a, Some(&signer.verifier)).expect("intact chain verifies");
        let case = cases(rewrite_sql(&a, pg_hex), insert_sql(&a, pg_hex)).remove(i);
        for s in &case.sql {
            pg.psql(&name, s);
        }
        let (_, seq, reason) = broken_at(&a, &signer);
        assert_eq!(seq, case.seq, "{}: {reason}", case.name);
        assert!(reason.contains(case.word), "{}: {reason}", case.name);
    }
}

#[test]
fn concurrent_writers_extend_one_chain_postgres() {
    let pg = PgServer::start();
    let url = pg.create_database("writers");
    let stores: Vec<Arc<PostgresStore>> = (0..4)
        .map(|_| Arc::new(PostgresStore::open(&url, PgSettings::default()).expect("open")))
        .collect();
    let threads: Vec<_> = stores
        .iter()
        .enumerate()
        .map(|(w, s)| {
            let s = s.clone();
            std::thread::spawn(move || {
                for i in 0..25 {
                    s.append_audit_batch(&[rec(i, &format!("w{w}")), rec(i, "x")])
                        .expect("append");
                }
            })
        })
        .collect();
    for t in threads {
        t.join().expect("writer");
    }
    let r = verify::verify(stores[0].as_ref(), None).expect("one unbroken chain");
    assert_eq!((r.records, r.last_seq), (200, 200));
}

#[test]
fn prune_leaves_a_signed_anchor() {
    let dir = tempfile::tempdir().expect("tempdir");
    let signer = AuditSigner::load_or_create(dir.path()).expect("signer");
    let db = dir.path().join("keyhaven.db");
    let a = SqliteStore::open(&db).expect("open");
    fill(&a, &a, &signer);
    // Records 0..=9 are older than this (at = 1_700_000_000 + i*100).
    let p = verify::prune(&a, &signer, 1_700_000_000 + 950, 5).expect("prune");
    assert_eq!(p.anchor.as_ref().map(|x| x.seq), Some(10));
    assert_eq!(p.removed, 10);
    let r = verify::verify(&a, Some(&signer.verifier)).expect("still verifies after pruning");
    assert_eq!((r.anchor_seq, r.first_seq, r.records), (Some(10), 11, 19));
    // Appending goes on after the prune.
    a.append_audit(&rec(99, "later")).expect("append");
    verify::verify(&a, Some(&signer.verifier)).expect("verifies");
    // Moving the anchor forward (to hide records 11 and 12) is caught.
    let raw = rusqlite::Connection::open(&db).expect("raw");
    raw.execute_batch("DELETE FROM audit WHERE seq <= 12; UPDATE audit_anchor SET seq = 12")
        .expect("tamper");
    let (_, seq, reason) = broken_at(&a, &signer);
    assert_eq!(seq, Some(12), "{reason}");
    assert!(reason.contains("anchor"), "{reason}");
}

fn run(data: &Path, args: &[&str]) -> (bool, String) {
    let out = Command::new(bin())
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .output()
        .expect("run keyhaven");
    (
        out.status.success(),
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    )
}

fn wait_for(what: &str, mut f: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while !f() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn server_ships_chains_and_verify_names_tampering() {
    let syslog = UdpSocket::bind("127.0.0.1:0").expect("udp");
    syslog
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout");
    let dir = tempfile::tempdir().expect("tempdir");
    let jsonl = dir.path().join("audit.jsonl");
    let target = format!("udp:{}", syslog.local_addr().expect("addr"));
    let mut s = TestServer::start_with(&[
        "--audit-jsonl",
        jsonl.to_str().expect("utf8"),
        "--audit-syslog",
        &target,
        "--audit-checkpoint-every",
        "3",
    ]);
    let creds = s.issue("app", "default");
    let mut c = Conn::connect(s.addr, &creds);
    let v = ProtocolVersion::V1_2;
    let uid = uid_of(&c.ok(v, CREATE, create_aes_v1(256)));
    c.ok(v, GET, vec![uid_item(&uid)]);
    let missing = c.call(v, GET, vec![uid_item("no-such-key")]);
    assert_eq!(result_reason(&missing), Some(result_reason::ITEM_NOT_FOUND));
    c.ok(v, ACTIVATE, vec![uid_item(&uid)]);
    // An admin action while the server runs: same chain.
    admin(&s.data(), &["key", "revoke", &uid]);
    c.ok(v, GET_ATTRIBUTES, vec![uid_item(&uid)]);
    drop(c);
    assert!(s.terminate().success());

    // JSON lines: one per record, with its chain position.
    let lines: Vec<serde_json::Value> = std::fs::read_to_string(&jsonl)
        .expect("jsonl")
        .lines()
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect();
    let ops: Vec<&str> = lines
        .iter()
        .filter_map(|l| l["operation"].as_str())
        .collect();
    assert!(ops.contains(&"Create") && ops.contains(&"Get"), "{ops:?}");
    assert!(lines
        .iter()
        .all(|l| l["seq"].as_i64().is_some_and(|s| s > 0)));
    // Syslog: RFC 5424 over UDP.
    let mut buf = [0u8; 4096];
    let n = syslog.recv(&mut buf).expect("a syslog datagram");
    let msg = String::from_utf8_lossy(&buf[..n]).into_owned();
    assert!(
        msg.starts_with("<8") && msg.contains(">1 ") && msg.contains("[keyhaven@32473 seq=\""),
        "{msg}"
    );

    let data = s.data();
    let (ok, out) = run(&data, &["audit", "verify"]);
    assert!(ok && out.contains("audit chain intact"), "{out}");
    assert!(out.contains("signed checkpoints matched"), "{out}");
    let (_, listing) = run(&data, &["audit", "--json"]);
    assert!(
        listing.contains("Revoke"),
        "admin action in the trail: {listing}"
    );

    // Alter a record under the server's feet.
    let raw = rusqlite::Connection::open(data.join("keyhaven.db")).expect("raw");
    raw.execute("UPDATE audit SET outcome = 'tampered' WHERE seq = 3", [])
        .expect("tamper");
    let (ok, out) = run(&data, &["audit", "verify"]);
    assert!(!ok, "verify must fail: {out}");
    assert!(out.contains("(seq 3)") && out.contains("altered"), "{out}");
    // Pruning refuses a broken chain (it would otherwise sign an anchor over the tampering).
    let (ok, out) = run(&data, &["audit", "prune", "--before", "2999-01-01"]);
    assert!(!ok && out.contains("nothing was pruned"), "{out}");
}

#[test]
fn prune_from_the_cli_keeps_verify_passing() {
    let mut s = TestServer::start();
    let creds = s.issue("app", "default");
    let mut c = Conn::connect(s.addr, &creds);
    for _ in 0..5 {
        c.ok(ProtocolVersion::V1_2, CREATE, create_aes_v1(128));
    }
    drop(c);
    assert!(s.terminate().success());
    let data = s.data();
    let (ok, out) = run(&data, &["audit", "prune", "--before", "2999-01-01"]);
    assert!(ok && out.contains("signed anchor at seq"), "{out}");
    let (ok, out) = run(&data, &["audit", "verify"]);
    assert!(
        ok && out.contains("starts after the signed pruning anchor"),
        "{out}"
    );
}

/// Makes every audit insert fail (as a full or broken audit table would) while other writes work.
fn refuse_audit(db: &Path, on: bool) {
    let raw = rusqlite::Connection::open(db).expect("raw");
    raw.busy_timeout(Duration::from_secs(5)).expect("busy");
    if on {
        raw.execute_batch(
            "CREATE TRIGGER refuse_audit BEFORE INSERT ON audit BEGIN SELECT RAISE(ABORT, 'audit refused by test'); END;",
        )
        .expect("trigger");
    } else {
        raw.execute_batch("DROP TRIGGER refuse_audit")
            .expect("drop trigger");
    }
}

fn count_ops(data: &Path, operation: &str) -> usize {
    let raw = rusqlite::Connection::open(data.join("keyhaven.db")).expect("raw");
    raw.query_row(
        "SELECT COUNT(*) FROM audit WHERE operation = ?1 AND seq IS NOT NULL",
        [operation],
        |r| r.get::<_, i64>(0),
    )
    .expect("count") as usize
}

#[test]
fn fail_closed_refuses_and_default_mode_spools_without_loss() {
    // Fail closed: refused while the audit cannot be written, served again once it can.
    let mut s = TestServer::start_with(&["--audit-fail-closed"]);
    let creds = s.issue("app", "default");
    let db = s.data().join("keyhaven.db");
    let v = ProtocolVersion::V1_2;
    let mut c = Conn::connect(s.addr, &creds);
    c.ok(v, QUERY, vec![]);
    refuse_audit(&db, true);
    let bi = c.call(v, CREATE, create_aes_v1(128));
    assert_eq!(result_reason(&bi), Some(result_reason::GENERAL_FAILURE));
    let later = c.call(v, QUERY, vec![]);
    assert_eq!(
        result_reason(&later),
        Some(result_reason::GENERAL_FAILURE),
        "refused while the audit cannot be written"
    );
    refuse_audit(&db, false);
    wait_for("the audit writer to recover", || {
        result_reason(&c.call(v, QUERY, vec![])).is_none()
    });
    drop(c);
    assert!(s.terminate().success());
    // The refused operations' records were kept and written once the store took them.
    assert!(count_ops(&s.data(), "Create") >= 1);
    assert!(run(&s.data(), &["audit", "verify"]).0);

    // Default mode: served meanwhile; after the retry window the records go to the spool file and
    // join the chain when the store accepts writes again.
    let mut s = TestServer::start_with(&["--audit-retry-secs", "1"]);
    let creds = s.issue("app", "default");
    let db = s.data().join("keyhaven.db");
    let spool = s.data().join("audit-spool.jsonl");
    let mut c = Conn::connect(s.addr, &creds);
    refuse_audit(&db, true);
    let before = count_ops(&s.data(), "Query");
    for _ in 0..3 {
        c.ok(v, QUERY, vec![]);
    }
    wait_for("the spool file", || spool.exists());
    wait_for("the spooling to be logged", || {
        s.log_text().contains("spooled")
    });
    refuse_audit(&db, false);
    c.ok(v, QUERY, vec![]);
    wait_for("the spool to be replayed", || !spool.exists());
    drop(c);
    assert!(s.terminate().success());
    assert_eq!(count_ops(&s.data(), "Query"), before + 4, "no record lost");
    let (ok, out) = run(&s.data(), &["audit", "verify"]);
    assert!(ok, "{out}");
}
