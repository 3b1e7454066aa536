//! The strategy map's bands: the plan's balanced-scorecard perspectives (their members are
//! missions and goals; everything below a member belongs to its band), or, for a plan without
//! perspectives, its top-level missions and strategic issues. The web page and the PDF both
//! draw these bands with `map_draw`.

use std::collections::HashMap;

use phaen_domain::{Element, ElementKind, Plan};

pub use super::map_draw::{Band, Column, draw};
use crate::layout::common::with_kind;

/// The words a map is drawn with, in the reader's language.
#[derive(Debug, Clone, Copy)]
pub struct MapWords {
    /// The drawing's title: 'แผนที่ยุทธศาสตร์'.
    pub map: &'static str,
    /// What the bands are, for a plan without perspectives and for one with them.
    pub by_mission: &'static str,
    pub by_perspective: &'static str,
    /// The band of elements outside every perspective.
    pub no_perspective: &'static str,
    /// Element kinds and perspective names in English.
    pub english: bool,
}

impl MapWords {
    pub const THAI: MapWords = MapWords {
        map: "แผนที่ยุทธศาสตร์",
        by_mission: "แต่ละแถบคือพันธกิจหรือยุทธศาสตร์ระดับบนสุด กล่องคือเป้าประสงค์ ยุทธศาสตร์ และกลยุทธ์ เส้นเชื่อมกล่องกับรายการที่อยู่เหนือขึ้นไป",
        by_perspective: "แต่ละแถบคือมุมมองของ Balanced Scorecard กล่องคือพันธกิจ เป้าประสงค์ ยุทธศาสตร์ และกลยุทธ์ เส้นเชื่อมกล่องกับรายการที่อยู่เหนือขึ้นไป",
        no_perspective: "ยังไม่ได้จัดเข้ามุมมอง",
        english: false,
    };

    /// An element kind as the map writes it in its box.
    pub fn kind(&self, kind: ElementKind) -> &'static str {
        if !self.english {
            return kind.label_th();
        }
        match kind {
            ElementKind::Mission => "Mission",
            ElementKind::Goal => "Goal",
            ElementKind::StrategicIssue => "Strategic issue",
            ElementKind::Strategy => "Strategy",
            ElementKind::Guideline => "Guideline",
            ElementKind::Group => "Group",
            ElementKind::Project => "Project",
            ElementKind::Activity => "Activity",
        }
    }
}

/// The bands of the map, in the plan's order. A perspective, mission or strategic issue keeps
/// its band even with no box in it (a roadmap's issues hold groups and projects only); the
/// band of elements outside every perspective, and a top-level project, only when they have
/// boxes.
pub fn bands<'a>(plan: &'a Plan, words: &MapWords) -> Vec<Band<'a>> {
    if plan.perspectives.is_empty() {
        by_mission(plan, words)
    } else {
        by_perspective(plan, words)
    }
}

fn by_mission<'a>(plan: &'a Plan, words: &MapWords) -> Vec<Band<'a>> {
    let is_box = |k: ElementKind| {
        matches!(
            k,
            ElementKind::Goal | ElementKind::StrategicIssue | ElementKind::Strategy
        )
    };
    plan.elements
        .iter()
        .filter_map(|top| {
            let titled = matches!(top.kind, ElementKind::Mission | ElementKind::StrategicIssue);
            let mut columns = Vec::new();
            let keep = |_: &Element| true;
            if titled {
                for child in &top.children {
                    columns_from(child, &is_box, &keep, &mut columns);
                }
            } else {
                columns_from(top, &is_box, &keep, &mut columns);
            }
            (titled || !columns.is_empty()).then(|| Band {
                title: with_kind(words.kind(top.kind), top.label.as_deref(), &top.title),
                columns,
            })
        })
        .collect()
}

fn by_perspective<'a>(plan: &'a Plan, words: &MapWords) -> Vec<Band<'a>> {
    let is_box = |k: ElementKind| {
        matches!(
            k,
            ElementKind::Mission
                | ElementKind::Goal
                | ElementKind::StrategicIssue
                | ElementKind::Strategy
        )
    };
    // Each element's band: the perspective of it or of its nearest ancestor placed in one.
    let mut placed: HashMap<&str, usize> = HashMap::new();
    for (i, p) in plan.perspectives.iter().enumerate() {
        for m in &p.members {
            placed.entry(m.as_str()).or_insert(i);
        }
    }
    let mut band_of: HashMap<&str, Option<usize>> = HashMap::new();
    let mut roots: Vec<Vec<&Element>> = vec![Vec::new(); plan.perspectives.len() + 1];
    for w in plan.walk() {
        let inherited = w
            .parent
            .and_then(|p| band_of.get(p.id.as_str()).copied().flatten());
        let band = placed.get(w.element.id.as_str()).copied().or(inherited);
        band_of.insert(w.element.id.as_str(), band);
        let parent_band = w
            .parent
            .map(|p| band_of.get(p.id.as_str()).copied().flatten());
        if is_box(w.element.kind) && parent_band != Some(band) {
            roots[band.unwrap_or(plan.perspectives.len())].push(w.element);
        }
    }
    let n = plan.perspectives.len();
    roots
        .into_iter()
        .enumerate()
        .filter(|(i, band_roots)| *i < n || !band_roots.is_empty())
        .map(|(i, band_roots)| {
            let title = plan.perspectives.get(i).map_or(words.no_perspective, |ps| {
                match (words.english, &ps.name_en) {
                    (true, Some(en)) => en.as_str(),
                    _ => ps.name_th.as_str(),
                }
            });
            let here = Some(i).filter(|i| *i < n);
            let keep = |e: &Element| band_of.get(e.id.as_str()).copied().flatten() == here;
            let mut columns = Vec::new();
            for r in band_roots {
                columns_from(r, &is_box, &keep, &mut columns);
            }
            Band {
                title: title.to_string(),
                columns,
            }
        })
        .collect()
}

/// The columns `e` starts: its own, stacked with the boxes below it, when it is drawn as a
/// box; else those of its children.
fn columns_from<'a>(
    e: &'a Element,
    is_box: &dyn Fn(ElementKind) -> bool,
    keep: &dyn Fn(&Element) -> bool,
    out: &mut Vec<Column<'a>>,
) {
    if is_box(e.kind) && keep(e) {
        let mut column = Vec::new();
        stack(e, 0, is_box, keep, &mut column);
        out.push(column);
    } else {
        for child in &e.children {
            columns_from(child, is_box, keep, out);
        }
    }
}

fn stack<'a>(
    e: &'a Element,
    depth: usize,
    is_box: &dyn Fn(ElementKind) -> bool,
    keep: &dyn Fn(&Element) -> bool,
    column: &mut Column<'a>,
) {
    column.push((e, depth));
    for child in &e.children {
        if is_box(child.kind) && keep(child) {
            stack(child, depth + 1, is_box, keep, column);
        }
    }
}
