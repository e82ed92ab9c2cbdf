//! Tenants and root keys: state, root-key provider and key state; suspend, resume, disable and
//! enable the root key, rotate it, create a tenant (admin role).

use std::sync::Arc;

use axum::extract::{Form, Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::html::{csrf_field, error_page, esc, page as frame, state_badge, url};
use crate::admin::auth::PageUser;
use crate::admin::roles::Role;
use crate::admin::AdminState;
use crate::service::tenants;
use crate::store::TenantState;

pub async fn page(
    State(state): State<Arc<AdminState>>,
    PageUser(who): PageUser,
) -> Result<Html<String>, Response> {
    let st = state.clone();
    let (ts, providers) = super::call(&state, &who, Role::Viewer, move |ctx| {
        Ok((
            tenants::list(ctx, true)?,
            crate::admin::api::server::providers(&st)?,
        ))
    })
    .await?;
    let admin = who.role.allows(Role::Admin);
    let mut b = String::from("<section class=\"card\"><h2>Tenants</h2><table id=\"tenants\"><thead><tr><th>Name</th><th>State</th><th>Root-key provider</th><th>Root key</th><th>Root-key state</th><th>Created</th><th></th></tr></thead><tbody>");
    for t in &ts {
        let mut actions = String::new();
        if admin {
            let form = |action: &str, label: &str, cls: &str, confirm: &str| {
                format!(
                    "<form method=\"post\" action=\"/tenants/{}/{action}\" class=\"inline\" data-confirm=\"{}\">{}<button type=\"submit\" class=\"small {cls}\">{label}</button></form>",
                    url(&t.name),
                    esc(confirm),
                    csrf_field(&who)
                )
            };
            if t.state == "active" {
                actions.push_str(&form(
                    "suspend",
                    "Suspend",
                    "",
                    &format!("Suspend tenant {}? Its clients are refused.", t.name),
                ));
            } else {
                actions.push_str(&form("resume", "Resume", "", ""));
            }
            if t.root_key_state == "disabled" {
                actions.push_str(&form("enable-root-key", "Enable root key", "", ""));
            } else {
                actions.push_str(&form("disable-root-key", "Disable root key", "danger", &format!("Disable the root key of {}? Every key of this tenant becomes unreadable until it is enabled again.", t.name)));
            }
            actions.push_str(&form(
                "rotate-root-key",
                "Rotate root key",
                "",
                &format!("Rotate the root key of {} now?", t.name),
            ));
        }
        b.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"mono small\">{}</td><td>{}</td><td class=\"nowrap small\">{}</td><td class=\"actions\">{actions}</td></tr>",
            esc(&t.name),
            state_badge(t.state),
            esc(&t.root_provider),
            esc(&t.root_key),
            state_badge(&t.root_key_state),
            esc(&t.created)
        ));
    }
    b.push_str("</tbody></table></section>");
    b.push_str("<div class=\"grid2\"><section class=\"card\"><h2>Root-key providers</h2><table><thead><tr><th>Name</th><th>Kind</th><th>Detail</th><th>State</th></tr></thead><tbody>");
    for p in &providers {
        b.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td class=\"small\">{}</td><td>{}</td></tr>",
            esc(p["name"].as_str().unwrap_or("")),
            esc(p["kind"].as_str().unwrap_or("")),
            esc(p["detail"].as_str().unwrap_or("")),
            state_badge(p["state"].as_str().unwrap_or(""))
        ));
    }
    b.push_str("</tbody></table></section>");
    if admin && who.tenant.is_none() {
        let mut opts = String::new();
        for p in &providers {
            let n = esc(p["name"].as_str().unwrap_or(""));
            opts.push_str(&format!("<option>{n}</option>"));
        }
        b.push_str(&format!(
            "<section class=\"card\"><h2>New tenant</h2><form method=\"post\" action=\"/tenants\">{}\
             <label>Name<input name=\"name\" required maxlength=\"64\"></label>\
             <label>Root-key provider<select name=\"provider\">{opts}</select></label>\
             <button type=\"submit\" class=\"primary\">Create tenant</button></form></section>",
            csrf_field(&who)
        ));
    }
    b.push_str("</div>");
    Ok(frame("Tenants & root keys", &who, "tenants", &b))
}

#[derive(Deserialize)]
pub struct CreateForm {
    #[serde(default)]
    pub csrf: String,
    pub name: String,
    pub provider: Option<String>,
}

pub async fn create(
    State(state): State<Arc<AdminState>>,
    PageUser(who): PageUser,
    Form(f): Form<CreateForm>,
) -> Result<Response, Response> {
    super::check_csrf(&who, &f.csrf)?;
    let st = state.clone();
    super::call(&state, &who, Role::Admin, move |ctx| {
        tenants::create(
            ctx,
            &st.opened,
            f.name.trim(),
            f.provider
                .as_deref()
                .filter(|p| !p.is_empty())
                .unwrap_or(crate::rootkey::LOCAL_PROVIDER),
            None,
        )
    })
    .await?;
    Ok(Redirect::to("/tenants").into_response())
}

#[derive(Deserialize)]
pub struct CsrfOnly {
    #[serde(default)]
    pub csrf: String,
}

pub async fn act(
    State(state): State<Arc<AdminState>>,
    PageUser(who): PageUser,
    Path((name, action)): Path<(String, String)>,
    Form(f): Form<CsrfOnly>,
) -> Result<Response, Response> {
    super::check_csrf(&who, &f.csrf)?;
    let n = name.clone();
    match action.as_str() {
        "suspend" | "resume" | "disable-root-key" | "enable-root-key" | "rotate-root-key" => {}
        _ => {
            return Err(error_page(
                StatusCode::NOT_FOUND,
                Some(&who),
                "unknown action",
            ))
        }
    }
    super::call(&state, &who, Role::Admin, move |ctx| {
        match action.as_str() {
            "suspend" => tenants::set_state(ctx, &n, TenantState::Suspended).map(|_| ()),
            "resume" => tenants::set_state(ctx, &n, TenantState::Active).map(|_| ()),
            "disable-root-key" => tenants::set_root_key_usable(ctx, &n, false).map(|_| ()),
            "enable-root-key" => tenants::set_root_key_usable(ctx, &n, true).map(|_| ()),
            _ => tenants::rotate(
                ctx,
                &n,
                &mut |line| tracing::info!(tenant = %n, "root key rotation: {line}"),
            )
            .map(|_| ()),
        }
    })
    .await?;
    Ok(Redirect::to("/tenants").into_response())
}
