//! Resolving a written alignment ('ตัวชี้วัดที่ 1 ยุทธศาสตร์ที่ 2') to the element or KPI of a
//! stored parent plan it names, so both plans can be read together: the link keeps what was
//! written, and gains the id of what it points at when exactly one thing matches.

use crate::align::{AlignKind, AlignmentLink};
use crate::element::{Element, ElementKind};
use crate::plan::Plan;
use crate::thai::to_arabic_digits;

/// The number a label carries, for comparing labels written differently: 'ยุทธศาสตร์ที่ ๒',
/// '2.' and '2' all give "2"; '1.3' gives "1.3". A label without digits is kept as written
/// (trimmed).
pub fn label_key(label: &str) -> String {
    let arabic = to_arabic_digits(label);
    let from_digit = match arabic.find(|c: char| c.is_ascii_digit()) {
        Some(i) => &arabic[i..],
        None => return arabic.trim().to_string(),
    };
    let number: String = from_digit
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    number.trim_end_matches('.').to_string()
}

/// The kinds of element a scope's leading word names ('ยุทธศาสตร์ที่ 1' -> strategic issue or
/// strategy); `None` when the word is not one Phaen knows (any kind may then match).
fn scope_kinds(scope: &str) -> Option<&'static [ElementKind]> {
    const TABLE: [(&str, &[ElementKind]); 6] = [
        ("กลยุทธ์", &[ElementKind::Strategy]),
        (
            "ยุทธศาสตร์",
            &[ElementKind::StrategicIssue, ElementKind::Strategy],
        ),
        ("แนวทาง", &[ElementKind::Guideline]),
        ("เป้าประสงค์", &[ElementKind::Goal]),
        ("เป้าหมาย", &[ElementKind::Goal]),
        ("พันธกิจ", &[ElementKind::Mission]),
    ];
    let head = scope.trim();
    TABLE
        .iter()
        .find(|(word, _)| head.starts_with(word))
        .map(|(_, kinds)| *kinds)
}

/// The element kinds an alignment kind points at (KPIs are not elements).
fn element_kind(kind: AlignKind) -> Option<ElementKind> {
    Some(match kind {
        AlignKind::Kpi => return None,
        AlignKind::Guideline => ElementKind::Guideline,
        AlignKind::Strategy => ElementKind::Strategy,
        AlignKind::StrategicIssue => ElementKind::StrategicIssue,
        AlignKind::Goal => ElementKind::Goal,
        AlignKind::Mission => ElementKind::Mission,
        AlignKind::Project => ElementKind::Project,
    })
}

/// The ids in `roots`' subtrees (roots included) that `link` names by kind and label.
fn matches_under(link: &AlignmentLink, roots: &[&Element]) -> Vec<String> {
    let want = label_key(&link.label);
    let mut out = Vec::new();
    let mut stack: Vec<&Element> = roots.to_vec();
    while let Some(e) = stack.pop() {
        match element_kind(link.kind) {
            None => out.extend(
                e.kpis
                    .iter()
                    .filter(|k| k.label.as_deref().map(label_key) == Some(want.clone()))
                    .map(|k| k.id.to_string()),
            ),
            Some(kind) => {
                if e.kind == kind && e.label.as_deref().map(label_key) == Some(want.clone()) {
                    out.push(e.id.to_string());
                }
            }
        }
        stack.extend(e.children.iter());
    }
    out.sort();
    out.dedup();
    out
}

/// Does `id` name an element or KPI of `plan`?
fn holds(plan: &Plan, id: &str) -> bool {
    plan.kpis.iter().any(|k| k.id.as_str() == id)
        || plan.walk().iter().any(|w| {
            w.element.id.as_str() == id || w.element.kpis.iter().any(|k| k.id.as_str() == id)
        })
}

