//! Re-Provision's change of a client's link-level credential in the PostgreSQL store.

use super::{trust_columns, PostgresStore};
use crate::store::{ClientRecord, StoreError, StoreResult};

const SQL_REPLACE: &str = "UPDATE clients SET id = $1, trust_kind = $2, trust_data = $3, \
     cert_der = $4 WHERE id = $5 AND tenant_id = $6 AND name = $7";

impl PostgresStore {
    pub(super) fn credentials_replace(&self, old_id: &str, c: &ClientRecord) -> StoreResult<()> {
        let what = format!("client '{}' ({old_id})", c.name);
        let (kind, data) = trust_columns(&c.trust);
        let n = self.call("re-provision", &what, false, |s| {
            s.execute(
                SQL_REPLACE,
                &[
                    &c.id,
                    &kind,
                    &data,
                    &c.cert_der,
                    &old_id,
                    &c.tenant_id,
                    &c.name,
                ],
            )
        })?;
        if n == 0 {
            return Err(StoreError::Conflict(format!(
                "{what}: removed or re-provisioned meanwhile"
            )));
        }
        Ok(())
    }
}
