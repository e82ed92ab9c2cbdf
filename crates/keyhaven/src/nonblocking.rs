//! Running a request on an async worker thread, where nothing may wait.
//!
//! A request whose answer can come from memory (a Get of a key the store reads without waiting:
//! SQLite's page cache, a cached tenant key) is answered on the connection's own task, without the
//! hand-off to the blocking pool that costs two thread wake-ups. While [`attempt`] runs its closure
//! the thread is marked; every part that could wait (a store write, a database round trip, a root
//! key provider call, a full audit queue, a store lock held by someone else) calls [`refuse`]
//! instead, which marks the attempt as failed. The caller then throws the attempt's result away and
//! runs the request again on the blocking pool, from the start. Only operations without effects
//! before their first refusal are attempted (see `server::dispatch`), so the retry is exact.

use std::cell::Cell;

thread_local! {
    static STATE: Cell<State> = const { Cell::new(State::Off) };
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    Off,
    Running,
    Refused,
}

/// Runs `f` marked as non-blocking; `None` when some part refused (the result is dropped).
pub fn attempt<T>(f: impl FnOnce() -> T) -> Option<T> {
    struct Reset(State);
    impl Drop for Reset {
        fn drop(&mut self) {
            STATE.with(|s| s.set(self.0));
        }
    }
    let previous = STATE.with(|s| s.replace(State::Running));
    let _reset = Reset(previous);
    let out = f();
    match STATE.with(Cell::get) {
        State::Running => Some(out),
        _ => None,
    }
}

/// Whether the current thread runs a non-blocking attempt (refused or not).
pub fn active() -> bool {
    STATE.with(|s| s.get() != State::Off)
}

/// Whether the current attempt has been refused (its result will be thrown away): the caller
/// skips effects that would otherwise follow, such as an audit record.
pub fn refused() -> bool {
    STATE.with(|s| s.get() == State::Refused)
}

/// Called by a part that would wait: true (and the attempt fails) when the thread must not wait,
/// in which case the caller returns an error at once instead of waiting.
pub fn refuse() -> bool {
    STATE.with(|s| {
        if s.get() == State::Off {
            false
        } else {
            s.set(State::Refused);
            true
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attempt_succeeds_unless_refused_and_resets() {
        assert!(!active());
        assert!(!refuse(), "outside an attempt nothing is refused");
        assert_eq!(attempt(|| 1), Some(1));
        assert_eq!(
            attempt(|| {
                assert!(active());
                assert!(!refused());
                assert!(refuse());
                assert!(refused());
                2
            }),
            None
        );
        assert!(!active());
        // A panic inside an attempt leaves the thread unmarked.
        let r = std::panic::catch_unwind(|| attempt(|| panic!("boom")));
        assert!(r.is_err());
        assert!(!active());
    }
}
