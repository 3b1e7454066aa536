//! The roll-up page: the organization's totals for the plan, budgets by strategy and year, and
//! the organizations directly below with links to drill down; the year and organization chosen
//! carry over to the workbook download.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};

use super::super::money::baht;
use super::super::{Current, PlanNav, readable_plan};
use super::{RollupQuery, RollupView, rollup_view};
use crate::AppState;
use crate::auth::Viewer;
use crate::error::AppError;
use crate::i18n::{Lang, Texts};
use crate::progress::page::status_label;
use phaen_domain::evaluate::Status;

pub struct RollupTexts {
    pub heading: &'static str,
    pub intro: &'static str,
    pub org: &'static str,
    pub year: &'static str,
    pub every_year: &'static str,
    pub show: &'static str,
    pub up: &'static str,
    pub target: &'static str,
    pub orgs: &'static str,
    pub items: &'static str,
    pub budget: &'static str,
    pub by_strategy: &'static str,
    pub strategy: &'static str,
    pub no_year: &'static str,
    pub total: &'static str,
    pub below: &'static str,
    pub targets_served: &'static str,
    pub download: &'static str,
    pub none_below: &'static str,
    pub achievement: &'static str,
    pub achievement_note: &'static str,
    pub achieved_of: &'static str,
}

impl RollupTexts {
    pub fn of(lang: Lang) -> &'static RollupTexts {
        match lang {
            Lang::Th => &RollupTexts {
                heading: "ภาพรวมการขับเคลื่อนแผนตามลำดับหน่วยงาน",
                intro: "ตัวเลขรวมของหน่วยงานนี้และทุกหน่วยงานในสังกัด: แต่ละตัวชี้วัดและองค์ประกอบของแผนมีกี่หน่วยงานและกี่รายการที่ตอบสนอง งบประมาณรวม และงบประมาณรายยุทธศาสตร์รายปี เลือกหน่วยงานในสังกัดเพื่อดูรายละเอียดลงไปจนถึงสหกรณ์",
                org: "หน่วยงาน",
                year: "ปีงบประมาณ",
                every_year: "ทุกปี",
                show: "แสดง",
                up: "ขึ้นไปยังหน่วยงานระดับบน",
                target: "ตัวชี้วัด / องค์ประกอบของแผน",
                orgs: "หน่วยงานที่ตอบสนอง",
                items: "รายการ",
                budget: "งบประมาณ (บาท)",
                by_strategy: "งบประมาณรายยุทธศาสตร์และรายปี (บาท)",
                strategy: "ยุทธศาสตร์",
                no_year: "ไม่ระบุปี",
                total: "รวม",
                below: "หน่วยงานในสังกัด",
                targets_served: "จำนวนข้อที่ตอบสนอง",
                download: "ดาวน์โหลด Excel",
                none_below: "ไม่มีหน่วยงานในสังกัด",
                achievement: "ผลการบรรลุตัวชี้วัดของแผนที่ติดตาม (จำนวนตัวชี้วัด)",
                achievement_note: "ตัวชี้วัดของแผนที่อนุมัติหรือเผยแพร่แล้วของหน่วยงานนี้และหน่วยงานในสังกัด ประเมินจากค่าที่อนุมัติแล้ว",
                achieved_of: "บรรลุ / ตัวชี้วัด ปี",
            },
            Lang::En => &RollupTexts {
                heading: "Roll-up up the organization tree",
                intro: "Totals of this organization and every organization below it: how many organizations and items serve each KPI and element of the plan, their budget, and budgets by strategy and year. Choose an organization below to drill down to the cooperative.",
                org: "Organization",
                year: "Budget year",
                every_year: "Every year",
                show: "Show",
                up: "Up to the organization above",
                target: "KPI / element of the plan",
                orgs: "Organizations serving",
                items: "Items",
                budget: "Budget (baht)",
                by_strategy: "Budget by strategy and year (baht)",
                strategy: "Strategy",
                no_year: "No year",
                total: "Total",
                below: "Organizations below",
                targets_served: "Targets served",
                download: "Download Excel",
                none_below: "No organization below",
                achievement: "KPI achievement of the plans followed (number of KPIs)",
                achievement_note: "KPIs of the approved and published plans of this organization and those below it, judged from approved values",
                achieved_of: "Achieved / KPIs in",
            },
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "plan_rollup.html")]
struct RollupPage {
    lang: Lang,
    t: &'static Texts,
    r: &'static RollupTexts,
    user_name: Option<String>,
    csrf: String,
    nav: PlanNav,
    v: RollupView,
    /// The year chosen, as typed back into the form ('' for every year).
    chosen_year: String,
    /// Budget cells of each strategy, one per year column then 'no year', and its total.
    strategy_cells: Vec<(String, Vec<String>, String)>,
    year_headings: Vec<String>,
    /// Column totals of the strategy table, and the grand total.
    strategy_totals: (Vec<String>, String),
    query: String,
    /// Status labels in the achievement table's order.
    statuses: Vec<&'static str>,
    /// (year, KPIs per status) of the subtree.
    achievement_rows: Vec<(i64, Vec<i64>)>,
}

