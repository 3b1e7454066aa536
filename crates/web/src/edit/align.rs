//! The alignment form of an element: tie it to an element or KPI of a plan above it (one
//! element may serve several), with the parent's elements that share most of its wording
//! suggested first, and untie a link. Every change is a plan edit: version-checked, audited.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use rust_decimal::Decimal;
use serde::Deserialize;

use phaen_domain::edit;
use phaen_domain::similar::suggest;
use phaen_domain::{AlignKind, AlignmentLink, Element, ElementId, ElementKind, Plan, PlanId};
use phaen_store::{EditNote, PlanStore};

use super::element::element_id;
use super::{Editing, for_form, for_save, form_problems, lang_pick, save};
use crate::AppState;
use crate::auth::Viewer;
use crate::error::AppError;
use crate::i18n::{Lang, Texts};
use crate::plan_pages::labelled;
use crate::views::element_label;

/// One thing of the parent plan an element may serve.
pub struct Target {
    pub id: String,
    pub text: String,
    /// How much wording it shares with the element, as a whole percent (suggestions only).
    pub likeness: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "align_form.html")]
struct AlignPage {
    lang: Lang,
    t: &'static Texts,
    a: &'static AlignTexts,
    user_name: Option<String>,
    csrf: String,
    plan_id: String,
    plan_title: String,
    element_id: String,
    element_text: String,
    version: i64,
    /// (plan id, title, chosen)
    parents: Vec<(String, String, bool)>,
    parent: Option<String>,
    suggestions: Vec<Target>,
    targets: Vec<Target>,
    /// (position, the link as written or named)
    current: Vec<(usize, String)>,
    problems: Vec<String>,
}

pub struct AlignTexts {
    pub heading: &'static str,
    pub parent_plan: &'static str,
    pub choose: &'static str,
    pub suggested: &'static str,
    pub no_suggestions: &'static str,
    pub any_target: &'static str,
    pub link: &'static str,
    pub current: &'static str,
    pub unlink: &'static str,
    pub no_parents: &'static str,
    pub shares: &'static str,
    pub back: &'static str,
}

const ALIGN_TH: AlignTexts = AlignTexts {
    heading: "ความสอดคล้องกับแผนระดับบน",
    parent_plan: "แผนระดับบน",
    choose: "เลือก",
    suggested: "ข้อที่มีถ้อยคำใกล้เคียงที่สุด",
    no_suggestions: "ไม่พบข้อที่มีถ้อยคำใกล้เคียง เลือกจากรายการทั้งหมดด้านล่าง",
    any_target: "เลือกจากทุกข้อของแผน",
    link: "เชื่อมโยง",
    current: "เชื่อมโยงอยู่แล้ว",
    unlink: "ยกเลิกการเชื่อมโยง",
    no_parents: "ยังไม่มีแผนอื่นที่ท่านเข้าถึงได้",
    shares: "ถ้อยคำตรงกัน",
    back: "กลับไปยังองค์ประกอบ",
};

const ALIGN_EN: AlignTexts = AlignTexts {
    heading: "Alignment with a higher plan",
    parent_plan: "Higher plan",
    choose: "Choose",
    suggested: "Closest in wording",
    no_suggestions: "Nothing shares its wording; choose from the full list below",
    any_target: "Choose any element or KPI of the plan",
    link: "Link",
    current: "Already linked",
    unlink: "Remove link",
    no_parents: "There is no other plan you may read yet",
    shares: "shared wording",
    back: "Back to the element",
};

fn align_texts(lang: Lang) -> &'static AlignTexts {
    match lang {
        Lang::Th => &ALIGN_TH,
        Lang::En => &ALIGN_EN,
    }
}

