//! The PostgreSQL store: what lets any number of Keyhaven nodes serve the same keys.
//!
//! Same semantics as [`super::sqlite::SqliteStore`] (the same store test suite runs against both):
//!
//! * Every write is one autocommit statement (or one transaction), committed with
//!   `synchronous_commit` at least `on`: when a call returns `Ok` the row is in the WAL on disk (and
//!   on the synchronous standbys the server is configured with). A Create is one `INSERT` of a
//!   complete row: an interrupted Create leaves either the whole object or nothing.
//! * Optimistic concurrency on `update_object` (`... WHERE revision = $n - 1`), objects and updates
//!   confined to their tenant, unique client names and usernames, a `trust_generation` row bumped by
//!   triggers in the same transaction as every tenant or client change, the audit batch in one
//!   statement.
//! * A versioned schema (`schema_version`); migrations run under a transaction-scoped advisory lock,
//!   so nodes starting at once apply each exactly once. A newer schema than this build knows is
//!   refused.
//! * Bounded waits: connecting is bounded by `connect_timeout`, each statement by
//!   `statement_timeout` (set on the server and enforced by the client as well), so a store call
//!   returns within [`PgSettings::call_bound`] whatever the database or network does.
//! * Reconnection: a connection that fails at the connection level is discarded with every idle
//!   one (after a server restart they are all dead); the call returns [`StoreError::Backend`] with
//!   the reason and the next call connects anew. Reads that failed on a reused connection are
//!   retried once on a fresh one within the same bound (a restart is then invisible to them);
//!   writes are not retried (their outcome is unknown).
//!
//! The store owns a small tokio runtime that drives the connections; its synchronous methods block
//! on it, so they must be called from plain threads (`spawn_blocking`, the audit writer, the CLI),
//! never from inside an async task.

mod admins;
mod cluster;
mod credentials;
pub mod dump;
mod session_records;
mod settings;

use std::collections::HashMap;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::str::FromStr;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};

use tokio_postgres::error::SqlState;
use tokio_postgres::types::ToSql;
use tokio_postgres::{Client, NoTls, Row, Statement};

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
    include_str!("migrations/postgres/0001_initial.sql"),
    include_str!("migrations/postgres/0002_root_rotation.sql"),
    include_str!("migrations/postgres/0003_key_mirrors.sql"),
    include_str!("migrations/postgres/0004_cluster.sql"),
    include_str!("migrations/postgres/0005_object_index.sql"),
    include_str!("migrations/postgres/0006_audit_chain.sql"),
    include_str!("migrations/postgres/0007_admins.sql"),
    include_str!("migrations/postgres/0008_tenant_settings.sql"),
    include_str!("migrations/postgres/0009_session_records.sql"),
];

/// The schema version this build creates and understands.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Key of the advisory lock serialising migrations ("keyhaven" in ASCII).
const MIGRATION_LOCK: i64 = 0x6b65_7968_6176_656e;

/// Time a migration (and the wait for another node's migration) may take.
const MIGRATION_TIMEOUT: Duration = Duration::from_secs(60);

/// Tuning of the PostgreSQL store.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PgSettings {
    /// Most connections this process holds open.
    pub pool_size: usize,
    /// Bound on establishing one connection (TCP, TLS, authentication, session set-up). A
    /// `connect_timeout` in the database URL takes precedence.
    pub connect_timeout: Duration,
    /// Bound on one statement: sent to the server as `statement_timeout` and `lock_timeout`, and
    /// enforced by the client too (a server that does not answer at all).
    pub statement_timeout: Duration,
}

impl Default for PgSettings {
    fn default() -> Self {
        PgSettings {
            pool_size: 16,
            connect_timeout: Duration::from_secs(3),
            statement_timeout: Duration::from_secs(5),
        }
    }
}

impl PgSettings {
    /// The longest one store call can take, waiting for a pooled connection included: a connect
    /// and a statement, plus half a second of slack for the client-side timer.
    pub fn call_bound(&self) -> Duration {
        self.connect_timeout + self.statement_timeout + Duration::from_millis(500)
    }
}

// Every statement is a constant, prepared once per connection (see `Session::stmt`).
const SQL_INSERT_TENANT: &str = "INSERT INTO tenants (id, name, state, root_provider, \
     root_key_ref, wrapped_twk, twk_version, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
const SQL_GET_TENANT: &str = "SELECT id, name, state, root_provider, root_key_ref, wrapped_twk, \
     twk_version, created_at FROM tenants WHERE id = $1";
const SQL_GET_TENANT_BY_NAME: &str = "SELECT id, name, state, root_provider, root_key_ref, \
     wrapped_twk, twk_version, created_at FROM tenants WHERE name = $1";
// COLLATE "C": byte order, as SQLite sorts, whatever the database's locale.
const SQL_LIST_TENANTS: &str = "SELECT id, name, state, root_provider, root_key_ref, wrapped_twk, \
     twk_version, created_at FROM tenants ORDER BY name COLLATE \"C\"";
const SQL_SET_TENANT_STATE: &str = "UPDATE tenants SET state = $2 WHERE id = $1";
const SQL_INSERT_CLIENT: &str = "INSERT INTO clients (id, tenant_id, name, trust_kind, \
     trust_data, cert_der, username, password_hash, created_at) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";
const SQL_LIST_CLIENTS: &str = "SELECT id, tenant_id, name, trust_kind, trust_data, cert_der, \
     username, password_hash, created_at FROM clients ORDER BY name COLLATE \"C\"";
const SQL_LIST_CLIENTS_OF: &str = "SELECT id, tenant_id, name, trust_kind, trust_data, cert_der, \
     username, password_hash, created_at FROM clients WHERE tenant_id = $1 \
     ORDER BY name COLLATE \"C\"";
const SQL_REMOVE_CLIENT: &str = "DELETE FROM clients WHERE name = $1";
const SQL_TRUST_GENERATION: &str = "SELECT generation FROM trust_generation WHERE id = 1";
// The object and its search terms (store/query.rs) in one statement, so one transaction.
const SQL_INSERT_OBJECT: &str = "WITH o AS (INSERT INTO objects (uid, tenant_id, object_type, \
     state, algorithm, length, wrapped_material, attributes, created_at, updated_at, revision) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING uid), \
     t AS (INSERT INTO object_terms (attr, value, uid) \
         SELECT x.a, x.v, o.uid FROM o, UNNEST($12::TEXT[], $13::TEXT[]) AS x(a, v)), \
     d AS (INSERT INTO object_dates (attr, at, uid) \
         SELECT y.a, y.v, o.uid FROM o, UNNEST($14::TEXT[], $15::BIGINT[]) AS y(a, v)) \
     SELECT COUNT(*) FROM o";
const SQL_GET_OBJECT: &str = "SELECT uid, tenant_id, object_type, state, algorithm, length, \
     wrapped_material, attributes, created_at, updated_at, revision \
     FROM objects WHERE uid = $1 AND tenant_id = $2";
// The update and the replacement of the object's search terms in one statement: terms no longer
// there are deleted, new ones inserted (those kept are left alone).
const SQL_UPDATE_OBJECT: &str = "WITH u AS (UPDATE objects SET object_type = $3, state = $4, \
     algorithm = $5, length = $6, wrapped_material = $7, attributes = $8, updated_at = $9, \
     revision = $10 WHERE uid = $1 AND tenant_id = $2 AND revision = $10::BIGINT - 1 RETURNING uid), \
     dt AS (DELETE FROM object_terms WHERE uid IN (SELECT uid FROM u) \
         AND (attr, value) NOT IN (SELECT * FROM UNNEST($11::TEXT[], $12::TEXT[]))), \
     dd AS (DELETE FROM object_dates WHERE uid IN (SELECT uid FROM u) \
         AND (attr, at) NOT IN (SELECT * FROM UNNEST($13::TEXT[], $14::BIGINT[]))), \
     it AS (INSERT INTO object_terms (attr, value, uid) \
         SELECT x.a, x.v, u.uid FROM u, UNNEST($11::TEXT[], $12::TEXT[]) AS x(a, v) \
         ON CONFLICT DO NOTHING), \
     id AS (INSERT INTO object_dates (attr, at, uid) \
         SELECT y.a, y.v, u.uid FROM u, UNNEST($13::TEXT[], $14::BIGINT[]) AS y(a, v) \
         ON CONFLICT DO NOTHING) \
     SELECT COUNT(*) FROM u";
const SQL_PENDING_TERMS: &str = "SELECT p.uid, o.attributes FROM object_terms_pending p \
     LEFT JOIN objects o ON o.uid = p.uid LIMIT 1000";
const SQL_ADD_TERMS: &str = "INSERT INTO object_terms (attr, value, uid) \
     SELECT * FROM UNNEST($1::TEXT[], $2::TEXT[], $3::TEXT[]) ON CONFLICT DO NOTHING";
const SQL_ADD_DATES: &str = "INSERT INTO object_dates (attr, at, uid) \
     SELECT * FROM UNNEST($1::TEXT[], $2::BIGINT[], $3::TEXT[]) ON CONFLICT DO NOTHING";
