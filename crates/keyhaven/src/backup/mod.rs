//! Online backup and restore of a node: the store, the local provider's root keys, the TLS CA and
//! server certificate, and the root-key provider configuration, in one encrypted file.
//!
//! ```text
//! FILE = format::header, sealed chunks of:
//!   store/sqlite.db            SQLite online backup (one consistent copy), or
//!   store/pg/<table> ...       PostgreSQL COPY text of every table, one snapshot (see store::postgres::dump)
//!   rootkeys/<name>            local root key files (and .disabled markers), as on disk
//!   tls/<name>                 CA and server certificates and keys
//!   providers.json             named root-key providers (how to reach them; never a secret)
//!   cluster.key                on a node of a joined cluster: the key sealing shared root keys
//!   manifest.json              format, date, version, store kind, schema version, row counts, tenants
//! ```
//!
//! The whole file is AES-256-GCM under a key derived from the passphrase (argon2id), in
//! authenticated chunks ([`format`]): the root keys inside it are sealed under the backup key, and
//! nothing in it can be read, truncated or altered unnoticed without the passphrase. Root keys
//! held by an HSM never leave it: a backup names the providers its tenants need, and a restore
//! checks that each is reachable and holds its tenants' root keys.

pub mod archive;
pub mod format;
mod sqlite;

use std::fs;
use std::io::{BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use crate::datadir::{self, DataDir};
use crate::store::postgres::dump::TableSink;
use crate::store::postgres::PostgresStore;
use archive::{ArchiveReader, ArchiveWriter};
pub use format::KdfParams;

/// Version of the archive layout (entries and manifest) written by this build.
pub const ARCHIVE_VERSION: u32 = 1;
const MANIFEST: &str = "manifest.json";
const SQLITE_ENTRY: &str = "store/sqlite.db";
const PG_PREFIX: &str = "store/pg/";
/// Largest single small file accepted from a backup (keys, certificates, JSON).
const MAX_SMALL_FILE: usize = 4 * 1024 * 1024;
/// Shortest passphrase accepted.
pub const MIN_PASSPHRASE: usize = 12;

/// Why a backup, verification or restore failed, phrased for an administrator.
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("{0}")]
    Usage(String),
    #[error("{0}")]
    Format(#[from] format::FormatError),
    #[error("backup damaged: {0}")]
    Damaged(String),
    #[error("I/O error: {0}")]
    Io(String),
    #[error("store: {0}")]
    Store(String),
    #[error("internal error: {0}")]
    Internal(String),
}

/// What the backup holds, written last into the file.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Manifest {
    pub archive_version: u32,
    pub created_at: i64,
    pub keyhaven_version: String,
    pub store: StoreInfo,
    pub files: Vec<String>,
    pub tenants: Vec<TenantInfo>,
    pub providers: Vec<ProviderInfo>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct StoreInfo {
    /// "sqlite" or "postgres".
    pub kind: String,
    pub schema_version: i64,
    pub tables: Vec<TableInfo>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct TableInfo {
    pub name: String,
    pub rows: u64,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct TenantInfo {
    pub name: String,
    pub provider: String,
    pub root_key_ref: String,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ProviderInfo {
    pub name: String,
    pub kind: String,
    /// How it is reached (PKCS#11 module, token, where the PIN comes from): no secret.
    pub summary: String,
    /// Whether its root keys are inside the backup (only the local provider's are).
    pub keys_in_backup: bool,
}

/// Reads a passphrase file (one line; a trailing newline is not part of it).
pub fn read_passphrase(path: &Path) -> Result<Zeroizing<String>, BackupError> {
    let raw = Zeroizing::new(
        fs::read_to_string(path)
            .map_err(|e| BackupError::Usage(format!("passphrase file {}: {e}", path.display())))?,
    );
    let p = Zeroizing::new(raw.trim_end_matches(['\r', '\n']).to_owned());
    if p.chars().count() < MIN_PASSPHRASE {
        return Err(BackupError::Usage(format!(
            "the passphrase in {} is shorter than {MIN_PASSPHRASE} characters",
            path.display()
        )));
    }
    Ok(p)
}

fn io_at(path: &Path) -> impl FnOnce(std::io::Error) -> BackupError + '_ {
    move |e| BackupError::Io(format!("{}: {e}", path.display()))
}

/// Regular files directly inside `dir` whose names fit an archive entry (temporary files, which
/// start with a dot, are left out), sorted.
fn files_in(dir: &Path) -> Result<Vec<(String, PathBuf)>, BackupError> {
    let mut out = Vec::new();
    let rd = match fs::read_dir(dir) {
        Ok(rd) => rd,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(out),
        Err(e) => return Err(io_at(dir)(e)),
    };
    for entry in rd {
        let entry = entry.map_err(io_at(dir))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') || !archive::valid_name(&name) {
            continue;
        }
        if entry.file_type().map_err(io_at(dir))?.is_file() {
            out.push((name, entry.path()));
        }
    }
    out.sort();
    Ok(out)
}

/// Adapts the archive writer to the PostgreSQL export.
struct PgEntries<'a, W: Write> {
    w: &'a mut ArchiveWriter<W>,
}

