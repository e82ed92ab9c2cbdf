//! A throwaway PostgreSQL server for tests: Debian's binaries (`/usr/lib/postgresql/*/bin`), a
//! cluster in a temporary directory, listening on a free 127.0.0.1 port only, trust authentication.
//! PostgreSQL refuses to run as root: as root it runs as the `postgres` system user (runuser).
//!
//! Missing binaries fail the test with the command that installs them: these tests never pass by
//! skipping.
#![allow(dead_code)]

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

pub const INSTALL_HINT: &str =
    "run scripts/install-test-deps.sh (as root: it installs Debian's postgresql package)";

/// A running PostgreSQL server; stopped (immediate mode) and deleted on drop.
pub struct PgServer {
    /// Holds the cluster, its socket and log; readable by the server's user.
    pub dir: tempfile::TempDir,
    pub port: u16,
    bin: PathBuf,
    /// The user the server runs as when the tests run as root.
    run_as: Option<String>,
    /// The server's command-line options (port, listen address, ...).
    opts: String,
}

/// The newest `/usr/lib/postgresql/<version>/bin` that holds the server binaries, or the directory
/// named by `KEYHAVEN_TEST_PG_BIN` when set.
pub fn find_bin_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("KEYHAVEN_TEST_PG_BIN") {
        let bin = PathBuf::from(dir);
        return ["initdb", "pg_ctl", "postgres", "psql"]
            .iter()
            .all(|b| bin.join(b).exists())
            .then_some(bin);
    }
    let mut found: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let v: u32 = e.file_name().to_str()?.parse().ok()?;
            let bin = e.path().join("bin");
            ["initdb", "pg_ctl", "postgres", "psql"]
                .iter()
                .all(|b| bin.join(b).exists())
                .then_some((v, bin))
        })
        .collect();
    found.sort();
    found.pop().map(|(_, b)| b)
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

/// A free TCP port on 127.0.0.1 (free when asked; the caller binds it soon after).
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free loopback port")
}

