//! `phaen`: the one binary. Parses the command line, opens the store, runs a command; errors
//! go to stderr in plain words with a non-zero exit code.

mod commands;
mod config;
mod output;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Phaen (แผน): strategic, development and action plans of Thai cooperatives.
#[derive(Debug, Parser)]
#[command(name = "phaen", version, about)]
struct Cli {
    /// Database: an SQLite file (created on first use) or a postgres:// URL.
    #[arg(long, global = true, env = "PHAEN_DB")]
    db: Option<String>,
    /// Most database connections this process keeps open (default: 8 to PostgreSQL, 4 to
    /// SQLite). With several servers, PostgreSQL sees up to (servers x this).
    #[arg(long, global = true, env = "PHAEN_DB_POOL", value_parser = clap::value_parser!(u32).range(1..=1000))]
    db_pool: Option<u32>,
    /// Settings file (default: phaen.toml in the working directory, when present).
    #[arg(long, global = true, env = "PHAEN_CONFIG")]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Import a plan document into the database (all or nothing).
    Import(commands::import::Args),
    /// Plans: list them, summarise one.
    #[command(subcommand)]
    Plan(commands::plan::PlanCommand),
    /// KPIs of a plan.
    #[command(subcommand)]
    Kpi(commands::plan::KpiCommand),
    /// Projects of a plan.
    #[command(subcommand)]
    Project(commands::plan::ProjectCommand),
    /// Organizations.
    #[command(subcommand)]
    Org(commands::plan::OrgCommand),
    /// Progress values: import many at once from a file, write the file to fill in.
    #[command(subcommand)]
    Progress(commands::progress::ProgressCommand),
    /// Remind people of the progress data they owe, in the app and by email.
    Remind(commands::remind::Args),
    /// Thai full-text search over the plans (`--as USER`: those they may read); `--reindex`
    /// rebuilds the index.
    Search(commands::search::Args),
    /// Write a plan out as a document.
    Export(commands::export::Args),
    /// Copy the database consistently while Phaen runs (SQLite).
    Backup(commands::backup::BackupArgs),
    /// Replace the database's contents with a backup's (SQLite).
    Restore(commands::backup::RestoreArgs),
    /// Build a demo database from Phaen's own generator.
    Demo(commands::demo::Args),
    /// Load the national data set (77 provincial offices, thousands of cooperatives with
    /// plans and monthly values) from Phaen's own generator.
    Synth(commands::synth::Args),
    /// The audit log: verify its hash chain, list it.
    #[command(subcommand)]
    Audit(commands::audit::AuditCommand),
    /// Serve the web application.
    Serve(commands::serve::ServeArgs),
    /// Users, passwords and API tokens.
    #[command(subcommand)]
    Admin(commands::admin::AdminCommand),
    /// Apply database migrations and report the schema version.
    Migrate,
    /// Print the JSON Schema of the canonical plan JSON.
    Schema,
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{}", output::error_text(&e));
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> anyhow::Result<()> {
    if let Command::Schema = cli.command {
        print!("{}", commands::schema::plan_schema());
        return Ok(());
    }
    let config = config::Config::resolve(cli.db, cli.db_pool, cli.config)?;
    let store = commands::open_store(&config.db, config.db_pool).await?;
    let result = match cli.command {
        Command::Import(args) => commands::import::run(&store, args).await,
        Command::Plan(c) => commands::plan::run_plan(&store, c).await,
        Command::Kpi(c) => commands::plan::run_kpi(&store, c).await,
        Command::Project(c) => commands::plan::run_project(&store, c).await,
        Command::Org(c) => commands::plan::run_org(&store, c).await,
        Command::Progress(c) => commands::progress::run(&store, c).await,
        Command::Remind(args) => commands::remind::run(&store, args).await,
        Command::Search(args) => commands::search::run(&store, args).await,
        Command::Export(args) => commands::export::run(&store, args).await,
        Command::Backup(args) => commands::backup::backup(&store, args).await,
        Command::Restore(args) => commands::backup::restore(&store, args).await,
        Command::Demo(args) => commands::demo::run(&store, &config.db, args).await,
        Command::Synth(args) => commands::synth::run(&store, &config.db, args).await,
        Command::Admin(c) => commands::admin::run(&store, c).await,
        Command::Audit(c) => commands::audit::run(&store, c).await,
        Command::Serve(args) => commands::serve::run(&store, &args).await,
        Command::Migrate => commands::migrate(&store).await,
        Command::Schema => unreachable!("handled before the store opens"),
    };
    store.close().await;
    result
}
