//! A roadmap plan as the rows a provincial office keeps (`rows`), shared by the web page, the
//! workbook (`crate::xlsx::roadmap`) and the printed layouts, with the fixed words its
//! tables use in Thai and English (`Words`).

use phaen_domain::{BeYear, Plan, ReadinessKind};

pub use crate::roadmap_rows as rows;
pub use crate::roadmap_rows::{Filter, Roadmap, Row};

/// The plan's roadmap rows that pass `filter`, alignments without written words spelled out
/// in `lang`.
pub fn roadmap(plan: &Plan, filter: &Filter, lang: Lang) -> Roadmap {
    crate::roadmap_rows::roadmap(plan, filter, lang == Lang::En)
}

/// The language of the fixed words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Th,
    En,
}

/// The fixed words of a roadmap table.
#[derive(Debug)]
pub struct Words {
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
    pub ticked: &'static str,
    pub not_ticked: &'static str,
    pub can_run: &'static str,
    pub prepare: &'static str,
    pub in_plan: &'static str,
    pub plain_year: &'static str,
}

impl Words {
    pub fn of(lang: Lang) -> &'static Words {
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

    /// 'ข้อมูล ณ วันที่ 29 มิถุนายน 2566 · ปรับปรุงครั้งที่ 2'.
    pub fn stamp_line(&self, plan: &Plan) -> String {
        let date = plan
            .as_of
            .map(phaen_domain::thai::format_long_date)
            .unwrap_or_else(|| self.no_date.to_string());
        let revision = plan.revision.as_ref().map_or(1, |r| r.number);
        format!("{} {date} · {} {revision}", self.as_of, self.revision)
    }

    /// 'เลือกแสดง: ปี 2568 · หน่วยงาน กตส. · สหกรณ์ PNW-SAV01'.
    pub fn filter_line(&self, filter: &Filter) -> String {
        let mut parts = Vec::new();
        if let Some(y) = filter.year {
            parts.push(format!("{} {y}", self.year));
        }
        if let Some(u) = &filter.unit {
            parts.push(format!("{} {u}", self.unit));
        }
        if let Some(c) = &filter.coop {
            parts.push(format!("{} {c}", self.coop));
        }
        format!("{}: {}", self.filters, parts.join(" · "))
    }
}

pub const TH: Words = Words {
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
    ticked: "√",
    not_ticked: "-",
    can_run: "ดำเนินการได้ในปี",
    prepare: "เตรียมงบประมาณ/แผน ปี",
    in_plan: "บรรจุในแผน ปี",
    plain_year: "ปี",
};

pub const EN: Words = Words {
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
    ticked: "√",
    not_ticked: "-",
    can_run: "Can run in",
    prepare: "Budget being prepared for",
    in_plan: "In a plan for",
    plain_year: "Year",
};
