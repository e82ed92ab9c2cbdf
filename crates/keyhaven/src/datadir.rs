//! The data directory: where the store, root keys and TLS material live, and its first-start set-up.
//!
//! ```text
//! DATA/keyhaven.db            SQLite store (tenants, clients, wrapped objects, audit)
//! DATA/rootkeys/<ref>.key     local customer root keys (0600; sealed when a passphrase is set)
//! DATA/tls/ca.crt, ca.key     the server's own CA (signs the server certificate and issued clients)
//! DATA/tls/server.crt, .key   the server certificate (RSA-2048, SANs, serverAuth)
//! ```
//!
//! With a database URL (`--database-url`, `KEYHAVEN_DATABASE_URL`) the store is that PostgreSQL
//! database instead of `keyhaven.db`, shared by every node that names it; root keys and TLS
//! material stay in the data directory (docs/cluster.md).

use std::collections::HashMap;
use std::fs;
use std::io::Write;
use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

use zeroize::Zeroizing;

use crate::crypto::envelope::Envelope;
use crate::pki::{self, CertAndKey};
use crate::rootkey::local::LocalRootKeyProvider;
use crate::rootkey::{RootKeyProvider, PASSPHRASE_ENV};
use crate::store::postgres::{PgSettings, PostgresStore};
use crate::store::sqlite::SqliteStore;
use crate::store::{Store, StoreError, TenantRecord, TenantState};

pub const DEFAULT_TENANT: &str = "default";

/// Paths inside a data directory.
#[derive(Clone, Debug)]
pub struct DataDir {
    pub root: PathBuf,
}

impl DataDir {
    pub fn new(root: impl Into<PathBuf>) -> DataDir {
        DataDir { root: root.into() }
    }
    pub fn db(&self) -> PathBuf {
        self.root.join("keyhaven.db")
    }
    pub fn rootkeys(&self) -> PathBuf {
        self.root.join("rootkeys")
    }
    /// Named root-key providers of this node (PKCS#11...), see [`crate::rootkey::registry`].
    pub fn providers_file(&self) -> PathBuf {
        self.root.join("providers.json")
    }
    pub fn tls(&self) -> PathBuf {
        self.root.join("tls")
    }
    /// The cluster key (see [`crate::rootkey::shared`]), on nodes of a joined cluster.
    pub fn cluster_key(&self) -> PathBuf {
        self.root.join("cluster.key")
    }
    pub fn ca_cert(&self) -> PathBuf {
        self.tls().join("ca.crt")
    }
    pub fn ca_key(&self) -> PathBuf {
        self.tls().join("ca.key")
    }
    pub fn server_cert(&self) -> PathBuf {
        self.tls().join("server.crt")
    }
    pub fn server_key(&self) -> PathBuf {
        self.tls().join("server.key")
    }
}

/// Errors of set-up, phrased for an administrator.
#[derive(Debug, thiserror::Error)]
pub enum SetupError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{0}")]
    Other(String),
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> SetupError + '_ {
    move |source| SetupError::Io {
        path: path.to_owned(),
        source,
    }
}

/// Creates a directory (and parents) with mode 0700.
pub fn make_private_dir(p: &Path) -> Result<(), SetupError> {
    fs::create_dir_all(p).map_err(io(p))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(p, fs::Permissions::from_mode(0o700)).map_err(io(p))?;
    }
    Ok(())
}

/// Writes a file atomically with the given mode.
pub fn write_file(p: &Path, bytes: &[u8], mode: u32) -> Result<(), SetupError> {
    let tmp = p.with_extension("tmp");
    {
        let mut opts = fs::OpenOptions::new();
        opts.write(true).create(true).truncate(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            opts.mode(mode);
        }
        let mut f = opts.open(&tmp).map_err(io(&tmp))?;
        f.write_all(bytes).map_err(io(&tmp))?;
        f.sync_all().map_err(io(&tmp))?;
    }
    #[cfg(not(unix))]
    let _ = mode;
    fs::rename(&tmp, p).map_err(io(p))
}

/// The opened pieces of a data directory.
pub struct Opened {
    pub dir: DataDir,
    pub store: Arc<dyn Store>,
    pub local: Arc<LocalRootKeyProvider>,
    pub envelope: Arc<Envelope>,
}

/// The PostgreSQL database every store of this process opens, when one was chosen.
static DATABASE_URL: RwLock<Option<String>> = RwLock::new(None);

/// Chooses the store of this process: the PostgreSQL database at `url`, or (`None`) SQLite in the
/// data directory. Set once by the command line before anything is opened.
pub fn set_database_url(url: Option<String>) {
    let url = url.filter(|u| !u.trim().is_empty());
    *DATABASE_URL.write().unwrap_or_else(|p| p.into_inner()) = url;
}

/// The CA certificates (PEM file) that verify the PostgreSQL server, when TLS is wanted.
static DATABASE_CA: RwLock<Option<PathBuf>> = RwLock::new(None);

