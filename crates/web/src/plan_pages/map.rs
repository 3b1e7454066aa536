//! GET /plans/{id}/map: the strategy map. Bands follow the plan's balanced-scorecard
//! perspectives (their members are missions and goals; everything below a member belongs to
//! its band), or, for a plan without perspectives, its top-level missions and strategic issues.
//! The bands and the drawing are phaen-documents' `figures::map`, which the PDF uses too.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};

use phaen_documents::figures::map::{self, MapWords};
use phaen_domain::Element;

use super::{Current, PlanNav, PlanPageTexts, readable_plan};
use crate::AppState;
use crate::auth::Viewer;
use crate::error::AppError;
use crate::i18n::{Lang, Texts};

#[derive(Template, WebTemplate)]
#[template(path = "plan_map.html")]
struct MapPage {
    lang: Lang,
    t: &'static Texts,
    p: &'static PlanPageTexts,
    user_name: Option<String>,
    csrf: String,
    nav: PlanNav,
    plan_id: String,
    plan_title: String,
    explanation: &'static str,
    /// The drawing, built by `map_draw` with every text escaped.
    svg: Option<String>,
}

/// GET /plans/{id}/map.
pub async fn map_page(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let plan = readable_plan(&state, &viewer, &id).await?;
    let lang = viewer.lang;
    let p = PlanPageTexts::of(lang);
    let plan_id = plan.id.to_string();
    let words = map_words(lang);
    let bands = map::bands(&plan, &words);
    let link = |e: &Element| format!("/plans/{}/elements/{}", plan.id, e.id);
    let svg = (!bands.is_empty()).then(|| map::draw(&plan, &words, &bands, Some(&link)));
    Ok(MapPage {
        lang,
        t: lang.t(),
        p,
        user_name: viewer.name(),
        csrf: viewer.csrf.clone(),
        nav: PlanNav::new(&plan, lang, Current::Map),
        plan_title: plan.title.clone(),
        explanation: if plan.perspectives.is_empty() {
            p.map_by_mission
        } else {
            p.map_by_perspective
        },
        plan_id,
        svg,
    }
    .into_response())
}

/// The map's words in the viewer's language.
pub fn map_words(lang: Lang) -> MapWords {
    let p = PlanPageTexts::of(lang);
    MapWords {
        map: p.map,
        by_mission: p.map_by_mission,
        by_perspective: p.map_by_perspective,
        no_perspective: p.no_perspective,
        english: lang == Lang::En,
    }
}
