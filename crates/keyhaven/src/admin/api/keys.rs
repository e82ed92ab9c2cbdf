//! `/api/v1/keys`: list with filters and pagination, detail with audit history, revoke, destroy,
//! restore.

use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::Json;
use serde::Deserialize;

use super::{run, ApiResult};
use crate::admin::auth::ApiUser;
use crate::admin::roles::Role;
use crate::admin::AdminState;
use crate::service::audit::{self, AuditQuery};
use crate::service::keys::{self, Change, KeyPage, KeyQuery, KeySummary, RevokeReason};
use crate::service::ServiceError;

/// Most keys in one page.
pub const MAX_PAGE: usize = 1000;

#[derive(Debug, Default, Deserialize)]
pub struct ListParams {
    pub tenant: Option<String>,
    pub state: Option<String>,
    pub object_type: Option<String>,
    /// Substring of x-Name (the VM name), case-insensitive.
    pub name: Option<String>,
    #[serde(rename = "x-Name")]
    pub x_name: Option<String>,
    #[serde(rename = "x-Identifier")]
    pub x_identifier: Option<String>,
    #[serde(rename = "x-Component")]
    pub x_component: Option<String>,
    /// RFC 3339 date-time or seconds since the epoch.
    pub created_after: Option<String>,
    pub created_before: Option<String>,
    pub offset: Option<usize>,
    pub limit: Option<usize>,
    /// Cursor of the next page (a previous page's `next`).
    pub after: Option<i64>,
    /// `exact`: count every match (otherwise a tenant with more than 10,000 is counted as more
    /// than 10,000, `total_exact` false).
    pub count: Option<String>,
}

/// A date given as RFC 3339 (or a plain date, YYYY-MM-DD) or as seconds since the epoch.
pub fn parse_date(s: &str) -> Result<i64, ServiceError> {
    if let Ok(n) = s.parse::<i64>() {
        return Ok(n);
    }
    let rfc = time::format_description::well_known::Rfc3339;
    if let Ok(d) = time::OffsetDateTime::parse(s, &rfc) {
        return Ok(d.unix_timestamp());
    }
    if let Ok(d) = time::OffsetDateTime::parse(&format!("{s}T00:00:00Z"), &rfc) {
        return Ok(d.unix_timestamp());
    }
    Err(ServiceError::Invalid(format!(
        "{s:?} is not a date (RFC 3339, YYYY-MM-DD or seconds since the epoch)"
    )))
}

impl ListParams {
    pub fn query(&self) -> Result<KeyQuery, ServiceError> {
        let mut tags = Vec::new();
        for (n, v) in [
            ("x-Name", &self.x_name),
            ("x-Identifier", &self.x_identifier),
            ("x-Component", &self.x_component),
        ] {
            if let Some(v) = v.as_ref().filter(|v| !v.is_empty()) {
                tags.push((n.to_owned(), v.clone()));
            }
        }
        let nonempty = |o: &Option<String>| o.clone().filter(|s| !s.is_empty());
        Ok(KeyQuery {
            tenant: nonempty(&self.tenant),
            state: nonempty(&self.state),
            object_type: nonempty(&self.object_type),
            tags,
            name_contains: nonempty(&self.name),
            created_after: nonempty(&self.created_after)
                .map(|s| parse_date(&s))
                .transpose()?,
            created_before: nonempty(&self.created_before)
                .map(|s| parse_date(&s))
                .transpose()?,
            offset: self.offset.unwrap_or(0),
            limit: Some(self.limit.unwrap_or(100).clamp(1, MAX_PAGE)),
            after: self.after,
            count_up_to: match self.count.as_deref() {
                None | Some("") | Some("bounded") => Some(keys::COUNT_BOUND),
                Some("exact") => None,
                Some(other) => {
                    return Err(ServiceError::Invalid(format!(
                        "count={other:?}: expected exact or bounded"
                    )))
                }
            },
        })
    }
}

pub async fn list(
    State(state): State<Arc<AdminState>>,
    ApiUser(who): ApiUser,
    Query(p): Query<ListParams>,
) -> ApiResult<Json<KeyPage>> {
    let q = p.query()?;
    let page = run(&state, &who, Role::Viewer, "api", move |ctx| {
        keys::list(ctx, &q)
    })
    .await?;
    Ok(Json(page))
}

#[derive(Debug, Default, Deserialize)]
pub struct TenantParam {
    pub tenant: Option<String>,
}

pub async fn detail(
    State(state): State<Arc<AdminState>>,
    ApiUser(who): ApiUser,
    Path(uid): Path<String>,
    Query(t): Query<TenantParam>,
) -> ApiResult<Json<serde_json::Value>> {
    let v = run(&state, &who, Role::Viewer, "api", move |ctx| {
        let d = keys::detail(ctx, &uid, t.tenant.as_deref())?;
        let history = audit::query(
            ctx,
            &AuditQuery {
                tenant: Some(d.summary.tenant.clone()),
                uid: Some(uid.clone()),
                limit: 200,
                ..AuditQuery::default()
            },
        )?;
        let mut v = serde_json::to_value(&d).map_err(|e| ServiceError::Invalid(e.to_string()))?;
        v["history"] =
            serde_json::to_value(&history).map_err(|e| ServiceError::Invalid(e.to_string()))?;
        Ok(v)
    })
    .await?;
    Ok(Json(v))
}

#[derive(Debug, Deserialize)]
pub struct RevokeBody {
    pub reason: Option<RevokeReason>,
    pub message: Option<String>,
    pub tenant: Option<String>,
}

pub async fn revoke(
    State(state): State<Arc<AdminState>>,
    ApiUser(who): ApiUser,
    Path(uid): Path<String>,
    body: Option<Json<RevokeBody>>,
) -> ApiResult<Json<KeySummary>> {
    let b = body.map(|Json(b)| b);
    let (reason, message, tenant) = match b {
        Some(b) => (b.reason, b.message, b.tenant),
        None => (None, None, None),
    };
    let change = Change::Revoke {
        reason: reason.unwrap_or(RevokeReason::CessationOfOperation),
        message,
    };
    let k = run(&state, &who, Role::Operator, "api", move |ctx| {
        keys::change(ctx, &uid, tenant.as_deref(), &change)
    })
    .await?;
    Ok(Json(k))
}

pub async fn destroy(
    State(state): State<Arc<AdminState>>,
    ApiUser(who): ApiUser,
    Path(uid): Path<String>,
    Query(t): Query<TenantParam>,
) -> ApiResult<Json<KeySummary>> {
    let k = run(&state, &who, Role::Admin, "api", move |ctx| {
        keys::change(ctx, &uid, t.tenant.as_deref(), &Change::Destroy)
    })
    .await?;
    Ok(Json(k))
}

pub async fn restore(
    State(state): State<Arc<AdminState>>,
    ApiUser(who): ApiUser,
    Path(uid): Path<String>,
    Query(t): Query<TenantParam>,
) -> ApiResult<Json<KeySummary>> {
    let k = run(&state, &who, Role::Operator, "api", move |ctx| {
        keys::change(ctx, &uid, t.tenant.as_deref(), &Change::Restore)
    })
    .await?;
    Ok(Json(k))
}
