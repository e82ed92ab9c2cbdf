//! A consistent export of every table of the PostgreSQL store, and its import into an empty
//! database: what `keyhaven backup` and `keyhaven restore` use.
//!
//! Export: one `REPEATABLE READ READ ONLY` transaction, inside which each table is streamed with
//! `COPY … TO STDOUT` (text format). Every COPY of the transaction reads the same snapshot, so
//! the tables agree with one another exactly as of the moment the transaction took it, while the
//! nodes keep writing (readers never block writers under MVCC). This needs no `pg_dump` on the
//! node (whose major version would have to match the server's) and no extra privilege: the
//! store's own role reads its own tables.
//!
//! Import: one transaction on a database that holds the same schema version and no data; each
//! table is loaded with `COPY … FROM STDIN` in an order where referenced tables come first, the
//! identity sequences are moved past the loaded rows, and the whole is committed at once (a
//! failure leaves the database as empty as it was).

use std::collections::{BTreeMap, BTreeSet};
use std::time::{Duration, Instant};

use futures_util::{SinkExt, StreamExt};

use super::{Failure, Lease, PostgresStore, SCHEMA_VERSION};
use crate::store::{StoreError, StoreResult};

/// A backup or restore may take this long at most.
const DUMP_TIMEOUT: Duration = Duration::from_secs(6 * 3600);

/// Tables the import fills itself or never copies.
const SCHEMA_TABLE: &str = "schema_version";
/// Tables whose one row the migrations insert: an empty store has them filled, and a restore
/// replaces that row with the backup's.
const SEEDED_TABLES: [&str; 2] = ["trust_generation", "audit_head"];

/// Receives the exported tables, one after another.
pub trait TableSink {
    fn begin_table(&mut self, name: &str) -> Result<(), String>;
    fn data(&mut self, bytes: &[u8]) -> Result<(), String>;
    fn end_table(&mut self) -> Result<(), String>;
}

/// What an export saw.
#[derive(Clone, Debug, Default)]
pub struct PgSnapshot {
    pub schema_version: i64,
    /// Tables in load order (referenced tables first), with their row counts.
    pub tables: Vec<(String, u64)>,
    /// Tenants in the snapshot: name, root-key provider, root key reference.
    pub tenants: Vec<(String, String, String)>,
}

/// Identifiers come from the catalogue; still, quote them and refuse anything unusual.
fn quote(name: &str) -> Result<String, Failure> {
    if name.is_empty()
        || !name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
    {
        return Err(Failure::Decode(format!("unexpected table name {name:?}")));
    }
    Ok(format!("\"{name}\""))
}

/// Orders tables so that each comes after the tables its foreign keys reference.
fn load_order(tables: &[String], refs: &[(String, String)]) -> Vec<String> {
    let mut deps: BTreeMap<&str, BTreeSet<&str>> = tables
        .iter()
        .map(|t| (t.as_str(), BTreeSet::new()))
        .collect();
    for (from, to) in refs {
        if from != to && deps.contains_key(to.as_str()) {
            if let Some(d) = deps.get_mut(from.as_str()) {
                d.insert(to.as_str());
            }
        }
    }
    let mut out: Vec<String> = Vec::new();
    while !deps.is_empty() {
        let ready: Vec<&str> = deps
            .iter()
            .filter(|(_, d)| d.iter().all(|x| out.iter().any(|o| o == x)))
            .map(|(t, _)| *t)
            .collect();
        // A cycle (none in this schema) is broken by taking the rest alphabetically.
        let take: Vec<&str> = if ready.is_empty() {
            deps.keys().copied().collect()
        } else {
            ready
        };
        for t in take {
            deps.remove(t);
            out.push(t.to_owned());
        }
    }
    out
}

impl PostgresStore {
    fn list_tables(
        &self,
        conn: &mut super::PgConn,
        deadline: Instant,
    ) -> Result<Vec<String>, Failure> {
        let rows = self.block(
            deadline,
            conn.client.query(
                "SELECT table_name::TEXT FROM information_schema.tables \
                 WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' \
                 ORDER BY 1",
                &[],
            ),
        )?;
        let fks = self.block(
            deadline,
            conn.client.query(
                "SELECT cl.relname::TEXT, rf.relname::TEXT FROM pg_constraint c \
                 JOIN pg_class cl ON cl.oid = c.conrelid \
                 JOIN pg_class rf ON rf.oid = c.confrelid \
                 WHERE c.contype = 'f' AND cl.relnamespace = current_schema()::regnamespace",
                &[],
            ),
        )?;
        let mut tables = Vec::new();
        for r in rows {
            let t: String = r.try_get(0)?;
            if t != SCHEMA_TABLE {
                tables.push(t);
            }
        }
        let mut refs = Vec::new();
        for r in fks {
            refs.push((r.try_get::<_, String>(0)?, r.try_get::<_, String>(1)?));
        }
        Ok(load_order(&tables, &refs))
    }

