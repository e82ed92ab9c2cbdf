//! `keyhaven audit verify` and `keyhaven audit prune`: walks the chain in order from the genesis
//! hash (or from the signed anchor the last prune left) and names the first record that does not
//! fit:
//!
//! * altered: its fields no longer give its stored hash (content, position or links rewritten);
//! * deleted: a position is missing, or the chain ends before its head or a signed checkpoint;
//! * reordered or inserted: its stored link is not the hash of the record before it, its
//!   position is taken twice, or it sits before the chain's start;
//! * rewritten wholesale (every hash recomputed by someone with database access): a signed
//!   checkpoint no longer matches, since only the server's audit key can sign a new one.
//!
//! What a chain cannot show: records removed from the end after the last checkpoint, together with
//! the head row. Checkpoints bound that window; the shipped copies (JSON lines, syslog) cover it.

use std::collections::BTreeMap;

use super::signing::{AuditSigner, AuditVerifier, Kind};
use crate::store::audit_chain::{link, GENESIS};
use crate::store::{AuditCheckpoint, ChainedAudit, Store, StoreError};

const PAGE: usize = 10_000;

/// Where and why the chain is broken.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Break {
    /// The row identifier of the first record that does not fit (when a record is at fault).
    pub id: Option<i64>,
    /// Its chain position.
    pub seq: Option<i64>,
    pub reason: String,
}

