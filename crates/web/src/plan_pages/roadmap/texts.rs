//! The fixed words of the roadmap page, in Thai and English; the table's words are the ones
//! its workbook uses (`phaen_documents::roadmap::Words`).

use phaen_domain::{BeYear, ReadinessKind};

use phaen_documents::roadmap::{self as words, Words};

use crate::i18n::Lang;

pub struct RoadmapTexts {
    pub title: &'static str,
    pub caption: &'static str,
    pub all: &'static str,
    pub apply: &'static str,
    pub clear: &'static str,
    pub download: &'static str,
    pub nothing: &'static str,
    pub not_roadmap: &'static str,
    pub owner: &'static str,
    /// The words the roadmap's table shares with its workbook (column headings, totals, the
    /// filters' labels, what a tick means).
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
    all: "ทั้งหมด",
    apply: "แสดง",
    clear: "ล้างตัวเลือก",
    download: "ดาวน์โหลด Excel (XLSX)",
    nothing: "ไม่มีงานหรือโครงการที่ตรงกับตัวเลือก",
    not_roadmap: "แผนนี้ไม่ใช่ Road Map",
    owner: "หน่วยงานเจ้าของแผน",
    words: &words::TH,
};

pub static EN: RoadmapTexts = RoadmapTexts {
    title: "Roadmap",
    caption: "The roadmap's work and projects, grouped by strategy and cooperative type",
    all: "All",
    apply: "Show",
    clear: "Clear",
    download: "Download Excel (XLSX)",
    nothing: "No work or project matches these choices",
    not_roadmap: "This plan is not a roadmap",
    owner: "Plan owner",
    words: &words::EN,
};
