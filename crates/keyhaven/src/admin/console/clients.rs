//! Clients: the trusted KMIP clients with certificate expiry, and vCenter's four ways to establish
//! trust as guided forms (upload a CSR and download the signed certificate; trust vCenter's
//! certificate; trust vCenter's root CA; issue a certificate and key), plus the server CA download.

use std::sync::Arc;

use axum::extract::{Form, Path, State};
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Deserialize;
use zeroize::Zeroizing;

use super::html::{csrf_field, days_left, error_page, esc, page as frame, url};
use crate::admin::auth::{PageUser, Principal};
use crate::admin::roles::Role;
use crate::admin::AdminState;
use crate::service::clients::{self, NewClient};
use crate::service::ServiceError;

fn tenant_select(tenants: &[String], id: &str) -> String {
    let mut s = format!("<label>Tenant<select name=\"tenant\" id=\"{id}\">");
    for t in tenants {
        let sel = if t == crate::datadir::DEFAULT_TENANT {
            " selected"
        } else {
            ""
        };
        s.push_str(&format!("<option{sel}>{}</option>", esc(t)));
    }
    s.push_str("</select></label>");
    s
}

fn common_fields(who: &Principal, tenants: &[String], prefix: &str) -> String {
    format!(
        "{csrf}<label>Client name<input name=\"name\" id=\"{prefix}-name\" required maxlength=\"64\" pattern=\"[A-Za-z0-9._@-]+\" placeholder=\"vcenter-prod\"></label>{t}\
         <details><summary>Password protection (optional)</summary>\
         <label>KMIP user name<input name=\"username\" autocomplete=\"off\"></label>\
         <label>KMIP password<input type=\"password\" name=\"password\" autocomplete=\"new-password\"></label></details>",
        csrf = csrf_field(who),
        t = tenant_select(tenants, &format!("{prefix}-tenant")),
    )
}

