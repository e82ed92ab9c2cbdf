//! The administrators of this node: users (argon2id password hashes) and admin client certificates
//! (pinned by SHA-256), each with a role and optionally one tenant. Kept in `DATA/admins.json`
//! (mode 0600), written by `keyhaven admin …` on the server's machine and re-read by the server
//! when the file changes. In a cluster, copy it to every node with the rest of the data directory.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::SystemTime;

use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;
use serde::{Deserialize, Serialize};

use super::roles::Role;

/// An administrator who logs in with a password.
#[derive(Clone, Serialize, Deserialize)]
pub struct AdminUser {
    pub name: String,
    pub role: Role,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tenant: Option<String>,
    /// PHC string (argon2id).
    pub password_hash: String,
    pub created_at: i64,
}

impl std::fmt::Debug for AdminUser {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AdminUser")
            .field("name", &self.name)
            .field("role", &self.role)
            .field("tenant", &self.tenant)
            .field("password_hash", &"<redacted>")
            .finish()
    }
}

/// An administrator who authenticates with a client certificate.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct AdminCert {
    pub name: String,
    pub role: Role,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tenant: Option<String>,
    /// SHA-256 of the certificate's DER, hex.
    pub sha256: String,
    pub not_after: i64,
    pub created_at: i64,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Admins {
    #[serde(default)]
    pub users: Vec<AdminUser>,
    #[serde(default)]
    pub certs: Vec<AdminCert>,
}

/// The admins file of a data directory.
pub fn path(data_dir: &Path) -> PathBuf {
    data_dir.join("admins.json")
}

pub fn load(path: &Path) -> Result<Admins, String> {
    match std::fs::read(path) {
        Ok(b) => serde_json::from_slice(&b).map_err(|e| format!("{}: {e}", path.display())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Admins::default()),
        Err(e) => Err(format!("{}: {e}", path.display())),
    }
}

pub fn save(path: &Path, a: &Admins) -> Result<(), String> {
    let text = serde_json::to_vec_pretty(a).map_err(|e| e.to_string())?;
    crate::datadir::write_file(path, &text, 0o600).map_err(|e| e.to_string())
}

pub fn validate_name(name: &str) -> Result<(), String> {
    let ok = !name.is_empty()
        && name.len() <= 64
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.@".contains(c));
    if ok {
        Ok(())
    } else {
        Err(format!(
            "admin name {name:?}: use 1 to 64 letters, digits, '-', '_', '.' or '@'"
        ))
    }
}

/// The shortest password accepted.
pub const MIN_PASSWORD: usize = 12;

pub fn hash_password(password: &str) -> Result<String, String> {
    if password.chars().count() < MIN_PASSWORD {
        return Err(format!(
            "the password must have at least {MIN_PASSWORD} characters"
        ));
    }
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| format!("cannot hash the password: {e}"))
}

pub fn verify_password(hash: &str, password: &str) -> bool {
    PasswordHash::new(hash)
        .map(|h| {
            Argon2::default()
                .verify_password(password.as_bytes(), &h)
                .is_ok()
        })
        .unwrap_or(false)
}

/// A hash to verify against when the user does not exist, so that a wrong name costs as much time
/// as a wrong password.
pub fn dummy_hash() -> &'static str {
    static H: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    H.get_or_init(|| hash_password("not-a-real-password-0000").unwrap_or_default())
}

/// The admins file as the server sees it: re-read when its modification time changes.
pub struct AdminRegistry {
    path: PathBuf,
    cached: Mutex<(Option<SystemTime>, Admins)>,
}

impl AdminRegistry {
    pub fn new(path: PathBuf) -> AdminRegistry {
        AdminRegistry {
            path,
            cached: Mutex::new((None, Admins::default())),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The current administrators (an unreadable file is logged and counts as none).
    pub fn current(&self) -> Admins {
        let mtime = std::fs::metadata(&self.path)
            .and_then(|m| m.modified())
            .ok();
        let mut g = self.cached.lock().unwrap_or_else(|e| e.into_inner());
        if g.0 != mtime || mtime.is_none() {
            match load(&self.path) {
                Ok(a) => *g = (mtime, a),
                Err(e) => {
                    tracing::error!(error = %e, "cannot read the administrators file");
                    *g = (None, Admins::default());
                }
            }
        }
        g.1.clone()
    }
}