const SQL_OBJECT_EXISTS: &str = "SELECT 1 FROM objects WHERE uid = $1 AND tenant_id = $2";
const SQL_LIST_OBJECTS: &str = "SELECT uid, tenant_id, object_type, state, algorithm, length, \
     wrapped_material, attributes, created_at, updated_at, revision FROM objects \
     WHERE tenant_id = $1 \
       AND ($2::BIGINT IS NULL OR object_type = $2) \
       AND ($3::BIGINT IS NULL OR state = $3) \
       AND ($4::BIGINT IS NULL OR algorithm = $4) \
       AND ($5::INTEGER IS NULL OR length = $5) \
     ORDER BY created_at, seq LIMIT $6";
// One statement inserts the whole batch (in the transaction that holds the chain head).
const SQL_APPEND_AUDIT: &str = "INSERT INTO audit (at, tenant_id, actor, operation, uid, outcome, \
     peer, seq, prev_hash, hash) \
     SELECT at, tenant_id, actor, operation, uid, outcome, peer, seq, prev_hash, hash \
     FROM UNNEST($1::BIGINT[], $2::TEXT[], $3::TEXT[], $4::TEXT[], $5::TEXT[], $6::TEXT[], $7::TEXT[], \
                 $8::BIGINT[], $9::BYTEA[], $10::BYTEA[]) \
          WITH ORDINALITY AS r(at, tenant_id, actor, operation, uid, outcome, peer, seq, prev_hash, \
                               hash, n) \
     ORDER BY n";
// Every appender (each node's audit thread, each admin command) serialises on this row.
const SQL_LOCK_AUDIT_HEAD: &str = "SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE";
const SQL_SET_AUDIT_HEAD: &str = "UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1";
const SQL_AUDIT_HEAD: &str = "SELECT seq, hash FROM audit_head WHERE id = 1";
const SQL_AUDIT_CHAIN: &str =
    "SELECT at, tenant_id, actor, operation, uid, outcome, peer, id, seq, \
     prev_hash, hash FROM audit WHERE seq > $1 ORDER BY seq, id LIMIT $2";
const SQL_UNCHAINED_AFTER_START: &str = "SELECT MIN(id) FROM audit WHERE seq IS NULL AND id > (SELECT MIN(id) FROM audit WHERE seq IS NOT NULL)";
const SQL_COUNT_UNCHAINED: &str = "SELECT COUNT(*) FROM audit WHERE seq IS NULL";
const SQL_ADD_CHECKPOINT: &str =
    "INSERT INTO audit_checkpoints (seq, hash, at, key_id, signature) \
     VALUES ($1, $2, $3, $4, $5) ON CONFLICT (seq) DO UPDATE SET hash = EXCLUDED.hash, \
     at = EXCLUDED.at, key_id = EXCLUDED.key_id, signature = EXCLUDED.signature";
const SQL_LIST_CHECKPOINTS: &str =
    "SELECT seq, hash, at, key_id, signature FROM audit_checkpoints ORDER BY seq";
const SQL_AUDIT_ANCHOR: &str =
    "SELECT seq, hash, at, key_id, signature FROM audit_anchor WHERE id = 1";
const SQL_LIST_AUDIT: &str =
    "SELECT at, tenant_id, actor, operation, uid, outcome, peer FROM audit ORDER BY id DESC LIMIT $1";
const SQL_LIST_AUDIT_TENANT: &str = "SELECT at, tenant_id, actor, operation, uid, outcome, peer \
     FROM audit WHERE tenant_id = $1 ORDER BY id DESC LIMIT $2";
const SQL_LIST_AUDIT_UID: &str = "SELECT at, tenant_id, actor, operation, uid, outcome, peer \
     FROM audit WHERE uid = $1 ORDER BY id DESC LIMIT $2";
const SQL_LIST_AUDIT_BOTH: &str = "SELECT at, tenant_id, actor, operation, uid, outcome, peer \
     FROM audit WHERE tenant_id = $1 AND uid = $2 ORDER BY id DESC LIMIT $3";

const SQL_BEGIN_ROTATION: &str = "INSERT INTO root_rotations (tenant_id, old_ref, new_ref, phase, \
     started_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6)";
const SQL_SET_TENANT_MIRROR: &str =
    "INSERT INTO tenant_mirrors (tenant_id, provider) VALUES ($1, $2) \
     ON CONFLICT (tenant_id) DO UPDATE SET provider = EXCLUDED.provider";
const SQL_UNSET_TENANT_MIRROR: &str = "DELETE FROM tenant_mirrors WHERE tenant_id = $1";
const SQL_LIST_TENANT_MIRRORS: &str =
    "SELECT tenant_id, provider FROM tenant_mirrors ORDER BY tenant_id";
const SQL_LIST_KEY_MIRRORS: &str = "SELECT uid, tenant_id, provider, remote_id, state, attempts, \
     last_error, updated_at FROM key_mirrors WHERE tenant_id = $1 ORDER BY uid";
const SQL_GET_KEY_MIRRORS: &str = "SELECT uid, tenant_id, provider, remote_id, state, attempts, \
     last_error, updated_at FROM key_mirrors WHERE tenant_id = $1 AND uid = ANY($2) ORDER BY uid";
const SQL_PUT_KEY_MIRROR: &str = "INSERT INTO key_mirrors (uid, tenant_id, provider, remote_id, \
     state, attempts, last_error, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
     ON CONFLICT (uid) DO UPDATE SET provider = EXCLUDED.provider, remote_id = EXCLUDED.remote_id, \
     state = EXCLUDED.state, attempts = EXCLUDED.attempts, last_error = EXCLUDED.last_error, \
     updated_at = EXCLUDED.updated_at";
const SQL_CLAIM_KEY_MIRROR: &str = "INSERT INTO key_mirrors (uid, tenant_id, provider, remote_id, \
     state, attempts, last_error, updated_at) VALUES ($1, $2, $3, NULL, 'writing', $4, NULL, $5) \
     ON CONFLICT (uid) DO UPDATE SET state = 'writing', provider = EXCLUDED.provider, \
     attempts = EXCLUDED.attempts, updated_at = EXCLUDED.updated_at \
     WHERE key_mirrors.state = 'failed' \
     OR (key_mirrors.state = 'writing' AND key_mirrors.updated_at < $6)";
const SQL_GET_ROTATION: &str = "SELECT tenant_id, old_ref, new_ref, phase, started_at, updated_at \
     FROM root_rotations WHERE tenant_id = $1";
const SQL_LIST_ROTATIONS: &str = "SELECT tenant_id, old_ref, new_ref, phase, started_at, \
     updated_at FROM root_rotations ORDER BY started_at";
// One statement, so one transaction: the tenant switches to the new root key (only while it still
// has the old one) and, if it did, its rotation moves to 'retiring'. Returns the tenants switched.
const SQL_SWITCH_ROOT_KEY: &str = "WITH t AS ( \
         UPDATE tenants SET root_key_ref = $3, wrapped_twk = $4 \
         WHERE id = $1 AND root_key_ref = $2 RETURNING id), \
     r AS ( \
         UPDATE root_rotations SET phase = 'retiring', updated_at = EXTRACT(EPOCH FROM now())::BIGINT \
         WHERE tenant_id IN (SELECT id FROM t) RETURNING tenant_id) \
     SELECT COUNT(*) FROM t";
const SQL_END_ROTATION: &str = "DELETE FROM root_rotations WHERE tenant_id = $1";

/// Why one step of a call failed.
enum Failure {
    /// The server or the connection reported an error.
    Pg(tokio_postgres::Error),
    /// The client-side bound passed before the server answered.
    Timeout(Duration),
    /// A row could not be turned into a record.
    Decode(String),
}

impl From<tokio_postgres::Error> for Failure {
    fn from(e: tokio_postgres::Error) -> Self {
        Failure::Pg(e)
    }
}

impl Failure {
    /// Whether the connection can no longer be trusted (and the server may be gone).
    fn connection_lost(&self) -> bool {
        match self {
            Failure::Timeout(_) => true,
            Failure::Decode(_) => false,
            Failure::Pg(e) => match e.code() {
                // An error the server reported in an open session: the session is fine, except
                // for class 08 (connection exception) and 57P0x (shutdown, crash, starting up).
                Some(code) => {
                    let c = code.code();
                    c.starts_with("08") || c.starts_with("57P")
                }
                None => true,
            },
        }
    }
}

/// A connection with its prepared statements.
struct PgConn {
    client: Client,
    task: tokio::task::JoinHandle<()>,
    statements: HashMap<&'static str, Statement>,
}

impl Drop for PgConn {
    fn drop(&mut self) {
        // Ends the connection's I/O task at once, even when its socket is stuck.
        self.task.abort();
    }
}

/// The connection pool: idle connections and a count of those open.
struct Pool {
    state: Mutex<PoolState>,
    freed: Condvar,
}

struct PoolState {
    idle: Vec<PgConn>,
    open: usize,
}

/// A connection taken from the pool; back to the pool on drop unless marked broken.
struct Lease<'a> {
    store: &'a PostgresStore,
    conn: Option<PgConn>,
    reused: bool,
    broken: bool,
}