pub async fn page(
    State(state): State<Arc<AdminState>>,
    PageUser(who): PageUser,
) -> Result<Html<String>, Response> {
    let (list, tenants) = super::call(&state, &who, Role::Viewer, |ctx| {
        Ok((
            clients::list(ctx, None)?,
            ctx.tenants(None)?
                .into_iter()
                .map(|t| t.name)
                .collect::<Vec<_>>(),
        ))
    })
    .await?;
    let mut b = String::from("<section class=\"card\"><h2>Trusted clients</h2><table id=\"clients\"><thead><tr><th>Name</th><th>Tenant</th><th>Trust</th><th>Certificate</th><th>Expires</th><th>KMIP user</th><th></th></tr></thead><tbody>");
    for c in &list {
        let exp = match c.not_after_ts {
            Some(ts) => {
                let d = days_left(ts);
                let badge = if d < 0 {
                    "<span class=\"badge bad\">expired</span>".to_owned()
                } else if d <= 30 {
                    format!("<span class=\"badge warn\">{d} days</span>")
                } else {
                    format!("<span class=\"badge ok\">{d} days</span>")
                };
                format!("{} {badge}", esc(c.not_after.as_deref().unwrap_or("")))
            }
            None => "-".into(),
        };
        let remove = if who.role.allows(Role::Operator) {
            format!(
                "<form method=\"post\" action=\"/clients/{}/remove\" class=\"inline\" data-confirm=\"Stop trusting client {}? Its connections will be refused.\">{}<button type=\"submit\" class=\"link danger\">Remove</button></form>",
                url(&c.name),
                esc(&c.name),
                csrf_field(&who)
            )
        } else {
            String::new()
        };
        b.push_str(&format!(
            "<tr><td><a href=\"/clients/{nu}/certificate.pem\" title=\"Download its certificate\">{n}</a></td><td>{t}</td><td>{tr}</td><td class=\"small\">{s}</td><td class=\"nowrap small\">{exp}</td><td>{u}</td><td>{remove}</td></tr>",
            nu = url(&c.name),
            n = esc(&c.name),
            t = esc(&c.tenant),
            tr = if c.trust == "ca" { "CA" } else { "certificate" },
            s = esc(c.subject.as_deref().unwrap_or("-")),
            u = esc(c.username.as_deref().unwrap_or("-")),
        ));
    }
    if list.is_empty() {
        b.push_str("<tr><td colspan=\"7\" class=\"muted\">No client is trusted yet: use one of the options below.</td></tr>");
    }
    b.push_str("</tbody></table></section>");
    b.push_str(
        "<section class=\"card\"><h2>Make Keyhaven and vCenter trust each other</h2>\
         <p>In vCenter: <em>Configure › Security › Key Providers › Add Standard Key Provider</em>, add this \
         server (port 5696), then <em>Make KMS trust vCenter</em> and pick the option that matches one of the \
         forms below. vCenter must also trust this server: give it the \
         <a href=\"/ca.crt\" id=\"download-ca\">server CA certificate</a>.</p></section>",
    );
    if !who.role.allows(Role::Operator) {
        b.push_str(&format!(
            "<p class=\"muted\">Your role ({}) can view clients but not trust new ones.</p>",
            who.role.as_str()
        ));
        return Ok(frame("Clients", &who, "clients", &b));
    }
    b.push_str("<div class=\"grid2\">");
    b.push_str(&format!(
        "<section class=\"card\" id=\"opt-csr\"><h3>New Certificate Signing Request</h3>\
         <p class=\"muted\">vCenter generates a CSR; paste it or choose the file. Keyhaven signs it with its CA, \
         trusts the result, and gives you the certificate to upload back to vCenter.</p>\
         <form method=\"post\" action=\"/clients/sign-csr\">{c}\
         <label>CSR (PEM)<textarea name=\"pem\" id=\"csr-pem\" rows=\"6\" required placeholder=\"-----BEGIN CERTIFICATE REQUEST-----\"></textarea></label>\
         <label class=\"file\">…or choose the file<input type=\"file\" accept=\".csr,.pem,.txt\" data-fill=\"csr-pem\"></label>\
         <label>Valid for (days)<input type=\"number\" name=\"days\" value=\"730\" min=\"1\" max=\"3650\"></label>\
         <button type=\"submit\" class=\"primary\" id=\"sign-csr\">Sign and trust</button></form></section>",
        c = common_fields(&who, &tenants, "csr")
    ));
    b.push_str(&format!(
        "<section class=\"card\" id=\"opt-cert\"><h3>vCenter Certificate</h3>\
         <p class=\"muted\">Paste vCenter's own client certificate: Keyhaven trusts exactly this certificate (pinned by its SHA-256).</p>\
         <form method=\"post\" action=\"/clients/trust-cert\">{c}\
         <label>Certificate (PEM)<textarea name=\"pem\" id=\"cert-pem\" rows=\"6\" required placeholder=\"-----BEGIN CERTIFICATE-----\"></textarea></label>\
         <label class=\"file\">…or choose the file<input type=\"file\" accept=\".crt,.pem,.cer\" data-fill=\"cert-pem\"></label>\
         <button type=\"submit\" class=\"primary\">Trust this certificate</button></form></section>",
        c = common_fields(&who, &tenants, "cert")
    ));
    b.push_str(&format!(
        "<section class=\"card\" id=\"opt-ca\"><h3>vCenter Root CA certificate</h3>\
         <p class=\"muted\">Paste the root CA certificate of vCenter (VMCA): every client certificate it issues is trusted.</p>\
         <form method=\"post\" action=\"/clients/trust-ca\">{c}\
         <label>CA certificate (PEM)<textarea name=\"pem\" id=\"ca-pem\" rows=\"6\" required placeholder=\"-----BEGIN CERTIFICATE-----\"></textarea></label>\
         <label class=\"file\">…or choose the file<input type=\"file\" accept=\".crt,.pem,.cer\" data-fill=\"ca-pem\"></label>\
         <button type=\"submit\" class=\"primary\">Trust this CA</button></form></section>",
        c = common_fields(&who, &tenants, "ca")
    ));
    b.push_str(&format!(
        "<section class=\"card\" id=\"opt-issue\"><h3>KMS certificate and private key</h3>\
         <p class=\"muted\">Keyhaven creates a certificate and private key for vCenter to upload. The key is shown once.</p>\
         <form method=\"post\" action=\"/clients/issue\">{c}\
         <button type=\"submit\" class=\"primary\">Issue certificate and key</button></form></section>",
        c = common_fields(&who, &tenants, "issue")
    ));
    b.push_str("</div>");
    Ok(frame("Clients", &who, "clients", &b))
}

#[derive(Deserialize)]
pub struct TrustForm {
    #[serde(default)]
    pub csrf: String,
    pub name: String,
    pub tenant: String,
    pub username: Option<String>,
    pub password: Option<String>,
    #[serde(default)]
    pub pem: String,
    pub days: Option<u32>,
}

