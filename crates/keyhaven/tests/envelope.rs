//! Tests of the key envelope over the local root-key provider and the SQLite store.

use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use keyhaven::crypto::envelope::{Envelope, EnvelopeError};
use keyhaven::rootkey::local::{KdfParams, LocalRootKeyProvider};
use keyhaven::rootkey::{RootKeyError, RootKeyProvider, RootKeyStatus};
use keyhaven::store::sqlite::SqliteStore;
use keyhaven::store::{ObjectRecord, Store, TenantRecord, TenantState};
use zeroize::Zeroizing;

const FAST: KdfParams = KdfParams {
    m_cost_kib: 256,
    t_cost: 1,
    p_cost: 1,
};

/// Wraps a provider and counts calls, so tests can see what the cache saves.
struct Counting {
    inner: Arc<LocalRootKeyProvider>,
    unwraps: AtomicUsize,
    statuses: AtomicUsize,
}

impl RootKeyProvider for Counting {
    fn kind(&self) -> &'static str {
        self.inner.kind()
    }
    fn create_key(&self) -> Result<String, RootKeyError> {
        self.inner.create_key()
    }
    fn wrap(&self, key_ref: &str, plaintext: &[u8], aad: &[u8]) -> Result<Vec<u8>, RootKeyError> {
        self.inner.wrap(key_ref, plaintext, aad)
    }
    fn unwrap(
        &self,
        key_ref: &str,
        wrapped: &[u8],
        aad: &[u8],
    ) -> Result<Zeroizing<Vec<u8>>, RootKeyError> {
        self.unwraps.fetch_add(1, Ordering::SeqCst);
        self.inner.unwrap(key_ref, wrapped, aad)
    }
    fn status(&self, key_ref: &str) -> Result<RootKeyStatus, RootKeyError> {
        self.statuses.fetch_add(1, Ordering::SeqCst);
        self.inner.status(key_ref)
    }
}

struct Fixture {
    _dir: tempfile::TempDir,
    keys_dir: std::path::PathBuf,
    db_path: std::path::PathBuf,
    store: Arc<SqliteStore>,
    provider: Arc<Counting>,
    envelope: Envelope,
}

fn fixture(check_interval: Duration, passphrase: Option<&str>) -> Fixture {
    let dir = tempfile::tempdir().expect("tempdir");
    let keys_dir = dir.path().join("rootkeys");
    let db_path = dir.path().join("keyhaven.db");
    let local =
        LocalRootKeyProvider::open(&keys_dir, passphrase.map(|p| Zeroizing::new(p.to_owned())))
            .expect("provider")
            .with_kdf_params(FAST)
            .with_recheck_interval(Duration::ZERO);
    let provider = Arc::new(Counting {
        inner: Arc::new(local),
        unwraps: AtomicUsize::new(0),
        statuses: AtomicUsize::new(0),
    });
    let store = Arc::new(SqliteStore::open(&db_path).expect("store"));
    let mut providers: HashMap<String, Arc<dyn RootKeyProvider>> = HashMap::new();
    providers.insert(
        "local".to_owned(),
        Arc::clone(&provider) as Arc<dyn RootKeyProvider>,
    );
    let envelope = Envelope::new(providers, Arc::clone(&store) as Arc<dyn Store>)
        .with_check_interval(check_interval);
    Fixture {
        _dir: dir,
        keys_dir,
        db_path,
        store,
        provider,
        envelope,
    }
}

fn make_tenant(f: &Fixture, id: &str, name: &str) -> TenantRecord {
    let crk = f.provider.create_key().expect("crk");
    let wrapped_twk = f
        .envelope
        .new_tenant_key("local", &crk, id)
        .expect("new tenant key");
    let t = TenantRecord {
        id: id.to_owned(),
        name: name.to_owned(),
        state: TenantState::Active,
        root_provider: "local".to_owned(),
        root_key_ref: crk,
        wrapped_twk,
        twk_version: 1,
        created_at: 1_700_000_000,
    };
    f.store.insert_tenant(&t).expect("insert tenant");
    t
}

const MATERIAL: &[u8; 32] = b"K3yMaterial-0123456789abcdefXYZ!";

