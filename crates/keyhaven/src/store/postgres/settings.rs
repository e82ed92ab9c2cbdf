//! The per-tenant settings of the PostgreSQL store (`tenant_settings`).

use super::PostgresStore;
use crate::store::StoreResult;

const SQL_GET: &str = "SELECT value FROM tenant_settings WHERE tenant_id = $1 AND name = $2";
const SQL_GET_MANY: &str =
    "SELECT name, value FROM tenant_settings WHERE tenant_id = $1 AND name = ANY($2)";
const SQL_PUT: &str = "INSERT INTO tenant_settings (tenant_id, name, value, updated_at) \
     VALUES ($1, $2, $3, $4) ON CONFLICT (tenant_id, name) \
     DO UPDATE SET value = EXCLUDED.value, updated_at = EXCLUDED.updated_at";
const SQL_DELETE: &str = "DELETE FROM tenant_settings WHERE tenant_id = $1 AND name = $2";
const SQL_CLAIM: &str = "INSERT INTO tenant_settings (tenant_id, name, value, updated_at) \
     VALUES ($1, $2, $3, $4) ON CONFLICT (tenant_id, name) DO NOTHING";

impl PostgresStore {
    pub(super) fn settings_get(&self, tenant_id: &str, name: &str) -> StoreResult<Option<Vec<u8>>> {
        let what = format!("setting {name} of tenant {tenant_id}");
        self.call("read", &what, true, |s| {
            match s.query_opt(SQL_GET, &[&tenant_id, &name])? {
                Some(r) => Ok(Some(r.try_get::<_, Vec<u8>>(0)?)),
                None => Ok(None),
            }
        })
    }

    pub(super) fn settings_get_many(
        &self,
        tenant_id: &str,
        names: &[&str],
    ) -> StoreResult<Vec<Option<Vec<u8>>>> {
        let what = format!("settings of tenant {tenant_id}");
        let found = self.call("read", &what, true, |s| {
            let rows = s.wait(s.conn.client.query(SQL_GET_MANY, &[&tenant_id, &names]))?;
            rows.iter()
                .map(|r| Ok((r.try_get::<_, String>(0)?, r.try_get::<_, Vec<u8>>(1)?)))
                .collect::<Result<Vec<_>, super::Failure>>()
        })?;
        Ok(crate::store::in_order(names, found))
    }

    pub(super) fn settings_put(
        &self,
        tenant_id: &str,
        name: &str,
        value: Option<&[u8]>,
        at: i64,
    ) -> StoreResult<()> {
        let what = format!("setting {name} of tenant {tenant_id}");
        self.call("write", &what, false, |s| match value {
            Some(v) => s.execute(SQL_PUT, &[&tenant_id, &name, &v, &at]).map(drop),
            None => s.execute(SQL_DELETE, &[&tenant_id, &name]).map(drop),
        })
    }

    pub(super) fn settings_claim(
        &self,
        tenant_id: &str,
        name: &str,
        value: &[u8],
        at: i64,
    ) -> StoreResult<bool> {
        let what = format!("setting {name} of tenant {tenant_id}");
        self.call("claim", &what, false, |s| {
            s.execute(SQL_CLAIM, &[&tenant_id, &name, &value, &at])
                .map(|n| n == 1)
        })
    }
}
