//! Keys: search (VM name, tenant, state, type, creation dates), detail with attributes and
//! history, and revoke / restore / destroy behind a confirmation page that names the VM.

use std::sync::Arc;

use axum::extract::{Form, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::html::{csrf_field, error_page, esc, options, page as frame, state_badge, url};
use crate::admin::api::keys::ListParams;
use crate::admin::auth::PageUser;
use crate::admin::roles::Role;
use crate::admin::AdminState;
use crate::service::audit::{self, AuditQuery};
use crate::service::keys::{self, Change, KeySummary, RevokeReason};

const PAGE: usize = 50;
const STATES: [&str; 6] = [
    "PreActive",
    "Active",
    "Deactivated",
    "Compromised",
    "Destroyed",
    "DestroyedCompromised",
];
const TYPES: [&str; 6] = [
    "SymmetricKey",
    "PrivateKey",
    "PublicKey",
    "Certificate",
    "SecretData",
    "OpaqueObject",
];

fn vm(k: &KeySummary) -> String {
    k.x_name.clone().unwrap_or_else(|| "(no VM name)".into())
}

pub async fn search(
    State(state): State<Arc<AdminState>>,
    PageUser(who): PageUser,
    Query(p): Query<ListParams>,
) -> Result<Html<String>, Response> {
    let mut q = p
        .query()
        .map_err(|e| error_page(StatusCode::BAD_REQUEST, Some(&who), e.message()))?;
    q.limit = Some(PAGE);
    let offset = q.offset;
    let (page, tenants) = super::call(&state, &who, Role::Viewer, move |ctx| {
        Ok((keys::list(ctx, &q)?, ctx.tenants(None)?))
    })
    .await?;
    let tnames: Vec<&str> = tenants.iter().map(|t| t.name.as_str()).collect();
    let v = |o: &Option<String>| esc(o.as_deref().unwrap_or(""));
    let mut b = format!(
        "<form method=\"get\" action=\"/keys\" class=\"card filters\" id=\"key-search\">\
         <label class=\"grow\">VM name<input name=\"name\" id=\"search-name\" value=\"{}\" placeholder=\"e.g. web-01 (part of the name is enough)\"></label>\
         <label>Tenant<select name=\"tenant\" data-autosubmit>{}</select></label>\
         <label>State<select name=\"state\" id=\"search-state\" data-autosubmit>{}</select></label>\
         <label>Type<select name=\"object_type\" data-autosubmit>{}</select></label>\
         <label>Created after<input type=\"date\" name=\"created_after\" value=\"{}\"></label>\
         <label>Created before<input type=\"date\" name=\"created_before\" value=\"{}\"></label>\
         <button type=\"submit\" class=\"primary\" id=\"search\">Search</button></form>",
        v(&p.name),
        options(&tnames, p.tenant.as_deref(), "All tenants"),
        options(&STATES, p.state.as_deref(), "Any state"),
        options(&TYPES, p.object_type.as_deref(), "Any type"),
        v(&p.created_after),
        v(&p.created_before),
    );
    b.push_str(&format!(
        "<section class=\"card\"><p class=\"muted\" id=\"result-count\">{} key(s) match{}</p>",
        match page.total_exact {
            true => page.total.to_string(),
            false => format!("More than {}", page.total),
        },
        if page.total > PAGE || !page.total_exact {
            format!(", showing {} to {}", offset + 1, (offset + page.keys.len()))
        } else {
            String::new()
        }
    ));
    b.push_str("<table id=\"keys\"><thead><tr><th>VM (x-Name)</th><th>State</th><th>Tenant</th><th>Key</th><th>Component</th><th>Created</th><th>Identifier</th></tr></thead><tbody>");
    for k in &page.keys {
        let alg = match (k.algorithm, k.length) {
            (Some(a), Some(l)) => format!("{a}-{l}"),
            _ => k.object_type.unwrap_or("-").to_owned(),
        };
        b.push_str(&format!(
            "<tr data-uid=\"{uid}\"><td><a href=\"/keys/{uidu}?tenant={tu}\" class=\"key-link\">{name}</a></td><td>{st}</td><td>{t}</td><td>{alg}</td><td>{comp}</td><td class=\"nowrap small\">{created}</td><td class=\"mono small\">{uid}</td></tr>",
            uid = esc(&k.uid),
            uidu = url(&k.uid),
            tu = url(&k.tenant),
            name = esc(&vm(k)),
            st = state_badge(k.state),
            t = esc(&k.tenant),
            alg = esc(&alg),
            comp = esc(k.x_component.as_deref().unwrap_or("-")),
            created = esc(&k.created),
        ));
    }
    if page.keys.is_empty() {
        b.push_str("<tr><td colspan=\"7\" class=\"muted\">No key matches these filters.</td></tr>");
    }
    b.push_str("</tbody></table>");
    // Without an exact count, a full page means more may follow.
    let more = match page.total_exact {
        true => offset + PAGE < page.total,
        false => page.keys.len() >= PAGE,
    };
    if page.total > PAGE || !page.total_exact {
        let mut base = String::new();
        for (k, val) in [
            ("name", &p.name),
            ("tenant", &p.tenant),
            ("state", &p.state),
            ("object_type", &p.object_type),
            ("created_after", &p.created_after),
            ("created_before", &p.created_before),
        ] {
            if let Some(val) = val.as_ref().filter(|x| !x.is_empty()) {
                base.push_str(&format!("{k}={}&amp;", url(val)));
            }
        }
        b.push_str("<p class=\"pager\">");
        if offset > 0 {
            b.push_str(&format!(
                "<a href=\"/keys?{base}offset={}\">← Previous</a> ",
                offset.saturating_sub(PAGE)
            ));
        }
        if more {
            b.push_str(&format!(
                "<a href=\"/keys?{base}offset={}\">Next →</a>",
                offset + PAGE
            ));
        }
        b.push_str("</p>");
    }
    b.push_str("</section>");
    Ok(frame("Keys", &who, "keys", &b))
}

#[derive(Debug, Default, Deserialize)]
pub struct DetailQuery {
    pub tenant: Option<String>,
    pub notice: Option<String>,
}

pub async fn detail(
    State(state): State<Arc<AdminState>>,
    PageUser(who): PageUser,
    Path(uid): Path<String>,
    Query(dq): Query<DetailQuery>,
) -> Result<Html<String>, Response> {
    let tenant = dq.tenant.clone();
    let (d, history) = super::call(&state, &who, Role::Viewer, move |ctx| {
        let d = keys::detail(ctx, &uid, tenant.as_deref())?;
        let h = audit::query(
            ctx,
            &AuditQuery {
                tenant: Some(d.summary.tenant.clone()),
                uid: Some(uid.clone()),
                limit: 100,
                ..AuditQuery::default()
            },
        )?;
        Ok((d, h))
    })
    .await?;
    let k = &d.summary;
    let mut b = String::new();
    if let Some(n) = dq.notice.as_deref() {
        let text = match n {
            "revoke" => {
                "The key was revoked: KMIP clients can no longer get it for cryptographic use."
            }
            "restore" => "The key was restored to Active: it is served again.",
            "destroy" => "The key material was destroyed.",
            _ => "",
        };
        if !text.is_empty() {
            b.push_str(&format!(
                "<div class=\"notice ok\" id=\"notice\">{text}</div>"
            ));
        }
    }
    let target = format!(
        "/keys/{}/confirm?tenant={}&amp;action=",
        url(&k.uid),
        url(&k.tenant)
    );
    let mut actions = String::new();
    if who.role.allows(Role::Operator) {
        if k.state == "Active" || k.state == "PreActive" {
            actions.push_str(&format!("<a class=\"button danger\" id=\"action-revoke\" href=\"{target}revoke\">Revoke…</a>"));
        }
        if k.state == "Deactivated" || k.state == "Compromised" {
            actions.push_str(&format!("<a class=\"button primary\" id=\"action-restore\" href=\"{target}restore\">Restore to Active…</a>"));
        }
    }
    if who.role.allows(Role::Admin) && k.state != "Active" && !k.state.starts_with("Destroyed") {
        actions.push_str(&format!("<a class=\"button danger\" id=\"action-destroy\" href=\"{target}destroy\">Destroy…</a>"));
    }
    if actions.is_empty() {
        actions = format!(
            "<span class=\"muted\">Your role ({}) cannot change this key.</span>",
            who.role.as_str()
        );
    }
    b.push_str(&format!(
        "<section class=\"card keyhead\"><div><div class=\"label\">VM</div><div class=\"vm\" id=\"key-vm\">{vm}</div>\
         <div class=\"mono small\" id=\"key-uid\">{uid}</div></div>\
         <div><div class=\"label\">State</div><div id=\"key-state\">{st}</div>{held}</div>\
         <div><div class=\"label\">Tenant</div><div>{t}</div></div>\
         <div class=\"actions\">{actions}</div></section>",
        vm = esc(&vm(k)),
        uid = esc(&k.uid),
        st = state_badge(k.state),
        held = k
            .held
            .as_deref()
            .map(|h| format!(
                "<div class=\"small muted\" id=\"key-held\">Held: {}. No client gets this key until it is restored.</div>",
                esc(h)
            ))
            .unwrap_or_default(),
        t = esc(&k.tenant),
    ));
    b.push_str("<div class=\"grid2\"><section class=\"card\"><h2>Attributes</h2><table class=\"kv\"><tbody>");
    for a in &d.attributes {
        let idx = if a.index > 0 {
            format!(" [{}]", a.index)
        } else {
            String::new()
        };
        b.push_str(&format!(
            "<tr><th>{}{}</th><td class=\"small\">{}</td></tr>",
            esc(&a.name),
            idx,
            esc(&a.value)
        ));
    }
    b.push_str("</tbody></table></section><section class=\"card\"><h2>History</h2><table id=\"history\"><thead><tr><th>When</th><th>Who</th><th>Operation</th><th>Outcome</th></tr></thead><tbody>");
    for h in &history {
        b.push_str(&format!(
            "<tr><td class=\"nowrap small\">{}</td><td class=\"small\">{}</td><td>{}</td><td class=\"small\">{}</td></tr>",
            esc(&h.at),
            esc(&h.actor),
            esc(&h.operation),
            esc(&h.outcome)
        ));
    }
    b.push_str("</tbody></table></section></div>");
    Ok(frame(&format!("Key of {}", vm(k)), &who, "keys", &b))
}

#[derive(Debug, Default, Deserialize)]
pub struct ConfirmQuery {
    pub tenant: Option<String>,
    pub action: String,
}

pub async fn confirm(
    State(state): State<Arc<AdminState>>,
    PageUser(who): PageUser,
    Path(uid): Path<String>,
    Query(cq): Query<ConfirmQuery>,
) -> Result<Html<String>, Response> {
    let tenant = cq.tenant.clone();
    let d = super::call(&state, &who, Role::Viewer, move |ctx| {
        keys::detail(ctx, &uid, tenant.as_deref())
    })
    .await?;
    let k = &d.summary;
    let name = esc(&vm(k));
    let (verb, explain, cls) = match cq.action.as_str() {
        "revoke" => ("Revoke", format!("VM <strong>{name}</strong> will no longer get this key: if it is encrypted, it will not power on or migrate until the key is restored."), "danger"),
        "restore" => ("Restore", format!("The key of VM <strong>{name}</strong> becomes Active again and is served to its KMIP clients. This override is audited."), "primary"),
        "destroy" => ("Destroy", format!("The key material of VM <strong>{name}</strong> is erased for good. Data encrypted under it can never be read again."), "danger"),
        _ => return Err(error_page(StatusCode::NOT_FOUND, Some(&who), "unknown action")),
    };
    let reason = if cq.action == "revoke" {
        "<label>Reason<select name=\"reason\" id=\"revoke-reason\">\
         <option value=\"cessation-of-operation\" selected>Cessation of operation (VM retired)</option>\
         <option value=\"superseded\">Superseded</option>\
         <option value=\"key-compromise\">Key compromise</option>\
         <option value=\"privilege-withdrawn\">Privilege withdrawn</option>\
         <option value=\"unspecified\">Unspecified</option></select></label>\
         <label>Note (kept in the revocation reason)<input name=\"message\" maxlength=\"200\"></label>"
    } else {
        ""
    };
    let b = format!(
        "<section class=\"card confirm\"><h2 id=\"confirm-title\">{verb} the key of VM {name}?</h2><p>{explain}</p>\
         <p class=\"mono small\">{uid} · tenant {t} · now {st}</p>\
         <form method=\"post\" action=\"/keys/{uidu}/{action}?tenant={tu}\">{csrf}{reason}\
         <div class=\"row\"><button type=\"submit\" class=\"{cls}\" id=\"confirm\">{verb} the key of {name}</button>\
         <a class=\"button\" href=\"/keys/{uidu}?tenant={tu}\" id=\"cancel\">Cancel</a></div></form></section>",
        uid = esc(&k.uid),
        uidu = url(&k.uid),
        t = esc(&k.tenant),
        tu = url(&k.tenant),
        st = esc(k.state),
        action = esc(&cq.action),
        csrf = csrf_field(&who),
    );
    Ok(frame(&format!("{verb} key"), &who, "keys", &b))
}

#[derive(Debug, Default, Deserialize)]
pub struct ActForm {
    #[serde(default)]
    pub csrf: String,
    pub reason: Option<RevokeReason>,
    pub message: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
pub struct TenantQuery {
    pub tenant: Option<String>,
}

pub async fn act(
    State(state): State<Arc<AdminState>>,
    PageUser(who): PageUser,
    Path((uid, action)): Path<(String, String)>,
    Query(tq): Query<TenantQuery>,
    Form(f): Form<ActForm>,
) -> Result<Response, Response> {
    super::check_csrf(&who, &f.csrf)?;
    let (change, needed) = match action.as_str() {
        "revoke" => (
            Change::Revoke {
                reason: f.reason.unwrap_or(RevokeReason::CessationOfOperation),
                message: f.message.clone().filter(|m| !m.is_empty()),
            },
            Role::Operator,
        ),
        "restore" => (Change::Restore, Role::Operator),
        "destroy" => (Change::Destroy, Role::Admin),
        _ => {
            return Err(error_page(
                StatusCode::NOT_FOUND,
                Some(&who),
                "unknown action",
            ))
        }
    };
    let (u, t) = (uid.clone(), tq.tenant.clone());
    let k = super::call(&state, &who, needed, move |ctx| {
        keys::change(ctx, &u, t.as_deref(), &change)
    })
    .await?;
    Ok(Redirect::to(&format!(
        "/keys/{}?tenant={}&notice={}",
        url(&uid),
        url(&k.tenant),
        url(&action)
    ))
    .into_response())
}
