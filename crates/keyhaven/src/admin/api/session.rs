//! `/api/v1/login`, `/api/v1/logout`, `/api/v1/session`: password login for browsers (and the
//! shared login logic the console's form uses).

use std::net::IpAddr;
use std::sync::Arc;

use axum::extract::{Extension, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use zeroize::Zeroizing;

use super::{error, ApiResult};
use crate::admin::auth::{ApiUser, Via};
use crate::admin::registry;
use crate::admin::session::{LoginRefusal, Session, COOKIE};
use crate::admin::{AdminState, ConnInfo};

/// Checks a user name and password with the rate limit and lockout; opens a session.
pub async fn try_login(
    state: &Arc<AdminState>,
    peer: IpAddr,
    user: &str,
    password: Zeroizing<String>,
) -> Result<(String, Session), (StatusCode, String)> {
    let refused = |r: LoginRefusal| match r {
        LoginRefusal::BadCredentials => (
            StatusCode::UNAUTHORIZED,
            "wrong user name or password".to_owned(),
        ),
        LoginRefusal::Locked(secs) => (
            StatusCode::TOO_MANY_REQUESTS,
            format!("too many failed logins: this account is locked for {secs} more seconds"),
        ),
        LoginRefusal::RateLimited => (
            StatusCode::TOO_MANY_REQUESTS,
            "too many login attempts from this address: wait a minute".to_owned(),
        ),
        LoginRefusal::Unavailable(why) => (
            StatusCode::SERVICE_UNAVAILABLE,
            format!("the store is unavailable, so nobody can log in now; retry later ({why})"),
        ),
    };
    if user.len() > 64 || password.len() > 1024 {
        return Err(refused(LoginRefusal::BadCredentials));
    }
    state.sessions.rate_limit(peer).map_err(refused)?;
    let (st, user) = (state.clone(), user.to_owned());
    tokio::task::spawn_blocking(move || check(&st, peer, &user, &password))
        .await
        .unwrap_or_else(|_| Err(LoginRefusal::Unavailable("the login check failed".into())))
        .map_err(refused)
}

/// The lockout, the password (argon2id, the same cost for an unknown name) and the session, on a
/// blocking thread: each waits on the store.
fn check(
    state: &AdminState,
    peer: IpAddr,
    user: &str,
    password: &str,
) -> Result<(String, Session), LoginRefusal> {
    let store = state.server.store.as_ref();
    state.sessions.check_lock(store, user)?;
    let admins = state.admins.current(store);
    let found = admins.users.iter().find(|u| u.name == user).cloned();
    let hash = found
        .as_ref()
        .map(|u| u.password_hash.clone())
        .unwrap_or_else(|| registry::dummy_hash().to_owned());
    let ok = registry::verify_password(&hash, password);
    let audit = |outcome: &str| {
        let _ = store.append_audit(&crate::store::AuditRecord {
            at: crate::server::objects::now(),
            tenant_id: None,
            actor: format!("admin:{user}@console"),
            operation: "AdminLogin".into(),
            uid: None,
            outcome: outcome.to_owned(),
            peer: Some(peer.to_string()),
        });
    };
    match found {
        Some(u) if ok => {
            let opened = state
                .sessions
                .open(store, &u.name, u.role, u.tenant.clone())
                .map_err(LoginRefusal::Unavailable)?;
            audit("success");
            Ok(opened)
        }
        _ => {
            if state.sessions.failed(store, user) {
                tracing::warn!(user, %peer, "admin login locked after repeated failures");
                audit("failed: wrong password; account locked");
                return Err(LoginRefusal::Locked(
                    crate::admin::session::LOCK_FOR.as_secs(),
                ));
            }
            audit("failed: wrong user name or password");
            Err(LoginRefusal::BadCredentials)
        }
    }
}

/// The Set-Cookie value of a session.
pub fn cookie(token: &str) -> HeaderValue {
    HeaderValue::from_str(&format!(
        "{COOKIE}={token}; Path=/; Secure; HttpOnly; SameSite=Strict"
    ))
    .unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// The Set-Cookie value that ends a session.
pub fn cleared_cookie() -> HeaderValue {
    HeaderValue::from_static(
        "keyhaven_session=; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=0",
    )
}

#[derive(Deserialize)]
pub struct LoginBody {
    pub username: String,
    pub password: String,
}

pub async fn login(
    State(state): State<Arc<AdminState>>,
    Extension(info): Extension<ConnInfo>,
    Json(b): Json<LoginBody>,
) -> Response {
    match try_login(
        &state,
        info.peer.ip(),
        &b.username,
        Zeroizing::new(b.password),
    )
    .await
    {
        Ok((token, s)) => {
            let mut r = Json(serde_json::json!({
                "user": s.user, "role": s.role.as_str(), "tenant": s.tenant, "csrf_token": s.csrf,
            }))
            .into_response();
            r.headers_mut().insert(header::SET_COOKIE, cookie(&token));
            r
        }
        Err((status, msg)) => error(status, &msg),
    }
}

pub async fn logout(State(state): State<Arc<AdminState>>, ApiUser(who): ApiUser) -> Response {
    crate::admin::auth::end_session(&state, &who).await;
    let mut r = StatusCode::NO_CONTENT.into_response();
    r.headers_mut().insert(header::SET_COOKIE, cleared_cookie());
    r
}

pub async fn current(ApiUser(who): ApiUser) -> ApiResult<Json<serde_json::Value>> {
    Ok(Json(serde_json::json!({
        "user": who.name,
        "role": who.role.as_str(),
        "tenant": who.tenant,
        "authenticated_by": match who.via { Via::Certificate => "certificate", Via::Session { .. } => "password" },
        "csrf_token": who.csrf(),
    })))
}
