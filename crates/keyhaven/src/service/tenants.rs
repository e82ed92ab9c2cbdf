//! Tenants and their root keys: list with root-key state, create, suspend and resume, disable and
//! enable the root key, rotate it.

use serde::Serialize;

use super::{store_error, Ctx, ServiceError, ServiceResult};
use crate::cli::fmt_time;
use crate::datadir;
use crate::store::{TenantRecord, TenantState};

/// A tenant as shown to administrators.
#[derive(Clone, Debug, Serialize)]
pub struct TenantView {
    pub name: String,
    pub id: String,
    pub state: &'static str,
    pub root_provider: String,
    pub root_key: String,
    /// The root key's state in its provider (active, disabled, destroyed, unreachable...).
    pub root_key_state: String,
    pub created: String,
}

fn root_state(ctx: &Ctx, t: &TenantRecord) -> String {
    match ctx.envelope.provider(&t.root_provider) {
        Some(p) => match p.status(&t.root_key_ref) {
            Ok(s) => s.as_str().to_owned(),
            Err(e) => format!("unreachable: {e}"),
        },
        None => "unknown provider".into(),
    }
}

fn view(ctx: &Ctx, t: &TenantRecord, with_root_state: bool) -> TenantView {
    TenantView {
        name: t.name.clone(),
        id: t.id.clone(),
        state: t.state.as_str(),
        root_provider: t.root_provider.clone(),
        root_key: t.root_key_ref.clone(),
        root_key_state: if with_root_state {
            root_state(ctx, t)
        } else {
            String::new()
        },
        created: fmt_time(t.created_at),
    }
}

/// The tenants this actor sees; `with_root_state` asks each provider for its key's state.
pub fn list(ctx: &Ctx, with_root_state: bool) -> ServiceResult<Vec<TenantView>> {
    Ok(ctx
        .tenants(None)?
        .iter()
        .map(|t| view(ctx, t, with_root_state))
        .collect())
}

fn require_all_tenants(ctx: &Ctx) -> ServiceResult<()> {
    match &ctx.actor.tenant {
        Some(t) => Err(ServiceError::Forbidden(format!(
            "an administrator limited to tenant {t} cannot create tenants"
        ))),
        None => Ok(()),
    }
}

/// Creates a tenant with a new root key in `provider` (or adopts the key labelled `label`).
pub fn create(
    ctx: &Ctx,
    opened: &datadir::Opened,
    name: &str,
    provider: &str,
    label: Option<&str>,
) -> ServiceResult<TenantView> {
    require_all_tenants(ctx)?;
    let result = datadir::create_tenant_with(opened, name, provider, label)
        .map_err(|e| ServiceError::Invalid(e.to_string()));
    let id = result.as_ref().ok().map(|t| t.id.clone());
    let t = ctx.audited(id.as_deref(), "AdminCreateTenant", Some(name), result)?;
    Ok(view(ctx, &t, false))
}

/// Suspends (no key served, no client served) or resumes a tenant.
pub fn set_state(ctx: &Ctx, name: &str, state: TenantState) -> ServiceResult<TenantView> {
    let t = ctx.tenant(name)?;
    let op = match state {
        TenantState::Active => "AdminResumeTenant",
        _ => "AdminSuspendTenant",
    };
    let result = ctx
        .store
        .set_tenant_state(&t.id, state)
        .map_err(store_error);
    ctx.audited(Some(&t.id), op, Some(name), result)?;
    let t = ctx.tenant(name)?;
    Ok(view(ctx, &t, false))
}

/// Disables (every node refuses the tenant's keys within its check interval) or enables the
/// tenant's root key in its provider.
pub fn set_root_key_usable(ctx: &Ctx, name: &str, usable: bool) -> ServiceResult<TenantView> {
    let t = ctx.tenant(name)?;
    let result = (|| {
        let p = ctx.envelope.provider(&t.root_provider).ok_or_else(|| {
            ServiceError::Unavailable(format!(
                "tenant {name}: no root key provider named {:?} on this node",
                t.root_provider
            ))
        })?;
        let r = if usable {
            p.enable_key(&t.root_key_ref)
        } else {
            p.disable_key(&t.root_key_ref)
        };
        r.map_err(|e| ServiceError::Invalid(format!("tenant {name}: {e}")))
    })();
    let op = if usable {
        "AdminEnableRootKey"
    } else {
        "AdminDisableRootKey"
    };
    ctx.audited(Some(&t.id), op, Some(&t.root_key_ref), result)?;
    Ok(view(ctx, &t, true))
}

/// The outcome of a root key rotation.
#[derive(Clone, Debug, Serialize)]
pub struct Rotated {
    pub old_root_key: String,
    pub new_root_key: String,
    pub resumed: bool,
}

/// Rotates the tenant's root key (see `crypto::rotation`); `progress` receives each step.
pub fn rotate(ctx: &Ctx, name: &str, progress: &mut dyn FnMut(&str)) -> ServiceResult<Rotated> {
    let t = ctx.tenant(name)?;
    let result = crate::crypto::rotation::rotate_root_key(
        ctx.store,
        ctx.envelope,
        &t.id,
        crate::crypto::rotation::SETTLE,
        progress,
    )
    .map_err(ServiceError::Unavailable)
    .map(|out| Rotated {
        old_root_key: out.old_ref,
        new_root_key: out.new_ref,
        resumed: out.resumed,
    });
    let outcome = match &result {
        Ok(r) => format!("success: {} -> {}", r.old_root_key, r.new_root_key),
        Err(e) => format!("failed: {e}"),
    };
    ctx.audit(Some(&t.id), "RotateRootKey", None, &outcome)?;
    result
}