/// GET /plans/{id}/rollup[?org=CODE&year=YYYY]
pub async fn rollup_page(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    Query(q): Query<RollupQuery>,
) -> Result<Response, AppError> {
    let plan = readable_plan(&state, &viewer, &id).await?;
    let lang = viewer.lang;
    let v = rollup_view(&state, &viewer, &plan, &q).await?;
    let r = RollupTexts::of(lang);
    let mut columns: Vec<i64> = v.years.clone();
    columns.push(0);
    let strategy_cells = v
        .strategies
        .iter()
        .map(|s| {
            let cells = columns
                .iter()
                .map(|y| baht(s.budget_by_year.get(y).copied().unwrap_or_default()))
                .collect();
            (
                s.text.clone(),
                cells,
                baht(s.budget_by_year.values().copied().sum()),
            )
        })
        .collect();
    let column_totals = columns
        .iter()
        .map(|y| {
            baht(
                v.strategies
                    .iter()
                    .filter_map(|s| s.budget_by_year.get(y))
                    .copied()
                    .sum(),
            )
        })
        .collect();
    let grand = baht(
        v.strategies
            .iter()
            .flat_map(|s| s.budget_by_year.values())
            .copied()
            .sum(),
    );
    let mut year_headings: Vec<String> = v.years.iter().map(|y| y.to_string()).collect();
    year_headings.push(r.no_year.to_string());
    let mut query = format!("?org={}", v.org);
    if let Some(y) = v.year {
        query.push_str(&format!("&year={y}"));
    }
    let order = [
        Status::Achieved,
        Status::Partly,
        Status::NotAchieved,
        Status::NoData,
        Status::NoTarget,
    ];
    let achievement_rows = v
        .achievement
        .iter()
        .map(|(y, by)| {
            let counts = order
                .iter()
                .map(|s| by.get(s.as_str()).copied().unwrap_or_default())
                .collect();
            (*y, counts)
        })
        .collect();
    let statuses = order.iter().map(|s| status_label(*s, lang)).collect();
    Ok(RollupPage {
        statuses,
        achievement_rows,
        lang,
        t: lang.t(),
        r,
        user_name: viewer.name(),
        csrf: viewer.csrf.clone(),
        nav: PlanNav::new(&plan, lang, Current::Rollup),
        chosen_year: v.year.map(|y| y.to_string()).unwrap_or_default(),
        strategy_cells,
        year_headings,
        strategy_totals: (column_totals, grand),
        query,
        v,
    }
    .into_response())
}

impl RollupPage {
    /// 'achieved / KPIs' of an organization below, in the achievement year.
    fn achieved(&self, c: &super::ChildLine) -> String {
        let all: i64 = c.achievement.values().sum();
        let achieved = c.achievement.get("achieved").copied().unwrap_or_default();
        format!("{achieved} / {all}")
    }

    /// Baht as the pages write it.
    fn money(&self, amount: &rust_decimal::Decimal) -> String {
        baht(*amount)
    }
}
