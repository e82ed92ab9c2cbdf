//! Root keys in AWS KMS, against moto's server (`moto_server` from .venv on 127.0.0.1), which
//! checks SigV4 signatures and, after the set-up calls, IAM policies; through the real keyhaven
//! binary over mutual TLS.
//!
//! Identities (IAM users made by the set-up): the server's has only kms:Encrypt, kms:Decrypt and
//! kms:DescribeKey (the server process gets it from a container credentials endpoint, the CLI from
//! the environment); the administrator's has kms:* (from a shared credentials file and profile);
//! a third lacks kms:Decrypt. Moto reports key
//! states in DescribeKey but does not refuse Encrypt/Decrypt with a disabled key itself; Keyhaven
//! checks the state (DescribeKey) before every unwrap, which is what these tests exercise.

mod cloud_common;
mod common;

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use cloud_common::*;
use common::*;

const REGION: &str = "eu-west-1";
/// IAM set-up calls moto answers without authentication; every later call is authenticated.
const SETUP_CALLS: &str = "9";

struct Moto {
    proc: Proc,
    url: String,
}

impl Moto {
    fn start() -> Moto {
        let port = free_port();
        let mut child = Command::new(venv_bin("moto_server"))
            .args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .env("INITIAL_NO_AUTH_ACTION_COUNT", SETUP_CALLS)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start moto_server");
        wait_port(port, &mut child, "moto_server");
        Moto {
            proc: Proc(Some(child)),
            url: format!("http://127.0.0.1:{port}"),
        }
    }

