//! `keyhaven audit`: who did what to which key; `audit verify` checks the hash chain and its
//! signed checkpoints and names the first broken record; `audit prune --before DATE` removes old
//! records and leaves a signed anchor; `audit checkpoint` signs the chain's current end.

use std::path::Path;

use clap::{Args, Subcommand};

use super::{fmt_time, open_admin, CliResult};
use crate::audit::signing::{AuditSigner, AuditVerifier};
use crate::audit::verify;
use crate::service::audit::{self, AuditQuery};
use crate::service::{Actor, Ctx};

#[derive(Args, Debug)]
pub struct AuditArgs {
    #[command(subcommand)]
    pub action: Option<AuditAction>,
    /// Only this tenant.
    #[arg(long)]
    pub tenant: Option<String>,
    /// Only this key (unique identifier).
    #[arg(long)]
    pub uid: Option<String>,
    /// Most recent N records.
    #[arg(long, default_value_t = 100)]
    pub limit: usize,
    /// Only records whose actor contains this text (e.g. admin: or a client name).
    #[arg(long)]
    pub actor: Option<String>,
    /// Only this operation (e.g. Get, AdminRevoke).
    #[arg(long)]
    pub operation: Option<String>,
    /// Only failures.
    #[arg(long)]
    pub failures: bool,
    #[arg(long)]
    pub json: bool,
    /// Output CSV.
    #[arg(long, conflicts_with = "json")]
    pub csv: bool,
}

#[derive(Subcommand, Debug)]
pub enum AuditAction {
    /// Check the whole hash chain, its signed checkpoints and pruning anchor; exits 1 naming the
    /// first broken record (altered, deleted, reordered or inserted).
    Verify {
        #[arg(long)]
        json: bool,
    },
    /// Remove the records older than DATE (YYYY-MM-DD or RFC 3339, UTC), after verifying the chain;
    /// a signed anchor takes their place so that `verify` still passes.
    Prune {
        #[arg(long, value_name = "DATE")]
        before: String,
    },
    /// Sign a checkpoint of the chain's current end now (the server does it every 1000 records
    /// and every minute).
    Checkpoint,
}

/// Parses YYYY-MM-DD (midnight UTC) or YYYY-MM-DDTHH:MM:SSZ into seconds since the epoch.
pub fn parse_date(s: &str) -> Result<i64, String> {
    let bad = || format!("{s:?} is not a date: use YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ (UTC)");
    let (date, clock) = match s.split_once('T') {
        Some((d, t)) => (d, Some(t.strip_suffix('Z').ok_or_else(bad)?)),
        None => (s, None),
    };
    let num = |x: &str| x.parse::<i64>().map_err(|_| bad());
    let d: Vec<&str> = date.split('-').collect();
    let [y, m, day] = d.as_slice() else {
        return Err(bad());
    };
    let month =
        time::Month::try_from(u8::try_from(num(m)?).map_err(|_| bad())?).map_err(|_| bad())?;
    let date = time::Date::from_calendar_date(
        i32::try_from(num(y)?).map_err(|_| bad())?,
        month,
        u8::try_from(num(day)?).map_err(|_| bad())?,
    )
    .map_err(|_| bad())?;
    let mut t = date.midnight().assume_utc().unix_timestamp();
    if let Some(c) = clock {
        let p: Vec<&str> = c.split(':').collect();
        let [h, mi, se] = p.as_slice() else {
            return Err(bad());
        };
        let (h, mi, se) = (num(h)?, num(mi)?, num(se)?);
        if !(0..24).contains(&h) || !(0..60).contains(&mi) || !(0..61).contains(&se) {
            return Err(bad());
        }
        t += h * 3600 + mi * 60 + se;
    }
    Ok(t)
}

