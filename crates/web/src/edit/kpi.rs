//! The KPI forms: a KPI's name, unit and notes and its target for each year of the plan (typed
//! the way plans write them: '10', '≥ 80', 'ไม่น้อยกว่าร้อยละ 50', 'ดีเยี่ยม', '-'); adding a KPI
//! to an element or to the plan; removing one.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use phaen_domain::edit;
use phaen_domain::{ElementId, Kpi, KpiId, Plan, YearTarget};
use phaen_store::EditNote;

use super::{EditTexts, edit_texts, for_form, for_save, form_message, lang_pick, save};
use crate::AppState;
use crate::auth::Viewer;
use crate::error::AppError;
use crate::i18n::{Lang, Texts};

/// What the KPI form sends: its fixed fields and one `t-{year}` field per plan year.
#[derive(Debug, Clone, Default)]
struct KpiForm {
    csrf: String,
    version: i64,
    element: Option<String>,
    label: String,
    name: String,
    unit: String,
    notes: String,
    /// (year, the target as typed)
    targets: Vec<(u16, String)>,
}

impl KpiForm {
    fn read(pairs: Vec<(String, String)>, plan: &Plan) -> Result<KpiForm, AppError> {
        let mut f = KpiForm {
            targets: plan
                .period
                .years()
                .map(|y| (y.get(), String::new()))
                .collect(),
            ..KpiForm::default()
        };
        for (key, value) in pairs {
            match key.as_str() {
                "csrf" => f.csrf = value,
                "version" => f.version = value.trim().parse().unwrap_or(-1),
                "element" => f.element = Some(value).filter(|v| !v.is_empty()),
                "label" => f.label = value,
                "name" => f.name = value,
                "unit" => f.unit = value,
                "notes" => f.notes = value,
                other => {
                    if let Some(year) = other.strip_prefix("t-").and_then(|y| y.parse::<u16>().ok())
                        && let Some(slot) = f.targets.iter_mut().find(|(y, _)| *y == year)
                    {
                        slot.1 = value;
                    }
                }
            }
        }
        Ok(f)
    }

    fn of(k: &Kpi, plan: &Plan, version: i64) -> KpiForm {
        KpiForm {
            csrf: String::new(),
            version,
            element: None,
            label: k.label.clone().unwrap_or_default(),
            name: k.name.clone(),
            unit: k.unit.clone().unwrap_or_default(),
            notes: k.notes.join("\n"),
            targets: plan
                .period
                .years()
                .map(|y| {
                    let shown = k
                        .targets
                        .iter()
                        .find(|t| t.year == y)
                        .map(|t| t.written.clone().unwrap_or_else(|| t.target.to_string()))
                        .unwrap_or_default();
                    (y.get(), shown)
                })
                .collect(),
        }
    }

    /// Writes the form into `k`, or every reason it cannot.
    fn apply(&self, plan: &Plan, k: &mut Kpi, lang: Lang) -> Result<(), Vec<String>> {
        let mut problems = Vec::new();
        let name = self.name.trim();
        if name.is_empty() {
            problems.push(lang_pick(lang, "ต้องมีชื่อตัวชี้วัด", "The indicator needs a name"));
        }
        k.name = name.to_string();
        k.label = Some(self.label.trim().to_string()).filter(|l| !l.is_empty());
        k.unit = Some(self.unit.trim().to_string()).filter(|u| !u.is_empty());
        k.notes = super::lines::plain(&self.notes);
        let mut targets = Vec::new();
        for (year, typed) in &self.targets {
            let Some(target) = phaen_import::targets::parse_cell(typed) else {
                continue;
            };
            let year = phaen_domain::BeYear::new(*year).map_err(|e| vec![e.to_string()])?;
            if !plan.period.contains(year) {
                continue;
            }
            let typed = typed.trim();
            let canonical = target.to_string();
            targets.push(YearTarget {
                year,
                written: (typed != canonical).then(|| typed.to_string()),
                target,
            });
        }
        // Years outside the period the form does not show stay as they were.
        targets.extend(
            k.targets
                .iter()
                .filter(|t| !plan.period.contains(t.year))
                .cloned(),
        );
        targets.sort_by_key(|t| t.year);
        k.targets = targets;
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems)
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "kpi_form.html")]
struct KpiFormPage {
    lang: Lang,
    t: &'static Texts,
    e: &'static EditTexts,
    user_name: Option<String>,
    csrf: String,
    plan_id: String,
    plan_title: String,
    /// The element the KPI belongs to, as readers name it.
    owner: String,
    action: String,
    heading: String,
    /// Existing KPIs: the id, for the remove button.
    kpi_id: Option<String>,
    form: KpiForm,
    problems: Vec<String>,
}

