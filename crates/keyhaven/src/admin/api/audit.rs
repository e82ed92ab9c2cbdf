//! `/api/v1/audit`: the audit trail with filters, as JSON or CSV.

use std::sync::Arc;

use axum::extract::{Query, State};
use axum::http::header;
use axum::response::IntoResponse;
use axum::Json;
use serde::Deserialize;

use super::{run, ApiResult};
use crate::admin::auth::ApiUser;
use crate::admin::roles::Role;
use crate::admin::AdminState;
use crate::service::audit::{self, AuditQuery, AuditView};

#[derive(Debug, Default, Deserialize)]
pub struct Params {
    pub tenant: Option<String>,
    pub uid: Option<String>,
    pub actor: Option<String>,
    pub operation: Option<String>,
    pub failures: Option<bool>,
    pub limit: Option<usize>,
}

impl Params {
    pub fn query(&self) -> AuditQuery {
        let nonempty = |o: &Option<String>| o.clone().filter(|s| !s.is_empty());
        AuditQuery {
            tenant: nonempty(&self.tenant),
            uid: nonempty(&self.uid),
            actor: nonempty(&self.actor),
            operation: nonempty(&self.operation),
            failures_only: self.failures.unwrap_or(false),
            limit: self.limit.unwrap_or(200),
        }
    }
}

pub async fn list(
    State(state): State<Arc<AdminState>>,
    ApiUser(who): ApiUser,
    Query(p): Query<Params>,
) -> ApiResult<Json<Vec<AuditView>>> {
    let q = p.query();
    let v = run(&state, &who, Role::Viewer, "api", move |ctx| {
        audit::query(ctx, &q)
    })
    .await?;
    Ok(Json(v))
}

pub async fn csv(
    State(state): State<Arc<AdminState>>,
    ApiUser(who): ApiUser,
    Query(p): Query<Params>,
) -> ApiResult<impl IntoResponse> {
    let q = p.query();
    let v = run(&state, &who, Role::Viewer, "api", move |ctx| {
        audit::query(ctx, &q)
    })
    .await?;
    Ok(csv_response(&v))
}

/// A CSV download of audit records.
pub fn csv_response(rows: &[AuditView]) -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"keyhaven-audit.csv\"",
            ),
        ],
        audit::to_csv(rows),
    )
}
