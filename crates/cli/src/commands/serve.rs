//! `phaen serve [--listen ADDR] [--tls-cert FILE --tls-key FILE]`: the web application on the
//! configured database, over plain HTTP or, with a certificate and key, over HTTPS.

use std::net::SocketAddr;
use std::path::PathBuf;

use anyhow::{Context, Result};
use phaen_store::Store;
use phaen_web::tls::TlsConfig;

#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// Address and port to listen on.
    #[arg(long, env = "PHAEN_LISTEN", default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,
    /// Mark cookies Secure: set this when users reach Phaen over HTTPS (a TLS proxy).
    /// Built-in HTTPS (--tls-cert) marks them Secure by itself.
    #[arg(long, env = "PHAEN_SECURE_COOKIES")]
    pub secure_cookies: bool,
    /// Serve HTTPS with this PEM certificate chain (the server's certificate first, then any
    /// intermediates); needs --tls-key.
    #[arg(
        long,
        env = "PHAEN_TLS_CERT",
        value_name = "FILE",
        requires = "tls_key"
    )]
    pub tls_cert: Option<PathBuf>,
    /// The PEM private key of --tls-cert (PKCS#8, RSA or EC; not passphrase-protected).
    #[arg(
        long,
        env = "PHAEN_TLS_KEY",
        value_name = "FILE",
        requires = "tls_cert"
    )]
    pub tls_key: Option<PathBuf>,
    /// Do not send the daily reminders of data owed (at 08:00 Bangkok time). Several servers
    /// may all send them: each person still gets one notification and one email a day.
    #[arg(long, env = "PHAEN_NO_REMINDERS")]
    pub no_reminders: bool,
    /// The address users open, for the links in reminder emails
    /// ('https://phaen.coop.example.th'; default: the address served on).
    #[arg(long, env = "PHAEN_PUBLIC_URL")]
    pub public_url: Option<String>,
}

impl ServeArgs {
    /// The certificate and key, read and checked now so that a wrong file stops the start
    /// before anything listens; None for plain HTTP.
    pub fn load_tls(&self) -> Result<Option<TlsConfig>> {
        match (&self.tls_cert, &self.tls_key) {
            (Some(cert), Some(key)) => Ok(Some(
                TlsConfig::from_pem_files(cert, key).context("cannot serve HTTPS")?,
            )),
            _ => Ok(None),
        }
    }

    /// The address users open: https:// with a certificate, http:// without.
    pub fn url(&self, tls: &Option<TlsConfig>) -> String {
        let scheme = if tls.is_some() { "https" } else { "http" };
        format!("{scheme}://{}", self.listen)
    }
}

pub async fn run(store: &Store, args: &ServeArgs) -> Result<()> {
    let tls = args.load_tls()?;
    serve(store, args, tls).await
}

/// Serves with a certificate already checked (`phaen demo` checks it before building).
pub async fn serve(store: &Store, args: &ServeArgs, tls: Option<TlsConfig>) -> Result<()> {
    init_logging();
    let secure = args.secure_cookies || tls.is_some();
    let mailer = phaen_monitor::mail::Mailer::from_env().context("cannot set up email")?;
    let public_url = args.public_url.clone().unwrap_or_else(|| args.url(&tls));
    if !args.no_reminders {
        phaen_monitor::reminders::run_daily(store.clone(), mailer.clone(), public_url.clone());
    }
    let state = phaen_web::AppState::new(store.clone(), secure).with_mail(mailer, Some(public_url));
    println!("Phaen is serving on {}", args.url(&tls));
    phaen_web::serve(state, args.listen, tls)
        .await
        .with_context(|| format!("cannot serve on {}", args.listen))
}

/// Structured logs on stderr; RUST_LOG chooses how much (default: info).
fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt().with_env_filter(filter).try_init();
}
