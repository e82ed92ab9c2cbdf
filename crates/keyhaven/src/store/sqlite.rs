//! The embedded SQLite store.
//!
//! * One file, WAL journal, `synchronous=FULL`: a committed transaction (every `insert_*`,
//!   `update_*`, `append_audit`) is fsynced before the call returns, so it survives `kill -9` and
//!   power loss.
//! * `busy_timeout` of 5 s, so the server and admin CLI processes can share the file.
//! * One writer connection behind a mutex plus a small pool of read-only connections, so reads do
//!   not queue behind writes (WAL readers see the last committed state and never block the writer).
//! * A versioned schema: `schema_version` records every applied migration; each migration runs in
//!   its own `BEGIN IMMEDIATE` transaction (safe against two processes opening a fresh file at
//!   once). A database whose version is newer than this build knows is refused.
//! * `trust_generation` is bumped by triggers in the same transaction as every tenant or client
//!   change, so changes made by another process are noticed too.

use std::ops::Deref;
use std::path::{Path, PathBuf};
use std::sync::{Condvar, Mutex, MutexGuard};
use std::time::Duration;

mod admins;
mod cluster;
mod credentials;
mod group_commit;
mod session_records;
mod settings;
mod write_tx;

use rusqlite::types::Type;
use rusqlite::{ffi, params, Connection, OpenFlags, OptionalExtension, Row, TransactionBehavior};

use super::audit_chain;
use super::query::{index_terms, IndexTerms};
use super::KeyMirror;
use super::{
    AuditCheckpoint, AuditRecord, ChainedAudit, ClientRecord, ClientTrust, ObjectFilter,
    ObjectPage, ObjectQuery, ObjectRecord, PageRequest, RootRotation, RotationPhase, Store,
    StoreError, StoreResult, TenantRecord, TenantState,
};

/// The ordered schema migrations; entry `i` brings the schema to version `i + 1`.
const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_initial.sql"),
    include_str!("migrations/0002_root_rotation.sql"),
    include_str!("migrations/0003_key_mirrors.sql"),
    include_str!("migrations/0004_cluster.sql"),
    include_str!("migrations/0005_object_index.sql"),
    include_str!("migrations/0006_audit_chain.sql"),
    include_str!("migrations/0007_admins.sql"),
    include_str!("migrations/0008_tenant_settings.sql"),
    include_str!("migrations/0009_session_records.sql"),
];

/// The schema version this build creates and understands.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// How long a connection waits for another connection's (or process's) lock.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Number of read-only connections.
const READERS: usize = 4;

const TENANT_COLUMNS: &str =
    "id, name, state, root_provider, root_key_ref, wrapped_twk, twk_version, created_at";
const CLIENT_COLUMNS: &str =
    "id, tenant_id, name, trust_kind, trust_data, cert_der, username, password_hash, created_at";
const OBJECT_COLUMNS: &str =
    "uid, tenant_id, object_type, state, algorithm, length, wrapped_material, \
                              attributes, created_at, updated_at, revision";
/// [`OBJECT_COLUMNS`] of `objects o`.
const OBJECT_COLUMNS_O: &str = "o.uid, o.tenant_id, o.object_type, o.state, o.algorithm, \
     o.length, o.wrapped_material, o.attributes, o.created_at, o.updated_at, o.revision";
const AUDIT_COLUMNS: &str = "at, tenant_id, actor, operation, uid, outcome, peer";
const MIRROR_COLUMNS: &str =
    "uid, tenant_id, provider, remote_id, state, attempts, last_error, updated_at";
const ROTATION_COLUMNS: &str = "tenant_id, old_ref, new_ref, phase, started_at, updated_at";

/// The SQLite implementation of [`Store`].
pub struct SqliteStore {
    path: PathBuf,
    // Field order is drop order: the read-only connections close first, so the writer is the
    // last connection of this process and checkpoints the log into the database on close.
    readers: ReadPool,
    writer: Mutex<Connection>,
    /// Object inserts and audit batches waiting for the next group commit.
    writes: group_commit::GroupCommit<GroupWrite, GroupDone>,
    /// The database file's inode when opened: writes are refused once the path names another file
    /// (or none), since they would go to a file nobody will open again.
    inode: Option<u64>,
}

fn inode_of(path: &Path) -> Option<u64> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata(path).ok().map(|m| m.ino())
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        None
    }
}

impl std::fmt::Debug for SqliteStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SqliteStore")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

/// Maps a SQLite error to a [`StoreError`]: unique/primary-key violations become `AlreadyExists`,
/// foreign-key violations `NotFound` (the referenced tenant), everything else `Backend`, each with
/// the operation and the subject named.
fn db_err(op: &str, what: &str, e: rusqlite::Error) -> StoreError {
    crate::nonblocking::refuse();
    if let rusqlite::Error::SqliteFailure(f, msg) = &e {
        let detail = msg.as_deref().unwrap_or("constraint violated");
        match f.extended_code {
            ffi::SQLITE_CONSTRAINT_UNIQUE | ffi::SQLITE_CONSTRAINT_PRIMARYKEY => {
                return StoreError::AlreadyExists(format!("{op} {what}: {detail}"));
            }
            ffi::SQLITE_CONSTRAINT_FOREIGNKEY => {
                return StoreError::NotFound(format!(
                    "{op} {what}: the referenced tenant does not exist"
                ));
            }
            _ => {}
        }
    }
    StoreError::Backend(format!("{op} {what}: {e}"))
}

fn mirror_from_row(r: &Row<'_>) -> rusqlite::Result<KeyMirror> {
    Ok(KeyMirror {
        uid: r.get(0)?,
        tenant_id: r.get(1)?,
        provider: r.get(2)?,
        remote_id: r.get(3)?,
        state: r.get(4)?,
        attempts: r.get(5)?,
        last_error: r.get(6)?,
        updated_at: r.get(7)?,
    })
}

fn rotation_from_row(r: &Row<'_>) -> rusqlite::Result<RootRotation> {
    let phase: String = r.get(3)?;
    Ok(RootRotation {
        tenant_id: r.get(0)?,
        old_ref: r.get(1)?,
        new_ref: r.get(2)?,
        phase: RotationPhase::parse(&phase).ok_or_else(|| {
            conversion_err(3, Type::Text, format!("unknown rotation phase {phase:?}"))
        })?,
        started_at: r.get(4)?,
        updated_at: r.get(5)?,
    })
}

fn conversion_err(col: usize, ty: Type, msg: String) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(col, ty, msg.into())
}

/// Bytes of the database file each connection maps (address space, not memory: the pages are the
/// kernel's page cache, shared by every connection).
const MMAP_SIZE: i64 = 1 << 30;

fn open_conn(path: &Path, flags: OpenFlags) -> StoreResult<Connection> {
    let conn = Connection::open_with_flags(path, flags)
        .map_err(|e| StoreError::Backend(format!("open database {}: {e}", path.display())))?;
    conn.busy_timeout(BUSY_TIMEOUT)
        .map_err(|e| StoreError::Backend(format!("set busy_timeout on {}: {e}", path.display())))?;
    Ok(conn)
}

/// Pages of the database file are read through a shared memory map instead of a read() and a
/// copy per page: a reader's page cache is emptied whenever another connection commits (the audit
/// writer does every few milliseconds), and refilling it by read() was a visible share of a Get's
/// kernel time. Set once the file is in WAL mode and migrated: the pragma reads the schema, and
/// reading it while another process creates the file made that process's switch to WAL fail with
/// "database is locked". (The cost of a map: an I/O error reading the file is a SIGBUS instead
/// of an error code; the database sits on a local disk, as WAL requires anyway.)
fn map_pages(conn: &Connection, path: &Path) -> StoreResult<()> {
    conn.pragma_update(None, "mmap_size", MMAP_SIZE)
        .map_err(|e| StoreError::Backend(format!("set mmap_size on {}: {e}", path.display())))
}

