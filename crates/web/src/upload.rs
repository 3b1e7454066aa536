//! Import by upload: a Word, Excel, text or Phaen JSON file is read into a plan for an
//! organization the user writes for; the import report is shown first, and the plan is written
//! only when the user confirms (or dropped when they discard it). Reading, confirming and
//! discarding ([`stage_upload`], [`confirm_upload`], [`discard_upload`]) are shared with the
//! JSON API.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Multipart, Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use serde::{Deserialize, Serialize};

use phaen_domain::{ElementKind, OrgCode, access, summary};
use phaen_store::OrgStore;

use crate::AppState;
use crate::auth::Viewer;
use crate::error::{AppError, Problem};
use crate::i18n::{Lang, Texts};
use crate::views::element_label;

/// The largest upload taken, in bytes (the readers' own limit).
pub const MAX_UPLOAD_BYTES: usize = 20 * 1024 * 1024;
/// The most unrecognized lines a report page lists.
const MAX_LISTED: usize = 300;

/// What the report page shows (and the API returns), saved with the waiting upload.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ReportView {
    pub format: String,
    pub encoding: String,
    pub kind: String,
    pub lines: usize,
    pub recognized: usize,
    pub unrecognized_count: usize,
    /// (where, text)
    pub unrecognized: Vec<(String, String)>,
    /// (where, from, to, why)
    pub repairs: Vec<(String, String, String, String)>,
    /// (where, Thai, English)
    pub warnings: Vec<(String, String, String)>,
}

impl ReportView {
    /// The report saved with a waiting upload.
    pub(crate) fn of_pending(
        pending: &phaen_store::imports::PendingImport,
    ) -> Result<ReportView, AppError> {
        Ok(serde_json::from_str(&pending.report_json)
            .map_err(|e| phaen_store::Error::corrupt("import report", e))?)
    }

    fn of(r: &phaen_import::Report) -> ReportView {
        use phaen_import::report::Outcome;
        let unrecognized: Vec<_> = r.unrecognized().collect();
        ReportView {
            format: r.format.clone(),
            encoding: r.encoding.clone(),
            kind: r.kind.clone(),
            lines: r.items.len(),
            recognized: r
                .items
                .iter()
                .filter(|i| matches!(i.outcome, Outcome::Became { .. }))
                .count(),
            unrecognized_count: unrecognized.len(),
            unrecognized: unrecognized
                .iter()
                .take(MAX_LISTED)
                .map(|i| (i.loc.to_string(), i.text.clone()))
                .collect(),
            repairs: r
                .repairs
                .iter()
                .map(|p| {
                    (
                        p.loc.to_string(),
                        p.from.clone(),
                        p.to.clone(),
                        p.why.clone(),
                    )
                })
                .collect(),
            warnings: r
                .warnings
                .iter()
                .map(|w| {
                    (
                        w.loc.as_ref().map(|l| l.to_string()).unwrap_or_default(),
                        w.message_th.clone(),
                        w.message_en.clone(),
                    )
                })
                .collect(),
        }
    }
}

pub struct UploadTexts {
    pub heading: &'static str,
    pub file: &'static str,
    pub file_hint: &'static str,
    pub org: &'static str,
    pub read: &'static str,
    pub report: &'static str,
    pub confirm: &'static str,
    pub discard: &'static str,
    pub not_written: &'static str,
    pub format: &'static str,
    pub lines: &'static str,
    pub recognized: &'static str,
    pub unrecognized: &'static str,
    pub repairs: &'static str,
    pub warnings: &'static str,
    pub counts: &'static str,
    pub budget_total: &'static str,
    pub shown_first: &'static str,
    pub no_orgs: &'static str,
}

