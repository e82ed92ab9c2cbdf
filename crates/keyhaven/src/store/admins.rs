//! The administrators of the admin API and console as the store keeps them (schema version 7):
//! accounts (password users and pinned admin certificates), browser sessions and login lockouts.
//! Kept in the store so that every node of a cluster knows the same administrators and a session
//! opened on one node holds on every other. Roles are plain text here; [`crate::admin`] gives them
//! meaning.

use std::fmt;

/// An administrator: a user with a password, or an admin client certificate.
#[derive(Clone, PartialEq, Eq)]
pub struct AdminAccount {
    /// `"user"` or `"cert"`; (kind, name) is unique.
    pub kind: String,
    pub name: String,
    /// `"viewer"`, `"operator"` or `"admin"`.
    pub role: String,
    /// Limited to this tenant (by name).
    pub tenant: Option<String>,
    /// A user's argon2id PHC string, or a certificate's SHA-256 (hex).
    pub secret: String,
    /// A certificate's expiry (seconds since the epoch).
    pub not_after: Option<i64>,
    pub created_at: i64,
}

impl fmt::Debug for AdminAccount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AdminAccount")
            .field("kind", &self.kind)
            .field("name", &self.name)
            .field("role", &self.role)
            .field("tenant", &self.tenant)
            .field("secret", &"<redacted>")
            .field("not_after", &self.not_after)
            .finish()
    }
}

/// A browser session. The store holds the SHA-256 of the cookie's token, never the token.
#[derive(Clone, PartialEq, Eq)]
pub struct AdminSession {
    pub token_sha256: Vec<u8>,
    pub name: String,
    pub role: String,
    pub tenant: Option<String>,
    /// The session's CSRF token, echoed by every state-changing request.
    pub csrf: String,
    pub created_at: i64,
    /// Last request (refreshed at most once a minute).
    pub seen_at: i64,
}

impl fmt::Debug for AdminSession {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AdminSession")
            .field("name", &self.name)
            .field("role", &self.role)
            .field("tenant", &self.tenant)
            .field("created_at", &self.created_at)
            .field("seen_at", &self.seen_at)
            .finish_non_exhaustive()
    }
}

/// Which sessions to end.
#[derive(Clone, Copy, Debug)]
pub enum SessionSelector<'a> {
    /// The session of this token hash (logout).
    Token(&'a [u8]),
    /// Every session of this administrator (removed or changed).
    User(&'a str),
    /// Sessions idle since before `seen_before` or opened before `created_before`.
    Expired {
        seen_before: i64,
        created_before: i64,
    },
}

/// A failed login, counted: the failures in a row and, once locked, until when.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LoginFailures {
    pub failures: i64,
    pub locked_until: Option<i64>,
}
