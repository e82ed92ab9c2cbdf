//! A minimal W3C WebDriver client over plain HTTP to a chromedriver this test starts itself
//! (Debian's `chromium` and `chromium-driver`, installed by scripts/install-test-deps.sh), driving
//! headless Chromium on 127.0.0.1 only.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

pub struct Browser {
    driver: Child,
    addr: SocketAddr,
    session: String,
    _profile: tempfile::TempDir,
    shots: PathBuf,
    /// The page a dialog was opened on (see [`Browser::click_for_prompt`]).
    prompt_page: std::cell::RefCell<Option<String>>,
}

fn http(
    addr: SocketAddr,
    method: &str,
    path: &str,
    body: Option<&Value>,
) -> std::io::Result<Value> {
    let mut t = TcpStream::connect(addr)?;
    t.set_read_timeout(Some(Duration::from_secs(120)))?;
    let body = body.map(|b| b.to_string()).unwrap_or_default();
    write!(
        t,
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )?;
    // chromedriver keeps the connection open: read the head, then Content-Length bytes.
    let mut head = Vec::new();
    let mut b = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        if t.read(&mut b)? == 0 {
            break;
        }
        head.push(b[0]);
    }
    let text = String::from_utf8_lossy(&head).into_owned();
    let len = text
        .lines()
        .filter_map(|l| l.split_once(':'))
        .find(|(k, _)| k.trim().eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.trim().parse::<usize>().ok())
        .unwrap_or(0);
    let mut body = vec![0u8; len];
    t.read_exact(&mut body)?;
    Ok(serde_json::from_slice(&body).unwrap_or(Value::Null))
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

fn b64decode(s: &str) -> Vec<u8> {
    let val = |c: u8| -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        } as u32)
    };
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0);
    for c in s.bytes().filter_map(val) {
        acc = (acc << 6) | c;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    out
}

