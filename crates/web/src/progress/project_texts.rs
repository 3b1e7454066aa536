//! The fixed words of the project-progress pages and charts, in Thai and English.

use phaen_domain::progress::ProjectStatus;

use crate::i18n::Lang;

pub struct ProjectTexts {
    pub projects: &'static str,
    pub project: &'static str,
    pub report: &'static str,
    pub status: &'static str,
    pub percent: &'static str,
    pub allocated: &'static str,
    pub committed: &'static str,
    pub disbursed: &'static str,
    pub money_hint: &'static str,
    pub percent_hint: &'static str,
    pub cumulative: &'static str,
    pub no_report: &'static str,
    pub latest: &'static str,
    pub by_status: &'static str,
    pub planned_vs_disbursed: &'static str,
    pub planned: &'static str,
    pub no_projects: &'static str,
}

static TH: ProjectTexts = ProjectTexts {
    projects: "โครงการ",
    project: "โครงการ",
    report: "รายงานความก้าวหน้าโครงการ",
    status: "สถานะโครงการ",
    percent: "ความก้าวหน้า (ร้อยละ)",
    allocated: "งบที่ได้รับจัดสรร (บาท)",
    committed: "งบที่ก่อหนี้ผูกพัน (บาท)",
    disbursed: "งบที่เบิกจ่าย (บาท)",
    money_hint: "ยอดสะสมตั้งแต่ต้นปีถึงสิ้นงวด เช่น ๑,๒๐๐,๐๐๐ หรือ 1200000; เว้นว่างถ้ายังไม่มีข้อมูล",
    percent_hint: "๐ ถึง ๑๐๐; เสร็จสิ้นคือ ๑๐๐ ยังไม่เริ่มคือ ๐",
    cumulative: "ยอดเงินเป็นยอดสะสมของปี",
    no_report: "ยังไม่รายงาน",
    latest: "รายงานล่าสุดที่อนุมัติ",
    by_status: "โครงการตามสถานะ",
    planned_vs_disbursed: "งบประมาณตามแผนเทียบผลการเบิกจ่ายรายปี (บาท)",
    planned: "ตามแผน",
    no_projects: "แผนนี้ยังไม่มีโครงการ",
};

static EN: ProjectTexts = ProjectTexts {
    projects: "Projects",
    project: "Project",
    report: "Project progress report",
    status: "Project status",
    percent: "Complete (%)",
    allocated: "Allocated (baht)",
    committed: "Committed (baht)",
    disbursed: "Disbursed (baht)",
    money_hint: "Year to date at the period's end, e.g. 1,200,000; leave empty when not known",
    percent_hint: "0 to 100; done is 100, not started is 0",
    cumulative: "Amounts are the year's totals to date",
    no_report: "Not reported",
    latest: "Latest approved report",
    by_status: "Projects by status",
    planned_vs_disbursed: "Budget planned vs disbursed by year (baht)",
    planned: "Planned",
    no_projects: "This plan has no projects yet",
};

pub fn project_texts(lang: Lang) -> &'static ProjectTexts {
    match lang {
        Lang::Th => &TH,
        Lang::En => &EN,
    }
}

pub fn status_label(s: ProjectStatus, lang: Lang) -> &'static str {
    match lang {
        Lang::Th => s.label_th(),
        Lang::En => match s {
            ProjectStatus::NotStarted => "Not started",
            ProjectStatus::OnTrack => "On track",
            ProjectStatus::AtRisk => "At risk",
            ProjectStatus::Delayed => "Delayed",
            ProjectStatus::Done => "Done",
        },
    }
}
