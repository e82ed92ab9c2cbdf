//! The session records of the SQLite store (`session_records`): Login tickets and waiting
//! asynchronous requests.

use rusqlite::{params, OptionalExtension, Row, TransactionBehavior};

use super::{db_err, SqliteStore};
use crate::store::{SessionRecord, StoreResult};

const COLUMNS: &str = "kind, id, tenant_id, client_id, value, uses_left, expires, created_us";

fn from_row(r: &Row<'_>) -> rusqlite::Result<SessionRecord> {
    Ok(SessionRecord {
        kind: r.get(0)?,
        id: r.get(1)?,
        tenant_id: r.get(2)?,
        client_id: r.get(3)?,
        value: r.get(4)?,
        uses_left: r.get(5)?,
        expires: r.get(6)?,
        created_us: r.get(7)?,
    })
}

impl SqliteStore {
    pub(super) fn session_records_insert(
        &self,
        r: &SessionRecord,
        now: i64,
        max_per_client: i64,
        max_total: i64,
    ) -> StoreResult<bool> {
        let what = format!("{} record of client {}", r.kind, r.client_id);
        self.refuse_write(&what)?;
        let err = |e| db_err("insert", &what, e);
        let mut conn = self.writer();
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(err)?;
        tx.execute(
            "DELETE FROM session_records WHERE kind = ?1 AND (expires <= ?2 OR uses_left = 0)",
            params![r.kind, now],
        )
        .map_err(err)?;
        let total: i64 = tx
            .query_row(
                "SELECT COUNT(*) FROM session_records WHERE kind = ?1",
                [&r.kind],
                |row| row.get(0),
            )
            .map_err(err)?;
        let mine: i64 = tx
            .query_row(
                "SELECT COUNT(*) FROM session_records WHERE kind = ?1 AND tenant_id = ?2 \
                 AND client_id = ?3",
                params![r.kind, r.tenant_id, r.client_id],
                |row| row.get(0),
            )
            .map_err(err)?;
        if total >= max_total || mine >= max_per_client {
            return Ok(false);
        }
        tx.execute(
            &format!(
                "INSERT INTO session_records ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
            ),
            params![
                r.kind,
                r.id,
                r.tenant_id,
                r.client_id,
                r.value,
                r.uses_left,
                r.expires,
                r.created_us
            ],
        )
        .map_err(err)?;
        tx.commit().map_err(err)?;
        Ok(true)
    }

    pub(super) fn session_records_get(
        &self,
        kind: &str,
        id: &[u8],
    ) -> StoreResult<Option<SessionRecord>> {
        // Every request that carries a ticket reads it: a cached statement.
        self.reader()
            .prepare_cached(&format!(
                "SELECT {COLUMNS} FROM session_records WHERE kind = ?1 AND id = ?2"
            ))
            .and_then(|mut st| st.query_row(params![kind, id], from_row).optional())
            .map_err(|e| db_err("read", &format!("{kind} record"), e))
    }

    pub(super) fn session_records_use(&self, kind: &str, id: &[u8], now: i64) -> StoreResult<bool> {
        let what = format!("{kind} record");
        self.refuse_write(&what)?;
        // Every request that carries a ticket counts a use: a cached statement.
        self.writer()
            .prepare_cached(
                "UPDATE session_records SET uses_left = uses_left - 1 WHERE kind = ?1 AND id = ?2 \
                 AND expires > ?3 AND (uses_left IS NULL OR uses_left > 0)",
            )
            .and_then(|mut st| st.execute(params![kind, id, now]))
            .map(|n| n == 1)
            .map_err(|e| db_err("use", &what, e))
    }

    pub(super) fn session_records_take(
        &self,
        kind: &str,
        id: &[u8],
        tenant_id: &str,
        client_id: &str,
    ) -> StoreResult<Option<SessionRecord>> {
        let what = format!("{kind} record");
        self.refuse_write(&what)?;
        self.writer()
            .query_row(
                &format!(
                    "DELETE FROM session_records WHERE kind = ?1 AND id = ?2 AND tenant_id = ?3 \
                     AND client_id = ?4 RETURNING {COLUMNS}"
                ),
                params![kind, id, tenant_id, client_id],
                from_row,
            )
            .optional()
            .map_err(|e| db_err("take", &what, e))
    }

    pub(super) fn session_records_list(
        &self,
        kind: &str,
        tenant_id: &str,
        client_id: &str,
    ) -> StoreResult<Vec<SessionRecord>> {
        let what = format!("{kind} records of client {client_id}");
        let conn = self.reader();
        let mut st = conn
            .prepare(&format!(
                "SELECT {COLUMNS} FROM session_records WHERE kind = ?1 AND tenant_id = ?2 \
                 AND client_id = ?3 ORDER BY created_us, id"
            ))
            .map_err(|e| db_err("list", &what, e))?;
        let rows = st
            .query_map(params![kind, tenant_id, client_id], from_row)
            .map_err(|e| db_err("list", &what, e))?;
        rows.collect::<Result<_, _>>()
            .map_err(|e| db_err("list", &what, e))
    }
}
