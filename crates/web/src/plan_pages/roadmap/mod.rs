//! GET /plans/{id}/roadmap and /plans/{id}/roadmap.xlsx: a roadmap plan as the table a
//! provincial office keeps, with 'data as of' and revision, filtered by year, unit and
//! cooperative through query parameters; the download holds the same rows as the page.

pub mod texts;
pub mod xlsx;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use phaen_domain::{BeYear, Plan, PlanKind};
use serde::Deserialize;

use super::{Current, PlanNav, readable_plan};
use crate::AppState;
use crate::auth::Viewer;
use crate::error::AppError;
use crate::i18n::{Lang, Texts};
use phaen_documents::roadmap::{self as rows, Filter, Roadmap, Row};
pub use texts::RoadmapTexts;

/// The filters as the form sends them; an empty value means 'all'.
#[derive(Debug, Default, Deserialize)]
pub struct RoadmapQuery {
    pub year: Option<String>,
    pub unit: Option<String>,
    pub coop: Option<String>,
}

impl RoadmapQuery {
    /// The filter, or a message saying which value is wrong.
    pub fn filter(&self, lang: Lang) -> Result<Filter, AppError> {
        let given = |v: &Option<String>| {
            v.as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
        };
        let year = match given(&self.year) {
            None => None,
            Some(y) => Some(BeYear::parse(&y).map_err(|e| {
                AppError::BadRequest(
                    lang,
                    format!("ปี '{y}' อ่านไม่ได้ / year '{y}' cannot be read: {e}"),
                )
            })?),
        };
        Ok(Filter {
            year,
            unit: given(&self.unit),
            coop: given(&self.coop),
        })
    }

    /// The same filters as a query string ('?year=2568&unit=...'), empty when none.
    pub fn query_string(filter: &Filter) -> String {
        let mut parts = Vec::new();
        if let Some(y) = filter.year {
            parts.push(format!("year={y}"));
        }
        if let Some(u) = &filter.unit {
            parts.push(format!("unit={}", encode(u)));
        }
        if let Some(c) = &filter.coop {
            parts.push(format!("coop={}", encode(c)));
        }
        if parts.is_empty() {
            String::new()
        } else {
            format!("?{}", parts.join("&"))
        }
    }
}

/// Percent-encodes a query value (Thai text included).
fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 3);
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(char::from(b))
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// A roadmap plan the viewer may read, and the filter asked for; any other plan is not found.
async fn load(
    state: &AppState,
    viewer: &Viewer,
    id: &str,
    q: &RoadmapQuery,
) -> Result<(std::sync::Arc<Plan>, Filter), AppError> {
    let plan = readable_plan(state, viewer, id).await?;
    if plan.kind != PlanKind::Roadmap {
        return Err(AppError::NotFound(viewer.lang));
    }
    let filter = q.filter(viewer.lang)?;
    Ok((plan, filter))
}

/// 'ข้อมูล ณ วันที่ 29 มิถุนายน 2566 · ปรับปรุงครั้งที่ 2'.
pub fn stamp_line(plan: &Plan, r: &RoadmapTexts) -> String {
    r.words.stamp_line(plan)
}

#[derive(Template, WebTemplate)]
#[template(path = "plan_roadmap.html")]
struct RoadmapPage {
    lang: Lang,
    t: &'static Texts,
    r: &'static RoadmapTexts,
    user_name: Option<String>,
    csrf: String,
    nav: PlanNav,
    plan_id: String,
    plan_title: String,
    owner: String,
    stamp: String,
    year_headings: Vec<String>,
    years: Vec<String>,
    roadmap: Roadmap,
    filter: Filter,
    chosen_year: String,
    download: String,
    total: String,
    columns: usize,
}

impl RoadmapPage {
    fn flag(&self, f: &Option<bool>) -> &'static str {
        match f {
            Some(true) => self.r.words.ticked,
            Some(false) => self.r.words.not_ticked,
            None => "",
        }
    }

    fn budget(&self, row: &Row) -> String {
        row.budget
            .map_or_else(|| "-".to_string(), super::money::baht)
    }

    fn is_unit(&self, u: &str) -> bool {
        self.filter.unit.as_deref() == Some(u)
    }

    fn is_coop(&self, c: &str) -> bool {
        self.filter.coop.as_deref() == Some(c)
    }
}

/// GET /plans/{id}/roadmap.
pub async fn roadmap_page(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    Query(q): Query<RoadmapQuery>,
) -> Result<Response, AppError> {
    let (plan, filter) = load(&state, &viewer, &id, &q).await?;
    let lang = viewer.lang;
    let r = RoadmapTexts::of(lang);
    let roadmap = rows::roadmap(&plan, &filter, doc_lang(lang));
    let plan_id = plan.id.to_string();
    let year_headings = roadmap
        .years
        .iter()
        .map(|c| r.year_heading(c.year, c.kind))
        .collect();
    let columns = 9 + roadmap.years.len();
    Ok(RoadmapPage {
        lang,
        t: lang.t(),
        r,
        user_name: viewer.name(),
        csrf: viewer.csrf.clone(),
        nav: PlanNav::new(&plan, lang, Current::Roadmap),
        download: format!(
            "/plans/{plan_id}/roadmap.xlsx{}",
            RoadmapQuery::query_string(&filter)
        ),
        plan_id,
        plan_title: plan.title.clone(),
        owner: plan.owner.name_th.clone(),
        stamp: stamp_line(&plan, r),
        year_headings,
        years: roadmap.years.iter().map(|c| c.year.to_string()).collect(),
        total: super::money::baht(roadmap.total_budget()),
        chosen_year: filter.year.map(|y| y.to_string()).unwrap_or_default(),
        roadmap,
        filter,
        columns,
    }
    .into_response())
}

/// GET /plans/{id}/roadmap.xlsx: the same rows as the page with the same filters.
pub async fn roadmap_xlsx(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    Query(q): Query<RoadmapQuery>,
) -> Result<Response, AppError> {
    let (plan, filter) = load(&state, &viewer, &id, &q).await?;
    let lang = viewer.lang;
    let roadmap = rows::roadmap(&plan, &filter, doc_lang(lang));
    let bytes = match xlsx::workbook(&plan, &roadmap, &filter, RoadmapTexts::of(lang).words) {
        Ok(b) => b,
        Err(e) => {
            tracing::error!(error = %e, "writing the roadmap workbook failed");
            let why = "เขียนไฟล์ XLSX ไม่ได้ / the XLSX file could not be written";
            return Ok((StatusCode::INTERNAL_SERVER_ERROR, why).into_response());
        }
    };
    let file = format!("attachment; filename=\"phaen-roadmap-{}.xlsx\"", plan.id);
    Ok((
        [
            (header::CONTENT_TYPE, xlsx::CONTENT_TYPE.to_string()),
            (header::CONTENT_DISPOSITION, file),
        ],
        bytes,
    )
        .into_response())
}

/// The documents crate's name for the viewer's language.
pub fn doc_lang(lang: Lang) -> rows::Lang {
    match lang {
        Lang::Th => rows::Lang::Th,
        Lang::En => rows::Lang::En,
    }
}
