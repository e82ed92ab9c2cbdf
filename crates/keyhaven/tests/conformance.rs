//! The OASIS KMIP profile test cases (testdata/kmip-vectors/oasis 1.0, 1.4, 2.1) against the real
//! server, through `keyhaven conformance --expect conformance/expected-failures.txt`: fails when a
//! case fails that the list does not name, or when a listed case passes (remove it from the list).

#[allow(unused_imports)]
mod common;

use std::path::PathBuf;
use std::process::Command;

use common::{bin, TestServer};

fn vectors_dir() -> PathBuf {
    std::env::var_os("KMIP_VECTORS_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../testdata/kmip-vectors/oasis")
        })
}

fn repo_file(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(rel)
}

#[test]
fn oasis_test_cases_match_the_expected_failure_list() {
    let vectors = vectors_dir();
    assert!(
        vectors.join("1.0").is_dir(),
        "OASIS test cases not found at {} (set KMIP_VECTORS_DIR)",
        vectors.display()
    );
    let server = TestServer::start_with(&["--log", "warn", "--https-listen", "127.0.0.1:0"]);
    server.issue("conformance", "default");
    // The MSGENC cases are played over KMIP over HTTPS (the `https=ADDR` line of the ready file).
    let ready = std::fs::read_to_string(server.dir.path().join("ready")).expect("ready file");
    let https = ready
        .lines()
        .find_map(|l| l.strip_prefix("https="))
        .expect("the HTTPS address in the ready file")
        .to_owned();
    let creds = server.dir.path().join("client-conformance");
    let report = server.dir.path().join("CONFORMANCE.md");
    let out = Command::new(bin())
        .arg("conformance")
        .args([
            "--server",
            &server.addr.to_string(),
            "--server-name",
            "localhost",
            "--https",
            &https,
        ])
        .arg("--ca")
        .arg(creds.join("ca.crt"))
        .arg("--cert")
        .arg(creds.join("conformance.crt"))
        .arg("--key")
        .arg(creds.join("conformance.key"))
        .arg("--expect")
        .arg(repo_file("conformance/expected-failures.txt"))
        .arg("--report")
        .arg(&report)
        .arg(vectors.join("1.0"))
        .arg(vectors.join("1.4"))
        .arg(vectors.join("2.1"))
        .output()
        .expect("run keyhaven conformance");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "keyhaven conformance disagrees with conformance/expected-failures.txt:\n{stderr}\n\
         --- full output:\n{stdout}"
    );
    let last = stdout.lines().last().unwrap_or_default();
    let (passed, failed) = last
        .split_once(" passed, ")
        .and_then(|(p, f)| {
            Some((
                p.parse::<usize>().ok()?,
                f.strip_suffix(" failed")?.parse::<usize>().ok()?,
            ))
        })
        .unwrap_or_else(|| panic!("no closing `N passed, M failed` line: {last:?}"));
    assert!(passed + failed > 250, "{last}");
    let md = std::fs::read_to_string(&report).expect("report written");
    assert!(
        md.contains("| version | profile | mandatory | optional | test cases |"),
        "{md}"
    );
    eprintln!("OASIS test cases against Keyhaven: {last}");
}
