//! The administrator tables of the SQLite store (see [`crate::store::admins`]).

use rusqlite::OptionalExtension;

use super::{db_err, SqliteStore};
use crate::store::{AdminAccount, AdminSession, LoginFailures, SessionSelector, StoreResult};

const ACCOUNT_COLUMNS: &str = "kind, name, role, tenant, secret, not_after, created_at";
const SESSION_COLUMNS: &str = "token_sha256, name, role, tenant, csrf, created_at, seen_at";

/// One statement: forget a lock that ran out, count this failure, lock at the threshold.
pub(crate) const SQL_LOGIN_FAILED: &str = "INSERT INTO admin_login_failures (name, failures, locked_until) \
     VALUES (?1, 1, CASE WHEN 1 >= ?2 THEN ?3 END) \
     ON CONFLICT (name) DO UPDATE SET \
     failures = CASE WHEN admin_login_failures.locked_until <= ?4 THEN 1 \
                     ELSE admin_login_failures.failures + 1 END, \
     locked_until = CASE \
         WHEN admin_login_failures.locked_until <= ?4 THEN (CASE WHEN 1 >= ?2 THEN ?3 END) \
         WHEN admin_login_failures.locked_until IS NULL AND admin_login_failures.failures + 1 >= ?2 THEN ?3 \
         ELSE admin_login_failures.locked_until END \
     RETURNING failures, locked_until";

fn account(r: &rusqlite::Row<'_>) -> rusqlite::Result<AdminAccount> {
    Ok(AdminAccount {
        kind: r.get(0)?,
        name: r.get(1)?,
        role: r.get(2)?,
        tenant: r.get(3)?,
        secret: r.get(4)?,
        not_after: r.get(5)?,
        created_at: r.get(6)?,
    })
}

impl SqliteStore {
    pub(super) fn admins_list(&self) -> StoreResult<Vec<AdminAccount>> {
        let conn = self.reader();
        let mut st = conn
            .prepare_cached(&format!(
                "SELECT {ACCOUNT_COLUMNS} FROM admin_accounts ORDER BY kind, name"
            ))
            .map_err(|e| db_err("list", "administrators", e))?;
        let rows = st
            .query_map([], account)
            .map_err(|e| db_err("list", "administrators", e))?;
        rows.collect::<Result<_, _>>()
            .map_err(|e| db_err("list", "administrators", e))
    }

    pub(super) fn admins_put(&self, a: &AdminAccount) -> StoreResult<()> {
        self.writer()
            .execute(
                &format!(
                    "INSERT INTO admin_accounts ({ACCOUNT_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) \
                     ON CONFLICT (kind, name) DO UPDATE SET role = ?3, tenant = ?4, secret = ?5, \
                     not_after = ?6, created_at = ?7"
                ),
                rusqlite::params![
                    a.kind,
                    a.name,
                    a.role,
                    a.tenant,
                    a.secret,
                    a.not_after,
                    a.created_at
                ],
            )
            .map(drop)
            .map_err(|e| db_err("store", &format!("administrator {}", a.name), e))
    }

    pub(super) fn admins_delete(&self, kind: &str, name: &str) -> StoreResult<bool> {
        self.writer()
            .execute(
                "DELETE FROM admin_accounts WHERE kind = ?1 AND name = ?2",
                [kind, name],
            )
            .map(|n| n > 0)
            .map_err(|e| db_err("remove", &format!("administrator {name}"), e))
    }

    pub(super) fn sessions_put(&self, s: &AdminSession) -> StoreResult<()> {
        self.writer()
            .execute(
                &format!(
                    "INSERT INTO admin_sessions ({SESSION_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
                ),
                rusqlite::params![
                    s.token_sha256,
                    s.name,
                    s.role,
                    s.tenant,
                    s.csrf,
                    s.created_at,
                    s.seen_at
                ],
            )
            .map(drop)
            .map_err(|e| db_err("store", &format!("a session of {}", s.name), e))
    }

    pub(super) fn sessions_get(&self, token_sha256: &[u8]) -> StoreResult<Option<AdminSession>> {
        self.reader()
            .prepare_cached(&format!(
                "SELECT {SESSION_COLUMNS} FROM admin_sessions WHERE token_sha256 = ?1"
            ))
            .and_then(|mut st| {
                st.query_row([token_sha256], |r| {
                    Ok(AdminSession {
                        token_sha256: r.get(0)?,
                        name: r.get(1)?,
                        role: r.get(2)?,
                        tenant: r.get(3)?,
                        csrf: r.get(4)?,
                        created_at: r.get(5)?,
                        seen_at: r.get(6)?,
                    })
                })
                .optional()
            })
            .map_err(|e| db_err("read", "a session", e))
    }

    pub(super) fn sessions_touch(&self, token_sha256: &[u8], seen_at: i64) -> StoreResult<()> {
        self.writer()
            .execute(
                "UPDATE admin_sessions SET seen_at = ?2 WHERE token_sha256 = ?1",
                rusqlite::params![token_sha256, seen_at],
            )
            .map(drop)
            .map_err(|e| db_err("update", "a session", e))
    }

    pub(super) fn sessions_delete(&self, which: SessionSelector<'_>) -> StoreResult<u64> {
        let w = self.writer();
        let n = match which {
            SessionSelector::Token(t) => {
                w.execute("DELETE FROM admin_sessions WHERE token_sha256 = ?1", [t])
            }
            SessionSelector::User(u) => {
                w.execute("DELETE FROM admin_sessions WHERE name = ?1", [u])
            }
            SessionSelector::Expired {
                seen_before,
                created_before,
            } => w.execute(
                "DELETE FROM admin_sessions WHERE seen_at < ?1 OR created_at < ?2",
                [seen_before, created_before],
            ),
        };
        n.map(|n| n as u64)
            .map_err(|e| db_err("end", "sessions", e))
    }

    pub(super) fn logins_failed(
        &self,
        name: &str,
        lock_after: i64,
        lock_until: i64,
        now: i64,
    ) -> StoreResult<LoginFailures> {
        self.writer()
            .query_row(
                SQL_LOGIN_FAILED,
                rusqlite::params![name, lock_after, lock_until, now],
                |r| {
                    Ok(LoginFailures {
                        failures: r.get(0)?,
                        locked_until: r.get(1)?,
                    })
                },
            )
            .map_err(|e| db_err("count", &format!("a failed login of {name}"), e))
    }

    pub(super) fn logins_failures(&self, name: &str) -> StoreResult<LoginFailures> {
        self.reader()
            .query_row(
                "SELECT failures, locked_until FROM admin_login_failures WHERE name = ?1",
                [name],
                |r| {
                    Ok(LoginFailures {
                        failures: r.get(0)?,
                        locked_until: r.get(1)?,
                    })
                },
            )
            .optional()
            .map(|f| {
                f.unwrap_or(LoginFailures {
                    failures: 0,
                    locked_until: None,
                })
            })
            .map_err(|e| db_err("read", &format!("failed logins of {name}"), e))
    }

    pub(super) fn logins_clear(&self, name: &str) -> StoreResult<()> {
        self.writer()
            .execute("DELETE FROM admin_login_failures WHERE name = ?1", [name])
            .map(drop)
            .map_err(|e| db_err("clear", &format!("failed logins of {name}"), e))
    }
}
