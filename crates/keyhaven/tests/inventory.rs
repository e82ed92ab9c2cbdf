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
