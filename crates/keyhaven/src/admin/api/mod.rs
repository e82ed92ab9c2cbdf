//! The admin JSON API, `/api/v1/…`, documented by the OpenAPI document `docs/admin-api.json`
//! (served at `GET /api/v1/openapi.json`). One file per resource.
//!
//! Errors are `{"error": "..."}` with 400 (bad request), 401 (not authenticated), 403 (role,
//! tenant or CSRF), 404, 409 (exists already), 429 (login rate limit or lockout), 503 (store or
//! root-key provider unavailable).

pub mod audit;
pub mod clients;
pub mod keys;
pub mod openapi;
pub mod server;
pub mod session;
pub mod tenants;

use std::sync::Arc;

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post};
use axum::{Json, Router};

use super::auth::Principal;
use super::roles::Role;
use super::AdminState;
use crate::service::{ServiceError, ServiceResult};

/// Every API route: (method, path as in the OpenAPI document). The OpenAPI test checks each is
/// documented.
pub const ROUTES: &[(&str, &str)] = &[
    ("post", "/api/v1/login"),
    ("post", "/api/v1/logout"),
    ("get", "/api/v1/session"),
    ("get", "/api/v1/openapi.json"),
    ("get", "/api/v1/server"),
    ("get", "/api/v1/server/ca.crt"),
    ("get", "/api/v1/providers"),
    ("get", "/api/v1/tenants"),
    ("post", "/api/v1/tenants"),
    ("post", "/api/v1/tenants/{name}/suspend"),
    ("post", "/api/v1/tenants/{name}/resume"),
    ("post", "/api/v1/tenants/{name}/root-key/disable"),
    ("post", "/api/v1/tenants/{name}/root-key/enable"),
    ("post", "/api/v1/tenants/{name}/root-key/rotate"),
    ("get", "/api/v1/clients"),
    ("post", "/api/v1/clients/issue"),
    ("post", "/api/v1/clients/trust-cert"),
    ("post", "/api/v1/clients/trust-ca"),
    ("post", "/api/v1/clients/sign-csr"),
    ("delete", "/api/v1/clients/{name}"),
    ("get", "/api/v1/keys"),
    ("get", "/api/v1/keys/{uid}"),
    ("post", "/api/v1/keys/{uid}/revoke"),
    ("post", "/api/v1/keys/{uid}/destroy"),
    ("post", "/api/v1/keys/{uid}/restore"),
    ("get", "/api/v1/audit"),
    ("get", "/api/v1/audit.csv"),
];

pub fn routes() -> Router<Arc<AdminState>> {
    Router::new()
        .route("/api/v1/login", post(session::login))
        .route("/api/v1/logout", post(session::logout))
        .route("/api/v1/session", get(session::current))
        .route("/api/v1/openapi.json", get(openapi::document))
        .route("/api/v1/server", get(server::info))
        .route("/api/v1/server/ca.crt", get(server::ca))
        .route("/api/v1/providers", get(server::providers_route))
        .route("/api/v1/tenants", get(tenants::list).post(tenants::create))
        .route("/api/v1/tenants/{name}/suspend", post(tenants::suspend))
        .route("/api/v1/tenants/{name}/resume", post(tenants::resume))
        .route(
            "/api/v1/tenants/{name}/root-key/disable",
            post(tenants::disable_root_key),
        )
        .route(
            "/api/v1/tenants/{name}/root-key/enable",
            post(tenants::enable_root_key),
        )
        .route(
            "/api/v1/tenants/{name}/root-key/rotate",
            post(tenants::rotate_root_key),
        )
        .route("/api/v1/clients", get(clients::list))
        .route("/api/v1/clients/issue", post(clients::issue))
        .route("/api/v1/clients/trust-cert", post(clients::trust_cert))
        .route("/api/v1/clients/trust-ca", post(clients::trust_ca))
        .route("/api/v1/clients/sign-csr", post(clients::sign_csr))
        .route("/api/v1/clients/{name}", delete(clients::remove))
        .route("/api/v1/keys", get(keys::list))
        .route("/api/v1/keys/{uid}", get(keys::detail))
        .route("/api/v1/keys/{uid}/revoke", post(keys::revoke))
        .route("/api/v1/keys/{uid}/destroy", post(keys::destroy))
        .route("/api/v1/keys/{uid}/restore", post(keys::restore))
        .route("/api/v1/audit", get(audit::list))
        .route("/api/v1/audit.csv", get(audit::csv))
        .fallback(not_found)
}

async fn not_found(uri: axum::http::Uri) -> Response {
    if uri.path().starts_with("/api/") {
        error(
            StatusCode::NOT_FOUND,
            "no such API path (see GET /api/v1/openapi.json)",
        )
    } else {
        super::console::not_found().await
    }
}

/// A JSON error response.
pub fn error(status: StatusCode, message: &str) -> Response {
    (status, Json(serde_json::json!({ "error": message }))).into_response()
}

/// An API failure.
pub struct ApiError(pub StatusCode, pub String);

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        error(self.0, &self.1)
    }
}

impl From<ServiceError> for ApiError {
    fn from(e: ServiceError) -> ApiError {
        let status = match &e {
            ServiceError::NotFound(_) => StatusCode::NOT_FOUND,
            ServiceError::Invalid(_) => StatusCode::BAD_REQUEST,
            ServiceError::Conflict(_) => StatusCode::CONFLICT,
            ServiceError::Forbidden(_) => StatusCode::FORBIDDEN,
            ServiceError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
        };
        ApiError(status, e.message().to_owned())
    }
}

impl From<(StatusCode, String)> for ApiError {
    fn from(e: (StatusCode, String)) -> ApiError {
        ApiError(e.0, e.1)
    }
}

pub type ApiResult<T> = Result<T, ApiError>;

/// Runs a service call for `who` on a blocking thread (the store is synchronous), after checking
/// the role.
pub async fn run<T, F>(
    state: &Arc<AdminState>,
    who: &Principal,
    needed: Role,
    channel: &'static str,
    f: F,
) -> ApiResult<T>
where
    T: Send + 'static,
    F: FnOnce(&crate::service::Ctx) -> ServiceResult<T> + Send + 'static,
{
    super::auth::require(who, needed)?;
    let (state, who) = (state.clone(), who.clone());
    tokio::task::spawn_blocking(move || {
        let ctx = state.ctx(&who, channel);
        f(&ctx)
    })
    .await
    .map_err(|_| {
        ApiError(
            StatusCode::INTERNAL_SERVER_ERROR,
            "the request handler failed".into(),
        )
    })?
    .map_err(ApiError::from)
}
