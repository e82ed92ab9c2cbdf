//! Browser sessions: a random token in a cookie (Secure, HttpOnly, SameSite=Strict), a CSRF token
//! per session that every state-changing request must echo, idle and absolute expiry; and the login
//! guard: a rate limit per peer address and a lockout per user name after repeated failures.
//! Sessions live in this node's memory (a restart logs everyone out).

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use super::roles::Role;

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
/// Most sessions at once (oldest dropped beyond).
const MAX_SESSIONS: usize = 10_000;

/// A logged-in administrator.
#[derive(Clone, Debug)]
pub struct Session {
    pub user: String,
    pub role: Role,
    pub tenant: Option<String>,
    pub csrf: String,
    created: Instant,
    seen: Instant,
}

fn token() -> String {
    let mut b = [0u8; 32];
    crate::crypto::fill_random(&mut b);
    hex::encode(b)
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
}

#[derive(Default)]
struct Failures {
    count: u32,
    locked_until: Option<Instant>,
}

#[derive(Default)]
pub struct Sessions {
    sessions: Mutex<HashMap<String, Session>>,
    failures: Mutex<HashMap<String, Failures>>,
    attempts: Mutex<HashMap<IpAddr, (Instant, u32)>>,
}

impl Sessions {
    /// Checks the rate limit and the lockout before a password is verified.
    pub fn before_login(&self, peer: IpAddr, user: &str) -> Result<(), LoginRefusal> {
        {
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
        }
        let f = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(until) = f.get(user).and_then(|f| f.locked_until) {
            let now = Instant::now();
            if until > now {
                return Err(LoginRefusal::Locked((until - now).as_secs() + 1));
            }
        }
        Ok(())
    }

    /// Records a failed password; locks the name after [`LOCK_AFTER`] failures in a row.
    /// Returns true when this failure locked it.
    pub fn failed(&self, user: &str) -> bool {
        let mut f = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        if f.len() > 100_000 {
            f.clear();
        }
        let e = f.entry(user.to_owned()).or_default();
        if e.locked_until.is_some_and(|u| u <= Instant::now()) {
            *e = Failures::default();
        }
        e.count += 1;
        if e.count >= LOCK_AFTER && e.locked_until.is_none() {
            e.locked_until = Some(Instant::now() + LOCK_FOR);
            return true;
        }
        false
    }

    /// Opens a session; returns its token.
    pub fn open(&self, user: &str, role: Role, tenant: Option<String>) -> (String, Session) {
        self.failures
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(user);
        let now = Instant::now();
        let s = Session {
            user: user.to_owned(),
            role,
            tenant,
            csrf: token(),
            created: now,
            seen: now,
        };
        let t = token();
        let mut m = self.sessions.lock().unwrap_or_else(|e| e.into_inner());
        m.retain(|_, s| alive(s, now));
        if m.len() >= MAX_SESSIONS {
            if let Some(oldest) = m
                .iter()
                .min_by_key(|(_, s)| s.created)
                .map(|(k, _)| k.clone())
            {
                m.remove(&oldest);
            }
        }
        m.insert(t.clone(), s.clone());
        (t, s)
    }

    /// The live session of a token (its idle timer restarts).
    pub fn get(&self, token: &str) -> Option<Session> {
        let mut m = self.sessions.lock().unwrap_or_else(|e| e.into_inner());
        let now = Instant::now();
        let s = m.get_mut(token)?;
        if !alive(s, now) {
            m.remove(token);
            return None;
        }
        s.seen = now;
        Some(s.clone())
    }

    pub fn close(&self, token: &str) {
        self.sessions
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(token);
    }

    /// Ends every session of a user (removed or changed).
    pub fn close_user(&self, user: &str) {
        self.sessions
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .retain(|_, s| s.user != user);
    }
}

fn alive(s: &Session, now: Instant) -> bool {
    now.duration_since(s.seen) < IDLE && now.duration_since(s.created) < ABSOLUTE
}

/// Compares two tokens in constant time.
pub fn same_token(a: &str, b: &str) -> bool {
    use subtle::ConstantTimeEq;
    a.len() == b.len() && bool::from(a.as_bytes().ct_eq(b.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lockout_after_repeated_failures() {
        let s = Sessions::default();
        let ip: IpAddr = "127.0.0.1".parse().expect("ip");
        for i in 1..LOCK_AFTER {
            assert_eq!(s.before_login(ip, "alice"), Ok(()));
            assert!(!s.failed("alice"), "locked too early at {i}");
        }
        assert!(s.failed("alice"));
        assert!(matches!(
            s.before_login(ip, "alice"),
            Err(LoginRefusal::Locked(_))
        ));
        // Another name is not locked.
        assert_eq!(s.before_login(ip, "bob"), Ok(()));
    }

    #[test]
    fn sessions_open_get_close() {
        let s = Sessions::default();
        let (t, sess) = s.open("alice", Role::Operator, None);
        assert_eq!(s.get(&t).map(|x| x.csrf), Some(sess.csrf));
        assert!(s.get("nope").is_none());
        s.close(&t);
        assert!(s.get(&t).is_none());
    }

    #[test]
    fn rate_limit_per_address() {
        let s = Sessions::default();
        let ip: IpAddr = "10.0.0.1".parse().expect("ip");
        for _ in 0..ATTEMPTS_PER_MINUTE {
            assert!(s.before_login(ip, &format!("u{}", 1)).is_ok());
        }
        assert_eq!(s.before_login(ip, "u1"), Err(LoginRefusal::RateLimited));
    }
}
