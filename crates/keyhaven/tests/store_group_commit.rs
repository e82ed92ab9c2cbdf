//! Group commit of concurrent inserts in the SQLite store.

use std::sync::Arc;

use keyhaven::store::sqlite::SqliteStore;
use keyhaven::store::{ObjectFilter, ObjectRecord, Store, TenantRecord, TenantState};

fn object(uid: &str, tenant: &str) -> ObjectRecord {
    ObjectRecord {
        uid: uid.into(),
        tenant_id: tenant.into(),
        object_type: 2,
        state: 1,
        algorithm: Some(3),
        length: Some(256),
        wrapped_material: vec![1, 2, 3],
        attributes: vec![],
        created_at: 1,
        updated_at: 1,
        revision: 0,
    }
}

/// A new store at `path` with tenant "t".
fn store_with_tenant(path: &std::path::Path) -> Arc<SqliteStore> {
    let store = Arc::new(SqliteStore::open(path).expect("open"));
    store
        .insert_tenant(&TenantRecord {
            id: "t".into(),
            name: "t".into(),
            state: TenantState::Active,
            root_provider: "local".into(),
            root_key_ref: "r".into(),
            wrapped_twk: vec![0; 8],
            twk_version: 1,
            created_at: 0,
        })
        .expect("tenant");
    store
}

#[test]
fn concurrent_inserts_all_land_and_a_duplicate_fails_alone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("k.db");
    let store = store_with_tenant(&path);
    store.insert_object(&object("dup", "t")).expect("first");
    let threads: Vec<_> = (0..16)
        .map(|i| {
            let store = store.clone();
            std::thread::spawn(move || {
                let mut results = Vec::new();
                for j in 0..50 {
                    results.push(store.insert_object(&object(&format!("o-{i}-{j}"), "t")));
                    if j == 25 {
                        results.push(store.insert_object(&object("dup", "t")));
                    }
                }
                results
            })
        })
        .collect();
    let mut ok = 0;
    let mut dup_errors = 0;
    for t in threads {
        for r in t.join().expect("thread") {
            match r {
                Ok(()) => ok += 1,
                Err(keyhaven::store::StoreError::AlreadyExists(_)) => dup_errors += 1,
                Err(e) => panic!("unexpected error: {e}"),
            }
        }
    }
    assert_eq!(ok, 16 * 50);
    assert_eq!(dup_errors, 16);
    drop(store);
    let store = SqliteStore::open(&path).expect("reopen");
    assert_eq!(
        store
            .list_objects("t", &ObjectFilter::default(), None)
            .expect("list")
            .len(),
        16 * 50 + 1
    );
}

/// Audit batches join the object inserts' group commit: under concurrent Creates and audit
/// appends every record lands once, in one unbroken chain, and a failing insert (a duplicate)
/// fails alone without taking the audit records of its transaction with it.
#[test]
fn audit_batches_share_the_group_commit_and_chain_in_order() {
    use keyhaven::store::AuditRecord;
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("k.db");
    let store = store_with_tenant(&path);
    store.insert_object(&object("dup", "t")).expect("first");
    let record = |i: usize, j: usize| AuditRecord {
        at: 1,
        tenant_id: Some("t".into()),
        actor: format!("writer-{i}"),
        operation: "Create".into(),
        uid: Some(format!("a-{i}-{j}")),
        outcome: "success".into(),
        peer: None,
    };
    let threads: Vec<_> = (0..12)
        .map(|i| {
            let store = store.clone();
            std::thread::spawn(move || {
                let mut seqs = Vec::new();
                for j in 0..30 {
                    if i % 2 == 0 {
                        store
                            .insert_object(&object(&format!("o-{i}-{j}"), "t"))
                            .expect("insert");
                        if j == 10 {
                            assert!(store.insert_object(&object("dup", "t")).is_err());
                        }
                    } else {
                        let batch = [record(i, j), record(i, j + 100)];
                        let links = store.append_audit_chained(&batch).expect("append");
                        assert_eq!(links.len(), 2);
                        assert_eq!(links[1].0, links[0].0 + 1, "a batch is contiguous");
                        seqs.extend(links.iter().map(|l| l.0));
                    }
                }
                seqs
            })
        })
        .collect();
    let mut seqs: Vec<i64> = threads
        .into_iter()
        .flat_map(|t| t.join().expect("thread"))
        .collect();
    seqs.sort_unstable();
    let n = 6 * 30 * 2;
    assert_eq!(
        seqs,
        (1..=n as i64).collect::<Vec<_>>(),
        "every record once, no gap"
    );
    let report = keyhaven::audit::verify::verify(store.as_ref(), None).expect("chain verifies");
    assert_eq!(report.records, n);
    assert_eq!(
        store
            .list_objects("t", &ObjectFilter::default(), None)
            .expect("list")
            .len(),
        6 * 30 + 1
    );
}
