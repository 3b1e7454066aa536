//! The fixed words of the roadmap page, in Thai and English; the table's words are the ones
//! its workbook uses (`phaen_documents::roadmap::Words`).

use phaen_domain::{BeYear, ReadinessKind};

use phaen_documents::roadmap::{self as words, Words};

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
    /// The words the roadmap's table shares with its workbook.
    pub words: &'static Words,
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
        self.words.year_heading(year, kind)
    }
}

pub static TH: RoadmapTexts = RoadmapTexts {
    title: "Road Map",
    caption: "งานและโครงการตาม Road Map จัดกลุ่มตามยุทธศาสตร์และประเภทสหกรณ์",
    no: words::TH.no,
    alignment: words::TH.alignment,
    project: words::TH.project,
    kpi: words::TH.kpi,
    target_group: words::TH.target_group,
    budget: words::TH.budget,
    readiness: words::TH.readiness,
    units: words::TH.units,
    main: words::TH.main,
    support: words::TH.support,
    results: words::TH.results,
    total: words::TH.total,
    as_of: words::TH.as_of,
    revision: words::TH.revision,
    no_date: words::TH.no_date,
    filters: words::TH.filters,
    year: words::TH.year,
    unit: words::TH.unit,
    coop: words::TH.coop,
    all: "ทั้งหมด",
    apply: "แสดง",
    clear: "ล้างตัวเลือก",
    download: "ดาวน์โหลด Excel (XLSX)",
    nothing: "ไม่มีงานหรือโครงการที่ตรงกับตัวเลือก",
    not_roadmap: "แผนนี้ไม่ใช่ Road Map",
    ticked: words::TH.ticked,
    not_ticked: words::TH.not_ticked,
    owner: "หน่วยงานเจ้าของแผน",
    words: &words::TH,
};

pub static EN: RoadmapTexts = RoadmapTexts {
    title: "Roadmap",
    caption: "The roadmap's work and projects, grouped by strategy and cooperative type",
    no: words::EN.no,
    alignment: words::EN.alignment,
    project: words::EN.project,
    kpi: words::EN.kpi,
    target_group: words::EN.target_group,
    budget: words::EN.budget,
    readiness: words::EN.readiness,
    units: words::EN.units,
    main: words::EN.main,
    support: words::EN.support,
    results: words::EN.results,
    total: words::EN.total,
    as_of: words::EN.as_of,
    revision: words::EN.revision,
    no_date: words::EN.no_date,
    filters: words::EN.filters,
    year: words::EN.year,
    unit: words::EN.unit,
    coop: words::EN.coop,
    all: "All",
    apply: "Show",
    clear: "Clear",
    download: "Download Excel (XLSX)",
    nothing: "No work or project matches these choices",
    not_roadmap: "This plan is not a roadmap",
    ticked: words::EN.ticked,
    not_ticked: words::EN.not_ticked,
    owner: "Plan owner",
    words: &words::EN,
};