impl Browser {
    /// Starts chromedriver and a headless Chromium session; screenshots go to `shots`.
    pub fn start(shots: &Path) -> Browser {
        for p in [CHROMIUM, CHROMEDRIVER] {
            assert!(
                Path::new(p).exists(),
                "{p} is missing: run scripts/install-test-deps.sh (Debian chromium, chromium-driver)"
            );
        }
        std::fs::create_dir_all(shots).expect("screenshot directory");
        let port = free_port();
        let addr: SocketAddr = format!("127.0.0.1:{port}").parse().expect("addr");
        let driver = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver");
        let deadline = Instant::now() + Duration::from_secs(30);
        while http(addr, "GET", "/status", None)
            .map(|v| v["value"]["ready"] != true)
            .unwrap_or(true)
        {
            assert!(Instant::now() < deadline, "chromedriver did not start");
            std::thread::sleep(Duration::from_millis(100));
        }
        let profile = tempfile::tempdir().expect("profile dir");
        let args = vec![
            "--headless".to_owned(),
            "--no-sandbox".into(),
            "--disable-gpu".into(),
            "--disable-quic".into(),
            "--no-first-run".into(),
            "--disable-background-networking".into(),
            "--disable-component-update".into(),
            "--disable-sync".into(),
            "--disable-dev-shm-usage".into(),
            "--window-size=1366,900".into(),
            format!("--user-data-dir={}", profile.path().display()),
        ];
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "acceptInsecureCerts": true,
            // A confirm() dialog stays open until the test answers it.
            "unhandledPromptBehavior": "ignore",
            "goog:chromeOptions": {"binary": CHROMIUM, "args": args},
        }}});
        let r = http(addr, "POST", "/session", Some(&caps)).expect("new session");
        let session = r["value"]["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no WebDriver session: {r}"))
            .to_owned();
        Browser {
            driver,
            addr,
            session,
            _profile: profile,
            shots: shots.to_owned(),
            prompt_page: Default::default(),
        }
    }

    fn cmd(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let p = format!("/session/{}{path}", self.session);
        let r = http(self.addr, method, &p, body.as_ref()).expect("WebDriver call");
        if let Some(e) = r["value"]["error"].as_str() {
            panic!("WebDriver {method} {path}: {e}: {}", r["value"]["message"]);
        }
        r["value"].clone()
    }

    pub fn goto(&self, url: &str) {
        self.cmd("POST", "/url", Some(json!({ "url": url })));
    }

    pub fn url(&self) -> String {
        self.cmd("GET", "/url", None)
            .as_str()
            .unwrap_or("")
            .to_owned()
    }

    pub fn title(&self) -> String {
        self.cmd("GET", "/title", None)
            .as_str()
            .unwrap_or("")
            .to_owned()
    }

    /// The page's HTML.
    pub fn source(&self) -> String {
        self.cmd("GET", "/source", None)
            .as_str()
            .unwrap_or("")
            .to_owned()
    }

    /// The element matching a CSS selector, if any.
    pub fn try_find(&self, css: &str) -> Option<String> {
        let p = format!("/session/{}/element", self.session);
        let r = http(
            self.addr,
            "POST",
            &p,
            Some(&json!({"using": "css selector", "value": css})),
        )
        .expect("WebDriver call");
        r["value"][ELEMENT].as_str().map(str::to_owned)
    }

    pub fn find(&self, css: &str) -> String {
        self.try_find(css)
            .unwrap_or_else(|| panic!("no element {css} on {}:\n{}", self.url(), self.source()))
    }

    pub fn find_all(&self, css: &str) -> Vec<String> {
        self.cmd(
            "POST",
            "/elements",
            Some(json!({"using": "css selector", "value": css})),
        )
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|e| e[ELEMENT].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
    }

    pub fn text(&self, css: &str) -> String {
        let e = self.find(css);
        self.cmd("GET", &format!("/element/{e}/text"), None)
            .as_str()
            .unwrap_or("")
            .to_owned()
    }

    pub fn element_text(&self, e: &str) -> String {
        self.cmd("GET", &format!("/element/{e}/text"), None)
            .as_str()
            .unwrap_or("")
            .to_owned()
    }

    pub fn click(&self, css: &str) {
        let e = self.find(css);
        self.click_element(&e);
    }

    /// Clicks a link or submit button and waits until the next page has loaded (every click in
    /// the console navigates).
    pub fn click_element(&self, e: &str) {
        let before = self.try_find("html");
        self.cmd("POST", &format!("/element/{e}/click"), Some(json!({})));
        self.wait_for_new_page(before);
    }

    /// Clicks a button that asks first (a JavaScript `confirm()`), and returns the question once
    /// the dialog is open. Answer it with [`Browser::accept_prompt`] or
    /// [`Browser::dismiss_prompt`].
    pub fn click_for_prompt(&self, css: &str) -> String {
        let e = self.find(css);
        *self.prompt_page.borrow_mut() = self.try_find("html");
        self.cmd("POST", &format!("/element/{e}/click"), Some(json!({})));
        let p = format!("/session/{}/alert/text", self.session);
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let r = http(self.addr, "GET", &p, None).expect("WebDriver call");
            if let Some(text) = r["value"].as_str() {
                return text.to_owned();
            }
            assert!(
                Instant::now() < deadline,
                "no dialog opened after clicking {css}: {}",
                r["value"]
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Says OK to the open dialog and waits for the page the form then loads.
    pub fn accept_prompt(&self) {
        let before = self.prompt_page.borrow_mut().take();
        self.cmd("POST", "/alert/accept", Some(json!({})));
        self.wait_for_new_page(before);
    }

    /// Says Cancel to the open dialog: the page stays.
    pub fn dismiss_prompt(&self) {
        self.cmd("POST", "/alert/dismiss", Some(json!({})));
    }

    fn wait_for_new_page(&self, before: Option<String>) {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let now = self.try_find("html");
            let ready = self.cmd(
                "POST",
                "/execute/sync",
                Some(json!({"script": "return document.readyState", "args": []})),
            );
            if now.is_some() && now != before && ready == "complete" {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "the click did not load a new page ({})",
                self.url()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    pub fn type_into(&self, css: &str, text: &str) {
        let e = self.find(css);
        self.cmd("POST", &format!("/element/{e}/clear"), Some(json!({})));
        self.cmd(
            "POST",
            &format!("/element/{e}/value"),
            Some(json!({ "text": text })),
        );
    }

    /// Saves a PNG screenshot of the viewport as `name.png`.
    pub fn screenshot(&self, name: &str) -> PathBuf {
        let b64 = self.cmd("GET", "/screenshot", None);
        let png = b64decode(b64.as_str().expect("screenshot"));
        assert!(png.starts_with(b"\x89PNG"), "not a PNG");
        let p = self.shots.join(format!("{name}.png"));
        std::fs::write(&p, png).expect("write screenshot");
        p
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = http(
            self.addr,
            "DELETE",
            &format!("/session/{}", self.session),
            None,
        );
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}
