//! The element forms: edit an element's words, units and budget; add one below another (or at
//! the top); move it up or down among its siblings; remove it after a confirmation that says
//! how much goes with it. A form that cannot be saved comes back with what the user typed.
//! The changes themselves ([`change_element`], [`add_element`], [`move_element`],
//! [`remove_element`]) are shared with the JSON API, so both keep the same rules.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use phaen_domain::edit::{self, Move};
use phaen_domain::{Element, ElementId, ElementKind, Plan, Responsibility, ResponsibleRole};
use phaen_store::EditNote;

use super::lines::{self, LineError};
use super::{EDIT_EN, EDIT_TH, EditTexts, edit_texts, for_form, for_save, form_problems, save};
use crate::AppState;
use crate::auth::Viewer;
use crate::error::{AppError, Problem};
use crate::i18n::{Lang, Texts};
use crate::views::element_label;

/// What the element form sends (and what the API's element requests become). Fields the form
/// did not show, or the request did not name, stay as they were.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ElementForm {
    #[serde(default)]
    pub(crate) csrf: String,
    pub(crate) version: i64,
    /// New elements: the element to add below (empty: the top level).
    #[serde(default)]
    pub(crate) parent: Option<String>,
    /// New elements: their kind.
    #[serde(default)]
    pub(crate) kind: Option<String>,
    #[serde(default)]
    pub(crate) label: String,
    #[serde(default)]
    pub(crate) title: String,
    #[serde(default)]
    pub(crate) description: String,
    pub(crate) objectives: Option<String>,
    pub(crate) target_groups: Option<String>,
    pub(crate) expected_outcomes: Option<String>,
    pub(crate) main_units: Option<String>,
    pub(crate) support_units: Option<String>,
    pub(crate) budget: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "element_form.html")]
struct ElementFormPage {
    lang: Lang,
    t: &'static Texts,
    e: &'static EditTexts,
    user_name: Option<String>,
    csrf: String,
    plan_id: String,
    plan_title: String,
    /// Where the form posts.
    action: String,
    heading: String,
    /// New elements: the kinds that may stand where it goes (code, label).
    kinds: Vec<(&'static str, &'static str, bool)>,
    /// Project-like fields shown.
    full: bool,
    form: ElementForm,
    problems: Vec<String>,
}

/// An element's responsible units of one role, one per line, as the form shows them.
pub(crate) fn units_text(e: &Element, role: ResponsibleRole) -> String {
    e.responsible
        .iter()
        .filter(|r| r.role == role)
        .map(|r| r.text.clone())
        .collect::<Vec<_>>()
        .join("\n")
}

impl ElementForm {
    fn of(e: &Element, version: i64) -> ElementForm {
        ElementForm {
            csrf: String::new(),
            version,
            parent: None,
            kind: Some(e.kind.as_str().to_string()),
            label: e.label.clone().unwrap_or_default(),
            title: e.title.clone(),
            description: e.description.clone().unwrap_or_default(),
            objectives: Some(lines::show_text_items(&e.objectives)),
            target_groups: Some(lines::show_text_items(&e.target_groups)),
            expected_outcomes: Some(lines::show_text_items(&e.expected_outcomes)),
            main_units: Some(units_text(e, ResponsibleRole::Main)),
            support_units: Some(units_text(e, ResponsibleRole::Support)),
            budget: Some(lines::show_budget_lines(&e.budget)),
        }
    }

