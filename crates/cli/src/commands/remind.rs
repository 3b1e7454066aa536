//! `phaen remind [--plan KEY] [--date YYYY-MM-DD] [--json]`: raises today's reminders of data
//! owed (one notification per person and plan a day) and emails them through the mail server
//! `PHAEN_SMTP_URL` names, if any. `phaen serve` does the same every morning by itself; this
//! is for cron, for a server started with --no-reminders, or to send them now.

use anyhow::{Context, Result};
use serde::Serialize;

use phaen_monitor::mail::Mailer;
use phaen_monitor::reminders::{Scope, remind};
use phaen_store::{PlanStore, Store};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only this plan (its id or the first characters of it); default: every plan in force.
    #[arg(long)]
    plan: Option<String>,
    /// The day to remind as of (default: today in Bangkok): 2026-01-15, 2569-01-15 (a year
    /// past 2400 is read as Buddhist Era) or '15 มกราคม 2569'.
    #[arg(long, value_parser = read_day)]
    date: Option<chrono::NaiveDate>,
    /// The address users open, for the links in emails ('https://phaen.coop.example.th').
    #[arg(long, env = "PHAEN_PUBLIC_URL")]
    public_url: Option<String>,
    /// Print one JSON value instead of text.
    #[arg(long)]
    json: bool,
}

#[derive(Serialize)]
struct Outcome {
    date: String,
    plans: usize,
    owed: usize,
    notified: usize,
    emailed: usize,
    without_address: usize,
    email_configured: bool,
    failures: Vec<String>,
}

/// Reads a day as ISO (a Buddhist-Era year when past 2400) or as a Thai date.
fn read_day(text: &str) -> Result<chrono::NaiveDate, String> {
    use chrono::Datelike;
    if let Ok(day) = text.trim().parse::<chrono::NaiveDate>() {
        return if day.year() > 2400 {
            day.with_year(day.year() - 543)
                .ok_or_else(|| format!("no such day: {text}"))
        } else {
            Ok(day)
        };
    }
    phaen_domain::thai::parse_thai_date(text).map_err(|e| {
        format!("'{text}' is not a day (2026-01-15, 2569-01-15 or '15 มกราคม 2569'): {e}")
    })
}

pub async fn run(store: &Store, args: Args) -> Result<()> {
    let mailer = Mailer::from_env().context("cannot set up email")?;
    let scope = match &args.plan {
        Some(key) => Scope::Plan(store.resolve_plan(key).await?),
        None => Scope::All,
    };
    let today = args.date.unwrap_or_else(phaen_store::today_in_bangkok);
    let r = remind(
        store,
        mailer.as_ref(),
        args.public_url.as_deref(),
        today,
        scope,
    )
    .await?;
    let outcome = Outcome {
        date: today.to_string(),
        plans: r.plans,
        owed: r.owed,
        notified: r.notified,
        emailed: r.emailed,
        without_address: r.without_address,
        email_configured: mailer.is_some(),
        failures: r.failures,
    };
    if args.json {
        println!("{}", serde_json::to_string_pretty(&outcome)?);
    } else {
        println!(
            "{}: {} plan(s) in force, {} period(s) owed; {} notification(s) raised, {} email(s) sent{}",
            outcome.date,
            outcome.plans,
            outcome.owed,
            outcome.notified,
            outcome.emailed,
            if outcome.email_configured {
                String::new()
            } else {
                " (no mail server: set PHAEN_SMTP_URL)".into()
            }
        );
        if outcome.without_address > 0 {
            println!(
                "{} person(s) have no email address (phaen admin set-email)",
                outcome.without_address
            );
        }
        for f in &outcome.failures {
            eprintln!("not sent: {f}");
        }
    }
    if outcome.failures.is_empty() {
        Ok(())
    } else {
        anyhow::bail!("{} email(s) could not be sent", outcome.failures.len())
    }
}
