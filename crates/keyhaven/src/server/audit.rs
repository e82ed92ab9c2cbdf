//! The audit trail: one record per operation, written by a background thread in batches so that the
//! request path does not wait for a disk write per Get. The queue is bounded: when the writer falls
//! behind, requests wait for room rather than drop records.

use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crate::store::{AuditRecord, Store};

const QUEUE: usize = 8192;
const BATCH: usize = 512;
/// How long the writer lets records gather after the first of a batch: under load one wake-up of
/// the writer (and one commit) per this interval instead of one per request.
const LINGER: Duration = Duration::from_millis(2);
/// How long a batch is retried while the store refuses it.
const RETRY_FOR: Duration = Duration::from_secs(120);

pub struct AuditSink {
    tx: Mutex<Option<SyncSender<AuditRecord>>>,
    writer: Mutex<Option<JoinHandle<()>>>,
}

impl AuditSink {
    pub fn start(store: Arc<dyn Store>) -> AuditSink {
        let (tx, rx) = sync_channel(QUEUE);
        let writer = std::thread::Builder::new()
            .name("keyhaven-audit".into())
            .spawn(move || write_loop(store, rx))
            .ok();
        AuditSink {
            tx: Mutex::new(Some(tx)),
            writer: Mutex::new(writer),
        }
    }

    /// Queues a record (waits when the queue is full; in a non-blocking attempt a full queue
    /// refuses the attempt instead, see [`crate::nonblocking`]).
    pub fn record(&self, rec: AuditRecord) {
        let tx = self.tx.lock().ok().and_then(|g| g.clone());
        match tx {
            Some(tx) if crate::nonblocking::active() => match tx.try_send(rec) {
                Ok(()) => {}
                Err(std::sync::mpsc::TrySendError::Full(_)) => {
                    crate::nonblocking::refuse();
                }
                Err(std::sync::mpsc::TrySendError::Disconnected(_)) => {
                    tracing::error!("audit writer stopped; record lost")
                }
            },
            Some(tx) => {
                super::metrics::global()
                    .audit_backlog
                    .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                if tx.send(rec).is_err() {
                    tracing::error!("audit writer stopped; record lost");
                }
            }
            None => tracing::error!(operation = %rec.operation, "audit sink closed; record lost"),
        }
    }

    /// Writes every queued record and stops the writer.
    pub fn close(&self) {
        if let Ok(mut g) = self.tx.lock() {
            g.take();
        }
        if let Some(h) = self.writer.lock().ok().and_then(|mut g| g.take()) {
            let _ = h.join();
        }
    }
}

fn write_loop(store: Arc<dyn Store>, rx: Receiver<AuditRecord>) {
    while let Ok(first) = rx.recv() {
        std::thread::sleep(LINGER);
        let mut batch = vec![first];
        while batch.len() < BATCH {
            match rx.try_recv() {
                Ok(r) => batch.push(r),
                Err(_) => break,
            }
        }
        // A store outage (say, PostgreSQL restarting) must not lose the trail: retry with backoff.
        // Meanwhile the queue fills and requests wait for room (the audit fails closed). Given up
        // only after RETRY_FOR, with an error naming how many records were lost.
        let written = batch.len() as i64;
        let mut delay = Duration::from_millis(50);
        let started = Instant::now();
        while let Err(e) = store.append_audit_batch(&batch) {
            if started.elapsed() >= RETRY_FOR {
                tracing::error!(error = %e, records = batch.len(), "audit records lost: the store refused them for {} s", RETRY_FOR.as_secs());
                break;
            }
            tracing::warn!(error = %e, records = batch.len(), "cannot write audit records yet; retrying");
            std::thread::sleep(delay);
            delay = (delay * 2).min(Duration::from_secs(2));
        }
        super::metrics::global()
            .audit_backlog
            .fetch_sub(written, std::sync::atomic::Ordering::Relaxed);
    }
}
