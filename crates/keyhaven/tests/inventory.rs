//! The administrator's key inventory (`keyhaven key …`) against keys made over KMIP.

mod common;

use common::*;
use keyhaven_kmip::enums::state;
use keyhaven_kmip::tag;
use keyhaven_ttlv::Item;

fn state_of(c: &mut Conn, uid: &str) -> u32 {
    let p = c.ok(
        V1_1,
        GET_ATTRIBUTES,
        vec![uid_item(uid), Item::text(tag::ATTRIBUTE_NAME, "State")],
    );
    p.child(tag::ATTRIBUTE)
        .and_then(|a| a.child(tag::ATTRIBUTE_VALUE))
        .and_then(Item::as_enum)
        .expect("state")
}

fn json(out: &str) -> serde_json::Value {
    serde_json::from_str(out).expect("JSON output")
}

#[test]
fn list_filter_revoke_restore_destroy() {
    let server = TestServer::start();
    let creds = server.issue("vcenter", "default");
    let mut c = Conn::connect(server.addr, &creds);
    let vm = uid_of(&c.ok(V1_1, CREATE, create_aes_v1(256)));
    let host = uid_of(&c.ok(V1_1, CREATE, create_aes_v1(256)));
    for (uid, component, name) in [
        (&vm, "Virtual Machine", "web-01"),
        (&host, "ESXi Server", "esx1.example.com"),
    ] {
        for (n, v) in [
            ("x-Vendor", "VMware, Inc."),
            ("x-Product", "VMware vSphere"),
            ("x-Component", component),
            ("x-Name", name),
        ] {
            c.ok(
                V1_1,
                ADD_ATTRIBUTE,
                vec![uid_item(uid), attr_v1(n, Item::text(0, v))],
            );
        }
        c.ok(V1_1, ACTIVATE, vec![uid_item(uid)]);
    }
    let data = server.data();
    let data = data.to_str().expect("utf8");

    // Listing with VMware's tags, filtering by them and by state.
    let all = json(&admin(data.as_ref(), &["key", "list", "--json"]));
    assert_eq!(all.as_array().map(Vec::len), Some(2));
    let vms = json(&admin(
        data.as_ref(),
        &[
            "key",
            "list",
            "--json",
            "--tag",
            "x-Component=Virtual Machine",
        ],
    ));
    assert_eq!(vms[0]["uid"], vm.as_str());
    assert_eq!(vms[0]["x-Name"], "web-01");
    assert_eq!(vms[0]["x-Vendor"], "VMware, Inc.");
    assert_eq!(vms[0]["state"], "Active");
    assert_eq!(vms.as_array().map(Vec::len), Some(1));
    let table = admin(data.as_ref(), &["key", "list"]);
    assert!(
        table.contains("web-01")
            && table.contains("esx1.example.com")
            && table.contains("2 key(s)"),
        "{table}"
    );
    let shown = json(&admin(data.as_ref(), &["key", "show", &vm, "--json"]));
    assert_eq!(shown["attributes"]["Cryptographic Algorithm"], "AES");
    assert!(!admin(data.as_ref(), &["key", "show", &vm])
        .to_lowercase()
        .contains("key material"));

    // Revoke: the VM's key is no longer Active, as KMIP sees it.
    admin(
        data.as_ref(),
        &["key", "revoke", &vm, "--reason", "superseded"],
    );
    assert_eq!(state_of(&mut c, &vm), state::DEACTIVATED);
    let deact = json(&admin(
        data.as_ref(),
        &["key", "list", "--json", "--state", "Deactivated"],
    ));
    assert_eq!(deact.as_array().map(Vec::len), Some(1));
    // Restore: Active again, readable, and the override is audited.
    admin(data.as_ref(), &["key", "restore", &vm]);
    assert_eq!(state_of(&mut c, &vm), state::ACTIVE);
    assert_eq!(
        key_material(&c.ok(V1_1, GET, vec![uid_item(&vm)])).len(),
        32
    );
    let audit = admin(data.as_ref(), &["audit", "--uid", &vm, "--json"]);
    let audit = json(&audit);
    let ops: Vec<&str> = audit
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|r| r["operation"].as_str())
        .collect();
    assert!(
        ops.contains(&"AdminRevoke") && ops.contains(&"AdminRestore"),
        "{ops:?}"
    );
    assert!(audit
        .as_array()
        .expect("array")
        .iter()
        .any(|r| r["actor"].as_str().is_some_and(|a| a.starts_with("admin:"))));

    // Destroying an Active key is refused with a reason; revoke then destroy works and Get fails.
    let out = std::process::Command::new(bin())
        .args(["--data-dir", data, "key", "destroy", &host])
        .output()
        .expect("run");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("revoke it before destroying it"));
    admin(
        data.as_ref(),
        &["key", "revoke", &host, "--reason", "key-compromise"],
    );
    admin(data.as_ref(), &["key", "destroy", &host]);
    assert_eq!(state_of(&mut c, &host), state::DESTROYED_COMPROMISED);
    assert_eq!(result_status(&c.call(V1_1, GET, vec![uid_item(&host)])), 1);
    // A destroyed key cannot be restored.
    let out = std::process::Command::new(bin())
        .args(["--data-dir", data, "key", "restore", &host])
        .output()
        .expect("run");
    assert!(!out.status.success());
}

