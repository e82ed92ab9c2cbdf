//! Who is calling the admin plane: an admin certificate (pinned SHA-256 in the administrators
//! file) or a browser session. Extractors for the API ([`ApiUser`]: 401 JSON when absent) and the
//! console ([`PageUser`]: redirect to the login page).

use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, Method, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};

use super::roles::Role;
use super::{AdminState, ConnInfo};

/// How the administrator authenticated.
#[derive(Clone, Debug)]
pub enum Via {
    Certificate,
    /// A session: its token and CSRF token.
    Session {
        token: String,
        csrf: String,
    },
}

/// An authenticated administrator.
#[derive(Clone, Debug)]
pub struct Principal {
    pub name: String,
    pub role: Role,
    pub tenant: Option<String>,
    pub peer: SocketAddr,
    pub via: Via,
}

impl Principal {
    pub fn csrf(&self) -> &str {
        match &self.via {
            Via::Session { csrf, .. } => csrf,
            Via::Certificate => "",
        }
    }

    /// Checks a CSRF token sent with a state-changing request (sessions only).
    pub fn check_csrf(&self, sent: Option<&str>) -> bool {
        match &self.via {
            Via::Certificate => true,
            Via::Session { csrf, .. } => sent.is_some_and(|s| super::session::same_token(s, csrf)),
        }
    }
}

/// The session token of the request's cookie.
pub fn session_cookie(parts: &Parts) -> Option<String> {
    parts
        .headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|c| c.trim().split_once('='))
        .find(|(k, _)| *k == super::session::COOKIE)
        .map(|(_, v)| v.to_owned())
}

/// The administrator of a request, if any. Reads the store: runs on a blocking thread.
pub async fn authenticate(state: &Arc<AdminState>, parts: &Parts) -> Option<Principal> {
    let info = parts.extensions.get::<ConnInfo>()?.clone();
    let token = session_cookie(parts);
    if info.cert_sha256.is_none() && token.is_none() {
        return None;
    }
    let st = state.clone();
    tokio::task::spawn_blocking(move || identify(&st, &info, token))
        .await
        .ok()
        .flatten()
}

fn identify(state: &AdminState, info: &ConnInfo, token: Option<String>) -> Option<Principal> {
    let store = state.server.store.as_ref();
    if let Some(fp) = &info.cert_sha256 {
        let admins = state.admins.current(store);
        let now = crate::server::objects::now();
        if let Some(c) = admins
            .certs
            .iter()
            .find(|c| c.sha256.eq_ignore_ascii_case(fp) && c.not_after > now)
        {
            return Some(Principal {
                name: c.name.clone(),
                role: c.role,
                tenant: c.tenant.clone(),
                peer: info.peer,
                via: Via::Certificate,
            });
        }
    }
    let token = token?;
    let s = state.sessions.get(store, &token)?;
    // The user may have been removed or changed since login.
    let admins = state.admins.current(store);
    let Some(u) = admins.users.iter().find(|u| u.name == s.user) else {
        state.sessions.close_user(store, &s.user);
        return None;
    };
    if u.role != s.role || u.tenant != s.tenant {
        state.sessions.close_user(store, &s.user);
        return None;
    }
    Some(Principal {
        name: s.user,
        role: s.role,
        tenant: s.tenant,
        peer: info.peer,
        via: Via::Session {
            token,
            csrf: s.csrf,
        },
    })
}

/// Ends a session (logout), on a blocking thread.
pub async fn end_session(state: &Arc<AdminState>, who: &Principal) {
    if let Via::Session { token, .. } = &who.via {
        let (st, token) = (state.clone(), token.clone());
        let _ = tokio::task::spawn_blocking(move || {
            st.sessions.close(st.server.store.as_ref(), &token)
        })
        .await;
    }
}

/// An authenticated API caller. State-changing methods from a session must carry the
/// `X-CSRF-Token` header.
pub struct ApiUser(pub Principal);

impl FromRequestParts<Arc<AdminState>> for ApiUser {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &Arc<AdminState>,
    ) -> Result<Self, Self::Rejection> {
        let Some(p) = authenticate(state, parts).await else {
            return Err(super::api::error(
                StatusCode::UNAUTHORIZED,
                "authenticate with an admin client certificate, or log in (POST /api/v1/login)",
            ));
        };
        let safe = matches!(parts.method, Method::GET | Method::HEAD);
        let sent = parts
            .headers
            .get("x-csrf-token")
            .and_then(|v| v.to_str().ok());
        if !safe && !p.check_csrf(sent) {
            return Err(super::api::error(
                StatusCode::FORBIDDEN,
                "missing or wrong X-CSRF-Token header (see GET /api/v1/session)",
            ));
        }
        Ok(ApiUser(p))
    }
}

/// An authenticated console user; others are sent to the login page.
pub struct PageUser(pub Principal);

impl FromRequestParts<Arc<AdminState>> for PageUser {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &Arc<AdminState>,
    ) -> Result<Self, Self::Rejection> {
        match authenticate(state, parts).await {
            Some(p) => Ok(PageUser(p)),
            None => Err(Redirect::to("/login").into_response()),
        }
    }
}

/// Refuses when `who` lacks `needed`.
pub fn require(who: &Principal, needed: Role) -> Result<(), (StatusCode, String)> {
    if who.role.allows(needed) {
        Ok(())
    } else {
        Err((
            StatusCode::FORBIDDEN,
            format!(
                "{} has the role {}; this needs {}",
                who.name,
                who.role.as_str(),
                needed.as_str()
            ),
        ))
    }
}
