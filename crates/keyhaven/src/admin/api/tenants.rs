//! `/api/v1/tenants`: list with root-key state, create, suspend, resume; root keys: disable,
//! enable, rotate. Everything but the list needs the admin role.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use serde::Deserialize;

use super::{run, ApiResult};
use crate::admin::auth::ApiUser;
use crate::admin::roles::Role;
use crate::admin::AdminState;
use crate::service::tenants::{self, Rotated, TenantView};
use crate::store::TenantState;

pub async fn list(
    State(state): State<Arc<AdminState>>,
    ApiUser(who): ApiUser,
) -> ApiResult<Json<Vec<TenantView>>> {
    let v = run(&state, &who, Role::Viewer, "api", |ctx| {
        tenants::list(ctx, true)
    })
    .await?;
    Ok(Json(v))
}

#[derive(Debug, Deserialize)]
pub struct CreateBody {
    pub name: String,
    pub provider: Option<String>,
    pub root_key_label: Option<String>,
}

pub async fn create(
    State(state): State<Arc<AdminState>>,
    ApiUser(who): ApiUser,
    Json(b): Json<CreateBody>,
) -> ApiResult<(StatusCode, Json<TenantView>)> {
    let st = state.clone();
    let v = run(&state, &who, Role::Admin, "api", move |ctx| {
        tenants::create(
            ctx,
            &st.opened,
            &b.name,
            b.provider
                .as_deref()
                .unwrap_or(crate::rootkey::LOCAL_PROVIDER),
            b.root_key_label.as_deref(),
        )
    })
    .await?;
    Ok((StatusCode::CREATED, Json(v)))
}

pub async fn suspend(
    State(state): State<Arc<AdminState>>,
    ApiUser(who): ApiUser,
    Path(name): Path<String>,
) -> ApiResult<Json<TenantView>> {
    let v = run(&state, &who, Role::Admin, "api", move |ctx| {
        tenants::set_state(ctx, &name, TenantState::Suspended)
    })
    .await?;
    Ok(Json(v))
}

pub async fn resume(
    State(state): State<Arc<AdminState>>,
    ApiUser(who): ApiUser,
    Path(name): Path<String>,
) -> ApiResult<Json<TenantView>> {
    let v = run(&state, &who, Role::Admin, "api", move |ctx| {
        tenants::set_state(ctx, &name, TenantState::Active)
    })
    .await?;
    Ok(Json(v))
}

pub async fn disable_root_key(
    State(state): State<Arc<AdminState>>,
    ApiUser(who): ApiUser,
    Path(name): Path<String>,
) -> ApiResult<Json<TenantView>> {
    let v = run(&state, &who, Role::Admin, "api", move |ctx| {
        tenants::set_root_key_usable(ctx, &name, false)
    })
    .await?;
    Ok(Json(v))
}

pub async fn enable_root_key(
    State(state): State<Arc<AdminState>>,
    ApiUser(who): ApiUser,
    Path(name): Path<String>,
) -> ApiResult<Json<TenantView>> {
    let v = run(&state, &who, Role::Admin, "api", move |ctx| {
        tenants::set_root_key_usable(ctx, &name, true)
    })
    .await?;
    Ok(Json(v))
}

pub async fn rotate_root_key(
    State(state): State<Arc<AdminState>>,
    ApiUser(who): ApiUser,
    Path(name): Path<String>,
) -> ApiResult<Json<Rotated>> {
    let v = run(&state, &who, Role::Admin, "api", move |ctx| {
        tenants::rotate(
            ctx,
            &name,
            &mut |line| tracing::info!(tenant = %name, "root key rotation: {line}"),
        )
    })
    .await?;
    Ok(Json(v))
}