/// Creates the database file with mode 0600 if it does not exist yet (SQLite gives its `-wal` and
/// `-shm` companions the same mode).
fn create_file(path: &Path) -> StoreResult<()> {
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    opts.open(path)
        .map(drop)
        .map_err(|e| StoreError::Backend(format!("create database file {}: {e}", path.display())))
}

fn current_version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row(
        "SELECT COALESCE(MAX(version), 0) FROM schema_version",
        [],
        |r| r.get(0),
    )
}

fn too_new(path: &Path, version: i64) -> StoreError {
    StoreError::Backend(format!(
        "database {} has schema version {version}, newer than version {SCHEMA_VERSION} known to this \
         keyhaven build; refusing to open it (upgrade keyhaven)",
        path.display()
    ))
}

/// Applies the pending migrations, one transaction each.
fn migrate(conn: &mut Connection, path: &Path) -> StoreResult<()> {
    let ctx = |e| StoreError::Backend(format!("migrate {}: {e}", path.display()));
    conn.execute_batch(
        "CREATE TABLE IF NOT EXISTS schema_version (
             version    INTEGER PRIMARY KEY NOT NULL,
             applied_at INTEGER NOT NULL
         )",
    )
    .map_err(ctx)?;
    let version = current_version(conn).map_err(ctx)?;
    if version > SCHEMA_VERSION {
        return Err(too_new(path, version));
    }
    for (i, sql) in MIGRATIONS.iter().enumerate() {
        let target = i as i64 + 1;
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(ctx)?;
        // Re-read under the write lock: another process may have migrated meanwhile.
        let version = current_version(&tx).map_err(ctx)?;
        if version > SCHEMA_VERSION {
            return Err(too_new(path, version));
        }
        if version >= target {
            continue; // rolled back on drop; nothing was written
        }
        tx.execute_batch(sql).map_err(|e| {
            StoreError::Backend(format!(
                "migrate {} to version {target}: {e}",
                path.display()
            ))
        })?;
        tx.execute(
            "INSERT INTO schema_version (version, applied_at) VALUES (?1, CAST(strftime('%s','now') AS INTEGER))",
            [target],
        )
        .map_err(ctx)?;
        tx.commit().map_err(ctx)?;
    }
    Ok(())
}

impl SqliteStore {
    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    pub fn open(path: &Path) -> StoreResult<SqliteStore> {
        create_file(path)?;
        let mut writer = open_conn(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX
                | OpenFlags::SQLITE_OPEN_URI,
        )?;
        let mode: String = writer
            .query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))
            .map_err(|e| StoreError::Backend(format!("enable WAL on {}: {e}", path.display())))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(StoreError::Backend(format!(
                "enable WAL on {}: journal mode stayed '{mode}' (is the file on a network file system?)",
                path.display()
            )));
        }
        writer
            .execute_batch("PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;")
            .map_err(|e| StoreError::Backend(format!("configure {}: {e}", path.display())))?;
        migrate(&mut writer, path)?;
        index_pending(&mut writer).map_err(|e| {
            StoreError::Backend(format!("index objects of {}: {e}", path.display()))
        })?;
        map_pages(&writer, path)?;

        let mut conns = Vec::with_capacity(READERS);
        for _ in 0..READERS {
            let conn = open_conn(
                path,
                OpenFlags::SQLITE_OPEN_READ_ONLY
                    | OpenFlags::SQLITE_OPEN_NO_MUTEX
                    | OpenFlags::SQLITE_OPEN_URI,
            )?;
            map_pages(&conn, path)?;
            conns.push(conn);
        }
        Ok(SqliteStore {
            inode: inode_of(path),
            path: path.to_path_buf(),
            writer: Mutex::new(writer),
            writes: group_commit::GroupCommit::default(),
            readers: ReadPool {
                conns: Mutex::new(conns),
                available: Condvar::new(),
            },
        })
    }

    /// Writes from a non-blocking attempt are refused before they take the writer.
    fn refuse_write(&self, what: &str) -> StoreResult<()> {
        if crate::nonblocking::refuse() {
            return Err(StoreError::Backend(format!(
                "{what}: a write cannot run on an async worker"
            )));
        }
        Ok(())
    }

    /// Refuses writes when the database file was removed or replaced under this process.
    fn check_file(&self) -> StoreResult<()> {
        if self.inode.is_some() && inode_of(&self.path) != self.inode {
            return Err(StoreError::Backend(format!(
                "the database file {} was removed or replaced while keyhaven runs; writes are refused \
                 (put the file back, or restart keyhaven to open the new one)",
                self.path.display()
            )));
        }
        Ok(())
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The schema version of the open database.
    pub fn schema_version(&self) -> StoreResult<i64> {
        current_version(&self.reader()).map_err(|e| db_err("read", "schema version", e))
    }

    /// Queues a write for the next group commit and waits until it is committed (or failed).
    fn group_write(&self, w: GroupWrite) -> StoreResult<GroupDone> {
        self.writes.submit(w, |batch| {
            let mut conn = self.writer();
            commit_writes(&mut conn, batch)
        })
    }

    fn writer(&self) -> MutexGuard<'_, Connection> {
        // Callers in a non-blocking attempt were turned away by `refuse_write` (Store methods)
        // or by the server before any write (see crate::nonblocking).
        // A panic while holding the lock leaves the connection usable (an open transaction is
        // rolled back when its guard drops), so poisoning is not fatal.
        self.writer.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn reader(&self) -> PooledConn<'_> {
        self.readers.get()
    }
}

/// A fixed set of read-only connections.
struct ReadPool {
    conns: Mutex<Vec<Connection>>,
    available: Condvar,
}

impl ReadPool {
    fn get(&self) -> PooledConn<'_> {
        let mut conns = self.conns.lock().unwrap_or_else(|p| p.into_inner());
        let nonblocking = crate::nonblocking::active();
        loop {
            if let Some(conn) = conns.pop() {
                if nonblocking {
                    // A lock held by another connection fails at once instead of waiting.
                    let _ = conn.busy_timeout(Duration::ZERO);
                }
                return PooledConn {
                    pool: self,
                    conn: Some(conn),
                    nonblocking,
                };
            }
            // Every reader is busy: the attempt is abandoned (the wait for a reader, which holds
            // its connection for one statement, is short).
            crate::nonblocking::refuse();
            conns = self
                .available
                .wait(conns)
                .unwrap_or_else(|p| p.into_inner());
        }
    }
}

struct PooledConn<'a> {
    pool: &'a ReadPool,
    conn: Option<Connection>,
    /// Taken by a non-blocking attempt: its busy timeout is restored on release.
    nonblocking: bool,
}

impl Deref for PooledConn<'_> {
    type Target = Connection;
    fn deref(&self) -> &Connection {
        match &self.conn {
            Some(c) => c,
            None => unreachable!("pooled connection used after release"),
        }
    }
}

impl Drop for PooledConn<'_> {
    fn drop(&mut self) {
        if let Some(conn) = self.conn.take() {
            if self.nonblocking {
                let _ = conn.busy_timeout(BUSY_TIMEOUT);
            }
            self.pool
                .conns
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .push(conn);
            self.pool.available.notify_one();
        }
    }
}

