//! Admin commands in the audit chain: every `client`, `tenant` and `provider` command that changes
//! something leaves a record (actor `admin:<user>`, operation e.g. `admin client remove`, the
//! subject's name, and the outcome), in the same hash chain as the KMIP operations. `key revoke|
//! destroy|restore` and `tenant rotate-root` write their own, richer records.

use std::path::Path;

use super::CliResult;
use crate::store::AuditRecord;

/// Commands that only read: not recorded.
const READ_ONLY: &[&str] = &["List", "Show", "Rotations", "Check"];
/// Commands that record themselves.
const SELF_AUDITED: &[&str] = &["RotateRoot"];

fn kebab(variant: &str) -> String {
    let mut out = String::new();
    for (i, c) in variant.chars().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            out.push('-');
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}

/// The variant name and the `name:` field of a clap command's Debug form (never a secret: password
/// options are file paths).
fn describe(debug: &str) -> (String, Option<String>) {
    let variant: String = debug
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect();
    let name = debug.split("name: ").nth(1).and_then(|rest| {
        let rest = rest.strip_prefix("Some(").unwrap_or(rest);
        let rest = rest.strip_prefix('"')?;
        rest.split('"').next().map(str::to_owned)
    });
    (variant, name)
}

/// Records `area` command `cmd` (its Debug form) and its result.
pub fn record(data_dir: &Path, area: &str, cmd: &str, result: &CliResult) {
    let (variant, subject) = describe(cmd);
    if READ_ONLY.contains(&variant.as_str()) || SELF_AUDITED.contains(&variant.as_str()) {
        return;
    }
    let outcome = match result {
        Ok(()) => "success".to_owned(),
        Err(e) => format!("failed: {e}"),
    };
    let rec = AuditRecord {
        at: crate::server::objects::now(),
        tenant_id: None,
        actor: format!(
            "admin:{}",
            std::env::var("SUDO_USER")
                .or_else(|_| std::env::var("USER"))
                .unwrap_or_else(|_| "unknown".into())
        ),
        operation: format!("admin {area} {}", kebab(&variant)),
        uid: subject,
        outcome,
        peer: None,
    };
    let written = super::open_admin(data_dir)
        .map_err(|e| e.to_string())
        .and_then(|o| o.store.append_audit(&rec).map_err(|e| e.to_string()));
    if let Err(e) = written {
        eprintln!(
            "warning: this admin action could not be added to the audit trail ({e}): {} {} {:?}",
            rec.operation, rec.outcome, rec.uid
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_the_command_and_its_subject() {
        assert_eq!(
            describe(r#"Remove { name: "vc1", yes: true }"#),
            ("Remove".into(), Some("vc1".into()))
        );
        assert_eq!(describe("Suspend { name: \"t\" }").0, "Suspend");
        assert_eq!(kebab("TrustCert"), "trust-cert");
        assert_eq!(describe("List { json: false }").1, None);
    }
}
