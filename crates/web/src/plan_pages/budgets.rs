//! GET /plans/{id}/budgets: budgets by year. A row per project (or any element with budget
//! lines), a column per plan year (and for lines of no year), row and column totals summed as
//! exact decimals, and each stated total checked against its row's sum.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use rust_decimal::Decimal;

use phaen_domain::{BeYear, Plan};

use super::money::baht;
use super::{Current, PlanNav, PlanPageTexts, labelled, readable_plan};
use crate::AppState;
use crate::auth::Viewer;
use crate::error::AppError;
use crate::i18n::{Lang, Texts};
use crate::views::element_label;

pub struct BudgetRow {
    pub id: String,
    pub kind: &'static str,
    pub text: String,
    pub cells: Vec<String>,
    pub total: String,
    /// (stated total, it matches the row's sum)
    pub stated: Option<(String, bool)>,
}

/// The table's columns, rows and totals.
pub struct BudgetTable {
    pub headings: Vec<String>,
    pub rows: Vec<BudgetRow>,
    pub column_totals: Vec<String>,
    pub grand_total: String,
    pub any_stated: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "plan_budgets.html")]
struct BudgetsPage {
    lang: Lang,
    t: &'static Texts,
    p: &'static PlanPageTexts,
    user_name: Option<String>,
    csrf: String,
    nav: PlanNav,
    plan_id: String,
    plan_title: String,
    table: Option<BudgetTable>,
}

/// GET /plans/{id}/budgets.
pub async fn budgets_page(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let plan = readable_plan(&state, &viewer, &id).await?;
    let lang = viewer.lang;
    let plan_id = plan.id.to_string();
    Ok(BudgetsPage {
        lang,
        t: lang.t(),
        p: PlanPageTexts::of(lang),
        user_name: viewer.name(),
        csrf: viewer.csrf.clone(),
        nav: PlanNav::new(&plan, lang, Current::Budgets),
        plan_id,
        plan_title: plan.title.clone(),
        table: table(&plan, lang),
    }
    .into_response())
}

/// The budget table, or `None` when no element has a budget.
pub fn table(plan: &Plan, lang: Lang) -> Option<BudgetTable> {
    let p = PlanPageTexts::of(lang);
    let walked = plan.walk();
    let budgeted: Vec<_> = walked
        .iter()
        .map(|w| w.element)
        .filter(|e| !e.budget.is_empty() || e.budget_total_stated.is_some())
        .collect();
    if budgeted.is_empty() {
        return None;
    }
    // Columns: the plan's years, any other year a line names, then lines without a year.
    let mut years: Vec<Option<BeYear>> = plan.period.years().map(Some).collect();
    for e in &budgeted {
        years.extend(e.budget.iter().map(|b| b.year));
    }
    years.sort_by_key(|y| (y.is_none(), *y));
    years.dedup();
    let mut column_totals = vec![Decimal::ZERO; years.len()];
    let mut any_stated = false;
    let rows = budgeted
        .iter()
        .map(|e| {
            let sums: Vec<Decimal> = years
                .iter()
                .map(|y| {
                    e.budget
                        .iter()
                        .filter(|b| b.year == *y)
                        .map(|b| b.amount_baht.amount())
                        .sum()
                })
                .collect();
            let has_line = |y: &Option<BeYear>| e.budget.iter().any(|b| b.year == *y);
            for (t, s) in column_totals.iter_mut().zip(&sums) {
                *t += *s;
            }
            let total: Decimal = sums.iter().copied().sum();
            any_stated |= e.budget_total_stated.is_some();
            BudgetRow {
                id: e.id.to_string(),
                kind: element_label(e.kind, lang),
                text: labelled(e.label.as_deref(), &e.title),
                cells: years
                    .iter()
                    .zip(&sums)
                    .map(|(y, s)| if has_line(y) { baht(*s) } else { String::new() })
                    .collect(),
                total: baht(total),
                stated: e
                    .budget_total_stated
                    .map(|s| (baht(s.amount()), s.amount() == total)),
            }
        })
        .collect();
    let grand: Decimal = column_totals.iter().copied().sum();
    Some(BudgetTable {
        headings: years
            .iter()
            .map(|y| y.map_or(p.no_year.to_string(), |y| y.to_string()))
            .collect(),
        rows,
        column_totals: column_totals.into_iter().map(baht).collect(),
        grand_total: baht(grand),
        any_stated,
    })
}