impl Drop for Lease<'_> {
    fn drop(&mut self) {
        let Some(conn) = self.conn.take() else {
            return;
        };
        let mut st = self.store.pool_state();
        if self.broken || conn.client.is_closed() {
            st.open -= 1;
            if self.broken {
                // After a connection-level failure every idle connection is suspect (a restarted
                // or unreachable server): drop them so the next call connects anew rather than
                // timing out on each in turn.
                st.open -= st.idle.len();
                st.idle.clear();
            }
            drop(conn);
            drop(st);
            // Room to open connections again: every waiter may use it.
            self.store.pool.freed.notify_all();
        } else {
            st.idle.push(conn);
            drop(st);
            // One connection for one waiter: waking them all made each of 48 callers waiting for
            // 16 connections switch in and out again on every release.
            self.store.pool.freed.notify_one();
        }
    }
}

/// One call's use of a connection, with the call's deadline.
struct Session<'a> {
    store: &'a PostgresStore,
    conn: &'a mut PgConn,
    deadline: Instant,
}

impl Session<'_> {
    /// Runs one future on the store's runtime, bounded by the call's deadline.
    fn wait<T, F>(&self, fut: F) -> Result<T, Failure>
    where
        F: Future<Output = Result<T, tokio_postgres::Error>>,
    {
        self.store.block(self.deadline, fut)
    }

    /// The prepared statement for `sql`, prepared on first use on this connection.
    fn stmt(&mut self, sql: &'static str) -> Result<Statement, Failure> {
        if let Some(s) = self.conn.statements.get(sql) {
            return Ok(s.clone());
        }
        let s = self
            .store
            .block(self.deadline, self.conn.client.prepare(sql))?;
        self.conn.statements.insert(sql, s.clone());
        Ok(s)
    }

    fn query(
        &mut self,
        sql: &'static str,
        params: &[&(dyn ToSql + Sync)],
    ) -> Result<Vec<Row>, Failure> {
        let st = self.stmt(sql)?;
        self.wait(self.conn.client.query(&st, params))
    }

    fn query_opt(
        &mut self,
        sql: &'static str,
        params: &[&(dyn ToSql + Sync)],
    ) -> Result<Option<Row>, Failure> {
        let st = self.stmt(sql)?;
        self.wait(self.conn.client.query_opt(&st, params))
    }

    fn execute(
        &mut self,
        sql: &'static str,
        params: &[&(dyn ToSql + Sync)],
    ) -> Result<u64, Failure> {
        let st = self.stmt(sql)?;
        self.wait(self.conn.client.execute(&st, params))
    }
}

/// The PostgreSQL implementation of [`Store`].
pub struct PostgresStore {
    config: tokio_postgres::Config,
    /// `host:port/dbname` for messages (never the password).
    target: String,
    settings: PgSettings,
    /// TLS to the server, verified against these roots; `None`: plain TCP.
    tls: Option<Arc<rustls::ClientConfig>>,
    pool: Pool,
    /// `Some` until drop (where it is shut down without blocking).
    rt: Option<tokio::runtime::Runtime>,
}

impl fmt::Debug for PostgresStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PostgresStore")
            .field("target", &self.target)
            .field("settings", &self.settings)
            .finish_non_exhaustive()
    }
}

impl Drop for PostgresStore {
    fn drop(&mut self) {
        self.pool_state().idle.clear();
        if let Some(rt) = self.rt.take() {
            rt.shutdown_background();
        }
    }
}

/// `host:port[,host:port...]/dbname` of a configuration, for messages.
fn describe(config: &tokio_postgres::Config) -> String {
    let ports = config.get_ports();
    let hosts: Vec<String> = config
        .get_hosts()
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let host = match h {
                tokio_postgres::config::Host::Tcp(name) => name.clone(),
                #[cfg(unix)]
                tokio_postgres::config::Host::Unix(path) => path.display().to_string(),
            };
            let port = ports
                .get(i)
                .or_else(|| ports.first())
                .copied()
                .unwrap_or(5432);
            format!("{host}:{port}")
        })
        .collect();
    format!(
        "{}/{}",
        hosts.join(","),
        config.get_dbname().unwrap_or("(default database)")
    )
}

/// Formats an error with its causes (tokio-postgres keeps the server's message in the cause).
fn chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut cur = e.source();
    while let Some(c) = cur {
        let t = c.to_string();
        if !s.contains(&t) {
            s.push_str(": ");
            s.push_str(&t);
        }
        cur = c.source();
    }
    s
}

fn millis(d: Duration) -> u128 {
    d.as_millis().max(1)
}

impl PostgresStore {
    /// Connects to the database at `url` (a `postgres://` URL or a libpq key=value string) and
    /// brings its schema up to date. Fails when the database cannot be reached.
    pub fn open(url: &str, settings: PgSettings) -> StoreResult<PostgresStore> {
        Self::open_inner(url, settings, None)
    }

    /// Like [`PostgresStore::open`], over TLS only: the server's certificate must chain to one of
    /// the CA certificates in `ca_pem` and name the host of the URL (its DNS name or IP address).
    pub fn open_tls(url: &str, settings: PgSettings, ca_pem: &[u8]) -> StoreResult<PostgresStore> {
        let bad = |m: String| StoreError::Backend(format!("PostgreSQL CA certificates: {m}"));
        let mut roots = rustls::RootCertStore::empty();
        for cert in crate::pki::parse_certificates(ca_pem).map_err(|e| bad(e.to_string()))? {
            roots
                .add(rustls_pki_types::CertificateDer::from(cert))
                .map_err(|e| bad(e.to_string()))?;
        }
        if roots.is_empty() {
            return Err(bad("no certificate found".into()));
        }
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let config = rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(|e| bad(e.to_string()))?
            .with_root_certificates(roots)
            .with_no_client_auth();
        Self::open_inner(url, settings, Some(Arc::new(config)))
    }

    fn open_inner(
        url: &str,
        settings: PgSettings,
        tls: Option<Arc<rustls::ClientConfig>>,
    ) -> StoreResult<PostgresStore> {
        let mut config = tokio_postgres::Config::from_str(url).map_err(|e| {
            // The message names the offending option, never the URL (it may hold a password).
            StoreError::Backend(format!("bad PostgreSQL database URL: {}", chain(&e)))
        })?;
        if config.get_hosts().is_empty() {
            return Err(StoreError::Backend(
                "bad PostgreSQL database URL: it names no host (postgres://USER@HOST:PORT/DB)"
                    .into(),
            ));
        }
        match (&tls, config.get_ssl_mode()) {
            (Some(_), tokio_postgres::config::SslMode::Disable) => {
                return Err(StoreError::Backend(
                    "a PostgreSQL CA was given but the database URL says sslmode=disable".into(),
                ))
            }
            (Some(_), _) => {
                config.ssl_mode(tokio_postgres::config::SslMode::Require);
            }
            (None, tokio_postgres::config::SslMode::Require) => {
                return Err(StoreError::Backend(
                    "the database URL says sslmode=require: give the CA that signed the \
                     PostgreSQL server's certificate with --database-ca"
                        .into(),
                ))
            }
            (None, _) => {
                // Without a CA to verify the server, TLS would prove nothing: plain TCP.
                config.ssl_mode(tokio_postgres::config::SslMode::Disable);
            }
        }
        let mut settings = settings;
        match config.get_connect_timeout() {
            Some(t) => settings.connect_timeout = *t,
            None => {
                config.connect_timeout(settings.connect_timeout);
            }
        }
        if config.get_application_name().is_none() {
            config.application_name("keyhaven");
        }
        // Notice a peer that vanished (power loss, partition) on idle connections too.
        config
            .keepalives(true)
            .keepalives_idle(Duration::from_secs(15))
            .keepalives_interval(Duration::from_secs(5))
            .keepalives_retries(3);
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("keyhaven-pg")
            .enable_io()
            .enable_time()
            .build()
            .map_err(|e| {
                StoreError::Backend(format!("cannot start the PostgreSQL runtime: {e}"))
            })?;
        let store = PostgresStore {
            target: describe(&config),
            config,
            settings,
            tls,
            pool: Pool {
                state: Mutex::new(PoolState {
                    idle: Vec::new(),
                    open: 0,
                }),
                freed: Condvar::new(),
            },
            rt: Some(rt),
        };
        store.migrate()?;
        store.index_pending()?;
        Ok(store)
    }

    /// `host:port/dbname` of a database URL (no credentials); `None` when it does not parse.
    pub fn describe_url(url: &str) -> Option<String> {
        tokio_postgres::Config::from_str(url)
            .ok()
            .map(|c| describe(&c))
    }

    /// `host:port/dbname` of the database (no credentials), for banners and messages.
    pub fn target(&self) -> &str {
        &self.target
    }

    /// The settings in force.
    pub fn settings(&self) -> PgSettings {
        self.settings
    }

    /// The schema version of the database.
    pub fn schema_version(&self) -> StoreResult<i64> {
        self.call("read", "schema version", true, |s| {
            let st = s.wait(
                s.conn
                    .client
                    .query_one("SELECT COALESCE(MAX(version), 0) FROM schema_version", &[]),
            )?;
            Ok(st.try_get::<_, i64>(0)?)
        })
    }

