//! The audit trail: query with filters, and CSV export.

use serde::Serialize;

use super::{store_error, Ctx, ServiceResult};
use crate::cli::fmt_time;

/// An audit query; all given filters must match.
#[derive(Clone, Debug, Default)]
pub struct AuditQuery {
    pub tenant: Option<String>,
    pub uid: Option<String>,
    /// Substring of the actor, e.g. "admin:" or a client name.
    pub actor: Option<String>,
    /// Exact operation name, e.g. "Get" or "AdminRevoke".
    pub operation: Option<String>,
    /// Only failures (outcome other than "success").
    pub failures_only: bool,
    pub limit: usize,
}

/// One audit record as shown to administrators.
#[derive(Clone, Debug, Serialize)]
pub struct AuditView {
    pub at: String,
    pub at_ts: i64,
    pub tenant: Option<String>,
    pub actor: String,
    pub operation: String,
    pub uid: Option<String>,
    pub outcome: String,
    pub peer: Option<String>,
}

/// Most recent first, at most `q.limit` (1 to 10 000).
pub fn query(ctx: &Ctx, q: &AuditQuery) -> ServiceResult<Vec<AuditView>> {
    let limit = q.limit.clamp(1, 10_000);
    let tenants = ctx.tenants(q.tenant.as_deref())?;
    // An actor limited to one tenant (or a tenant filter) reads that tenant's records only.
    let tenant_id = match (&q.tenant, &ctx.actor.tenant) {
        (None, None) => None,
        _ => tenants.first().map(|t| t.id.clone()),
    };
    // Filters other than tenant and uid are applied here: read more to fill the page.
    let filtered = q.actor.is_some() || q.operation.is_some() || q.failures_only;
    let read = if filtered {
        limit.saturating_mul(20).min(100_000)
    } else {
        limit
    };
    let recs = ctx
        .store
        .list_audit(tenant_id.as_deref(), q.uid.as_deref(), read)
        .map_err(store_error)?;
    let name_of = |id: &Option<String>| {
        id.as_ref()
            .and_then(|id| tenants.iter().find(|t| &t.id == id).map(|t| t.name.clone()))
    };
    Ok(recs
        .into_iter()
        .filter(|r| match &q.actor {
            Some(a) => r.actor.contains(a.as_str()),
            None => true,
        })
        .filter(|r| match &q.operation {
            Some(o) => &r.operation == o,
            None => true,
        })
        .filter(|r| !q.failures_only || !r.outcome.starts_with("success"))
        .take(limit)
        .map(|r| AuditView {
            at: fmt_time(r.at),
            at_ts: r.at,
            tenant: name_of(&r.tenant_id),
            actor: r.actor,
            operation: r.operation,
            uid: r.uid,
            outcome: r.outcome,
            peer: r.peer,
        })
        .collect())
}

fn csv_field(s: &str) -> String {
    // Quote every field; a leading = + - @ is prefixed so spreadsheets do not run it as a formula.
    let s = if s.starts_with(['=', '+', '-', '@']) {
        format!("'{s}")
    } else {
        s.to_owned()
    };
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// The records as CSV (RFC 4180, header line first).
pub fn to_csv(rows: &[AuditView]) -> String {
    let mut out = String::from("at,tenant,actor,operation,uid,outcome,peer\r\n");
    for r in rows {
        let fields = [
            r.at.as_str(),
            r.tenant.as_deref().unwrap_or(""),
            &r.actor,
            &r.operation,
            r.uid.as_deref().unwrap_or(""),
            &r.outcome,
            r.peer.as_deref().unwrap_or(""),
        ];
        let line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_and_defuses_formulas() {
        let rows = vec![AuditView {
            at: "2026-01-01T00:00:00Z".into(),
            at_ts: 0,
            tenant: Some("default".into()),
            actor: "=cmd()".into(),
            operation: "Get".into(),
            uid: None,
            outcome: "a \"quoted\", text".into(),
            peer: None,
        }];
        let csv = to_csv(&rows);
        assert!(csv.starts_with("at,tenant,actor"), "{csv}");
        assert!(csv.contains("\"'=cmd()\""), "{csv}");
        assert!(csv.contains("\"a \"\"quoted\"\", text\""), "{csv}");
    }
}
