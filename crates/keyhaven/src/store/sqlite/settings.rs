//! The per-tenant settings of the SQLite store (`tenant_settings`).

use rusqlite::OptionalExtension;

use super::{db_err, SqliteStore};
use crate::store::{in_order, StoreResult};

impl SqliteStore {
    pub(super) fn settings_get(&self, tenant_id: &str, name: &str) -> StoreResult<Option<Vec<u8>>> {
        // Read on every Create (the tenant's defaults and constraints): a cached statement.
        self.reader()
            .prepare_cached("SELECT value FROM tenant_settings WHERE tenant_id = ?1 AND name = ?2")
            .and_then(|mut st| st.query_row([tenant_id, name], |r| r.get(0)).optional())
            .map_err(|e| db_err("read", &format!("setting {name} of tenant {tenant_id}"), e))
    }

    pub(super) fn settings_get_many(
        &self,
        tenant_id: &str,
        names: &[&str],
    ) -> StoreResult<Vec<Option<Vec<u8>>>> {
        let marks = vec!["?"; names.len()].join(", ");
        let mut args: Vec<&str> = Vec::with_capacity(names.len() + 1);
        args.push(tenant_id);
        args.extend_from_slice(names);
        let found: Vec<(String, Vec<u8>)> = self
            .reader()
            .prepare_cached(&format!(
                "SELECT name, value FROM tenant_settings WHERE tenant_id = ? AND name IN ({marks})"
            ))
            .and_then(|mut st| {
                st.query_map(rusqlite::params_from_iter(args), |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })?
                .collect()
            })
            .map_err(|e| db_err("read", &format!("settings of tenant {tenant_id}"), e))?;
        Ok(in_order(names, found))
    }

    pub(super) fn settings_put(
        &self,
        tenant_id: &str,
        name: &str,
        value: Option<&[u8]>,
        at: i64,
    ) -> StoreResult<()> {
        let what = format!("setting {name} of tenant {tenant_id}");
        let conn = self.writer();
        match value {
            Some(v) => conn.execute(
                "INSERT INTO tenant_settings (tenant_id, name, value, updated_at) \
                 VALUES (?1, ?2, ?3, ?4) ON CONFLICT (tenant_id, name) \
                 DO UPDATE SET value = ?3, updated_at = ?4",
                rusqlite::params![tenant_id, name, v, at],
            ),
            None => conn.execute(
                "DELETE FROM tenant_settings WHERE tenant_id = ?1 AND name = ?2",
                [tenant_id, name],
            ),
        }
        .map(drop)
        .map_err(|e| db_err("write", &what, e))
    }

    pub(super) fn settings_claim(
        &self,
        tenant_id: &str,
        name: &str,
        value: &[u8],
        at: i64,
    ) -> StoreResult<bool> {
        self.writer()
            .execute(
                "INSERT INTO tenant_settings (tenant_id, name, value, updated_at) \
                 VALUES (?1, ?2, ?3, ?4) ON CONFLICT (tenant_id, name) DO NOTHING",
                rusqlite::params![tenant_id, name, value, at],
            )
            .map(|n| n == 1)
            .map_err(|e| db_err("claim", &format!("setting {name} of tenant {tenant_id}"), e))
    }
}