    fn pool_state(&self) -> MutexGuard<'_, PoolState> {
        self.pool.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn block<T, F>(&self, deadline: Instant, fut: F) -> Result<T, Failure>
    where
        F: Future<Output = Result<T, tokio_postgres::Error>>,
    {
        let left = deadline.saturating_duration_since(Instant::now());
        let Some(rt) = self.rt.as_ref() else {
            return Err(Failure::Timeout(left));
        };
        match rt.block_on(async { tokio::time::timeout(left, fut).await }) {
            Ok(r) => r.map_err(Failure::Pg),
            Err(_) => Err(Failure::Timeout(left)),
        }
    }

    /// Opens a new connection and sets the session up (timeouts, durable commits).
    fn connect(&self, deadline: Instant) -> StoreResult<PgConn> {
        let Some(rt) = self.rt.as_ref() else {
            return Err(StoreError::Backend("the PostgreSQL store is closed".into()));
        };
        let bound = self.settings.connect_timeout;
        let left = deadline
            .saturating_duration_since(Instant::now())
            .min(bound);
        let target = self.target.clone();
        let connected = rt.block_on(async {
            tokio::time::timeout(left, async {
                // The connection's I/O runs as a task of the store's runtime until the client
                // is dropped (or the task aborted).
                match &self.tls {
                    Some(cfg) => {
                        let (client, connection) =
                            self.config.connect(RustlsConnect(cfg.clone())).await?;
                        Ok::<_, tokio_postgres::Error>((
                            client,
                            rt.spawn(drive(connection, target)),
                        ))
                    }
                    None => {
                        let (client, connection) = self.config.connect(NoTls).await?;
                        Ok((client, rt.spawn(drive(connection, target))))
                    }
                }
            })
            .await
        });
        let (client, task) = match connected {
            Ok(Ok(pair)) => pair,
            Ok(Err(e)) => {
                return Err(StoreError::Backend(format!(
                    "cannot connect to PostgreSQL at {}: {}",
                    self.target,
                    chain(&e)
                )))
            }
            Err(_) => {
                return Err(StoreError::Backend(format!(
                    "cannot connect to PostgreSQL at {}: no answer within {} ms",
                    self.target,
                    millis(left)
                )))
            }
        };
        let conn = PgConn {
            client,
            task,
            statements: HashMap::new(),
        };
        let timeout_ms = millis(self.settings.statement_timeout);
        let setup = format!(
            "SET statement_timeout = {timeout_ms}; SET lock_timeout = {timeout_ms}; \
             SET idle_in_transaction_session_timeout = {}",
            timeout_ms * 2
        );
        let session_deadline = Instant::now() + bound;
        let durable = (|| -> Result<(), Failure> {
            self.block(session_deadline, conn.client.batch_execute(&setup))?;
            // Every commit must be on disk before it is acknowledged. Any level but `off` flushes
            // the local WAL; a stronger one configured on the server (remote_apply for a
            // synchronous standby) is kept.
            let row = self.block(
                session_deadline,
                conn.client.query_one("SHOW synchronous_commit", &[]),
            )?;
            let level: String = row.try_get(0)?;
            if level == "off" {
                self.block(
                    session_deadline,
                    conn.client.batch_execute("SET synchronous_commit = on"),
                )?;
            }
            Ok(())
        })();
        match durable {
            Ok(()) => Ok(conn),
            Err(f) => Err(self.error("set up a session on", "the connection", f)),
        }
    }

    /// Takes a connection from the pool, opening one when none is idle and the pool has room.
    fn checkout(&self, deadline: Instant) -> StoreResult<Lease<'_>> {
        let mut st = self.pool_state();
        loop {
            while let Some(conn) = st.idle.pop() {
                if conn.client.is_closed() {
                    st.open -= 1;
                    continue;
                }
                return Ok(Lease {
                    store: self,
                    conn: Some(conn),
                    reused: true,
                    broken: false,
                });
            }
            if st.open < self.settings.pool_size.max(1) {
                st.open += 1;
                drop(st);
                return match self.connect(deadline) {
                    Ok(conn) => Ok(Lease {
                        store: self,
                        conn: Some(conn),
                        reused: false,
                        broken: false,
                    }),
                    Err(e) => {
                        self.pool_state().open -= 1;
                        self.pool.freed.notify_all();
                        Err(e)
                    }
                };
            }
            let now = Instant::now();
            if now >= deadline {
                // A release's notify_one may have woken this caller as it gave up: pass it on.
                drop(st);
                self.pool.freed.notify_one();
                return Err(StoreError::Backend(format!(
                    "PostgreSQL at {}: all {} connections of this node stayed busy; retry later",
                    self.target, self.settings.pool_size
                )));
            }
            st = self
                .pool
                .freed
                .wait_timeout(st, deadline - now)
                .map(|(g, _)| g)
                .unwrap_or_else(|p| p.into_inner().0);
        }
    }

    /// Runs `f` on a pooled connection within the call bound. `retry_read` allows one more try on
    /// a fresh connection when a reused one turned out dead (only for calls without effects).
    fn call<T>(
        &self,
        op: &str,
        what: &str,
        retry_read: bool,
        mut f: impl FnMut(&mut Session<'_>) -> Result<T, Failure>,
    ) -> StoreResult<T> {
        if crate::nonblocking::refuse() {
            return Err(StoreError::Backend(format!(
                "{op} {what}: a database round trip cannot run on an async worker"
            )));
        }
        let deadline = Instant::now() + self.settings.call_bound();
        let mut tries = 0;
        loop {
            tries += 1;
            let mut lease = self.checkout(deadline)?;
            let reused = lease.reused;
            let result = match lease.conn.as_mut() {
                Some(conn) => f(&mut Session {
                    store: self,
                    conn,
                    deadline,
                }),
                None => Err(Failure::Decode("connection lease is empty".into())),
            };
            match result {
                Ok(v) => return Ok(v),
                Err(failure) => {
                    let lost = failure.connection_lost();
                    lease.broken = lost;
                    drop(lease);
                    if lost && reused && retry_read && tries < 2 && Instant::now() < deadline {
                        tracing::debug!(database = %self.target, "stale PostgreSQL connection; retrying the read on a new one");
                        continue;
                    }
                    return Err(self.error(op, what, failure));
                }
            }
        }
    }

    /// Maps a failure to a [`StoreError`] naming the operation and its subject.
    fn error(&self, op: &str, what: &str, f: Failure) -> StoreError {
        match f {
            Failure::Timeout(t) => StoreError::Backend(format!(
                "{op} {what}: PostgreSQL at {} did not answer within {} ms",
                self.target,
                millis(t)
            )),
            Failure::Decode(m) => StoreError::Backend(format!("{op} {what}: {m}")),
            Failure::Pg(e) => {
                if let Some(db) = e.as_db_error() {
                    let detail = db.detail().unwrap_or(db.message());
                    if *db.code() == SqlState::UNIQUE_VIOLATION {
                        return StoreError::AlreadyExists(format!("{op} {what}: {detail}"));
                    }
                    if *db.code() == SqlState::FOREIGN_KEY_VIOLATION {
                        return StoreError::NotFound(format!(
                            "{op} {what}: the referenced tenant does not exist"
                        ));
                    }
                    StoreError::Backend(format!(
                        "{op} {what}: PostgreSQL at {} refused: {} (SQLSTATE {})",
                        self.target,
                        db.message(),
                        db.code().code()
                    ))
                } else {
                    StoreError::Backend(format!(
                        "{op} {what}: PostgreSQL at {}: {}",
                        self.target,
                        chain(&e)
                    ))
                }
            }
        }
    }

    /// Indexes the objects listed in `object_terms_pending` (stored before the index migration), a
    /// thousand per transaction, under the migration lock.
    fn index_pending(&self) -> StoreResult<()> {
        loop {
            let done = self.call("index", "existing objects", false, |s| {
                let store = s.store;
                let deadline = s.deadline;
                let timeout_ms = MIGRATION_TIMEOUT.as_millis();
                let tx = store.block(deadline, s.conn.client.transaction())?;
                store.block(
                    deadline,
                    tx.batch_execute(&format!("SET LOCAL statement_timeout = {timeout_ms}")),
                )?;
                store.block(
                    deadline,
                    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK]),
                )?;
                let rows = store.block(deadline, tx.query(SQL_PENDING_TERMS, &[]))?;
                if rows.is_empty() {
                    return Ok(true);
                }
                let (mut ta, mut tv, mut tu) = (Vec::new(), Vec::new(), Vec::new());
                let (mut da, mut dv, mut du) = (Vec::new(), Vec::new(), Vec::new());
                let mut uids = Vec::with_capacity(rows.len());
                for r in &rows {
                    let uid: String = col(r, 0)?;
                    let attributes: Option<Vec<u8>> = col(r, 1)?;
                    let t = index_terms(attributes.as_deref().unwrap_or_default());
                    for (a, v) in t.text {
                        ta.push(a);
                        tv.push(v);
                        tu.push(uid.clone());
                    }
                    for (a, d) in t.dates {
                        da.push(a);
                        dv.push(d);
                        du.push(uid.clone());
                    }
                    uids.push(uid);
                }
                store.block(deadline, tx.execute(SQL_ADD_TERMS, &[&ta, &tv, &tu]))?;
                store.block(deadline, tx.execute(SQL_ADD_DATES, &[&da, &dv, &du]))?;
                store.block(
                    deadline,
                    tx.execute(
                        "DELETE FROM object_terms_pending WHERE uid = ANY($1::TEXT[])",
                        &[&uids],
                    ),
                )?;
                store.block(deadline, tx.commit())?;
                Ok(false)
            })?;
            if done {
                return Ok(());
            }
        }
    }

    /// Applies the pending migrations, each in its own transaction under the advisory lock.
    fn migrate(&self) -> StoreResult<()> {
        let too_new = |version: i64| {
            StoreError::Backend(format!(
                "database {} has schema version {version}, newer than version {SCHEMA_VERSION} \
                 known to this keyhaven build; refusing to open it (upgrade keyhaven)",
                self.target
            ))
        };
        let deadline = Instant::now() + MIGRATION_TIMEOUT + self.settings.connect_timeout;
        let mut lease = self.checkout(deadline)?;
        let Some(conn) = lease.conn.as_mut() else {
            return Err(StoreError::Backend("connection lease is empty".into()));
        };
        let timeout_ms = MIGRATION_TIMEOUT.as_millis();
        let mut result = Ok(());
        for (i, sql) in MIGRATIONS.iter().enumerate() {
            let target = i as i64 + 1;
            let step = (|| -> Result<Option<i64>, Failure> {
                let tx = self.block(deadline, conn.client.transaction())?;
                self.block(
                    deadline,
                    tx.batch_execute(&format!(
                        "SET LOCAL statement_timeout = {timeout_ms}; \
                         SET LOCAL lock_timeout = {timeout_ms}; \
                         SET LOCAL client_min_messages = warning"
                    )),
                )?;
                // Serialises nodes starting at once; released at commit or rollback.
                self.block(
                    deadline,
                    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK]),
                )?;
                self.block(
                    deadline,
                    tx.batch_execute(
                        "CREATE TABLE IF NOT EXISTS schema_version (
                             version    BIGINT PRIMARY KEY,
                             applied_at BIGINT NOT NULL
                         )",
                    ),
                )?;
                let row = self.block(
                    deadline,
                    tx.query_one("SELECT COALESCE(MAX(version), 0) FROM schema_version", &[]),
                )?;
                let version: i64 = row.try_get(0)?;
                if version > SCHEMA_VERSION || version >= target {
                    // Nothing to do (or refused below); rolled back on drop.
                    return Ok(Some(version));
                }
                self.block(deadline, tx.batch_execute(sql))?;
                self.block(
                    deadline,
                    tx.execute(
                        "INSERT INTO schema_version (version, applied_at) \
                         VALUES ($1, EXTRACT(EPOCH FROM now())::BIGINT)",
                        &[&target],
                    ),
                )?;
                self.block(deadline, tx.commit())?;
                tracing::info!(database = %self.target, version = target, "applied schema migration");
                Ok(None)
            })();
            match step {
                Ok(Some(v)) if v > SCHEMA_VERSION => {
                    result = Err(too_new(v));
                    break;
                }
                Ok(_) => {}
                Err(f) => {
                    lease.broken = f.connection_lost();
                    result = Err(self.error(
                        "migrate",
                        &format!("{} to schema version {target}", self.target),
                        f,
                    ));
                    break;
                }
            }
        }
        drop(lease);
        result
    }
}

