//! The audit log for auditors: the entries of the organizations a viewer may audit, the state
//! of the hash chain, and a CSV download.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};

use phaen_domain::OrgCode;
use phaen_domain::access;
use phaen_store::audit::AuditEntry;

use crate::AppState;
use crate::auth::Viewer;
use crate::error::AppError;
use crate::i18n::{Lang, Texts};

#[derive(Template, WebTemplate)]
#[template(path = "audit.html")]
struct AuditPage {
    lang: Lang,
    t: &'static Texts,
    user_name: Option<String>,
    csrf: String,
    intact: bool,
    chain: String,
    entries: Vec<EntryRow>,
}

/// One audit entry as the page shows it.
struct EntryRow {
    seq: i64,
    when: String,
    who: String,
    action: String,
    target: String,
    /// The fields that changed, 'path: before → after'.
    changes: Vec<String>,
}

/// Bangkok time (UTC+7, no daylight saving) in the Thai long form with a BE year.
pub fn bangkok(ms: i64) -> String {
    let Some(t) = chrono::DateTime::from_timestamp_millis(ms + 7 * 3600 * 1000) else {
        return String::new();
    };
    format!(
        "{} {}",
        phaen_domain::thai::format_long_date(t.date_naive()),
        t.format("%H:%M:%S")
    )
}

/// The entries `viewer` may read: those of organizations they audit or sit above.
pub(crate) async fn visible(
    state: &AppState,
    viewer: &Viewer,
) -> Result<Vec<AuditEntry>, AppError> {
    let tree = crate::visibility::OrgTree::load(state).await?;
    let entries = state.store.audit_entries(None).await?;
    Ok(entries
        .into_iter()
        .filter(|e| {
            e.org
                .as_deref()
                .and_then(|o| OrgCode::parse(o).ok())
                .is_some_and(|org| {
                    access::can_read_audit(&viewer.memberships, &org, &tree.ancestors(&org))
                })
        })
        .collect())
}

/// GET /audit.
pub async fn audit_page(
    State(state): State<AppState>,
    viewer: Viewer,
) -> Result<Response, AppError> {
    if viewer.user.is_none() {
        return Ok(Redirect::to("/signin").into_response());
    }
    let lang = viewer.lang;
    let check = state.store.verify_audit().await?;
    let chain = match &check.broken_at {
        None => lang.t().chain_ok.to_string(),
        Some((seq, _)) => format!("{} {seq}", lang.t().chain_broken),
    };
    let entries = visible(&state, &viewer)
        .await?
        .into_iter()
        .rev()
        .take(500)
        .map(|e| EntryRow {
            changes: crate::audit_diff::changes(e.before.as_deref(), e.after.as_deref()),
            seq: e.seq,
            when: bangkok(e.at),
            who: e.actor_name,
            action: e.action,
            target: e.target.unwrap_or_default(),
        })
        .collect();
    Ok(AuditPage {
        lang,
        t: lang.t(),
        user_name: viewer.name(),
        csrf: viewer.csrf.clone(),
        intact: check.broken_at.is_none(),
        chain,
        entries,
    }
    .into_response())
}

/// A before or after value on one CSV line: JSON compacted, other text with its line breaks
/// written as '\n'.
fn one_line(v: Option<String>) -> String {
    let Some(v) = v else {
        return String::new();
    };
    match serde_json::from_str::<serde_json::Value>(&v) {
        Ok(json) => json.to_string(),
        Err(_) => v.replace("\r\n", "\\n").replace('\n', "\\n"),
    }
}

fn csv_field(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// GET /audit.csv: the visible entries with their hashes, for the auditor's own records.
pub async fn audit_csv(
    State(state): State<AppState>,
    viewer: Viewer,
) -> Result<Response, AppError> {
    if viewer.user.is_none() {
        return Ok(Redirect::to("/signin").into_response());
    }
    let mut out = String::from(
        "\u{feff}seq,at_utc_ms,time_bangkok,actor_id,actor_name,action,org,plan,target,before,after,prev_hash,hash\n",
    );
    for e in visible(&state, &viewer).await? {
        let fields = [
            e.seq.to_string(),
            e.at.to_string(),
            bangkok(e.at),
            e.actor_id,
            e.actor_name,
            e.action,
            e.org.unwrap_or_default(),
            e.plan.unwrap_or_default(),
            e.target.unwrap_or_default(),
            one_line(e.before),
            one_line(e.after),
            e.prev_hash,
            e.hash,
        ];
        out.push_str(
            &fields
                .iter()
                .map(|f| csv_field(f))
                .collect::<Vec<_>>()
                .join(","),
        );
        out.push('\n');
    }
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"phaen-audit.csv\"",
            ),
        ],
        out,
    )
        .into_response())
}
