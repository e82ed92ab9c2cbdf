//! Root keys kept as files in a local directory.
//!
//! Each customer root key is a random 256-bit AES key stored in `<dir>/<key_ref>.key` (file mode
//! 0600, directory 0700), written atomically (temporary file, fsync, rename, fsync of the
//! directory). A `<key_ref>.disabled` file next to it marks the key disabled; a missing key file
//! means the key was destroyed.
//!
//! File format (all integers big-endian):
//!
//! ```text
//! "KHCRK" | version (1) | mode
//! mode 0 (unsealed): key (32)
//! mode 1 (sealed):   m_cost KiB (u32) | t_cost (u32) | p_cost (u32) | salt_len (u8) | salt
//!                    | nonce (12) | AES-256-GCM(kek, key) (32 + 16 tag)
//!                    kek = argon2id(passphrase, salt, m_cost, t_cost, p_cost) -> 32 bytes
//!                    associated data = every byte before the ciphertext || key_ref
//! ```
//!
//! Wrapped blobs are `version (1) | nonce (12) | ciphertext || tag`, AES-256-GCM under the root key
//! with associated data `version || caller's aad`.

use std::collections::HashMap;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock, RwLockReadGuard, RwLockWriteGuard};
use std::time::{Duration, Instant};

use zeroize::Zeroizing;

use super::{RootKeyError, RootKeyProvider, RootKeyStatus, PASSPHRASE_ENV};
use crate::crypto::{self, aead};

const MAGIC: &[u8; 5] = b"KHCRK";
const FILE_VERSION: u8 = 1;
const MODE_UNSEALED: u8 = 0;
const MODE_SEALED: u8 = 1;
const HEADER_LEN: usize = MAGIC.len() + 2;
const SALT_LEN: usize = 16;
const KEY_LEN: usize = aead::KEY_LEN;
const WRAP_VERSION: u8 = 1;

/// Largest key-derivation cost accepted from a key file (guards against a file that would make
/// opening it exhaust memory or time).
const MAX_M_COST_KIB: u32 = 4 * 1024 * 1024;
const MAX_T_COST: u32 = 100;
const MAX_P_COST: u32 = 64;

/// Argon2id cost parameters used when sealing new root keys. Existing files carry their own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KdfParams {
    /// Memory in KiB.
    pub m_cost_kib: u32,
    /// Iterations.
    pub t_cost: u32,
    /// Lanes.
    pub p_cost: u32,
}

impl Default for KdfParams {
    /// 64 MiB, 3 passes, 1 lane: paid once per root key per process.
    fn default() -> Self {
        KdfParams {
            m_cost_kib: 64 * 1024,
            t_cost: 3,
            p_cost: 1,
        }
    }
}

type Key = Arc<Zeroizing<[u8; KEY_LEN]>>;

/// What the provider knows about one key reference.
struct Entry {
    /// The unsealed key, once used.
    key: Option<Key>,
    status: RootKeyStatus,
    /// When `status` was last read from the file system.
    checked: Instant,
}

/// The "local" root-key provider.
pub struct LocalRootKeyProvider {
    dir: PathBuf,
    passphrase: Option<Zeroizing<String>>,
    kdf: KdfParams,
    recheck: Duration,
    entries: RwLock<HashMap<String, Entry>>,
    /// In a cluster: where keys are published for, and fetched from, the other nodes.
    shared: Option<Arc<dyn super::shared::SharedRootKeys>>,
}

impl std::fmt::Debug for LocalRootKeyProvider {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LocalRootKeyProvider")
            .field("dir", &self.dir)
            .field("passphrase", &self.passphrase.as_ref().map(|_| "<set>"))
            .field("kdf", &self.kdf)
            .field("recheck", &self.recheck)
            .finish_non_exhaustive()
    }
}

/// Key references become file names: allow only `[A-Za-z0-9_-]`, at most 128 characters.
fn validate_ref(key_ref: &str) -> Result<(), RootKeyError> {
    let ok = !key_ref.is_empty()
        && key_ref.len() <= 128
        && key_ref
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if ok {
        Ok(())
    } else {
        Err(RootKeyError::KeyNotFound(format!(
            "invalid root key reference {key_ref:?}"
        )))
    }
}

fn io_err(what: String, e: io::Error) -> RootKeyError {
    RootKeyError::Io(format!("{what}: {e}"))
}