#[test]
fn round_trip_and_cache() {
    let f = fixture(Duration::from_secs(30), None);
    let t = make_tenant(&f, "11111111-1111-1111-1111-111111111111", "default");
    let blob = f.envelope.seal(&t, "uid-1", MATERIAL).expect("seal");
    assert_eq!(blob[0], 1, "format byte");
    assert_eq!(&blob[1..9], &1i64.to_be_bytes(), "twk version");
    assert!(!blob.windows(MATERIAL.len()).any(|w| w == MATERIAL));
    assert_eq!(
        &f.envelope.open(&t, "uid-1", &blob).expect("open")[..],
        MATERIAL
    );
    assert_ne!(
        f.envelope.seal(&t, "uid-1", MATERIAL).expect("seal"),
        blob,
        "random nonces"
    );
    for i in 0..20 {
        let uid = format!("uid-{i}");
        let b = f.envelope.seal(&t, &uid, &[i as u8; 16]).expect("seal");
        assert_eq!(
            &f.envelope.open(&t, &uid, &b).expect("open")[..],
            &[i as u8; 16]
        );
    }
    assert_eq!(
        f.provider.unwraps.load(Ordering::SeqCst),
        1,
        "the TWK is unwrapped once and cached"
    );
    assert_eq!(
        f.provider.statuses.load(Ordering::SeqCst),
        0,
        "no status check within the interval"
    );

    // Verified through the store as well (a fresh envelope would unwrap again).
    f.envelope.forget_tenant(&t.id);
    assert_eq!(f.envelope.verify_tenant(&t.id).expect("verify"), t);
    assert_eq!(
        f.provider.unwraps.load(Ordering::SeqCst),
        2,
        "forget_tenant drops the cache entry"
    );
    assert!(matches!(
        f.envelope.verify_tenant("nope"),
        Err(EnvelopeError::Store { .. })
    ));
}

#[test]
fn sealed_root_key_round_trip() {
    let f = fixture(Duration::from_secs(30), Some("passphrase"));
    let t = make_tenant(&f, "t-sealed", "sealed");
    let blob = f.envelope.seal(&t, "u", MATERIAL).expect("seal");
    assert_eq!(
        &f.envelope.open(&t, "u", &blob).expect("open")[..],
        MATERIAL
    );

    // A process without the passphrase cannot unwrap the tenant key.
    let locked = LocalRootKeyProvider::open(&f.keys_dir, None).expect("provider");
    let mut providers: HashMap<String, Arc<dyn RootKeyProvider>> = HashMap::new();
    providers.insert("local".to_owned(), Arc::new(locked));
    let env2 = Envelope::new(providers, Arc::clone(&f.store) as Arc<dyn Store>);
    match env2.open(&t, "u", &blob) {
        Err(EnvelopeError::RootKeyUnavailable { tenant, reason }) => {
            assert_eq!(tenant, "t-sealed");
            assert!(reason.contains("KEYHAVEN_ROOT_PASSPHRASE"), "{reason}");
        }
        other => panic!("expected RootKeyUnavailable, got {other:?}"),
    }
}

#[test]
fn aad_binds_uid_tenant_and_content() {
    let f = fixture(Duration::from_secs(30), None);
    let t1 = make_tenant(&f, "tenant-1", "one");
    let t2 = make_tenant(&f, "tenant-2", "two");
    let blob = f.envelope.seal(&t1, "uid-a", MATERIAL).expect("seal");

    match f.envelope.open(&t1, "uid-b", &blob) {
        Err(EnvelopeError::Integrity { tenant, uid }) => {
            assert_eq!((tenant.as_str(), uid.as_str()), ("tenant-1", "uid-b"));
        }
        other => panic!("blob under another uid must fail, got {other:?}"),
    }
    assert!(
        matches!(
            f.envelope.open(&t2, "uid-a", &blob),
            Err(EnvelopeError::Integrity { .. })
        ),
        "blob under another tenant must fail"
    );
    // Another tenant row pointing at tenant 1's wrapped TWK (same CRK) still fails: the TWK is
    // bound to its tenant id.
    let mut forged = t2.clone();
    forged.root_key_ref = t1.root_key_ref.clone();
    forged.wrapped_twk = t1.wrapped_twk.clone();
    assert!(matches!(
        f.envelope.open(&forged, "uid-a", &blob),
        Err(EnvelopeError::TenantKeyInvalid { .. })
    ));

    for i in 0..blob.len() {
        let mut tampered = blob.clone();
        tampered[i] ^= 0x01;
        assert!(
            f.envelope.open(&t1, "uid-a", &tampered).is_err(),
            "flipped byte {i} was accepted"
        );
    }
    assert!(matches!(
        f.envelope.open(&t1, "uid-a", &blob[..20]),
        Err(EnvelopeError::Malformed { .. })
    ));
    let mut other_version = t1.clone();
    other_version.twk_version = 2;
    assert!(matches!(
        f.envelope.open(&other_version, "uid-a", &blob),
        Err(EnvelopeError::TwkVersionMismatch {
            found: 1,
            current: 2,
            ..
        })
    ));
    // Still fine with the right inputs.
    assert_eq!(
        &f.envelope.open(&t1, "uid-a", &blob).expect("open")[..],
        MATERIAL
    );
}