/// Runs a connection's I/O until it ends.
async fn drive<S, T>(connection: tokio_postgres::Connection<S, T>, target: String)
where
    S: AsyncRead + AsyncWrite + Unpin,
    T: AsyncRead + AsyncWrite + Unpin,
{
    if let Err(e) = connection.await {
        tracing::debug!(database = %target, error = %e, "PostgreSQL connection ended");
    }
}

/// TLS to PostgreSQL with rustls: the server certificate is verified against the configured roots
/// and the host name (or IP address) of the URL.
#[derive(Clone)]
struct RustlsConnect(Arc<rustls::ClientConfig>);

struct RustlsConnectOne {
    config: Arc<rustls::ClientConfig>,
    name: rustls_pki_types::ServerName<'static>,
}

impl<S> tokio_postgres::tls::MakeTlsConnect<S> for RustlsConnect
where
    S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    type Stream = RustlsStream<S>;
    type TlsConnect = RustlsConnectOne;
    type Error = std::io::Error;

    fn make_tls_connect(&mut self, domain: &str) -> Result<RustlsConnectOne, std::io::Error> {
        let name = rustls_pki_types::ServerName::try_from(domain.to_owned()).map_err(|e| {
            std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                format!("'{domain}' is not a host name TLS can verify: {e}"),
            )
        })?;
        Ok(RustlsConnectOne {
            config: self.0.clone(),
            name,
        })
    }
}

impl<S> tokio_postgres::tls::TlsConnect<S> for RustlsConnectOne
where
    S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    type Stream = RustlsStream<S>;
    type Error = std::io::Error;
    type Future = Pin<Box<dyn Future<Output = std::io::Result<RustlsStream<S>>> + Send>>;

    fn connect(self, stream: S) -> Self::Future {
        Box::pin(async move {
            let s = tokio_rustls::TlsConnector::from(self.config)
                .connect(self.name, stream)
                .await?;
            Ok(RustlsStream(s))
        })
    }
}

struct RustlsStream<S>(tokio_rustls::client::TlsStream<S>);

impl<S: AsyncRead + AsyncWrite + Unpin> AsyncRead for RustlsStream<S> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.0).poll_read(cx, buf)
    }
}

impl<S: AsyncRead + AsyncWrite + Unpin> AsyncWrite for RustlsStream<S> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        Pin::new(&mut self.0).poll_write(cx, buf)
    }
    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.0).poll_flush(cx)
    }
    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.0).poll_shutdown(cx)
    }
}

impl<S: AsyncRead + AsyncWrite + Unpin> tokio_postgres::tls::TlsStream for RustlsStream<S> {
    fn channel_binding(&self) -> tokio_postgres::tls::ChannelBinding {
        // The certificate is verified; SCRAM channel binding is not offered.
        tokio_postgres::tls::ChannelBinding::none()
    }
}

fn col<'r, T: tokio_postgres::types::FromSql<'r>>(r: &'r Row, i: usize) -> Result<T, Failure> {
    r.try_get(i).map_err(Failure::Pg)
}

fn enum_col(r: &Row, i: usize) -> Result<u32, Failure> {
    let v: i64 = col(r, i)?;
    u32::try_from(v).map_err(|_| Failure::Decode(format!("column {i} holds {v}, not a u32")))
}

fn tenant_from_row(r: &Row) -> Result<TenantRecord, Failure> {
    let state: String = col(r, 2)?;
    let state = TenantState::parse(&state)
        .ok_or_else(|| Failure::Decode(format!("unknown tenant state '{state}'")))?;
    Ok(TenantRecord {
        id: col(r, 0)?,
        name: col(r, 1)?,
        state,
        root_provider: col(r, 3)?,
        root_key_ref: col(r, 4)?,
        wrapped_twk: col(r, 5)?,
        twk_version: col(r, 6)?,
        created_at: col(r, 7)?,
    })
}

fn trust_columns(t: &ClientTrust) -> (&'static str, &[u8]) {
    match t {
        ClientTrust::PinnedCert { sha256 } => ("pinned", &sha256[..]),
        ClientTrust::Ca { ca_der } => ("ca", &ca_der[..]),
    }
}

fn client_from_row(r: &Row) -> Result<ClientRecord, Failure> {
    let kind: String = col(r, 3)?;
    let data: Vec<u8> = col(r, 4)?;
    let trust = match kind.as_str() {
        "pinned" => {
            let sha256: [u8; 32] = data.as_slice().try_into().map_err(|_| {
                Failure::Decode(format!("pinned certificate digest of {} bytes", data.len()))
            })?;
            ClientTrust::PinnedCert { sha256 }
        }
        "ca" => ClientTrust::Ca { ca_der: data },
        other => {
            return Err(Failure::Decode(format!(
                "unknown client trust kind '{other}'"
            )))
        }
    };
    Ok(ClientRecord {
        id: col(r, 0)?,
        tenant_id: col(r, 1)?,
        name: col(r, 2)?,
        trust,
        cert_der: col(r, 5)?,
        username: col(r, 6)?,
        password_hash: col(r, 7)?,
        created_at: col(r, 8)?,
    })
}

fn object_from_row(r: &Row) -> Result<ObjectRecord, Failure> {
    object_from_row_at(r, 0)
}

/// An object from the object columns starting at column `i`.
fn object_from_row_at(r: &Row, i: usize) -> Result<ObjectRecord, Failure> {
    let algorithm: Option<i64> = col(r, i + 4)?;
    Ok(ObjectRecord {
        uid: col(r, i)?,
        tenant_id: col(r, i + 1)?,
        object_type: enum_col(r, i + 2)?,
        state: enum_col(r, i + 3)?,
        algorithm: algorithm
            .map(|a| {
                u32::try_from(a).map_err(|_| Failure::Decode(format!("algorithm {a} is not a u32")))
            })
            .transpose()?,
        length: col(r, i + 5)?,
        wrapped_material: col(r, i + 6)?,
        attributes: col(r, i + 7)?,
        created_at: col(r, i + 8)?,
        updated_at: col(r, i + 9)?,
        revision: col(r, i + 10)?,
    })
}

