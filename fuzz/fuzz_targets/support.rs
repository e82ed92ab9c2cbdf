//! Shared by the server-side fuzz targets: one real server state (SQLite store, local root key,
//! the default tenant) in a temporary directory, built once per fuzzing process, and a trusted
//! client identity of the default tenant.

use std::sync::{Arc, OnceLock};
use std::time::Duration;

use keyhaven::datadir::{self, DataDir};
use keyhaven::server::identity::Identity;
use keyhaven::server::{Limits, Server};
use keyhaven::store::{ClientRecord, ClientTrust};

pub struct Fixture {
    pub server: Arc<Server>,
    pub who: Identity,
    _dir: tempfile::TempDir,
}

pub fn fixture() -> &'static Fixture {
    static F: OnceLock<Fixture> = OnceLock::new();
    F.get_or_init(|| {
        // tmpfs when there is one: the store fsyncs every write.
        let base = if std::path::Path::new("/dev/shm").is_dir() { "/dev/shm" } else { "/tmp" };
        let dir = tempfile::Builder::new()
            .prefix("keyhaven-fuzz-")
            .tempdir_in(base)
            .expect("temporary directory");
        let dd = DataDir::new(dir.path());
        let opened = datadir::open(&dd, Duration::from_secs(3600)).expect("open data dir");
        datadir::ensure_initialized(&opened, &[], &[]).expect("initialise data dir");
        let tenant = opened.store.get_tenant_by_name("default").expect("default tenant");
        let client = ClientRecord {
            id: "fuzz-client".into(),
            tenant_id: tenant.id.clone(),
            name: "fuzz".into(),
            trust: ClientTrust::PinnedCert { sha256: [0; 32] },
            cert_der: None,
            username: None,
            password_hash: None,
            created_at: 0,
        };
        let limits = Limits {
            max_message_len: 64 << 10,
            ..Limits::default()
        };
        let server = Arc::new(Server::new(opened.store.clone(), opened.envelope.clone(), limits));
        Fixture {
            server,
            who: Identity::Client {
                client: Arc::new(client),
                tenant: Arc::new(tenant),
            },
            _dir: dir,
        }
    })
}