fn tenant_from_row(r: &Row<'_>) -> rusqlite::Result<TenantRecord> {
    let state: String = r.get(2)?;
    let state = TenantState::parse(&state)
        .ok_or_else(|| conversion_err(2, Type::Text, format!("unknown tenant state '{state}'")))?;
    Ok(TenantRecord {
        id: r.get(0)?,
        name: r.get(1)?,
        state,
        root_provider: r.get(3)?,
        root_key_ref: r.get(4)?,
        wrapped_twk: r.get(5)?,
        twk_version: r.get(6)?,
        created_at: r.get(7)?,
    })
}

fn trust_columns(t: &ClientTrust) -> (&'static str, &[u8]) {
    match t {
        ClientTrust::PinnedCert { sha256 } => ("pinned", &sha256[..]),
        ClientTrust::Ca { ca_der } => ("ca", &ca_der[..]),
    }
}

fn client_from_row(r: &Row<'_>) -> rusqlite::Result<ClientRecord> {
    let kind: String = r.get(3)?;
    let data: Vec<u8> = r.get(4)?;
    let trust = match kind.as_str() {
        "pinned" => {
            let sha256: [u8; 32] = data.as_slice().try_into().map_err(|_| {
                conversion_err(
                    4,
                    Type::Blob,
                    format!("pinned certificate digest of {} bytes", data.len()),
                )
            })?;
            ClientTrust::PinnedCert { sha256 }
        }
        "ca" => ClientTrust::Ca { ca_der: data },
        other => {
            return Err(conversion_err(
                3,
                Type::Text,
                format!("unknown client trust kind '{other}'"),
            ))
        }
    };
    Ok(ClientRecord {
        id: r.get(0)?,
        tenant_id: r.get(1)?,
        name: r.get(2)?,
        trust,
        cert_der: r.get(5)?,
        username: r.get(6)?,
        password_hash: r.get(7)?,
        created_at: r.get(8)?,
    })
}

fn object_from_row(r: &Row<'_>) -> rusqlite::Result<ObjectRecord> {
    object_from_row_at(r, 0)
}

/// An object from the [`OBJECT_COLUMNS`] starting at column `i`.
fn object_from_row_at(r: &Row<'_>, i: usize) -> rusqlite::Result<ObjectRecord> {
    Ok(ObjectRecord {
        uid: r.get(i)?,
        tenant_id: r.get(i + 1)?,
        object_type: r.get(i + 2)?,
        state: r.get(i + 3)?,
        algorithm: r.get(i + 4)?,
        length: r.get(i + 5)?,
        wrapped_material: r.get(i + 6)?,
        attributes: r.get(i + 7)?,
        created_at: r.get(i + 8)?,
        updated_at: r.get(i + 9)?,
        revision: r.get(i + 10)?,
    })
}

/// A bound parameter of a query built at run time.
enum Arg {
    Int(i64),
    Text(String),
}

impl rusqlite::ToSql for Arg {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        match self {
            Arg::Int(i) => i.to_sql(),
            Arg::Text(s) => s.to_sql(),
        }
    }
}

/// The FROM and WHERE clauses of an [`ObjectQuery`] on `objects o`, with their parameters (`?`
/// placeholders, in order). A query with an attribute term is driven from that term's index (the
/// `CROSS JOIN` fixes the join order, so the planner does not walk the whole tenant in rowid order
/// instead); the other terms are `IN` subqueries.
struct Where {
    from: &'static str,
    /// Whether one object can come out more than once (a date range over a multi-instance
    /// attribute), so the select needs DISTINCT.
    dups: bool,
    sql: String,
    args: Vec<Arg>,
}

impl Where {
    fn new(tenant_id: &str, q: &ObjectQuery) -> Where {
        let mut w = Where {
            from: "objects o",
            dups: false,
            sql: String::new(),
            args: Vec::new(),
        };
        let mut text = q.text.iter();
        let mut dates = q.dates.iter();
        if let Some((attr, value)) = text.next() {
            w.from = "object_terms t CROSS JOIN objects o ON o.uid = t.uid";
            w.sql.push_str("t.attr = ? AND t.value = ? AND ");
            w.args.push(Arg::Text(attr.clone()));
            w.args.push(Arg::Text(value.clone()));
        } else if let Some((attr, lo, hi)) = dates.next() {
            w.from = "object_dates t CROSS JOIN objects o ON o.uid = t.uid";
            w.dups = true;
            w.sql
                .push_str("t.attr = ? AND t.at >= ? AND t.at <= ? AND ");
            w.args.push(Arg::Text(attr.clone()));
            w.args.push(Arg::Int(*lo));
            w.args.push(Arg::Int(*hi));
        }
        w.sql.push_str("o.tenant_id = ?");
        w.args.push(Arg::Text(tenant_id.to_owned()));
        if let Some(v) = q.object_type {
            w.push_int("o.object_type = ", i64::from(v));
        }
        if let Some(states) = &q.states {
            let list: Vec<String> = states.iter().map(u32::to_string).collect();
            // Enumeration values (numbers), written inline so the statement cache keys on them.
            w.sql
                .push_str(&format!(" AND o.state IN ({})", list.join(",")));
        }
        if let Some(v) = q.algorithm {
            w.push_int("o.algorithm = ", i64::from(v));
        }
        if let Some(v) = q.length {
            w.push_int("o.length = ", i64::from(v));
        }
        if let Some((lo, hi)) = q.created {
            w.push_int("o.created_at >= ", lo);
            w.push_int("o.created_at <= ", hi);
        }
        for (attr, value) in text {
            w.sql.push_str(
                " AND o.uid IN (SELECT uid FROM object_terms WHERE attr = ? AND value = ?)",
            );
            w.args.push(Arg::Text(attr.clone()));
            w.args.push(Arg::Text(value.clone()));
        }
        for (attr, part) in &q.text_contains {
            // lower() and instr() of SQLite: ASCII case folding, as ObjectQuery::matches.
            w.sql.push_str(
                " AND o.uid IN (SELECT uid FROM object_terms WHERE attr = ? AND instr(lower(value), ?) > 0)",
            );
            w.args.push(Arg::Text(attr.clone()));
            w.args.push(Arg::Text(part.to_ascii_lowercase()));
        }
        for (attr, lo, hi) in dates {
            w.sql.push_str(
                " AND o.uid IN (SELECT uid FROM object_dates WHERE attr = ? AND at >= ? AND at <= ?)",
            );
            w.args.push(Arg::Text(attr.clone()));
            w.args.push(Arg::Int(*lo));
            w.args.push(Arg::Int(*hi));
        }
        w
    }

    fn push_int(&mut self, cond: &str, v: i64) {
        self.sql.push_str(" AND ");
        self.sql.push_str(cond);
        self.sql.push('?');
        self.args.push(Arg::Int(v));
    }
}

/// Adds the terms of a new object.
fn insert_terms(conn: &Connection, uid: &str, t: &IndexTerms) -> rusqlite::Result<()> {
    replace_terms(conn, uid, &IndexTerms::default(), t)
}

