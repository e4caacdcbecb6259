//! Real-browser tests: headless Chromium driven through WebDriver (Debian's `chromium` and
//! `chromium-driver`), against the app served on a loopback socket, as an analyst uses it:
//! search → filter → open a document → reject a tag → the theme table's count changes →
//! reload (and restart) keeps it; and a statement with markup in it runs nothing.
//! Screenshots go to `target/tmp/browser/`.
//!
//! Without Chromium the tests say so loudly and pass, unless `INNSPILL_REQUIRE_BROWSER` is
//! set (as `.ci/run` does): then they fail.
//!
//! The WebDriver client is a few plain HTTP/1.1 calls over `std::net` with `serde_json`, so
//! the tests add no dependency to the build.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use innspill_web::{App, Config, router};
use serde_json::{Value, json};

use common::{themes, write_store};

/// The driver and browser binaries, if installed.
fn tools() -> Option<(PathBuf, PathBuf)> {
    let find = |names: &[&str]| {
        names.iter().find_map(|n| {
            std::env::var_os("PATH").and_then(|paths| {
                std::env::split_paths(&paths)
                    .map(|d| d.join(n))
                    .find(|p| p.is_file())
            })
        })
    };
    let driver = find(&["chromedriver"])?;
    let browser = find(&["chromium", "chromium-browser", "google-chrome"])?;
    Some((driver, browser))
}