/// Terms as the parallel arrays the statements take: text attributes, text values, date
/// attributes, dates.
fn term_arrays(t: &IndexTerms) -> (Vec<&str>, Vec<&str>, Vec<&str>, Vec<i64>) {
    (
        t.text.iter().map(|(a, _)| a.as_str()).collect(),
        t.text.iter().map(|(_, v)| v.as_str()).collect(),
        t.dates.iter().map(|(a, _)| a.as_str()).collect(),
        t.dates.iter().map(|(_, d)| *d).collect(),
    )
}

/// The WHERE clause of an [`ObjectQuery`] on `objects o`, with its parameters (`$n`).
struct PgWhere {
    sql: String,
    args: Vec<Box<dyn ToSql + Sync + Send>>,
}

impl PgWhere {
    fn new(tenant_id: &str, q: &ObjectQuery) -> PgWhere {
        let mut w = PgWhere {
            sql: String::new(),
            args: Vec::new(),
        };
        let t = w.arg(Box::new(tenant_id.to_owned()));
        w.sql.push_str(&format!("o.tenant_id = {t}"));
        if let Some(v) = q.object_type {
            w.cond("o.object_type =", Box::new(i64::from(v)));
        }
        if let Some(states) = &q.states {
            let list: Vec<String> = states.iter().map(u32::to_string).collect();
            if list.is_empty() {
                w.sql.push_str(" AND FALSE");
            } else {
                w.sql
                    .push_str(&format!(" AND o.state IN ({})", list.join(",")));
            }
        }
        if let Some(v) = q.algorithm {
            w.cond("o.algorithm =", Box::new(i64::from(v)));
        }
        if let Some(v) = q.length {
            w.cond("o.length =", Box::new(v));
        }
        if let Some((lo, hi)) = q.created {
            w.cond("o.created_at >=", Box::new(lo));
            w.cond("o.created_at <=", Box::new(hi));
        }
        for (attr, value) in &q.text {
            let a = w.arg(Box::new(attr.clone()));
            let v = w.arg(Box::new(value.clone()));
            w.sql.push_str(&format!(
                " AND o.uid IN (SELECT uid FROM object_terms WHERE attr = {a} AND value = {v})"
            ));
        }
        for (attr, part) in &q.text_contains {
            // ASCII case folding only, as ObjectQuery::matches and the SQLite store (PostgreSQL's
            // lower() would fold other letters by the database's locale).
            let a = w.arg(Box::new(attr.clone()));
            let v = w.arg(Box::new(part.to_ascii_lowercase()));
            w.sql.push_str(&format!(
                " AND o.uid IN (SELECT uid FROM object_terms WHERE attr = {a} \
                 AND strpos(translate(value, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'), {v}) > 0)"
            ));
        }
        for (attr, lo, hi) in &q.dates {
            let a = w.arg(Box::new(attr.clone()));
            let l = w.arg(Box::new(*lo));
            let h = w.arg(Box::new(*hi));
            w.sql.push_str(&format!(
                " AND o.uid IN (SELECT uid FROM object_dates WHERE attr = {a} AND at >= {l} AND at <= {h})"
            ));
        }
        w
    }

    /// Adds a parameter; returns its placeholder.
    fn arg(&mut self, v: Box<dyn ToSql + Sync + Send>) -> String {
        self.args.push(v);
        format!("${}", self.args.len())
    }

    fn cond(&mut self, lhs: &str, v: Box<dyn ToSql + Sync + Send>) {
        let p = self.arg(v);
        self.sql.push_str(&format!(" AND {lhs} {p}"));
    }
}

fn rotation_from_row(r: &Row) -> Result<RootRotation, Failure> {
    let phase: String = col(r, 3)?;
    Ok(RootRotation {
        tenant_id: col(r, 0)?,
        old_ref: col(r, 1)?,
        new_ref: col(r, 2)?,
        phase: RotationPhase::parse(&phase)
            .ok_or_else(|| Failure::Decode(format!("unknown rotation phase {phase:?}")))?,
        started_at: col(r, 4)?,
        updated_at: col(r, 5)?,
    })
}

fn mirror_from_row(r: &Row) -> Result<KeyMirror, Failure> {
    Ok(KeyMirror {
        uid: col(r, 0)?,
        tenant_id: col(r, 1)?,
        provider: col(r, 2)?,
        remote_id: col(r, 3)?,
        state: col(r, 4)?,
        attempts: col(r, 5)?,
        last_error: col(r, 6)?,
        updated_at: col(r, 7)?,
    })
}

fn audit_from_row(r: &Row) -> Result<AuditRecord, Failure> {
    Ok(AuditRecord {
        at: col(r, 0)?,
        tenant_id: col(r, 1)?,
        actor: col(r, 2)?,
        operation: col(r, 3)?,
        uid: col(r, 4)?,
        outcome: col(r, 5)?,
        peer: col(r, 6)?,
    })
}

fn checkpoint_from_row(r: &Row) -> Result<AuditCheckpoint, Failure> {
    Ok(AuditCheckpoint {
        seq: col(r, 0)?,
        hash: col(r, 1)?,
        at: col(r, 2)?,
        key_id: col(r, 3)?,
        signature: col(r, 4)?,
    })
}

fn rows<T>(rows: Vec<Row>, f: fn(&Row) -> Result<T, Failure>) -> Result<Vec<T>, Failure> {
    rows.iter().map(f).collect()
}

impl Store for PostgresStore {
    fn insert_tenant(&self, t: &TenantRecord) -> StoreResult<()> {
        let what = format!("tenant '{}' ({})", t.name, t.id);
        self.call("insert", &what, false, |s| {
            s.execute(
                SQL_INSERT_TENANT,
                &[
                    &t.id,
                    &t.name,
                    &t.state.as_str(),
                    &t.root_provider,
                    &t.root_key_ref,
                    &t.wrapped_twk,
                    &t.twk_version,
                    &t.created_at,
                ],
            )
            .map(drop)
        })
    }

    fn get_tenant(&self, id: &str) -> StoreResult<TenantRecord> {
        let what = format!("tenant {id}");
        self.call("get", &what, true, |s| {
            s.query_opt(SQL_GET_TENANT, &[&id])?
                .as_ref()
                .map(tenant_from_row)
                .transpose()
        })?
        .ok_or(StoreError::NotFound(what))
    }

    fn get_tenant_by_name(&self, name: &str) -> StoreResult<TenantRecord> {
        let what = format!("tenant '{name}'");
        self.call("get", &what, true, |s| {
            s.query_opt(SQL_GET_TENANT_BY_NAME, &[&name])?
                .as_ref()
                .map(tenant_from_row)
                .transpose()
        })?
        .ok_or(StoreError::NotFound(what))
    }

    fn list_tenants(&self) -> StoreResult<Vec<TenantRecord>> {
        self.call("list", "tenants", true, |s| {
            rows(s.query(SQL_LIST_TENANTS, &[])?, tenant_from_row)
        })
    }

    fn set_tenant_state(&self, id: &str, state: TenantState) -> StoreResult<()> {
        let what = format!("tenant {id}");
        let n = self.call("set state of", &what, false, |s| {
            s.execute(SQL_SET_TENANT_STATE, &[&id, &state.as_str()])
        })?;
        if n == 0 {
            return Err(StoreError::NotFound(what));
        }
        Ok(())
    }

    fn insert_client(&self, c: &ClientRecord) -> StoreResult<()> {
        let what = format!("client '{}' ({})", c.name, c.id);
        let (kind, data) = trust_columns(&c.trust);
        self.call("insert", &what, false, |s| {
            s.execute(
                SQL_INSERT_CLIENT,
                &[
                    &c.id,
                    &c.tenant_id,
                    &c.name,
                    &kind,
                    &data,
                    &c.cert_der,
                    &c.username,
                    &c.password_hash,
                    &c.created_at,
                ],
            )
            .map(drop)
        })
    }

    fn list_clients(&self, tenant_id: Option<&str>) -> StoreResult<Vec<ClientRecord>> {
        self.call("list", "clients", true, |s| {
            let r = match tenant_id {
                Some(t) => s.query(SQL_LIST_CLIENTS_OF, &[&t])?,
                None => s.query(SQL_LIST_CLIENTS, &[])?,
            };
            rows(r, client_from_row)
        })
    }

    fn remove_client(&self, name: &str) -> StoreResult<()> {
        let what = format!("client '{name}'");
        let n = self.call("remove", &what, false, |s| {
            s.execute(SQL_REMOVE_CLIENT, &[&name])
        })?;
        if n == 0 {
            return Err(StoreError::NotFound(what));
        }
        Ok(())
    }

