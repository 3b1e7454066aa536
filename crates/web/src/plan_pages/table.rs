//! GET /plans/{id}/table: the mission–goal–strategy table (พันธกิจ / เป้าประสงค์ / ยุทธศาสตร์ /
//! กลยุทธ์), one row per path down the tree, cells merged with rowspans, each cell with the
//! element's KPIs and their targets per year.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};

use phaen_domain::{BeYear, Element, ElementKind, Kpi, Plan};

use super::{Current, PlanNav, PlanPageTexts, labelled, readable_plan};
use crate::AppState;
use crate::auth::Viewer;
use crate::error::AppError;
use crate::i18n::{Lang, Texts};
use crate::views::element_label;

/// A KPI in a cell: '1.1.1 อัตรา... (ร้อยละ)' and '2568: ≥ 5 · 2569: ≥ 6'.
pub struct KpiLine {
    pub name: String,
    pub targets: String,
}

pub struct Item {
    pub id: String,
    pub text: String,
    pub kpis: Vec<KpiLine>,
    /// Elements of the same kind below this one (a strategy under a strategy).
    pub subs: Vec<(String, String)>,
}

/// A cell that starts a run of merged rows; an empty run has no item.
pub struct Cell {
    pub rowspan: usize,
    pub item: Option<Item>,
}

#[derive(Template, WebTemplate)]
#[template(path = "plan_table.html")]
struct TablePage {
    lang: Lang,
    t: &'static Texts,
    p: &'static PlanPageTexts,
    user_name: Option<String>,
    csrf: String,
    nav: PlanNav,
    plan_id: String,
    plan_title: String,
    headings: Vec<&'static str>,
    /// Each row's cells; `None` where a cell above spans over it.
    rows: Vec<Vec<Option<Cell>>>,
}

/// GET /plans/{id}/table.
pub async fn table_page(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let plan = readable_plan(&state, &viewer, &id).await?;
    let lang = viewer.lang;
    let plan_id = plan.id.to_string();
    let (kinds, rows) = grid(&plan, lang);
    Ok(TablePage {
        lang,
        t: lang.t(),
        p: PlanPageTexts::of(lang),
        user_name: viewer.name(),
        csrf: viewer.csrf.clone(),
        nav: PlanNav::new(&plan, lang, Current::Table),
        plan_id,
        plan_title: plan.title.clone(),
        headings: kinds.iter().map(|k| element_label(*k, lang)).collect(),
        rows,
    }
    .into_response())
}

/// The columns in the plan's order: missions first, strategic issues before goals when the
/// plan places goals under its issues, strategies last.
fn columns(plan: &Plan) -> [ElementKind; 4] {
    let issue_first = plan.walk().iter().any(|w| {
        w.element.kind == ElementKind::Goal
            && w.parent
                .is_some_and(|p| p.kind == ElementKind::StrategicIssue)
    });
    if issue_first {
        [
            ElementKind::Mission,
            ElementKind::StrategicIssue,
            ElementKind::Goal,
            ElementKind::Strategy,
        ]
    } else {
        [
            ElementKind::Mission,
            ElementKind::Goal,
            ElementKind::StrategicIssue,
            ElementKind::Strategy,
        ]
    }
}

type Path4<'a> = [Option<&'a Element>; 4];

fn paths<'a>(
    e: &'a Element,
    cols: &[ElementKind; 4],
    mut path: Path4<'a>,
    out: &mut Vec<Path4<'a>>,
) {
    let Some(c) = cols.iter().position(|k| *k == e.kind) else {
        return;
    };
    path[c] = Some(e);
    let below: Vec<&Element> = e
        .children
        .iter()
        .filter(|ch| {
            cols.iter()
                .position(|k| *k == ch.kind)
                .is_some_and(|cc| cc > c)
        })
        .collect();
    if below.is_empty() {
        out.push(path);
    }
    for ch in below {
        paths(ch, cols, path, out);
    }
}

/// The kinds shown (columns nobody fills are left out) and the rows with merged cells.
pub fn grid(plan: &Plan, lang: Lang) -> (Vec<ElementKind>, Vec<Vec<Option<Cell>>>) {
    let cols = columns(plan);
    let mut all = Vec::new();
    for e in &plan.elements {
        paths(e, &cols, [None; 4], &mut all);
    }
    let kept: Vec<usize> = (0..4)
        .filter(|c| all.iter().any(|p| p[*c].is_some()))
        .collect();
    let years: Vec<BeYear> = plan.period.years().collect();
    let same = |a: Option<&Element>, b: Option<&Element>| match (a, b) {
        (Some(x), Some(y)) => std::ptr::eq(x, y),
        (None, None) => true,
        _ => false,
    };
    let mut rows: Vec<Vec<Option<Cell>>> = Vec::with_capacity(all.len());
    for (i, path) in all.iter().enumerate() {
        let mut row = Vec::with_capacity(kept.len());
        for (ki, c) in kept.iter().enumerate() {
            let continues = |j: usize, k: usize| {
                kept[..=k]
                    .iter()
                    .all(|cc| same(all[j][*cc], all[j - 1][*cc]))
            };
            if i > 0 && continues(i, ki) {
                row.push(None);
                continue;
            }
            let rowspan = 1 + (i + 1..all.len()).take_while(|j| continues(*j, ki)).count();
            row.push(Some(Cell {
                rowspan,
                item: path[*c].map(|e| item(e, &years, lang)),
            }));
        }
        rows.push(row);
    }
    (kept.iter().map(|c| cols[*c]).collect(), rows)
}

fn item(e: &Element, years: &[BeYear], lang: Lang) -> Item {
    Item {
        id: e.id.to_string(),
        text: labelled(e.label.as_deref(), &e.title),
        kpis: e.kpis.iter().map(|k| kpi_line(k, years)).collect(),
        subs: e
            .children
            .iter()
            .filter(|c| c.kind == e.kind)
            .map(|c| {
                (
                    c.id.to_string(),
                    super::with_kind(element_label(c.kind, lang), c.label.as_deref(), &c.title),
                )
            })
            .collect(),
    }
}

pub fn kpi_line(k: &Kpi, years: &[BeYear]) -> KpiLine {
    let mut name = labelled(k.label.as_deref(), &k.name);
    if let Some(u) = k.unit.as_deref().filter(|u| !u.is_empty()) {
        name = format!("{name} ({u})");
    }
    KpiLine {
        name,
        targets: years
            .iter()
            .filter_map(|y| k.target_for(*y).map(|t| format!("{y}: {t}")))
            .collect::<Vec<_>>()
            .join(" · "),
    }
}
