//! Each serving node records itself in the store (id, host name, version, addresses, last seen).

use std::sync::Arc;
use std::time::Duration;

use crate::datadir::DataDir;
use crate::store::{NodeRecord, Store};

/// How often a node records itself.
pub const INTERVAL: Duration = Duration::from_secs(10);

/// Records this node once.
pub fn beat(store: &dyn Store, dir: &DataDir, addresses: &str) -> Result<(), String> {
    let now = crate::server::ops::now();
    store
        .heartbeat_node(&NodeRecord {
            id: super::node_id(dir)?,
            name: super::host_name(),
            version: env!("CARGO_PKG_VERSION").into(),
            address: addresses.to_owned(),
            joined_at: now,
            last_seen: now,
        })
        .map_err(|e| e.to_string())
}

/// Records this node now and every [`INTERVAL`], on its own thread, for the life of the process.
pub fn spawn(store: Arc<dyn Store>, dir: DataDir, addresses: String) {
    let spawned = std::thread::Builder::new()
        .name("keyhaven-heartbeat".into())
        .spawn(move || loop {
            if let Err(e) = beat(store.as_ref(), &dir, &addresses) {
                tracing::debug!(error = %e, "cannot record this node in the store");
            }
            std::thread::sleep(INTERVAL);
        });
    if let Err(e) = spawned {
        tracing::warn!(error = %e, "cannot start the node heartbeat");
    }
}

/// Every node that served the store, as `cluster status --json` and the admin API show them: up
/// when seen within three heartbeats, this node flagged.
pub fn view(store: &dyn Store, dir: &DataDir) -> Result<Vec<serde_json::Value>, String> {
    let nodes = store.list_nodes().map_err(|e| e.to_string())?;
    let me = super::node_id(dir)?;
    let now = crate::server::ops::now();
    let stale = 3 * INTERVAL.as_secs() as i64;
    let t = crate::cli::fmt_time;
    Ok(nodes
        .iter()
        .map(|n| {
            serde_json::json!({"id": n.id, "name": n.name, "version": n.version,
            "address": n.address, "joined": t(n.joined_at),
            "last_seen": t(n.last_seen), "seconds_since_seen": now - n.last_seen,
            "up": now - n.last_seen <= stale, "this_node": n.id == me})
        })
        .collect())
}