    fn trust_generation(&self) -> StoreResult<i64> {
        self.call("read", "trust generation", true, |s| {
            match s.query_opt(SQL_TRUST_GENERATION, &[])? {
                Some(r) => col(&r, 0),
                None => Err(Failure::Decode(
                    "the trust_generation row is missing".into(),
                )),
            }
        })
    }

    fn insert_object(&self, o: &ObjectRecord) -> StoreResult<()> {
        let what = format!("object {}", o.uid);
        let (object_type, state) = (i64::from(o.object_type), i64::from(o.state));
        let algorithm = o.algorithm.map(i64::from);
        let terms = index_terms(&o.attributes);
        let (ta, tv, da, dv) = term_arrays(&terms);
        // One statement (the complete row and its terms), autocommitted: the object exists whole
        // or not at all.
        self.call("insert", &what, false, |s| {
            s.query_opt(
                SQL_INSERT_OBJECT,
                &[
                    &o.uid,
                    &o.tenant_id,
                    &object_type,
                    &state,
                    &algorithm,
                    &o.length,
                    &o.wrapped_material,
                    &o.attributes,
                    &o.created_at,
                    &o.updated_at,
                    &o.revision,
                    &ta,
                    &tv,
                    &da,
                    &dv,
                ],
            )
            .map(drop)
        })
    }

    fn get_object(&self, tenant_id: &str, uid: &str) -> StoreResult<ObjectRecord> {
        let what = format!("object {uid}");
        self.call("get", &what, true, |s| {
            s.query_opt(SQL_GET_OBJECT, &[&uid, &tenant_id])?
                .as_ref()
                .map(object_from_row)
                .transpose()
        })?
        .ok_or(StoreError::NotFound(what))
    }

    fn update_object(&self, o: &ObjectRecord) -> StoreResult<()> {
        let what = format!("object {}", o.uid);
        let (object_type, state) = (i64::from(o.object_type), i64::from(o.state));
        let algorithm = o.algorithm.map(i64::from);
        let terms = index_terms(&o.attributes);
        let (ta, tv, da, dv) = term_arrays(&terms);
        let n: i64 = self.call("update", &what, false, |s| {
            match s.query_opt(
                SQL_UPDATE_OBJECT,
                &[
                    &o.uid,
                    &o.tenant_id,
                    &object_type,
                    &state,
                    &algorithm,
                    &o.length,
                    &o.wrapped_material,
                    &o.attributes,
                    &o.updated_at,
                    &o.revision,
                    &ta,
                    &tv,
                    &da,
                    &dv,
                ],
            )? {
                Some(r) => col(&r, 0),
                None => Ok(0),
            }
        })?;
        if n == 0 {
            // Objects are never deleted, so "exists now" tells a lost race from a wrong uid or
            // tenant without a transaction around both statements.
            let exists = self.call("update", &what, true, |s| {
                Ok(s.query_opt(SQL_OBJECT_EXISTS, &[&o.uid, &o.tenant_id])?
                    .is_some())
            })?;
            return Err(if exists {
                StoreError::Conflict(what)
            } else {
                StoreError::NotFound(what)
            });
        }
        Ok(())
    }

    fn list_objects(
        &self,
        tenant_id: &str,
        filter: &ObjectFilter,
        limit: Option<usize>,
    ) -> StoreResult<Vec<ObjectRecord>> {
        let object_type = filter.object_type.map(i64::from);
        let state = filter.state.map(i64::from);
        let algorithm = filter.algorithm.map(i64::from);
        let limit = limit.map(|l| i64::try_from(l).unwrap_or(i64::MAX));
        self.call(
            "list",
            &format!("objects of tenant {tenant_id}"),
            true,
            |s| {
                rows(
                    s.query(
                        SQL_LIST_OBJECTS,
                        &[
                            &tenant_id,
                            &object_type,
                            &state,
                            &algorithm,
                            &filter.length,
                            &limit,
                        ],
                    )?,
                    object_from_row,
                )
            },
        )
    }

    fn query_objects(
        &self,
        tenant_id: &str,
        q: &ObjectQuery,
        page: &PageRequest,
    ) -> StoreResult<ObjectPage> {
        let mut w = PgWhere::new(tenant_id, q);
        if let Some(after) = page.after {
            let n = w.arg(Box::new(after));
            w.sql.push_str(&format!(" AND o.seq > {n}"));
        }
        let limit = w.arg(Box::new(i64::try_from(page.limit).unwrap_or(i64::MAX)));
        let offset = w.arg(Box::new(i64::try_from(page.offset).unwrap_or(i64::MAX)));
        let sql = format!(
            "SELECT o.seq, o.uid, o.tenant_id, o.object_type, o.state, o.algorithm, o.length, \
             o.wrapped_material, o.attributes, o.created_at, o.updated_at, o.revision \
             FROM objects o WHERE {} ORDER BY o.seq LIMIT {limit} OFFSET {offset}",
            w.sql
        );
        let params: Vec<&(dyn ToSql + Sync)> = w
            .args
            .iter()
            .map(|a| a.as_ref() as &(dyn ToSql + Sync))
            .collect();
        let rows = self.call(
            "query",
            &format!("objects of tenant {tenant_id}"),
            true,
            |s| {
                let rows = s.wait(s.conn.client.query(sql.as_str(), &params))?;
                rows.iter()
                    .map(|r| Ok((col::<i64>(r, 0)?, object_from_row_at(r, 1)?)))
                    .collect::<Result<Vec<_>, Failure>>()
            },
        )?;
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
        let w = PgWhere::new(tenant_id, q);
        let sql = match q.count_limit {
            None => format!("SELECT COUNT(*) FROM objects o WHERE {}", w.sql),
            Some(n) => format!(
                "SELECT COUNT(*) FROM (SELECT 1 FROM objects o WHERE {} LIMIT {}) c",
                w.sql,
                n.min(i64::MAX as u64)
            ),
        };
        let params: Vec<&(dyn ToSql + Sync)> = w
            .args
            .iter()
            .map(|a| a.as_ref() as &(dyn ToSql + Sync))
            .collect();
        let n: i64 = self.call(
            "count",
            &format!("objects of tenant {tenant_id}"),
            true,
            |s| {
                let row = s.wait(s.conn.client.query_one(sql.as_str(), &params))?;
                col(&row, 0)
            },
        )?;
        Ok(n.max(0) as u64)
    }

    fn begin_root_rotation(&self, r: &RootRotation) -> StoreResult<()> {
        let what = format!("root key rotation of tenant {}", r.tenant_id);
        self.call("begin", &what, false, |s| {
            s.execute(
                SQL_BEGIN_ROTATION,
                &[
                    &r.tenant_id,
                    &r.old_ref,
                    &r.new_ref,
                    &r.phase.as_str(),
                    &r.started_at,
                    &r.updated_at,
                ],
            )
            .map(drop)
        })
    }

    fn get_root_rotation(&self, tenant_id: &str) -> StoreResult<Option<RootRotation>> {
        let what = format!("root key rotation of tenant {tenant_id}");
        self.call("read", &what, true, |s| {
            s.query_opt(SQL_GET_ROTATION, &[&tenant_id])?
                .as_ref()
                .map(rotation_from_row)
                .transpose()
        })
    }

    fn list_root_rotations(&self) -> StoreResult<Vec<RootRotation>> {
        self.call("list", "root key rotations", true, |s| {
            rows(s.query(SQL_LIST_ROTATIONS, &[])?, rotation_from_row)
        })
    }

    fn switch_root_key(
        &self,
        tenant_id: &str,
        old_ref: &str,
        new_ref: &str,
        wrapped_twk: &[u8],
    ) -> StoreResult<()> {
        let what = format!("root key of tenant {tenant_id}");
        let n: i64 = self.call("switch", &what, false, |s| {
            match s.query_opt(
                SQL_SWITCH_ROOT_KEY,
                &[&tenant_id, &old_ref, &new_ref, &wrapped_twk],
            )? {
                Some(r) => col(&r, 0),
                None => Ok(0),
            }
        })?;
        if n == 0 {
            return Err(StoreError::Conflict(format!(
                "{what}: it is no longer {old_ref}"
            )));
        }
        Ok(())
    }

    fn set_tenant_mirror(&self, tenant_id: &str, provider: Option<&str>) -> StoreResult<()> {
        let what = format!("mirror of tenant {tenant_id}");
        self.call("set", &what, false, |s| match provider {
            Some(p) => s
                .execute(SQL_SET_TENANT_MIRROR, &[&tenant_id, &p])
                .map(drop),
            None => s.execute(SQL_UNSET_TENANT_MIRROR, &[&tenant_id]).map(drop),
        })
    }

    fn list_tenant_mirrors(&self) -> StoreResult<Vec<(String, String)>> {
        self.call("list", "tenant mirrors", true, |s| {
            s.query(SQL_LIST_TENANT_MIRRORS, &[])?
                .iter()
                .map(|r| Ok((col(r, 0)?, col(r, 1)?)))
                .collect()
        })
    }

    fn list_key_mirrors(&self, tenant_id: &str) -> StoreResult<Vec<KeyMirror>> {
        let what = format!("key mirrors of tenant {tenant_id}");
        self.call("list", &what, true, |s| {
            rows(
                s.query(SQL_LIST_KEY_MIRRORS, &[&tenant_id])?,
                mirror_from_row,
            )
        })
    }

