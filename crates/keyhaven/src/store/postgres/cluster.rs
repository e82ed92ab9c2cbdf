//! The cluster tables of the PostgreSQL store: shared sealed root keys and node heartbeats.

use super::PostgresStore;
use crate::store::{NodeRecord, StoreResult};

const SQL_PUT: &str = "INSERT INTO cluster_root_keys (key_ref, sealed, created_at) \
     VALUES ($1, $2, $3) ON CONFLICT (key_ref) DO NOTHING";
const SQL_GET: &str = "SELECT sealed FROM cluster_root_keys WHERE key_ref = $1";
const SQL_DELETE: &str = "DELETE FROM cluster_root_keys WHERE key_ref = $1";
const SQL_HEARTBEAT: &str = "INSERT INTO cluster_nodes (id, name, version, address, joined_at, \
     last_seen) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO UPDATE SET name = $2, \
     version = $3, address = $4, last_seen = $6";
const SQL_LIST: &str =
    "SELECT id, name, version, address, joined_at, last_seen FROM cluster_nodes \
     ORDER BY name COLLATE \"C\", id";

impl PostgresStore {
    pub(super) fn cluster_put_shared(
        &self,
        key_ref: &str,
        sealed: &[u8],
        at: i64,
    ) -> StoreResult<()> {
        self.call("share", &format!("root key {key_ref}"), false, |s| {
            s.execute(SQL_PUT, &[&key_ref, &sealed, &at]).map(drop)
        })
    }

    pub(super) fn cluster_get_shared(&self, key_ref: &str) -> StoreResult<Option<Vec<u8>>> {
        self.call(
            "read",
            &format!("shared root key {key_ref}"),
            true,
            |s| match s.query_opt(SQL_GET, &[&key_ref])? {
                Some(r) => Ok(Some(r.try_get::<_, Vec<u8>>(0)?)),
                None => Ok(None),
            },
        )
    }

    pub(super) fn cluster_delete_shared(&self, key_ref: &str) -> StoreResult<()> {
        self.call(
            "delete",
            &format!("shared root key {key_ref}"),
            false,
            |s| s.execute(SQL_DELETE, &[&key_ref]).map(drop),
        )
    }

    pub(super) fn cluster_heartbeat(&self, n: &NodeRecord) -> StoreResult<()> {
        self.call("record", &format!("node {}", n.id), false, |s| {
            s.execute(
                SQL_HEARTBEAT,
                &[
                    &n.id,
                    &n.name,
                    &n.version,
                    &n.address,
                    &n.joined_at,
                    &n.last_seen,
                ],
            )
            .map(drop)
        })
    }

    pub(super) fn cluster_list_nodes(&self) -> StoreResult<Vec<NodeRecord>> {
        self.call("list", "nodes", true, |s| {
            let rows = s.query(SQL_LIST, &[])?;
            let mut out = Vec::with_capacity(rows.len());
            for r in rows {
                out.push(NodeRecord {
                    id: r.try_get(0)?,
                    name: r.try_get(1)?,
                    version: r.try_get(2)?,
                    address: r.try_get(3)?,
                    joined_at: r.try_get(4)?,
                    last_seen: r.try_get(5)?,
                });
            }
            Ok(out)
        })
    }
}
