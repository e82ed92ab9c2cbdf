//! Re-Provision's change of a client's link-level credential in the SQLite store.

use super::{db_err, trust_columns, SqliteStore};
use crate::store::{ClientRecord, StoreError, StoreResult};

impl SqliteStore {
    pub(super) fn credentials_replace(&self, old_id: &str, c: &ClientRecord) -> StoreResult<()> {
        let what = format!("client '{}' ({old_id})", c.name);
        let (kind, data) = trust_columns(&c.trust);
        let n = self
            .writer()
            .execute(
                "UPDATE clients SET id = ?1, trust_kind = ?2, trust_data = ?3, cert_der = ?4 \
                 WHERE id = ?5 AND tenant_id = ?6 AND name = ?7",
                rusqlite::params![c.id, kind, data, c.cert_der, old_id, c.tenant_id, c.name],
            )
            .map_err(|e| db_err("re-provision", &what, e))?;
        if n == 0 {
            return Err(StoreError::Conflict(format!(
                "{what}: removed or re-provisioned meanwhile"
            )));
        }
        Ok(())
    }
}
