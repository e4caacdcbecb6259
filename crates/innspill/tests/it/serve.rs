//! `innspill serve` over a real loopback socket: it prints the address, answers over HTTP,
//! and refuses a non-loopback address without a token.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};

use crate::innspill;
use crate::report::write_store;

/// A plain HTTP/1.1 GET; the status line and the body.
fn http_get(addr: &str, path: &str) -> (String, String) {
    let mut s = TcpStream::connect(addr).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).unwrap();
    let status = out.lines().next().unwrap_or_default().to_string();
    let body = out
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (status, body)
}

#[test]
fn serve_prints_its_address_and_answers_over_http() {
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("store");
    write_store(&store);
    let s = store.to_str().unwrap();
    let o = innspill(&["--store", s, "index", "-q"], "");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));

    let mut child = Command::new(env!("CARGO_BIN_EXE_innspill"))
        .args([
            "--store",
            s,
            "serve",
            "--bind",
            "127.0.0.1:0",
            "--reviewer",
            "kari",
        ])
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let url = line.trim().to_string();
    let addr = url
        .strip_prefix("http://")
        .and_then(|u| u.strip_suffix('/'))
        .unwrap_or_else(|| panic!("not an address: {url:?}"))
        .to_string();
    let (status, body) = http_get(&addr, "/?q=beredskap");
    let (tstatus, themes) = http_get(&addr, "/temaer");
    let (bstatus, _) = http_get(&addr, "/?q=beredskap%20AND%20(");
    let _ = child.kill();
    let _ = child.wait();
    assert!(status.starts_with("HTTP/1.1 200"), "{status}");
    assert!(body.contains("Eksempelvik kommune"), "{body}");
    assert!(tstatus.starts_with("HTTP/1.1 200") && themes.contains("Temaer"));
    assert!(bstatus.starts_with("HTTP/1.1 400"), "{bstatus}");
}

/// A form POST with this host as Origin; the status line.
fn http_post(addr: &str, path: &str, form: &str) -> String {
    let mut s = TcpStream::connect(addr).unwrap();
    write!(
        s,
        "POST {path} HTTP/1.1\r\nHost: {addr}\r\nOrigin: http://{addr}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{form}",
        form.len()
    )
    .unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).unwrap();
    out.lines().next().unwrap_or_default().to_string()
}

/// An acknowledged review survives the server being killed right after (SIGKILL): it was
/// on disk before the answer.
#[test]
fn an_acknowledged_review_survives_sigkill() {
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("store");
    write_store(&store);
    let s = store.to_str().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_innspill"))
        .args([
            "--store",
            s,
            "serve",
            "--bind",
            "127.0.0.1:0",
            "--reviewer",
            "kari",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let addr = line
        .trim()
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_string();
    let (_, page) = http_get(&addr, "/dokument/9901-2026-aaaaaa");
    let at = page.find("name=\"csrf\" value=\"").expect("a review form") + 19;
    let csrf = &page[at..at + 32];
    let status = http_post(
        &addr,
        "/gjennomgang",
        &format!("csrf={csrf}&doc=9901-2026-aaaaaa&n=1&theme=preparedness&action=reject"),
    );
    child.kill().unwrap(); // SIGKILL
    let _ = child.wait();
    assert!(status.starts_with("HTTP/1.1 303"), "{status}");
    let reviews = std::fs::read_to_string(store.join("reviews.jsonl")).unwrap();
    assert_eq!(reviews.lines().count(), 1, "{reviews}");
    assert!(reviews.contains("\"action\":\"reject\"") && reviews.contains("\"reviewer\":\"kari\""));
}

#[test]
fn serve_refuses_a_non_loopback_address_without_a_token() {
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("store");
    write_store(&store);
    let o = innspill(
        &[
            "--store",
            store.to_str().unwrap(),
            "serve",
            "--bind",
            "0.0.0.0:0",
        ],
        "",
    );
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("error: --bind 0.0.0.0:0 is reachable from other machines: give --token T"),
        "{err}"
    );
}