    /// Writes the form into `e`, or every reason it cannot.
    fn apply(&self, plan: &Plan, e: &mut Element) -> Result<(), Vec<Problem>> {
        let mut problems = Vec::new();
        let title = self.title.trim();
        if title.is_empty() {
            problems.push(Problem::new("title", "ต้องมีชื่อ", "The title is empty"));
        }
        e.title = title.to_string();
        e.label = Some(self.label.trim().to_string()).filter(|l| !l.is_empty());
        e.description = Some(self.description.trim().to_string()).filter(|d| !d.is_empty());
        if let Some(text) = &self.objectives {
            e.objectives = lines::text_items(text);
        }
        if let Some(text) = &self.target_groups {
            e.target_groups = lines::text_items(text);
        }
        if let Some(text) = &self.expected_outcomes {
            e.expected_outcomes = lines::text_items(text);
        }
        if self.main_units.is_some() || self.support_units.is_some() {
            let mut units = Vec::new();
            for (role, text) in [
                (ResponsibleRole::Main, &self.main_units),
                (ResponsibleRole::Support, &self.support_units),
            ] {
                for line in lines::plain(text.as_deref().unwrap_or_default()) {
                    units.push(responsibility(plan, e, role, line));
                }
            }
            e.responsible = units;
        }
        if let Some(text) = &self.budget {
            match lines::budget_lines("budget", text, plan.period) {
                Ok(budget) => {
                    if budget != e.budget {
                        // The document's stated total no longer describes these lines.
                        e.budget_total_stated = None;
                    }
                    e.budget = budget;
                }
                Err(err) => problems.push(line_problem(
                    (EDIT_TH.budget_lines, EDIT_EN.budget_lines),
                    &err,
                )),
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems)
        }
    }
}

/// A responsibility for `text`: the one the element had, else resolved to the owner's unit.
fn responsibility(plan: &Plan, e: &Element, role: ResponsibleRole, text: String) -> Responsibility {
    if let Some(same) = e
        .responsible
        .iter()
        .find(|r| r.role == role && r.text == text)
    {
        return same.clone();
    }
    let unit = plan.owner.find_unit(&text);
    Responsibility {
        role,
        org: unit.map(|_| plan.owner.code.to_string()),
        unit: unit.map(|u| u.code.clone()),
        text,
    }
}

/// A line that cannot be read, naming the field (Thai, English) and the line.
fn line_problem((th, en): (&str, &str), err: &LineError) -> Problem {
    Problem::new(
        err.field,
        format!("{th} บรรทัดที่ {}: {}", err.line, err.th),
        format!("{en}, line {}: {}", err.line, err.en),
    )
}

/// The element as the audit log keeps it: its own fields, without what is below it.
fn audit_json(e: &Element) -> String {
    let mut alone = e.clone();
    alone.children.clear();
    serde_json::to_string(&alone).unwrap_or_default()
}

fn audit_name(e: &Element) -> String {
    let mut name = e.kind.label_th().to_string();
    if let Some(l) = &e.label {
        name.push(' ');
        name.push_str(l);
    }
    name.push(' ');
    name.push_str(&e.title);
    name
}

pub(crate) fn element_id(lang: Lang, id: &str) -> Result<ElementId, AppError> {
    ElementId::parse(id).map_err(|_| AppError::NotFound(lang))
}

/// Changes element `eid` of `plan` as `form` says: the note for the audit log, the same 404 as
/// a missing plan when the element is not there, or every problem of the form.
pub(crate) fn change_element(
    plan: &mut Plan,
    eid: &ElementId,
    form: &ElementForm,
    lang: Lang,
) -> Result<EditNote, AppError> {
    let before = edit::element(plan, eid).ok_or(AppError::NotFound(lang))?;
    let mut changed = before.clone();
    form.apply(plan, &mut changed)
        .map_err(|p| AppError::Invalid(lang, p))?;
    let note = EditNote {
        action: "element.edit",
        target: audit_name(&changed),
        before: Some(audit_json(before)),
        after: Some(audit_json(&changed)),
        targets: Vec::new(),
    };
    *edit::element_mut(plan, eid)? = changed;
    Ok(note)
}