/// Replaces an object's terms `old` by `new` (only the difference is written).
fn replace_terms(
    conn: &Connection,
    uid: &str,
    old: &IndexTerms,
    new: &IndexTerms,
) -> rusqlite::Result<()> {
    for (a, v) in old.text.iter().filter(|x| !new.text.contains(x)) {
        conn.prepare_cached(
            "DELETE FROM object_terms WHERE attr = ?1 AND value = ?2 AND uid = ?3",
        )?
        .execute(params![a, v, uid])?;
    }
    for (a, d) in old.dates.iter().filter(|x| !new.dates.contains(x)) {
        conn.prepare_cached("DELETE FROM object_dates WHERE attr = ?1 AND at = ?2 AND uid = ?3")?
            .execute(params![a, d, uid])?;
    }
    for (a, v) in new.text.iter().filter(|x| !old.text.contains(x)) {
        conn.prepare_cached(
            "INSERT OR IGNORE INTO object_terms (attr, value, uid) VALUES (?1, ?2, ?3)",
        )?
        .execute(params![a, v, uid])?;
    }
    for (a, d) in new.dates.iter().filter(|x| !old.dates.contains(x)) {
        conn.prepare_cached(
            "INSERT OR IGNORE INTO object_dates (attr, at, uid) VALUES (?1, ?2, ?3)",
        )?
        .execute(params![a, d, uid])?;
    }
    Ok(())
}

