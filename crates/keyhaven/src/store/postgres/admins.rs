//! The administrator tables of the PostgreSQL store (see [`crate::store::admins`]).

use tokio_postgres::Row;

use super::{Failure, PostgresStore};
use crate::store::{AdminAccount, AdminSession, LoginFailures, SessionSelector, StoreResult};

const SQL_LIST: &str = "SELECT kind, name, role, tenant, secret, not_after, created_at \
     FROM admin_accounts ORDER BY kind COLLATE \"C\", name COLLATE \"C\"";
const SQL_PUT: &str = "INSERT INTO admin_accounts \
     (kind, name, role, tenant, secret, not_after, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) \
     ON CONFLICT (kind, name) DO UPDATE SET role = $3, tenant = $4, secret = $5, \
     not_after = $6, created_at = $7";
const SQL_DELETE: &str = "DELETE FROM admin_accounts WHERE kind = $1 AND name = $2";
const SQL_SESSION_PUT: &str = "INSERT INTO admin_sessions \
     (token_sha256, name, role, tenant, csrf, created_at, seen_at) VALUES ($1, $2, $3, $4, $5, $6, $7)";
const SQL_SESSION_GET: &str = "SELECT token_sha256, name, role, tenant, csrf, created_at, seen_at \
     FROM admin_sessions WHERE token_sha256 = $1";
const SQL_SESSION_TOUCH: &str = "UPDATE admin_sessions SET seen_at = $2 WHERE token_sha256 = $1";
const SQL_SESSION_END: &str = "DELETE FROM admin_sessions WHERE token_sha256 = $1";
const SQL_SESSION_END_USER: &str = "DELETE FROM admin_sessions WHERE name = $1";
const SQL_SESSION_EXPIRE: &str = "DELETE FROM admin_sessions WHERE seen_at < $1 OR created_at < $2";
/// One statement: forget a lock that ran out, count this failure, lock at the threshold.
const SQL_LOGIN_FAILED: &str = "INSERT INTO admin_login_failures (name, failures, locked_until) \
     VALUES ($1, 1, CASE WHEN 1 >= $2::BIGINT THEN $3::BIGINT END) \
     ON CONFLICT (name) DO UPDATE SET \
     failures = CASE WHEN admin_login_failures.locked_until <= $4::BIGINT THEN 1 \
                     ELSE admin_login_failures.failures + 1 END, \
     locked_until = CASE \
         WHEN admin_login_failures.locked_until <= $4::BIGINT \
             THEN (CASE WHEN 1 >= $2::BIGINT THEN $3::BIGINT END) \
         WHEN admin_login_failures.locked_until IS NULL \
             AND admin_login_failures.failures + 1 >= $2::BIGINT THEN $3::BIGINT \
         ELSE admin_login_failures.locked_until END \
     RETURNING failures, locked_until";
const SQL_LOGIN_GET: &str =
    "SELECT failures, locked_until FROM admin_login_failures WHERE name = $1";
const SQL_LOGIN_CLEAR: &str = "DELETE FROM admin_login_failures WHERE name = $1";

fn failures(r: &Row) -> Result<LoginFailures, Failure> {
    Ok(LoginFailures {
        failures: r.try_get(0)?,
        locked_until: r.try_get(1)?,
    })
}

impl PostgresStore {
    pub(super) fn admins_list(&self) -> StoreResult<Vec<AdminAccount>> {
        self.call("list", "administrators", true, |s| {
            let rows = s.query(SQL_LIST, &[])?;
            let mut out = Vec::with_capacity(rows.len());
            for r in rows {
                out.push(AdminAccount {
                    kind: r.try_get(0)?,
                    name: r.try_get(1)?,
                    role: r.try_get(2)?,
                    tenant: r.try_get(3)?,
                    secret: r.try_get(4)?,
                    not_after: r.try_get(5)?,
                    created_at: r.try_get(6)?,
                });
            }
            Ok(out)
        })
    }