impl std::fmt::Display for Break {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.id, self.seq) {
            (Some(id), Some(seq)) => write!(f, "record id {id} (seq {seq}): {}", self.reason),
            (None, Some(seq)) => write!(f, "at seq {seq}: {}", self.reason),
            _ => write!(f, "{}", self.reason),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum VerifyError {
    #[error("the audit chain is broken: {0}")]
    Broken(Break),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// What a successful verification covered.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// Chained records checked.
    pub records: u64,
    /// First and last positions checked (0 when none).
    pub first_seq: i64,
    pub last_seq: i64,
    /// Signed checkpoints matched against the chain.
    pub checkpoints: usize,
    /// The position of the pruning anchor the chain starts after, if any.
    pub anchor_seq: Option<i64>,
    /// Rows from before the chain existed (not verifiable).
    pub unchained: i64,
    /// The hash of the last record (the chain's current value).
    pub last_hash: Vec<u8>,
}

fn broken(r: Option<&ChainedAudit>, seq: Option<i64>, reason: impl Into<String>) -> VerifyError {
    VerifyError::Broken(Break {
        id: r.map(|r| r.id),
        seq: r.and_then(|r| r.seq).or(seq),
        reason: reason.into(),
    })
}

/// Verifies the whole chain. With `verifier`, the anchor and checkpoints must carry its valid
/// signatures; without one they are matched against the chain but their signatures not checked.
pub fn verify(store: &dyn Store, verifier: Option<&AuditVerifier>) -> Result<Report, VerifyError> {
    verify_upto(store, verifier, None, &mut |_| {})
}

/// Verifies the chain up to position `upto` (or its end), calling `each` on every record checked.
pub fn verify_upto(
    store: &dyn Store,
    verifier: Option<&AuditVerifier>,
    upto: Option<i64>,
    each: &mut dyn FnMut(&ChainedAudit),
) -> Result<Report, VerifyError> {
    let mut report = Report {
        unchained: store.count_unchained_audit()?,
        ..Report::default()
    };
    let (mut prev, mut expect) = (GENESIS.to_vec(), 1i64);
    if let Some(a) = store.audit_anchor()? {
        if let Some(v) = verifier {
            v.check(Kind::Anchor, &a).map_err(|e| {
                broken(
                    None,
                    Some(a.seq),
                    format!("the pruning anchor is not valid: {e}"),
                )
            })?;
        }
        report.anchor_seq = Some(a.seq);
        prev = a.hash.clone();
        expect = a.seq + 1;
    }
    let mut checkpoints: BTreeMap<i64, AuditCheckpoint> = BTreeMap::new();
    for c in store.list_audit_checkpoints()? {
        if c.seq < expect {
            continue; // before the anchor: covered by it
        }
        if let Some(v) = verifier {
            v.check(Kind::Checkpoint, &c).map_err(|e| {
                broken(
                    None,
                    Some(c.seq),
                    format!("the checkpoint is not valid: {e}"),
                )
            })?;
        }
        checkpoints.insert(c.seq, c);
    }
    report.first_seq = expect;
    if let Some(id) = store.unchained_after_chain_start()? {
        return Err(VerifyError::Broken(Break {
            id: Some(id),
            seq: None,
            reason: "a record without a chain position sits among chained ones: it was inserted"
                .into(),
        }));
    }
    let mut prev_before: Vec<u8> = Vec::new();
    let mut last_id: Option<i64> = None;
    let mut after = i64::MIN;
    'pages: loop {
        let page = store.audit_chain(after, PAGE)?;
        let Some(last) = page.last() else { break };
        after = last.seq.unwrap_or(i64::MAX);
        let full = page.len() == PAGE;
        for r in &page {
            let seq = r.seq.unwrap_or_default();
            if upto.is_some_and(|u| seq > u) {
                break 'pages;
            }
            if seq < expect {
                let why = if seq == expect - 1 && report.records > 0 {
                    format!("position {seq} is taken twice: a record was inserted")
                } else {
                    format!(
                        "position {seq} is before the chain's start at {expect}: a record was inserted or moved"
                    )
                };
                return Err(broken(Some(r), None, why));
            }
            if seq > expect {
                let missing = if seq == expect + 1 {
                    format!("record {expect} is missing (deleted)")
                } else {
                    format!("records {expect} to {} are missing (deleted)", seq - 1)
                };
                return Err(broken(Some(r), None, format!("{missing} before this one")));
            }
            let (Some(stored_prev), Some(stored)) = (&r.prev_hash, &r.hash) else {
                return Err(broken(Some(r), None, "its chain hashes were removed"));
            };
            if *stored_prev != prev {
                if report.records > 0 && *stored_prev == prev_before {
                    // It links to the record two back: the one just before it was slipped in.
                    return Err(VerifyError::Broken(Break {
                        id: last_id,
                        seq: Some(seq - 1),
                        reason: "this record was inserted: the record after it links to the one before it".into(),
                    }));
                }
                return Err(broken(
                    Some(r),
                    None,
                    format!(
                        "it does not follow record {}: records were reordered, or one was inserted or replaced before it",
                        seq - 1
                    ),
                ));
            }
            if link(stored_prev, seq, &r.record).as_slice() != stored.as_slice() {
                return Err(broken(
                    Some(r),
                    None,
                    "its content does not match its hash: the record was altered (or moved from another position)",
                ));
            }
            if let Some(c) = checkpoints.get(&seq) {
                if c.hash != *stored {
                    return Err(broken(
                        Some(r),
                        None,
                        "the signed checkpoint at this position holds another hash: the chain up to here was rewritten",
                    ));
                }
                report.checkpoints += 1;
            }
            each(r);
            prev_before = std::mem::replace(&mut prev, stored.clone());
            last_id = Some(r.id);
            report.records += 1;
            report.last_seq = seq;
            expect += 1;
        }
        if !full {
            break;
        }
    }
    let end = expect - 1;
    if upto.is_none() {
        if let Some((&cseq, _)) = checkpoints.range(end + 1..).next() {
            return Err(broken(
                None,
                Some(end + 1),
                format!(
                    "the chain ends at {end} but a signed checkpoint vouches for position {cseq}: records {} to {cseq} or more were deleted",
                    end + 1
                ),
            ));
        }
        let (head_seq, head_hash) = store.audit_head()?;
        if head_seq > end {
            return Err(broken(
                None,
                Some(end + 1),
                format!(
                    "the chain ends at {end} but its head says {head_seq}: records {} to {head_seq} were deleted",
                    end + 1
                ),
            ));
        }
        if head_seq != end || (end > 0 && head_hash != prev) {
            return Err(broken(
                None,
                Some(end),
                format!("the chain head (seq {head_seq}) does not match its last record ({end})"),
            ));
        }
    }
    report.last_hash = prev;
    Ok(report)
}

