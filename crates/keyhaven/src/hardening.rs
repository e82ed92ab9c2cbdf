//! Process hardening applied at `serve` start-up: no core dumps (`PR_SET_DUMPABLE` 0, which also
//! keeps other processes of the same user from ptrace-attaching or reading /proc/PID/mem, and
//! `RLIMIT_CORE` 0). Key memory itself is locked and undumpable ([`crate::crypto::locked`]).
//! The open-files limit is raised to its hard limit (room for `--max-connections`). Whatever
//! could not be applied is logged at start-up, one line.

/// What was applied and what was not.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Hardening {
    pub applied: Vec<&'static str>,
    pub failed: Vec<String>,
}

/// Applies the process-wide settings.
pub fn apply() -> Hardening {
    let mut h = Hardening::default();
    #[cfg(target_os = "linux")]
    {
        // SAFETY: prctl with integer arguments only.
        if unsafe { libc::prctl(libc::PR_SET_DUMPABLE, 0, 0, 0, 0) } == 0 {
            h.applied.push("PR_SET_DUMPABLE=0");
        } else {
            h.failed.push(format!(
                "PR_SET_DUMPABLE=0: {}",
                std::io::Error::last_os_error()
            ));
        }
        let zero = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        // SAFETY: a valid rlimit struct.
        if unsafe { libc::setrlimit(libc::RLIMIT_CORE, &zero) } == 0 {
            h.applied.push("RLIMIT_CORE=0");
        } else {
            h.failed.push(format!(
                "RLIMIT_CORE=0: {}",
                std::io::Error::last_os_error()
            ));
        }
        // Room for --max-connections: the soft limit of open files up to the hard one.
        let mut nofile = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        // SAFETY: a valid rlimit struct to fill, then to set.
        if unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut nofile) } == 0
            && nofile.rlim_cur < nofile.rlim_max
        {
            nofile.rlim_cur = nofile.rlim_max.min(1 << 20);
            // SAFETY: as above.
            if unsafe { libc::setrlimit(libc::RLIMIT_NOFILE, &nofile) } == 0 {
                h.applied.push("RLIMIT_NOFILE raised to its hard limit");
            }
        }
        // Probe whether key pages can be locked: the same call the key cache makes.
        let probe = crate::crypto::locked::LockedKey::<32>::new();
        if probe.is_locked() {
            h.applied.push("mlock+MADV_DONTDUMP of key pages");
        } else {
            h.failed.push(
                "mlock of key pages refused (RLIMIT_MEMLOCK too small or no CAP_IPC_LOCK): cached keys may be swapped out"
                    .into(),
            );
        }
    }
    #[cfg(not(target_os = "linux"))]
    h.failed
        .push("core dump and memory locking settings exist on Linux only".into());
    if h.failed.is_empty() {
        tracing::info!(applied = ?h.applied, "key material kept out of core dumps and swap");
    } else {
        tracing::warn!(applied = ?h.applied, not_applied = ?h.failed, "hardening not fully applied");
    }
    h
}
