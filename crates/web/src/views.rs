//! What the pages show, prepared from domain values: labels in the reader's language, Thai
//! long dates with Buddhist-Era years, targets per year in columns.

use phaen_domain::thai::format_long_date;
use phaen_domain::{Element, ElementKind, Plan, PlanKind, PlanStatus, SwotKind};

use crate::i18n::Lang;

pub fn kind_label(kind: PlanKind, lang: Lang) -> &'static str {
    match lang {
        Lang::Th => kind.label_th(),
        Lang::En => match kind {
            PlanKind::StrategicPlan => "Strategic plan",
            PlanKind::DevelopmentPlan => "Development plan",
            PlanKind::ActionPlan => "Action plan",
            PlanKind::Roadmap => "Roadmap",
        },
    }
}

pub fn status_label(status: PlanStatus, lang: Lang) -> &'static str {
    match lang {
        Lang::Th => status.label_th(),
        Lang::En => match status {
            PlanStatus::Draft => "Draft",
            PlanStatus::Consultation => "Member consultation",
            PlanStatus::Approved => "Approved",
            PlanStatus::Published => "Published",
            PlanStatus::Closed => "Closed",
        },
    }
}

pub fn element_label(kind: ElementKind, lang: Lang) -> &'static str {
    match lang {
        Lang::Th => kind.label_th(),
        Lang::En => match kind {
            ElementKind::Mission => "Mission",
            ElementKind::Goal => "Goal",
            ElementKind::StrategicIssue => "Strategic issue",
            ElementKind::Strategy => "Strategy",
            ElementKind::Guideline => "Guideline",
            ElementKind::Group => "Group",
            ElementKind::Project => "Project",
            ElementKind::Activity => "Activity",
        },
    }
}

pub struct PlanRow {
    pub id: String,
    pub title: String,
    pub kind: &'static str,
    pub org: String,
    pub period: String,
    pub status: &'static str,
}

pub struct KpiRow {
    pub id: String,
    pub label: Option<String>,
    pub name: String,
    pub unit: String,
    pub cells: Vec<String>,
}

pub struct ElementView {
    /// The element's id, for its anchor, its page and its forms.
    pub id: String,
    pub depth: usize,
    pub kind: &'static str,
    pub label: Option<String>,
    pub title: String,
    pub responsible: String,
    pub budget: String,
    pub kpis: Vec<KpiRow>,
}

pub struct SwotView {
    pub heading: String,
    pub items: Vec<String>,
}

pub struct PlanView {
    pub title: String,
    pub kind: &'static str,
    pub owner: String,
    pub period: String,
    pub status: &'static str,
    pub approval: Option<String>,
    pub revision: Option<u32>,
    pub as_of: Option<String>,
    pub vision: Option<String>,
    pub years: Vec<u16>,
    pub swot: Vec<SwotView>,
    pub tows: Vec<(String, String)>,
    /// The plan's own KPIs (not under an element).
    pub kpis: Vec<KpiRow>,
    pub elements: Vec<ElementView>,
}

pub fn plan_view(plan: &Plan, lang: Lang) -> PlanView {
    let years: Vec<_> = plan.period.years().collect();
    let mut depths: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    let mut elements = Vec::new();
    for w in plan.walk() {
        let depth = w
            .parent
            .map_or(0, |p| depths.get(p.id.as_str()).map_or(0, |d| d + 1));
        depths.insert(w.element.id.as_str(), depth);
        elements.push(element_view(w.element, depth, &years, lang));
    }
    let swot = SwotKind::ALL
        .iter()
        .filter_map(|k| {
            let items: Vec<String> = plan
                .swot
                .iter()
                .filter(|s| s.kind == *k)
                .map(|s| match &s.code {
                    Some(c) => format!("{c} {}", s.text),
                    None => s.text.clone(),
                })
                .collect();
            (!items.is_empty()).then(|| SwotView {
                heading: k.label_th().to_string(),
                items,
            })
        })
        .collect();
    PlanView {
        title: plan.title.clone(),
        kind: kind_label(plan.kind, lang),
        owner: plan.owner.name_th.clone(),
        period: format!("{} - {}", plan.period.from, plan.period.to),
        status: status_label(plan.status, lang),
        approval: plan.approval.as_ref().map(|a| match a.date {
            Some(d) => format!("{} {} {}", a.body, lang.t().on_date, format_long_date(d)),
            None => a.body.clone(),
        }),
        revision: plan.revision.as_ref().map(|r| r.number),
        as_of: plan.as_of.map(format_long_date),
        vision: plan.vision.clone(),
        years: years.iter().map(|y| y.get()).collect(),
        swot,
        tows: plan
            .tows
            .iter()
            .map(|q| {
                (
                    format!(
                        "{} {}",
                        q.quadrant.as_str(),
                        q.approach.clone().unwrap_or_default()
                    ),
                    q.strategies.join("; "),
                )
            })
            .collect(),
        kpis: plan.kpis.iter().map(|k| kpi_row(k, &years)).collect(),
        elements,
    }
}

pub(crate) fn kpi_row(k: &phaen_domain::Kpi, years: &[phaen_domain::BeYear]) -> KpiRow {
    KpiRow {
        id: k.id.to_string(),
        label: k.label.clone(),
        name: k.name.clone(),
        unit: k.unit.clone().unwrap_or_default(),
        cells: years
            .iter()
            .map(|y| k.target_for(*y).map(|t| t.to_string()).unwrap_or_default())
            .collect(),
    }
}

fn element_view(
    e: &Element,
    depth: usize,
    years: &[phaen_domain::BeYear],
    lang: Lang,
) -> ElementView {
    ElementView {
        id: e.id.to_string(),
        depth: depth.min(5),
        kind: element_label(e.kind, lang),
        label: e.label.clone(),
        title: e.title.clone(),
        responsible: e
            .responsible
            .iter()
            .map(|r| r.text.as_str())
            .collect::<Vec<_>>()
            .join(", "),
        budget: e
            .budget
            .iter()
            .map(|b| match b.year {
                Some(y) => format!("{y}: {}", b.amount_baht),
                None => b.amount_baht.to_string(),
            })
            .collect::<Vec<_>>()
            .join(" · "),
        kpis: e.kpis.iter().map(|k| kpi_row(k, years)).collect(),
    }
}
