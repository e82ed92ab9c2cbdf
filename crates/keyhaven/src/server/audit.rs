//! The audit trail: one record per operation, written by a background thread in batches so that the
//! request path does not wait for a disk write per Get. The store chains every record
//! ([`crate::store::audit_chain`]); this writer also signs checkpoints now and then and ships
//! committed records (JSON lines, syslog, [`crate::audit::ship`]).
//!
//! No record is dropped silently. The queue is bounded: when the writer falls behind, requests
//! wait for room. While the store refuses writes the batch is retried with backoff; after
//! [`RETRY_FOR`] it goes to the spool file (`audit-spool.jsonl` in the data directory, fsynced)
//! and joins the chain as soon as the store accepts writes again. Without a spool file the batch is
//! retried for as long as it takes. A record that cannot be queued (the writer has stopped) is
//! written directly, or spooled.
//!
//! Fail-closed mode (`serve --audit-fail-closed`): operations are refused while the store refuses
//! audit records, and each answer waits until its record is committed (or spooled: then the
//! answer is an error, since the record is not in the chain yet).

use std::fs::OpenOptions;
use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::sync::{Arc, Condvar, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crate::audit::ship::{Shipped, Shipper};
use crate::audit::signing::AuditSigner;
use crate::audit::verify;
use crate::store::{AuditRecord, Store};

const QUEUE: usize = 8192;
const BATCH: usize = 512;
/// How long the writer lets records gather after the first of a batch.
const LINGER: Duration = Duration::from_millis(2);
/// How long a batch is retried while the store refuses it before it is spooled.
pub const RETRY_FOR: Duration = Duration::from_secs(120);
/// How long a stopping server retries records the store refuses (see [`AuditOptions::shutdown_grace`]).
pub const SHUTDOWN_GRACE: Duration = Duration::from_secs(10);
/// How long a fail-closed answer waits for its record.
const FAIL_CLOSED_WAIT: Duration = Duration::from_secs(10);

/// How the trail is kept.
pub struct AuditOptions {
    /// Refuse operations when the audit cannot be written.
    pub fail_closed: bool,
    /// Where batches the store keeps refusing are kept until it accepts them.
    pub spool: Option<PathBuf>,
    /// Copies of committed records (JSON lines, syslog).
    pub shipper: Option<Shipper>,
    /// Signs checkpoints.
    pub signer: Option<Arc<AuditSigner>>,
    /// A checkpoint after this many records...
    pub checkpoint_every: u64,
    /// ...or this long after the last one when records were added since.
    pub checkpoint_interval: Duration,
    /// How long a batch is retried before it is spooled.
    pub retry_for: Duration,
    /// Once the server is stopping, how long records the store refuses are retried before they
    /// are spooled at once or, when no spool file takes them either, written to the log as their
    /// last copy: a stop must end even when the store is gone (its disk removed or failed).
    pub shutdown_grace: Duration,
}

impl Default for AuditOptions {
    fn default() -> Self {
        AuditOptions {
            fail_closed: false,
            spool: None,
            shipper: None,
            signer: None,
            checkpoint_every: 1000,
            checkpoint_interval: Duration::from_secs(60),
            retry_for: RETRY_FOR,
            shutdown_grace: SHUTDOWN_GRACE,
        }
    }
}

/// Why a fail-closed operation is refused.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct AuditUnavailable(pub String);

/// Progress shared between the writer and the requests.
#[derive(Default)]
struct Progress {
    /// Records handled (committed or spooled), in queue order.
    done: Mutex<u64>,
    changed: Condvar,
    /// The store refuses audit records right now.
    failing: AtomicBool,
    /// When [`AuditSink::close`] was called.
    closing: Mutex<Option<Instant>>,
}

pub struct AuditSink {
    /// The queue, and how many records were queued (their ticket numbers).
    tx: Mutex<(Option<SyncSender<AuditRecord>>, u64)>,
    writer: Mutex<Option<JoinHandle<()>>>,
    progress: Arc<Progress>,
    store: Arc<dyn Store>,
    spool: Option<PathBuf>,
    fail_closed: bool,
}

impl AuditSink {
    pub fn start(store: Arc<dyn Store>) -> AuditSink {
        Self::start_with(store, AuditOptions::default())
    }

    pub fn start_with(store: Arc<dyn Store>, opts: AuditOptions) -> AuditSink {
        let (tx, rx) = sync_channel(QUEUE);
        let progress = Arc::new(Progress::default());
        let spool = opts.spool.clone();
        let fail_closed = opts.fail_closed;
        let writer = {
            let (store, progress) = (store.clone(), progress.clone());
            std::thread::Builder::new()
                .name("keyhaven-audit".into())
                .spawn(move || Writer::new(store, progress, opts).run(rx))
                .ok()
        };
        if writer.is_none() {
            tracing::error!("cannot start the audit writer thread: records are written directly");
        }
        AuditSink {
            tx: Mutex::new((writer.as_ref().map(|_| tx), 0)),
            writer: Mutex::new(writer),
            progress,
            store,
            spool,
            fail_closed,
        }
    }

    /// Whether operations must be refused now (fail-closed mode and the store refuses records).
    pub fn refusing(&self) -> Option<AuditUnavailable> {
        (self.fail_closed && self.progress.failing.load(Ordering::SeqCst)).then(|| {
            AuditUnavailable(
                "the audit trail cannot be written (the store refuses it); operations are refused until it can (--audit-fail-closed)".into(),
            )
        })
    }

    /// Queues a record (waits when the queue is full). In fail-closed mode, waits until it is
    /// committed and returns an error when it is not.
    pub fn record(&self, rec: AuditRecord) -> Result<(), AuditUnavailable> {
        if crate::nonblocking::active() {
            return self.record_nonblocking(rec);
        }
        let ticket = {
            let mut g = self.tx.lock().unwrap_or_else(|p| p.into_inner());
            match g.0.clone() {
                Some(tx) => match tx.send(rec) {
                    Ok(()) => {
                        super::metrics::global()
                            .audit_backlog
                            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        g.1 += 1;
                        Some(g.1)
                    }
                    Err(e) => {
                        g.0 = None;
                        drop(g);
                        return self.write_direct(e.0);
                    }
                },
                None => {
                    drop(g);
                    return self.write_direct(rec);
                }
            }
        };
        if !self.fail_closed {
            return Ok(());
        }
        let Some(ticket) = ticket else { return Ok(()) };
        let deadline = Instant::now() + FAIL_CLOSED_WAIT;
        let mut done = self.progress.done.lock().unwrap_or_else(|p| p.into_inner());
        loop {
            if self.progress.failing.load(Ordering::SeqCst) {
                return Err(AuditUnavailable(
                    "the audit record of this operation could not be written (the store refuses it); it is kept and retried (--audit-fail-closed)".into(),
                ));
            }
            if *done >= ticket {
                return Ok(());
            }
            let now = Instant::now();
            if now >= deadline {
                return Err(AuditUnavailable(format!(
                    "the audit record of this operation was not written within {} s (--audit-fail-closed)",
                    FAIL_CLOSED_WAIT.as_secs()
                )));
            }
            done = self
                .progress
                .changed
                .wait_timeout(done, deadline - now)
                .map(|(g, _)| g)
                .unwrap_or_else(|p| p.into_inner().0);
        }
    }

    /// [`AuditSink::record`] inside a non-blocking attempt ([`crate::nonblocking`]): anything that
    /// would wait (a full queue, fail-closed's wait for the commit, a direct write) refuses the
    /// attempt instead, and the request runs again on the blocking pool.
    fn record_nonblocking(&self, rec: AuditRecord) -> Result<(), AuditUnavailable> {
        if self.fail_closed {
            crate::nonblocking::refuse();
            return Ok(());
        }
        let mut g = self.tx.lock().unwrap_or_else(|p| p.into_inner());
        let sent = match g.0.as_ref() {
            Some(tx) => tx.try_send(rec).is_ok(),
            None => false,
        };
        match sent {
            true => {
                super::metrics::global()
                    .audit_backlog
                    .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                g.1 += 1;
            }
            false => {
                crate::nonblocking::refuse();
            }
        }
        Ok(())
    }

    /// The writer is gone (after shutdown, or it could not start): write in the caller's thread,
    /// else spool; never drop silently.
    fn write_direct(&self, rec: AuditRecord) -> Result<(), AuditUnavailable> {
        match self.store.append_audit(&rec) {
            Ok(()) => Ok(()),
            Err(e) => {
                let spooled = self
                    .spool
                    .as_ref()
                    .map(|p| spool_write(p, std::slice::from_ref(&rec)));
                match spooled {
                    Some(Ok(())) => {
                        tracing::error!(error = %e, operation = %rec.operation, "audit record spooled: the store refused it")
                    }
                    _ => {
                        tracing::error!(error = %e, actor = %rec.actor, operation = %rec.operation, uid = ?rec.uid, outcome = %rec.outcome, at = rec.at, "AUDIT RECORD NOT STORED: the store refused it and no spool file could take it; this log line is its only copy")
                    }
                }
                Err(AuditUnavailable(format!(
                    "the audit record could not be written: {e}"
                )))
            }
        }
    }

    /// Writes every queued record (and a final checkpoint) and stops the writer.
    pub fn close(&self) {
        if let Ok(mut c) = self.progress.closing.lock() {
            c.get_or_insert_with(Instant::now);
        }
        if let Ok(mut g) = self.tx.lock() {
            g.0.take();
        }
        if let Some(h) = self.writer.lock().ok().and_then(|mut g| g.take()) {
            let _ = h.join();
        }
    }
}

fn spool_write(path: &PathBuf, records: &[AuditRecord]) -> std::io::Result<()> {
    let mut o = OpenOptions::new();
    o.append(true).create(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(0o600);
    }
    let mut f = o.open(path)?;
    let mut text = String::new();
    for r in records {
        text.push_str(
            &serde_json::json!({"at": r.at, "tenant_id": r.tenant_id, "actor": r.actor,
                "operation": r.operation, "uid": r.uid, "outcome": r.outcome, "peer": r.peer})
            .to_string(),
        );
        text.push('\n');
    }
    f.write_all(text.as_bytes())?;
    f.sync_all()
}

fn spool_read(path: &PathBuf) -> std::io::Result<Vec<AuditRecord>> {
    let f = std::fs::File::open(path)?;
    let mut out = Vec::new();
    for line in std::io::BufReader::new(f).lines() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value = match serde_json::from_str(&line) {
            Ok(v) => v,
            Err(e) => {
                // A torn last line (crash while spooling): kept aside, not lost.
                tracing::error!(file = %path.display(), error = %e, "unreadable line in the audit spool file (left in place)");
                return Err(std::io::Error::other("unreadable spool line"));
            }
        };
        let s = |k: &str| v[k].as_str().map(str::to_owned);
        out.push(AuditRecord {
            at: v["at"].as_i64().unwrap_or_default(),
            tenant_id: s("tenant_id"),
            actor: s("actor").unwrap_or_default(),
            operation: s("operation").unwrap_or_default(),
            uid: s("uid"),
            outcome: s("outcome").unwrap_or_default(),
            peer: s("peer"),
        });
    }
    Ok(out)
}

