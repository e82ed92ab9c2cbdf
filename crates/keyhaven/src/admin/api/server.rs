//! `/api/v1/server`, `/api/v1/server/ca.crt`, `/api/v1/providers`: version, listeners,
//! certificates with expiry, readiness, root-key providers.

use std::sync::Arc;

use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use axum::Json;
use serde::Serialize;

use super::{run, ApiResult};
use crate::admin::auth::ApiUser;
use crate::admin::roles::Role;
use crate::admin::AdminState;
use crate::service::{clients, ServiceError};

/// A certificate and when it expires.
#[derive(Clone, Debug, Serialize)]
pub struct CertInfo {
    pub kind: String,
    pub subject: String,
    pub not_after: String,
    pub not_after_ts: i64,
    pub days_left: i64,
}

/// The server's own certificates (server, CA).
pub fn server_certs(state: &AdminState) -> Vec<CertInfo> {
    let now = crate::server::objects::now();
    let mut out = Vec::new();
    for (kind, path) in [
        ("server", state.dir().server_cert()),
        ("ca", state.dir().ca_cert()),
    ] {
        let Ok(b) = std::fs::read(&path) else {
            continue;
        };
        if let Some(s) = crate::pki::parse_certificates(&b)
            .ok()
            .and_then(|c| c.first().and_then(|c| crate::pki::summarize(c).ok()))
        {
            out.push(CertInfo {
                kind: kind.into(),
                subject: s.subject,
                not_after: crate::cli::fmt_time(s.not_after),
                not_after_ts: s.not_after,
                days_left: (s.not_after - now).div_euclid(86_400),
            });
        }
    }
    out
}

/// Server facts for the API and the dashboard.
pub fn facts(state: &AdminState) -> serde_json::Value {
    let ready = crate::server::health::readiness(&state.server);
    serde_json::json!({
        "version": env!("CARGO_PKG_VERSION"),
        "store": crate::datadir::describe_store(state.dir()),
        "listeners": state.listeners,
        "ready": ready.is_ok(),
        "readiness": match &ready { Ok(s) | Err(s) => s },
        "certificates": server_certs(state),
        // Every node sharing the store, as each last reported itself (`cluster status`).
        "nodes": crate::cluster::heartbeat::view(state.server.store.as_ref(), state.dir())
            .unwrap_or_else(|e| vec![serde_json::json!({ "error": e })]),
    })
}

pub async fn info(
    State(state): State<Arc<AdminState>>,
    ApiUser(who): ApiUser,
) -> ApiResult<Json<serde_json::Value>> {
    let st = state.clone();
    let v = run(&state, &who, Role::Viewer, "api", move |_| Ok(facts(&st))).await?;
    Ok(Json(v))
}

pub async fn ca(
    State(state): State<Arc<AdminState>>,
    ApiUser(who): ApiUser,
) -> ApiResult<impl IntoResponse> {
    let pem = run(&state, &who, Role::Viewer, "api", clients::server_ca_pem).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/x-pem-file"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"keyhaven-ca.crt\"",
            ),
        ],
        pem,
    ))
}

/// The root-key providers of this node and whether each answers.
pub fn providers(state: &AdminState) -> Result<Vec<serde_json::Value>, ServiceError> {
    let mut out = vec![serde_json::json!({
        "name": crate::rootkey::LOCAL_PROVIDER, "kind": "local",
        "detail": state.dir().rootkeys().display().to_string(), "state": "available",
    })];
    let list = crate::rootkey::registry::load(&state.dir().providers_file())
        .map_err(ServiceError::Unavailable)?;
    for p in list {
        let st = match state.server.envelope.provider(&p.name) {
            Some(_) => "available",
            None => "not opened yet",
        };
        out.push(serde_json::json!({
            "name": p.name, "kind": p.kind(), "detail": p.summary(), "state": st,
        }));
    }
    Ok(out)
}

pub async fn providers_route(
    State(state): State<Arc<AdminState>>,
    ApiUser(who): ApiUser,
) -> ApiResult<Json<Vec<serde_json::Value>>> {
    let st = state.clone();
    let v = run(&state, &who, Role::Viewer, "api", move |_| providers(&st)).await?;
    Ok(Json(v))
}
