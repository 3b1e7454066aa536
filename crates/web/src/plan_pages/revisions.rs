//! GET /plans/{id}/revisions: the revisions kept for a plan, newest first after the current
//! one, each with a link to compare it, and a form to compare any two.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};

use phaen_store::PlanStore;

use super::{Current, PlanNav, PlanPageTexts, readable_plan, revision_number};
use crate::AppState;
use crate::auth::Viewer;
use crate::error::AppError;
use crate::i18n::{Lang, Texts};

pub struct RevisionRow {
    /// 'current' or the number, as the compare page reads it.
    pub key: String,
    pub name: String,
    pub title: String,
    pub replaced: String,
    /// The key of the revision that followed it, to compare with.
    pub next: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "plan_revisions.html")]
struct RevisionsPage {
    lang: Lang,
    t: &'static Texts,
    p: &'static PlanPageTexts,
    user_name: Option<String>,
    csrf: String,
    nav: PlanNav,
    plan_id: String,
    plan_title: String,
    /// The current revision, then the kept ones newest first.
    choices: Vec<RevisionRow>,
    /// The form's default choices.
    sel_a: String,
    sel_b: String,
}

/// GET /plans/{id}/revisions.
pub async fn revisions_page(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let plan = readable_plan(&state, &viewer, &id).await?;
    let lang = viewer.lang;
    let p = PlanPageTexts::of(lang);
    let plan_id = plan.id.to_string();
    let kept = state.store.list_revisions(&plan.id).await?;
    let mut choices = vec![RevisionRow {
        key: "current".into(),
        name: format!("{} ({})", p.revision(revision_number(&plan)), p.current),
        title: plan.title.clone(),
        replaced: String::new(),
        next: None,
    }];
    let mut next = "current".to_string();
    for r in kept.iter().rev() {
        choices.push(RevisionRow {
            key: r.number.to_string(),
            name: p.revision(r.number),
            title: r.title.clone(),
            replaced: crate::audit::bangkok(r.replaced_at),
            next: Some(next.clone()),
        });
        next = r.number.to_string();
    }
    Ok(RevisionsPage {
        lang,
        t: lang.t(),
        p,
        user_name: viewer.name(),
        csrf: viewer.csrf.clone(),
        nav: PlanNav::new(&plan, lang, Current::Revisions),
        plan_id,
        plan_title: plan.title.clone(),
        sel_a: kept
            .last()
            .map_or("current".into(), |r| r.number.to_string()),
        sel_b: "current".into(),
        choices,
    }
    .into_response())
}