static UPLOAD_TH: UploadTexts = UploadTexts {
    heading: "นำเข้าแผนจากไฟล์",
    file: "ไฟล์แผน",
    file_hint: "Word (.docx), Excel (.xlsx), ข้อความ (.txt) หรือ JSON ของ Phaen ไม่เกิน 20 MB",
    org: "หน่วยงานเจ้าของแผน",
    read: "อ่านไฟล์และแสดงรายงาน",
    report: "รายงานการนำเข้า",
    confirm: "ยืนยันนำเข้าแผนนี้",
    discard: "ยกเลิก ไม่นำเข้า",
    not_written: "ยังไม่ได้บันทึกแผนนี้ โปรดตรวจรายงานแล้วกดยืนยัน",
    format: "รูปแบบไฟล์",
    lines: "จำนวนบรรทัด/เซลล์ที่อ่าน",
    recognized: "อ่านเป็นส่วนของแผนได้",
    unrecognized: "บรรทัดที่ยังไม่รู้จัก",
    repairs: "สิ่งที่แก้ไขให้อัตโนมัติ",
    warnings: "ข้อสังเกต",
    counts: "สิ่งที่พบในแผน",
    budget_total: "งบประมาณรวม (บาท)",
    shown_first: "แสดงเฉพาะรายการแรก ๆ",
    no_orgs: "ท่านยังไม่มีสิทธิ์เขียนแผนของหน่วยงานใด",
};

static UPLOAD_EN: UploadTexts = UploadTexts {
    heading: "Import a plan from a file",
    file: "Plan file",
    file_hint: "Word (.docx), Excel (.xlsx), text (.txt) or Phaen JSON, up to 20 MB",
    org: "Organization that owns the plan",
    read: "Read the file and show the report",
    report: "Import report",
    confirm: "Confirm: import this plan",
    discard: "Discard, do not import",
    not_written: "This plan is not saved yet: check the report, then confirm",
    format: "File format",
    lines: "Lines / cells read",
    recognized: "Read as part of the plan",
    unrecognized: "Lines not recognized",
    repairs: "Repaired automatically",
    warnings: "Things to check",
    counts: "What the plan holds",
    budget_total: "Total budget (baht)",
    shown_first: "only the first ones are listed",
    no_orgs: "You may not write plans for any organization yet",
};

fn upload_texts(lang: Lang) -> &'static UploadTexts {
    match lang {
        Lang::Th => &UPLOAD_TH,
        Lang::En => &UPLOAD_EN,
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "upload.html")]
struct UploadPage {
    lang: Lang,
    t: &'static Texts,
    u: &'static UploadTexts,
    user_name: Option<String>,
    csrf: String,
    /// (code, name)
    orgs: Vec<(String, String)>,
    problem: Option<String>,
}

/// The organizations the viewer writes plans for: (code, name).
async fn writable_orgs(
    state: &AppState,
    viewer: &Viewer,
) -> Result<Vec<(String, String)>, AppError> {
    let mut out = Vec::new();
    for m in &viewer.memberships {
        if access::can_write_plan(&viewer.memberships, &m.org)
            && !out
                .iter()
                .any(|(c, _): &(String, String)| c == m.org.as_str())
        {
            let org = state.store.org(&m.org).await?;
            out.push((org.code.to_string(), org.name_th));
        }
    }
    Ok(out)
}

fn upload_page(
    viewer: &Viewer,
    orgs: Vec<(String, String)>,
    problem: Option<String>,
) -> UploadPage {
    let lang = viewer.lang;
    UploadPage {
        lang,
        t: lang.t(),
        u: upload_texts(lang),
        user_name: viewer.name(),
        csrf: viewer.csrf.clone(),
        orgs,
        problem,
    }
}

/// GET /import
pub async fn form(State(state): State<AppState>, viewer: Viewer) -> Result<Response, AppError> {
    if viewer.user.is_none() {
        return Ok(Redirect::to("/signin").into_response());
    }
    let orgs = writable_orgs(&state, &viewer).await?;
    Ok(upload_page(&viewer, orgs, None).into_response())
}

/// An upload read and waiting for its user to confirm it.
pub(crate) struct Staged {
    pub id: String,
}