/// The elements and KPIs of `parent` a link may point at, in the tree's order.
fn targets_of(parent: &Plan, lang: Lang) -> Vec<(String, String)> {
    let kpi = lang_pick(lang, "ตัวชี้วัด", "KPI");
    let mut out: Vec<(String, String)> = parent
        .kpis
        .iter()
        .map(|k| {
            (
                k.id.to_string(),
                format!("{kpi} {}", labelled(k.label.as_deref(), &k.name)),
            )
        })
        .collect();
    for w in parent.walk() {
        let e = w.element;
        if align_kind(e.kind).is_none() {
            continue;
        }
        out.push((
            e.id.to_string(),
            format!(
                "{} {}",
                element_label(e.kind, lang),
                labelled(e.label.as_deref(), &e.title)
            ),
        ));
        out.extend(e.kpis.iter().map(|k| {
            (
                k.id.to_string(),
                format!("{kpi} {}", labelled(k.label.as_deref(), &k.name)),
            )
        }));
    }
    out
}

fn align_kind(kind: ElementKind) -> Option<AlignKind> {
    Some(match kind {
        ElementKind::Mission => AlignKind::Mission,
        ElementKind::Goal => AlignKind::Goal,
        ElementKind::StrategicIssue => AlignKind::StrategicIssue,
        ElementKind::Strategy => AlignKind::Strategy,
        ElementKind::Guideline => AlignKind::Guideline,
        ElementKind::Project => AlignKind::Project,
        ElementKind::Group | ElementKind::Activity => return None,
    })
}

/// The link to `target_id` of `parent`: its kind and label, scoped by the top-level element it
/// sits under, pointing at it by id.
fn link_to(parent: &Plan, target_id: &str) -> Option<AlignmentLink> {
    let under = |top: &Element, id: &str| -> bool {
        let mut stack = vec![top];
        while let Some(e) = stack.pop() {
            if e.id.as_str() == id || e.kpis.iter().any(|k| k.id.as_str() == id) {
                return true;
            }
            stack.extend(e.children.iter());
        }
        false
    };
    let top = parent.elements.iter().find(|t| under(t, target_id));
    let scope = top
        .filter(|t| t.id.as_str() != target_id)
        .and_then(|t| t.label.clone());
    let (kind, label) = if let Some(k) = parent
        .all_kpis()
        .into_iter()
        .find(|(_, k)| k.id.as_str() == target_id)
    {
        (
            AlignKind::Kpi,
            k.1.label.clone().unwrap_or_else(|| k.1.name.clone()),
        )
    } else {
        let e = parent
            .walk()
            .into_iter()
            .map(|w| w.element)
            .find(|e| e.id.as_str() == target_id)?;
        (
            align_kind(e.kind)?,
            e.label.clone().unwrap_or_else(|| e.title.clone()),
        )
    };
    Some(AlignmentLink {
        plan: Some(parent.id.to_string()),
        kind,
        label,
        scope,
        target_id: Some(target_id.to_string()),
        written: None,
    })
}

/// A link as the element page and this form show it.
pub fn link_text(a: &AlignmentLink) -> String {
    a.written.clone().unwrap_or_else(|| {
        let mut s = format!("{} {}", a.kind.as_str(), a.label);
        if let Some(scope) = &a.scope {
            s = format!("{s} ({scope})");
        }
        s
    })
}

#[derive(Deserialize)]
pub struct ParentQuery {
    parent: Option<String>,
}

/// The plans the viewer may read other than `plan`, and the one to show: the one asked for,
/// else the plan's stated parent (by id, then by title), else the first.
async fn parents(
    state: &AppState,
    viewer: &Viewer,
    plan: &Plan,
    asked: Option<&str>,
) -> Result<(Vec<(String, String)>, Option<PlanId>), AppError> {
    let (visible, _) = crate::visibility::visible_plans(state, viewer).await?;
    let list: Vec<(String, String)> = visible
        .iter()
        .filter(|p| p.id != plan.id)
        .map(|p| (p.id.to_string(), p.title.clone()))
        .collect();
    let stated = plan.parent_plan.as_ref();
    let pick = asked
        .filter(|a| list.iter().any(|(id, _)| id == a))
        .map(str::to_string)
        .or_else(|| {
            stated
                .and_then(|s| s.id.as_ref())
                .map(|id| id.to_string())
                .filter(|id| list.iter().any(|(i, _)| i == id))
        })
        .or_else(|| {
            stated.and_then(|s| {
                list.iter()
                    .find(|(_, t)| *t == s.title)
                    .map(|(i, _)| i.clone())
            })
        })
        .or_else(|| list.first().map(|(i, _)| i.clone()));
    Ok((list, pick.and_then(|p| PlanId::parse(&p).ok())))
}

