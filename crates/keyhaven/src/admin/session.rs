//! Browser sessions: a random token in a cookie (Secure, HttpOnly, SameSite=Strict), a CSRF token
//! per session that every state-changing request must echo, idle and absolute expiry; and the login
//! guard: a rate limit per peer address (this node) and a lockout per user name after repeated
//! failures. Sessions and lockouts are kept in the store ([`crate::store::admins`]; the token only
//! as its SHA-256), so a session opened on one node holds on every node of a cluster, a logout or
//! lockout too, and a restart logs nobody out. Every method here waits on the store: call them from
//! a blocking thread.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use sha2::{Digest, Sha256};

use super::roles::Role;
use crate::store::{AdminSession, SessionSelector, Store};

/// The session cookie's name.
pub const COOKIE: &str = "keyhaven_session";
/// A session ends after this long without a request...
pub const IDLE: Duration = Duration::from_secs(30 * 60);
/// ...and at the latest this long after login.
pub const ABSOLUTE: Duration = Duration::from_secs(12 * 3600);
/// Failed logins of one user name before it is locked...
pub const LOCK_AFTER: u32 = 5;
/// ...for this long.
pub const LOCK_FOR: Duration = Duration::from_secs(15 * 60);
/// Login attempts allowed per peer address per minute.
pub const ATTEMPTS_PER_MINUTE: u32 = 20;
/// A session's last request is written back at most this often.
const TOUCH_EVERY: i64 = 60;

/// A logged-in administrator.
#[derive(Clone, Debug)]
pub struct Session {
    pub user: String,
    pub role: Role,
    pub tenant: Option<String>,
    pub csrf: String,
    created: i64,
    seen: i64,
}

fn token() -> String {
    let mut b = [0u8; 32];
    crate::crypto::fill_random(&mut b);
    hex::encode(b)
}

fn token_hash(token: &str) -> Vec<u8> {
    Sha256::digest(token.as_bytes()).to_vec()
}

fn now() -> i64 {
    crate::server::objects::now()
}

fn role_of(s: &str) -> Option<Role> {
    [Role::Viewer, Role::Operator, Role::Admin]
        .into_iter()
        .find(|r| r.as_str() == s)
}

/// Why a login was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoginRefusal {
    /// Wrong name or password (the same answer for both).
    BadCredentials,
    /// Too many failures for this user: locked for this many more seconds.
    Locked(u64),
    /// Too many attempts from this address: retry in a minute.
    RateLimited,
    /// The store did not answer: nobody can log in until it does.
    Unavailable(String),
}

#[derive(Default)]
pub struct Sessions {
    attempts: Mutex<HashMap<IpAddr, (Instant, u32)>>,
}

impl Sessions {
    /// The rate limit of this node, per peer address (before anything else).
    pub fn rate_limit(&self, peer: IpAddr) -> Result<(), LoginRefusal> {
        let mut a = self.attempts.lock().unwrap_or_else(|e| e.into_inner());
        if a.len() > 100_000 {
            a.clear();
        }
        let now = Instant::now();
        let e = a.entry(peer).or_insert((now, 0));
        if now.duration_since(e.0) >= Duration::from_secs(60) {
            *e = (now, 0);
        }
        e.1 += 1;
        if e.1 > ATTEMPTS_PER_MINUTE {
            return Err(LoginRefusal::RateLimited);
        }
        Ok(())
    }

    /// Refuses a locked user name before its password is verified.
    pub fn check_lock(&self, store: &dyn Store, user: &str) -> Result<(), LoginRefusal> {
        let f = store
            .admin_login_failures(user)
            .map_err(|e| LoginRefusal::Unavailable(e.to_string()))?;
        let t = now();
        match f.locked_until {
            Some(until) if until > t => Err(LoginRefusal::Locked((until - t) as u64)),
            _ => Ok(()),
        }
    }

    /// Records a failed password; the name is locked after [`LOCK_AFTER`] failures in a row.
    /// Returns true when this failure locked it.
    pub fn failed(&self, store: &dyn Store, user: &str) -> bool {
        let t = now();
        match store.admin_login_failed(
            user,
            i64::from(LOCK_AFTER),
            t + LOCK_FOR.as_secs() as i64,
            t,
        ) {
            Ok(f) => f.locked_until.is_some() && f.failures == i64::from(LOCK_AFTER),
            Err(e) => {
                tracing::error!(user, error = %e, "cannot count a failed admin login");
                false
            }
        }
    }

    /// Opens a session; returns its token.
    pub fn open(
        &self,
        store: &dyn Store,
        user: &str,
        role: Role,
        tenant: Option<String>,
    ) -> Result<(String, Session), String> {
        let t = now();
        store
            .clear_admin_login_failures(user)
            .map_err(|e| e.to_string())?;
        // Expired sessions of anyone go now (they are refused anyway).
        store
            .delete_admin_sessions(SessionSelector::Expired {
                seen_before: t - IDLE.as_secs() as i64,
                created_before: t - ABSOLUTE.as_secs() as i64,
            })
            .map_err(|e| e.to_string())?;
        let s = Session {
            user: user.to_owned(),
            role,
            tenant,
            csrf: token(),
            created: t,
            seen: t,
        };
        let tok = token();
        store
            .put_admin_session(&AdminSession {
                token_sha256: token_hash(&tok),
                name: s.user.clone(),
                role: role.as_str().into(),
                tenant: s.tenant.clone(),
                csrf: s.csrf.clone(),
                created_at: t,
                seen_at: t,
            })
            .map_err(|e| e.to_string())?;
        Ok((tok, s))
    }

