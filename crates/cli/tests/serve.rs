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

/// A certificate for 'localhost' and its key, written as PEM files into `dir`.
fn self_signed(dir: &std::path::Path) -> (std::path::PathBuf, std::path::PathBuf, Vec<u8>) {
    let made = rcgen::generate_simple_self_signed(vec!["localhost".into()]).unwrap();
    let (cert, key) = (dir.join("cert.pem"), dir.join("key.pem"));
    std::fs::write(&cert, made.cert.pem()).unwrap();
    std::fs::write(&key, made.signing_key.serialize_pem()).unwrap();
    (cert, key, made.cert.der().to_vec())
}

/// An HTTPS GET that trusts only `cert_der`; None while nothing listens.
fn get_tls(port: u16, path: &str, cert_der: &[u8]) -> Option<String> {
    use rustls::pki_types::{CertificateDer, ServerName};
    let mut roots = rustls::RootCertStore::empty();
    roots.add(CertificateDer::from(cert_der.to_vec())).unwrap();
    let config = rustls::ClientConfig::builder_with_provider(std::sync::Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .unwrap()
    .with_root_certificates(roots)
    .with_no_client_auth();
    let conn = rustls::ClientConnection::new(
        std::sync::Arc::new(config),
        ServerName::try_from("localhost").unwrap(),
    )
    .unwrap();
    let tcp = std::net::TcpStream::connect(("127.0.0.1", port)).ok()?;
    tcp.set_read_timeout(Some(Duration::from_secs(10))).ok()?;
    let mut s = rustls::StreamOwned::new(conn, tcp);
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: localhost:{port}\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut out = Vec::new();
    let _ = s.read_to_end(&mut out);
    (!out.is_empty()).then(|| String::from_utf8_lossy(&out).into_owned())
}

#[test]
fn serve_answers_over_https_with_the_certificate_files_named_in_the_environment() {
    let db = TestDb::new();
    let dir = tempfile::tempdir().unwrap();
    let (cert, key, der) = self_signed(dir.path());
    let port = free_port();
    let mut child = std::process::Command::new(BIN)
        .env_remove("PHAEN_DB")
        .env("PHAEN_TLS_CERT", &cert)
        .env("PHAEN_TLS_KEY", &key)
        .current_dir(dir.path())
        .args(["--db", db.url(), "serve", "--listen"])
        .arg(format!("127.0.0.1:{port}"))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let start = Instant::now();
    let health = loop {
        if let Some(r) = get_tls(port, "/healthz", &der) {
            break r;
        }
        assert!(child.try_wait().unwrap().is_none(), "the server exited");
        assert!(start.elapsed() < Duration::from_secs(60), "no HTTPS answer");
        std::thread::sleep(Duration::from_millis(100));
    };
    assert!(health.starts_with("HTTP/1.1 200"), "{health}");
    let signin = get_tls(port, "/signin", &der).unwrap();
    assert!(signin.contains("; Secure"), "cookies are Secure: {signin}");
    assert!(
        get(port, "/healthz").is_none_or(|r| !r.starts_with("HTTP/1.1 200")),
        "plain HTTP is not served on the HTTPS port"
    );
    child.kill().unwrap();
    let out = child.wait_with_output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains(&format!("https://127.0.0.1:{port}")),
        "prints the https address: {text}"
    );
}

#[test]
fn serve_refuses_a_bad_key_file_by_name_before_listening() {
    let db = TestDb::new();
    let dir = tempfile::tempdir().unwrap();
    let (cert, _, _) = self_signed(dir.path());
    let other = tempfile::tempdir().unwrap();
    let (_, stranger_key, _) = self_signed(other.path());
    let port = free_port();
    let out = phaen(&db, dir.path())
        .env_remove("PHAEN_TLS_CERT")
        .env_remove("PHAEN_TLS_KEY")
        .args(["serve", "--listen", &format!("127.0.0.1:{port}")])
        .arg("--tls-cert")
        .arg(&cert)
        .arg("--tls-key")
        .arg(&stranger_key)
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&stranger_key.display().to_string()) && err.contains("does not belong"),
        "{err}"
    );
    assert!(
        !String::from_utf8_lossy(&out.stdout).contains("serving"),
        "nothing was served"
    );
}

#[test]
fn the_demo_refuses_a_missing_certificate_before_building_anything() {
    let db = TestDb::new();
    let dir = tempfile::tempdir().unwrap();
    let out = phaen(&db, dir.path())
        .args([
            "demo",
            "--tls-cert",
            "missing.pem",
            "--tls-key",
            "missing.key",
        ])
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("certificate file missing.pem"),
        "names the file: {err}"
    );
    assert_eq!(plan_count(&db, dir.path()), 0, "no demo plan was stored");
}
