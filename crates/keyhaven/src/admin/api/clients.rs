//! `/api/v1/clients`: list (with certificate expiry), vCenter's four trust options, remove.

use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::Json;
use serde::Deserialize;
use zeroize::Zeroizing;

use super::{run, ApiResult};
use crate::admin::auth::ApiUser;
use crate::admin::roles::Role;
use crate::admin::AdminState;
use crate::service::clients::{self, ClientView, NewClient};

#[derive(Debug, Default, Deserialize)]
pub struct ListParams {
    pub tenant: Option<String>,
}

pub async fn list(
    State(state): State<Arc<AdminState>>,
    ApiUser(who): ApiUser,
    Query(p): Query<ListParams>,
) -> ApiResult<Json<Vec<ClientView>>> {
    let v = run(&state, &who, Role::Viewer, "api", move |ctx| {
        clients::list(ctx, p.tenant.as_deref())
    })
    .await?;
    Ok(Json(v))
}

/// The body of every trust request.
#[derive(Deserialize)]
pub struct TrustBody {
    pub name: String,
    #[serde(default = "default_tenant")]
    pub tenant: String,
    pub username: Option<String>,
    pub password: Option<String>,
    /// PEM certificate (trust-cert), CA certificate (trust-ca) or CSR (sign-csr).
    #[serde(default)]
    pub pem: String,
    /// Validity of a signed certificate (sign-csr), days.
    pub days: Option<u32>,
}

fn default_tenant() -> String {
    crate::datadir::DEFAULT_TENANT.to_owned()
}

impl TrustBody {
    fn client(&self) -> NewClient {
        NewClient {
            name: self.name.clone(),
            tenant: self.tenant.clone(),
            username: self.username.clone().filter(|u| !u.is_empty()),
            password: self
                .password
                .clone()
                .filter(|p| !p.is_empty())
                .map(Zeroizing::new),
        }
    }
}

pub async fn issue(
    State(state): State<Arc<AdminState>>,
    ApiUser(who): ApiUser,
    Json(b): Json<TrustBody>,
) -> ApiResult<(StatusCode, Json<serde_json::Value>)> {
    let c = b.client();
    let v = run(&state, &who, Role::Operator, "api", move |ctx| {
        let i = clients::issue(ctx, &c)?;
        Ok(serde_json::json!({
            "client": i.client,
            "certificate": i.cert_pem,
            "private_key": i.key_pem.as_str(),
            "ca": i.ca_pem,
        }))
    })
    .await?;
    Ok((StatusCode::CREATED, Json(v)))
}

pub async fn trust_cert(
    State(state): State<Arc<AdminState>>,
    ApiUser(who): ApiUser,
    Json(b): Json<TrustBody>,
) -> ApiResult<(StatusCode, Json<ClientView>)> {
    let c = b.client();
    let v = run(&state, &who, Role::Operator, "api", move |ctx| {
        clients::trust_cert(ctx, &c, b.pem.as_bytes())
    })
    .await?;
    Ok((StatusCode::CREATED, Json(v)))
}

pub async fn trust_ca(
    State(state): State<Arc<AdminState>>,
    ApiUser(who): ApiUser,
    Json(b): Json<TrustBody>,
) -> ApiResult<(StatusCode, Json<ClientView>)> {
    let c = b.client();
    let v = run(&state, &who, Role::Operator, "api", move |ctx| {
        clients::trust_ca(ctx, &c, b.pem.as_bytes())
    })
    .await?;
    Ok((StatusCode::CREATED, Json(v)))
}

pub async fn sign_csr(
    State(state): State<Arc<AdminState>>,
    ApiUser(who): ApiUser,
    Json(b): Json<TrustBody>,
) -> ApiResult<(StatusCode, Json<serde_json::Value>)> {
    let c = b.client();
    let v = run(&state, &who, Role::Operator, "api", move |ctx| {
        let (client, cert) = clients::sign_csr(ctx, &c, &b.pem, b.days.unwrap_or(730))?;
        let ca = clients::server_ca_pem(ctx)?;
        Ok(serde_json::json!({ "client": client, "certificate": cert, "ca": ca }))
    })
    .await?;
    Ok((StatusCode::CREATED, Json(v)))
}

pub async fn remove(
    State(state): State<Arc<AdminState>>,
    ApiUser(who): ApiUser,
    Path(name): Path<String>,
) -> ApiResult<StatusCode> {
    run(&state, &who, Role::Operator, "api", move |ctx| {
        clients::remove(ctx, &name)
    })
    .await?;
    Ok(StatusCode::NO_CONTENT)
}
