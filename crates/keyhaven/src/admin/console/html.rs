//! The page frame (header, navigation, user menu) and small HTML helpers. Every value from the
//! store or the request is escaped with [`esc`]; pages carry no inline script or style (the CSP
//! forbids them): behaviour lives in `assets/app.js`, looks in `assets/app.css`.

use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};

use crate::admin::auth::Principal;

/// Escapes text for HTML content and attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Percent-encodes a query or path component.
pub fn url(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

const NAV: [(&str, &str, &str); 5] = [
    ("dashboard", "/", "Dashboard"),
    ("keys", "/keys", "Keys"),
    ("clients", "/clients", "Clients"),
    ("tenants", "/tenants", "Tenants & root keys"),
    ("audit", "/audit", "Audit trail"),
];

/// A full page for a logged-in administrator.
pub fn page(title: &str, who: &Principal, active: &str, body: &str) -> Html<String> {
    let mut nav = String::new();
    for (id, href, label) in NAV {
        let cls = if id == active {
            " class=\"active\""
        } else {
            ""
        };
        nav.push_str(&format!(
            "<a href=\"{href}\" id=\"nav-{id}\"{cls}>{label}</a>"
        ));
    }
    let scope = who
        .tenant
        .as_deref()
        .map(|t| format!(" · tenant {}", esc(t)))
        .unwrap_or_default();
    let logout = if who.csrf().is_empty() {
        String::new()
    } else {
        format!(
            "<form method=\"post\" action=\"/logout\" class=\"inline\">\
             <input type=\"hidden\" name=\"csrf\" value=\"{}\">\
             <button type=\"submit\" id=\"logout\" class=\"link\">Log out</button></form>",
            esc(who.csrf())
        )
    };
    Html(format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{t} · Keyhaven</title><link rel=\"stylesheet\" href=\"/static/app.css\">\
         <script src=\"/static/app.js\" defer></script></head>\
         <body><header class=\"top\"><a class=\"brand\" href=\"/\"><span class=\"logo\">K</span>Keyhaven</a>\
         <nav>{nav}</nav><div class=\"user\"><span id=\"whoami\">{user}</span>\
         <span class=\"role role-{role}\">{role}{scope}</span>{logout}</div></header>\
         <main><h1>{t}</h1>{body}</main>\
         <footer>Keyhaven {ver} · KMIP key server</footer></body></html>",
        t = esc(title),
        user = esc(&who.name),
        role = who.role.as_str(),
        ver = env!("CARGO_PKG_VERSION"),
    ))
}

/// A page without the navigation (login).
pub fn bare(title: &str, body: &str) -> Html<String> {
    Html(format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{t} · Keyhaven</title><link rel=\"stylesheet\" href=\"/static/app.css\">\
         <script src=\"/static/app.js\" defer></script></head>\
         <body class=\"bare\"><main class=\"narrow\">{body}</main></body></html>",
        t = esc(title)
    ))
}

/// An error page with a status.
pub fn error_page(status: StatusCode, who: Option<&Principal>, message: &str) -> Response {
    let body = format!(
        "<div class=\"notice error\" id=\"error\"><strong>{}</strong> {}</div>\
         <p><a href=\"/\">Back to the dashboard</a></p>",
        status.as_u16(),
        esc(message)
    );
    let title = status.canonical_reason().unwrap_or("Error");
    let html = match who {
        Some(w) => page(title, w, "", &body),
        None => bare(title, &body),
    };
    (status, html).into_response()
}

/// A coloured badge for a key or tenant state.
pub fn state_badge(state: &str) -> String {
    let cls = match state {
        "Active" | "active" | "available" => "ok",
        "PreActive" => "info",
        "Deactivated" | "suspended" | "disabled" => "warn",
        _ => "bad",
    };
    format!("<span class=\"badge {cls}\">{}</span>", esc(state))
}

/// A hidden CSRF field for a form.
pub fn csrf_field(who: &Principal) -> String {
    format!(
        "<input type=\"hidden\" name=\"csrf\" value=\"{}\">",
        esc(who.csrf())
    )
}

/// `<option>`s with one selected.
pub fn options(values: &[&str], selected: Option<&str>, any: &str) -> String {
    let mut s = format!("<option value=\"\">{}</option>", esc(any));
    for v in values {
        let sel = if Some(*v) == selected {
            " selected"
        } else {
            ""
        };
        s.push_str(&format!("<option{sel}>{}</option>", esc(v)));
    }
    s
}

/// Days from now until `ts` (negative when past).
pub fn days_left(ts: i64) -> i64 {
    (ts - crate::server::objects::now()).div_euclid(86_400)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_urls() {
        assert_eq!(
            esc("<a href=\"x\">'&"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;"
        );
        assert_eq!(url("web 01/ä"), "web%2001%2F%C3%A4");
    }
}
