//! `keyhaven bench` against a real server: every workload runs briefly and prints one JSON object
//! with no errors. No timing is asserted here; figures belong to BENCHMARKS.md.

// The shared harness re-exports operation codes this file does not need.
#[allow(unused_imports)]
mod common;

use std::process::Command;

use common::{bin, TestServer};

fn bench(server: &TestServer, client_dir: &std::path::Path, args: &[&str]) -> serde_json::Value {
    let out = Command::new(bin())
        .arg("bench")
        .arg("--server")
        .arg(server.addr.to_string())
        .arg("--server-name")
        .arg("localhost")
        .arg("--ca")
        .arg(client_dir.join("ca.crt"))
        .arg("--cert")
        .arg(client_dir.join("bench.crt"))
        .arg("--key")
        .arg(client_dir.join("bench.key"))
        .arg("--json")
        .args(args)
        .output()
        .expect("run keyhaven bench");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "keyhaven bench {args:?} failed: {stdout}{}\nserver log:\n{}",
        String::from_utf8_lossy(&out.stderr),
        server.log_text()
    );
    serde_json::from_str(stdout.trim()).unwrap_or_else(|e| panic!("not JSON ({e}): {stdout}"))
}

fn check(v: &serde_json::Value, workload: &str) {
    assert_eq!(v["workload"], workload, "{v}");
    assert_eq!(v["errors"], 0, "errors in {workload}: {v}");
    assert!(v["ops"].as_u64().is_some_and(|n| n > 0), "no ops: {v}");
    for field in ["ops_per_sec", "p50_ms", "p99_ms", "p999_ms"] {
        assert!(v[field].is_number(), "{field} missing: {v}");
    }
}

#[test]
fn every_workload_runs_without_errors() {
    let server = TestServer::start();
    server.issue("bench", "default");
    let dir = server.dir.path().join("client-bench");

    let get = bench(
        &server,
        &dir,
        &[
            "--workload",
            "get",
            "--count",
            "50",
            "--keys",
            "3",
            "--concurrency",
            "2",
        ],
    );
    check(&get, "get");
    assert_eq!(get["ops"], 50, "{get}");

    let v = bench(
        &server,
        &dir,
        &[
            "--workload",
            "vcenter",
            "--count",
            "10",
            "--keys",
            "2",
            "--concurrency",
            "2",
        ],
    );
    check(&v, "vcenter");
    assert_eq!(v["handshakes"], 10, "{v}");
    assert!(v["resumed"].as_u64().is_some(), "{v}");

    let c = bench(
        &server,
        &dir,
        &[
            "--workload",
            "create",
            "--count",
            "20",
            "--concurrency",
            "2",
        ],
    );
    check(&c, "create");

    let l = bench(
        &server,
        &dir,
        &[
            "--workload",
            "locate",
            "--count",
            "10",
            "--keys",
            "3",
            "--concurrency",
            "2",
        ],
    );
    check(&l, "locate");

    let s = bench(
        &server,
        &dir,
        &["--workload", "storm", "--hosts", "8", "--keys", "2"],
    );
    check(&s, "storm");
    assert_eq!(s["ops"], 16, "{s}");
    assert!(s["total_secs"].is_number(), "{s}");
    assert_eq!(s["resumed"], 0, "storm hosts are new clients: {s}");

    // In waves: every host still served once.
    let w = bench(
        &server,
        &dir,
        &[
            "--workload",
            "storm",
            "--hosts",
            "7",
            "--keys",
            "2",
            "--wave",
            "3",
        ],
    );
    check(&w, "storm");
    assert_eq!(w["ops"], 14, "{w}");
    assert_eq!(w["handshakes"], 7, "{w}");

    // Idle connections: opened in waves, held, closed.
    let i = bench(
        &server,
        &dir,
        &[
            "--workload",
            "idle",
            "--hosts",
            "5",
            "--wave",
            "2",
            "--duration",
            "0.5",
        ],
    );
    check(&i, "idle");
    assert_eq!(i["ops"], 5, "{i}");
    assert_eq!(i["handshakes"], 5, "{i}");
}

#[test]
fn kmip_2_0_and_tls_1_2_work_too() {
    let server = TestServer::start();
    server.issue("bench", "default");
    let dir = server.dir.path().join("client-bench");
    for w in ["vcenter", "locate"] {
        let v = bench(
            &server,
            &dir,
            &[
                "--workload",
                w,
                "--count",
                "5",
                "--keys",
                "2",
                "--kmip-version",
                "2.0",
                "--tls",
                "1.2",
            ],
        );
        check(&v, w);
        assert_eq!(v["kmip_version"], "2.0", "{v}");
        assert_eq!(v["tls_version"], "TLSv1_2", "{v}");
    }
}

#[test]
fn created_identifiers_are_saved_and_reused() {
    let server = TestServer::start();
    server.issue("bench", "default");
    let dir = server.dir.path().join("client-bench");
    let uids = server.dir.path().join("uids.txt");
    let c = bench(
        &server,
        &dir,
        &[
            "--workload",
            "create",
            "--count",
            "7",
            "--save-uids",
            uids.to_str().expect("utf8"),
        ],
    );
    check(&c, "create");
    let text = std::fs::read_to_string(&uids).expect("uids file");
    assert_eq!(text.lines().count(), 7, "{text}");
    let g = bench(
        &server,
        &dir,
        &[
            "--workload",
            "get",
            "--count",
            "14",
            "--uids-file",
            uids.to_str().expect("utf8"),
        ],
    );
    check(&g, "get");
    assert_eq!(g["keys"], 7, "{g}");
    assert_eq!(g["setup_secs"], 0.0, "{g}");
}
