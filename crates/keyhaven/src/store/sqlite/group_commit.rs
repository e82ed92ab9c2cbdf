//! Group commit: concurrent writers share one transaction, so one fsync acknowledges many of them.
//!
//! Each caller queues its item and waits. Whoever finds no commit in progress becomes the leader:
//! it takes everything queued (its own item included), commits it, files each item's outcome and
//! wakes every waiter at once. Waiters whose outcome is filed return; the others (queued while the
//! commit ran) elect the next leader among themselves.
//!
//! The earlier scheme made every caller take the database writer's mutex in turn to learn its
//! outcome: after each commit the waiters woke one after the other, each handing the mutex to the
//! next (a convoy of one context switch per waiter), and the next commit waited behind them. With
//! 64 connections that chain, not the disk, bounded Creates per second (BENCHMARKS.md, "third
//! run").

use std::collections::HashMap;
use std::sync::{Condvar, Mutex, MutexGuard};

use crate::store::{StoreError, StoreResult};

pub(crate) struct GroupCommit<T, R = ()> {
    state: Mutex<State<T, R>>,
    filed: Condvar,
}

struct State<T, R> {
    queue: Vec<(u64, T)>,
    outcomes: HashMap<u64, StoreResult<R>>,
    next_ticket: u64,
    committing: bool,
}

impl<T, R> Default for GroupCommit<T, R> {
    fn default() -> Self {
        GroupCommit {
            state: Mutex::new(State {
                queue: Vec::new(),
                outcomes: HashMap::new(),
                next_ticket: 0,
                committing: false,
            }),
            filed: Condvar::new(),
        }
    }
}

/// Files the leader's batch as failed if its commit unwinds, so that nobody waits forever.
struct Leader<'a, T, R> {
    gc: &'a GroupCommit<T, R>,
    tickets: Vec<u64>,
    outcomes: Option<Vec<StoreResult<R>>>,
}

impl<T, R> Drop for Leader<'_, T, R> {
    fn drop(&mut self) {
        let mut outcomes = self.outcomes.take().unwrap_or_default().into_iter();
        let mut st = self.gc.lock();
        for t in self.tickets.drain(..) {
            let outcome = outcomes.next().unwrap_or_else(|| {
                Err(StoreError::Backend(
                    "the group commit holding this write failed before it finished".into(),
                ))
            });
            st.outcomes.insert(t, outcome);
        }
        st.committing = false;
        drop(st);
        self.gc.filed.notify_all();
    }
}

impl<T, R> GroupCommit<T, R> {
    fn lock(&self) -> MutexGuard<'_, State<T, R>> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Queues `item` and returns its outcome once a commit that holds it has finished. `commit`
    /// runs (at most once, in this thread) when this caller leads a commit: it receives the batch
    /// in queue order and returns one outcome per item.
    pub(crate) fn submit(
        &self,
        item: T,
        commit: impl FnOnce(&[T]) -> Vec<StoreResult<R>>,
    ) -> StoreResult<R> {
        let mut commit = Some(commit);
        let mut st = self.lock();
        let ticket = st.next_ticket;
        st.next_ticket += 1;
        st.queue.push((ticket, item));
        loop {
            if let Some(outcome) = st.outcomes.remove(&ticket) {
                return outcome;
            }
            if !st.committing {
                if let Some(commit) = commit.take() {
                    st.committing = true;
                    let (tickets, items): (Vec<u64>, Vec<T>) =
                        std::mem::take(&mut st.queue).into_iter().unzip();
                    drop(st);
                    let mut leader = Leader {
                        gc: self,
                        tickets,
                        outcomes: None,
                    };
                    leader.outcomes = Some(commit(&items));
                    drop(leader); // files the outcomes and wakes the waiters
                    st = self.lock();
                    continue;
                }
            }
            st = self.filed.wait(st).unwrap_or_else(|p| p.into_inner());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;

    #[test]
    fn every_caller_gets_its_own_outcome_and_batches_form() {
        let gc = Arc::new(GroupCommit::<u32>::default());
        let commits = Arc::new(AtomicUsize::new(0));
        let threads: Vec<_> = (0..32u32)
            .map(|i| {
                let (gc, commits) = (gc.clone(), commits.clone());
                std::thread::spawn(move || {
                    gc.submit(i, |batch| {
                        commits.fetch_add(1, Ordering::SeqCst);
                        std::thread::sleep(std::time::Duration::from_millis(5));
                        batch
                            .iter()
                            .map(|v| match v % 3 {
                                0 => Err(StoreError::Conflict(format!("item {v}"))),
                                _ => Ok(()),
                            })
                            .collect()
                    })
                })
            })
            .collect();
        for (i, t) in threads.into_iter().enumerate() {
            let outcome = t.join().expect("thread");
            match i % 3 {
                0 => assert!(
                    matches!(&outcome, Err(StoreError::Conflict(m)) if *m == format!("item {i}")),
                    "{outcome:?}"
                ),
                _ => assert!(outcome.is_ok(), "{outcome:?}"),
            }
        }
        let n = commits.load(Ordering::SeqCst);
        assert!(
            n < 32,
            "32 callers over 5 ms commits share commits ({n} commits)"
        );
    }

    #[test]
    fn a_commit_that_panics_fails_its_batch_and_the_next_one_runs() {
        let gc = GroupCommit::<u32>::default();
        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            gc.submit(1, |_| panic!("commit failed"))
        }));
        assert!(r.is_err());
        assert!(gc.submit(2, |b| b.iter().map(|_| Ok(())).collect()).is_ok());
        // A short outcome list fails the items it does not cover.
        assert!(matches!(
            gc.submit(3, |_| Vec::new()),
            Err(StoreError::Backend(_))
        ));
    }
}
