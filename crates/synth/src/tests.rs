//! Checks that the demo is valid, deterministic, varied and complete.

use std::collections::HashSet;

use phaen_domain::{
    Comparator, ElementKind, MoneyUnit, OrgKind, PlanKind, ReadinessKind, Scale, Target,
};

use crate::{DemoData, demo, demo_users};

fn plan(d: &DemoData, kind: PlanKind) -> &phaen_domain::Plan {
    d.plans
        .iter()
        .find(|p| p.kind == kind)
        .expect("a plan of that kind")
}

#[test]
fn every_plan_passes_the_model_rules() {
    for seed in [1, 2, 3, 42, u64::MAX] {
        for p in demo(seed).plans {
            if let Err(e) = p.check() {
                panic!("seed {seed}, plan '{}': {e}", p.title);
            }
            let back = phaen_domain::Plan::from_json(&p.to_json()).expect("round trip");
            assert_eq!(back, p);
        }
    }
}

#[test]
fn the_same_seed_gives_the_same_demo_and_another_seed_differs() {
    assert_eq!(demo(1), demo(1));
    assert_ne!(demo(1), demo(2));
    let json = |d: DemoData| d.plans.iter().map(|p| p.to_json()).collect::<String>();
    assert_ne!(json(demo(1)), json(demo(2)));
}

#[test]
fn organizations_come_parents_first_with_units() {
    let d = demo(1);
    let mut seen = HashSet::new();
    for o in &d.orgs {
        if let Some(parent) = &o.parent {
            assert!(
                seen.contains(parent.as_str()),
                "{} before its parent",
                o.code
            );
            let p = d.orgs.iter().find(|x| &x.code == parent).unwrap();
            assert!(o.kind.may_sit_under(p.kind));
        }
        seen.insert(o.code.as_str());
        assert!(!o.units.is_empty() && o.name_en.is_some());
    }
    assert_eq!(d.orgs[0].code.as_str(), "DEPT");
    let coops = d
        .orgs
        .iter()
        .filter(|o| matches!(o.kind, OrgKind::Cooperative | OrgKind::FarmerGroup));
    assert!(coops.count() >= 4);
    assert!(d.orgs.iter().any(|o| o.kind == OrgKind::FarmerGroup));
    for p in &d.plans {
        assert!(
            d.orgs.contains(&p.owner),
            "owner of '{}' is listed",
            p.title
        );
    }
}

#[test]
fn ids_are_unique_across_the_whole_demo() {
    let d = demo(5);
    let mut ids = HashSet::new();
    for p in &d.plans {
        assert!(ids.insert(p.id.to_string()));
        for w in p.walk() {
            assert!(ids.insert(w.element.id.to_string()));
        }
        for (_, k) in p.all_kpis() {
            assert!(ids.insert(k.id.to_string()));
        }
    }
}

#[test]
fn cooperative_plans_use_every_kind_of_target() {
    for seed in [1, 9] {
        let d = demo(seed);
        let coop_plans: Vec<_> = d
            .plans
            .iter()
            .filter(|p| p.kind == PlanKind::StrategicPlan)
            .collect();
        assert_eq!(coop_plans.len(), 4);
        for p in coop_plans {
            assert_eq!(p.tows.len(), 4);
            let missions = p.elements.len();
            assert!((3..=4).contains(&missions), "{missions} missions");
            let targets: Vec<(&phaen_domain::Kpi, &Target)> = p
                .all_kpis()
                .into_iter()
                .flat_map(|(_, k)| k.targets.iter().map(move |t| (k, &t.target)))
                .collect();
            let has = |f: &dyn Fn(&phaen_domain::Kpi, &Target) -> bool| {
                targets.iter().any(|(k, t)| f(k, t))
            };
            for cmp in [Comparator::AtLeast, Comparator::AtMost, Comparator::Eq] {
                assert!(has(
                    &|_, t| matches!(t, Target::Numeric { comparator, .. } if *comparator == cmp)
                ));
            }
            assert!(has(&|_, t| matches!(
                t,
                Target::Numeric { percent: true, .. }
            )));
            assert!(has(&|k, t| matches!(t, Target::Level { .. })
                && k.scale == Some(Scale::financial_stability())));
            assert!(has(
                &|k, t| matches!(t, Target::Level { .. }) && k.scale == Some(Scale::pass_fail())
            ));
            assert!(has(&|_, t| matches!(t, Target::Text { .. })));
            assert!(has(&|_, t| matches!(t, Target::None)));
            let walked = p.walk();
            assert!(
                walked
                    .iter()
                    .any(|w| w.element.kind == ElementKind::Activity
                        && !w.element.timeline.is_empty())
            );
            assert!(walked.iter().any(|w| !w.element.results.is_empty()));
            assert!(
                walked
                    .iter()
                    .any(|w| w.element.responsible.iter().any(|r| r.unit.is_some()))
            );
        }
    }
}