#[test]
fn destroyed_root_key_fails_after_check_interval() {
    let f = fixture(Duration::from_millis(200), None);
    let t = make_tenant(&f, "tenant-d", "doomed");
    let blob = f.envelope.seal(&t, "u", MATERIAL).expect("seal");
    assert_eq!(
        &f.envelope.open(&t, "u", &blob).expect("open")[..],
        MATERIAL
    );

    std::fs::remove_file(f.keys_dir.join(format!("{}.key", t.root_key_ref))).expect("delete CRK");
    std::thread::sleep(Duration::from_millis(250));
    match f.envelope.open(&t, "u", &blob) {
        Err(EnvelopeError::RootKeyUnavailable { tenant, reason }) => {
            assert_eq!(tenant, "tenant-d");
            assert!(reason.contains("destroyed"), "{reason}");
        }
        other => panic!("expected RootKeyUnavailable, got {other:?}"),
    }
    // The cache entry is gone: later calls keep failing (now from the provider).
    assert!(matches!(
        f.envelope.seal(&t, "u2", MATERIAL),
        Err(EnvelopeError::RootKeyUnavailable { .. })
    ));
    assert!(matches!(
        f.envelope.open(&t, "u", &blob),
        Err(EnvelopeError::RootKeyUnavailable { .. })
    ));
}

#[test]
fn disabled_root_key_fails_and_recovers() {
    let f = fixture(Duration::ZERO, None);
    let t = make_tenant(&f, "tenant-x", "x");
    let blob = f.envelope.seal(&t, "u", MATERIAL).expect("seal");
    f.provider.inner.disable(&t.root_key_ref).expect("disable");
    match f.envelope.open(&t, "u", &blob) {
        Err(EnvelopeError::RootKeyUnavailable { reason, .. }) => {
            assert!(reason.contains("disabled"), "{reason}")
        }
        other => panic!("expected RootKeyUnavailable, got {other:?}"),
    }
    f.provider.inner.enable(&t.root_key_ref).expect("enable");
    assert_eq!(
        &f.envelope.open(&t, "u", &blob).expect("open after enable")[..],
        MATERIAL
    );
}

#[test]
fn unknown_provider_kind() {
    let f = fixture(Duration::from_secs(30), None);
    assert!(matches!(
        f.envelope.new_tenant_key("aws-kms", "arn", "t"),
        Err(EnvelopeError::UnknownProvider { .. })
    ));
    let mut t = make_tenant(&f, "t", "t");
    t.root_provider = "aws-kms".to_owned();
    assert!(matches!(
        f.envelope.seal(&t, "u", MATERIAL),
        Err(EnvelopeError::UnknownProvider { .. })
    ));
}

#[test]
fn debug_and_errors_carry_no_key_bytes() {
    let f = fixture(Duration::from_secs(30), None);
    let t = make_tenant(&f, "t", "t");
    let blob = f.envelope.seal(&t, "u", MATERIAL).expect("seal");
    let dbg = format!("{:?}", f.envelope);
    assert!(dbg.contains("cached_tenants: 1"), "{dbg}");
    let err = f.envelope.open(&t, "v", &blob).expect_err("wrong uid");
    let text = format!("{err} {err:?}");
    assert!(
        !text.contains(&hex::encode(MATERIAL)) && !text.contains("K3yMaterial"),
        "{text}"
    );
}

fn file_contains(path: &Path, needle: &[u8]) -> bool {
    match std::fs::read(path) {
        Ok(data) => data.windows(needle.len()).any(|w| w == needle),
        Err(_) => false,
    }
}

#[test]
fn database_never_holds_plaintext_material() {
    let f = fixture(Duration::from_secs(30), None);
    let t = make_tenant(&f, "tenant-p", "plain");
    let wrapped = f.envelope.seal(&t, "uid-p", MATERIAL).expect("seal");
    let o = ObjectRecord {
        uid: "uid-p".to_owned(),
        tenant_id: t.id.clone(),
        object_type: 2,
        state: 1,
        algorithm: Some(3),
        length: Some(256),
        wrapped_material: wrapped.clone(),
        attributes: b"attrs".to_vec(),
        created_at: 1,
        updated_at: 1,
        revision: 1,
    };
    f.store.insert_object(&o).expect("insert");
    let back = f.store.get_object(&t.id, "uid-p").expect("get");
    assert_eq!(
        &f.envelope
            .open(&t, "uid-p", &back.wrapped_material)
            .expect("open")[..],
        MATERIAL
    );

    let wal = f.db_path.with_extension("db-wal");
    // The wrapped blob did reach the files (so the search below is meaningful)...
    assert!(file_contains(&f.db_path, &wrapped) || file_contains(&wal, &wrapped));
    // ...but the plaintext did not, neither in the database nor in its write-ahead log.
    assert!(!file_contains(&f.db_path, MATERIAL));
    assert!(!file_contains(&wal, MATERIAL));
    // Close every connection: the last one checkpoints the log into the main file.
    let Fixture {
        store,
        db_path,
        envelope,
        ..
    } = f;
    drop(envelope);
    drop(store);
    assert!(!wal.exists(), "log checkpointed and removed");
    assert!(file_contains(&db_path, &wrapped));
    assert!(!file_contains(&db_path, MATERIAL));
}
