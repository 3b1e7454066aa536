//! The element forms: edit an element's words, units and budget; add one below another (or at
//! the top); move it up or down among its siblings; remove it after a confirmation that says
//! how much goes with it. A form that cannot be saved comes back with what the user typed.

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
use super::{EditTexts, edit_texts, for_form, for_save, form_message, save};
use crate::AppState;
use crate::auth::Viewer;
use crate::error::AppError;
use crate::i18n::{Lang, Texts};
use crate::views::element_label;

/// What the element form sends. Fields the form did not show stay as they were.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ElementForm {
    #[serde(default)]
    csrf: String,
    version: i64,
    /// New elements: the element to add below (empty: the top level).
    #[serde(default)]
    parent: Option<String>,
    /// New elements: their kind.
    #[serde(default)]
    kind: Option<String>,
    #[serde(default)]
    label: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    description: String,
    objectives: Option<String>,
    target_groups: Option<String>,
    expected_outcomes: Option<String>,
    main_units: Option<String>,
    support_units: Option<String>,
    budget: Option<String>,
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

impl ElementForm {
    fn of(e: &Element, version: i64) -> ElementForm {
        let units = |role| {
            e.responsible
                .iter()
                .filter(|r| r.role == role)
                .map(|r| r.text.clone())
                .collect::<Vec<_>>()
                .join("\n")
        };
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
            main_units: Some(units(ResponsibleRole::Main)),
            support_units: Some(units(ResponsibleRole::Support)),
            budget: Some(lines::show_budget_lines(&e.budget)),
        }
    }

    /// Writes the form into `e`, or every reason it cannot, in the viewer's language.
    fn apply(&self, plan: &Plan, e: &mut Element, lang: Lang) -> Result<(), Vec<String>> {
        let mut problems = Vec::new();
        let t = edit_texts(lang);
        let title = self.title.trim();
        if title.is_empty() {
            problems.push(super::lang_pick(lang, "ต้องมีชื่อ", "The title is empty"));
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
                Err(err) => problems.push(line_problem(lang, t.budget_lines, &err)),
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

fn line_problem(lang: Lang, field: &str, err: &LineError) -> String {
    match lang {
        Lang::Th => format!("{field} บรรทัดที่ {}: {}", err.line, err.th),
        Lang::En => format!("{field}, line {}: {}", err.line, err.en),
    }
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

fn element_id(lang: Lang, id: &str) -> Result<ElementId, AppError> {
    ElementId::parse(id).map_err(|_| AppError::NotFound(lang))
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
    let (mut plan, store) = for_save(&state, &headers, &viewer, &id, &form.csrf).await?;
    let eid = element_id(lang, &eid)?;
    let original = plan.clone();
    let before = edit::element(&original, &eid).ok_or(AppError::NotFound(lang))?;
    let mut changed = before.clone();
    let heading = format!(
        "{} {}",
        edit_texts(lang).edit,
        element_label(before.kind, lang)
    );
    let action = format!("/plans/{}/elements/{eid}/edit", plan.id);
    let full = is_full(before.kind);
    if let Err(problems) = form.apply(&original, &mut changed, lang) {
        let page = form_page(
            &viewer,
            &original,
            action,
            heading,
            Vec::new(),
            full,
            form,
            problems,
        );
        return Ok((StatusCode::BAD_REQUEST, page).into_response());
    }
    let note = EditNote {
        action: "element.edit",
        target: audit_name(&changed),
        before: Some(audit_json(before)),
        after: Some(audit_json(&changed)),
    };
    *edit::element_mut(&mut plan, &eid)? = changed;
    match save(&store, &plan, form.version, note).await {
        Ok(_) => Ok(Redirect::to(&format!("/plans/{}#e-{eid}", plan.id)).into_response()),
        Err(e) => refused(
            &viewer,
            &original,
            action,
            heading,
            Vec::new(),
            full,
            form,
            e,
        ),
    }
}

/// A save the store refused, shown on the form with what the user typed; errors that are not
/// the user's to fix become an error page.
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
    let Some(message) = form_message(viewer.lang, &e) else {
        return Err(e);
    };
    let status = match e {
        AppError::Store(phaen_store::Error::Conflict { .. }) => StatusCode::CONFLICT,
        _ => StatusCode::BAD_REQUEST,
    };
    let page = form_page(
        viewer,
        plan,
        action,
        heading,
        kinds,
        full,
        form,
        vec![message],
    );
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
    let (mut plan, store) = for_save(&state, &headers, &viewer, &id, &form.csrf).await?;
    let original = plan.clone();
    let parent = match form.parent.as_deref().filter(|p| !p.is_empty()) {
        Some(p) => Some(element_id(lang, p)?),
        None => None,
    };
    let kinds = kinds_under(&original, parent.as_ref(), form.kind.as_deref(), lang);
    let heading = new_heading(&original, parent.as_ref(), lang);
    let action = format!("/plans/{}/elements/new", plan.id);
    let kind = match ElementKind::parse(form.kind.as_deref().unwrap_or_default()) {
        Ok(k) => k,
        Err(_) => {
            let why = super::lang_pick(lang, "โปรดเลือกประเภท", "Choose a kind");
            let page = form_page(
                &viewer,
                &original,
                action,
                heading,
                kinds,
                true,
                form,
                vec![why],
            );
            return Ok((StatusCode::BAD_REQUEST, page).into_response());
        }
    };
    let mut new = Element::new(kind, "");
    if let Err(problems) = form.apply(&original, &mut new, lang) {
        let page = form_page(
            &viewer, &original, action, heading, kinds, true, form, problems,
        );
        return Ok((StatusCode::BAD_REQUEST, page).into_response());
    }
    let note = EditNote {
        action: "element.add",
        target: audit_name(&new),
        before: None,
        after: Some(audit_json(&new)),
    };
    let new_id = new.id.clone();
    if let Err(e) = edit::add_element(&mut plan, parent.as_ref(), new) {
        return refused(
            &viewer,
            &original,
            action,
            heading,
            kinds,
            true,
            form,
            AppError::Store(e.into()),
        );
    }
    match save(&store, &plan, form.version, note).await {
        Ok(_) => Ok(Redirect::to(&format!("/plans/{}#e-{new_id}", plan.id)).into_response()),
        Err(e) => refused(&viewer, &original, action, heading, kinds, true, form, e),
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
    let way = match form.way.as_str() {
        "up" => Move::Up,
        "down" => Move::Down,
        other => {
            return Err(AppError::BadRequest(
                lang,
                format!("'{other}': เลื่อนได้เฉพาะ up หรือ down / move only up or down"),
            ));
        }
    };
    let name = audit_name(edit::element(&plan, &eid).ok_or(AppError::NotFound(lang))?);
    edit::move_element(&mut plan, &eid, way).map_err(phaen_store::Error::from)?;
    let note = EditNote {
        action: "element.move",
        target: name,
        before: None,
        after: Some(form.way.clone()),
    };
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

#[derive(Deserialize)]
pub struct RemoveForm {
    csrf: String,
    version: i64,
}

/// POST /plans/{id}/elements/{eid}/remove
pub async fn remove_save(
    State(state): State<AppState>,
    headers: HeaderMap,
    viewer: Viewer,
    Path((id, eid)): Path<(String, String)>,
    axum::Form(form): axum::Form<RemoveForm>,
) -> Result<Response, AppError> {
    let lang = viewer.lang;
    let (mut plan, store) = for_save(&state, &headers, &viewer, &id, &form.csrf).await?;
    let eid = element_id(lang, &eid)?;
    let gone = edit::remove_element(&mut plan, &eid).map_err(|_| AppError::NotFound(lang))?;
    let note = EditNote {
        action: "element.remove",
        target: audit_name(&gone),
        before: Some(serde_json::to_string(&gone).unwrap_or_default()),
        after: None,
    };
    save(&store, &plan, form.version, note).await?;
    Ok(Redirect::to(&format!("/plans/{}#tree", plan.id)).into_response())
}
