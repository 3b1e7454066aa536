//! The words of the pages in Thai (the default) and English. The language comes from the
//! `lang` cookie the switch in every page's header sets.

use axum::http::HeaderMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Th,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Th => "th",
            Lang::En => "en",
        }
    }

    pub fn parse(s: &str) -> Option<Lang> {
        match s {
            "th" => Some(Lang::Th),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language a request asks for: its `lang` cookie, else Thai.
    pub fn of(headers: &HeaderMap) -> Lang {
        crate::cookies::get(headers, "lang")
            .and_then(|v| Lang::parse(&v))
            .unwrap_or_default()
    }

    pub fn other(self) -> Lang {
        match self {
            Lang::Th => Lang::En,
            Lang::En => Lang::Th,
        }
    }

    pub fn t(self) -> &'static Texts {
        match self {
            Lang::Th => &TH,
            Lang::En => &EN,
        }
    }
}

/// Every fixed text a page shows.
pub struct Texts {
    pub app: &'static str,
    pub switch_to: &'static str,
    pub plans: &'static str,
    pub no_plans: &'static str,
    pub sign_in: &'static str,
    pub sign_out: &'static str,
    pub username: &'static str,
    pub password: &'static str,
    pub bad_sign_in: &'static str,
    pub throttled: &'static str,
    pub owner: &'static str,
    pub period: &'static str,
    pub status: &'static str,
    pub kind: &'static str,
    pub vision: &'static str,
    pub approval: &'static str,
    pub revision: &'static str,
    pub as_of: &'static str,
    pub kpis: &'static str,
    pub kpi: &'static str,
    pub unit: &'static str,
    pub year: &'static str,
    pub swot: &'static str,
    pub tows: &'static str,
    pub budget: &'static str,
    pub responsible: &'static str,
    pub not_found: &'static str,
    pub not_found_detail: &'static str,
    pub server_error: &'static str,
    pub bad_request: &'static str,
    pub signed_in_as: &'static str,
    pub skip: &'static str,
    pub tree: &'static str,
    pub conflict: &'static str,
    pub comments: &'static str,
    pub your_comment: &'static str,
    pub send_comment: &'static str,
    pub no_comments: &'static str,
    pub life: &'static str,
    pub move_to: &'static str,
    pub approving_body: &'static str,
    pub meeting: &'static str,
    pub approval_date: &'static str,
    pub audit: &'static str,
    pub download_csv: &'static str,
    pub no_entries: &'static str,
    pub when: &'static str,
    pub who: &'static str,
    pub what: &'static str,
    pub target: &'static str,
    pub chain_ok: &'static str,
    pub chain_broken: &'static str,
    pub on_date: &'static str,
    pub import: &'static str,
    pub changes: &'static str,
    pub dashboard: &'static str,
    pub notifications: &'static str,
    pub mark_all_read: &'static str,
    pub no_notifications: &'static str,
    pub unread: &'static str,
    pub emailed: &'static str,
}