/// Chooses TLS to PostgreSQL, verified against the CA certificates in this PEM file.
pub fn set_database_ca(ca: Option<PathBuf>) {
    *DATABASE_CA.write().unwrap_or_else(|p| p.into_inner()) = ca;
}

/// The PostgreSQL database URL chosen with [`set_database_url`], if any.
pub fn database_url() -> Option<String> {
    DATABASE_URL
        .read()
        .unwrap_or_else(|p| p.into_inner())
        .clone()
}

/// Where the store of this process lives, for banners and messages (never a password).
pub fn describe_store(dir: &DataDir) -> String {
    match database_url() {
        Some(url) => {
            let tls = if DATABASE_CA
                .read()
                .unwrap_or_else(|p| p.into_inner())
                .is_some()
            {
                " over TLS"
            } else {
                ""
            };
            match PostgresStore::describe_url(&url) {
                Some(target) => format!("PostgreSQL {target}{tls}"),
                None => format!("PostgreSQL{tls}"),
            }
        }
        None => format!("SQLite {}", dir.db().display()),
    }
}

/// Opens the PostgreSQL store chosen with [`set_database_url`] (and [`set_database_ca`]), if any.
pub fn open_postgres() -> Result<Option<PostgresStore>, SetupError> {
    let Some(url) = database_url() else {
        return Ok(None);
    };
    let ca = DATABASE_CA
        .read()
        .unwrap_or_else(|p| p.into_inner())
        .clone();
    let pg = match ca {
        Some(path) => {
            let pem = fs::read(&path).map_err(io(&path))?;
            PostgresStore::open_tls(&url, PgSettings::default(), &pem)
        }
        None => PostgresStore::open(&url, PgSettings::default()),
    }
    .map_err(|e| SetupError::Other(format!("cannot open the PostgreSQL store: {e}")))?;
    Ok(Some(pg))
}

/// Opens the store: the PostgreSQL database when a URL was chosen, else the SQLite file.
pub fn open_store(dir: &DataDir) -> Result<Arc<dyn Store>, SetupError> {
    match open_postgres()? {
        Some(pg) => {
            tracing::info!(database = %pg.target(), "store: PostgreSQL");
            Ok(Arc::new(pg))
        }
        None => Ok(Arc::new(SqliteStore::open(&dir.db()).map_err(|e| {
            SetupError::Other(format!("cannot open the store {}: {e}", dir.db().display()))
        })?)),
    }
}

/// Opens (creating when absent) the store and root-key providers of a data directory.
pub fn open(dir: &DataDir, root_key_check: std::time::Duration) -> Result<Opened, SetupError> {
    make_private_dir(&dir.root)?;
    let store = open_store(dir)?;
    let (local, envelope) = open_root_keys(dir, &store, root_key_check)?;
    Ok(Opened {
        dir: dir.clone(),
        store,
        local,
        envelope,
    })
}

/// The root-key providers and the envelope over them: the local provider ("local", key files in
/// `DATA/rootkeys`) and the named providers of `DATA/providers.json`, opened on first use.
fn open_root_keys(
    dir: &DataDir,
    store: &Arc<dyn Store>,
    root_key_check: std::time::Duration,
) -> Result<(Arc<LocalRootKeyProvider>, Arc<Envelope>), SetupError> {
    let passphrase = std::env::var(PASSPHRASE_ENV)
        .ok()
        .filter(|p| !p.is_empty())
        .map(Zeroizing::new);
    let local = LocalRootKeyProvider::open(&dir.rootkeys(), passphrase)
        .map_err(|e| {
            SetupError::Other(format!(
                "cannot open the local root keys in {}: {e}",
                dir.rootkeys().display()
            ))
        })?
        // Status checks read the file system every time (the envelope paces them), so a
        // deleted key file is seen at the next check.
        .with_recheck_interval(std::time::Duration::ZERO);
    // The nodes of a cluster share their local root keys through the store, once this node has
    // the cluster key (docs/cluster.md).
    let local = local.with_shared(Arc::new(crate::rootkey::shared::StoreSharedKeys::new(
        store.clone(),
        &dir.cluster_key(),
    )));
    let local = Arc::new(local);
    let mut providers: HashMap<String, Arc<dyn RootKeyProvider>> = HashMap::new();
    providers.insert(
        local.name().to_owned(),
        crate::server::metrics::rootkey::MeteredProvider::wrap(local.clone()),
    );
    let envelope = Arc::new(
        Envelope::new(providers, store.clone())
            .with_check_interval(root_key_check)
            .with_provider_resolver(crate::rootkey::registry::resolver(dir.providers_file())),
    );
    Ok((local, envelope))
}

/// Creates a tenant with a new root key in the local provider.
pub fn create_tenant(o: &Opened, name: &str) -> Result<TenantRecord, SetupError> {
    create_tenant_with(o, name, crate::rootkey::LOCAL_PROVIDER, None)
}

