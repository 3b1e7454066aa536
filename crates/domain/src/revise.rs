//! A new revision of a plan keeps what its readers and its follow-up hang on: elements and KPIs
//! that carry on from the old revision keep their ids (so progress and links stay attached),
//! and results and alignment links the new document does not restate are carried over.

use std::collections::HashMap;

use crate::element::Element;
use crate::kpi::Kpi;
use crate::plan::Plan;
use crate::text::{ordinal, similarity};

/// What carried over from the old revision.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Carried {
    pub elements_kept: usize,
    pub elements_new: usize,
    pub kpis_kept: usize,
    pub results_carried: usize,
    pub links_carried: usize,
}

/// Gives `new` the old plan's id and, for every element and KPI that continues one of `old`'s,
/// the old id; carries over results and alignment links the new document leaves out.
pub fn adopt(new: &mut Plan, old: &Plan) -> Carried {
    let mut carried = Carried::default();
    let mut renamed: HashMap<String, String> = HashMap::new();
    new.id = old.id.clone();
    match_kpis(&mut new.kpis, &old.kpis, &mut carried, &mut renamed);
    match_siblings(&mut new.elements, &old.elements, &mut carried, &mut renamed);
    let remap = |id: &mut crate::ids::ElementId| {
        if let Some(o) = renamed
            .get(id.as_str())
            .and_then(|old| crate::ids::ElementId::parse(old).ok())
        {
            *id = o;
        }
    };
    for q in new.tows.iter_mut() {
        q.missions.iter_mut().for_each(remap);
    }
    for p in new.perspectives.iter_mut() {
        p.members.iter_mut().for_each(remap);
    }
    carried
}

fn same_element(a: &Element, b: &Element) -> bool {
    if a.kind != b.kind {
        return false;
    }
    let labels_agree = match (&a.label, &b.label) {
        (Some(x), Some(y)) => ordinal(x) == ordinal(y),
        _ => false,
    };
    let words = similarity(&a.title, &b.title);
    (labels_agree && words >= 0.5) || words >= 0.85
}

fn match_siblings(
    new: &mut [Element],
    old: &[Element],
    carried: &mut Carried,
    renamed: &mut HashMap<String, String>,
) {
    let mut used = vec![false; old.len()];
    for e in new.iter_mut() {
        let found = old
            .iter()
            .enumerate()
            .find(|(i, o)| !used[*i] && same_element(e, o))
            .map(|(i, _)| i);
        let Some(i) = found else {
            carried.elements_new += 1 + count(&e.children);
            continue;
        };
        used[i] = true;
        let o = &old[i];
        renamed.insert(e.id.to_string(), o.id.to_string());
        e.id = o.id.clone();
        carried.elements_kept += 1;
        if e.results.is_empty() && !o.results.is_empty() {
            e.results = o.results.clone();
            carried.results_carried += o.results.len();
        }
        if e.aligned_to.is_empty() && !o.aligned_to.is_empty() {
            e.aligned_to = o.aligned_to.clone();
            carried.links_carried += o.aligned_to.len();
        }
        match_kpis(&mut e.kpis, &o.kpis, carried, renamed);
        match_siblings(&mut e.children, &o.children, carried, renamed);
    }
}

fn count(elements: &[Element]) -> usize {
    elements.iter().map(|e| 1 + count(&e.children)).sum()
}

fn match_kpis(
    new: &mut [Kpi],
    old: &[Kpi],
    carried: &mut Carried,
    renamed: &mut HashMap<String, String>,
) {
    let mut used = vec![false; old.len()];
    for k in new.iter_mut() {
        let found = old.iter().enumerate().find(|(i, o)| {
            let labels_agree = match (&k.label, &o.label) {
                (Some(x), Some(y)) => ordinal(x) == ordinal(y),
                _ => false,
            };
            let words = similarity(&k.name, &o.name);
            !used[*i] && ((labels_agree && words >= 0.6) || words >= 0.85)
        });
        if let Some((i, o)) = found {
            used[i] = true;
            renamed.insert(k.id.to_string(), o.id.to_string());
            k.id = o.id.clone();
            carried.kpis_kept += 1;
            if k.aligned_to.is_empty() && !o.aligned_to.is_empty() {
                k.aligned_to = o.aligned_to.clone();
                carried.links_carried += o.aligned_to.len();
            }
        }
    }
}
