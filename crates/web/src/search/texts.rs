//! The fixed words of the search page, in Thai and English.

use crate::i18n::Lang;

pub struct SearchTexts {
    pub title: &'static str,
    pub hint: &'static str,
    pub results: &'static str,
    pub no_hits: &'static str,
    pub too_vague: &'static str,
    pub matched: &'static str,
    pub of: &'static str,
    pub words: &'static str,
    pub more: &'static str,
    pub plan: &'static str,
    pub kpi: &'static str,
    pub kpi_narrative: &'static str,
    pub project_narrative: &'static str,
}

static TH: SearchTexts = SearchTexts {
    title: "ค้นหาในแผน",
    hint: "ค้นหาโครงการ ตัวชี้วัด แนวทาง และผลการดำเนินงาน ในทุกแผนที่ท่านมีสิทธิ์เห็น พิมพ์คำภาษาไทยได้โดยไม่ต้องเว้นวรรค เช่น เงินฝาก",
    results: "ผลการค้นหา",
    no_hits: "ไม่พบคำที่ค้นหาในแผนที่ท่านมีสิทธิ์เห็น",
    too_vague: "พิมพ์คำที่ต้องการค้นหาอย่างน้อยหนึ่งคำ",
    matched: "ตรงกับ",
    of: "จาก",
    words: "คำค้น",
    more: "แสดงเฉพาะผลที่ตรงที่สุด ระบุคำค้นให้ชัดขึ้นเพื่อดูผลอื่น",
    plan: "แผน",
    kpi: "ตัวชี้วัด",
    kpi_narrative: "ผลการดำเนินงานตามตัวชี้วัด",
    project_narrative: "รายงานความก้าวหน้าโครงการ",
};

static EN: SearchTexts = SearchTexts {
    title: "Search the plans",
    hint: "Find projects, KPIs, guidelines and reported results in every plan you may see. Thai words are found inside text written without spaces, e.g. เงินฝาก (deposits).",
    results: "Results",
    no_hits: "Nothing found in the plans you may see",
    too_vague: "Type at least one word to search for",
    matched: "matches",
    of: "of",
    words: "search words",
    more: "Only the best matches are shown; narrow the search to see others",
    plan: "Plan",
    kpi: "KPI",
    kpi_narrative: "KPI results reported",
    project_narrative: "Project progress report",
};

pub fn search_texts(lang: Lang) -> &'static SearchTexts {
    match lang {
        Lang::Th => &TH,
        Lang::En => &EN,
    }
}
