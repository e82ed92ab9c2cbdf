//! The cluster tables of the SQLite store (a single node still records itself).

use rusqlite::OptionalExtension;

use super::{db_err, SqliteStore};
use crate::store::{NodeRecord, StoreResult};

impl SqliteStore {
    pub(super) fn cluster_put_shared(
        &self,
        key_ref: &str,
        sealed: &[u8],
        at: i64,
    ) -> StoreResult<()> {
        self.writer()
            .execute(
                "INSERT INTO cluster_root_keys (key_ref, sealed, created_at) VALUES (?1, ?2, ?3) \
                 ON CONFLICT (key_ref) DO NOTHING",
                rusqlite::params![key_ref, sealed, at],
            )
            .map(drop)
            .map_err(|e| db_err("share", &format!("root key {key_ref}"), e))
    }

    pub(super) fn cluster_get_shared(&self, key_ref: &str) -> StoreResult<Option<Vec<u8>>> {
        self.reader()
            .query_row(
                "SELECT sealed FROM cluster_root_keys WHERE key_ref = ?1",
                [key_ref],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| db_err("read", &format!("shared root key {key_ref}"), e))
    }

    pub(super) fn cluster_delete_shared(&self, key_ref: &str) -> StoreResult<()> {
        self.writer()
            .execute(
                "DELETE FROM cluster_root_keys WHERE key_ref = ?1",
                [key_ref],
            )
            .map(drop)
            .map_err(|e| db_err("delete", &format!("shared root key {key_ref}"), e))
    }

    pub(super) fn cluster_heartbeat(&self, n: &NodeRecord) -> StoreResult<()> {
        self.writer()
            .execute(
                "INSERT INTO cluster_nodes (id, name, version, address, joined_at, last_seen) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (id) DO UPDATE SET name = ?2, \
                 version = ?3, address = ?4, last_seen = ?6",
                rusqlite::params![n.id, n.name, n.version, n.address, n.joined_at, n.last_seen],
            )
            .map(drop)
            .map_err(|e| db_err("record", &format!("node {}", n.id), e))
    }

    pub(super) fn cluster_list_nodes(&self) -> StoreResult<Vec<NodeRecord>> {
        let conn = self.reader();
        let mut st = conn
            .prepare(
                "SELECT id, name, version, address, joined_at, last_seen FROM cluster_nodes \
                 ORDER BY name, id",
            )
            .map_err(|e| db_err("list", "nodes", e))?;
        let rows = st
            .query_map([], |r| {
                Ok(NodeRecord {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    version: r.get(2)?,
                    address: r.get(3)?,
                    joined_at: r.get(4)?,
                    last_seen: r.get(5)?,
                })
            })
            .map_err(|e| db_err("list", "nodes", e))?;
        rows.collect::<Result<_, _>>()
            .map_err(|e| db_err("list", "nodes", e))
    }
}
