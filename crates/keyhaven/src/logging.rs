//! Log output of `keyhaven serve`: text (colours only on a terminal) or one JSON object a line, and
//! a rate limiter for events a peer can trigger at will (refused handshakes, unknown clients), so
//! that a flood cannot fill the disk.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The log line format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum LogFormat {
    /// Human-readable lines (ANSI colours only when standard error is a terminal).
    Text,
    /// One JSON object a line (timestamp, level, target, fields), for log collectors.
    Json,
}

/// Installs the global subscriber writing to standard error.
pub fn init(filter: &str, format: LogFormat) -> Result<(), String> {
    let mut env_filter = tracing_subscriber::EnvFilter::try_new(filter)
        .map_err(|e| format!("bad --log filter: {e}"))?;
    if !filter.contains("tokio_postgres") {
        // At debug level the PostgreSQL driver logs every statement's parameters (wrapped keys,
        // password hashes): keep it at info unless asked for by name.
        env_filter = env_filter.add_directive(
            "tokio_postgres=info"
                .parse()
                .map_err(|e| format!("log filter: {e}"))?,
        );
    }
    let builder = tracing_subscriber::fmt()
        .with_env_filter(env_filter)
        .with_writer(std::io::stderr);
    let result = match format {
        LogFormat::Text => builder
            .with_ansi(std::io::stderr().is_terminal())
            .try_init(),
        LogFormat::Json => builder.json().with_ansi(false).try_init(),
    };
    result.map_err(|e| format!("cannot install the logger: {e}"))
}

/// Lets at most `burst` events through per `window`, and counts the rest so the next event let
/// through can say how many were suppressed.
pub struct RateLimit {
    burst: u64,
    window: Duration,
    state: Mutex<(Instant, u64)>,
    suppressed: AtomicU64,
}

impl RateLimit {
    pub fn new(burst: u64, window: Duration) -> RateLimit {
        RateLimit {
            burst,
            window,
            state: Mutex::new((Instant::now(), 0)),
            suppressed: AtomicU64::new(0),
        }
    }

    /// `Some(suppressed since the last event let through)` when this event may be logged.
    pub fn allow(&self) -> Option<u64> {
        let mut st = self.state.lock().unwrap_or_else(|e| e.into_inner());
        let now = Instant::now();
        if now.duration_since(st.0) >= self.window {
            *st = (now, 0);
        }
        if st.1 < self.burst {
            st.1 += 1;
            Some(self.suppressed.swap(0, Ordering::Relaxed))
        } else {
            self.suppressed.fetch_add(1, Ordering::Relaxed);
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rate_limit_counts_suppressed() {
        let r = RateLimit::new(3, Duration::from_secs(3600));
        assert_eq!(r.allow(), Some(0));
        assert_eq!(r.allow(), Some(0));
        assert_eq!(r.allow(), Some(0));
        assert_eq!(r.allow(), None);
        assert_eq!(r.allow(), None);
        let r2 = RateLimit::new(1, Duration::from_millis(0));
        assert_eq!(r2.allow(), Some(0));
    }
}