pub static TH: Texts = Texts {
    app: "แผน (Phaen)",
    switch_to: "English",
    plans: "แผน",
    no_plans: "ยังไม่มีแผนที่ท่านมีสิทธิ์เห็น",
    sign_in: "เข้าสู่ระบบ",
    sign_out: "ออกจากระบบ",
    username: "ชื่อผู้ใช้",
    password: "รหัสผ่าน",
    bad_sign_in: "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง",
    throttled: "พยายามเข้าสู่ระบบหลายครั้งเกินไป โปรดรอสักครู่แล้วลองใหม่",
    owner: "หน่วยงาน",
    period: "ระยะเวลา",
    status: "สถานะ",
    kind: "ประเภทแผน",
    vision: "วิสัยทัศน์",
    approval: "การอนุมัติ",
    revision: "ฉบับปรับปรุงครั้งที่",
    as_of: "ข้อมูล ณ วันที่",
    kpis: "ตัวชี้วัด",
    kpi: "ตัวชี้วัด",
    unit: "หน่วยนับ",
    year: "ปี",
    swot: "การวิเคราะห์ SWOT",
    tows: "TOWS Matrix",
    budget: "งบประมาณ (บาท)",
    responsible: "ผู้รับผิดชอบ",
    not_found: "ไม่พบหน้านี้",
    not_found_detail: "หน้าที่ท่านขอไม่มีอยู่ หรือท่านไม่มีสิทธิ์เห็น",
    server_error: "ระบบขัดข้อง โปรดลองใหม่อีกครั้ง",
    bad_request: "คำขอไม่ถูกต้อง",
    signed_in_as: "ผู้ใช้",
    skip: "ข้ามไปยังเนื้อหา",
    tree: "พันธกิจ เป้าประสงค์ กลยุทธ์ และโครงการ",
    conflict: "มีผู้อื่นแก้ไขแผนนี้ก่อนหน้าท่าน",
    comments: "ความคิดเห็นของสมาชิก (ประชาพิจารณ์)",
    your_comment: "ความคิดเห็นของท่าน",
    send_comment: "ส่งความคิดเห็น",
    no_comments: "ยังไม่มีความคิดเห็น",
    life: "ขั้นตอนของแผน",
    move_to: "เปลี่ยนเป็น",
    approving_body: "ผู้อนุมัติ (เช่น ที่ประชุมใหญ่สามัญประจำปี 2567)",
    meeting: "ครั้งที่ประชุม",
    approval_date: "วันที่อนุมัติ (เช่น 18 ธันวาคม 2567)",
    audit: "บันทึกการเปลี่ยนแปลง",
    download_csv: "ดาวน์โหลด CSV",
    no_entries: "ยังไม่มีรายการที่ท่านมีสิทธิ์เห็น",
    when: "เวลา",
    who: "ผู้ดำเนินการ",
    what: "การเปลี่ยนแปลง",
    target: "รายการ",
    chain_ok: "ตรวจสอบแล้ว: บันทึกครบถ้วน ไม่มีการแก้ไขย้อนหลัง",
    chain_broken: "คำเตือน: บันทึกถูกแก้ไขย้อนหลังที่รายการที่",
    on_date: "เมื่อวันที่",
    import: "นำเข้าแผน",
    changes: "ค่าเดิม → ค่าใหม่",
    dashboard: "ภาพรวมผลการดำเนินงาน",
    notifications: "การแจ้งเตือน",
    mark_all_read: "อ่านทั้งหมดแล้ว",
    no_notifications: "ยังไม่มีการแจ้งเตือน",
    unread: "ยังไม่อ่าน",
    emailed: "ส่งอีเมลแล้ว",
};

pub static EN: Texts = Texts {
    app: "Phaen (แผน)",
    switch_to: "ภาษาไทย",
    plans: "Plans",
    no_plans: "There are no plans you may see yet",
    sign_in: "Sign in",
    sign_out: "Sign out",
    username: "Username",
    password: "Password",
    bad_sign_in: "The username or password is wrong",
    throttled: "Too many sign-in attempts; please wait a moment and try again",
    owner: "Organization",
    period: "Period",
    status: "Status",
    kind: "Kind of plan",
    vision: "Vision",
    approval: "Approval",
    revision: "Revision",
    as_of: "Data as of",
    kpis: "Indicators",
    kpi: "Indicator",
    unit: "Unit",
    year: "Year",
    swot: "SWOT analysis",
    tows: "TOWS matrix",
    budget: "Budget (baht)",
    responsible: "Responsible",
    not_found: "Page not found",
    not_found_detail: "The page does not exist, or you may not see it",
    server_error: "Something went wrong; please try again",
    bad_request: "Bad request",
    signed_in_as: "Signed in as",
    skip: "Skip to content",
    tree: "Missions, goals, strategies and projects",
    conflict: "Someone else changed this plan before you",
    comments: "Members' comments (consultation)",
    your_comment: "Your comment",
    send_comment: "Send comment",
    no_comments: "No comments yet",
    life: "The plan's life",
    move_to: "Move to",
    approving_body: "Approved by (e.g. the annual general meeting 2567)",
    meeting: "Meeting",
    approval_date: "Date of approval (e.g. 18 ธันวาคม 2567 or 2024-12-18)",
    audit: "Audit log",
    download_csv: "Download CSV",
    no_entries: "There are no entries you may see yet",
    when: "When",
    who: "Who",
    what: "What",
    target: "Item",
    chain_ok: "Verified: the log is complete and nothing was changed after it was written",
    chain_broken: "Warning: the log was changed after it was written, at entry",
    on_date: "on",
    import: "Import",
    changes: "Before → after",
    dashboard: "Results overview",
    notifications: "Notifications",
    mark_all_read: "Mark all read",
    no_notifications: "No notifications yet",
    unread: "unread",
    emailed: "emailed",
};