/// States are the ones KMIP answers (a passed Activation or Deactivation Date counts even before
/// any request rewrote the stored state), counted and listed from the indexes; pages follow one
/// another by cursor without gaps or repeats; part of a VM name finds its keys.
#[test]
fn pages_states_by_date_and_name_search() {
    let server = TestServer::start();
    let creds = server.issue("vcenter", "default");
    let mut c = Conn::connect(server.addr, &creds);
    let mut uids = Vec::new();
    for i in 0..7 {
        let uid = uid_of(&c.ok(V1_1, CREATE, create_aes_v1(256)));
        c.ok(
            V1_1,
            ADD_ATTRIBUTE,
            vec![
                uid_item(&uid),
                attr_v1("x-Name", Item::text(0, format!("Web-{i:02}"))),
            ],
        );
        uids.push(uid);
    }
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock")
        .as_secs() as i64;
    // 0, 1 stay Pre-Active; 2, 3 are activated; 4, 5 become Active by date; 6 is activated and
    // becomes Deactivated by date.
    for u in [&uids[2], &uids[3], &uids[6]] {
        c.ok(V1_1, ACTIVATE, vec![uid_item(u)]);
    }
    for u in [&uids[4], &uids[5]] {
        c.ok(
            V1_1,
            ADD_ATTRIBUTE,
            vec![
                uid_item(u),
                attr_v1("Activation Date", Item::datetime(0, now + 2)),
            ],
        );
    }
    c.ok(
        V1_1,
        ADD_ATTRIBUTE,
        vec![
            uid_item(&uids[6]),
            attr_v1("Deactivation Date", Item::datetime(0, now + 2)),
        ],
    );
    std::thread::sleep(std::time::Duration::from_secs(3));
    let data = server.data();
    let d = data.as_path();

    let listed = |state: &str| -> Vec<String> {
        json(&admin(d, &["key", "list", "--json", "--state", state]))
            .as_array()
            .expect("array")
            .iter()
            .map(|k| k["uid"].as_str().expect("uid").to_owned())
            .collect()
    };
    assert_eq!(listed("PreActive"), uids[0..2]);
    assert_eq!(listed("Active"), uids[2..6]);
    assert_eq!(listed("Deactivated"), uids[6..7]);
    // The count with a short page is the index count, dates applied.
    let table = admin(d, &["key", "list", "--state", "Active", "--limit", "1"]);
    assert!(table.contains("1 key(s) of 4"), "{table}");
    let table = admin(
        d,
        &["key", "list", "--state", "Deactivated", "--limit", "1"],
    );
    assert!(table.contains("1 key(s)"), "{table}");
    // Counts stop at --count-up-to unless the stored state alone cannot decide (effective states
    // are counted in full); --count counts everything.
    // The last line of `key list --limit 1 --count-up-to N [more...]`.
    let counted = |n: &str, more: &[&str]| {
        let mut args = vec!["key", "list", "--limit", "1", "--count-up-to", n];
        args.extend_from_slice(more);
        admin(d, &args)
            .lines()
            .last()
            .unwrap_or_default()
            .to_owned()
    };
    assert_eq!(
        counted("3", &[]),
        "1 key(s) of more than 3 (--count counts them all); next page: --after 1"
    );
    assert_eq!(counted("7", &[]), "1 key(s) of 7; next page: --after 1");
    assert_eq!(
        counted("3", &["--count"]),
        "1 key(s) of 7; next page: --after 1"
    );
    assert!(
        counted("3", &["--state", "Active"]).starts_with("1 key(s) of 4"),
        "effective states are counted in full"
    );

    // Pages by cursor: every key once, oldest first.
    let mut seen = Vec::new();
    let mut after: Option<String> = None;
    for _ in 0..10 {
        let mut args = vec!["key", "list", "--tenant", "default", "--limit", "3"];
        if let Some(a) = &after {
            args.extend(["--after", a.as_str()]);
        }
        let out = admin(d, &args);
        seen.extend(
            out.lines()
                .filter_map(|l| l.split_whitespace().next())
                .filter(|w| uids.iter().any(|u| u == w))
                .map(str::to_owned),
        );
        after = out.split("--after ").nth(1).map(|s| s.trim().to_owned());
        if after.is_none() {
            break;
        }
    }
    assert_eq!(seen, uids);
    // A cursor pages one tenant: without --tenant it is refused (several tenants may be seen).
    admin(d, &["tenant", "create", "other"]);
    let out = std::process::Command::new(bin())
        .args(["--data-dir", d.to_str().expect("utf8")])
        .args(["key", "list", "--after", "1"])
        .output()
        .expect("run");
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("name the tenant"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    // Part of a VM name, any case.
    let found = json(&admin(d, &["key", "list", "--json", "--name", "WEB-0"]));
    assert_eq!(found.as_array().map(Vec::len), Some(7));
    let one = json(&admin(d, &["key", "list", "--json", "--name", "b-03"]));
    assert_eq!(one[0]["uid"], uids[3].as_str());
    assert_eq!(one.as_array().map(Vec::len), Some(1));

    // KMIP agrees with the listing.
    let kmip: Vec<u32> = uids.iter().map(|u| state_of(&mut c, u)).collect();
    assert_eq!(
        kmip,
        [
            state::PRE_ACTIVE,
            state::PRE_ACTIVE,
            state::ACTIVE,
            state::ACTIVE,
            state::ACTIVE,
            state::ACTIVE,
            state::DEACTIVATED
        ]
    );
}