/// Reads `bytes` (uploaded as `name`) into a plan of organization `org`, which the viewer must
/// write plans for (else 403), and keeps it waiting for them to confirm: nothing is written to
/// the plans yet. A missing or unreadable file is a problem naming the file.
pub(crate) async fn stage_upload(
    state: &AppState,
    viewer: &Viewer,
    org: &str,
    name: &str,
    bytes: &[u8],
) -> Result<Staged, AppError> {
    let lang = viewer.lang;
    let Some(user) = &viewer.user else {
        return Err(AppError::NotFound(lang));
    };
    let code = OrgCode::parse(org.trim()).map_err(|_| AppError::Denied(lang))?;
    if !access::can_write_plan(&viewer.memberships, &code) {
        return Err(AppError::Denied(lang));
    }
    if bytes.is_empty() {
        return Err(Problem::new(
            "file",
            "โปรดเลือกไฟล์แผนที่จะนำเข้า",
            "Choose the plan file to import",
        )
        .into_error(lang));
    }
    let owner = state.store.org(&code).await?;
    let imported = phaen_import::read(bytes, name, Some(owner)).map_err(|e| {
        Problem::new(
            "file",
            format!("อ่านไฟล์ {name} ไม่ได้ จึงยังไม่ได้บันทึกสิ่งใด: {e}"),
            format!("Cannot read {name}; nothing was saved: {e}"),
        )
        .into_error(lang)
    })?;
    let report = ReportView::of(&imported.report);
    let json = serde_json::to_string(&report)
        .map_err(|e| phaen_store::Error::corrupt("import report", e))?;
    let id = state
        .store
        .stage_import(&user.id, name, &imported.plan, &json)
        .await?;
    Ok(Staged { id })
}

/// The viewer's own waiting upload `id`; anyone else's, or an expired one, is the same 404.
pub(crate) async fn pending_upload(
    state: &AppState,
    viewer: &Viewer,
    id: &str,
) -> Result<phaen_store::imports::PendingImport, AppError> {
    let lang = viewer.lang;
    let Some(user) = &viewer.user else {
        return Err(AppError::NotFound(lang));
    };
    match state.store.pending_import(id, &user.id).await {
        Ok(p) => Ok(p),
        Err(phaen_store::Error::NotFound { .. }) => Err(AppError::NotFound(lang)),
        Err(e) => Err(e.into()),
    }
}

/// Writes the viewer's waiting upload `id` as a new plan, as them, when they still write plans
/// for its organization. Returns the new plan's id.
pub(crate) async fn confirm_upload(
    state: &AppState,
    viewer: &Viewer,
    id: &str,
) -> Result<phaen_domain::PlanId, AppError> {
    let pending = pending_upload(state, viewer, id).await?;
    let Some(user) = &viewer.user else {
        return Err(AppError::NotFound(viewer.lang));
    };
    // The organization may have been taken from the user since the upload.
    if !access::can_write_plan(&viewer.memberships, &pending.org) {
        return Err(AppError::Denied(viewer.lang));
    }
    let store = state.store.acting_as(phaen_store::audit::Actor {
        id: user.id.clone(),
        name: user.display_name.clone(),
    });
    Ok(store.confirm_import(id, &user.id).await?)
}

/// Drops the viewer's waiting upload `id`; anyone else's is the same 404 as a missing one.
pub(crate) async fn discard_upload(
    state: &AppState,
    viewer: &Viewer,
    id: &str,
) -> Result<(), AppError> {
    let lang = viewer.lang;
    let Some(user) = &viewer.user else {
        return Err(AppError::NotFound(lang));
    };
    match state.store.discard_import(id, &user.id).await {
        Ok(()) => Ok(()),
        Err(phaen_store::Error::NotFound { .. }) => Err(AppError::NotFound(lang)),
        Err(e) => Err(e.into()),
    }
}

/// POST /import (multipart: csrf, org, file): reads the file and keeps it waiting.
pub async fn upload(
    State(state): State<AppState>,
    headers: HeaderMap,
    viewer: Viewer,
    mut multipart: Multipart,
) -> Result<Response, AppError> {
    let lang = viewer.lang;
    if viewer.user.is_none() {
        return Err(AppError::NotFound(lang));
    }
    let bad = |why: String| AppError::BadRequest(lang, why);
    let (mut csrf, mut org, mut file) = (String::new(), String::new(), None);
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|e| bad(format!("อ่านแบบฟอร์มไม่ได้ / cannot read the form: {e}")))?
    {
        match field.name().unwrap_or_default() {
            "csrf" => csrf = field.text().await.unwrap_or_default(),
            "org" => org = field.text().await.unwrap_or_default(),
            "file" => {
                let name = field.file_name().unwrap_or("upload").to_string();
                let bytes = field.bytes().await.map_err(|e| {
                    bad(format!(
                        "ไฟล์ใหญ่เกิน 20 MB หรือส่งไม่ครบ / the file is over 20 MB or did not arrive whole: {e}"
                    ))
                })?;
                file = Some((name, bytes));
            }
            _ => {}
        }
    }
    if !crate::auth::form_is_genuine(&headers, &csrf, &viewer) {
        return Err(AppError::Forbidden(lang));
    }
    let (name, bytes) = file.unwrap_or_else(|| ("upload".into(), Default::default()));
    match stage_upload(&state, &viewer, &org, &name, &bytes).await {
        Ok(staged) => Ok(Redirect::to(&format!("/import/{}", staged.id)).into_response()),
        Err(AppError::Invalid(_, problems)) => {
            let orgs = writable_orgs(&state, &viewer).await?;
            let why = problems
                .iter()
                .map(|p| p.say(lang))
                .collect::<Vec<_>>()
                .join("; ");
            let page = upload_page(&viewer, orgs, Some(why));
            Ok((StatusCode::BAD_REQUEST, page).into_response())
        }
        Err(e) => Err(e),
    }
}

