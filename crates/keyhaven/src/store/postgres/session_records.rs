//! The session records of the PostgreSQL store (`session_records`): Login tickets and waiting
//! asynchronous requests, seen by every node.

use tokio_postgres::Row;

use super::{col, Failure, PostgresStore};
use crate::store::{SessionRecord, StoreResult};

const SQL_PURGE: &str =
    "DELETE FROM session_records WHERE kind = $1 AND (expires <= $2 OR uses_left = 0)";
const SQL_COUNT: &str =
    "SELECT COUNT(*), COUNT(*) FILTER (WHERE tenant_id = $2 AND client_id = $3) \
     FROM session_records WHERE kind = $1";
const SQL_INSERT: &str = "INSERT INTO session_records (kind, id, tenant_id, client_id, value, \
     uses_left, expires, created_us) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
const SQL_GET: &str = "SELECT kind, id, tenant_id, client_id, value, uses_left, expires, \
     created_us FROM session_records WHERE kind = $1 AND id = $2";
const SQL_USE: &str = "UPDATE session_records SET uses_left = uses_left - 1 WHERE kind = $1 \
     AND id = $2 AND expires > $3 AND (uses_left IS NULL OR uses_left > 0)";
const SQL_TAKE: &str =
    "DELETE FROM session_records WHERE kind = $1 AND id = $2 AND tenant_id = $3 \
     AND client_id = $4 RETURNING kind, id, tenant_id, client_id, value, uses_left, expires, \
     created_us";
const SQL_LIST: &str = "SELECT kind, id, tenant_id, client_id, value, uses_left, expires, \
     created_us FROM session_records WHERE kind = $1 AND tenant_id = $2 AND client_id = $3 \
     ORDER BY created_us, id";

fn from_row(r: &Row) -> Result<SessionRecord, Failure> {
    Ok(SessionRecord {
        kind: col(r, 0)?,
        id: col(r, 1)?,
        tenant_id: col(r, 2)?,
        client_id: col(r, 3)?,
        value: col(r, 4)?,
        uses_left: col(r, 5)?,
        expires: col(r, 6)?,
        created_us: col(r, 7)?,
    })
}

impl PostgresStore {
    pub(super) fn session_records_insert(
        &self,
        r: &SessionRecord,
        now: i64,
        max_per_client: i64,
        max_total: i64,
    ) -> StoreResult<bool> {
        let what = format!("{} record of client {}", r.kind, r.client_id);
        self.call("insert", &what, false, |s| {
            s.execute(SQL_PURGE, &[&r.kind, &now])?;
            let counts = s.query(SQL_COUNT, &[&r.kind, &r.tenant_id, &r.client_id])?;
            let (total, mine): (i64, i64) = match counts.first() {
                Some(row) => (col(row, 0)?, col(row, 1)?),
                None => (0, 0),
            };
            if total >= max_total || mine >= max_per_client {
                return Ok(false);
            }
            s.execute(
                SQL_INSERT,
                &[
                    &r.kind,
                    &r.id,
                    &r.tenant_id,
                    &r.client_id,
                    &r.value,
                    &r.uses_left,
                    &r.expires,
                    &r.created_us,
                ],
            )?;
            Ok(true)
        })
    }

    pub(super) fn session_records_get(
        &self,
        kind: &str,
        id: &[u8],
    ) -> StoreResult<Option<SessionRecord>> {
        self.call("read", &format!("{kind} record"), true, |s| {
            match s.query_opt(SQL_GET, &[&kind, &id])? {
                Some(r) => from_row(&r).map(Some),
                None => Ok(None),
            }
        })
    }

    pub(super) fn session_records_use(&self, kind: &str, id: &[u8], now: i64) -> StoreResult<bool> {
        self.call("use", &format!("{kind} record"), false, |s| {
            s.execute(SQL_USE, &[&kind, &id, &now]).map(|n| n == 1)
        })
    }

    pub(super) fn session_records_take(
        &self,
        kind: &str,
        id: &[u8],
        tenant_id: &str,
        client_id: &str,
    ) -> StoreResult<Option<SessionRecord>> {
        self.call("take", &format!("{kind} record"), false, |s| {
            match s.query_opt(SQL_TAKE, &[&kind, &id, &tenant_id, &client_id])? {
                Some(r) => from_row(&r).map(Some),
                None => Ok(None),
            }
        })
    }

    pub(super) fn session_records_list(
        &self,
        kind: &str,
        tenant_id: &str,
        client_id: &str,
    ) -> StoreResult<Vec<SessionRecord>> {
        let what = format!("{kind} records of client {client_id}");
        self.call("list", &what, true, |s| {
            s.query(SQL_LIST, &[&kind, &tenant_id, &client_id])?
                .iter()
                .map(from_row)
                .collect()
        })
    }
}
