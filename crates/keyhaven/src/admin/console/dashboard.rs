//! The dashboard: health, keys by state per tenant, root-key state, certificates expiring within
//! 30 days, recent errors and refused clients.

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::extract::State;
use axum::response::{Html, Response};

use super::html::{days_left, esc, page as frame, state_badge, url};
use crate::admin::auth::PageUser;
use crate::admin::roles::Role;
use crate::admin::AdminState;
use crate::service::audit::{self, AuditQuery};
use crate::service::keys;
use crate::service::{clients, tenants};

const STATES: [&str; 6] = [
    "PreActive",
    "Active",
    "Deactivated",
    "Compromised",
    "Destroyed",
    "DestroyedCompromised",
];

/// Certificates expiring within this many days are listed.
const EXPIRY_WARNING_DAYS: i64 = 30;

pub async fn page(
    State(state): State<Arc<AdminState>>,
    PageUser(who): PageUser,
) -> Result<Html<String>, Response> {
    let st = state.clone();
    let body = super::call(&state, &who, Role::Viewer, move |ctx| {
        let facts = crate::admin::api::server::facts(&st);
        let ts = tenants::list(ctx, true)?;
        // Counted from the store's indexes: the same cost with a million keys.
        let mut counts: BTreeMap<String, BTreeMap<&str, u64>> = BTreeMap::new();
        for t in ctx.tenants(None)? {
            counts.insert(t.name.clone(), keys::count_by_state(ctx, &t)?.into_iter().collect());
        }
        let all: u64 = counts.values().flat_map(|by| by.values()).sum();
        let not_active: u64 = counts
            .values()
            .flat_map(|by| by.iter())
            .filter(|(s, _)| **s != "Active")
            .map(|(_, n)| n)
            .sum();
        let cls = clients::list(ctx, None)?;
        let errors = audit::query(
            ctx,
            &AuditQuery {
                failures_only: true,
                limit: 10,
                ..AuditQuery::default()
            },
        )?;
        let ready = facts["ready"].as_bool().unwrap_or(false);
        let mut b = String::new();
        // Health and totals.
        b.push_str(&format!(
            "<section class=\"tiles\">\
             <div class=\"tile\" id=\"health\"><div class=\"label\">Health</div><div class=\"value\">{}</div><div class=\"sub\">{}</div></div>\
             <div class=\"tile\"><div class=\"label\">Keys</div><div class=\"value\" id=\"key-count\">{}</div><div class=\"sub\">{} not Active</div></div>\
             <div class=\"tile\"><div class=\"label\">Tenants</div><div class=\"value\">{}</div><div class=\"sub\">{} suspended</div></div>\
             <div class=\"tile\"><div class=\"label\">Trusted clients</div><div class=\"value\">{}</div><div class=\"sub\">{}</div></div></section>",
            if ready { "<span class=\"badge ok\">Ready</span>" } else { "<span class=\"badge bad\">Not ready</span>" },
            esc(facts["readiness"].as_str().unwrap_or("")),
            all,
            not_active,
            ts.len(),
            ts.iter().filter(|t| t.state != "active").count(),
            cls.len(),
            esc(facts["store"].as_str().unwrap_or("")),
        ));
        // Keys by state per tenant.
        b.push_str("<div class=\"grid2\"><section class=\"card\"><h2>Keys by state</h2><table><thead><tr><th>Tenant</th>");
        for s in STATES {
            let label = match s {
                "PreActive" => "Pre-active",
                "DestroyedCompromised" => "Destroyed (comp.)",
                other => other,
            };
            b.push_str(&format!("<th class=\"num\">{label}</th>"));
        }
        b.push_str("</tr></thead><tbody>");
        for (tenant, by) in &counts {
            b.push_str(&format!("<tr><td>{}</td>", esc(tenant)));
            for s in STATES {
                let n = by.get(s).copied().unwrap_or(0);
                if n == 0 {
                    b.push_str("<td class=\"num muted\">0</td>");
                } else {
                    b.push_str(&format!(
                        "<td class=\"num\"><a href=\"/keys?tenant={}&amp;state={s}\">{n}</a></td>",
                        url(tenant)
                    ));
                }
            }
            b.push_str("</tr>");
        }
        b.push_str("</tbody></table></section>");
        // Root keys.
        b.push_str("<section class=\"card\"><h2>Root keys</h2><table><thead><tr><th>Tenant</th><th>Provider</th><th>Root key</th><th>State</th></tr></thead><tbody>");
        for t in &ts {
            b.push_str(&format!(
                "<tr><td>{}</td><td>{}</td><td class=\"mono small\">{}</td><td>{}</td></tr>",
                esc(&t.name),
                esc(&t.root_provider),
                esc(&t.root_key),
                state_badge(&t.root_key_state)
            ));
        }
        b.push_str("</tbody></table></section></div>");
        // Certificates expiring soon.
        let mut expiring: Vec<(String, String, i64)> = Vec::new();
        for c in crate::admin::api::server::server_certs(&st) {
            if c.days_left <= EXPIRY_WARNING_DAYS {
                expiring.push((format!("server {}", c.kind), c.subject, c.not_after_ts));
            }
        }
        for c in &cls {
            if let Some(ts) = c.not_after_ts.filter(|t| days_left(*t) <= EXPIRY_WARNING_DAYS) {
                expiring.push((format!("client {}", c.name), c.subject.clone().unwrap_or_default(), ts));
            }
        }
        b.push_str("<div class=\"grid2\"><section class=\"card\" id=\"expiring\"><h2>Certificates expiring within 30 days</h2>");
        if expiring.is_empty() {
            b.push_str("<p class=\"muted\">None: every certificate is valid for more than 30 days.</p>");
        } else {
            b.push_str("<table><thead><tr><th>Certificate</th><th>Subject</th><th>Expires</th></tr></thead><tbody>");
            for (what, subject, ts) in expiring {
                let d = days_left(ts);
                b.push_str(&format!(
                    "<tr><td>{}</td><td class=\"small\">{}</td><td>{}</td></tr>",
                    esc(&what),
                    esc(&subject),
                    if d < 0 { "<span class=\"badge bad\">expired</span>".to_owned() } else { format!("<span class=\"badge warn\">in {d} days</span>") }
                ));
            }
            b.push_str("</tbody></table>");
        }
        b.push_str("</section>");
        // Recent errors and refused clients.
        b.push_str("<section class=\"card\"><h2>Recent errors and refused clients</h2>");
        if errors.is_empty() {
            b.push_str("<p class=\"muted\">No failed request recorded.</p>");
        } else {
            b.push_str("<table><thead><tr><th>When</th><th>Who</th><th>Operation</th><th>Outcome</th></tr></thead><tbody>");
            for e in &errors {
                b.push_str(&format!(
                    "<tr><td class=\"nowrap small\">{}</td><td class=\"small\">{}</td><td>{}</td><td class=\"small\">{}</td></tr>",
                    esc(&e.at),
                    esc(&e.actor),
                    esc(&e.operation),
                    esc(&e.outcome)
                ));
            }
            b.push_str("</tbody></table><p><a href=\"/audit?failures=true\">All failures</a></p>");
        }
        b.push_str("</section></div>");
        // The nodes sharing the store.
        b.push_str("<section class=\"card\" id=\"nodes\"><h2>Nodes</h2><table><thead><tr><th>Host</th><th>Version</th><th>Addresses</th><th>Last seen</th><th>State</th></tr></thead><tbody>");
        for n in facts["nodes"].as_array().into_iter().flatten() {
            let s = |k: &str| esc(n[k].as_str().unwrap_or(""));
            let up = n["up"].as_bool().unwrap_or(false);
            b.push_str(&format!(
                "<tr><td>{}{}</td><td>{}</td><td class=\"small\">{}</td><td class=\"nowrap small\">{}</td><td>{}</td></tr>",
                s("name"),
                if n["this_node"].as_bool().unwrap_or(false) { " <span class=\"muted small\">(this node)</span>" } else { "" },
                s("version"),
                s("address"),
                s("last_seen"),
                if up { "<span class=\"badge ok\">up</span>" } else { "<span class=\"badge bad\">silent</span>" },
            ));
        }
        b.push_str("</tbody></table></section>");
        Ok(b)
    })
    .await?;
    Ok(frame("Dashboard", &who, "dashboard", &body))
}