/// Adds the element `form` describes (its `kind`, below `parent` or at the top): its id and
/// the note for the audit log, or why it cannot stand there.
pub(crate) fn add_element(
    plan: &mut Plan,
    form: &ElementForm,
    lang: Lang,
) -> Result<(ElementId, EditNote), AppError> {
    let parent = match form.parent.as_deref().filter(|p| !p.is_empty()) {
        Some(p) => Some(element_id(lang, p)?),
        None => None,
    };
    let kind = ElementKind::parse(form.kind.as_deref().unwrap_or_default()).map_err(|_| {
        let kinds = ElementKind::ALL.map(|k| k.as_str()).join(", ");
        Problem::new(
            "kind",
            format!("โปรดเลือกประเภท ({kinds})"),
            format!("Choose a kind: one of {kinds}"),
        )
        .into_error(lang)
    })?;
    let mut new = Element::new(kind, "");
    form.apply(plan, &mut new)
        .map_err(|p| AppError::Invalid(lang, p))?;
    let note = EditNote {
        action: "element.add",
        target: audit_name(&new),
        before: None,
        after: Some(audit_json(&new)),
        targets: Vec::new(),
    };
    let id = new.id.clone();
    edit::add_element(plan, parent.as_ref(), new).map_err(phaen_store::Error::from)?;
    Ok((id, note))
}

/// Moves element `eid` one place `way` ('up' or 'down') among its siblings.
pub(crate) fn move_element(
    plan: &mut Plan,
    eid: &ElementId,
    way: &str,
    lang: Lang,
) -> Result<EditNote, AppError> {
    let step = match way {
        "up" => Move::Up,
        "down" => Move::Down,
        other => {
            return Err(Problem::new(
                "way",
                format!("'{other}': เลื่อนได้เฉพาะ up หรือ down"),
                format!("'{other}': move only up or down"),
            )
            .into_error(lang));
        }
    };
    let name = audit_name(edit::element(plan, eid).ok_or(AppError::NotFound(lang))?);
    edit::move_element(plan, eid, step).map_err(phaen_store::Error::from)?;
    Ok(EditNote {
        action: "element.move",
        target: name,
        before: None,
        after: Some(way.to_string()),
        targets: Vec::new(),
    })
}

/// Removes element `eid` and everything below it.
pub(crate) fn remove_element(
    plan: &mut Plan,
    eid: &ElementId,
    lang: Lang,
) -> Result<EditNote, AppError> {
    let gone = edit::remove_element(plan, eid).map_err(|_| AppError::NotFound(lang))?;
    Ok(EditNote {
        action: "element.remove",
        target: audit_name(&gone),
        before: Some(serde_json::to_string(&gone).unwrap_or_default()),
        after: None,
        targets: Vec::new(),
    })
}

#[allow(clippy::too_many_arguments)]
fn form_page(
    viewer: &Viewer,
    plan: &Plan,
    action: String,
    heading: String,
    kinds: Vec<(&'static str, &'static str, bool)>,
    full: bool,
    form: ElementForm,
    problems: Vec<String>,
) -> ElementFormPage {
    let lang = viewer.lang;
    ElementFormPage {
        lang,
        t: lang.t(),
        e: edit_texts(lang),
        user_name: viewer.name(),
        csrf: viewer.csrf.clone(),
        plan_id: plan.id.to_string(),
        plan_title: plan.title.clone(),
        action,
        heading,
        kinds,
        full,
        form,
        problems,
    }
}

fn is_full(kind: ElementKind) -> bool {
    matches!(kind, ElementKind::Project | ElementKind::Activity)
}

