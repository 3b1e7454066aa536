//! Forms that change a plan's contents: elements (add, edit, reorder, remove) and KPIs (edit
//! targets per year, add, remove), and opening a new revision of an approved plan. Every save
//! carries the plan version the form was read at; a stale save overwrites nothing and says so.

pub mod align;
pub mod element;
pub mod kpi;
pub mod lines;
pub mod revision;
pub mod status;

use axum::http::HeaderMap;

use phaen_domain::access;
use phaen_domain::{Plan, PlanId};
use phaen_store::{EditNote, PlanStore, Store};

use crate::AppState;
use crate::auth::Viewer;
use crate::error::AppError;
use crate::i18n::Lang;

/// What a form that only confirms a change sends (remove, open a new revision): its token and
/// the plan version it was read at.
#[derive(serde::Deserialize)]
pub struct VersionForm {
    pub(crate) csrf: String,
    pub(crate) version: i64,
}

/// A plan open for a form: read by a viewer who may change it, at `version`.
pub struct Editing {
    pub plan: Plan,
    pub version: i64,
}

/// For the GET side of a form: the plan, when the viewer may read it (else the same 404 as a
/// missing plan), may change it (else 403), and its status takes changes.
pub async fn for_form(state: &AppState, viewer: &Viewer, id: &str) -> Result<Editing, AppError> {
    let plan =
        std::sync::Arc::unwrap_or_clone(crate::pages::readable_plan(state, viewer, id).await?);
    writable(viewer, &plan)?;
    let version = state.store.plan_version(&plan.id).await?;
    Ok(Editing { plan, version })
}

/// For the POST side: a genuine form, then as [`for_form`]; returns the store acting as the
/// viewer so the audit log names them.
pub async fn for_save(
    state: &AppState,
    headers: &HeaderMap,
    viewer: &Viewer,
    id: &str,
    csrf: &str,
) -> Result<(Plan, Store), AppError> {
    let (plan, store) = crate::pages::plan_for_change(state, headers, viewer, id, csrf).await?;
    writable(viewer, &plan)?;
    Ok((plan, store))
}

/// The viewer may change the plan's contents in place: they write for its organization (else
/// 403) and its status takes edits (else a refusal saying to open a new revision). Forms and the
/// API both ask this.
pub(crate) fn writable(viewer: &Viewer, plan: &Plan) -> Result<(), AppError> {
    if !access::can_write_plan(&viewer.memberships, &plan.owner.code) {
        return Err(AppError::Denied(viewer.lang));
    }
    if !plan.status.takes_edits() {
        return Err(phaen_domain::Error::refused(
            "แผนนี้อนุมัติแล้ว แก้ไขได้ด้วยการเปิดฉบับปรับปรุงใหม่ที่หน้าแผน",
            "This plan is approved: open a new revision on the plan's page to change it",
        )
        .into());
    }
    Ok(())
}

/// Saves `plan` with the note for the audit log, or says why it could not: a stale version
/// becomes a conflict that overwrote nothing.
pub async fn save(
    store: &Store,
    plan: &Plan,
    version: i64,
    note: EditNote,
) -> Result<i64, AppError> {
    Ok(store.update_plan(plan, version, note).await?)
}

