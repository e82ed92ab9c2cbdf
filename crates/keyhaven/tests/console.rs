//! The web console in a real browser: headless Chromium (Debian) driven through WebDriver against
//! the real server over HTTPS. Log in; find a key by its VM name; revoke it and see KMIP clients
//! refused its use and a Get; restore it and see it served; sign a CSR through the form and use the
//! certificate for a KMIP connection; remove that client through a confirm() dialog (cancelled,
//! then accepted) and see it refused; log out; a wrong password refused and the account locked
//! after repeated tries; a viewer refused a revoke. Screenshots of each page are kept in
//! target/console-screenshots/.

#[path = "common/admin_http.rs"]
mod admin_http;
mod common;
#[path = "common/webdriver.rs"]
mod webdriver;

use admin_http::{admin_addr, create_user, encrypts, vm_key};
use common::*;
use keyhaven_kmip::enums::result_reason;
use keyhaven_kmip::{tag, ProtocolVersion};
use keyhaven_ttlv::Item;
use webdriver::Browser;

const V1_1: ProtocolVersion = ProtocolVersion::V1_1;

fn login(b: &Browser, base: &str, user: &str, password: &str) {
    b.goto(&format!("{base}/login"));
    b.type_into("#username", user);
    b.type_into("#password", password);
    b.click("#login");
}