#[test]
fn the_other_plans_carry_their_special_parts() {
    let d = demo(1);
    let fed = plan(&d, PlanKind::DevelopmentPlan);
    assert_eq!(fed.perspectives.len(), 5);
    let kpis = fed.all_kpis();
    assert!(kpis.iter().any(|(_, k)| k.targets.iter().any(|t| t.target
        == Target::Tier {
            tier: "Gold".into()
        })));
    assert!(kpis.iter().any(|(_, k)| k.targets.iter().any(|t| matches!(&t.target, Target::Level { comparator: Comparator::AtLeast, level } if level == "A-"))));

    let road = plan(&d, PlanKind::Roadmap);
    assert_eq!(road.revision.as_ref().map(|r| r.number), Some(2));
    let rows: Vec<_> = road
        .walk()
        .into_iter()
        .filter(|w| w.element.kind == ElementKind::Project)
        .collect();
    assert!(
        rows.iter()
            .all(|w| w.element.readiness.len() == 5 && w.element.aligned_to.len() == 2)
    );
    assert!(
        rows.iter()
            .any(|w| w.element.readiness.iter().any(|r| !r.ready))
    );
    assert!(
        rows.iter()
            .all(|w| w.element.readiness[0].kind == ReadinessKind::CanRun)
    );
    assert!(
        rows.iter()
            .all(|w| w.element.budget.iter().all(|b| b.year.is_none()))
    );

    let action = plan(&d, PlanKind::ActionPlan);
    let lines: Vec<_> = action
        .walk()
        .into_iter()
        .flat_map(|w| w.element.budget.iter())
        .collect();
    assert!(
        lines
            .iter()
            .all(|b| b.source_unit == MoneyUnit::MillionBaht)
    );
    assert!(lines.iter().any(|b| {
        b.written
            .as_deref()
            .is_some_and(|w| w.contains('๐') || w.contains('๑') || w.contains('.'))
    }));
    let first = action.period.from;
    assert!(
        action
            .all_kpis()
            .iter()
            .all(|(_, k)| k.target_for(first) == Some(&Target::None))
    );
}

#[test]
fn one_demo_sign_in_per_role() {
    let users = demo_users();
    let roles: HashSet<_> = users.iter().map(|u| u.role.as_str()).collect();
    for r in [
        "admin",
        "editor",
        "approver",
        "auditor",
        "member",
        "provincial",
        "department",
    ] {
        assert!(roles.contains(r), "{r}");
    }
    let orgs: HashSet<_> = demo(1).orgs.iter().map(|o| o.code.to_string()).collect();
    assert!(
        users
            .iter()
            .all(|u| orgs.contains(&u.org) && u.password.starts_with("demo-"))
    );
}

#[test]
fn the_only_warnings_are_outside_bodies_kept_as_text() {
    for seed in [1, 2, 3] {
        for p in demo(seed).plans {
            for w in phaen_domain::rules::warnings(&p) {
                assert!(
                    w.path.contains(".responsible["),
                    "seed {seed}, '{}': {w}",
                    p.title
                );
            }
            for x in p.walk() {
                let units: Vec<_> = x
                    .element
                    .responsible
                    .iter()
                    .filter_map(|r| r.unit.as_ref())
                    .collect();
                let distinct: HashSet<_> = units.iter().collect();
                assert_eq!(
                    units.len(),
                    distinct.len(),
                    "a unit listed twice in '{}'",
                    x.element.title
                );
            }
        }
    }
}