fn check(what: &str, out: std::io::Result<Output>) -> String {
    let out = out.unwrap_or_else(|e| panic!("{what}: cannot run: {e}"));
    assert!(
        out.status.success(),
        "{what} failed ({}): {}{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

impl PgServer {
    /// initdb + start. Panics (failing the test) when PostgreSQL is not installed.
    pub fn start() -> PgServer {
        let bin = find_bin_dir().unwrap_or_else(|| {
            panic!(
                "PostgreSQL server binaries (initdb, pg_ctl, postgres, psql) not found under \
                 /usr/lib/postgresql/*/bin: {INSTALL_HINT}"
            )
        });
        let run_as = if is_root() {
            let ok = Command::new("id")
                .args(["-u", "postgres"])
                .output()
                .map(|o| o.status.success())
                .unwrap_or(false);
            assert!(
                ok,
                "running as root, PostgreSQL needs the unprivileged `postgres` system user, which \
                 does not exist: {INSTALL_HINT}"
            );
            Some("postgres".to_owned())
        } else {
            None
        };
        // As root, under /tmp: the server's user must reach the directory, which a TMPDIR inside
        // root's home would not let it.
        let parent = if run_as.is_some() && Path::new("/tmp").is_dir() {
            PathBuf::from("/tmp")
        } else {
            std::env::temp_dir()
        };
        let dir = tempfile::Builder::new()
            .prefix("keyhaven-pg-")
            .tempdir_in(parent)
            .expect("tempdir");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            // The server's user must reach its cluster inside our temporary directory.
            std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755))
                .expect("chmod tempdir");
        }
        let s = PgServer {
            dir,
            port: 0,
            bin,
            run_as,
            opts: String::new(),
        };
        std::fs::create_dir(s.home()).expect("mkdir pg");
        if let Some(user) = &s.run_as {
            check(
                "chown the PostgreSQL directory",
                Command::new("chown")
                    .arg(format!("{user}:"))
                    .arg(s.home())
                    .output(),
            );
        }
        check(
            "initdb",
            s.as_server_user(&s.bin.join("initdb"))
                .arg("-D")
                .arg(s.data())
                .args([
                    "-A",
                    "trust",
                    "-U",
                    "postgres",
                    "-E",
                    "UTF8",
                    "--no-sync",
                    "--no-instructions",
                ])
                .output(),
        );
        let mut s = s;
        // A port another process may take between our probe and the server's bind: retry.
        let mut last = String::new();
        for _ in 0..5 {
            s.port = free_port();
            s.opts = format!(
                "-p {} -c listen_addresses=127.0.0.1 -c unix_socket_directories={} \
                 -c max_connections=200 -c fsync=on -c synchronous_commit=on",
                s.port,
                s.home().display()
            );
            let out = s
                .as_server_user(&s.bin.join("pg_ctl"))
                .arg("-D")
                .arg(s.data())
                .arg("-l")
                .arg(s.log())
                .args(["-w", "-t", "60", "-o", &s.opts])
                .arg("start")
                .output()
                .expect("run pg_ctl start");
            if out.status.success() {
                return s;
            }
            last = format!(
                "{}{}\n{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr),
                s.log_text()
            );
        }
        panic!("PostgreSQL did not start: {last}");
    }

    fn as_server_user(&self, program: &Path) -> Command {
        match &self.run_as {
            Some(user) => {
                let mut c = Command::new("runuser");
                c.args(["-u", user, "--"]).arg(program);
                c
            }
            None => Command::new(program),
        }
    }

    /// The directory owned by the server's user.
    pub fn home(&self) -> PathBuf {
        self.dir.path().join("pg")
    }

    pub fn data(&self) -> PathBuf {
        self.home().join("data")
    }

    pub fn log(&self) -> PathBuf {
        self.home().join("postgres.log")
    }

    pub fn log_text(&self) -> String {
        std::fs::read_to_string(self.log()).unwrap_or_default()
    }

    /// URL of database `db` (user postgres, trust authentication on 127.0.0.1).
    pub fn url(&self, db: &str) -> String {
        format!("postgres://postgres@127.0.0.1:{}/{db}", self.port)
    }

    /// Runs SQL with psql in database `db`; returns the unaligned, tuples-only output.
    pub fn psql(&self, db: &str, sql: &str) -> String {
        check(
            &format!("psql {sql:?}"),
            Command::new(self.bin.join("psql"))
                .args([
                    "-X",
                    "-q",
                    "-At",
                    "-v",
                    "ON_ERROR_STOP=1",
                    "-h",
                    "127.0.0.1",
                ])
                .args(["-p", &self.port.to_string(), "-U", "postgres", "-d", db])
                .args(["-c", sql])
                .output(),
        )
    }

    /// Creates an empty database and returns its URL.
    pub fn create_database(&self, name: &str) -> String {
        self.psql("postgres", &format!("CREATE DATABASE \"{name}\""));
        self.url(name)
    }

    fn pg_ctl(&self, args: &[&str]) -> String {
        check(
            &format!("pg_ctl {args:?}"),
            self.as_server_user(&self.bin.join("pg_ctl"))
                .arg("-D")
                .arg(self.data())
                .args(args)
                .output(),
        )
    }

    /// Turns TLS on with this certificate and key (PEM); plain connections stay allowed.
    pub fn enable_tls(&self, cert_pem: &str, key_pem: &str) {
        let (cert, key) = (
            self.data().join("server.crt"),
            self.data().join("server.key"),
        );
        std::fs::write(&cert, cert_pem).expect("write server.crt");
        std::fs::write(&key, key_pem).expect("write server.key");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o600))
                .expect("chmod server.key");
        }
        if let Some(user) = &self.run_as {
            check(
                "chown the TLS files",
                Command::new("chown")
                    .arg(format!("{user}:"))
                    .arg(&cert)
                    .arg(&key)
                    .output(),
            );
        }
        self.psql("postgres", "ALTER SYSTEM SET ssl = on");
        self.psql("postgres", "SELECT pg_reload_conf()");
        std::thread::sleep(Duration::from_millis(300));
    }

    /// `pg_ctl restart -m fast` (waits until it accepts connections again); returns how long the
    /// command took.
    pub fn restart(&self) -> Duration {
        let t = Instant::now();
        // -l: without it the new server writes to pg_ctl's stdout, our pipe, which then never
        // reaches EOF.
        let log = self.log().to_string_lossy().into_owned();
        self.pg_ctl(&["-w", "-t", "60", "-m", "fast", "-l", &log, "restart"]);
        t.elapsed()
    }

    /// `pg_ctl stop -m fast`.
    pub fn stop(&self) {
        self.pg_ctl(&["-w", "-t", "60", "-m", "fast", "stop"]);
    }

    /// Starts the stopped server again on the same port.
    pub fn start_again(&self) {
        let log = self.log().to_string_lossy().into_owned();
        self.pg_ctl(&["-w", "-t", "60", "-l", &log, "-o", &self.opts, "start"]);
    }
}

impl PgServer {
    /// The postmaster and its children (every process of this server, none other), from /proc.
    fn pids(&self) -> Vec<String> {
        let Ok(text) = std::fs::read_to_string(self.data().join("postmaster.pid")) else {
            return Vec::new();
        };
        let Some(main) = text.lines().next().map(str::trim).map(str::to_owned) else {
            return Vec::new();
        };
        let mut pids = vec![main.clone()];
        for e in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
            let Ok(stat) = std::fs::read_to_string(e.path().join("stat")) else {
                continue;
            };
            // "pid (comm) state ppid ...": the command may hold spaces, so split after ')'.
            let ppid = stat
                .rsplit_once(')')
                .and_then(|(_, rest)| rest.split_whitespace().nth(1));
            if ppid == Some(main.as_str()) {
                pids.push(e.file_name().to_string_lossy().into_owned());
            }
        }
        pids
    }

    fn signal(&self, sig: &str) {
        let pids = self.pids();
        if !pids.is_empty() {
            // The shell's built-in kill: no dependency on procps.
            let _ = Command::new("sh")
                .arg("-c")
                .arg(format!("kill {sig} {}", pids.join(" ")))
                .stderr(std::process::Stdio::null())
                .status();
        }
    }

    /// SIGSTOP to the server and its backends: it still accepts TCP connections (the kernel
    /// completes them) but answers nothing, as a partitioned or hung database would.
    pub fn freeze(&self) {
        self.signal("-STOP");
    }

    /// SIGCONT after [`PgServer::freeze`].
    pub fn thaw(&self) {
        self.signal("-CONT");
    }
}

impl Drop for PgServer {
    fn drop(&mut self) {
        self.thaw();
        let _ = self
            .as_server_user(&self.bin.join("pg_ctl"))
            .arg("-D")
            .arg(self.data())
            .args(["-m", "immediate", "-w", "-t", "30", "stop"])
            .output();
    }
}
