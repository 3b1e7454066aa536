//! The fixed words of the roadmap page and its XLSX export, in Thai and English.

use phaen_domain::{BeYear, ReadinessKind};

use crate::i18n::Lang;

pub struct RoadmapTexts {
    pub title: &'static str,
    pub caption: &'static str,
    pub no: &'static str,
    pub alignment: &'static str,
    pub project: &'static str,
    pub kpi: &'static str,
    pub target_group: &'static str,
    pub budget: &'static str,
    pub readiness: &'static str,
    pub units: &'static str,
    pub main: &'static str,
    pub support: &'static str,
    pub results: &'static str,
    pub total: &'static str,
    pub as_of: &'static str,
    pub revision: &'static str,
    pub no_date: &'static str,
    pub filters: &'static str,
    pub year: &'static str,
    pub unit: &'static str,
    pub coop: &'static str,
    pub all: &'static str,
    pub apply: &'static str,
    pub clear: &'static str,
    pub download: &'static str,
    pub nothing: &'static str,
    pub not_roadmap: &'static str,
    pub ticked: &'static str,
    pub not_ticked: &'static str,
    pub owner: &'static str,
    can_run: &'static str,
    prepare: &'static str,
    in_plan: &'static str,
    plain_year: &'static str,
}

impl RoadmapTexts {
    pub fn of(lang: Lang) -> &'static RoadmapTexts {
        match lang {
            Lang::Th => &TH,
            Lang::En => &EN,
        }
    }

    /// The heading of a year's readiness column: what a tick means that year.
    pub fn year_heading(&self, year: BeYear, kind: Option<ReadinessKind>) -> String {
        let words = match kind {
            Some(ReadinessKind::CanRun) => self.can_run,
            Some(ReadinessKind::PrepareBudget) => self.prepare,
            Some(ReadinessKind::InPlan) => self.in_plan,
            None => self.plain_year,
        };
        format!("{words} {year}")
    }
}

pub static TH: RoadmapTexts = RoadmapTexts {
    title: "Road Map",
    caption: "งานและโครงการตาม Road Map จัดกลุ่มตามยุทธศาสตร์และประเภทสหกรณ์",
    no: "ที่",
    alignment: "ความสอดคล้อง",
    project: "งาน/โครงการ",
    kpi: "ตัวชี้วัดโครงการ",
    target_group: "กลุ่มเป้าหมาย",
    budget: "งบประมาณ (บาท)",
    readiness: "ความพร้อมของการดำเนินงาน (ปี)",
    units: "หน่วยงานรับผิดชอบ",
    main: "หลัก",
    support: "สนับสนุน",
    results: "ผลการดำเนินงาน",
    total: "รวมงบประมาณ",
    as_of: "ข้อมูล ณ วันที่",
    revision: "ปรับปรุงครั้งที่",
    no_date: "ไม่ระบุ",
    filters: "เลือกแสดง",
    year: "ปี",
    unit: "หน่วยงาน",
    coop: "สหกรณ์",
    all: "ทั้งหมด",
    apply: "แสดง",
    clear: "ล้างตัวเลือก",
    download: "ดาวน์โหลด Excel (XLSX)",
    nothing: "ไม่มีงานหรือโครงการที่ตรงกับตัวเลือก",
    not_roadmap: "แผนนี้ไม่ใช่ Road Map",
    ticked: "√",
    not_ticked: "-",
    owner: "หน่วยงานเจ้าของแผน",
    can_run: "ดำเนินการได้ในปี",
    prepare: "เตรียมงบประมาณ/แผน ปี",
    in_plan: "บรรจุในแผน ปี",
    plain_year: "ปี",
};

pub static EN: RoadmapTexts = RoadmapTexts {
    title: "Roadmap",
    caption: "The roadmap's work and projects, grouped by strategy and cooperative type",
    no: "No.",
    alignment: "Alignment",
    project: "Work / project",
    kpi: "Project KPI",
    target_group: "Target group",
    budget: "Budget (baht)",
    readiness: "Readiness (year)",
    units: "Responsible units",
    main: "Main",
    support: "Supporting",
    results: "Results",
    total: "Total budget",
    as_of: "Data as of",
    revision: "Revision",
    no_date: "not stated",
    filters: "Show",
    year: "Year",
    unit: "Unit",
    coop: "Cooperative",
    all: "All",
    apply: "Show",
    clear: "Clear",
    download: "Download Excel (XLSX)",
    nothing: "No work or project matches these choices",
    not_roadmap: "This plan is not a roadmap",
    ticked: "√",
    not_ticked: "-",
    owner: "Plan owner",
    can_run: "Can run in",
    prepare: "Budget being prepared for",
    in_plan: "In a plan for",
    plain_year: "Year",
};