/// The message a form shows for a failed save, in the viewer's language; `None` when the
/// failure is not the user's to fix (it becomes an error page).
pub fn form_message(lang: Lang, e: &AppError) -> Option<String> {
    match e {
        AppError::Store(phaen_store::Error::Conflict { .. }) => Some(lang_pick(
            lang,
            "มีผู้อื่นแก้ไขแผนนี้หลังจากที่ท่านเปิดแบบฟอร์ม จึงยังไม่ได้บันทึกสิ่งใด ค่าที่ท่านกรอกยังอยู่ด้านล่าง โปรดเปิดแผนฉบับล่าสุดแล้วแก้ไขอีกครั้ง",
            "Someone else changed this plan after you opened the form, so nothing was saved. What you typed is still below; open the latest plan and make your change again.",
        )),
        AppError::Store(phaen_store::Error::Domain(d)) => Some(match (lang, d) {
            (Lang::Th, d) => d.to_string_th(),
            (Lang::En, phaen_domain::Error::Refused { en, .. }) => en.clone(),
            (Lang::En, d) => d.to_string(),
        }),
        AppError::Store(phaen_store::Error::Refused(why)) => Some(why.clone()),
        AppError::BadRequest(_, why) => Some(why.clone()),
        AppError::Invalid(_, problems) => Some(
            problems
                .iter()
                .map(|p| p.say(lang))
                .collect::<Vec<_>>()
                .join("; "),
        ),
        _ => None,
    }
}

/// The problems a form shows for a failed change, one per line of its list; `None` when the
/// failure is not the user's to fix.
pub fn form_problems(lang: Lang, e: &AppError) -> Option<Vec<String>> {
    match e {
        AppError::Invalid(_, problems) => {
            Some(problems.iter().map(|p| p.say(lang).to_string()).collect())
        }
        e => form_message(lang, e).map(|m| vec![m]),
    }
}

pub fn lang_pick(lang: Lang, th: &str, en: &str) -> String {
    match lang {
        Lang::Th => th.to_string(),
        Lang::En => en.to_string(),
    }
}

/// The plan id of a path, or the same 404 as a missing plan.
pub fn plan_id(lang: Lang, id: &str) -> Result<PlanId, AppError> {
    PlanId::parse(id).map_err(|_| AppError::NotFound(lang))
}

/// Fixed words of the edit forms.
pub struct EditTexts {
    pub edit: &'static str,
    pub save: &'static str,
    pub cancel: &'static str,
    pub add_child: &'static str,
    pub add_top: &'static str,
    pub add_kpi: &'static str,
    pub move_up: &'static str,
    pub move_down: &'static str,
    pub remove: &'static str,
    pub remove_confirm: &'static str,
    pub remove_weight: &'static str,
    pub element_kind: &'static str,
    pub label: &'static str,
    pub title: &'static str,
    pub description: &'static str,
    pub objectives: &'static str,
    pub target_groups: &'static str,
    pub expected_outcomes: &'static str,
    pub main_units: &'static str,
    pub support_units: &'static str,
    pub budget_lines: &'static str,
    pub one_per_line: &'static str,
    pub budget_hint: &'static str,
    pub kpi_name: &'static str,
    pub kpi_unit: &'static str,
    pub targets: &'static str,
    pub target_hint: &'static str,
    pub notes: &'static str,
    pub problems: &'static str,
    pub open_latest: &'static str,
    pub new_revision: &'static str,
    pub new_revision_hint: &'static str,
    pub consultation_opens: &'static str,
    pub consultation_closes: &'static str,
    pub target_reason: &'static str,
    pub target_reason_needed: &'static str,
    pub target_history: &'static str,
    pub target_was: &'static str,
    pub target_now: &'static str,
}

