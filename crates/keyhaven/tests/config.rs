//! The configuration file against the real binary: `keyhaven serve` takes its settings from
//! `--config FILE`; precedence flags > environment > file > defaults; a misspelled key is refused
//! with its name and line; `config check` prints the effective settings with secrets redacted.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_keyhaven")
}

fn keyhaven(args: &[&str], env: &[(&str, &str)]) -> std::process::Output {
    let mut c = Command::new(bin());
    c.args(args)
        .env_remove("KEYHAVEN_DATA_DIR")
        .env_remove("KEYHAVEN_LOG");
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().expect("run keyhaven")
}

fn write_config(dir: &Path, extra: &str) -> std::path::PathBuf {
    let f = dir.join("keyhaven.toml");
    std::fs::write(
        &f,
        format!(
            "# Keyhaven test configuration\ndata_dir = \"{}\"\nlisten = [\"127.0.0.1:0\"]\nlog_format = \"json\"\n{extra}",
            dir.join("data").display()
        ),
    )
    .expect("write config");
    f
}

#[test]
fn check_shows_sources_and_redacts_secrets() {
    let dir = tempfile::tempdir().expect("tempdir");
    let f = write_config(
        dir.path(),
        "max_batch_items = 9\nidle_timeout_secs = 33\ndatabase_url = \"postgres://kh:s3cret-pw@db1/kh\"\n",
    );
    let out = keyhaven(
        &["--config", f.to_str().expect("utf8"), "config", "check"],
        &[("KEYHAVEN_IDLE_TIMEOUT_SECS", "44")],
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let line = |k: &str| {
        text.lines()
            .find(|l| l.starts_with(&format!("{k} ")))
            .unwrap_or_else(|| panic!("no {k} in {text}"))
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    assert_eq!(line("max_batch_items"), "max_batch_items = 9 # file");
    assert_eq!(
        line("idle_timeout_secs"),
        "idle_timeout_secs = 44 # environment"
    );
    assert_eq!(line("max_connections"), "max_connections = 2048 # default");
    assert!(
        line("database_url").contains("postgres://kh:***@db1/kh"),
        "{text}"
    );
    assert!(!text.contains("s3cret-pw"), "the password is redacted");
    // A flag beats the file.
    let other = dir.path().join("elsewhere");
    let out = keyhaven(
        &[
            "--config",
            f.to_str().expect("utf8"),
            "--data-dir",
            other.to_str().expect("utf8"),
            "config",
            "check",
        ],
        &[],
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains(&format!("\"{}\"", other.display())) && text.contains("# flag"),
        "{text}"
    );
}

#[test]
fn misspelled_keys_and_bad_values_name_their_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let f = write_config(dir.path(), "\nmax_conections = 10\n");
    let out = keyhaven(
        &["--config", f.to_str().expect("utf8"), "config", "check"],
        &[],
    );
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("line 6")
            && err.contains("`max_conections`")
            && err.contains("max_connections"),
        "{err}"
    );
    // Serve refuses it too, before doing anything.
    let out = keyhaven(&["--config", f.to_str().expect("utf8"), "serve"], &[]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("max_conections"));
    let f = write_config(dir.path(), "read_timeout_secs = \"soon\"\n");
    let out = keyhaven(&["--config", f.to_str().expect("utf8"), "serve"], &[]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        !out.status.success() && err.contains("line 5") && err.contains("read_timeout_secs"),
        "{err}"
    );
    // A named file that does not exist is an error.
    let out = keyhaven(
        &["--config", "/nonexistent/keyhaven.toml", "config", "check"],
        &[],
    );
    assert!(!out.status.success());
}

/// Starts `serve` with the file and returns its log once it listens.
fn serve_log(f: &Path, flags: &[&str], env: &[(&str, &str)]) -> String {
    let dir = f.parent().expect("dir");
    let ready = dir.join("ready");
    let log = dir.join("serve.log");
    let _ = std::fs::remove_file(&ready);
    let mut c = Command::new(bin());
    c.args([
        "--config",
        f.to_str().expect("utf8"),
        "serve",
        "--ready-file",
    ])
    .arg(&ready)
    .args(flags)
    .env_remove("KEYHAVEN_LOG")
    .stdout(Stdio::null())
    .stderr(std::fs::File::create(&log).expect("log"));
    for (k, v) in env {
        c.env(k, v);
    }
    let mut child = c.spawn().expect("serve");
    let deadline = Instant::now() + Duration::from_secs(60);
    while !ready.exists() {
        assert!(
            Instant::now() < deadline,
            "server did not start: {}",
            std::fs::read_to_string(&log).unwrap_or_default()
        );
        if let Ok(Some(st)) = child.try_wait() {
            panic!(
                "serve exited {st}: {}",
                std::fs::read_to_string(&log).unwrap_or_default()
            );
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    // Something logged at info: a connection that does not speak TLS is refused with a reason.
    let addr = std::fs::read_to_string(&ready).expect("ready");
    let addr = addr.lines().next().expect("address").trim().to_owned();
    {
        use std::io::{Read, Write};
        let mut t = std::net::TcpStream::connect(addr.as_str()).expect("connect");
        let _ = t.write_all(b"GET / HTTP/1.1\r\n\r\n");
        let _ = t.set_read_timeout(Some(Duration::from_secs(10)));
        let mut b = [0u8; 64];
        let _ = t.read(&mut b);
    }
    let deadline = Instant::now() + Duration::from_secs(10);
    while !std::fs::read_to_string(&log)
        .unwrap_or_default()
        .contains("not_tls")
        && Instant::now() < deadline
    {
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = child.kill();
    let _ = child.wait();
    std::fs::read_to_string(&log).unwrap_or_default()
}

#[test]
fn serve_takes_the_file_with_env_and_flags_on_top() {
    let dir = tempfile::tempdir().expect("tempdir");
    let f = write_config(dir.path(), "");
    let is_json = |log: &str| log.lines().any(|l| l.starts_with("{\"timestamp\""));
    // File: JSON lines, in the data directory it names.
    let log = serve_log(&f, &[], &[]);
    assert!(is_json(&log), "{log}");
    assert!(dir.path().join("data/keyhaven.db").exists());
    // Environment over the file: text.
    let log = serve_log(&f, &[], &[("KEYHAVEN_LOG_FORMAT", "text")]);
    assert!(!is_json(&log) && log.contains(" INFO "), "{log}");
    // Flag over the environment: JSON again.
    let log = serve_log(
        &f,
        &["--log-format", "json"],
        &[("KEYHAVEN_LOG_FORMAT", "text")],
    );
    assert!(is_json(&log), "{log}");
}
