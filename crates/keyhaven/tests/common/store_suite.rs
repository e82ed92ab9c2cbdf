//! The store conformance suite: the semantics every [`Store`] backend must share, run against
//! SQLite and PostgreSQL alike (tests/cluster.rs). Each check gets a fresh, empty store and a second
//! handle on the same data (another process or node in production).
#![allow(dead_code)]

use std::sync::Arc;

use keyhaven::store::{
    AdminAccount, AdminSession, AuditRecord, ClientRecord, ClientTrust, ObjectFilter, ObjectQuery,
    ObjectRecord, PageRequest, RootRotation, RotationPhase, SessionSelector, Store, StoreError,
    TenantRecord, TenantState,
};
use keyhaven_kmip::attribute::{encode_storage, AttrName, Attribute};
use keyhaven_kmip::tag;
use keyhaven_ttlv::{Item, Value};

/// A fresh store and a second handle on the same database.
pub struct Fixture {
    pub store: Arc<dyn Store>,
    pub other: Arc<dyn Store>,
}

pub fn tenant(id: &str, name: &str) -> TenantRecord {
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

pub fn client(id: &str, tenant_id: &str, name: &str) -> ClientRecord {
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

pub fn object(
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

pub fn audit(at: i64, tenant_id: Option<&str>, uid: Option<&str>, op: &str) -> AuditRecord {
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

/// One named check of the suite.
type Check = (&'static str, fn(&Fixture));

/// Runs every check, each on a fresh fixture.
pub fn run_all(fresh: &dyn Fn() -> Fixture) {
    let checks: &[Check] = &[
        ("tenants", tenants_round_trip_unique_and_state),
        ("clients", clients_unique_names_list_remove),
        ("trust generation", trust_generation_bumps_on_every_change),
        ("objects", objects_insert_get_and_tenant_isolation),
        ("optimistic updates", update_object_optimistic_concurrency),
        ("list objects", list_objects_filters_order_and_limit),
        (
            "query objects (indexed)",
            query_objects_indexed_terms_and_pages,
        ),
        ("audit", audit_append_and_list_newest_first),
        ("concurrency", concurrent_writers_and_readers),
        ("extreme values", extreme_values_round_trip),
        ("root key rotation journal", root_rotation_journal),
        ("key protect mirror", key_mirrors_round_trip),
        ("administrators", admin_accounts_sessions_and_lockout),
        ("tenant settings", tenant_settings_per_tenant),
        ("session records", session_records_used_taken_and_bounded),
    ];
    for (name, check) in checks {
        eprintln!("store suite: {name}");
        check(&fresh());
    }
}

pub fn tenants_round_trip_unique_and_state(f: &Fixture) {
    let s = &f.store;
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
    // Byte order, whatever the database's locale: upper case before lower case.
    s.insert_tenant(&tenant("t9", "Zulu")).expect("insert 3");
    let names: Vec<String> = s
        .list_tenants()
        .expect("list")
        .into_iter()
        .map(|t| t.name)
        .collect();
    assert_eq!(names, ["Zulu", "alpha", "default"]);

    s.set_tenant_state("t1", TenantState::Suspended)
        .expect("suspend");
    assert_eq!(
        f.other.get_tenant("t1").expect("get").state,
        TenantState::Suspended,
        "seen through the other handle"
    );
    assert!(matches!(
        s.set_tenant_state("nope", TenantState::Active),
        Err(StoreError::NotFound(_))
    ));
}

pub fn clients_unique_names_list_remove(f: &Fixture) {
    let s = &f.store;
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
            f.other.insert_client(&client("c3", "t2", "vcenter-prod")),
            Err(StoreError::AlreadyExists(_))
        ),
        "client names are unique across tenants and handles"
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
    f.other.remove_client("vcenter-lab").expect("remove");
    assert!(matches!(
        s.remove_client("vcenter-lab"),
        Err(StoreError::NotFound(_))
    ));
    assert_eq!(s.list_clients(None).expect("all"), vec![c1]);
}

pub fn trust_generation_bumps_on_every_change(f: &Fixture) {
    let s = &f.store;
    let mut g = s.trust_generation().expect("gen");
    let mut bumped = |s: &dyn Store, what: &str| {
        let now = s.trust_generation().expect("gen");
        assert!(now > g, "{what} must bump the trust generation");
        g = now;
    };
    s.insert_tenant(&tenant("t1", "one")).expect("tenant");
    bumped(s.as_ref(), "insert_tenant");
    s.set_tenant_state("t1", TenantState::Suspended)
        .expect("state");
    bumped(s.as_ref(), "set_tenant_state");
    s.insert_client(&client("c1", "t1", "vc")).expect("client");
    bumped(s.as_ref(), "insert_client");
    s.remove_client("vc").expect("remove");
    bumped(s.as_ref(), "remove_client");

    // Object and audit writes do not touch trust.
    let before = s.trust_generation().expect("gen");
    s.insert_object(&object("u1", "t1", 2, 1, 1))
        .expect("object");
    s.append_audit(&audit(1, Some("t1"), Some("u1"), "Create"))
        .expect("audit");
    let mut o = s.get_object("t1", "u1").expect("get");
    o.revision += 1;
    s.update_object(&o).expect("update");
    assert_eq!(s.trust_generation().expect("gen"), before);

    // A change made through another handle (another node) is seen too.
    f.other
        .insert_client(&client("c2", "t1", "cli-added"))
        .expect("client via other handle");
    assert!(s.trust_generation().expect("gen") > before);
}

pub fn objects_insert_get_and_tenant_isolation(f: &Fixture) {
    let s = &f.store;
    s.insert_tenant(&tenant("t1", "one")).expect("t1");
    s.insert_tenant(&tenant("t2", "two")).expect("t2");
    let o = object("u1", "t1", 2, 1, 10);
    s.insert_object(&o).expect("insert");
    assert_eq!(s.get_object("t1", "u1").expect("get"), o);
    assert_eq!(
        f.other.get_object("t1", "u1").expect("get via other"),
        o,
        "read from another handle at once"
    );
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
            f.other.insert_object(&object("u1", "t2", 2, 1, 10)),
            Err(StoreError::AlreadyExists(_))
        ),
        "uids are unique across tenants"
    );
    assert!(matches!(
        s.insert_object(&object("u9", "missing", 2, 1, 10)),
        Err(StoreError::NotFound(_))
    ));
}

pub fn update_object_optimistic_concurrency(f: &Fixture) {
    let s = &f.store;
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

    // A second writer (another node) that also read revision 1 loses.
    let mut stale = o.clone();
    stale.state = 5;
    stale.revision = 2;
    assert!(matches!(
        f.other.update_object(&stale),
        Err(StoreError::Conflict(_))
    ));
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
    assert_eq!(f.other.get_object("t1", "u1").expect("get"), v3);

    // Many writers on two handles racing on one object: exactly one wins each revision.
    let wins = std::sync::atomic::AtomicUsize::new(0);
    std::thread::scope(|sc| {
        for w in 0..6 {
            let st = if w % 2 == 0 { &f.store } else { &f.other };
            let wins = &wins;
            let base = v3.clone();
            sc.spawn(move || {
                let mut next = base;
                next.revision = 4;
                next.state = 10 + w;
                match st.update_object(&next) {
                    Ok(()) => {
                        wins.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                    }
                    Err(StoreError::Conflict(_)) => {}
                    Err(e) => panic!("unexpected {e}"),
                }
            });
        }
    });
    assert_eq!(wins.into_inner(), 1, "exactly one writer wins revision 4");
    assert_eq!(s.get_object("t1", "u1").expect("get").revision, 4);
}

pub fn list_objects_filters_order_and_limit(f: &Fixture) {
    let s = &f.store;
    s.insert_tenant(&tenant("t1", "one")).expect("t1");
    s.insert_tenant(&tenant("t2", "two")).expect("t2");
    s.insert_object(&object("c", "t1", 2, 1, 30)).expect("c");
    s.insert_object(&object("a", "t1", 2, 2, 10)).expect("a");
    s.insert_object(&object("b", "t1", 7, 1, 20)).expect("b");
    let mut d = object("d", "t1", 2, 1, 40);
    d.algorithm = None;
    d.length = Some(128);
    s.insert_object(&d).expect("d");
    // Same creation second as "d": insertion order breaks the tie.
    s.insert_object(&object("0e", "t1", 2, 1, 40)).expect("e");
    s.insert_object(&object("x", "t2", 2, 1, 5)).expect("x");

    let uids = |flt: ObjectFilter, limit: Option<usize>| -> Vec<String> {
        s.list_objects("t1", &flt, limit)
            .expect("list")
            .into_iter()
            .map(|o| o.uid)
            .collect()
    };
    assert_eq!(
        uids(ObjectFilter::default(), None),
        ["a", "b", "c", "d", "0e"]
    );
    assert_eq!(uids(ObjectFilter::default(), Some(2)), ["a", "b"]);
    assert!(uids(ObjectFilter::default(), Some(0)).is_empty());
    let by_type = ObjectFilter {
        object_type: Some(2),
        ..Default::default()
    };
    assert_eq!(uids(by_type, None), ["a", "c", "d", "0e"]);
    let type_state = ObjectFilter {
        object_type: Some(2),
        state: Some(1),
        ..Default::default()
    };
    assert_eq!(uids(type_state, None), ["c", "d", "0e"]);
    let alg = ObjectFilter {
        algorithm: Some(3),
        ..Default::default()
    };
    assert_eq!(uids(alg, None), ["a", "b", "c", "0e"]);
    let len = ObjectFilter {
        length: Some(128),
        ..Default::default()
    };
    assert_eq!(uids(len, None), ["d"]);
    let all = ObjectFilter {
        object_type: Some(2),
        state: Some(1),
        algorithm: Some(3),
        length: Some(256),
    };
    assert_eq!(uids(all, Some(10)), ["c", "0e"]);
    let none = ObjectFilter {
        object_type: Some(99),
        ..Default::default()
    };
    assert!(uids(none, None).is_empty());
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

/// An attribute blob as the server writes it: a Name, custom text attributes and an Activation Date.
pub fn attrs_blob(name: &str, custom: &[(&str, &str)], activation: Option<i64>) -> Vec<u8> {
    let mut attrs = vec![
        Attribute::std(
            tag::NAME,
            Value::Structure(vec![
                Item::text(tag::NAME_VALUE, name),
                Item::enumeration(tag::NAME_TYPE, 1),
            ]),
        ),
        Attribute::std(tag::CRYPTOGRAPHIC_LENGTH, Value::Integer(256)),
        Attribute::std(tag::LAST_CHANGE_DATE, Value::DateTime(1_700_000_000)),
    ];
    for (n, v) in custom {
        attrs.push(Attribute {
            name: AttrName::from_v1_name(n).expect("custom name"),
            index: 0,
            value: Value::TextString((*v).to_owned()),
        });
    }
    if let Some(d) = activation {
        attrs.push(Attribute::std(tag::ACTIVATION_DATE, Value::DateTime(d)));
    }
    encode_storage(&attrs)
}

pub fn query_objects_indexed_terms_and_pages(f: &Fixture) {
    let s = &f.store;
    s.insert_tenant(&tenant("t1", "one")).expect("t1");
    s.insert_tenant(&tenant("t2", "two")).expect("t2");
    let mk = |uid: &str, t: &str, st: u32, at: i64, name: &str, vm: &str, act: Option<i64>| {
        let mut o = object(uid, t, 2, st, at);
        o.attributes = attrs_blob(name, &[("x-Name", vm), ("x-Component", "vsan")], act);
        o
    };
    s.insert_object(&mk("k1", "t1", 1, 100, "alpha", "vm-1", None))
        .expect("k1");
    s.insert_object(&mk("k2", "t1", 2, 200, "beta", "vm-2", Some(150)))
        .expect("k2");
    s.insert_object(&mk("k3", "t1", 2, 300, "alpha", "vm-3", Some(250)))
        .expect("k3");
    s.insert_object(&mk("k4", "t1", 5, 400, "gamma", "vm-1", None))
        .expect("k4");
    // Same name in another tenant: never found from t1.
    s.insert_object(&mk("o1", "t2", 1, 100, "alpha", "vm-1", None))
        .expect("o1");
    // An object whose attributes are not TTLV still lists (without terms).
    s.insert_object(&object("raw", "t1", 7, 1, 500))
        .expect("raw");

    let q = |q: ObjectQuery| -> Vec<String> {
        let page = s
            .query_objects("t1", &q, &PageRequest::first(100))
            .expect("query");
        assert_eq!(page.records.len(), page.positions.len());
        assert_eq!(
            s.count_objects("t1", &q).expect("count") as usize,
            page.records.len(),
            "count agrees with the page for {q:?}"
        );
        page.records.into_iter().map(|r| r.uid).collect()
    };
    let text = |a: &str, v: &str| ObjectQuery {
        text: vec![(a.to_owned(), v.to_owned())],
        ..Default::default()
    };
    assert_eq!(q(ObjectQuery::default()), ["k1", "k2", "k3", "k4", "raw"]);
    assert_eq!(q(text("Name", "alpha")), ["k1", "k3"]);
    assert_eq!(q(text("x-Name", "vm-1")), ["k1", "k4"]);
    assert!(q(text("x-Name", "vm-9")).is_empty());
    assert!(
        q(text("x-Vendor", "vm-1")).is_empty(),
        "attribute name matters"
    );
    // Part of a value, ASCII case ignored (a search box); the attribute name still matters.
    let contains = |a: &str, v: &str| ObjectQuery {
        text_contains: vec![(a.to_owned(), v.to_owned())],
        ..Default::default()
    };
    assert_eq!(q(contains("x-Name", "VM-")), ["k1", "k2", "k3", "k4"]);
    assert_eq!(q(contains("x-Name", "m-3")), ["k3"]);
    // A bounded count stops at its limit, duplicates of a multi-term match counted once.
    let bounded = |mut q: ObjectQuery, n: u64| {
        q.count_limit = Some(n);
        s.count_objects("t1", &q).expect("bounded count")
    };
    assert_eq!(bounded(ObjectQuery::default(), 2), 2);
    assert_eq!(bounded(ObjectQuery::default(), 100), 5);
    assert_eq!(bounded(contains("x-Name", "VM-"), 3), 3);
    assert_eq!(bounded(contains("x-Name", "VM-"), 100), 4);
    let mut two_terms = contains("x-Name", "VM-");
    two_terms
        .text_contains
        .push(("x-Component".into(), "vs".into()));
    assert_eq!(bounded(two_terms.clone(), 100), 4);
    assert_eq!(bounded(two_terms, 3), 3);
    assert!(q(contains("x-Name", "vm-1x")).is_empty());
    assert!(q(contains("x-Component", "vm")).is_empty());
    let mut narrowed = contains("x-Name", "vm-");
    narrowed.text.push(("Name".into(), "alpha".into()));
    assert_eq!(q(narrowed), ["k1", "k3"]);
    let mut both = text("x-Name", "vm-1");
    both.text.push(("Name".into(), "gamma".into()));
    assert_eq!(q(both), ["k4"]);
    let mut states = text("x-Component", "vsan");
    states.states = Some(vec![1, 2]);
    assert_eq!(q(states), ["k1", "k2", "k3"]);
    assert_eq!(
        q(ObjectQuery {
            states: Some(vec![]),
            ..Default::default()
        }),
        Vec::<String>::new()
    );
    assert_eq!(
        q(ObjectQuery {
            created: Some((150, 400)),
            ..Default::default()
        }),
        ["k2", "k3", "k4"]
    );
    let dates = |lo, hi| ObjectQuery {
        dates: vec![("Activation Date".into(), lo, hi)],
        ..Default::default()
    };
    assert_eq!(q(dates(0, 1000)), ["k2", "k3"]);
    assert_eq!(q(dates(200, 250)), ["k3"]);
    assert_eq!(
        q(ObjectQuery {
            object_type: Some(7),
            ..Default::default()
        }),
        ["raw"]
    );

    // Pages: by cursor and by offset, in insertion order.
    let all = ObjectQuery::default();
    let p1 = s
        .query_objects("t1", &all, &PageRequest::first(2))
        .expect("page 1");
    let uids = |p: &keyhaven::store::ObjectPage| -> Vec<String> {
        p.records.iter().map(|r| r.uid.clone()).collect()
    };
    assert_eq!(uids(&p1), ["k1", "k2"]);
    let p2 = s
        .query_objects(
            "t1",
            &all,
            &PageRequest {
                after: p1.next,
                offset: 0,
                limit: 2,
            },
        )
        .expect("page 2");
    assert_eq!(uids(&p2), ["k3", "k4"]);
    let p3 = s
        .query_objects(
            "t1",
            &all,
            &PageRequest {
                after: p2.next,
                offset: 0,
                limit: 2,
            },
        )
        .expect("page 3");
    assert_eq!(uids(&p3), ["raw"]);
    assert_eq!(p3.next, None, "a page that is not full is the last");
    let skipped = s
        .query_objects(
            "t1",
            &text("x-Component", "vsan"),
            &PageRequest {
                after: None,
                offset: 1,
                limit: 2,
            },
        )
        .expect("offset");
    assert_eq!(uids(&skipped), ["k2", "k3"]);

    // An update replaces the terms: the old name is gone, the new one found, from the other
    // handle too (another process or node).
    let mut k1 = s.get_object("t1", "k1").expect("k1");
    k1.attributes = attrs_blob("delta", &[("x-Name", "vm-1")], Some(50));
    k1.revision += 1;
    s.update_object(&k1).expect("update");
    assert_eq!(q(text("Name", "alpha")), ["k3"]);
    assert_eq!(q(text("Name", "delta")), ["k1"]);
    assert_eq!(q(text("x-Component", "vsan")), ["k2", "k3", "k4"]);
    assert_eq!(q(dates(0, 60)), ["k1"]);
    let other = f
        .other
        .query_objects("t1", &text("Name", "delta"), &PageRequest::first(10))
        .expect("other handle");
    assert_eq!(other.records.len(), 1);
    // A lost optimistic update changes no terms.
    let mut stale = k1.clone();
    stale.attributes = attrs_blob("epsilon", &[], None);
    assert!(matches!(
        s.update_object(&stale),
        Err(StoreError::Conflict(_))
    ));
    assert!(q(text("Name", "epsilon")).is_empty());
    assert_eq!(q(text("Name", "delta")), ["k1"]);
    // Tenant isolation.
    let t2 = s
        .query_objects("t2", &text("Name", "alpha"), &PageRequest::first(10))
        .expect("t2");
    assert_eq!(uids(&t2), ["o1"]);
}

pub fn audit_append_and_list_newest_first(f: &Fixture) {
    let s = &f.store;
    let a1 = audit(1, Some("t1"), Some("u1"), "Create");
    let a2 = audit(2, Some("t1"), Some("u2"), "Create");
    let a3 = audit(3, Some("t2"), Some("u1"), "Get");
    let mut a4 = audit(4, None, None, "TenantCreate");
    a4.actor = "admin".to_owned();
    a4.peer = None;
    s.append_audit(&a1).expect("append");
    // A batch keeps its order.
    s.append_audit_batch(&[a2.clone(), a3.clone()])
        .expect("batch");
    f.other.append_audit(&a4).expect("append via other");
    s.append_audit_batch(&[]).expect("empty batch");
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

    // A large batch is written whole.
    let big: Vec<AuditRecord> = (0..600)
        .map(|i| audit(100 + i, Some("t5"), None, "Get"))
        .collect();
    s.append_audit_batch(&big).expect("big batch");
    let back = s.list_audit(Some("t5"), None, 1000).expect("list big");
    assert_eq!(back.len(), 600);
    assert_eq!(back[0].at, 699, "newest first");
}

pub fn concurrent_writers_and_readers(f: &Fixture) {
    f.store.insert_tenant(&tenant("t1", "one")).expect("t1");
    std::thread::scope(|sc| {
        for w in 0..4 {
            let st = if w % 2 == 0 { &f.store } else { &f.other };
            sc.spawn(move || {
                for i in 0..25 {
                    let uid = format!("w{w}-{i}");
                    st.insert_object(&object(&uid, "t1", 2, 1, i))
                        .expect("insert");
                    assert_eq!(st.get_object("t1", &uid).expect("read own write").uid, uid);
                }
            });
        }
        for r in 0..4 {
            let st = if r % 2 == 0 { &f.store } else { &f.other };
            sc.spawn(move || {
                for _ in 0..25 {
                    st.list_objects("t1", &ObjectFilter::default(), Some(5))
                        .expect("list");
                }
            });
        }
    });
    assert_eq!(
        f.store
            .list_objects("t1", &ObjectFilter::default(), None)
            .expect("list")
            .len(),
        100
    );
}

/// KMIP enumerations are u32 (extensions use the high bit); lengths and times are signed.
pub fn extreme_values_round_trip(f: &Fixture) {
    let s = &f.store;
    s.insert_tenant(&tenant("t1", "one")).expect("t1");
    let mut o = object("u-max", "t1", u32::MAX, 0x8000_0001, i64::MAX);
    o.algorithm = Some(u32::MAX);
    o.length = Some(i32::MIN);
    o.updated_at = i64::MIN;
    o.wrapped_material = (0..=255u8).collect();
    o.attributes = vec![0; 70_000];
    s.insert_object(&o).expect("insert");
    assert_eq!(f.other.get_object("t1", "u-max").expect("get"), o);
    let found = s
        .list_objects(
            "t1",
            &ObjectFilter {
                object_type: Some(u32::MAX),
                state: Some(0x8000_0001),
                algorithm: Some(u32::MAX),
                length: Some(i32::MIN),
            },
            None,
        )
        .expect("list");
    assert_eq!(found, vec![o]);
    let mut t = tenant("t-ü", "名前 with ' quote");
    t.wrapped_twk = vec![0; 0];
    s.insert_tenant(&t).expect("unicode tenant");
    assert_eq!(s.get_tenant_by_name("名前 with ' quote").expect("get"), t);
}

/// The root key rotation journal: one rotation per tenant, the switch atomic and conditional.
pub fn root_rotation_journal(f: &Fixture) {
    let s = &f.store;
    s.insert_tenant(&tenant("t1", "one")).expect("t1");
    s.insert_tenant(&tenant("t2", "two")).expect("t2");
    assert_eq!(s.get_root_rotation("t1").expect("none yet"), None);
    let r = RootRotation {
        tenant_id: "t1".to_owned(),
        old_ref: "crk-t1".to_owned(),
        new_ref: "crk-t1-new".to_owned(),
        phase: RotationPhase::Rewrapping,
        started_at: 100,
        updated_at: 100,
    };
    s.begin_root_rotation(&r).expect("begin");
    assert!(
        matches!(
            f.other.begin_root_rotation(&r),
            Err(StoreError::AlreadyExists(_))
        ),
        "one rotation per tenant, whichever node asks"
    );
    let mut orphan = r.clone();
    orphan.tenant_id = "missing".to_owned();
    assert!(matches!(
        s.begin_root_rotation(&orphan),
        Err(StoreError::NotFound(_))
    ));
    assert_eq!(
        f.other.get_root_rotation("t1").expect("get"),
        Some(r.clone())
    );
    let mut r2 = r.clone();
    r2.tenant_id = "t2".to_owned();
    r2.old_ref = "crk-t2".to_owned();
    r2.started_at = 200;
    s.begin_root_rotation(&r2).expect("begin t2");
    assert_eq!(
        s.list_root_rotations().expect("list"),
        vec![r.clone(), r2.clone()]
    );

    let g = s.trust_generation().expect("gen");
    s.switch_root_key("t1", "crk-t1", "crk-t1-new", &[5, 6, 7])
        .expect("switch");
    let t = f.other.get_tenant("t1").expect("tenant");
    assert_eq!(t.root_key_ref, "crk-t1-new");
    assert_eq!(t.wrapped_twk, vec![5, 6, 7]);
    assert!(
        s.trust_generation().expect("gen") > g,
        "nodes reload the tenant"
    );
    assert_eq!(
        s.get_root_rotation("t1").expect("get").map(|r| r.phase),
        Some(RotationPhase::Retiring)
    );
    assert!(
        matches!(
            f.other.switch_root_key("t1", "crk-t1", "crk-other", &[9]),
            Err(StoreError::Conflict(_))
        ),
        "a second switch from the old key loses"
    );
    assert_eq!(
        s.get_tenant("t1").expect("tenant").root_key_ref,
        "crk-t1-new"
    );
    s.end_root_rotation("t1").expect("end");
    assert_eq!(s.get_root_rotation("t1").expect("gone"), None);
    s.end_root_rotation("t1").expect("ending twice is harmless");
    assert_eq!(s.list_root_rotations().expect("list"), vec![r2]);
}

/// The Key Protect mirror's rows: tenants mirrored or not, key rows inserted then replaced.
pub fn key_mirrors_round_trip(f: &Fixture) {
    use keyhaven::store::KeyMirror;
    let s = &f.store;
    s.insert_tenant(&tenant("t1", "one")).expect("t1");
    s.insert_tenant(&tenant("t2", "two")).expect("t2");
    assert!(s.list_tenant_mirrors().expect("list").is_empty());
    s.set_tenant_mirror("t1", Some("kp")).expect("set");
    s.set_tenant_mirror("t1", Some("kp2")).expect("change");
    assert_eq!(
        s.list_tenant_mirrors().expect("list"),
        vec![("t1".to_owned(), "kp2".to_owned())]
    );
    let mut m = KeyMirror {
        uid: "u1".into(),
        tenant_id: "t1".into(),
        provider: "kp2".into(),
        remote_id: None,
        state: "failed".into(),
        attempts: 1,
        last_error: Some("HTTP 403: no Writer".into()),
        updated_at: 10,
    };
    s.put_key_mirror(&m).expect("put");
    assert_eq!(s.list_key_mirrors("t1").expect("list"), vec![m.clone()]);
    m.state = "mirrored".into();
    m.remote_id = Some("0a1b".into());
    m.attempts = 2;
    m.last_error = None;
    s.put_key_mirror(&m).expect("replace");
    assert_eq!(s.list_key_mirrors("t1").expect("list"), vec![m]);
    assert!(s.list_key_mirrors("t2").expect("other tenant").is_empty());
    // Claims: one writer per key; a failed or stale claim can be taken again, a live one not.
    let claim = |uid: &str, at: i64| KeyMirror {
        uid: uid.into(),
        tenant_id: "t1".into(),
        provider: "kp2".into(),
        remote_id: None,
        state: "writing".into(),
        attempts: 1,
        last_error: None,
        updated_at: at,
    };
    assert!(s
        .claim_key_mirror(&claim("u2", 100), 0)
        .expect("first claim"));
    assert!(!s
        .claim_key_mirror(&claim("u2", 101), 50)
        .expect("live claim"));
    assert!(s
        .claim_key_mirror(&claim("u2", 300), 200)
        .expect("stale claim"));
    assert!(!s
        .claim_key_mirror(&claim("u1", 300), 1000)
        .expect("mirrored: not claimable"));
    let mut failed = claim("u2", 310);
    failed.state = "failed".into();
    s.put_key_mirror(&failed).expect("failed");
    assert!(s
        .claim_key_mirror(&claim("u2", 320), 0)
        .expect("failed: claimable"));
    let rows = s.list_key_mirrors("t1").expect("list");
    let u2 = rows.iter().find(|r| r.uid == "u2").expect("u2");
    assert_eq!((u2.state.as_str(), u2.updated_at), ("writing", 320));
    // A page's mirrors: only the keys asked for that have one, of this tenant only.
    let page = s.get_key_mirrors("t1", &["u2", "no-mirror"]).expect("page");
    assert_eq!(page, vec![u2.clone()]);
    assert_eq!(
        s.get_key_mirrors("t1", &["u1", "u2"]).expect("both"),
        rows.iter()
            .filter(|r| r.uid == "u1" || r.uid == "u2")
            .cloned()
            .collect::<Vec<_>>()
    );
    assert!(s
        .get_key_mirrors("t2", &["u1", "u2"])
        .expect("other")
        .is_empty());
    assert!(s.get_key_mirrors("t1", &[]).expect("none asked").is_empty());
    s.set_tenant_mirror("t1", None).expect("unset");
    assert!(s.list_tenant_mirrors().expect("list").is_empty());
}

/// Administrators, their sessions and login lockouts: what one node writes, another reads.
pub fn admin_accounts_sessions_and_lockout(f: &Fixture) {
    let (s, o) = (f.store.as_ref(), f.other.as_ref());
    let user = |name: &str, role: &str| AdminAccount {
        kind: "user".into(),
        name: name.into(),
        role: role.into(),
        tenant: None,
        secret: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA".into(),
        not_after: None,
        created_at: 100,
    };
    assert!(s.list_admin_accounts().expect("list").is_empty());
    s.put_admin_account(&user("alice", "admin")).expect("put");
    let mut cert = user("alice", "operator");
    cert.kind = "cert".into();
    cert.tenant = Some("acme".into());
    cert.secret = "ab".repeat(32);
    cert.not_after = Some(i64::MAX);
    s.put_admin_account(&cert).expect("same name, other kind");
    let listed = o.list_admin_accounts().expect("list");
    assert_eq!(listed, vec![cert.clone(), user("alice", "admin")]);
    // Replace (a new password, another role), then remove.
    o.put_admin_account(&user("alice", "viewer"))
        .expect("replace");
    assert_eq!(
        s.list_admin_accounts().expect("list")[1].role,
        "viewer",
        "replaced, not added"
    );
    assert!(s.delete_admin_account("cert", "alice").expect("delete"));
    assert!(!s.delete_admin_account("cert", "alice").expect("again"));
    assert_eq!(o.list_admin_accounts().expect("list").len(), 1);

    // Sessions by token hash.
    let sess = |h: u8, name: &str, created: i64, seen: i64| AdminSession {
        token_sha256: vec![h; 32],
        name: name.into(),
        role: "admin".into(),
        tenant: None,
        csrf: format!("csrf-{h}"),
        created_at: created,
        seen_at: seen,
    };
    s.put_admin_session(&sess(1, "alice", 1000, 1000))
        .expect("put");
    s.put_admin_session(&sess(2, "alice", 1000, 1000))
        .expect("put");
    s.put_admin_session(&sess(3, "bob", 10, 10)).expect("put");
    assert_eq!(
        o.get_admin_session(&[1; 32]).expect("get"),
        Some(sess(1, "alice", 1000, 1000))
    );
    assert_eq!(o.get_admin_session(&[9; 32]).expect("get"), None);
    o.touch_admin_session(&[1; 32], 1500).expect("touch");
    assert_eq!(
        s.get_admin_session(&[1; 32])
            .expect("get")
            .map(|x| x.seen_at),
        Some(1500)
    );
    assert_eq!(
        s.delete_admin_sessions(SessionSelector::Expired {
            seen_before: 500,
            created_before: 0,
        })
        .expect("expire"),
        1,
        "bob's idle session"
    );
    assert_eq!(
        o.delete_admin_sessions(SessionSelector::Token(&[2; 32]))
            .expect("logout"),
        1
    );
    assert_eq!(
        o.delete_admin_sessions(SessionSelector::User("alice"))
            .expect("all of alice"),
        1
    );
    assert_eq!(s.get_admin_session(&[1; 32]).expect("get"), None);

    // Lockout: counted across nodes, locked at the threshold, a lock that ran out forgotten.
    for i in 1..=2 {
        let f = [s, o][i % 2]
            .admin_login_failed("eve", 3, 5000, 1000)
            .expect("count");
        assert_eq!((f.failures, f.locked_until), (i as i64, None));
    }
    let f = s.admin_login_failed("eve", 3, 5000, 1000).expect("count");
    assert_eq!((f.failures, f.locked_until), (3, Some(5000)));
    let f = o.admin_login_failed("eve", 3, 9000, 2000).expect("count");
    assert_eq!(
        (f.failures, f.locked_until),
        (4, Some(5000)),
        "a lock is not extended"
    );
    assert_eq!(
        o.admin_login_failures("eve").expect("read").locked_until,
        Some(5000)
    );
    let f = s.admin_login_failed("eve", 3, 9000, 6000).expect("count");
    assert_eq!(
        (f.failures, f.locked_until),
        (1, None),
        "ran out: counts anew"
    );
    s.clear_admin_login_failures("eve").expect("clear");
    assert_eq!(o.admin_login_failures("eve").expect("read").failures, 0);
    assert_eq!(o.admin_login_failures("nobody").expect("read").failures, 0);
}

/// Per-tenant settings: set, replaced, claimed once, removed; each tenant its own.
pub fn tenant_settings_per_tenant(f: &Fixture) {
    let s = &f.store;
    s.insert_tenant(&tenant("t1", "one")).expect("t1");
    s.insert_tenant(&tenant("t2", "two")).expect("t2");
    assert_eq!(s.get_tenant_setting("t1", "a").expect("get"), None);
    s.put_tenant_setting("t1", "a", Some(b"one"), 1)
        .expect("put");
    s.put_tenant_setting("t1", "a", Some(b"two"), 2)
        .expect("replace");
    assert_eq!(
        s.get_tenant_setting("t1", "a").expect("get"),
        Some(b"two".to_vec())
    );
    assert_eq!(s.get_tenant_setting("t2", "a").expect("other tenant"), None);
    assert!(s
        .claim_tenant_setting("t2", "a", b"first", 3)
        .expect("claim"));
    assert!(!s
        .claim_tenant_setting("t2", "a", b"second", 4)
        .expect("taken"));
    assert_eq!(
        s.get_tenant_setting("t2", "a").expect("get"),
        Some(b"first".to_vec())
    );
    s.put_tenant_setting("t1", "a", None, 5).expect("remove");
    assert_eq!(s.get_tenant_setting("t1", "a").expect("gone"), None);
    s.put_tenant_setting("t1", "a", None, 6)
        .expect("removing twice is harmless");
    assert_eq!(
        s.get_tenant_setting("t2", "a").expect("kept"),
        Some(b"first".to_vec())
    );
    assert!(
        s.put_tenant_setting("nope", "a", Some(b"x"), 7).is_err(),
        "unknown tenant"
    );
    // Several settings in one call, in the order asked, missing ones None.
    s.put_tenant_setting("t2", "b", Some(b"bee"), 8)
        .expect("put b");
    assert_eq!(
        s.get_tenant_settings("t2", &["b", "missing", "a"])
            .expect("get several"),
        vec![Some(b"bee".to_vec()), None, Some(b"first".to_vec())]
    );
    assert_eq!(
        s.get_tenant_settings("t1", &["a", "b"]).expect("none set"),
        vec![None, None]
    );
}

/// Session records: bounded per client, used up, taken by their client only, expired ones purged.
pub fn session_records_used_taken_and_bounded(f: &Fixture) {
    use keyhaven::store::SessionRecord;
    let s = &f.store;
    s.insert_tenant(&tenant("t1", "one")).expect("t1");
    let rec = |id: u8, client: &str, uses: Option<i64>, expires: i64| SessionRecord {
        kind: SessionRecord::TICKET.into(),
        id: vec![id; 32],
        tenant_id: "t1".into(),
        client_id: client.into(),
        value: vec![id],
        uses_left: uses,
        expires,
        created_us: i64::from(id),
    };
    assert!(s
        .insert_session_record(&rec(1, "c1", Some(2), 100), 10, 2, 10)
        .expect("insert"));
    assert!(s
        .insert_session_record(&rec(2, "c1", None, 100), 10, 2, 10)
        .expect("insert"));
    assert!(!s
        .insert_session_record(&rec(3, "c1", None, 100), 10, 2, 10)
        .expect("bounded"));
    assert!(s
        .insert_session_record(&rec(4, "c2", None, 100), 10, 2, 10)
        .expect("other client"));
    assert_eq!(
        s.get_session_record("ticket", &[1; 32]).expect("get"),
        Some(rec(1, "c1", Some(2), 100))
    );
    assert_eq!(
        s.get_session_record("async", &[1; 32]).expect("other kind"),
        None
    );
    // Two uses, then none; unlimited stays usable; expired is not usable.
    assert!(s.use_session_record("ticket", &[1; 32], 10).expect("use"));
    assert!(s.use_session_record("ticket", &[1; 32], 10).expect("use"));
    assert!(!s
        .use_session_record("ticket", &[1; 32], 10)
        .expect("used up"));
    assert!(s
        .use_session_record("ticket", &[2; 32], 10)
        .expect("unlimited"));
    assert!(!s
        .use_session_record("ticket", &[2; 32], 100)
        .expect("expired"));
    // Listing, then taking: only by the client it belongs to.
    let ids: Vec<Vec<u8>> = s
        .list_session_records("ticket", "t1", "c1")
        .expect("list")
        .into_iter()
        .map(|r| r.id)
        .collect();
    assert_eq!(ids, vec![vec![1; 32], vec![2; 32]]);
    assert_eq!(
        s.take_session_record("ticket", &[2; 32], "t1", "c2")
            .expect("not c2's"),
        None
    );
    assert!(s
        .take_session_record("ticket", &[2; 32], "t1", "c1")
        .expect("take")
        .is_some());
    assert_eq!(
        s.get_session_record("ticket", &[2; 32]).expect("gone"),
        None
    );
    // The used-up record is purged by the next insert, making room for c1.
    assert!(s
        .insert_session_record(&rec(5, "c1", None, 200), 10, 2, 10)
        .expect("room"));
    assert_eq!(
        s.get_session_record("ticket", &[1; 32]).expect("purged"),
        None
    );
}
