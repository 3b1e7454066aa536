//! `phaen serve [--listen ADDR]`: the web application on the configured database.

use std::net::SocketAddr;

use anyhow::{Context, Result};
use phaen_store::Store;

#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// Address and port to listen on.
    #[arg(long, env = "PHAEN_LISTEN", default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,
    /// Mark cookies Secure: set this when users reach Phaen over HTTPS (a TLS proxy).
    #[arg(long, env = "PHAEN_SECURE_COOKIES")]
    pub secure_cookies: bool,
}

pub async fn run(store: &Store, args: &ServeArgs) -> Result<()> {
    init_logging();
    let state = phaen_web::AppState::new(store.clone(), args.secure_cookies);
    println!("Phaen is serving on http://{}", args.listen);
    phaen_web::serve(state, args.listen)
        .await
        .with_context(|| format!("cannot serve on {}", args.listen))
}

/// Structured logs on stderr; RUST_LOG chooses how much (default: info).
fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt().with_env_filter(filter).try_init();
}