/// Signs a checkpoint of the chain's current end, after verifying the records since the last
/// checkpoint (so the server never vouches for records that do not chain). `None` when the chain
/// is empty or already checkpointed at its end.
pub fn checkpoint(
    store: &dyn Store,
    signer: &AuditSigner,
    now: i64,
) -> Result<Option<AuditCheckpoint>, VerifyError> {
    let (head_seq, head_hash) = store.audit_head()?;
    if head_seq == 0 {
        return Ok(None);
    }
    let last = store.list_audit_checkpoints()?.into_iter().last();
    if last.as_ref().is_some_and(|c| c.seq >= head_seq) {
        return Ok(None);
    }
    // Verify from the last checkpoint (or anchor, or genesis) to the head.
    let start = match &last {
        Some(c) => (c.seq, c.hash.clone()),
        None => match store.audit_anchor()? {
            Some(a) => (a.seq, a.hash),
            None => (0, GENESIS.to_vec()),
        },
    };
    let (mut prev, mut expect) = (start.1, start.0 + 1);
    let mut after = start.0;
    while expect <= head_seq {
        let page = store.audit_chain(after, PAGE)?;
        if page.is_empty() {
            break;
        }
        for r in &page {
            let seq = r.seq.unwrap_or_default();
            if seq > head_seq {
                break;
            }
            let ok = seq == expect
                && r.prev_hash.as_deref() == Some(prev.as_slice())
                && r.hash
                    .as_deref()
                    .is_some_and(|h| link(&prev, seq, &r.record).as_slice() == h);
            if !ok {
                return Err(broken(
                    Some(r),
                    None,
                    "does not chain; no checkpoint signed (run `keyhaven audit verify`)",
                ));
            }
            prev = r.hash.clone().unwrap_or_default();
            expect += 1;
        }
        after = page.last().and_then(|r| r.seq).unwrap_or(i64::MAX);
    }
    if expect <= head_seq || prev != head_hash {
        return Err(broken(
            None,
            Some(expect),
            "the records up to the chain head are not all there; no checkpoint signed",
        ));
    }
    let c = signer.sign(Kind::Checkpoint, head_seq, &head_hash, now);
    store.add_audit_checkpoint(&c)?;
    Ok(Some(c))
}

/// What `prune` did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pruned {
    pub removed: u64,
    /// The anchor left in their place (None when nothing was old enough).
    pub anchor: Option<AuditCheckpoint>,
}

/// Removes the records older than `before` (seconds since the epoch): the longest prefix of the
/// chain whose records are all older, after verifying the whole chain, and leaves a signed anchor
/// at the last record removed so that `verify` still passes.
pub fn prune(
    store: &dyn Store,
    signer: &AuditSigner,
    before: i64,
    now: i64,
) -> Result<Pruned, VerifyError> {
    let mut cut: Option<(i64, Vec<u8>)> = None;
    let mut stopped = false;
    verify_upto(store, Some(&signer.verifier), None, &mut |r| {
        if stopped {
            return;
        }
        if r.record.at < before {
            cut = Some((
                r.seq.unwrap_or_default(),
                r.hash.clone().unwrap_or_default(),
            ));
        } else {
            stopped = true;
        }
    })?;
    let Some((seq, hash)) = cut else {
        let removed = if store.count_unchained_audit()? > 0 {
            // Only unchained rows may be old enough; keep the existing anchor (if any).
            match store.audit_anchor()? {
                Some(a) => store.prune_audit(&a, before)?,
                None => 0,
            }
        } else {
            0
        };
        return Ok(Pruned {
            removed,
            anchor: None,
        });
    };
    let anchor = signer.sign(Kind::Anchor, seq, &hash, now);
    let removed = store.prune_audit(&anchor, before)?;
    Ok(Pruned {
        removed,
        anchor: Some(anchor),
    })
}