/// What `link` points at in `parent`: its current target when `parent` still holds it, else
/// the one element or KPI of the link's kind and label (inside the element its scope names,
/// when the scope is found); `None` when nothing or more than one thing matches.
pub fn resolve(link: &AlignmentLink, parent: &Plan) -> Option<String> {
    if let Some(id) = &link.target_id
        && holds(parent, id)
    {
        return Some(id.clone());
    }
    let walked = parent.walk();
    let scoped: Vec<&Element> = match &link.scope {
        Some(scope) => {
            let key = label_key(scope);
            let kinds = scope_kinds(scope);
            walked
                .iter()
                .map(|w| w.element)
                .filter(|e| e.label.as_deref().map(label_key) == Some(key.clone()))
                .filter(|e| kinds.is_none_or(|ks| ks.contains(&e.kind)))
                .collect()
        }
        None => Vec::new(),
    };
    let found = if scoped.is_empty() {
        let roots: Vec<&Element> = parent.elements.iter().collect();
        let mut all = matches_under(link, &roots);
        if link.kind == AlignKind::Kpi {
            let want = label_key(&link.label);
            all.extend(
                parent
                    .kpis
                    .iter()
                    .filter(|k| k.label.as_deref().map(label_key) == Some(want.clone()))
                    .map(|k| k.id.to_string()),
            );
        }
        all
    } else {
        matches_under(link, &scoped)
    };
    match found.as_slice() {
        [one] => Some(one.clone()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::plan as sample_plan;

    fn link(kind: AlignKind, label: &str, scope: Option<&str>) -> AlignmentLink {
        AlignmentLink {
            plan: None,
            kind,
            label: label.into(),
            scope: scope.map(str::to_string),
            target_id: None,
            written: None,
        }
    }

    /// A parent plan: two strategies, each with KPIs labelled 1 and 2 and one guideline;
    /// guidelines numbered across the plan (1 under the first, 2 under the second).
    fn parent() -> Plan {
        let mut p = sample_plan();
        p.elements.clear();
        for s in 1..=2 {
            let mut strategy = Element::new(ElementKind::StrategicIssue, format!("s{s}"));
            strategy.label = Some(format!("ยุทธศาสตร์ที่ {s}"));
            for k in 1..=2 {
                let mut kpi = crate::kpi::Kpi::new(format!("k{s}{k}"));
                kpi.label = Some(if s == 2 {
                    crate::thai::to_thai_digits(&k.to_string())
                } else {
                    k.to_string()
                });
                strategy.kpis.push(kpi);
            }
            let mut g = Element::new(ElementKind::Guideline, format!("g{s}"));
            g.label = Some(s.to_string());
            strategy.children.push(g);
            p.elements.push(strategy);
        }
        p
    }

    #[test]
    fn labels_compare_by_their_number() {
        assert_eq!(label_key("ยุทธศาสตร์ที่ ๒"), "2");
        assert_eq!(label_key("2."), "2");
        assert_eq!(label_key(" 1.3 "), "1.3");
        assert_eq!(label_key("ก"), "ก");
    }

    #[test]
    fn a_kpi_resolves_inside_its_scope() {
        let p = parent();
        let second = &p.elements[1];
        let got = resolve(&link(AlignKind::Kpi, "1", Some("ยุทธศาสตร์ที่ 2")), &p);
        assert_eq!(got.as_deref(), Some(second.kpis[0].id.as_str()));
        // Thai digits in the scope read the same.
        let got = resolve(&link(AlignKind::Kpi, "๒", Some("ยุทธศาสตร์ที่ ๑")), &p);
        assert_eq!(got.as_deref(), Some(p.elements[0].kpis[1].id.as_str()));
    }

    #[test]
    fn an_ambiguous_or_missing_label_resolves_to_nothing() {
        let p = parent();
        // KPI 1 exists under both strategies: without a scope it is ambiguous.
        assert_eq!(resolve(&link(AlignKind::Kpi, "1", None), &p), None);
        assert_eq!(
            resolve(&link(AlignKind::Kpi, "9", Some("ยุทธศาสตร์ที่ 1")), &p),
            None
        );
        // A guideline is unique across the plan, so an unknown scope still finds it.
        let g2 = p.elements[1].children[0].id.to_string();
        assert_eq!(
            resolve(&link(AlignKind::Guideline, "2", Some("ยุทธศาสตร์ที่ 7")), &p),
            Some(g2)
        );
    }

    #[test]
    fn a_target_still_held_is_kept_and_a_removed_one_resolves_again() {
        let p = parent();
        let g1 = p.elements[0].children[0].id.to_string();
        let mut l = link(AlignKind::Guideline, "1", Some("ยุทธศาสตร์ที่ 1"));
        l.target_id = Some(g1.clone());
        assert_eq!(resolve(&l, &p), Some(g1.clone()));
        l.target_id = Some("gone".into());
        assert_eq!(resolve(&l, &p), Some(g1));
    }
}
