//! KMIP clients: vCenter's four ways to establish trust (issue a certificate and key, trust a
//! certificate, trust a CA, sign a CSR), listing with certificate expiry, removal.

use serde::Serialize;
use zeroize::Zeroizing;

use super::{store_error, Ctx, ServiceError, ServiceResult};
use crate::cli::fmt_time;
use crate::datadir;
use crate::pki;
use crate::store::{ClientRecord, ClientTrust, StoreError};

/// The client to register: a unique name, its tenant, and an optional KMIP credential.
#[derive(Clone, Debug)]
pub struct NewClient {
    pub name: String,
    pub tenant: String,
    pub username: Option<String>,
    pub password: Option<Zeroizing<String>>,
}

/// A trusted client as shown to administrators.
#[derive(Clone, Debug, Serialize)]
pub struct ClientView {
    pub name: String,
    pub tenant: String,
    /// "certificate" (pinned) or "ca".
    pub trust: &'static str,
    /// The pinned SHA-256, or the CA's subject.
    pub identity: String,
    pub subject: Option<String>,
    pub not_after: Option<String>,
    pub not_after_ts: Option<i64>,
    /// When trust ends: the pinned certificate's expiry, or the trusted CA's.
    pub expires: Option<String>,
    pub username: Option<String>,
    pub created: String,
}

/// What `issue` produced: the certificate, its private key (shown once) and the server CA.
pub struct Issued {
    pub client: ClientView,
    pub cert_pem: String,
    pub key_pem: Zeroizing<String>,
    pub ca_pem: String,
}

fn validate_name(name: &str) -> ServiceResult<()> {
    let ok = !name.is_empty()
        && name.len() <= 64
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.@".contains(c));
    if ok {
        Ok(())
    } else {
        Err(ServiceError::Invalid(format!(
            "client name {name:?}: use 1 to 64 letters, digits, '-', '_', '.' or '@'"
        )))
    }
}

fn view(c: &ClientRecord, tenant: &str) -> ClientView {
    let (trust, identity) = match &c.trust {
        ClientTrust::PinnedCert { sha256 } => ("certificate", hex::encode(sha256)),
        ClientTrust::Ca { ca_der } => (
            "ca",
            pki::summarize(ca_der)
                .map(|s| s.subject)
                .unwrap_or_default(),
        ),
    };
    let s = c.cert_der.as_deref().and_then(|d| pki::summarize(d).ok());
    let expires = match &c.trust {
        ClientTrust::Ca { ca_der } => pki::summarize(ca_der).ok().map(|s| s.not_after),
        ClientTrust::PinnedCert { .. } => s.as_ref().map(|s| s.not_after),
    };
    ClientView {
        expires: expires.map(fmt_time),
        name: c.name.clone(),
        tenant: tenant.to_owned(),
        trust,
        identity,
        subject: s.as_ref().map(|s| s.subject.clone()),
        not_after: s.as_ref().map(|s| fmt_time(s.not_after)),
        not_after_ts: s.as_ref().map(|s| s.not_after),
        username: c.username.clone(),
        created: fmt_time(c.created_at),
    }
}

fn register(
    ctx: &Ctx,
    c: &NewClient,
    operation: &str,
    trust: ClientTrust,
    cert_der: Option<Vec<u8>>,
) -> ServiceResult<ClientView> {
    validate_name(&c.name)?;
    let tenant = ctx.tenant(&c.tenant)?;
    let password_hash = match (&c.username, &c.password) {
        (Some(_), Some(p)) if !p.is_empty() => {
            Some(crate::server::identity::hash_password(p).map_err(ServiceError::Unavailable)?)
        }
        (Some(_), _) => {
            return Err(ServiceError::Invalid(
                "a username needs a non-empty password".into(),
            ))
        }
        (None, Some(_)) => return Err(ServiceError::Invalid("a password needs a username".into())),
        (None, None) => None,
    };
    let rec = ClientRecord {
        id: uuid::Uuid::new_v4().to_string(),
        tenant_id: tenant.id.clone(),
        name: c.name.clone(),
        trust,
        cert_der,
        username: c.username.clone(),
        password_hash,
        created_at: crate::server::ops::now(),
    };
    let result = ctx.store.insert_client(&rec).map_err(|e| match e {
        StoreError::AlreadyExists(_) => ServiceError::Conflict(format!(
            "a client named {:?} exists already (remove it first, or pick another name)",
            c.name
        )),
        other => store_error(other),
    });
    ctx.audited(Some(&tenant.id), operation, Some(&c.name), result)?;
    Ok(view(&rec, &tenant.name))
}

fn first_cert(bytes: &[u8]) -> ServiceResult<Vec<u8>> {
    pki::parse_certificates(bytes)
        .map_err(|e| ServiceError::Invalid(format!("not a certificate: {e}")))?
        .into_iter()
        .next()
        .ok_or_else(|| ServiceError::Invalid("no certificate found".into()))
}

fn load_ca(ctx: &Ctx) -> ServiceResult<pki::CertAndKey> {
    datadir::load_ca(ctx.dir).map_err(|e| ServiceError::Unavailable(e.to_string()))
}

