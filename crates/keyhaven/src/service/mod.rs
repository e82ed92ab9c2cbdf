//! The administration service layer: every admin action (find and change keys, trust clients, sign
//! CSRs, manage tenants and root keys, read the audit trail), with its rules and its audit record,
//! in one place. The CLI (`keyhaven key|client|tenant|audit`) and the admin HTTPS API call these
//! functions, so an action is checked and audited the same whichever way it comes; the key state
//! changes go through [`crate::server::objects`], the state machine the KMIP operations use.
//!
//! One file per resource: [`keys`], [`clients`], [`tenants`], [`audit`].

pub mod audit;
pub mod clients;
pub mod keys;
pub mod tenants;

use std::fmt;

use crate::crypto::envelope::Envelope;
use crate::datadir::DataDir;
use crate::store::{AuditRecord, Store, StoreError, TenantRecord};

/// Who acts, and which tenant they are limited to (None: every tenant).
#[derive(Clone, Debug)]
pub struct Actor {
    /// Recorded in the audit trail, e.g. "admin:root" (command line) or "admin:alice@api".
    pub name: String,
    pub tenant: Option<String>,
    /// Peer address when the action came over the network.
    pub peer: Option<String>,
}

impl Actor {
    /// An administrator at the server's own command line (every tenant).
    pub fn cli() -> Actor {
        Actor {
            name: format!(
                "admin:{}",
                std::env::var("SUDO_USER")
                    .or_else(|_| std::env::var("USER"))
                    .unwrap_or_else(|_| "unknown".into())
            ),
            tenant: None,
            peer: None,
        }
    }
}

/// What the service works on.
pub struct Ctx<'a> {
    pub store: &'a dyn Store,
    pub envelope: &'a Envelope,
    pub dir: &'a DataDir,
    pub actor: Actor,
}

/// Why an action failed, with a message for the administrator.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ServiceError {
    /// No such key, client or tenant (or not visible to this actor).
    NotFound(String),
    /// The request is wrong: bad value, bad state for this change.
    Invalid(String),
    /// It exists already.
    Conflict(String),
    /// The actor may not do this.
    Forbidden(String),
    /// The store or a provider failed.
    Unavailable(String),
}

impl ServiceError {
    pub fn message(&self) -> &str {
        match self {
            ServiceError::NotFound(m)
            | ServiceError::Invalid(m)
            | ServiceError::Conflict(m)
            | ServiceError::Forbidden(m)
            | ServiceError::Unavailable(m) => m,
        }
    }
}

impl fmt::Display for ServiceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message())
    }
}

impl From<ServiceError> for String {
    fn from(e: ServiceError) -> String {
        e.message().to_owned()
    }
}

pub type ServiceResult<T> = Result<T, ServiceError>;

pub(crate) fn store_error(e: StoreError) -> ServiceError {
    match e {
        StoreError::NotFound(w) => ServiceError::NotFound(format!("not found: {w}")),
        StoreError::AlreadyExists(w) => ServiceError::Conflict(format!("already exists: {w}")),
        StoreError::Conflict(w) => ServiceError::Conflict(format!("changed meanwhile: {w}; retry")),
        StoreError::Backend(m) => ServiceError::Unavailable(format!("the store failed: {m}")),
    }
}

impl Ctx<'_> {
    /// The tenants this actor may see, or only the one named (NotFound when absent or not visible).
    pub fn tenants(&self, only: Option<&str>) -> ServiceResult<Vec<TenantRecord>> {
        let all = self.store.list_tenants().map_err(store_error)?;
        let visible: Vec<TenantRecord> = all
            .into_iter()
            .filter(|t| match self.actor.tenant.as_deref() {
                Some(a) => a == t.name,
                None => true,
            })
            .collect();
        match only {
            Some(n) => visible
                .into_iter()
                .find(|t| t.name == n)
                .map(|t| vec![t])
                .ok_or_else(|| ServiceError::NotFound(format!("no tenant named {n:?}"))),
            None => Ok(visible),
        }
    }

    /// One tenant by name, visible to this actor.
    pub fn tenant(&self, name: &str) -> ServiceResult<TenantRecord> {
        self.tenants(Some(name))?
            .into_iter()
            .next()
            .ok_or_else(|| ServiceError::NotFound(format!("no tenant named {name:?}")))
    }

    /// Appends the audit record of an action; an action that cannot be audited is reported failed.
    pub fn audit(
        &self,
        tenant_id: Option<&str>,
        operation: &str,
        uid: Option<&str>,
        outcome: &str,
    ) -> ServiceResult<()> {
        self.store
            .append_audit(&AuditRecord {
                at: crate::server::objects::now(),
                tenant_id: tenant_id.map(str::to_owned),
                actor: self.actor.name.clone(),
                operation: operation.to_owned(),
                uid: uid.map(str::to_owned),
                outcome: outcome.to_owned(),
                peer: self.actor.peer.clone(),
            })
            .map_err(|e| {
                ServiceError::Unavailable(format!(
                    "the action was not audited ({e}); check the store"
                ))
            })
    }

    /// Audits the result of an action and passes it on.
    pub fn audited<T>(
        &self,
        tenant_id: Option<&str>,
        operation: &str,
        uid: Option<&str>,
        result: ServiceResult<T>,
    ) -> ServiceResult<T> {
        let outcome = match &result {
            Ok(_) => "success".to_owned(),
            Err(e) => format!("failed: {e}"),
        };
        self.audit(tenant_id, operation, uid, &outcome)?;
        result
    }
}