impl<W: Write> TableSink for PgEntries<'_, W> {
    fn begin_table(&mut self, name: &str) -> Result<(), String> {
        self.w
            .begin(&format!("{PG_PREFIX}{name}"))
            .map_err(|e| e.to_string())
    }
    fn data(&mut self, bytes: &[u8]) -> Result<(), String> {
        self.w.segment(bytes).map_err(|e| e.to_string())
    }
    fn end_table(&mut self) -> Result<(), String> {
        self.w.end().map_err(|e| e.to_string())
    }
}

/// Opens the PostgreSQL store named on the command line, if any.
fn open_pg() -> Result<Option<PostgresStore>, BackupError> {
    datadir::open_postgres().map_err(|e| BackupError::Store(e.to_string()))
}

/// Takes a backup of the node at `dir` (its store: SQLite in the directory, or the PostgreSQL
/// database chosen with [`datadir::set_database_url`]) into `out`, which must not exist. Works
/// while the server runs and serves.
pub fn create(
    dir: &DataDir,
    out: &Path,
    passphrase: &str,
    kdf: KdfParams,
) -> Result<Manifest, BackupError> {
    if out.exists() {
        return Err(BackupError::Usage(format!(
            "{} exists already: choose a new file name",
            out.display()
        )));
    }
    if !dir.ca_cert().exists() {
        return Err(BackupError::Usage(format!(
            "{} is not an initialised Keyhaven data directory (no {})",
            dir.root.display(),
            dir.ca_cert().display()
        )));
    }
    let partial = out.with_extension("partial");
    let file = {
        let mut o = fs::OpenOptions::new();
        o.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            o.mode(0o600);
        }
        o.open(&partial).map_err(io_at(&partial))?
    };
    let result = (|| {
        let mut w = ArchiveWriter::new(BufWriter::new(file), passphrase.as_bytes(), kdf)?;
        let mut files = Vec::new();
        let (store, tenants) = match open_pg()? {
            Some(pg) => {
                let snap = pg
                    .export_snapshot(&mut PgEntries { w: &mut w })
                    .map_err(|e| BackupError::Store(e.to_string()))?;
                let tables = snap
                    .tables
                    .iter()
                    .map(|(name, rows)| TableInfo {
                        name: name.clone(),
                        rows: *rows,
                    })
                    .collect();
                let tenants = snap
                    .tenants
                    .into_iter()
                    .map(|(name, provider, root_key_ref)| TenantInfo {
                        name,
                        provider,
                        root_key_ref,
                    })
                    .collect();
                (
                    StoreInfo {
                        kind: "postgres".into(),
                        schema_version: snap.schema_version,
                        tables,
                    },
                    tenants,
                )
            }
            None => {
                let copy = sqlite::online_copy(&dir.db(), out)?;
                let mut f = fs::File::open(copy.path()).map_err(io_at(copy.path()))?;
                w.copy_from(SQLITE_ENTRY, &mut f)?;
                (copy.store.clone(), copy.tenants.clone())
            }
        };
        for (sub, path) in [("rootkeys", dir.rootkeys()), ("tls", dir.tls())] {
            for (name, p) in files_in(&path)? {
                let data = Zeroizing::new(fs::read(&p).map_err(io_at(&p))?);
                let entry = format!("{sub}/{name}");
                w.file(&entry, &data)?;
                files.push(entry);
            }
        }
        if dir.cluster_key().exists() {
            let data =
                Zeroizing::new(fs::read(dir.cluster_key()).map_err(io_at(&dir.cluster_key()))?);
            w.file("cluster.key", &data)?;
            files.push("cluster.key".into());
        }
        let mut providers = vec![ProviderInfo {
            name: crate::rootkey::LOCAL_PROVIDER.into(),
            kind: "local".into(),
            summary: "key files in the data directory's rootkeys/".into(),
            keys_in_backup: true,
        }];
        let pfile = dir.providers_file();
        if pfile.exists() {
            let data = fs::read(&pfile).map_err(io_at(&pfile))?;
            w.file("providers.json", &data)?;
            files.push("providers.json".into());
            for p in crate::rootkey::registry::load(&pfile).map_err(BackupError::Io)? {
                providers.push(ProviderInfo {
                    name: p.name.clone(),
                    kind: p.kind().into(),
                    summary: p.summary(),
                    keys_in_backup: false,
                });
            }
        }
        let manifest = Manifest {
            archive_version: ARCHIVE_VERSION,
            created_at: crate::server::ops::now(),
            keyhaven_version: env!("CARGO_PKG_VERSION").into(),
            store,
            files,
            tenants,
            providers,
        };
        let json = serde_json::to_vec_pretty(&manifest)
            .map_err(|e| BackupError::Internal(e.to_string()))?;
        w.file(MANIFEST, &json)?;
        let buf = w.finish()?;
        let file = buf
            .into_inner()
            .map_err(|e| BackupError::Io(format!("{}: {}", partial.display(), e.error())))?;
        file.sync_all().map_err(io_at(&partial))?;
        Ok(manifest)
    })();
    match result {
        Ok(m) => {
            fs::rename(&partial, out).map_err(io_at(out))?;
            Ok(m)
        }
        Err(e) => {
            let _ = fs::remove_file(&partial);
            Err(e)
        }
    }
}