fn action(data_dir: &Path, act: AuditAction) -> CliResult {
    let o = open_admin(data_dir)?;
    let now = crate::server::objects::now();
    match act {
        AuditAction::Verify { json } => {
            let verifier = AuditVerifier::load(data_dir).ok();
            if verifier.is_none() {
                eprintln!(
                    "warning: no audit public key in {}: checkpoint and anchor signatures are not checked",
                    crate::audit::signing::public_key_path(data_dir).display()
                );
            }
            match verify::verify(o.store.as_ref(), verifier.as_ref()) {
                Ok(r) => {
                    if json {
                        println!(
                            "{}",
                            serde_json::json!({"ok": true, "records": r.records, "first_seq": r.first_seq,
                                "last_seq": r.last_seq, "checkpoints": r.checkpoints, "anchor_seq": r.anchor_seq,
                                "unchained": r.unchained, "head": hex::encode(&r.last_hash)})
                        );
                    } else {
                        println!(
                            "audit chain intact: {} records (seq {} to {}), {} signed checkpoints matched{}{}",
                            r.records,
                            r.first_seq,
                            r.last_seq,
                            r.checkpoints,
                            r.anchor_seq
                                .map(|s| format!(", starts after the signed pruning anchor at seq {s}"))
                                .unwrap_or_default(),
                            if r.unchained > 0 {
                                format!(", {} older records from before the chain (not verifiable)", r.unchained)
                            } else {
                                String::new()
                            }
                        );
                    }
                    Ok(())
                }
                Err(verify::VerifyError::Broken(b)) => {
                    if json {
                        println!(
                            "{}",
                            serde_json::json!({"ok": false, "id": b.id, "seq": b.seq, "reason": b.reason})
                        );
                    }
                    Err(format!("the audit chain is broken: {b}"))
                }
                Err(e) => Err(e.to_string()),
            }
        }
        AuditAction::Prune { before } => {
            let before = parse_date(&before)?;
            let signer = AuditSigner::load_or_create(data_dir)?;
            let p = verify::prune(o.store.as_ref(), &signer, before, now)
                .map_err(|e| format!("{e}; nothing was pruned"))?;
            match p.anchor {
                Some(a) => println!(
                    "pruned {} audit records before {}; signed anchor at seq {}",
                    p.removed,
                    fmt_time(before),
                    a.seq
                ),
                None => println!(
                    "pruned {} audit records (no chained record is older than {})",
                    p.removed,
                    fmt_time(before)
                ),
            }
            Ok(())
        }
        AuditAction::Checkpoint => {
            let signer = AuditSigner::load_or_create(data_dir)?;
            match verify::checkpoint(o.store.as_ref(), &signer, now).map_err(|e| e.to_string())? {
                Some(c) => println!("signed audit checkpoint at seq {}", c.seq),
                None => {
                    println!("nothing to sign: the chain's end is already checkpointed (or empty)")
                }
            }
            Ok(())
        }
    }
}

pub fn run(data_dir: &Path, a: AuditArgs) -> CliResult {
    if let Some(act) = a.action {
        return action(data_dir, act);
    }
    let o = open_admin(data_dir)?;
    let ctx = Ctx {
        store: o.store.as_ref(),
        envelope: &o.envelope,
        dir: &o.dir,
        actor: Actor::cli(),
    };
    let recs = audit::query(
        &ctx,
        &AuditQuery {
            tenant: a.tenant.clone(),
            uid: a.uid.clone(),
            actor: a.actor.clone(),
            operation: a.operation.clone(),
            failures_only: a.failures,
            limit: a.limit,
        },
    )?;
    if a.csv {
        print!("{}", audit::to_csv(&recs));
    } else if a.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&recs).map_err(|e| e.to_string())?
        );
    } else {
        println!(
            "{:<25} {:<20} {:<18} {:<38} {:<22} OUTCOME",
            "AT", "ACTOR", "OPERATION", "UID", "PEER"
        );
        for r in recs {
            println!(
                "{:<25} {:<20} {:<18} {:<38} {:<22} {}",
                r.at,
                r.actor,
                r.operation,
                r.uid.as_deref().unwrap_or("-"),
                r.peer.as_deref().unwrap_or("-"),
                r.outcome
            );
        }
    }
    Ok(())
}