#[test]
fn console_in_a_real_browser() {
    // A generous handshake and read timeout: the machine running the tests may be busy.
    let server =
        TestServer::start_with(&["--admin-listen", "127.0.0.1:0", "--read-timeout-secs", "60"]);
    create_user(&server, "alice", "admin", "alice-password-123");
    create_user(&server, "victor", "viewer", "victor-password-12");
    let base = format!("https://{}", admin_addr(&server));
    let creds = server.issue("vcenter", "default");
    let mut kmip = Conn::connect(server.addr, &creds);
    let web = vm_key(&mut kmip, "web-01");
    for vm in ["db-07", "build-agent-3", "mail-02"] {
        vm_key(&mut kmip, vm);
    }
    let shots =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/console-screenshots");
    let b = Browser::start(&shots);

    // Not logged in: the login page.
    b.goto(&format!("{base}/"));
    assert!(b.url().ends_with("/login"), "{}", b.url());
    b.screenshot("01-login");
    login(&b, &base, "alice", "alice-password-123");
    assert_eq!(b.title(), "Dashboard · Keyhaven");
    assert!(b.text("#health").contains("Ready"), "{}", b.text("#health"));
    assert_eq!(b.text("#key-count"), "4");
    assert!(
        b.text("#nodes").contains("(this node)"),
        "{}",
        b.text("#nodes")
    );
    b.screenshot("02-dashboard");

    // Find the key of VM web-01 by (part of) its name.
    b.click("#nav-keys");
    b.type_into("#search-name", "web");
    b.click("#search");
    let links = b.find_all("a.key-link");
    assert_eq!(links.len(), 1, "{}", b.source());
    assert_eq!(b.element_text(&links[0]), "web-01");
    b.screenshot("03-keys-search");
    b.click_element(&links[0]);
    assert_eq!(b.text("#key-uid"), web);
    assert_eq!(b.text("#key-state"), "Active");
    b.screenshot("04-key-detail");

    // Revoke, with a confirmation naming the VM; KMIP clients can no longer use the key.
    assert!(encrypts(&mut kmip, &web));
    b.click("#action-revoke");
    assert!(
        b.text("#confirm-title").contains("web-01"),
        "{}",
        b.text("#confirm-title")
    );
    b.screenshot("05-confirm-revoke");
    b.click("#confirm");
    assert_eq!(b.text("#key-state"), "Deactivated");
    assert!(b.text("#notice").contains("revoked"));
    assert!(
        b.text("#key-held").contains("admin:alice@console"),
        "{}",
        b.text("#key-held")
    );
    b.screenshot("06-key-revoked");
    assert!(
        !encrypts(&mut kmip, &web),
        "a revoked key must be refused for use"
    );
    // An administrator's revoke holds the key: a KMIP Get is refused until it is restored.
    let got = kmip.call(V1_1, GET, vec![uid_item(&web)]);
    assert_eq!(
        result_reason(&got),
        Some(result_reason::PERMISSION_DENIED),
        "{got:?}"
    );
    assert!(
        result_message(&got).contains("admin:alice@console"),
        "{got:?}"
    );
    // vCenter's state check still answers, and shows the key is not Active.
    let st = kmip.call(
        V1_1,
        GET_ATTRIBUTES,
        vec![uid_item(&web), Item::text(tag::ATTRIBUTE_NAME, "State")],
    );
    assert_eq!(result_status(&st), 0, "{st:?}");

    // Restore: served again.
    b.click("#action-restore");
    assert!(b.text("#confirm-title").contains("web-01"));
    b.click("#confirm");
    assert_eq!(b.text("#key-state"), "Active");
    assert!(encrypts(&mut kmip, &web));
    let got = kmip.call(V1_1, GET, vec![uid_item(&web)]);
    assert_eq!(result_status(&got), 0);

    // Sign a CSR through the form; the certificate opens a KMIP connection.
    let key = rcgen::KeyPair::generate().expect("key");
    let csr = rcgen::CertificateParams::new(vec!["vcenter.example.com".into()])
        .expect("params")
        .serialize_request(&key)
        .expect("csr")
        .pem()
        .expect("pem");
    b.click("#nav-clients");
    b.screenshot("07-clients");
    b.type_into("#csr-name", "vcenter-csr");
    b.type_into("#csr-pem", &csr);
    b.click("#sign-csr");
    let cert = b.text("#signed-cert");
    assert!(
        cert.starts_with("-----BEGIN CERTIFICATE-----"),
        "{}",
        b.source()
    );
    b.screenshot("08-csr-signed");
    let vc = Creds {
        cert_pem: format!("{cert}\n").into_bytes(),
        key_pem: key.serialize_pem().into_bytes(),
        ca_pem: creds.ca_pem.clone(),
    };
    let mut c2 = Conn::connect(server.addr, &vc);
    let got = c2.call(V1_1, GET, vec![uid_item(&web)]);
    assert_eq!(result_status(&got), 0, "the signed certificate is trusted");
    b.click("#nav-clients");
    assert!(b.text("#clients").contains("vcenter-csr"));

    // Removing a client asks first, naming it. Cancel changes nothing; OK removes it and its new
    // connections are refused.
    let remove = "form[action='/clients/vcenter-csr/remove'] button";
    let question = b.click_for_prompt(remove);
    assert!(question.contains("vcenter-csr"), "{question}");
    b.dismiss_prompt();
    b.goto(&format!("{base}/clients"));
    assert!(b.text("#clients").contains("vcenter-csr"));
    assert_eq!(
        result_status(&Conn::connect(server.addr, &vc).call(V1_1, GET, vec![uid_item(&web)])),
        0,
        "cancelled: still trusted"
    );
    b.click_for_prompt(remove);
    b.accept_prompt();
    assert!(
        !b.text("#clients").contains("vcenter-csr"),
        "{}",
        b.text("#clients")
    );
    let refused = Conn::connect(server.addr, &vc).call(V1_1, GET, vec![uid_item(&web)]);
    assert_eq!(
        result_reason(&refused),
        Some(result_reason::AUTHENTICATION_NOT_SUCCESSFUL),
        "{refused:?}"
    );

    // Tenants and the audit trail, which names the administrator.
    b.click("#nav-tenants");
    assert!(b.text("#tenants").contains("default"));
    b.screenshot("09-tenants");
    b.click("#nav-audit");
    let audit = b.text("#audit");
    assert!(
        audit.contains("AdminRevoke") && audit.contains("admin:alice@console"),
        "{audit}"
    );
    assert!(audit.contains("AdminSignCsr"));
    b.screenshot("10-audit");
    b.goto(&format!("{base}/"));
    b.screenshot("11-dashboard-after");

    // Log out: the console asks for a login again.
    b.click("#logout");
    assert!(b.url().ends_with("/login"), "{}", b.url());
    b.goto(&format!("{base}/keys"));
    assert!(b.url().ends_with("/login"));

    // A wrong password is refused; after five, the account is locked even for the right one.
    login(&b, &base, "alice", "not-the-password");
    assert!(b
        .text("#login-error")
        .contains("wrong user name or password"));
    for _ in 0..4 {
        login(&b, &base, "alice", "not-the-password");
    }
    login(&b, &base, "alice", "alice-password-123");
    assert!(
        b.text("#login-error").contains("locked"),
        "{}",
        b.text("#login-error")
    );
    b.screenshot("12-locked-out");

    // A viewer sees the key but is refused a revoke.
    login(&b, &base, "victor", "victor-password-12");
    assert_eq!(b.title(), "Dashboard · Keyhaven");
    b.goto(&format!("{base}/keys/{web}?tenant=default"));
    assert!(
        b.try_find("#action-revoke").is_none(),
        "no revoke button for a viewer"
    );
    b.goto(&format!(
        "{base}/keys/{web}/confirm?tenant=default&action=revoke"
    ));
    b.click("#confirm");
    let err = b.text("#error");
    assert!(err.contains("403") && err.contains("viewer"), "{err}");
    b.screenshot("13-viewer-refused");
    assert!(encrypts(&mut kmip, &web), "the viewer's revoke did nothing");
}