/// Creates a tenant whose root key is in the provider named `provider`: a new key, or the
/// existing key labelled `existing_key` (checked to be fit for a root key).
pub fn create_tenant_with(
    o: &Opened,
    name: &str,
    provider: &str,
    existing_key: Option<&str>,
) -> Result<TenantRecord, SetupError> {
    match o.store.get_tenant_by_name(name) {
        Ok(_) => return Err(SetupError::Other(format!("tenant {name:?} exists already"))),
        Err(StoreError::NotFound(_)) => {}
        Err(e) => return Err(SetupError::Other(e.to_string())),
    }
    let p = o.envelope.provider(provider).ok_or_else(|| {
        SetupError::Other(format!(
            "no root key provider named {provider:?} (see `keyhaven provider list`)"
        ))
    })?;
    let id = uuid::Uuid::new_v4().to_string();
    let root_key_ref = match existing_key {
        Some(label) => p.find_key(label).map_err(|e| {
            SetupError::Other(format!(
                "cannot use the root key {label:?} of {provider}: {e}"
            ))
        })?,
        None => p.create_key().map_err(|e| {
            SetupError::Other(format!("cannot create a root key in {provider}: {e}"))
        })?,
    };
    let wrapped_twk = o
        .envelope
        .new_tenant_key(provider, &root_key_ref, &id)
        .map_err(|e| SetupError::Other(format!("cannot create the tenant wrapping key: {e}")))?;
    let t = TenantRecord {
        id,
        name: name.to_owned(),
        state: TenantState::Active,
        root_provider: provider.to_owned(),
        root_key_ref,
        wrapped_twk,
        twk_version: 1,
        created_at: crate::server::ops::now(),
    };
    o.store
        .insert_tenant(&t)
        .map_err(|e| SetupError::Other(format!("cannot store tenant {name}: {e}")))?;
    Ok(t)
}

/// What first-start set-up did.
#[derive(Default, Debug)]
pub struct SetupReport {
    pub created_tenant: bool,
    pub created_tls: bool,
}

/// First start: the default tenant and the TLS material, each made only when absent.
pub fn ensure_initialized(
    o: &Opened,
    hostnames: &[String],
    ips: &[IpAddr],
) -> Result<SetupReport, SetupError> {
    let mut report = SetupReport::default();
    // One process at a time: `serve` and an admin command started together on a fresh directory
    // must not both create a CA or the default tenant. Released when the file closes.
    let lock_path = o.dir.root.join(".init.lock");
    let lock = fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
        .map_err(io(&lock_path))?;
    lock.lock().map_err(io(&lock_path))?;
    match o.store.get_tenant_by_name(DEFAULT_TENANT) {
        Ok(_) => {}
        Err(StoreError::NotFound(_)) => {
            create_tenant(o, DEFAULT_TENANT)?;
            report.created_tenant = true;
        }
        Err(e) => return Err(SetupError::Other(e.to_string())),
    }
    let d = &o.dir;
    if !d.ca_cert().exists() || !d.server_cert().exists() {
        make_private_dir(&d.tls())?;
        let ca = if d.ca_cert().exists() && d.ca_key().exists() {
            load_ca(d)?
        } else {
            let ca = pki::generate_ca("Keyhaven KMIP CA")
                .map_err(|e| SetupError::Other(e.to_string()))?;
            write_file(&d.ca_key(), ca.key_pem.as_bytes(), 0o600)?;
            write_file(&d.ca_cert(), ca.cert_pem.as_bytes(), 0o644)?;
            ca
        };
        let (mut names, mut addrs) = pki::detect_host_names();
        for h in hostnames {
            match h.parse::<IpAddr>() {
                Ok(ip) if !addrs.contains(&ip) => addrs.push(ip),
                Ok(_) => {}
                Err(_) if !names.contains(h) => names.push(h.clone()),
                Err(_) => {}
            }
        }
        for ip in ips {
            if !addrs.contains(ip) {
                addrs.push(*ip);
            }
        }
        let cn = names
            .iter()
            .find(|n| n.as_str() != "localhost")
            .cloned()
            .unwrap_or_else(|| "localhost".into());
        let server = pki::issue_server_cert(&ca, &cn, &names, &addrs)
            .map_err(|e| SetupError::Other(e.to_string()))?;
        write_file(&d.server_key(), server.key_pem.as_bytes(), 0o600)?;
        write_file(&d.server_cert(), server.cert_pem.as_bytes(), 0o644)?;
        report.created_tls = true;
    }
    Ok(report)
}

/// Loads the server CA (certificate and key) to issue or sign client certificates.
pub fn load_ca(d: &DataDir) -> Result<CertAndKey, SetupError> {
    let cert_pem = fs::read_to_string(d.ca_cert()).map_err(io(&d.ca_cert()))?;
    let key_pem = Zeroizing::new(fs::read_to_string(d.ca_key()).map_err(io(&d.ca_key()))?);
    let cert_der = pki::parse_certificates(cert_pem.as_bytes())
        .map_err(|e| SetupError::Other(e.to_string()))?
        .into_iter()
        .next()
        .ok_or_else(|| {
            SetupError::Other(format!("{} holds no certificate", d.ca_cert().display()))
        })?;
    Ok(CertAndKey {
        cert_pem,
        cert_der,
        key_pem,
    })
}