/// The tools, or `None` after a loud message when they are missing and not required.
fn tools_or_skip(test: &str) -> Option<(PathBuf, PathBuf)> {
    match tools() {
        Some(t) => Some(t),
        None if std::env::var_os("INNSPILL_REQUIRE_BROWSER").is_some() => panic!(
            "{test}: chromium and chromedriver are required (INNSPILL_REQUIRE_BROWSER is set): \
             apt-get install chromium chromium-driver"
        ),
        None => {
            // Straight to stderr: the test harness does not capture it, so it shows even
            // though the test passes.
            let _ = writeln!(
                std::io::stderr(),
                "\n!!!!! {test}: SKIPPED — chromium or chromedriver not on PATH \
                 (apt-get install chromium chromium-driver; set INNSPILL_REQUIRE_BROWSER=1 to fail instead) !!!!!\n"
            );
            None
        }
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// One HTTP/1.1 request with a JSON body; the JSON answer.
fn http(addr: &str, method: &str, path: &str, body: Option<&Value>) -> std::io::Result<Value> {
    let mut s = TcpStream::connect(addr)?;
    s.set_read_timeout(Some(Duration::from_secs(60)))?;
    let body = body.map(|b| b.to_string()).unwrap_or_default();
    write!(
        s,
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )?;
    let mut r = BufReader::new(s);
    let mut len = None;
    let mut chunked = false;
    loop {
        let mut line = String::new();
        r.read_line(&mut line)?;
        let l = line.trim_end();
        if l.is_empty() {
            break;
        }
        let lower = l.to_ascii_lowercase();
        if let Some(v) = lower.strip_prefix("content-length:") {
            len = v.trim().parse::<usize>().ok();
        }
        if lower.starts_with("transfer-encoding:") && lower.contains("chunked") {
            chunked = true;
        }
    }
    let mut bytes = Vec::new();
    if chunked {
        loop {
            let mut size = String::new();
            r.read_line(&mut size)?;
            let n = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
            if n == 0 {
                break;
            }
            let mut chunk = vec![0; n + 2];
            r.read_exact(&mut chunk)?;
            bytes.extend_from_slice(&chunk[..n]);
        }
    } else if let Some(n) = len {
        bytes.resize(n, 0);
        r.read_exact(&mut bytes)?;
    } else {
        r.read_to_end(&mut bytes)?;
    }
    Ok(serde_json::from_slice(&bytes).unwrap_or(Value::Null))
}

/// A chromedriver process and one headless Chromium session.
struct Browser {
    driver: Child,
    addr: String,
    session: String,
    shots: PathBuf,
}

impl Browser {
    fn start(driver: &Path, browser: &Path, shots: &str) -> Browser {
        let port = free_port();
        let child = Command::new(driver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let addr = format!("127.0.0.1:{port}");
        let t = Instant::now();
        while http(&addr, "GET", "/status", None)
            .map(|v| v["value"]["ready"] != json!(true))
            .unwrap_or(true)
        {
            assert!(
                t.elapsed() < Duration::from_secs(20),
                "chromedriver did not start"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": browser.display().to_string(),
                "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                         "--window-size=1280,1000", "--lang=nb-NO"]
            }
        }}});
        let v = http(&addr, "POST", "/session", Some(&caps)).unwrap();
        let session = v["value"]["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no WebDriver session: {v}"))
            .to_string();
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
            .join("browser")
            .join(shots);
        std::fs::create_dir_all(&dir).unwrap();
        Browser {
            driver: child,
            addr,
            session,
            shots: dir,
        }
    }

    fn cmd(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let p = format!("/session/{}{path}", self.session);
        http(&self.addr, method, &p, body.as_ref()).unwrap()["value"].clone()
    }

    fn go(&self, url: &str) {
        self.cmd("POST", "/url", Some(json!({ "url": url })));
    }

    fn find(&self, css: &str) -> Option<String> {
        let v = self.cmd(
            "POST",
            "/element",
            Some(json!({"using": "css selector", "value": css})),
        );
        // A found element is `{"element-6066-…": id}`; a miss is `{"error": …}`.
        v.get("element-6066-11e4-a52e-4f735466cecf")
            .and_then(|e| e.as_str())
            .map(str::to_string)
    }

    fn must(&self, css: &str) -> String {
        self.find(css)
            .unwrap_or_else(|| panic!("no element {css} on {}", self.url()))
    }

    fn click(&self, css: &str) {
        let e = self.must(css);
        self.cmd("POST", &format!("/element/{e}/click"), Some(json!({})));
    }

    fn text(&self, css: &str) -> String {
        let e = self.must(css);
        self.cmd("GET", &format!("/element/{e}/text"), None)
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    /// Wait (up to 10 s) until `ok` holds: a click that submits a form returns before the
    /// next page has loaded.
    fn wait(&self, what: &str, ok: impl Fn(&Browser) -> bool) {
        let t = Instant::now();
        while !ok(self) {
            assert!(
                t.elapsed() < Duration::from_secs(10),
                "waited 10 s for {what} on {}",
                self.url()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn url(&self) -> String {
        self.cmd("GET", "/url", None)
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    fn select(&self, css: &str, value: &str) {
        self.click(&format!("{css} option[value=\"{value}\"]"));
    }

    /// The text of an open alert, prompt or confirm dialog, if one fired.
    fn dialog(&self) -> Option<String> {
        let v = self.cmd("GET", "/alert/text", None);
        v.as_str().map(str::to_string)
    }

    fn screenshot(&self, name: &str) {
        let v = self.cmd("GET", "/screenshot", None);
        let png = base64(v.as_str().unwrap_or_default());
        assert!(png.starts_with(b"\x89PNG"), "a PNG screenshot");
        std::fs::write(self.shots.join(format!("{name}.png")), png).unwrap();
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = http(
            &self.addr,
            "DELETE",
            &format!("/session/{}", self.session),
            None,
        );
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

/// Standard base64 (the WebDriver screenshot).
fn base64(s: &str) -> Vec<u8> {
    let val = |c: u8| match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    };
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0);
    for v in s.bytes().filter_map(val) {
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    out
}

/// Serve `app` on a loopback port in a thread of its own; the address.
fn serve(app: App) -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_io()
            .build()
            .unwrap();
        rt.block_on(async move {
            let l = tokio::net::TcpListener::from_std(listener).unwrap();
            axum::serve(l, router(app)).await.unwrap();
        });
    });
    addr
}

fn app_on(store: &Path) -> App {
    let mut config = Config::new(store);
    config.themes = themes();
    config.reviewer = "kari".into();
    App::new(config).unwrap()
}

#[test]
fn search_filter_document_reject_and_the_count_follows() {
    let Some((driver, browser)) =
        tools_or_skip("search_filter_document_reject_and_the_count_follows")
    else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let store = write_store(tmp.path());
    let base = format!("http://{}", serve(app_on(store.root())));
    let b = Browser::start(&driver, &browser, "flow");

    // Search, then filter by size with the control.
    b.go(&format!("{base}/"));
    let q = b.must("input[name=q]");
    b.cmd(
        "POST",
        &format!("/element/{q}/value"),
        Some(json!({"text": "beredskap"})),
    );
    b.click("form.search button[type=submit]");
    b.wait("the search", |b| b.url().contains("q=beredskap"));
    assert_eq!(b.text("#treff"), "2");
    b.screenshot("1-search");
    b.select("select[name=storrelse]", "stor");
    b.click("form.search button[type=submit]");
    b.wait("the filter", |b| b.url().contains("storrelse=stor"));
    assert_eq!(b.text("#treff"), "1");
    assert!(
        b.url().contains("storrelse=stor"),
        "the URL holds the filter: {}",
        b.url()
    );
    b.screenshot("2-filtered");

    // Open the document from the hit and reject its preparedness tag.
    b.click("article.group h2 a");
    b.wait("the document", |b| b.url().contains("/dokument/"));
    assert!(
        b.url().contains("/dokument/9902-2026-bbbbbb"),
        "{}",
        b.url()
    );
    assert!(b.text("#p1 mark").contains("beredskap"));
    b.screenshot("3-document");
    b.click("#p1 span.chip[data-theme=preparedness] button.reject");
    b.wait("the answer to the review", |b| b.url().ends_with("#p1"));
    assert!(
        b.url().ends_with("/dokument/9902-2026-bbbbbb#p1"),
        "back on the paragraph: {}",
        b.url()
    );
    assert!(
        b.find("#p1 span.chip[data-theme=preparedness]").is_none(),
        "the tag is gone"
    );
    b.screenshot("4-rejected");

    // The theme table counts one respondent less; a reload and a restart keep it.
    let cell = "a[href=\"/temaer/celle?dim=size&gruppe=alle&tema=preparedness\"]";
    b.go(&format!("{base}/temaer"));
    assert_eq!(b.text(cell), "1");
    b.screenshot("5-themes");
    b.cmd("POST", "/refresh", Some(json!({})));
    assert_eq!(b.text(cell), "1");
    let again = format!("http://{}", serve(app_on(store.root())));
    b.go(&format!("{again}/temaer"));
    assert_eq!(b.text(cell), "1", "a new server on the same store");
    b.click(cell);
    b.wait("the cell", |b| b.url().contains("/temaer/celle"));
    assert_eq!(b.text("#respondenter"), "1");
    b.screenshot("6-cell");
}

#[test]
fn a_statement_with_markup_runs_nothing_and_shows_literally() {
    let Some((driver, browser)) =
        tools_or_skip("a_statement_with_markup_runs_nothing_and_shows_literally")
    else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let store = write_store(tmp.path());
    let base = format!("http://{}", serve(app_on(store.root())));
    let b = Browser::start(&driver, &browser, "xss");
    for url in [
        format!("{base}/dokument/9901-2026-aaaaaa"),
        format!("{base}/?q=ordrett"),
        format!("{base}/?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E"),
        format!("{base}/gjennomgang"),
    ] {
        b.go(&url);
        std::thread::sleep(Duration::from_millis(300));
        assert_eq!(b.dialog(), None, "a dialog fired on {url}");
    }
    b.go(&format!("{base}/dokument/9901-2026-aaaaaa"));
    let text = b.text("#p2 p");
    assert!(text.contains("<script>alert(1)</script>"), "{text}");
    assert!(text.contains("\"><img src=x onerror=alert(1)>"), "{text}");
    assert!(b.find("#p2 img").is_none() && b.find("#p2 script").is_none());
    b.screenshot("document-with-markup");
}