#[cfg(unix)]
fn sync_dir(dir: &Path) -> io::Result<()> {
    fs::File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> io::Result<()> {
    Ok(())
}

fn owner_only_file(opts: &mut fs::OpenOptions) -> &mut fs::OpenOptions {
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    opts
}

/// Writes `data` to `dir/name` atomically: a new temporary file (mode 0600), fsync, rename over
/// the target, fsync of the directory.
fn write_atomic(dir: &Path, name: &str, data: &[u8]) -> io::Result<()> {
    let target = dir.join(name);
    let tmp = dir.join(format!(".{name}.tmp-{}", hex::encode(aead::random_nonce())));
    let result = (|| {
        let mut f =
            owner_only_file(fs::OpenOptions::new().write(true).create_new(true)).open(&tmp)?;
        f.write_all(data)?;
        f.sync_all()?;
        drop(f);
        fs::rename(&tmp, &target)?;
        sync_dir(dir)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

fn derive_kek(
    passphrase: &str,
    salt: &[u8],
    p: KdfParams,
) -> Result<Zeroizing<[u8; KEY_LEN]>, String> {
    let params = argon2::Params::new(p.m_cost_kib, p.t_cost, p.p_cost, Some(KEY_LEN))
        .map_err(|e| format!("invalid key derivation parameters: {e}"))?;
    let mut kek = Zeroizing::new([0u8; KEY_LEN]);
    argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params)
        .hash_password_into(passphrase.as_bytes(), salt, &mut kek[..])
        .map_err(|e| format!("key derivation failed: {e}"))?;
    Ok(kek)
}

/// Splits `n` bytes off the front of `data`.
fn take<'a>(data: &mut &'a [u8], n: usize) -> Option<&'a [u8]> {
    if data.len() < n {
        return None;
    }
    let (head, rest) = data.split_at(n);
    *data = rest;
    Some(head)
}

fn take_u32(data: &mut &[u8]) -> Option<u32> {
    take(data, 4)
        .and_then(|b| b.try_into().ok())
        .map(u32::from_be_bytes)
}

impl LocalRootKeyProvider {
    /// Opens (creating if needed, mode 0700) the key directory. With a passphrase, new keys are
    /// sealed under it and sealed keys can be opened; without one, new keys are stored unsealed
    /// and sealed keys report [`RootKeyError::Locked`].
    pub fn open(dir: &Path, passphrase: Option<Zeroizing<String>>) -> Result<Self, RootKeyError> {
        let mut builder = fs::DirBuilder::new();
        builder.recursive(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::DirBuilderExt;
            builder.mode(0o700);
        }
        builder
            .create(dir)
            .map_err(|e| io_err(format!("create root key directory {}", dir.display()), e))?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let meta =
                fs::metadata(dir).map_err(|e| io_err(format!("stat {}", dir.display()), e))?;
            if !meta.is_dir() {
                return Err(RootKeyError::Io(format!(
                    "{} is not a directory",
                    dir.display()
                )));
            }
            if meta.permissions().mode() & 0o077 != 0 {
                fs::set_permissions(dir, fs::Permissions::from_mode(0o700))
                    .map_err(|e| io_err(format!("restrict {} to mode 0700", dir.display()), e))?;
            }
        }
        Ok(LocalRootKeyProvider {
            dir: dir.to_path_buf(),
            passphrase,
            kdf: KdfParams::default(),
            recheck: Duration::from_secs(1),
            entries: RwLock::new(HashMap::new()),
            shared: None,
        })
    }

    /// The passphrase from [`PASSPHRASE_ENV`], if set and not empty.
    pub fn passphrase_from_env() -> Option<Zeroizing<String>> {
        let p = Zeroizing::new(std::env::var(PASSPHRASE_ENV).ok()?);
        (!p.is_empty()).then_some(p)
    }

    /// Argon2id costs for keys created from now on (default [`KdfParams::default`]).
    pub fn with_kdf_params(mut self, kdf: KdfParams) -> Self {
        self.kdf = kdf;
        self
    }

    /// How long a key's file-system state is trusted before it is looked at again (default 1 s).
    pub fn with_recheck_interval(mut self, interval: Duration) -> Self {
        self.recheck = interval;
        self
    }

    /// Shares keys with the other nodes of a cluster: every key created here is published, and a
    /// key missing here is fetched (and written to the directory) when another node published it.
    /// Destroying a key removes it from the shared set too.
    pub fn with_shared(mut self, shared: Arc<dyn super::shared::SharedRootKeys>) -> Self {
        self.shared = Some(shared);
        self
    }

    /// Publishes every key of the directory to the shared set (when a cluster is formed).
    pub fn share_all(&self) -> Result<usize, RootKeyError> {
        let Some(shared) = &self.shared else {
            return Ok(0);
        };
        let refs = self.list_keys()?;
        for r in &refs {
            // Disabled keys too (a retired root key can be enabled again).
            let data = match fs::read(self.key_path(r)) {
                Ok(d) => Zeroizing::new(d),
                Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
                Err(e) => return Err(io_err(format!("read root key {r}"), e)),
            };
            let key = self.decode(r, &data)?;
            shared.publish(r, &key)?;
        }
        Ok(refs.len())
    }

    /// The key directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Whether new keys are sealed with a passphrase.
    pub fn seals_new_keys(&self) -> bool {
        self.passphrase.is_some()
    }

    fn key_path(&self, key_ref: &str) -> PathBuf {
        self.dir.join(format!("{key_ref}.key"))
    }

    fn marker_path(&self, key_ref: &str) -> PathBuf {
        self.dir.join(format!("{key_ref}.disabled"))
    }

    fn read_entries(&self) -> RwLockReadGuard<'_, HashMap<String, Entry>> {
        self.entries.read().unwrap_or_else(|p| p.into_inner())
    }

    fn write_entries(&self) -> RwLockWriteGuard<'_, HashMap<String, Entry>> {
        self.entries.write().unwrap_or_else(|p| p.into_inner())
    }

    /// Records a freshly observed status (dropping the cached key once destroyed).
    fn record(&self, key_ref: &str, status: RootKeyStatus, key: Option<Key>) {
        let mut map = self.write_entries();
        let e = map.entry(key_ref.to_owned()).or_insert_with(|| Entry {
            key: None,
            status,
            checked: Instant::now(),
        });
        e.status = status;
        e.checked = Instant::now();
        if status == RootKeyStatus::Destroyed {
            e.key = None;
        } else if key.is_some() {
            e.key = key;
        }
    }

    /// Reads the key's state from the file system (fetching a key another node shared first).
    fn stat(&self, key_ref: &str) -> Result<RootKeyStatus, RootKeyError> {
        match fs::metadata(self.key_path(key_ref)) {
            Ok(_) => {}
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                let Some(shared) = &self.shared else {
                    return Ok(RootKeyStatus::Destroyed);
                };
                let Some(key) = shared.fetch(key_ref)? else {
                    return Ok(RootKeyStatus::Destroyed);
                };
                let contents = self.encode(key_ref, &key)?;
                write_atomic(&self.dir, &format!("{key_ref}.key"), &contents)
                    .map_err(|e| io_err(format!("write shared root key {key_ref}"), e))?;
                tracing::info!(root_key = %key_ref, "fetched a root key shared by another node of the cluster");
            }
            Err(e) => return Err(io_err(format!("stat root key {key_ref}"), e)),
        }
        match fs::metadata(self.marker_path(key_ref)) {
            Ok(_) => Ok(RootKeyStatus::Disabled),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(RootKeyStatus::Active),
            Err(e) => Err(io_err(
                format!("stat disable marker of root key {key_ref}"),
                e,
            )),
        }
    }

    /// The status, read from the file system at most once per recheck interval.
    fn current_status(&self, key_ref: &str) -> Result<RootKeyStatus, RootKeyError> {
        validate_ref(key_ref)?;
        if let Some(e) = self.read_entries().get(key_ref) {
            if e.checked.elapsed() < self.recheck {
                return Ok(e.status);
            }
        }
        let status = self.stat(key_ref)?;
        self.record(key_ref, status, None);
        Ok(status)
    }

    /// The unsealed key, if it is active.
    fn active_key(&self, key_ref: &str) -> Result<Key, RootKeyError> {
        match self.current_status(key_ref)? {
            RootKeyStatus::Destroyed => return Err(RootKeyError::KeyNotFound(key_ref.to_owned())),
            RootKeyStatus::Disabled => return Err(RootKeyError::KeyDisabled(key_ref.to_owned())),
            RootKeyStatus::Active => {}
        }
        if let Some(key) = self.read_entries().get(key_ref).and_then(|e| e.key.clone()) {
            return Ok(key);
        }
        let data = match fs::read(self.key_path(key_ref)) {
            Ok(d) => Zeroizing::new(d),
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                self.record(key_ref, RootKeyStatus::Destroyed, None);
                return Err(RootKeyError::KeyNotFound(key_ref.to_owned()));
            }
            Err(e) => return Err(io_err(format!("read root key {key_ref}"), e)),
        };
        let key: Key = Arc::new(self.decode(key_ref, &data)?);
        self.record(key_ref, RootKeyStatus::Active, Some(Arc::clone(&key)));
        Ok(key)
    }

    fn encode(
        &self,
        key_ref: &str,
        key: &[u8; KEY_LEN],
    ) -> Result<Zeroizing<Vec<u8>>, RootKeyError> {
        let mut out = Zeroizing::new(Vec::with_capacity(128));
        out.extend_from_slice(MAGIC);
        out.push(FILE_VERSION);
        let Some(passphrase) = &self.passphrase else {
            out.push(MODE_UNSEALED);
            out.extend_from_slice(key);
            return Ok(out);
        };
        out.push(MODE_SEALED);
        let mut salt = [0u8; SALT_LEN];
        crypto::fill_random(&mut salt);
        let nonce = aead::random_nonce();
        out.extend_from_slice(&self.kdf.m_cost_kib.to_be_bytes());
        out.extend_from_slice(&self.kdf.t_cost.to_be_bytes());
        out.extend_from_slice(&self.kdf.p_cost.to_be_bytes());
        out.push(SALT_LEN as u8);
        out.extend_from_slice(&salt);
        out.extend_from_slice(&nonce);
        let kek = derive_kek(passphrase, &salt, self.kdf)
            .map_err(|e| RootKeyError::Io(format!("seal root key {key_ref}: {e}")))?;
        let mut aad = out.to_vec();
        aad.extend_from_slice(key_ref.as_bytes());
        let ct = aead::seal_with_nonce(&kek[..], &nonce, &aad, key)
            .map_err(|e| RootKeyError::Io(format!("seal root key {key_ref}: {e}")))?;
        out.extend_from_slice(&ct);
        Ok(out)
    }

    fn decode(&self, key_ref: &str, data: &[u8]) -> Result<Zeroizing<[u8; KEY_LEN]>, RootKeyError> {
        let corrupt =
            |why: &str| RootKeyError::Integrity(format!("root key file of {key_ref}: {why}"));
        let mut rest = data;
        let header = take(&mut rest, HEADER_LEN).ok_or_else(|| corrupt("truncated header"))?;
        if &header[..MAGIC.len()] != MAGIC {
            return Err(corrupt("not a keyhaven root key file"));
        }
        if header[MAGIC.len()] != FILE_VERSION {
            return Err(corrupt(&format!(
                "unsupported file version {}",
                header[MAGIC.len()]
            )));
        }
        let mut key = Zeroizing::new([0u8; KEY_LEN]);
        match header[MAGIC.len() + 1] {
            MODE_UNSEALED => {
                if rest.len() != KEY_LEN {
                    return Err(corrupt("wrong key length"));
                }
                key.copy_from_slice(rest);
            }
            MODE_SEALED => {
                let Some(passphrase) = &self.passphrase else {
                    return Err(RootKeyError::Locked(format!(
                        "root key {key_ref} is sealed with a passphrase; set {PASSPHRASE_ENV} to unseal it"
                    )));
                };
                let truncated = || corrupt("truncated sealed key");
                let m_cost_kib = take_u32(&mut rest).ok_or_else(truncated)?;
                let t_cost = take_u32(&mut rest).ok_or_else(truncated)?;
                let p_cost = take_u32(&mut rest).ok_or_else(truncated)?;
                let salt_len = take(&mut rest, 1).ok_or_else(truncated)?[0] as usize;
                let salt = take(&mut rest, salt_len).ok_or_else(truncated)?;
                let nonce: &[u8; aead::NONCE_LEN] = take(&mut rest, aead::NONCE_LEN)
                    .and_then(|n| n.try_into().ok())
                    .ok_or_else(truncated)?;
                if rest.len() != KEY_LEN + aead::TAG_LEN {
                    return Err(corrupt("wrong sealed key length"));
                }
                if !(8..=64).contains(&salt_len)
                    || m_cost_kib > MAX_M_COST_KIB
                    || t_cost > MAX_T_COST
                    || p_cost > MAX_P_COST
                {
                    return Err(corrupt("unsupported key derivation parameters"));
                }
                let kek = derive_kek(
                    passphrase,
                    salt,
                    KdfParams {
                        m_cost_kib,
                        t_cost,
                        p_cost,
                    },
                )
                .map_err(|e| corrupt(&e))?;
                let mut aad = data[..data.len() - rest.len()].to_vec();
                aad.extend_from_slice(key_ref.as_bytes());
                let plain =
                    aead::open_with_nonce(&kek[..], nonce, &aad, rest).map_err(|e| match e {
                        aead::AeadError::Authentication => {
                            RootKeyError::Locked("wrong passphrase".to_owned())
                        }
                        other => corrupt(&other.to_string()),
                    })?;
                if plain.len() != KEY_LEN {
                    return Err(corrupt("wrong key length"));
                }
                key.copy_from_slice(&plain);
            }
            other => return Err(corrupt(&format!("unknown mode {other}"))),
        }
        Ok(key)
    }

    /// Key references present in the directory, sorted.
    pub fn list_keys(&self) -> Result<Vec<String>, RootKeyError> {
        let what = || format!("list root keys in {}", self.dir.display());
        let mut refs = Vec::new();
        for entry in fs::read_dir(&self.dir).map_err(|e| io_err(what(), e))? {
            let name = entry.map_err(|e| io_err(what(), e))?.file_name();
            if let Some(r) = name.to_str().and_then(|n| n.strip_suffix(".key")) {
                if validate_ref(r).is_ok() {
                    refs.push(r.to_owned());
                }
            }
        }
        refs.sort();
        Ok(refs)
    }

    /// Marks the key disabled (a `<key_ref>.disabled` file); wrap/unwrap fail with `KeyDisabled`.
    pub fn disable(&self, key_ref: &str) -> Result<(), RootKeyError> {
        validate_ref(key_ref)?;
        if self.stat(key_ref)? == RootKeyStatus::Destroyed {
            return Err(RootKeyError::KeyNotFound(key_ref.to_owned()));
        }
        write_atomic(&self.dir, &format!("{key_ref}.disabled"), b"")
            .map_err(|e| io_err(format!("disable root key {key_ref}"), e))?;
        self.record(key_ref, RootKeyStatus::Disabled, None);
        Ok(())
    }

    /// Re-enables a disabled key.
    pub fn enable(&self, key_ref: &str) -> Result<(), RootKeyError> {
        validate_ref(key_ref)?;
        match fs::remove_file(self.marker_path(key_ref)) {
            Ok(()) => {
                sync_dir(&self.dir).map_err(|e| io_err(format!("enable root key {key_ref}"), e))?
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(io_err(format!("enable root key {key_ref}"), e)),
        }
        let status = self.stat(key_ref)?;
        self.record(key_ref, status, None);
        match status {
            RootKeyStatus::Destroyed => Err(RootKeyError::KeyNotFound(key_ref.to_owned())),
            _ => Ok(()),
        }
    }

    /// Deletes the key file: everything wrapped under the key becomes unrecoverable.
    pub fn destroy(&self, key_ref: &str) -> Result<(), RootKeyError> {
        validate_ref(key_ref)?;
        let removed = match fs::remove_file(self.key_path(key_ref)) {
            Ok(()) => true,
            Err(e) if e.kind() == io::ErrorKind::NotFound => false,
            Err(e) => return Err(io_err(format!("destroy root key {key_ref}"), e)),
        };
        let _ = fs::remove_file(self.marker_path(key_ref));
        if let Some(shared) = &self.shared {
            shared.remove(key_ref)?;
        }
        self.record(key_ref, RootKeyStatus::Destroyed, None);
        sync_dir(&self.dir).map_err(|e| io_err(format!("destroy root key {key_ref}"), e))?;
        if removed {
            Ok(())
        } else {
            Err(RootKeyError::KeyNotFound(key_ref.to_owned()))
        }
    }
}