async fn render(
    state: &AppState,
    viewer: &Viewer,
    editing: &Editing,
    eid: &ElementId,
    asked: Option<&str>,
    problems: Vec<String>,
) -> Result<AlignPage, AppError> {
    let lang = viewer.lang;
    let plan = &editing.plan;
    let e = edit::element(plan, eid).ok_or(AppError::NotFound(lang))?;
    let (list, pick) = parents(state, viewer, plan, asked).await?;
    let (suggestions, targets) = match &pick {
        Some(pid) => {
            let parent = state.store.load_plan_shared(pid).await?;
            let all = targets_of(&parent, lang);
            let mut wording = e.title.clone();
            if let Some(d) = &e.description {
                wording.push(' ');
                wording.push_str(d);
            }
            let suggested = suggest(&wording, &all, Decimal::new(2, 1), 5)
                .into_iter()
                .filter_map(|(id, score)| {
                    let text = all.iter().find(|(i, _)| i == id)?.1.clone();
                    Some(Target {
                        id: id.to_string(),
                        text,
                        likeness: (score * Decimal::ONE_HUNDRED).round().to_string(),
                    })
                })
                .collect();
            let every = all
                .into_iter()
                .map(|(id, text)| Target {
                    id,
                    text,
                    likeness: String::new(),
                })
                .collect();
            (suggested, every)
        }
        None => (Vec::new(), Vec::new()),
    };
    Ok(AlignPage {
        lang,
        t: lang.t(),
        a: align_texts(lang),
        user_name: viewer.name(),
        csrf: viewer.csrf.clone(),
        plan_id: plan.id.to_string(),
        plan_title: plan.title.clone(),
        element_id: eid.to_string(),
        element_text: labelled(e.label.as_deref(), &e.title),
        version: editing.version,
        parents: list
            .into_iter()
            .map(|(id, title)| {
                let chosen = pick.as_ref().is_some_and(|p| p.as_str() == id);
                (id, title, chosen)
            })
            .collect(),
        parent: pick.map(|p| p.to_string()),
        suggestions,
        targets,
        current: e
            .aligned_to
            .iter()
            .enumerate()
            .map(|(i, a)| (i, link_text(a)))
            .collect(),
        problems,
    })
}

/// GET /plans/{id}/elements/{eid}/align[?parent=PLAN]
pub async fn align_form(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((id, eid)): Path<(String, String)>,
    Query(q): Query<ParentQuery>,
) -> Result<Response, AppError> {
    let editing = for_form(&state, &viewer, &id).await?;
    let eid = element_id(viewer.lang, &eid)?;
    Ok(render(
        &state,
        &viewer,
        &editing,
        &eid,
        q.parent.as_deref(),
        Vec::new(),
    )
    .await?
    .into_response())
}

/// Fields default to empty, so a form missing one is refused by the checks (the plan first),
/// never by the extractor.
#[derive(Deserialize)]
#[serde(default)]
#[derive(Default)]
pub struct LinkForm {
    csrf: String,
    version: i64,
    parent: String,
    target: String,
}

#[derive(Deserialize)]
#[serde(default)]
#[derive(Default)]
pub struct UnlinkForm {
    csrf: String,
    version: i64,
    position: usize,
}

/// A change refused: the form again with why, and what was chosen.
async fn refused(
    state: &AppState,
    viewer: &Viewer,
    id: &str,
    eid: &ElementId,
    parent: Option<&str>,
    e: AppError,
) -> Result<Response, AppError> {
    let Some(problems) = form_problems(viewer.lang, &e) else {
        return Err(e);
    };
    let editing = for_form(state, viewer, id).await?;
    let page = render(state, viewer, &editing, eid, parent, problems).await?;
    Ok((StatusCode::BAD_REQUEST, page).into_response())
}