/// Every budget line of the plan's elements, added up.
pub(crate) fn budget_total(plan: &phaen_domain::Plan) -> phaen_domain::Baht {
    plan.walk()
        .iter()
        .flat_map(|w| w.element.budget.iter().map(|b| b.amount_baht))
        .sum()
}

#[derive(Template, WebTemplate)]
#[template(path = "upload_report.html")]
struct ReportPage {
    lang: Lang,
    t: &'static Texts,
    u: &'static UploadTexts,
    user_name: Option<String>,
    csrf: String,
    id: String,
    source: String,
    title: String,
    org: String,
    period: String,
    kind: &'static str,
    report: ReportView,
    /// (what, how many)
    counts: Vec<(&'static str, usize)>,
    budget_total: String,
}

/// GET /import/{id}: the report of a waiting upload, with confirm and discard.
pub async fn report(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let lang = viewer.lang;
    let pending = pending_upload(&state, &viewer, &id).await?;
    let report = ReportView::of_pending(&pending)?;
    let plan = &pending.plan;
    let c = summary::counts(plan);
    let t = lang.t();
    let u = upload_texts(lang);
    let budget_total = budget_total(plan);
    Ok(ReportPage {
        lang,
        t,
        u,
        user_name: viewer.name(),
        csrf: viewer.csrf.clone(),
        id: pending.id.clone(),
        source: pending.source.clone(),
        title: plan.title.clone(),
        org: plan.owner.name_th.clone(),
        period: format!("{} - {}", plan.period.from, plan.period.to),
        kind: crate::views::kind_label(plan.kind, lang),
        report,
        counts: vec![
            (element_label(ElementKind::Mission, lang), c.missions),
            (element_label(ElementKind::Goal, lang), c.goals),
            (
                element_label(ElementKind::StrategicIssue, lang),
                c.strategic_issues,
            ),
            (element_label(ElementKind::Strategy, lang), c.strategies),
            (element_label(ElementKind::Guideline, lang), c.guidelines),
            (element_label(ElementKind::Project, lang), c.projects),
            (element_label(ElementKind::Activity, lang), c.activities),
            (t.kpis, c.kpis),
        ],
        budget_total: crate::plan_pages::money::baht(budget_total.amount()),
    }
    .into_response())
}

#[derive(Deserialize)]
pub struct DecideForm {
    csrf: String,
}

/// POST /import/{id}/confirm: writes the plan.
pub async fn confirm(
    State(state): State<AppState>,
    headers: HeaderMap,
    viewer: Viewer,
    Path(id): Path<String>,
    axum::Form(form): axum::Form<DecideForm>,
) -> Result<Response, AppError> {
    if !crate::auth::form_is_genuine(&headers, &form.csrf, &viewer) {
        return Err(AppError::Forbidden(viewer.lang));
    }
    let plan = confirm_upload(&state, &viewer, &id).await?;
    Ok(Redirect::to(&format!("/plans/{plan}")).into_response())
}

/// POST /import/{id}/discard
pub async fn discard(
    State(state): State<AppState>,
    headers: HeaderMap,
    viewer: Viewer,
    Path(id): Path<String>,
    axum::Form(form): axum::Form<DecideForm>,
) -> Result<Response, AppError> {
    if !crate::auth::form_is_genuine(&headers, &form.csrf, &viewer) {
        return Err(AppError::Forbidden(viewer.lang));
    }
    discard_upload(&state, &viewer, &id).await?;
    Ok(Redirect::to("/import").into_response())
}