/// What a full read of a backup found.
#[derive(Clone, Debug)]
pub struct Verified {
    pub manifest: Manifest,
    /// Every entry with its size in bytes.
    pub entries: Vec<(String, u64)>,
}

/// Reads the whole file, authenticating every chunk, and checks that its entries match its
/// manifest. Nothing is written anywhere.
pub fn verify(file: &Path, passphrase: &str) -> Result<Verified, BackupError> {
    let f = fs::File::open(file).map_err(io_at(file))?;
    let mut r = ArchiveReader::new(BufReader::new(f), passphrase.as_bytes())?;
    let mut entries = Vec::new();
    let mut manifest: Option<Manifest> = None;
    while let Some(name) = r.next_entry()? {
        if entries.iter().any(|(n, _)| *n == name) {
            return Err(BackupError::Damaged(format!("entry {name} appears twice")));
        }
        if manifest.is_some() {
            return Err(BackupError::Damaged(format!(
                "entry {name} after the manifest"
            )));
        }
        let size = if name == MANIFEST {
            let json = r.read_entry(MAX_SMALL_FILE)?;
            manifest = Some(
                serde_json::from_slice(&json)
                    .map_err(|e| BackupError::Damaged(format!("manifest does not parse: {e}")))?,
            );
            json.len() as u64
        } else {
            r.copy_entry_to(&mut std::io::sink())?
        };
        entries.push((name, size));
    }
    let manifest =
        manifest.ok_or_else(|| BackupError::Damaged("the backup has no manifest".into()))?;
    if manifest.archive_version != ARCHIVE_VERSION {
        return Err(BackupError::Usage(format!(
            "backup archive version {} is not supported by this build (it reads {ARCHIVE_VERSION})",
            manifest.archive_version
        )));
    }
    let has = |n: &str| entries.iter().any(|(e, _)| e == n);
    let mut expected: Vec<String> = manifest.files.clone();
    match manifest.store.kind.as_str() {
        "sqlite" => expected.push(SQLITE_ENTRY.into()),
        "postgres" => expected.extend(
            manifest
                .store
                .tables
                .iter()
                .map(|t| format!("{PG_PREFIX}{}", t.name)),
        ),
        k => return Err(BackupError::Damaged(format!("unknown store kind {k:?}"))),
    }
    for e in &expected {
        if !has(e) {
            return Err(BackupError::Damaged(format!(
                "entry {e} named in the manifest is missing"
            )));
        }
    }
    if entries.len() != expected.len() + 1 {
        return Err(BackupError::Damaged(
            "the backup holds entries its manifest does not name".into(),
        ));
    }
    Ok(Verified { manifest, entries })
}