fn bad(lang: Lang, th: &str, en: &str) -> AppError {
    AppError::BadRequest(lang, lang_pick(lang, th, en))
}

/// POST /plans/{id}/elements/{eid}/align: link the element to `target` of plan `parent`.
pub async fn link_save(
    State(state): State<AppState>,
    headers: HeaderMap,
    viewer: Viewer,
    Path((id, eid)): Path<(String, String)>,
    axum::Form(form): axum::Form<LinkForm>,
) -> Result<Response, AppError> {
    let lang = viewer.lang;
    let (plan, store) = for_save(&state, &headers, &viewer, &id, &form.csrf).await?;
    let eid = element_id(lang, &eid)?;
    let result = async {
        let (list, _) = parents(&state, &viewer, &plan, None).await?;
        if !list.iter().any(|(p, _)| *p == form.parent) {
            return Err(bad(
                lang,
                "ไม่พบแผนระดับบนที่เลือก หรือท่านไม่มีสิทธิ์เข้าถึง",
                "The higher plan chosen is not one you may read",
            ));
        }
        let parent = state
            .store
            .load_plan_shared(&PlanId::parse(&form.parent).map_err(|_| AppError::NotFound(lang))?)
            .await?;
        let link = link_to(&parent, &form.target).ok_or_else(|| {
            bad(
                lang,
                "ข้อที่เลือกไม่อยู่ในแผนระดับบนนี้ โปรดเลือกจากรายการ",
                "The element or KPI chosen is not in that plan; choose one from the list",
            )
        })?;
        let mut changed = plan.clone();
        let e = edit::element_mut(&mut changed, &eid).map_err(|_| AppError::NotFound(lang))?;
        if e.aligned_to
            .iter()
            .any(|a| a.target_id.as_deref() == Some(form.target.as_str()))
        {
            return Err(bad(
                lang,
                "องค์ประกอบนี้เชื่อมโยงกับข้อนั้นอยู่แล้ว",
                "This element is already linked to that one",
            ));
        }
        let target_text = targets_of(&parent, lang)
            .into_iter()
            .find(|(i, _)| *i == form.target)
            .map(|(_, t)| t)
            .unwrap_or_default();
        e.aligned_to.push(link);
        let note = EditNote {
            action: "alignment.add",
            target: labelled(e.label.as_deref(), &e.title),
            before: None,
            after: Some(format!("{target_text} ({})", parent.title)),
            targets: Vec::new(),
        };
        save(&store, &changed, form.version, note).await
    }
    .await;
    match result {
        Ok(_) => {
            Ok(Redirect::to(&format!("/plans/{}/elements/{eid}#aligned", plan.id)).into_response())
        }
        Err(e) => refused(&state, &viewer, &id, &eid, Some(&form.parent), e).await,
    }
}

/// POST /plans/{id}/elements/{eid}/align/remove: untie the element's link at `position`.
pub async fn unlink_save(
    State(state): State<AppState>,
    headers: HeaderMap,
    viewer: Viewer,
    Path((id, eid)): Path<(String, String)>,
    axum::Form(form): axum::Form<UnlinkForm>,
) -> Result<Response, AppError> {
    let lang = viewer.lang;
    let (plan, store) = for_save(&state, &headers, &viewer, &id, &form.csrf).await?;
    let eid = element_id(lang, &eid)?;
    let mut changed = plan.clone();
    let e = edit::element_mut(&mut changed, &eid).map_err(|_| AppError::NotFound(lang))?;
    if form.position >= e.aligned_to.len() {
        return Err(AppError::NotFound(lang));
    }
    let gone = e.aligned_to.remove(form.position);
    let note = EditNote {
        action: "alignment.remove",
        target: labelled(e.label.as_deref(), &e.title),
        before: Some(link_text(&gone)),
        after: None,
        targets: Vec::new(),
    };
    match save(&store, &changed, form.version, note).await {
        Ok(_) => {
            Ok(Redirect::to(&format!("/plans/{}/elements/{eid}#aligned", plan.id)).into_response())
        }
        Err(e) => refused(&state, &viewer, &id, &eid, None, e).await,
    }
}