fn owner_name(plan: &Plan, element: Option<&phaen_domain::Element>) -> String {
    match element {
        Some(e) => format!(
            "{} {} {}",
            e.kind.label_th(),
            e.label.clone().unwrap_or_default(),
            e.title
        ),
        None => plan.title.clone(),
    }
}

fn audit_json(k: &Kpi) -> String {
    serde_json::to_string(k).unwrap_or_default()
}

fn kpi_id(lang: Lang, id: &str) -> Result<KpiId, AppError> {
    KpiId::parse(id).map_err(|_| AppError::NotFound(lang))
}

struct Page<'a> {
    viewer: &'a Viewer,
    plan: &'a Plan,
    owner: String,
    action: String,
    heading: String,
    kpi_id: Option<String>,
}

impl Page<'_> {
    fn render(self, form: KpiForm, problems: Vec<String>) -> KpiFormPage {
        let lang = self.viewer.lang;
        KpiFormPage {
            lang,
            t: lang.t(),
            e: edit_texts(lang),
            user_name: self.viewer.name(),
            csrf: self.viewer.csrf.clone(),
            plan_id: self.plan.id.to_string(),
            plan_title: self.plan.title.clone(),
            owner: self.owner,
            action: self.action,
            heading: self.heading,
            kpi_id: self.kpi_id,
            form,
            problems,
        }
    }

    fn refused(self, form: KpiForm, e: AppError) -> Result<Response, AppError> {
        let Some(message) = form_message(self.viewer.lang, &e) else {
            return Err(e);
        };
        let status = match e {
            AppError::Store(phaen_store::Error::Conflict { .. }) => StatusCode::CONFLICT,
            _ => StatusCode::BAD_REQUEST,
        };
        Ok((status, self.render(form, vec![message])).into_response())
    }
}

fn edit_page<'a>(viewer: &'a Viewer, plan: &'a Plan, kid: &KpiId) -> Page<'a> {
    let lang = viewer.lang;
    Page {
        viewer,
        plan,
        owner: owner_name(plan, edit::kpi_owner(plan, kid)),
        action: format!("/plans/{}/kpis/{kid}/edit", plan.id),
        heading: format!("{} {}", edit_texts(lang).edit, lang.t().kpi),
        kpi_id: Some(kid.to_string()),
    }
}