/// A root-key provider a restored node needs, and whether it answered.
#[derive(Clone, Debug)]
pub struct ProviderCheck {
    pub provider: String,
    pub tenant: String,
    pub root_key_ref: String,
    /// "active", "disabled", "destroyed", or the error met.
    pub status: String,
    pub ok: bool,
}

/// What a restore did.
#[derive(Clone, Debug)]
pub struct Restored {
    pub manifest: Manifest,
    pub checks: Vec<ProviderCheck>,
}

fn is_empty_dir(p: &Path) -> Result<bool, BackupError> {
    match fs::read_dir(p) {
        Ok(mut rd) => Ok(rd.next().is_none()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(true),
        Err(e) => Err(io_at(p)(e)),
    }
}

/// Restores `file` into the data directory `dir`, which must be absent or empty, and (for a
/// PostgreSQL backup) into the database chosen with [`datadir::set_database_url`], which must
/// hold no data. The whole file is verified before anything is written. Then every tenant's
/// root-key provider is checked.
pub fn restore(file: &Path, dir: &DataDir, passphrase: &str) -> Result<Restored, BackupError> {
    if !is_empty_dir(&dir.root)? {
        return Err(BackupError::Usage(format!(
            "{} is not empty: restore into a new data directory",
            dir.root.display()
        )));
    }
    let verified = verify(file, passphrase)?;
    let manifest = verified.manifest;
    let pg = open_pg()?;
    match (manifest.store.kind.as_str(), &pg) {
        ("postgres", None) => {
            return Err(BackupError::Usage(
                "this backup holds a PostgreSQL store: give --database-url of an empty database"
                    .into(),
            ))
        }
        ("sqlite", Some(_)) => {
            return Err(BackupError::Usage(
                "this backup holds a SQLite store: restore it without --database-url".into(),
            ))
        }
        ("sqlite", None)
            if manifest.store.schema_version > crate::store::sqlite::SCHEMA_VERSION =>
        {
            return Err(BackupError::Usage(format!(
                "the backup's store has schema version {}, newer than this build's {}: restore \
                 with a newer keyhaven",
                manifest.store.schema_version,
                crate::store::sqlite::SCHEMA_VERSION
            )))
        }
        _ => {}
    }
    let created_root = !dir.root.exists();
    let result = extract(file, dir, passphrase, pg.as_ref(), &manifest);
    drop(pg);
    if let Err(e) = result {
        // Leave the directory as it was found: absent or empty.
        if let Ok(rd) = fs::read_dir(&dir.root) {
            for entry in rd.flatten() {
                let p = entry.path();
                let _ = if p.is_dir() {
                    fs::remove_dir_all(&p)
                } else {
                    fs::remove_file(&p)
                };
            }
        }
        if created_root {
            let _ = fs::remove_dir(&dir.root);
        }
        return Err(e);
    }
    let checks = check_providers(dir)?;
    Ok(Restored { manifest, checks })
}

fn extract(
    file: &Path,
    dir: &DataDir,
    passphrase: &str,
    pg: Option<&PostgresStore>,
    manifest: &Manifest,
) -> Result<(), BackupError> {
    datadir::make_private_dir(&dir.root).map_err(|e| BackupError::Io(e.to_string()))?;
    let f = fs::File::open(file).map_err(io_at(file))?;
    let mut r = ArchiveReader::new(BufReader::new(f), passphrase.as_bytes())?;
    let mut import = match pg {
        Some(pg) => Some(
            pg.begin_import(manifest.store.schema_version)
                .map_err(|e| BackupError::Store(e.to_string()))?,
        ),
        None => None,
    };
    while let Some(name) = r.next_entry()? {
        if name == MANIFEST {
            continue;
        }
        if let Some(table) = name.strip_prefix(PG_PREFIX) {
            let Some(import) = import.as_mut() else {
                return Err(BackupError::Damaged(format!("unexpected entry {name}")));
            };
            let mut next = || {
                r.next_segment()
                    .map(|s| s.map(|s| s.to_vec()))
                    .map_err(|e| e.to_string())
            };
            import
                .table(table, &mut next)
                .map_err(|e| BackupError::Store(e.to_string()))?;
            continue;
        }
        let (target, mode) = match name.split_once('/') {
            None if name == "providers.json" => (dir.providers_file(), 0o600),
            None if name == "cluster.key" => (dir.cluster_key(), 0o600),
            Some(("store", "sqlite.db")) if pg.is_none() => (dir.db(), 0o600),
            Some(("rootkeys", f)) if !f.contains('/') => {
                datadir::make_private_dir(&dir.rootkeys())
                    .map_err(|e| BackupError::Io(e.to_string()))?;
                (dir.rootkeys().join(f), 0o600)
            }
            Some(("tls", f)) if !f.contains('/') => {
                datadir::make_private_dir(&dir.tls())
                    .map_err(|e| BackupError::Io(e.to_string()))?;
                let mode = if f.ends_with(".crt") { 0o644 } else { 0o600 };
                (dir.tls().join(f), mode)
            }
            _ => return Err(BackupError::Damaged(format!("unexpected entry {name}"))),
        };
        let mut o = fs::OpenOptions::new();
        o.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            o.mode(mode);
        }
        #[cfg(not(unix))]
        let _ = mode;
        let out = o.open(&target).map_err(io_at(&target))?;
        let mut w = BufWriter::new(out);
        r.copy_entry_to(&mut w)?;
        let out = w
            .into_inner()
            .map_err(|e| BackupError::Io(format!("{}: {}", target.display(), e.error())))?;
        out.sync_all().map_err(io_at(&target))?;
    }
    if let Some(import) = import {
        import
            .commit()
            .map_err(|e| BackupError::Store(e.to_string()))?;
    }
    Ok(())
}

/// Opens the restored node and asks each tenant's root-key provider for the tenant's root key.
fn check_providers(dir: &DataDir) -> Result<Vec<ProviderCheck>, BackupError> {
    let o = datadir::open(dir, crate::crypto::envelope::DEFAULT_CHECK_INTERVAL)
        .map_err(|e| BackupError::Store(format!("the restored node does not open: {e}")))?;
    let tenants = o
        .store
        .list_tenants()
        .map_err(|e| BackupError::Store(e.to_string()))?;
    let mut out = Vec::new();
    for t in tenants {
        let (status, ok) = match o.envelope.provider(&t.root_provider) {
            None => (
                format!(
                    "no provider named {:?} on this node (add it with `keyhaven provider add-…`)",
                    t.root_provider
                ),
                false,
            ),
            Some(p) => match p.status(&t.root_key_ref) {
                Ok(s) => (s.to_string(), s == crate::rootkey::RootKeyStatus::Active),
                Err(e) => (e.to_string(), false),
            },
        };
        out.push(ProviderCheck {
            provider: t.root_provider,
            tenant: t.name,
            root_key_ref: t.root_key_ref,
            status,
            ok,
        });
    }
    Ok(out)
}
