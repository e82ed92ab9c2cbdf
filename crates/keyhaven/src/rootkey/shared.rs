//! Local root keys shared between the nodes of a cluster through the store, sealed under the
//! cluster key.
//!
//! The cluster key is 32 random bytes in `DATA/cluster.key` (mode 0600), made when the first
//! join token is issued and handed to each joining node over mutual TLS (`keyhaven cluster join`);
//! the store (PostgreSQL) never sees it. Each shared root key is stored as
//! `nonce (12) | AES-256-GCM(cluster key, key, aad = "keyhaven-shared-root-key-v1" | key_ref)`, so
//! the database holds no root key in clear and a sealed key cannot be moved to another reference.

use std::path::Path;
use std::sync::Arc;

use zeroize::Zeroizing;

use super::RootKeyError;
use crate::crypto::aead;
use crate::store::Store;

const AAD_PREFIX: &[u8] = b"keyhaven-shared-root-key-v1";
/// Length of the cluster key.
pub const CLUSTER_KEY_LEN: usize = 32;

/// Where the local provider publishes its keys for the other nodes and fetches theirs.
pub trait SharedRootKeys: Send + Sync {
    fn publish(&self, key_ref: &str, key: &[u8; 32]) -> Result<(), RootKeyError>;
    fn fetch(&self, key_ref: &str) -> Result<Option<Zeroizing<[u8; 32]>>, RootKeyError>;
    fn remove(&self, key_ref: &str) -> Result<(), RootKeyError>;
}

/// Shared keys kept in the store, sealed under the cluster key of `DATA/cluster.key`. Until that
/// file exists (a node on its own) nothing is shared: publishing does nothing and fetching finds
/// nothing. The file is read once it appears, so a running server joins in without a restart.
pub struct StoreSharedKeys {
    store: Arc<dyn Store>,
    path: std::path::PathBuf,
    cluster_key: std::sync::OnceLock<Zeroizing<[u8; CLUSTER_KEY_LEN]>>,
}

impl StoreSharedKeys {
    pub fn new(store: Arc<dyn Store>, cluster_key_path: &Path) -> Self {
        StoreSharedKeys {
            store,
            path: cluster_key_path.to_path_buf(),
            cluster_key: std::sync::OnceLock::new(),
        }
    }

    fn key(&self) -> Result<Option<&Zeroizing<[u8; CLUSTER_KEY_LEN]>>, RootKeyError> {
        if let Some(k) = self.cluster_key.get() {
            return Ok(Some(k));
        }
        match read_cluster_key(&self.path)? {
            Some(k) => Ok(Some(self.cluster_key.get_or_init(|| k))),
            None => Ok(None),
        }
    }

    fn aad(key_ref: &str) -> Vec<u8> {
        let mut aad = AAD_PREFIX.to_vec();
        aad.extend_from_slice(key_ref.as_bytes());
        aad
    }
}

fn unavailable(e: impl std::fmt::Display) -> RootKeyError {
    RootKeyError::Unavailable(format!("shared root keys in the store: {e}"))
}

impl SharedRootKeys for StoreSharedKeys {
    fn publish(&self, key_ref: &str, key: &[u8; 32]) -> Result<(), RootKeyError> {
        let Some(ck) = self.key()? else {
            return Ok(());
        };
        let sealed = aead::seal(&ck[..], &Self::aad(key_ref), key)
            .map_err(|e| RootKeyError::Io(format!("seal shared root key {key_ref}: {e}")))?;
        self.store
            .put_shared_root_key(key_ref, &sealed, crate::server::ops::now())
            .map_err(unavailable)
    }

    fn fetch(&self, key_ref: &str) -> Result<Option<Zeroizing<[u8; 32]>>, RootKeyError> {
        let Some(ck) = self.key()? else {
            return Ok(None);
        };
        let Some(sealed) = self
            .store
            .get_shared_root_key(key_ref)
            .map_err(unavailable)?
        else {
            return Ok(None);
        };
        let plain = aead::open(&ck[..], &Self::aad(key_ref), &sealed).map_err(|_| {
            RootKeyError::Integrity(format!(
                "shared root key {key_ref} does not open with this node's cluster key"
            ))
        })?;
        let mut key = Zeroizing::new([0u8; 32]);
        if plain.len() != 32 {
            return Err(RootKeyError::Integrity(format!(
                "shared root key {key_ref} has a wrong length"
            )));
        }
        key.copy_from_slice(&plain);
        Ok(Some(key))
    }

    fn remove(&self, key_ref: &str) -> Result<(), RootKeyError> {
        if self.key()?.is_none() {
            return Ok(());
        }
        self.store
            .delete_shared_root_key(key_ref)
            .map_err(unavailable)
    }
}

/// Reads the cluster key file, if this node belongs to a cluster.
pub fn read_cluster_key(
    path: &Path,
) -> Result<Option<Zeroizing<[u8; CLUSTER_KEY_LEN]>>, RootKeyError> {
    let bytes = match std::fs::read(path) {
        Ok(b) => Zeroizing::new(b),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(RootKeyError::Io(format!("{}: {e}", path.display()))),
    };
    if bytes.len() != CLUSTER_KEY_LEN {
        return Err(RootKeyError::Integrity(format!(
            "{} is not a cluster key ({} bytes)",
            path.display(),
            bytes.len()
        )));
    }
    let mut key = Zeroizing::new([0u8; CLUSTER_KEY_LEN]);
    key.copy_from_slice(&bytes);
    Ok(Some(key))
}