    fn get_key_mirrors(&self, tenant_id: &str, uids: &[&str]) -> StoreResult<Vec<KeyMirror>> {
        let what = format!("key mirrors of tenant {tenant_id}");
        self.call("read", &what, true, |s| {
            rows(
                s.query(SQL_GET_KEY_MIRRORS, &[&tenant_id, &uids])?,
                mirror_from_row,
            )
        })
    }

    fn put_key_mirror(&self, m: &KeyMirror) -> StoreResult<()> {
        let what = format!("mirror of key {}", m.uid);
        self.call("put", &what, false, |s| {
            s.execute(
                SQL_PUT_KEY_MIRROR,
                &[
                    &m.uid,
                    &m.tenant_id,
                    &m.provider,
                    &m.remote_id,
                    &m.state,
                    &m.attempts,
                    &m.last_error,
                    &m.updated_at,
                ],
            )
            .map(drop)
        })
    }

    fn claim_key_mirror(&self, m: &KeyMirror, stale_before: i64) -> StoreResult<bool> {
        let what = format!("mirror of key {}", m.uid);
        self.call("claim", &what, false, |s| {
            s.execute(
                SQL_CLAIM_KEY_MIRROR,
                &[
                    &m.uid,
                    &m.tenant_id,
                    &m.provider,
                    &m.attempts,
                    &m.updated_at,
                    &stale_before,
                ],
            )
            .map(|n| n == 1)
        })
    }

    fn end_root_rotation(&self, tenant_id: &str) -> StoreResult<()> {
        let what = format!("root key rotation of tenant {tenant_id}");
        self.call("end", &what, false, |s| {
            s.execute(SQL_END_ROTATION, &[&tenant_id]).map(drop)
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

    fn append_audit(&self, a: &AuditRecord) -> StoreResult<()> {
        self.append_audit_batch(std::slice::from_ref(a))
    }

    fn append_audit_chained(&self, records: &[AuditRecord]) -> StoreResult<Vec<(i64, Vec<u8>)>> {
        if records.is_empty() {
            return Ok(Vec::new());
        }
        let at: Vec<i64> = records.iter().map(|a| a.at).collect();
        let tenant: Vec<Option<&str>> = records.iter().map(|a| a.tenant_id.as_deref()).collect();
        let actor: Vec<&str> = records.iter().map(|a| a.actor.as_str()).collect();
        let operation: Vec<&str> = records.iter().map(|a| a.operation.as_str()).collect();
        let uid: Vec<Option<&str>> = records.iter().map(|a| a.uid.as_deref()).collect();
        let outcome: Vec<&str> = records.iter().map(|a| a.outcome.as_str()).collect();
        let peer: Vec<Option<&str>> = records.iter().map(|a| a.peer.as_deref()).collect();
        self.call("append", "audit records", false, |s| {
            let (store, deadline) = (s.store, s.deadline);
            let tx = store.block(deadline, s.conn.client.transaction())?;
            let head = store.block(deadline, tx.query_one(SQL_LOCK_AUDIT_HEAD, &[]))?;
            let (head_seq, head_hash): (i64, Vec<u8>) = (col(&head, 0)?, col(&head, 1)?);
            let (links, (seq, hash)) = audit_chain::extend(head_seq, &head_hash, records);
            let seqs: Vec<i64> = links.iter().map(|l| l.0).collect();
            let prevs: Vec<&[u8]> = links.iter().map(|l| l.1.as_slice()).collect();
            let hashes: Vec<&[u8]> = links.iter().map(|l| l.2.as_slice()).collect();
            store.block(
                deadline,
                tx.execute(
                    SQL_APPEND_AUDIT,
                    &[
                        &at, &tenant, &actor, &operation, &uid, &outcome, &peer, &seqs, &prevs,
                        &hashes,
                    ],
                ),
            )?;
            store.block(deadline, tx.execute(SQL_SET_AUDIT_HEAD, &[&seq, &hash]))?;
            store.block(deadline, tx.commit())?;
            Ok(links
                .iter()
                .map(|(seq, _, hash)| (*seq, hash.clone()))
                .collect())
        })
    }

    fn audit_chain(&self, after_seq: i64, limit: usize) -> StoreResult<Vec<ChainedAudit>> {
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        self.call("read", "the audit chain", true, |s| {
            rows(s.query(SQL_AUDIT_CHAIN, &[&after_seq, &limit])?, |r| {
                Ok(ChainedAudit {
                    record: audit_from_row(r)?,
                    id: col(r, 7)?,
                    seq: col(r, 8)?,
                    prev_hash: col(r, 9)?,
                    hash: col(r, 10)?,
                })
            })
        })
    }

    fn count_unchained_audit(&self) -> StoreResult<i64> {
        self.call("count", "unchained audit records", true, |s| {
            let r = s.query(SQL_COUNT_UNCHAINED, &[])?;
            match r.first() {
                Some(r) => col(r, 0),
                None => Ok(0),
            }
        })
    }

    fn unchained_after_chain_start(&self) -> StoreResult<Option<i64>> {
        self.call("read", "the audit chain", true, |s| {
            let r = s.query(SQL_UNCHAINED_AFTER_START, &[])?;
            match r.first() {
                Some(r) => col(r, 0),
                None => Ok(None),
            }
        })
    }

    fn audit_head(&self) -> StoreResult<(i64, Vec<u8>)> {
        self.call("read", "the audit chain head", true, |s| {
            match s.query_opt(SQL_AUDIT_HEAD, &[])? {
                Some(r) => Ok((col(&r, 0)?, col(&r, 1)?)),
                None => Err(Failure::Decode("the audit_head row is missing".into())),
            }
        })
    }

    fn add_audit_checkpoint(&self, c: &AuditCheckpoint) -> StoreResult<()> {
        self.call(
            "insert",
            &format!("audit checkpoint {}", c.seq),
            false,
            |s| {
                s.execute(
                    SQL_ADD_CHECKPOINT,
                    &[&c.seq, &c.hash, &c.at, &c.key_id, &c.signature],
                )
                .map(drop)
            },
        )
    }

    fn list_audit_checkpoints(&self) -> StoreResult<Vec<AuditCheckpoint>> {
        self.call("list", "audit checkpoints", true, |s| {
            rows(s.query(SQL_LIST_CHECKPOINTS, &[])?, checkpoint_from_row)
        })
    }

    fn audit_anchor(&self) -> StoreResult<Option<AuditCheckpoint>> {
        self.call("read", "the audit anchor", true, |s| {
            s.query_opt(SQL_AUDIT_ANCHOR, &[])?
                .as_ref()
                .map(checkpoint_from_row)
                .transpose()
        })
    }

    fn prune_audit(&self, anchor: &AuditCheckpoint, unchained_before: i64) -> StoreResult<u64> {
        self.call("prune", "audit records", false, |s| {
            let (store, deadline) = (s.store, s.deadline);
            let tx = store.block(deadline, s.conn.client.transaction())?;
            // Appenders wait while the prefix goes.
            store.block(deadline, tx.query_one(SQL_LOCK_AUDIT_HEAD, &[]))?;
            let chained = store.block(
                deadline,
                tx.execute("DELETE FROM audit WHERE seq <= $1", &[&anchor.seq]),
            )?;
            let legacy = store.block(
                deadline,
                tx.execute(
                    "DELETE FROM audit WHERE seq IS NULL AND at < $1",
                    &[&unchained_before],
                ),
            )?;
            store.block(
                deadline,
                tx.execute(
                    "DELETE FROM audit_checkpoints WHERE seq <= $1",
                    &[&anchor.seq],
                ),
            )?;
            store.block(
                deadline,
                tx.execute(
                    "INSERT INTO audit_anchor (id, seq, hash, at, key_id, signature) \
                     VALUES (1, $1, $2, $3, $4, $5) ON CONFLICT (id) DO UPDATE SET \
                     seq = EXCLUDED.seq, hash = EXCLUDED.hash, at = EXCLUDED.at, \
                     key_id = EXCLUDED.key_id, signature = EXCLUDED.signature",
                    &[
                        &anchor.seq,
                        &anchor.hash,
                        &anchor.at,
                        &anchor.key_id,
                        &anchor.signature,
                    ],
                ),
            )?;
            store.block(deadline, tx.commit())?;
            Ok(chained + legacy)
        })
    }

    fn list_audit(
        &self,
        tenant_id: Option<&str>,
        uid: Option<&str>,
        limit: usize,
    ) -> StoreResult<Vec<AuditRecord>> {
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        self.call("list", "audit records", true, |s| {
            let r = match (tenant_id, uid) {
                (None, None) => s.query(SQL_LIST_AUDIT, &[&limit])?,
                (Some(t), None) => s.query(SQL_LIST_AUDIT_TENANT, &[&t, &limit])?,
                (None, Some(u)) => s.query(SQL_LIST_AUDIT_UID, &[&u, &limit])?,
                (Some(t), Some(u)) => s.query(SQL_LIST_AUDIT_BOTH, &[&t, &u, &limit])?,
            };
            rows(r, audit_from_row)
        })
    }
}