    pub(super) fn admins_put(&self, a: &AdminAccount) -> StoreResult<()> {
        self.call("store", &format!("administrator {}", a.name), false, |s| {
            s.execute(
                SQL_PUT,
                &[
                    &a.kind,
                    &a.name,
                    &a.role,
                    &a.tenant,
                    &a.secret,
                    &a.not_after,
                    &a.created_at,
                ],
            )
            .map(drop)
        })
    }

    pub(super) fn admins_delete(&self, kind: &str, name: &str) -> StoreResult<bool> {
        self.call("remove", &format!("administrator {name}"), false, |s| {
            s.execute(SQL_DELETE, &[&kind, &name]).map(|n| n > 0)
        })
    }

    pub(super) fn sessions_put(&self, a: &AdminSession) -> StoreResult<()> {
        self.call("store", &format!("a session of {}", a.name), false, |s| {
            s.execute(
                SQL_SESSION_PUT,
                &[
                    &a.token_sha256,
                    &a.name,
                    &a.role,
                    &a.tenant,
                    &a.csrf,
                    &a.created_at,
                    &a.seen_at,
                ],
            )
            .map(drop)
        })
    }

    pub(super) fn sessions_get(&self, token_sha256: &[u8]) -> StoreResult<Option<AdminSession>> {
        self.call("read", "a session", true, |s| {
            match s.query_opt(SQL_SESSION_GET, &[&token_sha256])? {
                Some(r) => Ok(Some(AdminSession {
                    token_sha256: r.try_get(0)?,
                    name: r.try_get(1)?,
                    role: r.try_get(2)?,
                    tenant: r.try_get(3)?,
                    csrf: r.try_get(4)?,
                    created_at: r.try_get(5)?,
                    seen_at: r.try_get(6)?,
                })),
                None => Ok(None),
            }
        })
    }

    pub(super) fn sessions_touch(&self, token_sha256: &[u8], seen_at: i64) -> StoreResult<()> {
        self.call("update", "a session", false, |s| {
            s.execute(SQL_SESSION_TOUCH, &[&token_sha256, &seen_at])
                .map(drop)
        })
    }

    pub(super) fn sessions_delete(&self, which: SessionSelector<'_>) -> StoreResult<u64> {
        self.call("end", "sessions", false, |s| match which {
            SessionSelector::Token(t) => s.execute(SQL_SESSION_END, &[&t]),
            SessionSelector::User(u) => s.execute(SQL_SESSION_END_USER, &[&u]),
            SessionSelector::Expired {
                seen_before,
                created_before,
            } => s.execute(SQL_SESSION_EXPIRE, &[&seen_before, &created_before]),
        })
    }

    pub(super) fn logins_failed(
        &self,
        name: &str,
        lock_after: i64,
        lock_until: i64,
        now: i64,
    ) -> StoreResult<LoginFailures> {
        self.call("count", &format!("a failed login of {name}"), false, |s| {
            let rows = s.query(SQL_LOGIN_FAILED, &[&name, &lock_after, &lock_until, &now])?;
            match rows.first() {
                Some(r) => failures(r),
                None => Err(Failure::Decode("no row returned".into())),
            }
        })
    }

    pub(super) fn logins_failures(&self, name: &str) -> StoreResult<LoginFailures> {
        self.call(
            "read",
            &format!("failed logins of {name}"),
            true,
            |s| match s.query_opt(SQL_LOGIN_GET, &[&name])? {
                Some(r) => failures(&r),
                None => Ok(LoginFailures {
                    failures: 0,
                    locked_until: None,
                }),
            },
        )
    }

    pub(super) fn logins_clear(&self, name: &str) -> StoreResult<()> {
        self.call("clear", &format!("failed logins of {name}"), false, |s| {
            s.execute(SQL_LOGIN_CLEAR, &[&name]).map(drop)
        })
    }
}
