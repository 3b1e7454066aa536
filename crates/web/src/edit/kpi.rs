//! The KPI forms: a KPI's name, unit and notes and its target for each year of the plan (typed
//! the way plans write them: '10', '≥ 80', 'ไม่น้อยกว่าร้อยละ 50', 'ดีเยี่ยม', '-'); adding a KPI
//! to an element or to the plan; removing one. The changes ([`change_kpi`], [`add_kpi`],
//! [`remove_kpi`]) are shared with the JSON API.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use phaen_domain::edit;
use phaen_domain::{ElementId, Kpi, KpiId, Plan, YearTarget};
use phaen_store::{EditNote, PlanStore};

use super::{EDIT_EN, EDIT_TH, EditTexts, edit_texts, for_form, for_save, form_problems, save};
use crate::AppState;
use crate::auth::Viewer;
use crate::error::{AppError, Problem};
use crate::i18n::{Lang, Texts};

/// What the KPI form sends (and what the API's KPI requests become): its fixed fields and one
/// `t-{year}` field per plan year.
#[derive(Debug, Clone, Default)]
pub(crate) struct KpiForm {
    pub(crate) csrf: String,
    pub(crate) version: i64,
    pub(crate) element: Option<String>,
    pub(crate) label: String,
    pub(crate) name: String,
    pub(crate) unit: String,
    pub(crate) notes: String,
    /// (year as written, the target as typed); the plan's years first.
    pub(crate) targets: Vec<(String, String)>,
    /// Why targets set before are changed (needed in a revision of an approved plan).
    pub(crate) reason: String,
}

impl KpiForm {
    /// An empty form for a new KPI of `plan`, read at `version`.
    pub(crate) fn blank(plan: &Plan, version: i64) -> KpiForm {
        KpiForm {
            version,
            targets: plan
                .period
                .years()
                .map(|y| (y.to_string(), String::new()))
                .collect(),
            ..KpiForm::default()
        }
    }

    fn read(pairs: Vec<(String, String)>, plan: &Plan) -> KpiForm {
        let mut f = KpiForm::blank(plan, -1);
        let mut targets = Vec::new();
        for (key, value) in pairs {
            match key.as_str() {
                "csrf" => f.csrf = value,
                "version" => f.version = value.trim().parse().unwrap_or(-1),
                "element" => f.element = Some(value).filter(|v| !v.is_empty()),
                "label" => f.label = value,
                "name" => f.name = value,
                "unit" => f.unit = value,
                "notes" => f.notes = value,
                "reason" => f.reason = value,
                other => {
                    if let Some(year) = other.strip_prefix("t-") {
                        targets.push((year.to_string(), value));
                    }
                }
            }
        }
        f.set_targets(targets);
        f
    }

    /// Sets the targets typed per year: the years not given have none; a year that is not one
    /// of the plan's stays in the list for [`KpiForm::apply`] to refuse.
    pub(crate) fn set_targets(&mut self, given: impl IntoIterator<Item = (String, String)>) {
        for slot in &mut self.targets {
            slot.1.clear();
        }
        for (year, typed) in given {
            match self.targets.iter_mut().find(|(y, _)| *y == year.trim()) {
                Some(slot) => slot.1 = typed,
                None => self.targets.push((year, typed)),
            }
        }
    }

