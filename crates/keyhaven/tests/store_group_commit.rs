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

#[test]
fn concurrent_inserts_all_land_and_a_duplicate_fails_alone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("k.db");
    let store = Arc::new(SqliteStore::open(&path).expect("open"));
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