/// GET /plans/{id}/kpis/{kid}/edit
pub async fn edit_form(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((id, kid)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let lang = viewer.lang;
    let editing = for_form(&state, &viewer, &id).await?;
    let kid = kpi_id(lang, &kid)?;
    let k = edit::kpi(&editing.plan, &kid).ok_or(AppError::NotFound(lang))?;
    let form = KpiForm::of(k, &editing.plan, editing.version);
    Ok(edit_page(&viewer, &editing.plan, &kid)
        .render(form, Vec::new())
        .into_response())
}

/// POST /plans/{id}/kpis/{kid}/edit
pub async fn edit_save(
    State(state): State<AppState>,
    headers: HeaderMap,
    viewer: Viewer,
    Path((id, kid)): Path<(String, String)>,
    axum::Form(pairs): axum::Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let lang = viewer.lang;
    let csrf = pairs
        .iter()
        .find(|(k, _)| k == "csrf")
        .map(|(_, v)| v.clone())
        .unwrap_or_default();
    let (mut plan, store) = for_save(&state, &headers, &viewer, &id, &csrf).await?;
    let kid = kpi_id(lang, &kid)?;
    let original = plan.clone();
    let form = KpiForm::read(pairs, &original)?;
    let before = edit::kpi(&original, &kid).ok_or(AppError::NotFound(lang))?;
    let mut changed = before.clone();
    if let Err(problems) = form.apply(&original, &mut changed, lang) {
        let page = edit_page(&viewer, &original, &kid).render(form, problems);
        return Ok((StatusCode::BAD_REQUEST, page).into_response());
    }
    let note = EditNote {
        action: "kpi.edit",
        target: format!(
            "{} {}",
            changed.label.clone().unwrap_or_default(),
            changed.name
        )
        .trim()
        .to_string(),
        before: Some(audit_json(before)),
        after: Some(audit_json(&changed)),
    };
    *edit::kpi_mut(&mut plan, &kid)? = changed;
    let back = match edit::kpi_owner(&plan, &kid) {
        Some(e) => format!("/plans/{}#e-{}", plan.id, e.id),
        None => format!("/plans/{}#kpis", plan.id),
    };
    match save(&store, &plan, form.version, note).await {
        Ok(_) => Ok(Redirect::to(&back).into_response()),
        Err(e) => edit_page(&viewer, &original, &kid).refused(form, e),
    }
}

#[derive(Deserialize)]
pub struct Owner {
    element: Option<String>,
}

fn new_page<'a>(viewer: &'a Viewer, plan: &'a Plan, element: Option<&ElementId>) -> Page<'a> {
    let lang = viewer.lang;
    Page {
        viewer,
        plan,
        owner: owner_name(plan, element.and_then(|e| edit::element(plan, e))),
        action: format!("/plans/{}/kpis/new", plan.id),
        heading: edit_texts(lang).add_kpi.to_string(),
        kpi_id: None,
    }
}

fn owner_element(lang: Lang, plan: &Plan, e: Option<&str>) -> Result<Option<ElementId>, AppError> {
    match e.filter(|e| !e.is_empty()) {
        Some(e) => {
            let id = ElementId::parse(e).map_err(|_| AppError::NotFound(lang))?;
            edit::element(plan, &id).ok_or(AppError::NotFound(lang))?;
            Ok(Some(id))
        }
        None => Ok(None),
    }
}

/// GET /plans/{id}/kpis/new?element={eid}
pub async fn new_form(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    Query(q): Query<Owner>,
) -> Result<Response, AppError> {
    let lang = viewer.lang;
    let editing = for_form(&state, &viewer, &id).await?;
    let element = owner_element(lang, &editing.plan, q.element.as_deref())?;
    let form = KpiForm {
        version: editing.version,
        element: element.as_ref().map(|e| e.to_string()),
        targets: editing
            .plan
            .period
            .years()
            .map(|y| (y.get(), String::new()))
            .collect(),
        ..KpiForm::default()
    };
    Ok(new_page(&viewer, &editing.plan, element.as_ref())
        .render(form, Vec::new())
        .into_response())
}

/// POST /plans/{id}/kpis/new
pub async fn new_save(
    State(state): State<AppState>,
    headers: HeaderMap,
    viewer: Viewer,
    Path(id): Path<String>,
    axum::Form(pairs): axum::Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let lang = viewer.lang;
    let csrf = pairs
        .iter()
        .find(|(k, _)| k == "csrf")
        .map(|(_, v)| v.clone())
        .unwrap_or_default();
    let (mut plan, store) = for_save(&state, &headers, &viewer, &id, &csrf).await?;
    let original = plan.clone();
    let form = KpiForm::read(pairs, &original)?;
    let element = owner_element(lang, &original, form.element.as_deref())?;
    let mut new = Kpi::new("");
    if let Err(problems) = form.apply(&original, &mut new, lang) {
        let page = new_page(&viewer, &original, element.as_ref()).render(form, problems);
        return Ok((StatusCode::BAD_REQUEST, page).into_response());
    }
    let note = EditNote {
        action: "kpi.add",
        target: new.name.clone(),
        before: None,
        after: Some(audit_json(&new)),
    };
    let back = match &element {
        Some(e) => {
            edit::element_mut(&mut plan, e)?.kpis.push(new);
            format!("/plans/{}#e-{e}", plan.id)
        }
        None => {
            plan.kpis.push(new);
            format!("/plans/{}#kpis", plan.id)
        }
    };
    match save(&store, &plan, form.version, note).await {
        Ok(_) => Ok(Redirect::to(&back).into_response()),
        Err(e) => new_page(&viewer, &original, element.as_ref()).refused(form, e),
    }
}

#[derive(Deserialize)]
pub struct RemoveForm {
    csrf: String,
    version: i64,
}

/// POST /plans/{id}/kpis/{kid}/remove
pub async fn remove_save(
    State(state): State<AppState>,
    headers: HeaderMap,
    viewer: Viewer,
    Path((id, kid)): Path<(String, String)>,
    axum::Form(form): axum::Form<RemoveForm>,
) -> Result<Response, AppError> {
    let lang = viewer.lang;
    let (mut plan, store) = for_save(&state, &headers, &viewer, &id, &form.csrf).await?;
    let kid = kpi_id(lang, &kid)?;
    let back = match edit::kpi_owner(&plan, &kid) {
        Some(e) => format!("/plans/{}#e-{}", plan.id, e.id),
        None => format!("/plans/{}#kpis", plan.id),
    };
    let gone = edit::remove_kpi(&mut plan, &kid).map_err(|_| AppError::NotFound(lang))?;
    let note = EditNote {
        action: "kpi.remove",
        target: gone.name.clone(),
        before: Some(audit_json(&gone)),
        after: None,
    };
    save(&store, &plan, form.version, note).await?;
    Ok(Redirect::to(&back).into_response())
}
