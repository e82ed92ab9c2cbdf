//! `keyhaven cluster token|join|status` (see [`crate::cluster`] and docs/cluster.md).

use std::path::Path;

use clap::Subcommand;

use super::{fmt_time, open_admin, CliResult};
use crate::cluster::{self, heartbeat, join_client, token};
use crate::datadir::{self, DataDir};

#[derive(Subcommand, Debug)]
pub enum ClusterCmd {
    /// Issue a one-time token for a new node to join through this node (forms the cluster on
    /// first use: makes the cluster key and shares this node's local root keys).
    Token {
        /// This node's `serve --cluster-listen` address as the new node reaches it (HOST:PORT).
        #[arg(long)]
        address: String,
        /// Seconds the token stays valid.
        #[arg(long, default_value_t = token::DEFAULT_TTL_SECS)]
        ttl_secs: i64,
    },
    /// Make this empty data directory a node of the cluster: receives the CA, the cluster key and
    /// the local root keys over mutual TLS, issues this node's server certificate.
    Join {
        /// The token printed by `keyhaven cluster token` on an existing node.
        token: String,
    },
    /// The nodes, their versions and when each was last seen.
    Status {
        #[arg(long)]
        json: bool,
    },
}

fn need_database() -> Result<(), String> {
    if datadir::database_url().is_none() {
        return Err(
            "a cluster shares one PostgreSQL store: give --database-url (or KEYHAVEN_DATABASE_URL)"
                .into(),
        );
    }
    Ok(())
}

pub fn run(data_dir: &Path, cmd: ClusterCmd) -> CliResult {
    match cmd {
        ClusterCmd::Token { address, ttl_secs } => {
            need_database()?;
            if ttl_secs <= 0 || ttl_secs > 7 * 86_400 {
                return Err("--ttl-secs must be between 1 and 604800".into());
            }
            let o = open_admin(data_dir)?;
            if !o.dir.cluster_key().exists() {
                let mut key =
                    zeroize::Zeroizing::new([0u8; crate::rootkey::shared::CLUSTER_KEY_LEN]);
                crate::crypto::fill_random(&mut key[..]);
                datadir::write_file(&o.dir.cluster_key(), &key[..], 0o600)
                    .map_err(|e| e.to_string())?;
                let n = o.local.share_all().map_err(|e| e.to_string())?;
                eprintln!(
                    "Formed a cluster: cluster key {} made, {n} local root key(s) shared (sealed) \
                     through the store.",
                    o.dir.cluster_key().display()
                );
            } else {
                // Keys made before this node had the cluster key are shared now too.
                o.local.share_all().map_err(|e| e.to_string())?;
            }
            let t = token::issue(&o.dir, &address, ttl_secs)?;
            eprintln!(
                "One-time join token, valid {ttl_secs} s (treat it as a secret). On the new node:\n  \
                 keyhaven --data-dir DIR --database-url URL cluster join TOKEN"
            );
            println!("{t}");
            Ok(())
        }
        ClusterCmd::Join { token } => {
            need_database()?;
            let dir = DataDir::new(data_dir);
            let j = join_client::join(&dir, &token)?;
            let o = open_admin(data_dir)?;
            crate::certs::ensure_ecdsa(&o.dir).map_err(|e| e.to_string())?;
            heartbeat::beat(o.store.as_ref(), &o.dir, "(joined, not serving yet)")?;
            println!(
                "Joined the cluster through {}: CA, cluster key and {} root key(s) received; server \
                 certificate {} issued. Start this node with `keyhaven serve`.",
                j.server,
                j.root_keys,
                o.dir.server_cert().display()
            );
            Ok(())
        }
        ClusterCmd::Status { json } => {
            let o = open_admin(data_dir)?;
            let nodes = o.store.list_nodes().map_err(|e| e.to_string())?;
            let me = cluster::node_id(&o.dir)?;
            let now = crate::server::ops::now();
            let stale = 3 * heartbeat::INTERVAL.as_secs() as i64;
            if json {
                let rows = heartbeat::view(o.store.as_ref(), &o.dir)?;
                println!(
                    "{}",
                    serde_json::to_string_pretty(&rows).map_err(|e| e.to_string())?
                );
            } else {
                println!(
                    "{:<38} {:<16} {:<8} {:<22} {:<6} ADDRESS",
                    "NODE", "HOST", "VERSION", "LAST SEEN", "STATE"
                );
                for n in &nodes {
                    println!(
                        "{:<38} {:<16} {:<8} {:<22} {:<6} {}{}",
                        n.id,
                        n.name,
                        n.version,
                        fmt_time(n.last_seen),
                        if now - n.last_seen <= stale {
                            "up"
                        } else {
                            "silent"
                        },
                        n.address,
                        if n.id == me { "  (this node)" } else { "" }
                    );
                }
            }
            Ok(())
        }
    }
}