/// GET /plans/{id}/elements/{eid}/edit
pub async fn edit_form(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((id, eid)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let lang = viewer.lang;
    let editing = for_form(&state, &viewer, &id).await?;
    let eid = element_id(lang, &eid)?;
    let e = edit::element(&editing.plan, &eid).ok_or(AppError::NotFound(lang))?;
    let form = ElementForm::of(e, editing.version);
    let heading = format!("{} {}", edit_texts(lang).edit, element_label(e.kind, lang));
    let action = format!("/plans/{}/elements/{eid}/edit", editing.plan.id);
    Ok(form_page(
        &viewer,
        &editing.plan,
        action,
        heading,
        Vec::new(),
        is_full(e.kind),
        form,
        Vec::new(),
    )
    .into_response())
}

/// POST /plans/{id}/elements/{eid}/edit
pub async fn edit_save(
    State(state): State<AppState>,
    headers: HeaderMap,
    viewer: Viewer,
    Path((id, eid)): Path<(String, String)>,
    axum::Form(form): axum::Form<ElementForm>,
) -> Result<Response, AppError> {
    let lang = viewer.lang;
    let (plan, store) = for_save(&state, &headers, &viewer, &id, &form.csrf).await?;
    let eid = element_id(lang, &eid)?;
    let kind = edit::element(&plan, &eid)
        .ok_or(AppError::NotFound(lang))?
        .kind;
    let heading = format!("{} {}", edit_texts(lang).edit, element_label(kind, lang));
    let action = format!("/plans/{}/elements/{eid}/edit", plan.id);
    let mut changed = plan.clone();
    let saved = match change_element(&mut changed, &eid, &form, lang) {
        Ok(note) => save(&store, &changed, form.version, note).await,
        Err(e) => Err(e),
    };
    match saved {
        Ok(_) => Ok(Redirect::to(&format!("/plans/{}#e-{eid}", plan.id)).into_response()),
        Err(e) => refused(
            &viewer,
            &plan,
            action,
            heading,
            Vec::new(),
            is_full(kind),
            form,
            e,
        ),
    }
}

/// A change that could not be saved, shown on the form with what the user typed; errors that
/// are not the user's to fix become an error page.
#[allow(clippy::too_many_arguments)]
fn refused(
    viewer: &Viewer,
    plan: &Plan,
    action: String,
    heading: String,
    kinds: Vec<(&'static str, &'static str, bool)>,
    full: bool,
    form: ElementForm,
    e: AppError,
) -> Result<Response, AppError> {
    let Some(problems) = form_problems(viewer.lang, &e) else {
        return Err(e);
    };
    let status = match e {
        AppError::Store(phaen_store::Error::Conflict { .. }) => StatusCode::CONFLICT,
        _ => StatusCode::BAD_REQUEST,
    };
    let page = form_page(viewer, plan, action, heading, kinds, full, form, problems);
    Ok((status, page).into_response())
}

#[derive(Deserialize)]
pub struct Parent {
    parent: Option<String>,
}

/// The kinds that may stand below `parent`, the first (or `chosen`) selected.
fn kinds_under(
    plan: &Plan,
    parent: Option<&ElementId>,
    chosen: Option<&str>,
    lang: Lang,
) -> Vec<(&'static str, &'static str, bool)> {
    let parent_kind = parent.and_then(|p| edit::element(plan, p)).map(|e| e.kind);
    let mut kinds: Vec<_> = ElementKind::ALL
        .into_iter()
        .filter(|k| k.may_sit_under(parent_kind))
        .map(|k| {
            (
                k.as_str(),
                element_label(k, lang),
                Some(k.as_str()) == chosen,
            )
        })
        .collect();
    if !kinds.iter().any(|k| k.2)
        && let Some(first) = kinds.first_mut()
    {
        first.2 = true;
    }
    kinds
}

/// GET /plans/{id}/elements/new?parent={eid}
pub async fn new_form(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    Query(q): Query<Parent>,
) -> Result<Response, AppError> {
    let lang = viewer.lang;
    let editing = for_form(&state, &viewer, &id).await?;
    let parent = match q.parent.as_deref().filter(|p| !p.is_empty()) {
        Some(p) => {
            let pid = element_id(lang, p)?;
            edit::element(&editing.plan, &pid).ok_or(AppError::NotFound(lang))?;
            Some(pid)
        }
        None => None,
    };
    let kinds = kinds_under(&editing.plan, parent.as_ref(), None, lang);
    let form = ElementForm {
        version: editing.version,
        parent: parent.as_ref().map(|p| p.to_string()),
        ..ElementForm::default()
    };
    let heading = new_heading(&editing.plan, parent.as_ref(), lang);
    let action = format!("/plans/{}/elements/new", editing.plan.id);
    Ok(form_page(
        &viewer,
        &editing.plan,
        action,
        heading,
        kinds,
        true,
        form,
        Vec::new(),
    )
    .into_response())
}

fn new_heading(plan: &Plan, parent: Option<&ElementId>, lang: Lang) -> String {
    let t = edit_texts(lang);
    match parent.and_then(|p| edit::element(plan, p)) {
        Some(p) => format!("{}: {}", t.add_child, audit_name(p)),
        None => t.add_top.to_string(),
    }
}

/// POST /plans/{id}/elements/new
pub async fn new_save(
    State(state): State<AppState>,
    headers: HeaderMap,
    viewer: Viewer,
    Path(id): Path<String>,
    axum::Form(form): axum::Form<ElementForm>,
) -> Result<Response, AppError> {
    let lang = viewer.lang;
    let (plan, store) = for_save(&state, &headers, &viewer, &id, &form.csrf).await?;
    let parent = match form.parent.as_deref().filter(|p| !p.is_empty()) {
        Some(p) => Some(element_id(lang, p)?),
        None => None,
    };
    let kinds = kinds_under(&plan, parent.as_ref(), form.kind.as_deref(), lang);
    let heading = new_heading(&plan, parent.as_ref(), lang);
    let action = format!("/plans/{}/elements/new", plan.id);
    let mut changed = plan.clone();
    let saved = match add_element(&mut changed, &form, lang) {
        Ok((new_id, note)) => save(&store, &changed, form.version, note)
            .await
            .map(|_| new_id),
        Err(e) => Err(e),
    };
    match saved {
        Ok(new_id) => Ok(Redirect::to(&format!("/plans/{}#e-{new_id}", plan.id)).into_response()),
        Err(e) => refused(&viewer, &plan, action, heading, kinds, true, form, e),
    }
}

#[derive(Deserialize)]
pub struct MoveForm {
    csrf: String,
    version: i64,
    way: String,
}

/// POST /plans/{id}/elements/{eid}/move
pub async fn move_save(
    State(state): State<AppState>,
    headers: HeaderMap,
    viewer: Viewer,
    Path((id, eid)): Path<(String, String)>,
    axum::Form(form): axum::Form<MoveForm>,
) -> Result<Response, AppError> {
    let lang = viewer.lang;
    let (mut plan, store) = for_save(&state, &headers, &viewer, &id, &form.csrf).await?;
    let eid = element_id(lang, &eid)?;
    let note = move_element(&mut plan, &eid, &form.way, lang)?;
    save(&store, &plan, form.version, note).await?;
    Ok(Redirect::to(&format!("/plans/{}#e-{eid}", plan.id)).into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "element_remove.html")]
struct RemovePage {
    lang: Lang,
    t: &'static Texts,
    e: &'static EditTexts,
    user_name: Option<String>,
    csrf: String,
    plan_id: String,
    element_id: String,
    name: String,
    elements: usize,
    kpis: usize,
    version: i64,
}

/// GET /plans/{id}/elements/{eid}/remove: says what goes with it and asks to confirm.
pub async fn remove_form(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((id, eid)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let lang = viewer.lang;
    let editing = for_form(&state, &viewer, &id).await?;
    let eid = element_id(lang, &eid)?;
    let e = edit::element(&editing.plan, &eid).ok_or(AppError::NotFound(lang))?;
    let (elements, kpis) = edit::weight(e);
    Ok(RemovePage {
        lang,
        t: lang.t(),
        e: edit_texts(lang),
        user_name: viewer.name(),
        csrf: viewer.csrf.clone(),
        plan_id: editing.plan.id.to_string(),
        element_id: eid.to_string(),
        name: audit_name(e),
        elements,
        kpis,
        version: editing.version,
    }
    .into_response())
}

/// POST /plans/{id}/elements/{eid}/remove
pub async fn remove_save(
    State(state): State<AppState>,
    headers: HeaderMap,
    viewer: Viewer,
    Path((id, eid)): Path<(String, String)>,
    axum::Form(form): axum::Form<super::VersionForm>,
) -> Result<Response, AppError> {
    let lang = viewer.lang;
    let (mut plan, store) = for_save(&state, &headers, &viewer, &id, &form.csrf).await?;
    let eid = element_id(lang, &eid)?;
    let note = remove_element(&mut plan, &eid, lang)?;
    save(&store, &plan, form.version, note).await?;
    Ok(Redirect::to(&format!("/plans/{}#tree", plan.id)).into_response())
}
