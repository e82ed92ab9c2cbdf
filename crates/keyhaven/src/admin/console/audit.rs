//! The audit trail with filters, and its CSV export.

use std::sync::Arc;

use axum::extract::{Query, State};
use axum::response::{Html, IntoResponse, Response};

use super::html::{esc, page as frame, url};
use crate::admin::api::audit::{csv_response, Params};
use crate::admin::auth::PageUser;
use crate::admin::roles::Role;
use crate::admin::AdminState;
use crate::service::audit;

pub async fn page(
    State(state): State<Arc<AdminState>>,
    PageUser(who): PageUser,
    Query(p): Query<Params>,
) -> Result<Html<String>, Response> {
    let q = p.query();
    let (rows, tenants) = super::call(&state, &who, Role::Viewer, move |ctx| {
        Ok((audit::query(ctx, &q)?, ctx.tenants(None)?))
    })
    .await?;
    let v = |o: &Option<String>| esc(o.as_deref().unwrap_or(""));
    let tnames: Vec<&str> = tenants.iter().map(|t| t.name.as_str()).collect();
    let failures = p.failures.unwrap_or(false);
    let mut qs = String::new();
    for (k, val) in [
        ("tenant", &p.tenant),
        ("uid", &p.uid),
        ("actor", &p.actor),
        ("operation", &p.operation),
    ] {
        if let Some(val) = val.as_ref().filter(|x| !x.is_empty()) {
            qs.push_str(&format!("{k}={}&amp;", url(val)));
        }
    }
    if failures {
        qs.push_str("failures=true&amp;");
    }
    let mut b = format!(
        "<form method=\"get\" action=\"/audit\" class=\"card filters\">\
         <label>Tenant<select name=\"tenant\">{}</select></label>\
         <label>Actor<input name=\"actor\" value=\"{}\" placeholder=\"client or admin:\"></label>\
         <label>Operation<input name=\"operation\" value=\"{}\" placeholder=\"Get, AdminRevoke…\"></label>\
         <label class=\"grow\">Key identifier<input name=\"uid\" value=\"{}\"></label>\
         <label class=\"check\"><input type=\"checkbox\" name=\"failures\" value=\"true\"{}> Failures only</label>\
         <button type=\"submit\" class=\"primary\">Filter</button>\
         <a class=\"button\" id=\"export-csv\" href=\"/audit.csv?{qs}limit=10000\">Export CSV</a></form>",
        super::html::options(&tnames, p.tenant.as_deref(), "All tenants"),
        v(&p.actor),
        v(&p.operation),
        v(&p.uid),
        if failures { " checked" } else { "" },
    );
    b.push_str(&format!("<section class=\"card\"><p class=\"muted\">{} record(s), most recent first</p><table id=\"audit\"><thead><tr><th>When</th><th>Tenant</th><th>Actor</th><th>Operation</th><th>Key</th><th>Outcome</th><th>Peer</th></tr></thead><tbody>", rows.len()));
    for r in &rows {
        let cls = if r.outcome.starts_with("success") {
            ""
        } else {
            " class=\"failed\""
        };
        b.push_str(&format!(
            "<tr{cls}><td class=\"nowrap small\">{}</td><td>{}</td><td class=\"small\">{}</td><td>{}</td><td class=\"mono small\">{}</td><td class=\"small\">{}</td><td class=\"small\">{}</td></tr>",
            esc(&r.at),
            esc(r.tenant.as_deref().unwrap_or("-")),
            esc(&r.actor),
            esc(&r.operation),
            esc(r.uid.as_deref().unwrap_or("")),
            esc(&r.outcome),
            esc(r.peer.as_deref().unwrap_or(""))
        ));
    }
    b.push_str("</tbody></table></section>");
    Ok(frame("Audit trail", &who, "audit", &b))
}

pub async fn csv(
    State(state): State<Arc<AdminState>>,
    PageUser(who): PageUser,
    Query(p): Query<Params>,
) -> Result<Response, Response> {
    let q = p.query();
    let rows = super::call(&state, &who, Role::Viewer, move |ctx| audit::query(ctx, &q)).await?;
    Ok(csv_response(&rows).into_response())
}