    pub(crate) fn of(k: &Kpi, plan: &Plan, version: i64) -> KpiForm {
        KpiForm {
            csrf: String::new(),
            version,
            element: None,
            label: k.label.clone().unwrap_or_default(),
            name: k.name.clone(),
            unit: k.unit.clone().unwrap_or_default(),
            notes: k.notes.join("\n"),
            reason: String::new(),
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
                    (y.to_string(), shown)
                })
                .collect(),
        }
    }

    /// Writes the form into `k`, or every reason it cannot.
    fn apply(&self, plan: &Plan, k: &mut Kpi) -> Result<(), Vec<Problem>> {
        let mut problems = Vec::new();
        let name = self.name.trim();
        if name.is_empty() {
            problems.push(Problem::new(
                "name",
                "ต้องมีชื่อตัวชี้วัด",
                "The indicator needs a name",
            ));
        }
        k.name = name.to_string();
        k.label = Some(self.label.trim().to_string()).filter(|l| !l.is_empty());
        k.unit = Some(self.unit.trim().to_string()).filter(|u| !u.is_empty());
        k.notes = super::lines::plain(&self.notes);
        let (th, en) = (EDIT_TH.targets, EDIT_EN.targets);
        let (from, to) = (plan.period.from, plan.period.to);
        let mut targets: Vec<YearTarget> = Vec::new();
        for (written_year, typed) in &self.targets {
            let Ok(year) = phaen_domain::BeYear::parse(written_year.trim()) else {
                problems.push(Problem::new(
                    "targets",
                    format!("{th}: '{written_year}' ไม่ใช่ปี พ.ศ. (เขียนเช่น {from})"),
                    format!(
                        "{en}: '{written_year}' is not a Buddhist-Era year (write e.g. {from})"
                    ),
                ));
                continue;
            };
            if !plan.period.contains(year) {
                problems.push(Problem::new(
                    "targets",
                    format!("{th}: ปี {year} อยู่นอกระยะเวลาของแผน ({from} - {to})"),
                    format!("{en}: year {year} is outside the plan's period ({from} - {to})"),
                ));
                continue;
            }
            let Some(target) = phaen_import::targets::parse_cell(typed) else {
                continue;
            };
            if targets.iter().any(|t| t.year == year) {
                problems.push(Problem::new(
                    "targets",
                    format!("{th}: ปี {year} ระบุมากกว่าหนึ่งครั้ง"),
                    format!("{en}: year {year} is given more than once"),
                ));
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

/// The years whose target was set and now differs (or is gone), with the reason given.
fn target_changes(
    plan: &Plan,
    before: &Kpi,
    after: &Kpi,
    reason: &str,
) -> Vec<phaen_store::TargetChange> {
    let shown = |k: &Kpi, y| {
        k.targets
            .iter()
            .find(|t| t.year == y)
            .map(|t| t.target.to_string())
    };
    plan.period
        .years()
        .filter_map(|y| {
            let was = shown(before, y)?;
            let now = shown(after, y).unwrap_or_else(|| "-".into());
            (was != now).then(|| phaen_store::TargetChange {
                kpi: after.id.clone(),
                year: y,
                before: was,
                after: now,
                reason: reason.to_string(),
            })
        })
        .collect()
}

fn kpi_name(k: &Kpi) -> String {
    format!("{} {}", k.label.clone().unwrap_or_default(), k.name)
        .trim()
        .to_string()
}

/// Changes KPI `kid` of `plan` as `form` says: the note for the audit log, the same 404 as a
/// missing plan when the KPI is not there, or every problem of the form.
pub(crate) fn change_kpi(
    plan: &mut Plan,
    kid: &KpiId,
    form: &KpiForm,
    lang: Lang,
) -> Result<EditNote, AppError> {
    let before = edit::kpi(plan, kid).ok_or(AppError::NotFound(lang))?;
    let mut changed = before.clone();
    form.apply(plan, &mut changed)
        .map_err(|p| AppError::Invalid(lang, p))?;
    let targets = target_changes(plan, before, &changed, form.reason.trim());
    // A revision of a plan that was approved keeps why its targets moved.
    let revised = plan.revision.as_ref().is_some_and(|r| r.number > 1);
    if revised && !targets.is_empty() && form.reason.trim().is_empty() {
        return Err(AppError::Invalid(
            lang,
            vec![Problem::new(
                "reason",
                "แผนนี้เป็นฉบับปรับปรุงของแผนที่อนุมัติแล้ว การเปลี่ยนค่าเป้าหมายต้องระบุเหตุผล",
                "this plan revises an approved one: changing a target needs a reason",
            )],
        ));
    }
    let note = EditNote {
        action: "kpi.edit",
        target: kpi_name(&changed),
        before: Some(audit_json(before)),
        after: Some(audit_json(&changed)),
        targets,
    };
    *edit::kpi_mut(plan, kid)? = changed;
    Ok(note)
}

/// Adds the KPI `form` describes to its `element` (or to the plan itself): its id, the element
/// it went to, and the note for the audit log.
pub(crate) fn add_kpi(
    plan: &mut Plan,
    form: &KpiForm,
    lang: Lang,
) -> Result<(KpiId, Option<ElementId>, EditNote), AppError> {
    let element = owner_element(lang, plan, form.element.as_deref())?;
    let mut new = Kpi::new("");
    form.apply(plan, &mut new)
        .map_err(|p| AppError::Invalid(lang, p))?;
    let note = EditNote {
        action: "kpi.add",
        target: new.name.clone(),
        before: None,
        after: Some(audit_json(&new)),
        targets: Vec::new(),
    };
    let id = new.id.clone();
    match &element {
        Some(e) => edit::element_mut(plan, e)?.kpis.push(new),
        None => plan.kpis.push(new),
    }
    Ok((id, element, note))
}

/// Removes KPI `kid` from wherever it is in `plan`.
pub(crate) fn remove_kpi(plan: &mut Plan, kid: &KpiId, lang: Lang) -> Result<EditNote, AppError> {
    let gone = edit::remove_kpi(plan, kid).map_err(|_| AppError::NotFound(lang))?;
    Ok(EditNote {
        action: "kpi.remove",
        target: gone.name.clone(),
        before: Some(audit_json(&gone)),
        after: None,
        targets: Vec::new(),
    })
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
    /// Earlier changes to this KPI's targets.
    history: Vec<HistoryRow>,
    /// A reason is needed to change a target (a revision of an approved plan).
    reason_needed: bool,
}

/// One kept target change as the form lists it.
pub struct HistoryRow {
    pub year: u16,
    pub before: String,
    pub after: String,
    pub reason: String,
    pub by: String,
    pub at: String,
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

pub(crate) fn kpi_id(lang: Lang, id: &str) -> Result<KpiId, AppError> {
    KpiId::parse(id).map_err(|_| AppError::NotFound(lang))
}

struct Page<'a> {
    viewer: &'a Viewer,
    plan: &'a Plan,
    owner: String,
    action: String,
    heading: String,
    kpi_id: Option<String>,
    history: Vec<HistoryRow>,
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
            history: self.history,
            reason_needed: self.plan.revision.as_ref().is_some_and(|r| r.number > 1),
        }
    }

    fn refused(self, form: KpiForm, e: AppError) -> Result<Response, AppError> {
        let Some(problems) = form_problems(self.viewer.lang, &e) else {
            return Err(e);
        };
        let status = match e {
            AppError::Store(phaen_store::Error::Conflict { .. }) => StatusCode::CONFLICT,
            _ => StatusCode::BAD_REQUEST,
        };
        Ok((status, self.render(form, problems)).into_response())
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
        history: Vec::new(),
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
    let mut page = edit_page(&viewer, &editing.plan, &kid);
    page.history = state
        .store
        .target_revisions(&editing.plan.id, &kid)
        .await?
        .into_iter()
        .map(|r| HistoryRow {
            year: r.change.year.get(),
            before: r.change.before,
            after: r.change.after,
            reason: r.change.reason,
            by: r.by,
            at: crate::audit::bangkok(r.at),
        })
        .collect();
    Ok(page.render(form, Vec::new()).into_response())
}

/// The `csrf` field of a form read as pairs.
fn csrf_of(pairs: &[(String, String)]) -> String {
    pairs
        .iter()
        .find(|(k, _)| k == "csrf")
        .map(|(_, v)| v.clone())
        .unwrap_or_default()
}

/// Where the plan page shows KPI `kid`.
fn back_to(plan: &Plan, kid: &KpiId) -> String {
    match edit::kpi_owner(plan, kid) {
        Some(e) => format!("/plans/{}#e-{}", plan.id, e.id),
        None => format!("/plans/{}#kpis", plan.id),
    }
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
    let csrf = csrf_of(&pairs);
    let (plan, store) = for_save(&state, &headers, &viewer, &id, &csrf).await?;
    let kid = kpi_id(lang, &kid)?;
    let form = KpiForm::read(pairs, &plan);
    let mut changed = plan.clone();
    let saved = match change_kpi(&mut changed, &kid, &form, lang) {
        Ok(note) => save(&store, &changed, form.version, note).await,
        Err(e) => Err(e),
    };
    match saved {
        Ok(_) => Ok(Redirect::to(&back_to(&changed, &kid)).into_response()),
        Err(e) => edit_page(&viewer, &plan, &kid).refused(form, e),
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
        history: Vec::new(),
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
        element: element.as_ref().map(|e| e.to_string()),
        ..KpiForm::blank(&editing.plan, editing.version)
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
    let csrf = csrf_of(&pairs);
    let (plan, store) = for_save(&state, &headers, &viewer, &id, &csrf).await?;
    let form = KpiForm::read(pairs, &plan);
    let mut changed = plan.clone();
    let saved = match add_kpi(&mut changed, &form, lang) {
        Ok((kid, _, note)) => save(&store, &changed, form.version, note)
            .await
            .map(|_| kid),
        Err(e) => Err(e),
    };
    match saved {
        Ok(kid) => Ok(Redirect::to(&back_to(&changed, &kid)).into_response()),
        Err(e) => {
            let element = owner_element(lang, &plan, form.element.as_deref())?;
            new_page(&viewer, &plan, element.as_ref()).refused(form, e)
        }
    }
}

/// POST /plans/{id}/kpis/{kid}/remove
pub async fn remove_save(
    State(state): State<AppState>,
    headers: HeaderMap,
    viewer: Viewer,
    Path((id, kid)): Path<(String, String)>,
    axum::Form(form): axum::Form<super::VersionForm>,
) -> Result<Response, AppError> {
    let lang = viewer.lang;
    let (mut plan, store) = for_save(&state, &headers, &viewer, &id, &form.csrf).await?;
    let kid = kpi_id(lang, &kid)?;
    let back = back_to(&plan, &kid);
    let note = remove_kpi(&mut plan, &kid, lang)?;
    save(&store, &plan, form.version, note).await?;
    Ok(Redirect::to(&back).into_response())
}