    /// The live session of a token (its idle timer restarts). A store that cannot answer counts
    /// as no session.
    pub fn get(&self, store: &dyn Store, token: &str) -> Option<Session> {
        let h = token_hash(token);
        let r = match store.get_admin_session(&h) {
            Ok(r) => r?,
            Err(e) => {
                tracing::error!(error = %e, "cannot read an admin session");
                return None;
            }
        };
        let t = now();
        let s = Session {
            user: r.name,
            role: role_of(&r.role)?,
            tenant: r.tenant,
            csrf: r.csrf,
            created: r.created_at,
            seen: r.seen_at,
        };
        if !alive(&s, t) {
            let _ = store.delete_admin_sessions(SessionSelector::Token(&h));
            return None;
        }
        if t - s.seen >= TOUCH_EVERY {
            if let Err(e) = store.touch_admin_session(&h, t) {
                tracing::warn!(error = %e, "cannot record an admin session's request");
            }
        }
        Some(s)
    }

    pub fn close(&self, store: &dyn Store, token: &str) {
        if let Err(e) = store.delete_admin_sessions(SessionSelector::Token(&token_hash(token))) {
            tracing::error!(error = %e, "cannot end an admin session");
        }
    }

    /// Ends every session of a user (removed or changed).
    pub fn close_user(&self, store: &dyn Store, user: &str) {
        if let Err(e) = store.delete_admin_sessions(SessionSelector::User(user)) {
            tracing::error!(user, error = %e, "cannot end an administrator's sessions");
        }
    }
}

fn alive(s: &Session, now: i64) -> bool {
    now - s.seen < IDLE.as_secs() as i64 && now - s.created < ABSOLUTE.as_secs() as i64
}

/// Compares two tokens in constant time.
pub fn same_token(a: &str, b: &str) -> bool {
    use subtle::ConstantTimeEq;
    a.len() == b.len() && bool::from(a.as_bytes().ct_eq(b.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::sqlite::SqliteStore;

    fn store() -> (tempfile::TempDir, SqliteStore) {
        let dir = tempfile::tempdir().expect("dir");
        let s = SqliteStore::open(&dir.path().join("k.db")).expect("store");
        (dir, s)
    }

    #[test]
    fn lockout_after_repeated_failures() {
        let (_d, st) = store();
        let s = Sessions::default();
        for i in 1..LOCK_AFTER {
            assert_eq!(s.check_lock(&st, "alice"), Ok(()));
            assert!(!s.failed(&st, "alice"), "locked too early at {i}");
        }
        assert!(s.failed(&st, "alice"));
        assert!(matches!(
            s.check_lock(&st, "alice"),
            Err(LoginRefusal::Locked(_))
        ));
        // Another name is not locked; a node sharing the store sees the lock.
        assert_eq!(s.check_lock(&st, "bob"), Ok(()));
        let other_node = Sessions::default();
        assert!(other_node.check_lock(&st, "alice").is_err());
    }

    #[test]
    fn a_lock_that_ran_out_starts_the_count_again() {
        let (_d, st) = store();
        let t = now();
        for _ in 0..LOCK_AFTER {
            st.admin_login_failed("carol", 5, t - 1, t - 100)
                .expect("count");
        }
        // The lock (until t - 1) has run out: this failure counts as the first.
        let f = st
            .admin_login_failed("carol", 5, t + 900, t)
            .expect("count");
        assert_eq!((f.failures, f.locked_until), (1, None));
        st.clear_admin_login_failures("carol").expect("clear");
        assert_eq!(st.admin_login_failures("carol").expect("read").failures, 0);
    }

    #[test]
    fn sessions_open_get_close() {
        let (_d, st) = store();
        let s = Sessions::default();
        let (t, sess) = s.open(&st, "alice", Role::Operator, None).expect("open");
        assert_eq!(s.get(&st, &t).map(|x| x.csrf), Some(sess.csrf.clone()));
        // Another node (another Sessions on the same store) knows the session.
        assert_eq!(
            Sessions::default().get(&st, &t).map(|x| x.user),
            Some("alice".to_owned())
        );
        assert!(s.get(&st, "nope").is_none());
        s.close(&st, &t);
        assert!(s.get(&st, &t).is_none());
        // The store keeps the token's hash only.
        let (t2, _) = s.open(&st, "bob", Role::Viewer, None).expect("open");
        assert!(st.get_admin_session(t2.as_bytes()).expect("read").is_none());
        assert!(st
            .get_admin_session(&token_hash(&t2))
            .expect("read")
            .is_some());
        s.close_user(&st, "bob");
        assert!(s.get(&st, &t2).is_none());
    }

    #[test]
    fn rate_limit_per_address() {
        let s = Sessions::default();
        let ip: IpAddr = "10.0.0.1".parse().expect("ip");
        for _ in 0..ATTEMPTS_PER_MINUTE {
            assert!(s.rate_limit(ip).is_ok());
        }
        assert_eq!(s.rate_limit(ip), Err(LoginRefusal::RateLimited));
    }
}