struct Writer {
    store: Arc<dyn Store>,
    progress: Arc<Progress>,
    opts: AuditOptions,
    since_checkpoint: u64,
    last_checkpoint: Instant,
}

impl Writer {
    fn new(store: Arc<dyn Store>, progress: Arc<Progress>, opts: AuditOptions) -> Writer {
        Writer {
            store,
            progress,
            opts,
            since_checkpoint: 0,
            last_checkpoint: Instant::now(),
        }
    }

    fn run(mut self, rx: Receiver<AuditRecord>) {
        self.replay_spool();
        loop {
            let first = match rx.recv_timeout(self.opts.checkpoint_interval) {
                Ok(r) => r,
                Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
                    self.maybe_checkpoint(false);
                    continue;
                }
                Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => break,
            };
            // Let records gather: under load one writer wake-up (and one commit) per LINGER
            // instead of one per request.
            std::thread::sleep(LINGER);
            let mut batch = vec![first];
            while batch.len() < BATCH {
                match rx.try_recv() {
                    Ok(r) => batch.push(r),
                    Err(_) => break,
                }
            }
            self.write(&batch);
            self.maybe_checkpoint(false);
        }
        self.maybe_checkpoint(true);
    }

    fn mark(&self, failing: bool, handled: usize) {
        let mut done = self.progress.done.lock().unwrap_or_else(|p| p.into_inner());
        self.progress.failing.store(failing, Ordering::SeqCst);
        *done += handled as u64;
        if handled > 0 {
            super::metrics::global()
                .audit_backlog
                .fetch_sub(handled as _, std::sync::atomic::Ordering::Relaxed);
        }
        self.progress.changed.notify_all();
    }

    /// Commits a batch (retrying), else spools it; never drops it.
    fn write(&mut self, batch: &[AuditRecord]) {
        let mut delay = Duration::from_millis(50);
        let started = Instant::now();
        loop {
            match self.store.append_audit_chained(batch) {
                Ok(links) => {
                    self.mark(false, batch.len());
                    self.since_checkpoint += batch.len() as u64;
                    self.ship(batch, &links);
                    self.replay_spool();
                    return;
                }
                Err(e) => {
                    self.mark(true, 0);
                    if started.elapsed() >= self.opts.retry_for {
                        if let Some(p) = &self.opts.spool {
                            match spool_write(p, batch) {
                                Ok(()) => {
                                    tracing::error!(error = %e, records = batch.len(), file = %p.display(), "the store refused audit records for {} s: spooled; they join the chain when it accepts writes again", self.opts.retry_for.as_secs());
                                    self.mark(true, batch.len());
                                    return;
                                }
                                Err(se) => {
                                    tracing::error!(error = %se, file = %p.display(), "cannot spool audit records either; still retrying")
                                }
                            }
                        }
                    }
                    if self.stopping_for() >= Some(self.opts.shutdown_grace) {
                        self.give_up_at_stop(batch, &e.to_string());
                        return;
                    }
                    tracing::warn!(error = %e, records = batch.len(), "cannot write audit records yet; retrying");
                    std::thread::sleep(delay);
                    delay = (delay * 2).min(Duration::from_secs(2));
                }
            }
        }
    }

    /// How long ago the server began to stop, if it is stopping.
    fn stopping_for(&self) -> Option<Duration> {
        let closing = self
            .progress
            .closing
            .lock()
            .unwrap_or_else(|p| p.into_inner());
        closing.map(|t| t.elapsed())
    }

    /// The server is stopping and the store still refuses `batch`: spooled if a spool file takes
    /// it, else each record is logged as its only copy. Never dropped silently.
    fn give_up_at_stop(&mut self, batch: &[AuditRecord], error: &str) {
        if let Some(p) = &self.opts.spool {
            if spool_write(p, batch).is_ok() {
                tracing::error!(error, records = batch.len(), file = %p.display(), "stopping: the store refuses audit records; spooled, they join the chain at the next start");
                self.mark(true, batch.len());
                return;
            }
        }
        for r in batch {
            tracing::error!(error, actor = %r.actor, operation = %r.operation, uid = ?r.uid, outcome = %r.outcome, at = r.at, tenant = ?r.tenant_id, peer = ?r.peer, "AUDIT RECORD NOT STORED: the server is stopping, the store refuses it and no spool file could take it; this log line is its only copy");
        }
        self.mark(true, batch.len());
    }

    fn ship(&mut self, batch: &[AuditRecord], links: &[(i64, Vec<u8>)]) {
        if let Some(s) = self.opts.shipper.as_mut() {
            let shipped: Vec<Shipped<'_>> = batch
                .iter()
                .zip(links)
                .map(|(r, (seq, hash))| Shipped {
                    seq: *seq,
                    hash,
                    record: r,
                })
                .collect();
            s.ship(&shipped);
        }
    }

    /// Moves spooled records into the chain once the store takes them.
    fn replay_spool(&mut self) {
        let Some(p) = self.opts.spool.clone() else {
            return;
        };
        if !p.exists() {
            return;
        }
        let Ok(records) = spool_read(&p) else { return };
        for (i, chunk) in records.chunks(BATCH).enumerate() {
            match self.store.append_audit_chained(chunk) {
                Ok(links) => self.ship(chunk, &links),
                Err(e) => {
                    tracing::warn!(error = %e, file = %p.display(), "spooled audit records not replayed yet");
                    if i > 0 {
                        // What was replayed is in the chain: keep only the rest.
                        let tmp = p.with_extension("tmp");
                        let _ = std::fs::remove_file(&tmp);
                        if spool_write(&tmp, &records[i * BATCH..]).is_ok() {
                            let _ = std::fs::rename(&tmp, &p);
                        }
                    }
                    return;
                }
            }
        }
        match std::fs::remove_file(&p) {
            Ok(()) => {
                tracing::info!(records = records.len(), file = %p.display(), "spooled audit records added to the chain")
            }
            Err(e) => {
                tracing::error!(file = %p.display(), error = %e, "spooled audit records are in the chain but the spool file cannot be removed (they would be added twice)")
            }
        }
    }

    fn maybe_checkpoint(&mut self, force: bool) {
        let Some(signer) = self.opts.signer.clone() else {
            return;
        };
        let due = self.since_checkpoint >= self.opts.checkpoint_every
            || (self.since_checkpoint > 0
                && self.last_checkpoint.elapsed() >= self.opts.checkpoint_interval)
            || (force && self.since_checkpoint > 0);
        if !due {
            return;
        }
        self.since_checkpoint = 0;
        self.last_checkpoint = Instant::now();
        match verify::checkpoint(self.store.as_ref(), &signer, super::ops::now()) {
            Ok(Some(c)) => tracing::debug!(seq = c.seq, "audit checkpoint signed"),
            Ok(None) => {}
            Err(e) => tracing::error!(error = %e, "audit checkpoint not signed"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::sqlite::SqliteStore;

    fn record() -> AuditRecord {
        AuditRecord {
            at: 1,
            tenant_id: None,
            actor: "test".into(),
            operation: "Get".into(),
            uid: Some("k".into()),
            outcome: "success".into(),
            peer: None,
        }
    }

    /// A stop ends within the grace even when the store refuses every record (its file removed)
    /// and no spool file can be written; before, the writer retried for ever and the process
    /// never exited on SIGTERM.
    #[test]
    fn close_ends_when_the_store_is_gone() {
        let dir = tempfile::tempdir().expect("tempdir");
        let db = dir.path().join("k.db");
        let store: Arc<dyn Store> = Arc::new(SqliteStore::open(&db).expect("open"));
        let sink = AuditSink::start_with(
            store,
            AuditOptions {
                spool: Some(dir.path().join("gone").join("spool.jsonl")),
                shutdown_grace: Duration::from_millis(300),
                ..Default::default()
            },
        );
        sink.record(record()).expect("queued");
        std::thread::sleep(Duration::from_millis(100));
        std::fs::remove_file(&db).expect("remove the database");
        sink.record(record()).expect("queued");
        let sink = Arc::new(sink);
        let (tx, rx) = std::sync::mpsc::channel();
        let closing = sink.clone();
        std::thread::spawn(move || {
            let started = Instant::now();
            closing.close();
            let _ = tx.send(started.elapsed());
        });
        let took = rx
            .recv_timeout(Duration::from_secs(10))
            .expect("close() returned within 10 s");
        assert!(
            took >= Duration::from_millis(300),
            "retried for the grace first ({took:?})"
        );
        assert_eq!(
            *sink.progress.done.lock().expect("lock"),
            2,
            "every record handled"
        );
    }
}
