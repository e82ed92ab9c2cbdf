//! Nodes that join a cluster with one command.
//!
//! ```text
//! node A (running, --cluster-listen ADDR)          new node B (empty data directory)
//!   keyhaven cluster token --address ADDR
//!     -> prints TOKEN = <secret>.<sha256 of the CA>@ADDR (one use, 1 hour)
//!                                                   keyhaven cluster join TOKEN
//!   <------------------ mutual TLS (B: throwaway certificate) ------------------
//!   sends the CA certificate  ---------------->     checks its SHA-256 against TOKEN and that
//!                                                   A's certificate chains to it
//!                             <----------------     sends the secret of TOKEN
//!   checks and consumes TOKEN; sends the CA key,
//!   the cluster key and the local root key files ->  writes them (0600), issues its own server
//!                                                   certificate from the CA, records itself
//! ```
//!
//! Afterwards the nodes share their local root keys through the store, sealed under the cluster
//! key ([`crate::rootkey::shared`]): a tenant created or a root key rotated on any node is served by
//! every node without a restart or a copy. Each `serve` records itself in the store every
//! [`heartbeat::INTERVAL`]; `keyhaven cluster status` lists the nodes.
//!
//! * [`token`]: issuing and consuming join tokens (files of the issuing node's data directory).
//! * [`join_server`]: what `serve --cluster-listen` answers.
//! * [`join_client`]: `keyhaven cluster join`.
//! * [`heartbeat`]: the node records.

pub mod heartbeat;
pub mod join_client;
pub mod join_server;
pub mod token;

use std::path::PathBuf;

use crate::datadir::DataDir;

/// Paths of the cluster files in a data directory.
pub trait ClusterPaths {
    /// One file per unused join token, named by the SHA-256 of its secret.
    fn join_tokens(&self) -> PathBuf;
    /// This node's stable identifier.
    fn node_id_file(&self) -> PathBuf;
}

impl ClusterPaths for DataDir {
    fn join_tokens(&self) -> PathBuf {
        self.root.join("join-tokens")
    }
    fn node_id_file(&self) -> PathBuf {
        self.root.join("node-id")
    }
}

/// This node's identifier (made on first use).
pub fn node_id(dir: &DataDir) -> Result<String, String> {
    let p = dir.node_id_file();
    if let Ok(id) = std::fs::read_to_string(&p) {
        let id = id.trim().to_owned();
        if !id.is_empty() {
            return Ok(id);
        }
    }
    let id = uuid::Uuid::new_v4().to_string();
    crate::datadir::write_file(&p, id.as_bytes(), 0o644).map_err(|e| e.to_string())?;
    Ok(id)
}

/// This machine's host name, for the node list.
pub fn host_name() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .or_else(|_| std::fs::read_to_string("/etc/hostname"))
        .map(|s| s.trim().to_owned())
        .ok()
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "localhost".into())
}