pub static EDIT_TH: EditTexts = EditTexts {
    edit: "แก้ไข",
    save: "บันทึก",
    cancel: "ยกเลิก",
    add_child: "เพิ่มรายการย่อย",
    add_top: "เพิ่มรายการระดับบนสุด",
    add_kpi: "เพิ่มตัวชี้วัด",
    move_up: "เลื่อนขึ้น",
    move_down: "เลื่อนลง",
    remove: "ลบ",
    remove_confirm: "ยืนยันการลบ",
    remove_weight: "การลบจะลบรายการย่อยและตัวชี้วัดทั้งหมดที่อยู่ใต้รายการนี้ด้วย จำนวนรายการ / ตัวชี้วัดที่จะถูกลบ:",
    element_kind: "ประเภท",
    label: "เลขกำกับ (เช่น 2.1)",
    title: "ชื่อ",
    description: "รายละเอียด",
    objectives: "วัตถุประสงค์",
    target_groups: "กลุ่มเป้าหมาย",
    expected_outcomes: "ผลที่คาดว่าจะได้รับ",
    main_units: "ผู้รับผิดชอบหลัก",
    support_units: "ผู้สนับสนุน",
    budget_lines: "งบประมาณ (บาท)",
    one_per_line: "บรรทัดละหนึ่งรายการ",
    budget_hint: "บรรทัดละหนึ่งปี เช่น 2568: 150,000",
    kpi_name: "ชื่อตัวชี้วัด",
    kpi_unit: "หน่วยนับ",
    targets: "ค่าเป้าหมายรายปี",
    target_hint: "เช่น 10, ≥ 80, ไม่น้อยกว่า ร้อยละ 50, ดีเยี่ยม หรือ - เมื่อไม่มีเป้าหมายปีนั้น; เว้นว่างเมื่อไม่ระบุ",
    notes: "หมายเหตุ",
    problems: "ยังบันทึกไม่ได้:",
    open_latest: "เปิดแผนฉบับล่าสุด",
    new_revision: "เปิดฉบับปรับปรุงใหม่",
    new_revision_hint: "แผนที่อนุมัติแล้วแก้ไขได้ด้วยการเปิดฉบับปรับปรุงใหม่ ฉบับปัจจุบันจะถูกเก็บไว้ครบถ้วน",
    consultation_opens: "วันเปิดรับความคิดเห็น",
    consultation_closes: "วันปิดรับความคิดเห็น",
    target_reason: "เหตุผลที่ปรับค่าเป้าหมาย",
    target_reason_needed: "ต้องระบุเมื่อเปลี่ยนค่าเป้าหมายเดิม เพราะเป็นฉบับปรับปรุงของแผนที่อนุมัติแล้ว",
    target_history: "ประวัติการปรับค่าเป้าหมาย",
    target_was: "ค่าเดิม",
    target_now: "ค่าใหม่",
};

pub static EDIT_EN: EditTexts = EditTexts {
    edit: "Edit",
    save: "Save",
    cancel: "Cancel",
    add_child: "Add below",
    add_top: "Add at the top level",
    add_kpi: "Add indicator",
    move_up: "Move up",
    move_down: "Move down",
    remove: "Remove",
    remove_confirm: "Remove it",
    remove_weight: "Removing it also removes everything below it. Elements / indicators that go:",
    element_kind: "Kind",
    label: "Label (e.g. 2.1)",
    title: "Title",
    description: "Description",
    objectives: "Objectives",
    target_groups: "Target groups",
    expected_outcomes: "Expected outcomes",
    main_units: "Main responsible units",
    support_units: "Supporting units",
    budget_lines: "Budget (baht)",
    one_per_line: "one per line",
    budget_hint: "one year per line, e.g. 2568: 150,000",
    kpi_name: "Indicator",
    kpi_unit: "Unit",
    targets: "Targets per year",
    target_hint: "e.g. 10, ≥ 80, ไม่น้อยกว่า ร้อยละ 50, ดีเยี่ยม, or - for no target that year; leave empty when not stated",
    notes: "Notes",
    problems: "Not saved yet:",
    open_latest: "Open the latest plan",
    new_revision: "Open a new revision",
    new_revision_hint: "An approved plan changes through a new revision; the current one is kept whole",
    consultation_opens: "Comments open on",
    consultation_closes: "Comments close on",
    target_reason: "Why the targets change",
    target_reason_needed: "needed when a target set before changes, as this revises an approved plan",
    target_history: "Target changes so far",
    target_was: "Was",
    target_now: "Became",
};

pub fn edit_texts(lang: Lang) -> &'static EditTexts {
    match lang {
        Lang::Th => &EDIT_TH,
        Lang::En => &EDIT_EN,
    }
}
