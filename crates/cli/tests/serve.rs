//! `phaen demo` and `phaen serve` start the web application from the one binary.

mod common;

use std::io::{Read, Write};
use std::time::{Duration, Instant};

use common::*;
use phaen_testkit::TestDb;

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A plain HTTP GET; the status line and body, or None while nothing listens.
fn get(port: u16, path: &str) -> Option<String> {
    let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(10))).ok()?;
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut out = String::new();
    s.read_to_string(&mut out).ok()?;
    Some(out)
}

fn wait_for(port: u16, child: &mut std::process::Child) -> String {
    let start = Instant::now();
    loop {
        if let Some(r) = get(port, "/healthz") {
            return r;
        }
        assert!(child.try_wait().unwrap().is_none(), "the server exited");
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "the server never answered"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn the_demo_builds_its_database_and_serves_the_sign_in_page() {
    let db = TestDb::new();
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let mut child = std::process::Command::new(BIN)
        .env_remove("PHAEN_DB")
        .current_dir(dir.path())
        .args([
            "--db",
            db.url(),
            "demo",
            "--listen",
            &format!("127.0.0.1:{port}"),
        ])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let health = wait_for(port, &mut child);
    assert!(health.starts_with("HTTP/1.1 200"), "{health}");
    let page = get(port, "/signin").unwrap();
    assert!(page.contains("เข้าสู่ระบบ"));
    child.kill().unwrap();
    let out = child.wait_with_output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains(&format!("http://127.0.0.1:{port}")),
        "prints the address: {text}"
    );
    assert!(
        text.contains("demo-editor-2568") || text.contains(" / "),
        "prints the sign-ins: {text}"
    );
    assert_eq!(
        plan_count(&db, dir.path()),
        phaen_synth::demo(2568).plans.len()
    );
}

#[test]
fn serve_answers_on_the_address_it_is_given() {
    let db = TestDb::new();
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let mut child = std::process::Command::new(BIN)
        .env_remove("PHAEN_DB")
        .current_dir(dir.path())
        .args([
            "--db",
            db.url(),
            "serve",
            "--listen",
            &format!("127.0.0.1:{port}"),
        ])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    assert!(wait_for(port, &mut child).starts_with("HTTP/1.1 200"));
    let plans = get(port, "/plans").unwrap();
    assert!(
        plans.starts_with("HTTP/1.1 303"),
        "anonymous visitors are sent to sign in: {plans}"
    );
    child.kill().unwrap();
    child.wait().unwrap();
}
