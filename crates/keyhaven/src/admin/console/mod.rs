//! The web console at `/` of the admin listener: server-rendered pages, one small script and one
//! style sheet embedded in the binary (`assets/`), nothing fetched from elsewhere. One file per
//! page group; forms post back with the session's CSRF token and every action goes through
//! [`crate::service`] like the API and the CLI.

pub mod audit;
pub mod clients;
pub mod dashboard;
pub mod html;
pub mod keys;
pub mod tenants;

use std::sync::Arc;

use axum::extract::{Extension, Form, State};
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use serde::Deserialize;
use zeroize::Zeroizing;

use super::auth::{PageUser, Principal};
use super::roles::Role;
use super::{AdminState, ConnInfo};
use crate::service::{Ctx, ServiceResult};
use html::{bare, error_page, esc};

const APP_CSS: &str = include_str!("assets/app.css");
const APP_JS: &str = include_str!("assets/app.js");

pub fn routes() -> Router<Arc<AdminState>> {
    Router::new()
        .route("/static/app.css", get(css))
        .route("/static/app.js", get(js))
        .route("/login", get(login_page).post(login))
        .route("/logout", post(logout))
        .route("/", get(dashboard::page))
        .route("/keys", get(keys::search))
        .route("/keys/{uid}", get(keys::detail))
        .route("/keys/{uid}/confirm", get(keys::confirm))
        .route("/keys/{uid}/{action}", post(keys::act))
        .route("/clients", get(clients::page))
        .route("/clients/sign-csr", post(clients::sign_csr))
        .route("/clients/trust-cert", post(clients::trust_cert))
        .route("/clients/trust-ca", post(clients::trust_ca))
        .route("/clients/issue", post(clients::issue))
        .route("/clients/{name}/certificate.pem", get(clients::certificate))
        .route("/clients/{name}/remove", post(clients::remove))
        .route("/ca.crt", get(clients::ca))
        .route("/tenants", get(tenants::page).post(tenants::create))
        .route("/tenants/{name}/{action}", post(tenants::act))
        .route("/audit", get(audit::page))
        .route("/audit.csv", get(audit::csv))
}

async fn css() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "max-age=300"),
        ],
        APP_CSS,
    )
}

async fn js() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "max-age=300"),
        ],
        APP_JS,
    )
}

pub async fn not_found() -> Response {
    error_page(StatusCode::NOT_FOUND, None, "There is no such page.")
}

/// Runs a service call for a page on a blocking thread after checking the role; failures become
/// error pages.
pub async fn call<T, F>(
    state: &Arc<AdminState>,
    who: &Principal,
    needed: Role,
    f: F,
) -> Result<T, Response>
where
    T: Send + 'static,
    F: FnOnce(&Ctx) -> ServiceResult<T> + Send + 'static,
{
    super::api::run(state, who, needed, "console", f)
        .await
        .map_err(|e| error_page(e.0, Some(who), &e.1))
}

/// Refuses a form whose CSRF token is missing or wrong.
// The error is the page to answer with, as axum handlers return it (used with `?` in them).
#[allow(clippy::result_large_err)]
pub fn check_csrf(who: &Principal, sent: &str) -> Result<(), Response> {
    if who.check_csrf(Some(sent)) {
        Ok(())
    } else {
        Err(error_page(
            StatusCode::FORBIDDEN,
            Some(who),
            "This form has expired or did not come from this console: reload the page and try again.",
        ))
    }
}

#[derive(Deserialize, Default)]
pub struct LoginQuery {
    pub error: Option<String>,
}

fn login_form(message: Option<&str>) -> Html<String> {
    let notice = message
        .map(|m| {
            format!(
                "<div class=\"notice error\" id=\"login-error\">{}</div>",
                esc(m)
            )
        })
        .unwrap_or_default();
    bare(
        "Log in",
        &format!(
            "<div class=\"card login\"><div class=\"brand big\"><span class=\"logo\">K</span>Keyhaven</div>\
             <p class=\"muted\">Key server console. Log in with the administrator account created by \
             <code>keyhaven admin create-user</code>.</p>{notice}\
             <form method=\"post\" action=\"/login\">\
             <label>User name<input name=\"username\" id=\"username\" autocomplete=\"username\" required autofocus></label>\
             <label>Password<input type=\"password\" name=\"password\" id=\"password\" autocomplete=\"current-password\" required></label>\
             <button type=\"submit\" id=\"login\" class=\"primary wide\">Log in</button></form></div>"
        ),
    )
}

async fn login_page() -> Html<String> {
    login_form(None)
}

#[derive(Deserialize)]
pub struct LoginForm {
    pub username: String,
    pub password: String,
}

async fn login(
    State(state): State<Arc<AdminState>>,
    Extension(info): Extension<ConnInfo>,
    Form(f): Form<LoginForm>,
) -> Response {
    match super::api::session::try_login(
        &state,
        info.peer.ip(),
        &f.username,
        Zeroizing::new(f.password),
    )
    .await
    {
        Ok((token, _)) => {
            let mut r = Redirect::to("/").into_response();
            r.headers_mut()
                .insert(header::SET_COOKIE, super::api::session::cookie(&token));
            r
        }
        Err((status, msg)) => (status, login_form(Some(&msg))).into_response(),
    }
}

#[derive(Deserialize)]
pub struct CsrfForm {
    #[serde(default)]
    pub csrf: String,
}

async fn logout(
    State(state): State<Arc<AdminState>>,
    PageUser(who): PageUser,
    Form(f): Form<CsrfForm>,
) -> Response {
    if let Err(r) = check_csrf(&who, &f.csrf) {
        return r;
    }
    crate::admin::auth::end_session(&state, &who).await;
    let mut r = Redirect::to("/login").into_response();
    r.headers_mut()
        .insert(header::SET_COOKIE, super::api::session::cleared_cookie());
    r
}