impl RootKeyProvider for LocalRootKeyProvider {
    fn kind(&self) -> &'static str {
        "local"
    }

    fn create_key(&self) -> Result<String, RootKeyError> {
        let key_ref = format!("crk-{}", uuid::Uuid::new_v4());
        let mut key = Zeroizing::new([0u8; KEY_LEN]);
        crypto::fill_random(&mut key[..]);
        let contents = self.encode(&key_ref, &key)?;
        write_atomic(&self.dir, &format!("{key_ref}.key"), &contents)
            .map_err(|e| io_err(format!("write root key {key_ref}"), e))?;
        if let Some(shared) = &self.shared {
            if let Err(e) = shared.publish(&key_ref, &key) {
                // Not usable by the other nodes: not created at all.
                let _ = fs::remove_file(self.key_path(&key_ref));
                return Err(e);
            }
        }
        self.record(&key_ref, RootKeyStatus::Active, Some(Arc::new(key)));
        Ok(key_ref)
    }

    fn wrap(&self, key_ref: &str, plaintext: &[u8], aad: &[u8]) -> Result<Vec<u8>, RootKeyError> {
        let key = self.active_key(key_ref)?;
        let nonce = aead::random_nonce();
        let mut full_aad = Vec::with_capacity(1 + aad.len());
        full_aad.push(WRAP_VERSION);
        full_aad.extend_from_slice(aad);
        let ct = aead::seal_with_nonce(&key[..], &nonce, &full_aad, plaintext)
            .map_err(|e| RootKeyError::Integrity(format!("wrap under {key_ref}: {e}")))?;
        let mut blob = Vec::with_capacity(1 + nonce.len() + ct.len());
        blob.push(WRAP_VERSION);
        blob.extend_from_slice(&nonce);
        blob.extend_from_slice(&ct);
        Ok(blob)
    }

    fn unwrap(
        &self,
        key_ref: &str,
        wrapped: &[u8],
        aad: &[u8],
    ) -> Result<Zeroizing<Vec<u8>>, RootKeyError> {
        let key = self.active_key(key_ref)?;
        let mut rest = wrapped;
        let version = take(&mut rest, 1).map(|v| v[0]);
        if version != Some(WRAP_VERSION) {
            return Err(RootKeyError::Integrity(format!(
                "unwrap under {key_ref}: unknown wrapped-key format {version:?}"
            )));
        }
        let nonce: &[u8; aead::NONCE_LEN] = take(&mut rest, aead::NONCE_LEN)
            .and_then(|n| n.try_into().ok())
            .ok_or_else(|| {
                RootKeyError::Integrity(format!("unwrap under {key_ref}: truncated wrapped key"))
            })?;
        let mut full_aad = Vec::with_capacity(1 + aad.len());
        full_aad.push(WRAP_VERSION);
        full_aad.extend_from_slice(aad);
        aead::open_with_nonce(&key[..], nonce, &full_aad, rest)
            .map_err(|e| RootKeyError::Integrity(format!("unwrap under {key_ref}: {e}")))
    }

    fn status(&self, key_ref: &str) -> Result<RootKeyStatus, RootKeyError> {
        self.current_status(key_ref)
    }

    fn find_key(&self, label: &str) -> Result<String, RootKeyError> {
        validate_ref(label)?;
        match self.stat(label)? {
            RootKeyStatus::Active => Ok(label.to_owned()),
            RootKeyStatus::Disabled => Err(RootKeyError::KeyDisabled(label.to_owned())),
            RootKeyStatus::Destroyed => Err(RootKeyError::KeyNotFound(label.to_owned())),
        }
    }

    fn disable_key(&self, key_ref: &str) -> Result<(), RootKeyError> {
        self.disable(key_ref)
    }

    fn enable_key(&self, key_ref: &str) -> Result<(), RootKeyError> {
        self.enable(key_ref)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FAST: KdfParams = KdfParams {
        m_cost_kib: 256,
        t_cost: 1,
        p_cost: 1,
    };

    fn pass(p: &str) -> Option<Zeroizing<String>> {
        Some(Zeroizing::new(p.to_owned()))
    }

    fn provider(dir: &Path, passphrase: Option<Zeroizing<String>>) -> LocalRootKeyProvider {
        LocalRootKeyProvider::open(dir, passphrase)
            .expect("open provider")
            .with_kdf_params(FAST)
            .with_recheck_interval(Duration::ZERO)
    }

    fn round_trip(p: &LocalRootKeyProvider, key_ref: &str) {
        let blob = p.wrap(key_ref, b"tenant key bytes", b"aad").expect("wrap");
        assert_eq!(blob[0], WRAP_VERSION);
        assert_eq!(
            &p.unwrap(key_ref, &blob, b"aad").expect("unwrap")[..],
            b"tenant key bytes"
        );
        assert!(matches!(
            p.unwrap(key_ref, &blob, b"other aad"),
            Err(RootKeyError::Integrity(_))
        ));
        let mut tampered = blob.clone();
        let last = tampered.len() - 1;
        tampered[last] ^= 0x80;
        assert!(matches!(
            p.unwrap(key_ref, &tampered, b"aad"),
            Err(RootKeyError::Integrity(_))
        ));
        assert!(matches!(
            p.unwrap(key_ref, &blob[..5], b"aad"),
            Err(RootKeyError::Integrity(_))
        ));
    }

    #[test]
    fn unsealed_round_trip_and_reopen() {
        let dir = tempfile::tempdir().expect("tempdir");
        let keys = dir.path().join("keys");
        let p = provider(&keys, None);
        assert_eq!(p.kind(), "local");
        let r = p.create_key().expect("create");
        assert!(r.starts_with("crk-"), "{r}");
        round_trip(&p, &r);
        let blob = p.wrap(&r, b"twk", b"t1").expect("wrap");

        let data = fs::read(keys.join(format!("{r}.key"))).expect("read file");
        assert_eq!(&data[..HEADER_LEN], b"KHCRK\x01\x00");
        assert_eq!(data.len(), HEADER_LEN + KEY_LEN);

        // A fresh process (no cache) reads the key from the file.
        let p2 = provider(&keys, None);
        assert_eq!(
            &p2.unwrap(&r, &blob, b"t1").expect("unwrap after reopen")[..],
            b"twk"
        );
        assert_eq!(p2.list_keys().expect("list"), vec![r]);
    }

    #[test]
    fn sealed_round_trip_wrong_passphrase_and_locked() {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = provider(dir.path(), pass("correct horse"));
        let r = p.create_key().expect("create");
        round_trip(&p, &r);
        let blob = p.wrap(&r, b"twk", b"t1").expect("wrap");

        let data = fs::read(dir.path().join(format!("{r}.key"))).expect("read file");
        assert_eq!(&data[..HEADER_LEN], b"KHCRK\x01\x01");

        let reopened = provider(dir.path(), pass("correct horse"));
        assert_eq!(
            &reopened.unwrap(&r, &blob, b"t1").expect("unwrap")[..],
            b"twk"
        );

        match provider(dir.path(), pass("wrong")).unwrap(&r, &blob, b"t1") {
            Err(RootKeyError::Locked(m)) => assert_eq!(m, "wrong passphrase"),
            other => panic!("expected Locked, got {other:?}"),
        }
        match provider(dir.path(), None).wrap(&r, b"x", b"") {
            Err(RootKeyError::Locked(m)) => assert!(m.contains(PASSPHRASE_ENV), "{m}"),
            other => panic!("expected Locked, got {other:?}"),
        }
        // Sealed and status-only: status does not need the passphrase.
        assert_eq!(
            provider(dir.path(), None).status(&r).expect("status"),
            RootKeyStatus::Active
        );
    }

    #[test]
    fn sealed_file_is_bound_to_its_name() {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = provider(dir.path(), pass("pw"));
        let r = p.create_key().expect("create");
        fs::copy(
            dir.path().join(format!("{r}.key")),
            dir.path().join("crk-renamed.key"),
        )
        .expect("copy");
        assert!(matches!(
            provider(dir.path(), pass("pw")).wrap("crk-renamed", b"x", b""),
            Err(RootKeyError::Locked(_))
        ));
    }

    #[test]
    fn default_kdf_params_work() {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = LocalRootKeyProvider::open(dir.path(), pass("pw")).expect("open");
        let r = p.create_key().expect("create");
        let blob = p.wrap(&r, b"twk", b"").expect("wrap");
        let p2 = LocalRootKeyProvider::open(dir.path(), pass("pw")).expect("open");
        assert_eq!(&p2.unwrap(&r, &blob, b"").expect("unwrap")[..], b"twk");
    }

    #[test]
    fn destroyed_file_status_and_unwrap() {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = provider(dir.path(), None);
        let r = p.create_key().expect("create");
        let blob = p.wrap(&r, b"twk", b"").expect("wrap"); // key now cached
        assert_eq!(p.status(&r).expect("status"), RootKeyStatus::Active);
        fs::remove_file(dir.path().join(format!("{r}.key"))).expect("delete");
        assert_eq!(p.status(&r).expect("status"), RootKeyStatus::Destroyed);
        assert!(matches!(
            p.unwrap(&r, &blob, b""),
            Err(RootKeyError::KeyNotFound(_))
        ));
        assert!(matches!(
            p.wrap(&r, b"x", b""),
            Err(RootKeyError::KeyNotFound(_))
        ));
        assert!(matches!(
            p.status("crk-never-existed"),
            Ok(RootKeyStatus::Destroyed)
        ));
    }

    #[test]
    fn status_is_rechecked_at_most_once_per_interval() {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = LocalRootKeyProvider::open(dir.path(), None)
            .expect("open")
            .with_recheck_interval(Duration::from_millis(300));
        let r = p.create_key().expect("create");
        assert_eq!(p.status(&r).expect("status"), RootKeyStatus::Active);
        fs::remove_file(dir.path().join(format!("{r}.key"))).expect("delete");
        assert_eq!(p.status(&r).expect("cached status"), RootKeyStatus::Active);
        std::thread::sleep(Duration::from_millis(350));
        assert_eq!(
            p.status(&r).expect("rechecked status"),
            RootKeyStatus::Destroyed
        );
    }

    #[test]
    fn disable_enable_destroy() {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = provider(dir.path(), None);
        let r = p.create_key().expect("create");
        let blob = p.wrap(&r, b"twk", b"").expect("wrap");
        p.disable(&r).expect("disable");
        assert_eq!(p.status(&r).expect("status"), RootKeyStatus::Disabled);
        assert!(matches!(
            p.unwrap(&r, &blob, b""),
            Err(RootKeyError::KeyDisabled(_))
        ));
        // Another process sees the marker.
        assert_eq!(
            provider(dir.path(), None).status(&r).expect("status"),
            RootKeyStatus::Disabled
        );
        p.enable(&r).expect("enable");
        assert_eq!(&p.unwrap(&r, &blob, b"").expect("unwrap")[..], b"twk");
        p.destroy(&r).expect("destroy");
        assert_eq!(p.status(&r).expect("status"), RootKeyStatus::Destroyed);
        assert!(matches!(
            p.unwrap(&r, &blob, b""),
            Err(RootKeyError::KeyNotFound(_))
        ));
        assert!(matches!(p.destroy(&r), Err(RootKeyError::KeyNotFound(_))));
        assert!(matches!(p.disable(&r), Err(RootKeyError::KeyNotFound(_))));
        assert!(p.list_keys().expect("list").is_empty());
    }

    #[test]
    fn invalid_references_are_rejected() {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = provider(dir.path(), None);
        for bad in ["", "../etc/passwd", "a/b", "crk.x", &"a".repeat(200)] {
            assert!(
                matches!(p.wrap(bad, b"x", b""), Err(RootKeyError::KeyNotFound(_))),
                "{bad}"
            );
            assert!(p.status(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn corrupt_file_is_an_integrity_error() {
        let dir = tempfile::tempdir().expect("tempdir");
        fs::write(dir.path().join("crk-bad.key"), b"not a key").expect("write");
        let p = provider(dir.path(), None);
        assert!(matches!(
            p.wrap("crk-bad", b"x", b""),
            Err(RootKeyError::Integrity(_))
        ));
    }

    #[test]
    fn debug_hides_passphrase_and_keys() {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = provider(dir.path(), pass("super-secret-pass"));
        p.create_key().expect("create");
        let dbg = format!("{p:?}");
        assert!(!dbg.contains("super-secret-pass"), "{dbg}");
        assert!(dbg.contains("<set>"), "{dbg}");
    }

    #[cfg(unix)]
    #[test]
    fn file_and_directory_modes() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("tempdir");
        let keys = dir.path().join("keys");
        let p = provider(&keys, None);
        let r = p.create_key().expect("create");
        let mode = |path: &Path| fs::metadata(path).expect("stat").permissions().mode() & 0o777;
        assert_eq!(mode(&keys.join(format!("{r}.key"))), 0o600);
        assert_eq!(mode(&keys), 0o700);
        // No temporary files are left behind.
        assert_eq!(fs::read_dir(&keys).expect("list").count(), 1);

        // An existing, too open directory is tightened.
        fs::set_permissions(&keys, fs::Permissions::from_mode(0o755)).expect("chmod");
        drop(provider(&keys, None));
        assert_eq!(mode(&keys), 0o700);
    }
}