/// Indexes the objects listed in `object_terms_pending` (those stored before the index migration),
/// a thousand per transaction.
fn index_pending(conn: &mut Connection) -> rusqlite::Result<()> {
    loop {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let batch: Vec<(String, Vec<u8>)> = tx
            .prepare(
                "SELECT p.uid, o.attributes FROM object_terms_pending p \
                 LEFT JOIN objects o ON o.uid = p.uid LIMIT 1000",
            )?
            .query_map([], |r| {
                Ok((
                    r.get(0)?,
                    r.get::<_, Option<Vec<u8>>>(1)?.unwrap_or_default(),
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        if batch.is_empty() {
            return Ok(());
        }
        for (uid, attributes) in &batch {
            insert_terms(&tx, uid, &index_terms(attributes))?;
            tx.execute("DELETE FROM object_terms_pending WHERE uid = ?1", [uid])?;
        }
        tx.commit()?;
    }
}

fn audit_from_row(r: &Row<'_>) -> rusqlite::Result<AuditRecord> {
    Ok(AuditRecord {
        at: r.get(0)?,
        tenant_id: r.get(1)?,
        actor: r.get(2)?,
        operation: r.get(3)?,
        uid: r.get(4)?,
        outcome: r.get(5)?,
        peer: r.get(6)?,
    })
}

fn checkpoint_from_row(r: &Row<'_>) -> rusqlite::Result<AuditCheckpoint> {
    Ok(AuditCheckpoint {
        seq: r.get(0)?,
        hash: r.get(1)?,
        at: r.get(2)?,
        key_id: r.get(3)?,
        signature: r.get(4)?,
    })
}

fn limit_param(limit: Option<usize>) -> i64 {
    limit.map_or(-1, |l| i64::try_from(l).unwrap_or(i64::MAX))
}

impl Store for SqliteStore {
    fn nonblocking_reads(&self) -> bool {
        true
    }

    fn insert_tenant(&self, t: &TenantRecord) -> StoreResult<()> {
        let what = format!("tenant '{}' ({})", t.name, t.id);
        self.writer()
            .prepare_cached(&format!(
                "INSERT INTO tenants ({TENANT_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
            ))
            .and_then(|mut s| {
                s.execute(params![
                    t.id,
                    t.name,
                    t.state.as_str(),
                    t.root_provider,
                    t.root_key_ref,
                    t.wrapped_twk,
                    t.twk_version,
                    t.created_at
                ])
            })
            .map(drop)
            .map_err(|e| db_err("insert", &what, e))
    }

    fn get_tenant(&self, id: &str) -> StoreResult<TenantRecord> {
        self.reader()
            .prepare_cached(&format!(
                "SELECT {TENANT_COLUMNS} FROM tenants WHERE id = ?1"
            ))
            .and_then(|mut s| s.query_row([id], tenant_from_row).optional())
            .map_err(|e| db_err("get", &format!("tenant {id}"), e))?
            .ok_or_else(|| StoreError::NotFound(format!("tenant {id}")))
    }

    fn get_tenant_by_name(&self, name: &str) -> StoreResult<TenantRecord> {
        self.reader()
            .prepare_cached(&format!(
                "SELECT {TENANT_COLUMNS} FROM tenants WHERE name = ?1"
            ))
            .and_then(|mut s| s.query_row([name], tenant_from_row).optional())
            .map_err(|e| db_err("get", &format!("tenant '{name}'"), e))?
            .ok_or_else(|| StoreError::NotFound(format!("tenant '{name}'")))
    }

    fn list_tenants(&self) -> StoreResult<Vec<TenantRecord>> {
        self.reader()
            .prepare_cached(&format!(
                "SELECT {TENANT_COLUMNS} FROM tenants ORDER BY name"
            ))
            .and_then(|mut s| s.query_map([], tenant_from_row)?.collect())
            .map_err(|e| db_err("list", "tenants", e))
    }

    fn set_tenant_state(&self, id: &str, state: TenantState) -> StoreResult<()> {
        let n = self
            .writer()
            .prepare_cached("UPDATE tenants SET state = ?2 WHERE id = ?1")
            .and_then(|mut s| s.execute(params![id, state.as_str()]))
            .map_err(|e| db_err("set state of", &format!("tenant {id}"), e))?;
        if n == 0 {
            return Err(StoreError::NotFound(format!("tenant {id}")));
        }
        Ok(())
    }

    fn begin_root_rotation(&self, r: &RootRotation) -> StoreResult<()> {
        self.writer()
            .prepare_cached(
                "INSERT INTO root_rotations (tenant_id, old_ref, new_ref, phase, started_at, updated_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )
            .and_then(|mut s| {
                s.execute(params![r.tenant_id, r.old_ref, r.new_ref, r.phase.as_str(), r.started_at, r.updated_at])
            })
            .map(drop)
            .map_err(|e| db_err("begin", &format!("root key rotation of tenant {}", r.tenant_id), e))
    }

    fn get_root_rotation(&self, tenant_id: &str) -> StoreResult<Option<RootRotation>> {
        self.reader()
            .prepare_cached(&format!(
                "SELECT {ROTATION_COLUMNS} FROM root_rotations WHERE tenant_id = ?1"
            ))
            .and_then(|mut s| s.query_row([tenant_id], rotation_from_row).optional())
            .map_err(|e| {
                db_err(
                    "read",
                    &format!("root key rotation of tenant {tenant_id}"),
                    e,
                )
            })
    }

    fn list_root_rotations(&self) -> StoreResult<Vec<RootRotation>> {
        self.reader()
            .prepare_cached(&format!(
                "SELECT {ROTATION_COLUMNS} FROM root_rotations ORDER BY started_at"
            ))
            .and_then(|mut s| s.query_map([], rotation_from_row)?.collect())
            .map_err(|e| db_err("list", "root key rotations", e))
    }

    fn switch_root_key(
        &self,
        tenant_id: &str,
        old_ref: &str,
        new_ref: &str,
        wrapped_twk: &[u8],
    ) -> StoreResult<()> {
        let what = format!("root key of tenant {tenant_id}");
        let mut conn = self.writer();
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| db_err("switch", &what, e))?;
        let n = tx
            .execute(
                "UPDATE tenants SET root_key_ref = ?3, wrapped_twk = ?4 WHERE id = ?1 AND root_key_ref = ?2",
                params![tenant_id, old_ref, new_ref, wrapped_twk],
            )
            .map_err(|e| db_err("switch", &what, e))?;
        if n == 0 {
            return Err(StoreError::Conflict(format!(
                "{what}: it is no longer {old_ref}"
            )));
        }
        tx.execute(
            "UPDATE root_rotations SET phase = 'retiring', updated_at = CAST(strftime('%s','now') AS INTEGER) \
             WHERE tenant_id = ?1",
            [tenant_id],
        )
        .map_err(|e| db_err("switch", &what, e))?;
        tx.commit().map_err(|e| db_err("switch", &what, e))
    }

    fn set_tenant_mirror(&self, tenant_id: &str, provider: Option<&str>) -> StoreResult<()> {
        let what = format!("mirror of tenant {tenant_id}");
        let conn = self.writer();
        match provider {
            Some(p) => conn.execute(
                "INSERT INTO tenant_mirrors (tenant_id, provider) VALUES (?1, ?2) \
                 ON CONFLICT (tenant_id) DO UPDATE SET provider = excluded.provider",
                params![tenant_id, p],
            ),
            None => conn.execute(
                "DELETE FROM tenant_mirrors WHERE tenant_id = ?1",
                [tenant_id],
            ),
        }
        .map(drop)
        .map_err(|e| db_err("set", &what, e))
    }

    fn list_tenant_mirrors(&self) -> StoreResult<Vec<(String, String)>> {
        self.reader()
            .prepare_cached("SELECT tenant_id, provider FROM tenant_mirrors ORDER BY tenant_id")
            .and_then(|mut s| s.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect())
            .map_err(|e| db_err("list", "tenant mirrors", e))
    }

    fn list_key_mirrors(&self, tenant_id: &str) -> StoreResult<Vec<KeyMirror>> {
        self.reader()
            .prepare_cached(&format!(
                "SELECT {MIRROR_COLUMNS} FROM key_mirrors WHERE tenant_id = ?1 ORDER BY uid"
            ))
            .and_then(|mut s| s.query_map([tenant_id], mirror_from_row)?.collect())
            .map_err(|e| db_err("list", &format!("key mirrors of tenant {tenant_id}"), e))
    }

    fn get_key_mirrors(&self, tenant_id: &str, uids: &[&str]) -> StoreResult<Vec<KeyMirror>> {
        if uids.is_empty() {
            return Ok(Vec::new());
        }
        let marks = vec!["?"; uids.len()].join(", ");
        let mut args: Vec<&str> = Vec::with_capacity(uids.len() + 1);
        args.push(tenant_id);
        args.extend_from_slice(uids);
        self.reader()
            .prepare_cached(&format!(
                "SELECT {MIRROR_COLUMNS} FROM key_mirrors WHERE tenant_id = ? AND uid IN ({marks}) \
                 ORDER BY uid"
            ))
            .and_then(|mut s| {
                s.query_map(rusqlite::params_from_iter(args), mirror_from_row)?
                    .collect()
            })
            .map_err(|e| db_err("read", &format!("key mirrors of tenant {tenant_id}"), e))
    }

    fn put_key_mirror(&self, m: &KeyMirror) -> StoreResult<()> {
        self.writer()
            .execute(
                "INSERT INTO key_mirrors (uid, tenant_id, provider, remote_id, state, attempts, \
                 last_error, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) \
                 ON CONFLICT (uid) DO UPDATE SET provider = excluded.provider, \
                 remote_id = excluded.remote_id, state = excluded.state, \
                 attempts = excluded.attempts, last_error = excluded.last_error, \
                 updated_at = excluded.updated_at",
                params![
                    m.uid,
                    m.tenant_id,
                    m.provider,
                    m.remote_id,
                    m.state,
                    m.attempts,
                    m.last_error,
                    m.updated_at
                ],
            )
            .map(drop)
            .map_err(|e| db_err("put", &format!("mirror of key {}", m.uid), e))
    }

    fn claim_key_mirror(&self, m: &KeyMirror, stale_before: i64) -> StoreResult<bool> {
        self.writer()
            .execute(
                "INSERT INTO key_mirrors (uid, tenant_id, provider, remote_id, state, attempts, \
                 last_error, updated_at) VALUES (?1, ?2, ?3, NULL, 'writing', ?4, NULL, ?5) \
                 ON CONFLICT (uid) DO UPDATE SET state = 'writing', provider = excluded.provider, \
                 attempts = excluded.attempts, updated_at = excluded.updated_at \
                 WHERE key_mirrors.state = 'failed' \
                 OR (key_mirrors.state = 'writing' AND key_mirrors.updated_at < ?6)",
                params![
                    m.uid,
                    m.tenant_id,
                    m.provider,
                    m.attempts,
                    m.updated_at,
                    stale_before
                ],
            )
            .map(|n| n == 1)
            .map_err(|e| db_err("claim", &format!("mirror of key {}", m.uid), e))
    }

    fn end_root_rotation(&self, tenant_id: &str) -> StoreResult<()> {
        self.writer()
            .execute(
                "DELETE FROM root_rotations WHERE tenant_id = ?1",
                [tenant_id],
            )
            .map(drop)
            .map_err(|e| {
                db_err(
                    "end",
                    &format!("root key rotation of tenant {tenant_id}"),
                    e,
                )
            })
    }

    fn put_shared_root_key(&self, key_ref: &str, sealed: &[u8], at: i64) -> StoreResult<()> {
        self.cluster_put_shared(key_ref, sealed, at)
    }

    fn get_shared_root_key(&self, key_ref: &str) -> StoreResult<Option<Vec<u8>>> {
        self.cluster_get_shared(key_ref)
    }

    fn delete_shared_root_key(&self, key_ref: &str) -> StoreResult<()> {
        self.cluster_delete_shared(key_ref)
    }

    fn get_tenant_setting(&self, tenant_id: &str, name: &str) -> StoreResult<Option<Vec<u8>>> {
        self.settings_get(tenant_id, name)
    }

    fn get_tenant_settings(
        &self,
        tenant_id: &str,
        names: &[&str],
    ) -> StoreResult<Vec<Option<Vec<u8>>>> {
        self.settings_get_many(tenant_id, names)
    }

    fn put_tenant_setting(
        &self,
        tenant_id: &str,
        name: &str,
        value: Option<&[u8]>,
        at: i64,
    ) -> StoreResult<()> {
        self.settings_put(tenant_id, name, value, at)
    }

    fn claim_tenant_setting(
        &self,
        tenant_id: &str,
        name: &str,
        value: &[u8],
        at: i64,
    ) -> StoreResult<bool> {
        self.settings_claim(tenant_id, name, value, at)
    }

    fn replace_client_credential(&self, old_id: &str, c: &ClientRecord) -> StoreResult<()> {
        self.credentials_replace(old_id, c)
    }

    fn insert_session_record(
        &self,
        r: &super::SessionRecord,
        now: i64,
        max_per_client: i64,
        max_total: i64,
    ) -> StoreResult<bool> {
        self.session_records_insert(r, now, max_per_client, max_total)
    }

    fn get_session_record(
        &self,
        kind: &str,
        id: &[u8],
    ) -> StoreResult<Option<super::SessionRecord>> {
        self.session_records_get(kind, id)
    }

    fn use_session_record(&self, kind: &str, id: &[u8], now: i64) -> StoreResult<bool> {
        self.session_records_use(kind, id, now)
    }

    fn take_session_record(
        &self,
        kind: &str,
        id: &[u8],
        tenant_id: &str,
        client_id: &str,
    ) -> StoreResult<Option<super::SessionRecord>> {
        self.session_records_take(kind, id, tenant_id, client_id)
    }

    fn list_session_records(
        &self,
        kind: &str,
        tenant_id: &str,
        client_id: &str,
    ) -> StoreResult<Vec<super::SessionRecord>> {
        self.session_records_list(kind, tenant_id, client_id)
    }

    fn heartbeat_node(&self, n: &super::NodeRecord) -> StoreResult<()> {
        self.cluster_heartbeat(n)
    }

    fn list_nodes(&self) -> StoreResult<Vec<super::NodeRecord>> {
        self.cluster_list_nodes()
    }

    fn list_admin_accounts(&self) -> StoreResult<Vec<super::AdminAccount>> {
        self.admins_list()
    }

    fn put_admin_account(&self, a: &super::AdminAccount) -> StoreResult<()> {
        self.admins_put(a)
    }

    fn delete_admin_account(&self, kind: &str, name: &str) -> StoreResult<bool> {
        self.admins_delete(kind, name)
    }

    fn put_admin_session(&self, s: &super::AdminSession) -> StoreResult<()> {
        self.sessions_put(s)
    }

    fn get_admin_session(&self, token_sha256: &[u8]) -> StoreResult<Option<super::AdminSession>> {
        self.sessions_get(token_sha256)
    }

    fn touch_admin_session(&self, token_sha256: &[u8], seen_at: i64) -> StoreResult<()> {
        self.sessions_touch(token_sha256, seen_at)
    }

    fn delete_admin_sessions(&self, which: super::SessionSelector<'_>) -> StoreResult<u64> {
        self.sessions_delete(which)
    }

    fn admin_login_failed(
        &self,
        name: &str,
        lock_after: i64,
        lock_until: i64,
        now: i64,
    ) -> StoreResult<super::LoginFailures> {
        self.logins_failed(name, lock_after, lock_until, now)
    }

    fn admin_login_failures(&self, name: &str) -> StoreResult<super::LoginFailures> {
        self.logins_failures(name)
    }

    fn clear_admin_login_failures(&self, name: &str) -> StoreResult<()> {
        self.logins_clear(name)
    }

    fn insert_client(&self, c: &ClientRecord) -> StoreResult<()> {
        let what = format!("client '{}' ({})", c.name, c.id);
        let (kind, data) = trust_columns(&c.trust);
        self.writer()
            .prepare_cached(&format!(
                "INSERT INTO clients ({CLIENT_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
            ))
            .and_then(|mut s| {
                s.execute(params![
                    c.id,
                    c.tenant_id,
                    c.name,
                    kind,
                    data,
                    c.cert_der,
                    c.username,
                    c.password_hash,
                    c.created_at
                ])
            })
            .map(drop)
            .map_err(|e| db_err("insert", &what, e))
    }

    fn list_clients(&self, tenant_id: Option<&str>) -> StoreResult<Vec<ClientRecord>> {
        let conn = self.reader();
        let res = match tenant_id {
            Some(t) => conn
                .prepare_cached(&format!(
                    "SELECT {CLIENT_COLUMNS} FROM clients WHERE tenant_id = ?1 ORDER BY name"
                ))
                .and_then(|mut s| s.query_map([t], client_from_row)?.collect()),
            None => conn
                .prepare_cached(&format!(
                    "SELECT {CLIENT_COLUMNS} FROM clients ORDER BY name"
                ))
                .and_then(|mut s| s.query_map([], client_from_row)?.collect()),
        };
        res.map_err(|e| db_err("list", "clients", e))
    }

    fn remove_client(&self, name: &str) -> StoreResult<()> {
        let n = self
            .writer()
            .prepare_cached("DELETE FROM clients WHERE name = ?1")
            .and_then(|mut s| s.execute([name]))
            .map_err(|e| db_err("remove", &format!("client '{name}'"), e))?;
        if n == 0 {
            return Err(StoreError::NotFound(format!("client '{name}'")));
        }
        Ok(())
    }

    fn trust_generation(&self) -> StoreResult<i64> {
        self.reader()
            .prepare_cached("SELECT generation FROM trust_generation WHERE id = 1")
            .and_then(|mut s| s.query_row([], |r| r.get(0)))
            .map_err(|e| db_err("read", "trust generation", e))
    }

    /// Durable when it returns. Concurrent inserts share one transaction (group commit, see
    /// [`group_commit`]), so one fsync acknowledges many Creates. A failing record (say, a
    /// duplicate identifier) fails alone ([`commit_writes`]).
    fn insert_object(&self, o: &ObjectRecord) -> StoreResult<()> {
        self.refuse_write("insert object")?;
        self.check_file()?;
        self.group_write(GroupWrite::Object(o.clone())).map(drop)
    }

    fn get_object(&self, tenant_id: &str, uid: &str) -> StoreResult<ObjectRecord> {
        self.reader()
            .prepare_cached(&format!(
                "SELECT {OBJECT_COLUMNS} FROM objects WHERE uid = ?1 AND tenant_id = ?2"
            ))
            .and_then(|mut s| s.query_row([uid, tenant_id], object_from_row).optional())
            .map_err(|e| db_err("get", &format!("object {uid}"), e))?
            .ok_or_else(|| StoreError::NotFound(format!("object {uid}")))
    }

    fn update_object(&self, o: &ObjectRecord) -> StoreResult<()> {
        let what = format!("object {}", o.uid);
        self.refuse_write(&what)?;
        let err = |e| db_err("update", &what, e);
        self.check_file()?;
        let mut conn = self.writer();
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(err)?;
        let old: Option<Vec<u8>> = tx
            .prepare_cached(
                "SELECT attributes FROM objects WHERE uid = ?1 AND tenant_id = ?2 AND revision = ?3 - 1",
            )
            .and_then(|mut s| {
                s.query_row(params![o.uid, o.tenant_id, o.revision], |r| r.get(0))
                    .optional()
            })
            .map_err(err)?;
        let n = tx
            .prepare_cached(
                "UPDATE objects SET object_type = ?3, state = ?4, algorithm = ?5, length = ?6, \
                 wrapped_material = ?7, attributes = ?8, updated_at = ?9, revision = ?10 \
                 WHERE uid = ?1 AND tenant_id = ?2 AND revision = ?10 - 1",
            )
            .and_then(|mut s| {
                s.execute(params![
                    o.uid,
                    o.tenant_id,
                    o.object_type,
                    o.state,
                    o.algorithm,
                    o.length,
                    o.wrapped_material,
                    o.attributes,
                    o.updated_at,
                    o.revision
                ])
            })
            .map_err(err)?;
        if n == 0 {
            let exists = tx
                .prepare_cached("SELECT 1 FROM objects WHERE uid = ?1 AND tenant_id = ?2")
                .and_then(|mut s| s.exists([&o.uid, &o.tenant_id]))
                .map_err(err)?;
            return Err(if exists {
                StoreError::Conflict(what)
            } else {
                StoreError::NotFound(what)
            });
        }
        if let Some(old) = old {
            if old != o.attributes {
                replace_terms(&tx, &o.uid, &index_terms(&old), &index_terms(&o.attributes))
                    .map_err(err)?;
            }
        }
        tx.commit().map_err(err)
    }

    fn list_objects(
        &self,
        tenant_id: &str,
        filter: &ObjectFilter,
        limit: Option<usize>,
    ) -> StoreResult<Vec<ObjectRecord>> {
        let mut sql = format!("SELECT {OBJECT_COLUMNS} FROM objects WHERE tenant_id = ?1");
        let mut args: Vec<i64> = Vec::new();
        let mut add = |column: &str, value: Option<i64>| {
            if let Some(v) = value {
                args.push(v);
                sql.push_str(&format!(" AND {column} = ?{}", args.len() + 1));
            }
        };
        add("object_type", filter.object_type.map(i64::from));
        add("state", filter.state.map(i64::from));
        add("algorithm", filter.algorithm.map(i64::from));
        add("length", filter.length.map(i64::from));
        sql.push_str(&format!(
            " ORDER BY created_at, rowid LIMIT ?{}",
            args.len() + 2
        ));

        let mut values: Vec<&dyn rusqlite::ToSql> = Vec::with_capacity(args.len() + 2);
        values.push(&tenant_id);
        for a in &args {
            values.push(a);
        }
        let limit = limit_param(limit);
        values.push(&limit);
        self.reader()
            .prepare_cached(&sql)
            .and_then(|mut s| s.query_map(values.as_slice(), object_from_row)?.collect())
            .map_err(|e| db_err("list", &format!("objects of tenant {tenant_id}"), e))
    }

    fn query_objects(
        &self,
        tenant_id: &str,
        q: &ObjectQuery,
        page: &PageRequest,
    ) -> StoreResult<ObjectPage> {
        let mut w = Where::new(tenant_id, q);
        if let Some(after) = page.after {
            w.push_int("o.rowid > ", after);
        }
        let sql = format!(
            "SELECT {}o.rowid, {} FROM {} WHERE {} ORDER BY o.rowid LIMIT ? OFFSET ?",
            if w.dups { "DISTINCT " } else { "" },
            OBJECT_COLUMNS_O,
            w.from,
            w.sql
        );
        w.args
            .push(Arg::Int(i64::try_from(page.limit).unwrap_or(i64::MAX)));
        w.args
            .push(Arg::Int(i64::try_from(page.offset).unwrap_or(i64::MAX)));
        let values: Vec<&dyn rusqlite::ToSql> =
            w.args.iter().map(|a| a as &dyn rusqlite::ToSql).collect();
        let rows: Vec<(i64, ObjectRecord)> = self
            .reader()
            .prepare_cached(&sql)
            .and_then(|mut s| {
                s.query_map(values.as_slice(), |r| {
                    Ok((r.get(0)?, object_from_row_at(r, 1)?))
                })?
                .collect()
            })
            .map_err(|e| db_err("query", &format!("objects of tenant {tenant_id}"), e))?;
        let full = page.limit > 0 && rows.len() as u64 == page.limit;
        let next = if full {
            rows.last().map(|(p, _)| *p)
        } else {
            None
        };
        let (positions, records) = rows.into_iter().unzip();
        Ok(ObjectPage {
            records,
            positions,
            next,
        })
    }

    fn count_objects(&self, tenant_id: &str, q: &ObjectQuery) -> StoreResult<u64> {
        let w = Where::new(tenant_id, q);
        let sql = match q.count_limit {
            None => format!(
                "SELECT COUNT({}) FROM {} WHERE {}",
                if w.dups { "DISTINCT o.uid" } else { "*" },
                w.from,
                w.sql
            ),
            Some(n) => format!(
                "SELECT COUNT(*) FROM (SELECT {} FROM {} WHERE {} LIMIT {})",
                if w.dups { "DISTINCT o.uid" } else { "1" },
                w.from,
                w.sql,
                n.min(i64::MAX as u64)
            ),
        };
        let values: Vec<&dyn rusqlite::ToSql> =
            w.args.iter().map(|a| a as &dyn rusqlite::ToSql).collect();
        self.reader()
            .prepare_cached(&sql)
            .and_then(|mut s| s.query_row(values.as_slice(), |r| r.get::<_, i64>(0)))
            .map(|n| n.max(0) as u64)
            .map_err(|e| db_err("count", &format!("objects of tenant {tenant_id}"), e))
    }

    fn append_audit(&self, a: &AuditRecord) -> StoreResult<()> {
        self.append_audit_batch(std::slice::from_ref(a))
    }

    /// The batch joins the group commit of object inserts: under a Create load the audit writer's
    /// records and the Creates share one transaction and one fsync instead of taking turns.
    fn append_audit_chained(&self, records: &[AuditRecord]) -> StoreResult<Vec<(i64, Vec<u8>)>> {
        if records.is_empty() {
            return Ok(Vec::new());
        }
        self.refuse_write("audit records")?;
        self.check_file()?;
        match self.group_write(GroupWrite::Audit(records.to_vec()))? {
            GroupDone::Audit(links) => Ok(links),
            GroupDone::Object => Err(StoreError::Backend(
                "append audit records: the group commit answered for an object".into(),
            )),
        }
    }

    fn audit_chain(&self, after_seq: i64, limit: usize) -> StoreResult<Vec<ChainedAudit>> {
        self.reader()
            .prepare_cached(&format!(
                "SELECT {AUDIT_COLUMNS}, id, seq, prev_hash, hash FROM audit \
                 WHERE seq > ?1 ORDER BY seq, id LIMIT ?2"
            ))
            .and_then(|mut s| {
                s.query_map(params![after_seq, limit_param(Some(limit))], |r| {
                    Ok(ChainedAudit {
                        record: audit_from_row(r)?,
                        id: r.get(7)?,
                        seq: r.get(8)?,
                        prev_hash: r.get(9)?,
                        hash: r.get(10)?,
                    })
                })?
                .collect()
            })
            .map_err(|e| db_err("read", "the audit chain", e))
    }

    fn count_unchained_audit(&self) -> StoreResult<i64> {
        self.reader()
            .query_row("SELECT COUNT(*) FROM audit WHERE seq IS NULL", [], |r| {
                r.get(0)
            })
            .map_err(|e| db_err("count", "unchained audit records", e))
    }

    fn check_writable(&self) -> StoreResult<()> {
        self.check_file()?;
        let wal = PathBuf::from(format!("{}-wal", self.path.display()));
        for p in [&self.path, &wal] {
            if let Err(e) = std::fs::OpenOptions::new().write(true).open(p) {
                if p == &wal && e.kind() == std::io::ErrorKind::NotFound {
                    continue; // no log yet
                }
                return Err(StoreError::Backend(format!(
                    "the database file {} cannot be written: {e}",
                    p.display()
                )));
            }
        }
        let dir = self.path.parent().unwrap_or(Path::new("."));
        let probe = dir.join(".keyhaven-write-probe");
        std::fs::write(&probe, b"")
            .and_then(|_| std::fs::remove_file(&probe))
            .map_err(|e| {
                StoreError::Backend(format!(
                    "the database directory {} cannot be written: {e}",
                    dir.display()
                ))
            })
    }

    fn unchained_after_chain_start(&self) -> StoreResult<Option<i64>> {
        self.reader()
            .query_row(
                "SELECT MIN(id) FROM audit WHERE seq IS NULL AND id > (SELECT MIN(id) FROM audit WHERE seq IS NOT NULL)",
                [],
                |r| r.get(0),
            )
            .map_err(|e| db_err("read", "the audit chain", e))
    }

    fn audit_head(&self) -> StoreResult<(i64, Vec<u8>)> {
        self.reader()
            .query_row("SELECT seq, hash FROM audit_head WHERE id = 1", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .map_err(|e| db_err("read", "the audit chain head", e))
    }

    fn add_audit_checkpoint(&self, c: &AuditCheckpoint) -> StoreResult<()> {
        self.writer()
            .execute(
                "INSERT OR REPLACE INTO audit_checkpoints (seq, hash, at, key_id, signature) \
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![c.seq, c.hash, c.at, c.key_id, c.signature],
            )
            .map(drop)
            .map_err(|e| db_err("insert", &format!("audit checkpoint {}", c.seq), e))
    }

    fn list_audit_checkpoints(&self) -> StoreResult<Vec<AuditCheckpoint>> {
        self.reader()
            .prepare_cached(
                "SELECT seq, hash, at, key_id, signature FROM audit_checkpoints ORDER BY seq",
            )
            .and_then(|mut s| s.query_map([], checkpoint_from_row)?.collect())
            .map_err(|e| db_err("list", "audit checkpoints", e))
    }

    fn audit_anchor(&self) -> StoreResult<Option<AuditCheckpoint>> {
        self.reader()
            .query_row(
                "SELECT seq, hash, at, key_id, signature FROM audit_anchor WHERE id = 1",
                [],
                checkpoint_from_row,
            )
            .optional()
            .map_err(|e| db_err("read", "the audit anchor", e))
    }

    fn prune_audit(&self, anchor: &AuditCheckpoint, unchained_before: i64) -> StoreResult<u64> {
        let err = |e| db_err("prune", "audit records", e);
        let mut conn = self.writer();
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(err)?;
        let chained = tx
            .execute("DELETE FROM audit WHERE seq <= ?1", [anchor.seq])
            .map_err(err)?;
        let legacy = tx
            .execute(
                "DELETE FROM audit WHERE seq IS NULL AND at < ?1",
                [unchained_before],
            )
            .map_err(err)?;
        tx.execute(
            "DELETE FROM audit_checkpoints WHERE seq <= ?1",
            [anchor.seq],
        )
        .map_err(err)?;
        tx.execute(
            "INSERT OR REPLACE INTO audit_anchor (id, seq, hash, at, key_id, signature) \
             VALUES (1, ?1, ?2, ?3, ?4, ?5)",
            params![
                anchor.seq,
                anchor.hash,
                anchor.at,
                anchor.key_id,
                anchor.signature
            ],
        )
        .map_err(err)?;
        tx.commit().map_err(err)?;
        Ok((chained + legacy) as u64)
    }

    fn list_audit(
        &self,
        tenant_id: Option<&str>,
        uid: Option<&str>,
        limit: usize,
    ) -> StoreResult<Vec<AuditRecord>> {
        let mut sql = format!("SELECT {AUDIT_COLUMNS} FROM audit WHERE 1 = 1");
        let mut values: Vec<&dyn rusqlite::ToSql> = Vec::new();
        if let Some(t) = &tenant_id {
            values.push(t);
            sql.push_str(&format!(" AND tenant_id = ?{}", values.len()));
        }
        if let Some(u) = &uid {
            values.push(u);
            sql.push_str(&format!(" AND uid = ?{}", values.len()));
        }
        let limit = limit_param(Some(limit));
        values.push(&limit);
        sql.push_str(&format!(" ORDER BY id DESC LIMIT ?{}", values.len()));
        self.reader()
            .prepare_cached(&sql)
            .and_then(|mut s| s.query_map(values.as_slice(), audit_from_row)?.collect())
            .map_err(|e| db_err("list", "audit records", e))
    }
}

/// A write that joins the group commit.
enum GroupWrite {
    Object(ObjectRecord),
    /// Audit records, chained after the head in the same transaction.
    Audit(Vec<AuditRecord>),
}

/// What a committed [`GroupWrite`] returns: nothing for an object, each record's (seq, hash) for
/// audit records.
enum GroupDone {
    Object,
    Audit(Vec<(i64, Vec<u8>)>),
}

/// Commits a batch in one transaction; returns each write's outcome. The batch is first tried
/// whole; when a write fails (say, a duplicate identifier), that transaction is rolled back and
/// the batch is written again with one savepoint per write, so the failing one fails alone.
fn commit_writes(conn: &mut Connection, batch: &[GroupWrite]) -> Vec<StoreResult<GroupDone>> {
    if batch.len() > 1 {
        if let Ok(done) = commit_writes_whole(conn, batch) {
            return done;
        }
    }
    commit_writes_each(conn, batch)
}

fn write_one(conn: &Connection, w: &GroupWrite) -> rusqlite::Result<GroupDone> {
    match w {
        GroupWrite::Object(o) => insert_one(conn, o).map(|()| GroupDone::Object),
        GroupWrite::Audit(records) => append_chained(conn, records).map(GroupDone::Audit),
    }
}

/// The verb and subject of a write, for its errors.
fn what(w: &GroupWrite) -> (&'static str, String) {
    match w {
        GroupWrite::Object(o) => ("insert", format!("object {}", o.uid)),
        GroupWrite::Audit(_) => ("append", "audit records".into()),
    }
}

fn insert_one(conn: &Connection, o: &ObjectRecord) -> rusqlite::Result<()> {
    conn.prepare_cached(&format!(
        "INSERT INTO objects ({OBJECT_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"
    ))?
    .execute(params![
        o.uid,
        o.tenant_id,
        o.object_type,
        o.state,
        o.algorithm,
        o.length,
        o.wrapped_material,
        o.attributes,
        o.created_at,
        o.updated_at,
        o.revision
    ])?;
    insert_terms(conn, &o.uid, &index_terms(&o.attributes))
}

/// Chains `records` after the head inside the caller's write transaction (the write lock is held
/// since its `BEGIN IMMEDIATE`, so two processes appending at once chain one after the other).
fn append_chained(
    conn: &Connection,
    records: &[AuditRecord],
) -> rusqlite::Result<Vec<(i64, Vec<u8>)>> {
    let (head_seq, head_hash): (i64, Vec<u8>) = conn
        .prepare_cached("SELECT seq, hash FROM audit_head WHERE id = 1")?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    let (links, (seq, hash)) = audit_chain::extend(head_seq, &head_hash, records);
    {
        let mut stmt = conn.prepare_cached(&format!(
            "INSERT INTO audit ({AUDIT_COLUMNS}, seq, prev_hash, hash) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
        ))?;
        for (a, (seq, prev, hash)) in records.iter().zip(&links) {
            stmt.execute(params![
                a.at,
                a.tenant_id,
                a.actor,
                a.operation,
                a.uid,
                a.outcome,
                a.peer,
                seq,
                prev,
                hash
            ])?;
        }
    }
    conn.prepare_cached("UPDATE audit_head SET seq = ?1, hash = ?2 WHERE id = 1")?
        .execute(params![seq, hash])?;
    Ok(links
        .into_iter()
        .map(|(seq, _, hash)| (seq, hash))
        .collect())
}

/// The whole batch in one transaction without savepoints; `Err` (nothing written) when any
/// write or the commit failed.
fn commit_writes_whole(
    conn: &mut Connection,
    batch: &[GroupWrite],
) -> rusqlite::Result<Vec<StoreResult<GroupDone>>> {
    let tx = write_tx::WriteTx::begin(conn)?;
    let mut done = Vec::with_capacity(batch.len());
    for w in batch {
        done.push(Ok(write_one(&tx, w)?));
    }
    tx.commit()?;
    Ok(done)
}

/// One savepoint per write.
fn commit_writes_each(conn: &mut Connection, batch: &[GroupWrite]) -> Vec<StoreResult<GroupDone>> {
    let fail_all = |e: rusqlite::Error| -> Vec<StoreResult<GroupDone>> {
        batch
            .iter()
            .map(|w| {
                let (verb, subject) = what(w);
                Err(StoreError::Backend(format!("{verb} {subject}: {e}")))
            })
            .collect()
    };
    let mut tx = match conn.transaction_with_behavior(TransactionBehavior::Immediate) {
        Ok(tx) => tx,
        Err(e) => return fail_all(e),
    };
    let mut results = Vec::with_capacity(batch.len());
    for w in batch {
        let one = (|| -> rusqlite::Result<GroupDone> {
            let sp = tx.savepoint()?;
            let done = write_one(&sp, w)?;
            sp.commit()?;
            Ok(done)
        })();
        let (verb, subject) = what(w);
        results.push(one.map_err(|e| db_err(verb, &subject, e)));
    }
    match tx.commit() {
        Ok(()) => results,
        Err(e) => fail_all(e),
    }
}