/// The server CA certificate (PEM): what a client must trust to connect. During a CA rollover,
/// every CA the server may present (`crate::certs`).
pub fn server_ca_pem(ctx: &Ctx) -> ServiceResult<String> {
    use crate::certs::CertPaths;
    if let Ok(bundle) = std::fs::read_to_string(ctx.dir.ca_bundle()) {
        return Ok(bundle);
    }
    std::fs::read_to_string(ctx.dir.ca_cert())
        .map_err(|e| ServiceError::Unavailable(format!("{}: {e}", ctx.dir.ca_cert().display())))
}

/// Issues a certificate and key signed by the server CA and trusts it (vCenter: "KMS certificate
/// and private key").
pub fn issue(ctx: &Ctx, c: &NewClient) -> ServiceResult<Issued> {
    validate_name(&c.name)?;
    let ca = load_ca(ctx)?;
    let issued = pki::issue_client_cert(&ca, &c.name)
        .map_err(|e| ServiceError::Unavailable(e.to_string()))?;
    let client = register(
        ctx,
        c,
        "AdminIssueClient",
        ClientTrust::PinnedCert {
            sha256: pki::sha256_fingerprint(&issued.cert_der),
        },
        Some(issued.cert_der.clone()),
    )?;
    Ok(Issued {
        client,
        cert_pem: issued.cert_pem.clone(),
        key_pem: issued.key_pem.clone(),
        ca_pem: server_ca_pem(ctx).unwrap_or_else(|_| ca.cert_pem.clone()),
    })
}

/// Trusts one client certificate, pinned by its SHA-256 (vCenter: "vCenter Certificate").
pub fn trust_cert(ctx: &Ctx, c: &NewClient, cert: &[u8]) -> ServiceResult<ClientView> {
    let der = first_cert(cert)?;
    pki::summarize(&der).map_err(|e| ServiceError::Invalid(e.to_string()))?;
    register(
        ctx,
        c,
        "AdminTrustCert",
        ClientTrust::PinnedCert {
            sha256: pki::sha256_fingerprint(&der),
        },
        Some(der),
    )
}

/// Trusts every certificate a CA issued (vCenter: "vCenter Root CA certificate").
pub fn trust_ca(ctx: &Ctx, c: &NewClient, ca: &[u8]) -> ServiceResult<ClientView> {
    let der = first_cert(ca)?;
    let s = pki::summarize(&der).map_err(|e| ServiceError::Invalid(e.to_string()))?;
    if !s.is_ca {
        return Err(ServiceError::Invalid(
            "this is not a CA certificate (basicConstraints CA:FALSE); trust it as a client certificate instead".into(),
        ));
    }
    register(
        ctx,
        c,
        "AdminTrustCa",
        ClientTrust::Ca {
            ca_der: der.clone(),
        },
        Some(der),
    )
}

/// Signs a CSR with the server CA and trusts the certificate (vCenter: "New Certificate Signing
/// Request"). Returns the client and the signed certificate (PEM).
pub fn sign_csr(
    ctx: &Ctx,
    c: &NewClient,
    csr_pem: &str,
    days: u32,
) -> ServiceResult<(ClientView, String)> {
    validate_name(&c.name)?;
    if !(1..=3650).contains(&days) {
        return Err(ServiceError::Invalid(
            "validity must be 1 to 3650 days".into(),
        ));
    }
    let ca = load_ca(ctx)?;
    let (pem, der) =
        pki::sign_csr(&ca, csr_pem, days).map_err(|e| ServiceError::Invalid(e.to_string()))?;
    let v = register(
        ctx,
        c,
        "AdminSignCsr",
        ClientTrust::PinnedCert {
            sha256: pki::sha256_fingerprint(&der),
        },
        Some(der),
    )?;
    Ok((v, pem))
}

/// The clients this actor sees, or those of one tenant.
pub fn list(ctx: &Ctx, tenant: Option<&str>) -> ServiceResult<Vec<ClientView>> {
    let tenants = ctx.tenants(tenant)?;
    let mut out = Vec::new();
    for c in ctx.store.list_clients(None).map_err(store_error)? {
        if let Some(t) = tenants.iter().find(|t| t.id == c.tenant_id) {
            out.push(view(&c, &t.name));
        }
    }
    Ok(out)
}

/// Stops trusting a client (its next connection and its open ones within the trust refresh).
pub fn remove(ctx: &Ctx, name: &str) -> ServiceResult<()> {
    let tenants = ctx.tenants(None)?;
    let clients = ctx.store.list_clients(None).map_err(store_error)?;
    let Some((c, t)) = clients
        .iter()
        .find(|c| c.name == name)
        .and_then(|c| tenants.iter().find(|t| t.id == c.tenant_id).map(|t| (c, t)))
    else {
        return Err(ServiceError::NotFound(format!("no client named {name:?}")));
    };
    let result = ctx.store.remove_client(&c.name).map_err(|e| match e {
        StoreError::NotFound(_) => ServiceError::NotFound(format!("no client named {name:?}")),
        other => store_error(other),
    });
    ctx.audited(Some(&t.id), "AdminRemoveClient", Some(name), result)
}
