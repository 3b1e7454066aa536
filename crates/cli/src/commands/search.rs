//! `phaen search WORDS`: Thai full-text search over every plan, or over the plans one user may
//! read (`--as`, by the web application's own rule); `phaen search --reindex` builds the
//! index of every plan afresh.

use anyhow::{Context, Result, bail};
use phaen_domain::search::{Piece, Query};
use phaen_store::search::Scope;
use phaen_store::{Store, UserStore};
use serde_json::json;

use crate::output::print_json;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// What to look for; Thai words are found inside text written without spaces.
    #[arg(required_unless_present = "reindex")]
    query: Option<String>,
    /// Only the plans this user may read, as the web application shows them to them.
    #[arg(long = "as", value_name = "USER")]
    as_user: Option<String>,
    /// At most this many hits, best first.
    #[arg(long, default_value_t = 20)]
    limit: usize,
    /// Build the search index of every plan afresh.
    #[arg(long, conflicts_with_all = ["query", "as_user"])]
    reindex: bool,
    #[arg(long)]
    json: bool,
}

/// The pieces as text, matches between « and ».
fn marked(pieces: &[Piece]) -> String {
    pieces
        .iter()
        .map(|p| match p.hit {
            true => format!("«{}»", p.text),
            false => p.text.clone(),
        })
        .collect::<String>()
        .replace('\n', " ")
}

async fn scope(store: &Store, user: Option<&str>) -> Result<Scope> {
    let Some(name) = user else {
        return Ok(Scope::All);
    };
    let (user, _) = store
        .user_by_username(name)
        .await?
        .with_context(|| format!("no user is named {name} (ไม่พบผู้ใช้ชื่อ {name})"))?;
    let memberships = store.memberships(&user.id).await?;
    Ok(phaen_web::visibility::search_scope(store, &memberships).await?)
}

pub async fn run(store: &Store, args: Args) -> Result<()> {
    if args.reindex {
        let plans = store.reindex_search().await?;
        if args.json {
            return print_json(&json!({ "reindexed_plans": plans }));
        }
        println!("search index rebuilt for {plans} plans (สร้างดัชนีค้นหาใหม่ {plans} แผน)");
        return Ok(());
    }
    let text = args.query.unwrap_or_default();
    let query = Query::parse(&text);
    if query.is_empty() {
        bail!("nothing to search for in '{text}': type at least one word (พิมพ์คำที่ต้องการค้นหา)");
    }
    let scope = scope(store, args.as_user.as_deref()).await?;
    let hits = store.search(&query, &scope, args.limit).await?;
    if args.json {
        return print_json(&hits);
    }
    if hits.is_empty() {
        println!("nothing found (ไม่พบคำที่ค้นหา)");
    }
    for h in &hits {
        println!(
            "{:<18} {}  [{} {}/{}]",
            h.kind,
            marked(&h.title),
            h.plan,
            h.matched,
            h.keys
        );
        let excerpt = marked(&h.excerpt);
        if !excerpt.is_empty() {
            println!("{:<18} {excerpt}", "");
        }
    }
    Ok(())
}
