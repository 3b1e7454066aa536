//! Built-in HTTPS: with a certificate and key the application answers over TLS, to a client
//! that trusts that certificate, and marks its cookies Secure.

mod common;

use std::sync::Arc;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio_rustls::TlsConnector;
use tokio_rustls::rustls::{self, ClientConfig, RootCertStore, pki_types::ServerName};

use phaen_web::tls::TlsConfig;

struct TlsApp {
    port: u16,
    /// The certificate the server presents, for the client to trust.
    cert_der: rustls::pki_types::CertificateDer<'static>,
    _dir: tempfile::TempDir,
    _app: common::App,
}

/// The demo application over HTTPS on a free port, with a certificate for 'localhost' made
/// for this test.
async fn spawn_tls_app() -> TlsApp {
    let app = common::spawn_app(&[]).await;
    let made = rcgen::generate_simple_self_signed(vec!["localhost".into()]).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (cert, key) = (dir.path().join("cert.pem"), dir.path().join("key.pem"));
    std::fs::write(&cert, made.cert.pem()).unwrap();
    std::fs::write(&key, made.signing_key.serialize_pem()).unwrap();
    let tls = TlsConfig::from_pem_files(&cert, &key).unwrap();

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    // Secure cookies are left off here: the TLS server must turn them on by itself.
    let state = phaen_web::AppState::new(app.store.clone(), false);
    tokio::spawn(async move {
        phaen_web::serve_on(listener, state, Some(tls))
            .await
            .unwrap()
    });
    TlsApp {
        port,
        cert_der: made.cert.der().clone(),
        _dir: dir,
        _app: app,
    }
}

/// A client trusting only `cert`.
fn connector(cert: &rustls::pki_types::CertificateDer<'static>) -> TlsConnector {
    let mut roots = RootCertStore::empty();
    roots.add(cert.clone()).unwrap();
    let config =
        ClientConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
            .with_safe_default_protocol_versions()
            .unwrap()
            .with_root_certificates(roots)
            .with_no_client_auth();
    TlsConnector::from(Arc::new(config))
}

/// GET `path` over TLS, checking the certificate for 'localhost'; the whole answer as text.
async fn get(app: &TlsApp, connector: &TlsConnector, path: &str) -> std::io::Result<String> {
    let tcp = tokio::net::TcpStream::connect(("127.0.0.1", app.port)).await?;
    let name = ServerName::try_from("localhost").unwrap();
    let mut tls = connector.connect(name, tcp).await?;
    let host = format!("localhost:{}", app.port);
    tls.write_all(
        format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").as_bytes(),
    )
    .await?;
    let mut out = Vec::new();
    match tls.read_to_end(&mut out).await {
        // A peer that closes without TLS close_notify still sent the whole answer.
        Ok(_) => {}
        Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof && !out.is_empty() => {}
        Err(e) => return Err(e),
    }
    Ok(String::from_utf8_lossy(&out).into_owned())
}

#[tokio::test]
async fn healthz_answers_over_https_to_a_client_trusting_the_certificate() {
    let app = spawn_tls_app().await;
    let answer = get(&app, &connector(&app.cert_der), "/healthz")
        .await
        .unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(answer.contains("ok schema="), "{answer}");
}

#[tokio::test]
async fn cookies_are_marked_secure_over_https() {
    let app = spawn_tls_app().await;
    let answer = get(&app, &connector(&app.cert_der), "/signin")
        .await
        .unwrap();
    let cookie = answer
        .lines()
        .find(|l| l.to_ascii_lowercase().starts_with("set-cookie:"))
        .expect("the sign-in form sets its token cookie");
    assert!(cookie.contains("; Secure"), "{cookie}");
}

#[tokio::test]
async fn a_client_that_does_not_trust_the_certificate_gets_no_answer() {
    let app = spawn_tls_app().await;
    let stranger = rcgen::generate_simple_self_signed(vec!["localhost".into()]).unwrap();
    let refused = get(&app, &connector(stranger.cert.der()), "/healthz").await;
    assert!(refused.is_err(), "{refused:?}");
    // The server goes on serving those who do trust it.
    let answer = get(&app, &connector(&app.cert_der), "/healthz")
        .await
        .unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
}