    /// Streams every table of one consistent snapshot into `sink`.
    pub fn export_snapshot(&self, sink: &mut dyn TableSink) -> StoreResult<PgSnapshot> {
        let deadline = Instant::now() + DUMP_TIMEOUT;
        let mut lease = self.checkout(Instant::now() + self.settings.call_bound())?;
        let Some(conn) = lease.conn.as_mut() else {
            return Err(StoreError::Backend("connection lease is empty".into()));
        };
        let result = (|| -> Result<PgSnapshot, Failure> {
            self.block(
                deadline,
                conn.client.batch_execute(
                    "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; \
                     SET LOCAL statement_timeout = 0",
                ),
            )?;
            let mut snap = PgSnapshot::default();
            let v = self.block(
                deadline,
                conn.client
                    .query_one("SELECT COALESCE(MAX(version), 0) FROM schema_version", &[]),
            )?;
            snap.schema_version = v.try_get(0)?;
            for t in self.block(
                deadline,
                conn.client.query(
                    "SELECT name, root_provider, root_key_ref FROM tenants ORDER BY name",
                    &[],
                ),
            )? {
                snap.tenants
                    .push((t.try_get(0)?, t.try_get(1)?, t.try_get(2)?));
            }
            for table in self.list_tables(conn, deadline)? {
                sink.begin_table(&table).map_err(Failure::Decode)?;
                let copy = format!("COPY {} TO STDOUT", quote(&table)?);
                let stream = self.block(deadline, conn.client.copy_out(copy.as_str()))?;
                let mut stream = Box::pin(stream);
                let mut rows = 0u64;
                while let Some(bytes) =
                    self.block(deadline, async { stream.next().await.transpose() })?
                {
                    rows += bytes.iter().filter(|b| **b == b'\n').count() as u64;
                    sink.data(&bytes).map_err(Failure::Decode)?;
                }
                sink.end_table().map_err(Failure::Decode)?;
                snap.tables.push((table, rows));
            }
            self.block(deadline, conn.client.batch_execute("COMMIT"))?;
            Ok(snap)
        })();
        result.map_err(|f| {
            // Whatever happened, this connection's transaction is not reused.
            lease.broken = true;
            self.error("back up", "the database", f)
        })
    }

    /// Starts loading a backup into this database, which must hold no data (its schema created by
    /// opening the store). Nothing is visible until [`PgImport::commit`].
    pub fn begin_import(&self, backup_schema_version: i64) -> StoreResult<PgImport<'_>> {
        if backup_schema_version != SCHEMA_VERSION {
            return Err(StoreError::Backend(format!(
                "the backup holds schema version {backup_schema_version}; this build restores \
                 PostgreSQL backups of schema version {SCHEMA_VERSION} only (restore with the \
                 keyhaven release that took it, then upgrade)"
            )));
        }
        let deadline = Instant::now() + DUMP_TIMEOUT;
        let mut lease = self.checkout(Instant::now() + self.settings.call_bound())?;
        let Some(conn) = lease.conn.as_mut() else {
            return Err(StoreError::Backend("connection lease is empty".into()));
        };
        let prepared = (|| -> Result<Vec<String>, Failure> {
            let tables = self.list_tables(conn, deadline)?;
            self.block(
                deadline,
                conn.client.batch_execute(
                    "BEGIN; SET LOCAL statement_timeout = 0; SET LOCAL lock_timeout = 0",
                ),
            )?;
            for t in &tables {
                if SEEDED_TABLES.contains(&t.as_str()) {
                    continue;
                }
                let q = format!("SELECT EXISTS (SELECT 1 FROM {})", quote(t)?);
                let row = self.block(deadline, conn.client.query_one(q.as_str(), &[]))?;
                if row.try_get::<_, bool>(0)? {
                    return Err(Failure::Decode(format!(
                        "table {t} holds data: restore only into an empty database"
                    )));
                }
            }
            // The backup carries these tables' one row each (the migrations seed them).
            for t in SEEDED_TABLES {
                if tables.iter().any(|x| x == t) {
                    let q = format!("DELETE FROM {}", quote(t)?);
                    self.block(deadline, conn.client.batch_execute(q.as_str()))?;
                }
            }
            Ok(tables)
        })();
        match prepared {
            Ok(tables) => Ok(PgImport {
                store: self,
                lease,
                deadline,
                tables,
                loaded: Vec::new(),
                committed: false,
            }),
            Err(f) => {
                lease.broken = true;
                Err(self.error("restore into", "the database", f))
            }
        }
    }
}

