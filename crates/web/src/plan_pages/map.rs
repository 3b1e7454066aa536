//! GET /plans/{id}/map: the strategy map. Bands follow the plan's balanced-scorecard
//! perspectives (their members are missions and goals; everything below a member belongs to
//! its band), or, for a plan without perspectives, its top-level missions and strategic issues.

use std::collections::HashMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};

use phaen_domain::{Element, ElementKind, Plan};

use super::map_draw::{self, Band, Column};
use super::{Current, PlanNav, PlanPageTexts, readable_plan, with_kind};
use crate::AppState;
use crate::auth::Viewer;
use crate::error::AppError;
use crate::i18n::{Lang, Texts};
use crate::views::element_label;

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
    let bands = bands(&plan, lang);
    let svg = (!bands.is_empty()).then(|| map_draw::draw(&plan, lang, &bands));
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

/// The bands of the map, in the plan's order. A perspective, mission or strategic issue keeps
/// its band even with no box in it (a roadmap's issues hold groups and projects only); the
/// band of elements outside every perspective, and a top-level project, only when they have
/// boxes.
pub fn bands<'a>(plan: &'a Plan, lang: Lang) -> Vec<Band<'a>> {
    if plan.perspectives.is_empty() {
        by_mission(plan, lang)
    } else {
        by_perspective(plan, lang)
    }
}

fn by_mission<'a>(plan: &'a Plan, lang: Lang) -> Vec<Band<'a>> {
    let is_box = |k: ElementKind| {
        matches!(
            k,
            ElementKind::Goal | ElementKind::StrategicIssue | ElementKind::Strategy
        )
    };
    plan.elements
        .iter()
        .filter_map(|top| {
            let titled = matches!(top.kind, ElementKind::Mission | ElementKind::StrategicIssue);
            let mut columns = Vec::new();
            let keep = |_: &Element| true;
            if titled {
                for child in &top.children {
                    columns_from(child, &is_box, &keep, &mut columns);
                }
            } else {
                columns_from(top, &is_box, &keep, &mut columns);
            }
            (titled || !columns.is_empty()).then(|| Band {
                title: with_kind(
                    element_label(top.kind, lang),
                    top.label.as_deref(),
                    &top.title,
                ),
                columns,
            })
        })
        .collect()
}

fn by_perspective<'a>(plan: &'a Plan, lang: Lang) -> Vec<Band<'a>> {
    let is_box = |k: ElementKind| {
        matches!(
            k,
            ElementKind::Mission
                | ElementKind::Goal
                | ElementKind::StrategicIssue
                | ElementKind::Strategy
        )
    };
    // Each element's band: the perspective of it or of its nearest ancestor placed in one.
    let mut placed: HashMap<&str, usize> = HashMap::new();
    for (i, p) in plan.perspectives.iter().enumerate() {
        for m in &p.members {
            placed.entry(m.as_str()).or_insert(i);
        }
    }
    let mut band_of: HashMap<&str, Option<usize>> = HashMap::new();
    let mut roots: Vec<Vec<&Element>> = vec![Vec::new(); plan.perspectives.len() + 1];
    for w in plan.walk() {
        let inherited = w
            .parent
            .and_then(|p| band_of.get(p.id.as_str()).copied().flatten());
        let band = placed.get(w.element.id.as_str()).copied().or(inherited);
        band_of.insert(w.element.id.as_str(), band);
        let parent_band = w
            .parent
            .map(|p| band_of.get(p.id.as_str()).copied().flatten());
        if is_box(w.element.kind) && parent_band != Some(band) {
            roots[band.unwrap_or(plan.perspectives.len())].push(w.element);
        }
    }
    let p = super::PlanPageTexts::of(lang);
    let n = plan.perspectives.len();
    roots
        .into_iter()
        .enumerate()
        .filter(|(i, band_roots)| *i < n || !band_roots.is_empty())
        .map(|(i, band_roots)| {
            let title =
                plan.perspectives
                    .get(i)
                    .map_or(p.no_perspective, |ps| match (lang, &ps.name_en) {
                        (Lang::En, Some(en)) => en.as_str(),
                        _ => ps.name_th.as_str(),
                    });
            let here = Some(i).filter(|i| *i < n);
            let keep = |e: &Element| band_of.get(e.id.as_str()).copied().flatten() == here;
            let mut columns = Vec::new();
            for r in band_roots {
                columns_from(r, &is_box, &keep, &mut columns);
            }
            Band {
                title: title.to_string(),
                columns,
            }
        })
        .collect()
}

/// The columns `e` starts: its own, stacked with the boxes below it, when it is drawn as a
/// box; else those of its children.
fn columns_from<'a>(
    e: &'a Element,
    is_box: &dyn Fn(ElementKind) -> bool,
    keep: &dyn Fn(&Element) -> bool,
    out: &mut Vec<Column<'a>>,
) {
    if is_box(e.kind) && keep(e) {
        let mut column = Vec::new();
        stack(e, 0, is_box, keep, &mut column);
        out.push(column);
    } else {
        for child in &e.children {
            columns_from(child, is_box, keep, out);
        }
    }
}

fn stack<'a>(
    e: &'a Element,
    depth: usize,
    is_box: &dyn Fn(ElementKind) -> bool,
    keep: &dyn Fn(&Element) -> bool,
    column: &mut Column<'a>,
) {
    column.push((e, depth));
    for child in &e.children {
        if is_box(child.kind) && keep(child) {
            stack(child, depth + 1, is_box, keep, column);
        }
    }
}