    /// Runs a boto3 script (from .venv) against the server; its stdout.
    fn py(&self, creds: Option<&(String, String)>, script: &str) -> String {
        let mut cmd = Command::new(venv_bin("python"));
        cmd.arg("-c")
            .arg(format!(
                "import boto3, json\nE={:?}\nR={REGION:?}\n{script}",
                self.url
            ))
            .env_remove("AWS_PROFILE");
        match creds {
            Some((id, secret)) => cmd
                .env("AWS_ACCESS_KEY_ID", id)
                .env("AWS_SECRET_ACCESS_KEY", secret),
            None => cmd
                .env("AWS_ACCESS_KEY_ID", "setup")
                .env("AWS_SECRET_ACCESS_KEY", "setup"),
        };
        let out = cmd.output().expect("python");
        assert!(
            out.status.success(),
            "boto3 script failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).trim().to_owned()
    }
}

/// Makes three IAM users; returns (admin, server, no-decrypt) access keys.
fn make_users(m: &Moto) -> [(String, String); 3] {
    let out = m.py(
        None,
        r#"
iam = boto3.client("iam", endpoint_url=E, region_name=R)
out = []
for user, actions in [("kh-admin", ["kms:*"]),
                      ("kh-server", ["kms:Encrypt", "kms:Decrypt", "kms:DescribeKey"]),
                      ("kh-nodecrypt", ["kms:Encrypt", "kms:DescribeKey"])]:
    iam.create_user(UserName=user)
    iam.put_user_policy(UserName=user, PolicyName="keyhaven", PolicyDocument=json.dumps(
        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": actions, "Resource": "*"}]}))
    k = iam.create_access_key(UserName=user)["AccessKey"]
    out.append([k["AccessKeyId"], k["SecretAccessKey"]])
print(json.dumps(out))
"#,
    );
    let v: Vec<(String, String)> = serde_json::from_str(&out).expect("keys");
    [v[0].clone(), v[1].clone(), v[2].clone()]
}

fn env_of(c: &(String, String)) -> [(&str, &str); 3] {
    [
        ("AWS_ACCESS_KEY_ID", c.0.as_str()),
        ("AWS_SECRET_ACCESS_KEY", c.1.as_str()),
        ("AWS_EC2_METADATA_DISABLED", "true"),
    ]
}

/// A container credentials endpoint on 127.0.0.1 serving `creds` to requests that carry the
/// authorization token; returns its URL and a counter of the requests it answered.
fn container_endpoint(
    creds: &(String, String),
    token: &str,
) -> (String, std::sync::Arc<std::sync::atomic::AtomicUsize>) {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let url = format!(
        "http://{}/v2/credentials/kh",
        listener.local_addr().expect("addr")
    );
    let calls = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let (count, creds, token) = (calls.clone(), creds.clone(), token.to_owned());
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut s) = stream else { continue };
            let mut buf = [0u8; 4096];
            let n = s.read(&mut buf).unwrap_or(0);
            let req = String::from_utf8_lossy(&buf[..n]).to_string();
            let authorized = req
                .lines()
                .any(|l| l.eq_ignore_ascii_case(&format!("authorization: {token}")));
            let (status, body) = if req.starts_with("GET /v2/credentials/kh ") && authorized {
                count.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                (
                    "200 OK",
                    format!(
                        r#"{{"AccessKeyId":"{}","SecretAccessKey":"{}","Expiration":"2999-01-01T00:00:00Z"}}"#,
                        creds.0, creds.1
                    ),
                )
            } else {
                ("403 Forbidden", "{}".to_owned())
            };
            let _ = write!(
                s,
                "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    (url, calls)
}

#[test]
fn aws_kms_tenant_lifecycle_on_moto() {
    let mut moto = Moto::start();
    let [admin_c, server_c, nodecrypt_c] = make_users(&moto);
    let (server_e, nodecrypt_e) = (env_of(&server_c), env_of(&nodecrypt_c));
    let mut server = new_server();
    let data = server.data();
    std::fs::create_dir_all(&data).expect("data dir");
    // The administrator's credentials come from a shared credentials file and profile.
    let creds_dir = tempfile::tempdir().expect("tempdir");
    let creds_file = creds_dir.path().join("credentials");
    std::fs::write(
        &creds_file,
        format!(
            "[default]\naws_access_key_id = {}\naws_secret_access_key = {}\n\n[kh-admin]\naws_access_key_id = {}\naws_secret_access_key = {}\n",
            nodecrypt_c.0, nodecrypt_c.1, admin_c.0, admin_c.1
        ),
    )
    .expect("credentials file");
    let admin_e = [
        (
            "AWS_SHARED_CREDENTIALS_FILE",
            creds_file.to_str().expect("utf8"),
        ),
        ("AWS_PROFILE", "kh-admin"),
        ("AWS_EC2_METADATA_DISABLED", "true"),
    ];
    // The server's, from a container credentials endpoint (as on ECS), checked for its token.
    let (container_url, container_calls) = container_endpoint(&server_c, "kh-container-token");
    let server_run_e = [
        ("AWS_CONTAINER_CREDENTIALS_FULL_URI", container_url.as_str()),
        ("AWS_CONTAINER_AUTHORIZATION_TOKEN", "kh-container-token"),
        ("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/keyhaven-test"),
        ("AWS_EC2_METADATA_DISABLED", "true"),
    ];

    // Credentials refused (a wrong secret): SigV4 checked by the endpoint, error named.
    let wrong = [
        ("AWS_ACCESS_KEY_ID", server_c.0.as_str()),
        ("AWS_SECRET_ACCESS_KEY", "not-the-secret"),
        ("AWS_EC2_METADATA_DISABLED", "true"),
    ];
    let add = [
        "provider",
        "add-aws-kms",
        "--name",
        "aws",
        "--region",
        REGION,
        "--endpoint-url",
        &moto.url,
    ];
    let err = admin_env(&data, &wrong, &add).expect_err("wrong secret");
    assert!(
        err.contains("refused") && err.contains("environment"),
        "{err}"
    );
    let out = admin_env(&data, &server_e, &add).expect("add-aws-kms");
    assert!(out.contains("credentials from environment"), "{out}");

    // The server's identity may not create keys: kms:CreateKey named. The admin's may.
    let err = admin_env(
        &data,
        &server_e,
        &["tenant", "create", "acme", "--provider", "aws"],
    )
    .expect_err("CreateKey needs more");
    assert!(err.contains("kms:CreateKey"), "{err}");
    admin_env(
        &data,
        &admin_e,
        &["tenant", "create", "acme", "--provider", "aws"],
    )
    .expect("acme");
    admin_env(
        &data,
        &admin_e,
        &["tenant", "create", "beta", "--provider", "aws"],
    )
    .expect("beta");
    let acme_key = root_key_of(&data, "acme");
    let beta_key = root_key_of(&data, "beta");
    assert!(acme_key.starts_with("arn:aws:kms:eu-west-1:"), "{acme_key}");
    // Missing kms:Decrypt: adopting the key with that identity fails naming it.
    let err = admin_env(
        &data,
        &nodecrypt_e,
        &[
            "tenant",
            "create",
            "gamma",
            "--provider",
            "aws",
            "--root-key-label",
            &acme_key,
        ],
    )
    .expect_err("no decrypt");
    assert!(
        err.contains("kms:Decrypt") && err.contains("permission denied"),
        "{err}"
    );
    // The server's identity adopts it (Encrypt, Decrypt, DescribeKey suffice).
    admin_env(
        &data,
        &server_e,
        &[
            "tenant",
            "create",
            "delta",
            "--provider",
            "aws",
            "--root-key-label",
            &acme_key,
        ],
    )
    .expect("adopt with least privilege");

    spawn_env(
        &mut server,
        &server_run_e,
        &["--root-key-check-secs", "1", "--root-key-grace-secs", "4"],
    );
    let acme_creds = server.issue("acme-vc", "acme");
    let mut c = Conn::connect(server.addr, &acme_creds);
    let mut cb = Conn::connect(server.addr, &server.issue("beta-vc", "beta"));
    let (k1, m1) = vcenter_key_flow(&mut c, "web-01");
    let (kb, mb) = vcenter_key_flow(&mut cb, "db-01");

    // DisableKey (admin): refused within the interval; EnableKey: served again.
    admin_env(&data, &admin_e, &["tenant", "disable-root-key", "acme"]).expect("disable");
    let t = Instant::now();
    let (took, msg) = time_to_refusal(&mut c, &k1, t, Duration::from_secs(4));
    assert!(msg.contains("disabled"), "{msg}");
    eprintln!("AWS KMS key disabled -> first refused Get after {took:?} (--root-key-check-secs 1)");
    let err = admin_env(&data, &server_e, &["tenant", "enable-root-key", "acme"])
        .expect_err("no kms:EnableKey");
    assert!(err.contains("kms:EnableKey"), "{err}");
    admin_env(&data, &admin_e, &["tenant", "enable-root-key", "acme"]).expect("enable");
    assert_eq!(wait_served(&mut c, &k1, Duration::from_secs(5)), m1);

    // rotate-root (admin): RotateKeyOnDemand, tenant key re-encrypted; old keys readable.
    let load = Load::start(server.addr, &acme_creds);
    let out = admin_env(&data, &admin_e, &["tenant", "rotate-root", "acme"]).expect("rotate-root");
    let during = load.finish();
    eprintln!(
        "AWS KMS rotate-root under load: {during} keys created and read meanwhile, none failed"
    );
    assert!(out.contains("rotated in place"), "{out}");
    let (k2, m2) = vcenter_key_flow(&mut c, "web-02");
    server.kill();
    spawn_env(
        &mut server,
        &server_run_e,
        &["--root-key-check-secs", "1", "--root-key-grace-secs", "4"],
    );
    let mut c = Conn::connect(server.addr, &server.issue("acme-vc2", "acme"));
    let mut cb = Conn::connect(server.addr, &server.issue("beta-vc2", "beta"));
    assert_eq!(try_get(&mut c, &k1).expect("old key after rotation"), m1);
    assert_eq!(try_get(&mut c, &k2).expect("new key after rotation"), m2);
    assert_eq!(
        try_get(&mut cb, &kb).expect("beta served (its tenant key cached)"),
        mb
    );

    // ScheduleKeyDeletion of beta's key: beta shredded within the interval, acme unaffected.
    // (By key ID: moto's ScheduleKeyDeletion does not take an ARN.)
    let beta_id = beta_key.rsplit("key/").next().expect("key id");
    moto.py(
        Some(&admin_c),
        &format!(
            "boto3.client('kms', endpoint_url=E, region_name=R).schedule_key_deletion(KeyId={beta_id:?}, PendingWindowInDays=7)"
        ),
    );
    let t = Instant::now();
    let (took, msg) = time_to_refusal(&mut cb, &kb, t, Duration::from_secs(4));
    assert!(
        msg.contains("destroyed") || msg.contains("pending deletion"),
        "{msg}"
    );
    eprintln!("AWS KMS key scheduled for deletion -> first refused Get after {took:?}");
    try_get(&mut c, &k1).expect("acme still served");

    assert!(
        container_calls.load(std::sync::atomic::Ordering::SeqCst) >= 2,
        "the server processes took their credentials from the container endpoint"
    );
    // KMS unreachable (the endpoint stopped): bridged for the grace, then refused.
    moto.proc.stop();
    let down = Instant::now();
    std::thread::sleep(Duration::from_millis(1500));
    assert_eq!(try_get(&mut c, &k1).expect("served during the grace"), m1);
    assert!(try_create(&mut c)
        .expect_err("no new keys")
        .contains("unreachable"));
    let (took, msg) = time_to_refusal(&mut c, &k1, down, Duration::from_secs(12));
    assert!(
        took >= Duration::from_secs(3),
        "refused before the grace: {took:?}: {msg}"
    );
    assert_not_logged(&server, &[&server_c.1, &admin_c.1]);
    server.kill();
}
