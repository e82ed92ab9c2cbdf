//! The administrators: users (argon2id password hashes) and admin client certificates (pinned by
//! SHA-256), each with a role and optionally one tenant. Kept in the store (table
//! `admin_accounts`, [`crate::store::admins`]), so every node of a cluster knows the same ones;
//! written by `keyhaven admin …` and read by the server at each admin request.
//!
//! Until schema version 7 they were in each node's `DATA/admins.json`: [`import_file`] moves that
//! file's administrators into the store (those the store does not know yet) and renames it
//! `admins.json.imported`.

use std::path::{Path, PathBuf};

use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;
use serde::{Deserialize, Serialize};

use super::roles::Role;
use crate::store::{AdminAccount, Store};

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

/// The pre-version-7 admins file of a data directory.
pub fn path(data_dir: &Path) -> PathBuf {
    data_dir.join("admins.json")
}

fn load_file(path: &Path) -> Result<Admins, String> {
    match std::fs::read(path) {
        Ok(b) => serde_json::from_slice(&b).map_err(|e| format!("{}: {e}", path.display())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Admins::default()),
        Err(e) => Err(format!("{}: {e}", path.display())),
    }
}

fn role_of(s: &str) -> Option<Role> {
    [Role::Viewer, Role::Operator, Role::Admin]
        .into_iter()
        .find(|r| r.as_str() == s)
}

fn accounts(a: &Admins) -> Vec<AdminAccount> {
    a.users
        .iter()
        .map(|u| AdminAccount {
            kind: "user".into(),
            name: u.name.clone(),
            role: u.role.as_str().into(),
            tenant: u.tenant.clone(),
            secret: u.password_hash.clone(),
            not_after: None,
            created_at: u.created_at,
        })
        .chain(a.certs.iter().map(|c| AdminAccount {
            kind: "cert".into(),
            name: c.name.clone(),
            role: c.role.as_str().into(),
            tenant: c.tenant.clone(),
            secret: c.sha256.clone(),
            not_after: Some(c.not_after),
            created_at: c.created_at,
        }))
        .collect()
}

/// The administrators in the store.
pub fn load(store: &dyn Store) -> Result<Admins, String> {
    let mut a = Admins::default();
    for r in store.list_admin_accounts().map_err(|e| e.to_string())? {
        let Some(role) = role_of(&r.role) else {
            tracing::error!(name = %r.name, role = %r.role, "administrator with an unknown role ignored");
            continue;
        };
        match r.kind.as_str() {
            "user" => a.users.push(AdminUser {
                name: r.name,
                role,
                tenant: r.tenant,
                password_hash: r.secret,
                created_at: r.created_at,
            }),
            "cert" => a.certs.push(AdminCert {
                name: r.name,
                role,
                tenant: r.tenant,
                sha256: r.secret,
                not_after: r.not_after.unwrap_or(0),
                created_at: r.created_at,
            }),
            other => {
                tracing::error!(name = %r.name, kind = %other, "administrator of an unknown kind ignored")
            }
        }
    }
    Ok(a)
}

/// Makes the store's administrators those of `a`: new and changed ones written, missing ones
/// removed.
pub fn save(store: &dyn Store, a: &Admins) -> Result<(), String> {
    let wanted = accounts(a);
    for r in &wanted {
        store.put_admin_account(r).map_err(|e| e.to_string())?;
    }
    for r in store.list_admin_accounts().map_err(|e| e.to_string())? {
        if !wanted.iter().any(|w| w.kind == r.kind && w.name == r.name) {
            store
                .delete_admin_account(&r.kind, &r.name)
                .map_err(|e| e.to_string())?;
        }
    }
    Ok(())
}

/// Moves the administrators of a pre-version-7 `admins.json` into the store: those the store does
/// not have yet (by kind and name) are added, then the file is renamed `admins.json.imported`.
/// Returns how many were added (`None`: no file).
pub fn import_file(store: &dyn Store, data_dir: &Path) -> Result<Option<usize>, String> {
    let file = path(data_dir);
    if !file.exists() {
        return Ok(None);
    }
    let old = load_file(&file)?;
    let known = store.list_admin_accounts().map_err(|e| e.to_string())?;
    let mut added = 0;
    for r in accounts(&old) {
        if !known.iter().any(|k| k.kind == r.kind && k.name == r.name) {
            store.put_admin_account(&r).map_err(|e| e.to_string())?;
            added += 1;
        }
    }
    let done = data_dir.join("admins.json.imported");
    std::fs::rename(&file, &done)
        .map_err(|e| format!("cannot rename {} after importing it: {e}", file.display()))?;
    tracing::info!(added, file = %done.display(), "administrators imported into the store");
    Ok(Some(added))
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

/// The administrators as the server sees them: read from the store at each admin request (a
/// small table), so a change made on any node or by the CLI holds at once everywhere.
pub struct AdminRegistry;

impl AdminRegistry {
    /// The current administrators (a store that cannot answer is logged and counts as none: the
    /// request is refused, never let through).
    pub fn current(&self, store: &dyn Store) -> Admins {
        load(store).unwrap_or_else(|e| {
            tracing::error!(error = %e, "cannot read the administrators");
            Admins::default()
        })
    }
}
