//! The national data set's shape: indicators, KPIs, projects, resolved links and values.

use std::collections::HashSet;

use phaen_domain::ElementKind;

use crate::{INDICATORS, KPIS_PER_PLAN, Nation, PROJECTS_PER_PLAN, PROVINCES};

#[test]
fn every_cooperative_serves_national_indicators_and_guidelines_with_resolved_links() {
    let nation = Nation::new(7, 5, 2);
    assert_eq!(nation.head_orgs().len(), 1 + PROVINCES);
    let national_kpis: HashSet<String> = nation
        .national
        .all_kpis()
        .iter()
        .map(|(_, k)| k.id.to_string())
        .collect();
    assert_eq!(national_kpis.len(), INDICATORS);
    nation.national.check().unwrap();
    let mut guideline_ids = HashSet::new();
    for s in &nation.national.elements {
        for g in &s.children {
            assert_eq!(g.kind, ElementKind::Guideline);
            guideline_ids.insert(g.id.to_string());
        }
    }
    let mut plan_ids = HashSet::new();
    for i in 0..nation.coops() {
        let c = nation.cooperative(i);
        c.plan.check().unwrap();
        assert!(plan_ids.insert(c.plan.id.clone()), "plan ids are unique");
        assert_eq!(
            c.org.parent,
            Some(nation.provinces[i % PROVINCES].code.clone())
        );
        let kpis = c.plan.all_kpis();
        assert_eq!(kpis.len(), KPIS_PER_PLAN);
        for (_, k) in &kpis {
            let target = k.aligned_to[0].target_id.clone().expect("resolved");
            assert!(national_kpis.contains(&target), "{target}");
        }
        let mut projects = 0;
        let mut stack: Vec<&phaen_domain::Element> = c.plan.elements.iter().collect();
        while let Some(e) = stack.pop() {
            if e.kind == ElementKind::Project {
                projects += 1;
                assert_eq!(e.budget.len(), 2);
                let target = e.aligned_to[0].target_id.clone().expect("resolved");
                assert!(guideline_ids.contains(&target), "{target}");
            }
            stack.extend(e.children.iter());
        }
        assert_eq!(projects, PROJECTS_PER_PLAN);
        assert_eq!(c.values.len(), KPIS_PER_PLAN * 2 * 12);
    }
    let again = Nation::new(7, 5, 2).cooperative(3);
    let first = nation.cooperative(3);
    assert_eq!(again.plan, first.plan);
    assert_eq!(again.values, first.values);
    assert_ne!(Nation::new(8, 5, 2).cooperative(3).plan, first.plan);
}