impl TrustForm {
    fn client(&self) -> NewClient {
        NewClient {
            name: self.name.trim().to_owned(),
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

fn result_page(
    who: &Principal,
    title: &str,
    intro: &str,
    blocks: &[(&str, &str, &str)],
) -> Html<String> {
    let mut b = format!("<div class=\"notice ok\" id=\"notice\">{intro}</div>");
    for (id, label, pem) in blocks {
        b.push_str(&format!(
            "<section class=\"card\"><h2>{}</h2><pre class=\"pem\" id=\"{id}\">{}</pre></section>",
            esc(label),
            esc(pem)
        ));
    }
    b.push_str("<p><a href=\"/clients\">Back to clients</a></p>");
    frame(title, who, "clients", &b)
}

pub async fn sign_csr(
    State(state): State<Arc<AdminState>>,
    PageUser(who): PageUser,
    Form(f): Form<TrustForm>,
) -> Result<Html<String>, Response> {
    super::check_csrf(&who, &f.csrf)?;
    let c = f.client();
    let (client, cert) = super::call(&state, &who, Role::Operator, move |ctx| {
        clients::sign_csr(ctx, &c, &f.pem, f.days.unwrap_or(730))
    })
    .await?;
    Ok(result_page(
        &who,
        "Certificate signed",
        &format!(
            "The CSR was signed and client <strong>{n}</strong> is trusted in tenant {t}. \
             Upload this certificate to vCenter (<a href=\"/clients/{nu}/certificate.pem\" id=\"download-cert\">download it</a>), \
             and give vCenter the <a href=\"/ca.crt\">server CA</a>.",
            n = esc(&client.name),
            nu = url(&client.name),
            t = esc(&client.tenant)
        ),
        &[("signed-cert", "Signed certificate", &cert)],
    ))
}

pub async fn trust_cert(
    State(state): State<Arc<AdminState>>,
    PageUser(who): PageUser,
    Form(f): Form<TrustForm>,
) -> Result<Response, Response> {
    super::check_csrf(&who, &f.csrf)?;
    let c = f.client();
    super::call(&state, &who, Role::Operator, move |ctx| {
        clients::trust_cert(ctx, &c, f.pem.as_bytes())
    })
    .await?;
    Ok(Redirect::to("/clients").into_response())
}

pub async fn trust_ca(
    State(state): State<Arc<AdminState>>,
    PageUser(who): PageUser,
    Form(f): Form<TrustForm>,
) -> Result<Response, Response> {
    super::check_csrf(&who, &f.csrf)?;
    let c = f.client();
    super::call(&state, &who, Role::Operator, move |ctx| {
        clients::trust_ca(ctx, &c, f.pem.as_bytes())
    })
    .await?;
    Ok(Redirect::to("/clients").into_response())
}

pub async fn issue(
    State(state): State<Arc<AdminState>>,
    PageUser(who): PageUser,
    Form(f): Form<TrustForm>,
) -> Result<Html<String>, Response> {
    super::check_csrf(&who, &f.csrf)?;
    let c = f.client();
    let i = super::call(&state, &who, Role::Operator, move |ctx| {
        clients::issue(ctx, &c)
    })
    .await?;
    Ok(result_page(
        &who,
        "Certificate and key issued",
        &format!(
            "Client <strong>{}</strong> is trusted. Copy the private key now: it is not kept and will not be shown again.",
            esc(&i.client.name)
        ),
        &[
            ("issued-cert", "Certificate", &i.cert_pem),
            ("issued-key", "Private key (shown once)", i.key_pem.as_str()),
            ("issued-ca", "Server CA", &i.ca_pem),
        ],
    ))
}

/// A client's certificate (PEM), for download.
pub async fn certificate(
    State(state): State<Arc<AdminState>>,
    PageUser(who): PageUser,
    Path(name): Path<String>,
) -> Result<Response, Response> {
    let n = name.clone();
    let der = super::call(&state, &who, Role::Viewer, move |ctx| {
        let visible = clients::list(ctx, None)?.iter().any(|c| c.name == n);
        let rec = ctx
            .store
            .list_clients(None)
            .map_err(crate::service::store_error)?
            .into_iter()
            .find(|c| c.name == n && visible)
            .ok_or_else(|| ServiceError::NotFound(format!("no client named {n:?}")))?;
        rec.cert_der.ok_or_else(|| {
            ServiceError::NotFound(format!("client {n:?} has no certificate on file"))
        })
    })
    .await?;
    let pem = crate::pki::der_to_pem(&der);
    Ok((
        [
            (header::CONTENT_TYPE, "application/x-pem-file".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{}.crt\"", url(&name)),
            ),
        ],
        pem,
    )
        .into_response())
}

/// The server CA certificate, for download.
pub async fn ca(
    State(state): State<Arc<AdminState>>,
    PageUser(who): PageUser,
) -> Result<Response, Response> {
    let pem = super::call(&state, &who, Role::Viewer, clients::server_ca_pem).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/x-pem-file"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"keyhaven-ca.crt\"",
            ),
        ],
        pem,
    )
        .into_response())
}

#[derive(Deserialize)]
pub struct CsrfOnly {
    #[serde(default)]
    pub csrf: String,
}

pub async fn remove(
    State(state): State<Arc<AdminState>>,
    PageUser(who): PageUser,
    Path(name): Path<String>,
    Form(f): Form<CsrfOnly>,
) -> Result<Response, Response> {
    super::check_csrf(&who, &f.csrf)?;
    if name.is_empty() {
        return Err(error_page(
            StatusCode::BAD_REQUEST,
            Some(&who),
            "no client named",
        ));
    }
    super::call(&state, &who, Role::Operator, move |ctx| {
        clients::remove(ctx, &name)
    })
    .await?;
    Ok(Redirect::to("/clients").into_response())
}