/// A restore under way: one open transaction.
pub struct PgImport<'a> {
    store: &'a PostgresStore,
    lease: Lease<'a>,
    deadline: Instant,
    tables: Vec<String>,
    loaded: Vec<String>,
    committed: bool,
}

impl Drop for PgImport<'_> {
    fn drop(&mut self) {
        if !self.committed {
            // Closing the connection rolls the transaction back.
            self.lease.broken = true;
        }
    }
}

impl PgImport<'_> {
    /// Loads one table's COPY data, pulled segment by segment from `next`.
    pub fn table(
        &mut self,
        name: &str,
        next: &mut dyn FnMut() -> Result<Option<Vec<u8>>, String>,
    ) -> StoreResult<()> {
        let store = self.store;
        let deadline = self.deadline;
        if !self.tables.iter().any(|t| t == name) {
            self.lease.broken = true;
            return Err(StoreError::Backend(format!(
                "the backup holds a table {name:?} this schema does not have"
            )));
        }
        if self.loaded.iter().any(|t| t == name) {
            self.lease.broken = true;
            return Err(StoreError::Backend(format!(
                "table {name:?} twice in the backup"
            )));
        }
        let Some(conn) = self.lease.conn.as_mut() else {
            return Err(StoreError::Backend("connection lease is empty".into()));
        };
        let result = (|| -> Result<(), Failure> {
            let copy = format!("COPY {} FROM STDIN", quote(name)?);
            let sink = store.block(
                deadline,
                conn.client.copy_in::<_, bytes::Bytes>(copy.as_str()),
            )?;
            let mut sink = Box::pin(sink);
            while let Some(seg) = next().map_err(Failure::Decode)? {
                store.block(deadline, sink.send(bytes::Bytes::from(seg)))?;
            }
            store.block(deadline, sink.as_mut().finish())?;
            Ok(())
        })();
        match result {
            Ok(()) => {
                self.loaded.push(name.to_owned());
                Ok(())
            }
            Err(f) => {
                self.lease.broken = true;
                Err(store.error("restore", &format!("table {name}"), f))
            }
        }
    }

    /// Moves identity sequences past the loaded rows and commits.
    pub fn commit(mut self) -> StoreResult<()> {
        let store = self.store;
        let deadline = self.deadline;
        let missing: Vec<&String> = self
            .tables
            .iter()
            .filter(|t| !self.loaded.contains(t))
            .collect();
        if !missing.is_empty() {
            self.lease.broken = true;
            return Err(StoreError::Backend(format!(
                "the backup lacks table(s) {missing:?}; nothing was restored"
            )));
        }
        let Some(conn) = self.lease.conn.as_mut() else {
            return Err(StoreError::Backend("connection lease is empty".into()));
        };
        let result = (|| -> Result<(), Failure> {
            let idents = store.block(
                deadline,
                conn.client.query(
                    "SELECT table_name::TEXT, column_name::TEXT FROM information_schema.columns \
                     WHERE table_schema = current_schema() AND is_identity = 'YES'",
                    &[],
                ),
            )?;
            for r in idents {
                let (t, c): (String, String) = (r.try_get(0)?, r.try_get(1)?);
                let q = format!(
                    "SELECT setval(pg_get_serial_sequence($1, $2), \
                     COALESCE((SELECT MAX({col}) FROM {tab}), 0) + 1, false)",
                    col = quote(&c)?,
                    tab = quote(&t)?
                );
                store.block(deadline, conn.client.query_one(q.as_str(), &[&t, &c]))?;
            }
            store.block(deadline, conn.client.batch_execute("COMMIT"))?;
            Ok(())
        })();
        match result {
            Ok(()) => {
                self.committed = true;
                Ok(())
            }
            Err(f) => Err(store.error("commit", "the restore", f)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::load_order;

    #[test]
    fn referenced_tables_come_first() {
        let tables: Vec<String> = ["audit", "clients", "objects", "tenants"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let refs = vec![
            ("clients".to_string(), "tenants".to_string()),
            ("objects".to_string(), "tenants".to_string()),
        ];
        let order = load_order(&tables, &refs);
        let pos = |t: &str| order.iter().position(|x| x == t).expect("present");
        assert!(pos("tenants") < pos("clients"));
        assert!(pos("tenants") < pos("objects"));
        assert_eq!(order.len(), 4);
    }
}
