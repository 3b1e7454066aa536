//! Every model rule, one plan breaking it at a time; and every warning a careful reader gives.

use std::str::FromStr;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use phaen_domain::rules::{check, warnings};
use phaen_domain::*;

fn y(n: u16) -> BeYear {
    BeYear::new(n).unwrap()
}

fn org() -> Organization {
    Organization {
        code: OrgCode::parse("coop-1").unwrap(),
        name_th: "สหกรณ์ออมทรัพย์ตัวอย่าง จำกัด".into(),
        name_en: None,
        kind: OrgKind::Cooperative,
        coop_type: Some(CoopType::Savings),
        parent: None,
        units: vec![OrgUnit {
            code: "mgmt".into(),
            name_th: "ฝ่ายจัดการ".into(),
            name_en: None,
            kind: UnitKind::Division,
        }],
    }
}

fn kpi(name: &str) -> Kpi {
    let mut k = Kpi::new(name);
    k.unit = Some("ร้อยละ".into());
    k.targets = (2568..=2570)
        .map(|year| YearTarget {
            year: y(year),
            target: Target::Numeric {
                comparator: Comparator::AtLeast,
                value: Decimal::from(80),
                percent: false,
            },
            written: None,
        })
        .collect();
    k
}

/// A small valid plan: a mission with a goal, a strategy, a guideline and a project.
fn plan() -> Plan {
    let period = Period::new(y(2568), y(2570)).unwrap();
    let mut p = Plan::new(PlanKind::StrategicPlan, "แผนกลยุทธ์ทดสอบ", org(), period);
    let mut project = Element::new(ElementKind::Project, "โครงการทดสอบ").with_label("1");
    project.budget = vec![BudgetLine {
        year: Some(y(2568)),
        amount_baht: Baht::from_str("1000").unwrap(),
        source_unit: MoneyUnit::Baht,
        written: None,
    }];
    project.responsible = vec![Responsibility {
        role: ResponsibleRole::Main,
        text: "ฝ่ายจัดการ".into(),
        org: None,
        unit: Some("mgmt".into()),
    }];
    let mut guideline = Element::new(ElementKind::Guideline, "แนวทางทดสอบ").with_label("1");
    guideline.children.push(project);
    let mut strategy = Element::new(ElementKind::Strategy, "กลยุทธ์ทดสอบ");
    strategy.kpis.push(kpi("ร้อยละความพึงพอใจ"));
    strategy.children.push(guideline);
    let mut goal = Element::new(ElementKind::Goal, "เป้าประสงค์ทดสอบ");
    goal.children.push(strategy);
    let mut mission = Element::new(ElementKind::Mission, "พันธกิจทดสอบ").with_label("1");
    mission.children.push(goal);
    p.elements.push(mission);
    p.swot.push(SwotItem {
        kind: SwotKind::S,
        code: Some("S1".into()),
        text: "จุดแข็งทดสอบ".into(),
    });
    p
}

fn project(p: &mut Plan) -> &mut Element {
    &mut p.elements[0].children[0].children[0].children[0].children[0]
}

fn strategy(p: &mut Plan) -> &mut Element {
    &mut p.elements[0].children[0].children[0]
}

/// Asserts the plan breaks exactly one rule, at `path`, saying `words`.
fn breaks(p: &Plan, path: &str, words: &str) {
    let problems = check(p);
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert!(problems[0].path.contains(path), "{:?}", problems[0]);
    assert!(problems[0].message_en.contains(words), "{:?}", problems[0]);
    assert!(!problems[0].message_th.is_empty());
}

#[test]
fn the_base_plan_is_valid_and_quiet() {
    assert!(check(&plan()).is_empty());
    assert!(warnings(&plan()).is_empty(), "{:#?}", warnings(&plan()));
}

#[test]
fn a_plan_needs_a_title_and_a_sane_period() {
    let mut p = plan();
    p.title = " ".into();
    breaks(&p, "title", "title");
    let mut p = plan();
    p.period.to = y(2600);
    breaks(&p, "period", "longer");
}

#[test]
fn an_approved_plan_needs_its_approval_record() {
    let mut p = plan();
    p.status = PlanStatus::Published;
    breaks(&p, "approval", "approval record");
    p.approval = Some(Approval {
        body: "ที่ประชุมใหญ่สามัญประจำปี 2567".into(),
        meeting: None,
        date: NaiveDate::from_ymd_opt(2024, 12, 18),
        written: None,
    });
    assert!(check(&p).is_empty());
    p.approval.as_mut().unwrap().body.clear();
    breaks(&p, "approval.body", "approving body");
}

#[test]
fn the_owner_needs_a_name_and_unique_unit_codes() {
    let mut p = plan();
    p.owner.name_th.clear();
    breaks(&p, "owner.name_th", "Thai name");
    let mut p = plan();
    let u = p.owner.units[0].clone();
    p.owner.units.push(u);
    breaks(&p, "owner.units[1]", "twice");
}

#[test]
fn ids_are_unique_across_the_plan() {
    let mut p = plan();
    let id = p.elements[0].id.clone();
    project(&mut p).id = id;
    breaks(&p, "id", "used twice");
}

#[test]
fn elements_stand_only_where_plans_put_them() {
    let mut p = plan();
    let activity = Element::new(ElementKind::Activity, "กิจกรรม");
    p.elements.push(activity);
    breaks(&p, "elements[1]", "cannot stand under the top");
    let mut p = plan();
    strategy(&mut p)
        .children
        .push(Element::new(ElementKind::Mission, "พันธกิจซ้อน"));
    breaks(&p, "children[1]", "mission cannot stand under strategy");
    let mut p = plan();
    project(&mut p).title.clear();
    breaks(&p, "title", "needs a title");
}

#[test]
fn a_budget_year_a_readiness_flag_and_a_quarter_are_each_given_once_and_sanely() {
    let mut p = plan();
    let line = project(&mut p).budget[0].clone();
    project(&mut p).budget.push(line);
    breaks(&p, "budget[1]", "appears twice");
    let mut p = plan();
    let flag = Readiness {
        year: y(2568),
        kind: ReadinessKind::CanRun,
        ready: true,
    };
    project(&mut p).readiness = vec![flag, flag];
    breaks(&p, "readiness[1]", "appears twice");
    let mut p = plan();
    project(&mut p).timeline.push(TimelineEntry {
        year: y(2568),
        quarter: Some(5),
        mark: Some(TimelineMark::Span),
        note: None,
    });
    breaks(&p, "timeline[0]", "quarter");
}

#[test]
fn responsible_units_and_alignment_links_are_never_blank() {
    let mut p = plan();
    project(&mut p).responsible[0].text = "".into();
    breaks(&p, "responsible[0]", "needs a name");
    let mut p = plan();
    project(&mut p).aligned_to.push(AlignmentLink {
        plan: Some("แผนพัฒนาการสหกรณ์ ฉบับที่ 5".into()),
        kind: AlignKind::Kpi,
        label: " ".into(),
        scope: None,
        target_id: None,
        written: None,
    });
    breaks(&p, "aligned_to[0]", "label");
}

#[test]
fn a_kpi_has_a_name_and_one_target_per_year() {
    let mut p = plan();
    strategy(&mut p).kpis[0].name.clear();
    breaks(&p, "kpis[0].name", "needs a name");
    let mut p = plan();
    let t = strategy(&mut p).kpis[0].targets[0].clone();
    strategy(&mut p).kpis[0].targets.push(t);
    breaks(&p, "targets[2568]", "appears twice");
}

#[test]
fn levels_and_tiers_must_be_on_the_kpis_scale() {
    let mut p = plan();
    let k = &mut strategy(&mut p).kpis[0];
    k.scale = Some(Scale::financial_stability());
    k.targets[0].target = Target::Level {
        comparator: Comparator::Eq,
        level: "เยี่ยมยอด".into(),
    };
    breaks(&p, "targets[2568]", "not on the scale");

    let mut p = plan();
    let k = &mut strategy(&mut p).kpis[0];
    k.targets[0].target = Target::Tier {
        tier: "Gold".into(),
    };
    breaks(&p, "targets[2568]", "needs the KPI's tier scale");
    let k = &mut strategy(&mut p).kpis[0];
    k.scale = Some(Scale::access_branding());
    assert!(check(&p).is_empty());
    let k = &mut strategy(&mut p).kpis[0];
    k.targets[0].target = Target::Tier {
        tier: "Diamond".into(),
    };
    breaks(&p, "targets[2568]", "not on the scale");

    let mut p = plan();
    let k = &mut strategy(&mut p).kpis[0];
    k.scale = Some(Scale::Tiers {
        name: "กลับด้าน".into(),
        tiers: vec![Tier {
            name: "A".into(),
            min: Some(Decimal::from(90)),
            max: Some(Decimal::from(10)),
            min_exclusive: false,
        }],
    });
    breaks(&p, "scale.tiers[0]", "minimum above");
}

#[test]
fn swot_codes_match_their_kind_and_are_unique_and_items_are_not_blank() {
    let mut p = plan();
    p.swot[0].code = Some("W1".into());
    breaks(&p, "swot[0]", "does not match");
    let mut p = plan();
    let s = p.swot[0].clone();
    p.swot.push(s);
    breaks(&p, "swot[1]", "twice");
    let mut p = plan();
    p.swot[0].text = "".into();
    breaks(&p, "swot[0]", "empty");
}

#[test]
fn tows_quadrants_point_at_real_missions_and_swot_codes() {
    let mut p = plan();
    let mission = p.elements[0].id.clone();
    let q = TowsQuadrant {
        quadrant: TowsType::SO,
        approach: Some("Matching approach".into()),
        strategies: vec!["พัฒนาให้เข้มแข็ง".into()],
        swot_codes: vec!["S1".into()],
        missions: vec![mission],
    };
    p.tows.push(q.clone());
    assert!(check(&p).is_empty());
    p.tows.push(q.clone());
    breaks(&p, "tows[1]", "twice");
    let mut p = plan();
    let mut bad = q.clone();
    bad.missions = vec![strategy(&mut p).id.clone()];
    p.tows.push(bad);
    breaks(&p, "tows[0].missions", "no mission");
    let mut p = plan();
    let mut bad = q;
    bad.missions = vec![p.elements[0].id.clone()];
    bad.swot_codes = vec!["O9".into()];
    p.tows.push(bad);
    breaks(&p, "tows[0].swot_codes", "O9");
}

#[test]
fn perspectives_have_unique_keys_and_real_members() {
    let mut p = plan();
    let member = p.elements[0].id.clone();
    let persp = Perspective {
        key: "financial".into(),
        name_th: "การเงิน".into(),
        name_en: Some("Financial".into()),
        members: vec![member],
    };
    p.perspectives.push(persp.clone());
    assert!(check(&p).is_empty());
    p.perspectives.push(persp.clone());
    breaks(&p, "perspectives[1]", "twice");
    let mut p = plan();
    let mut bad = persp;
    bad.members = vec![ElementId::parse("nowhere").unwrap()];
    p.perspectives.push(bad);
    breaks(&p, "perspectives[0].members", "nowhere");
}

#[test]
fn a_careful_reader_flags_what_looks_wrong_but_may_be_true() {
    let mut p = plan();
    strategy(&mut p).kpis[0].targets[0].year = y(2571);
    project(&mut p).budget[0].year = Some(y(2567));
    project(&mut p).budget_total_stated = Some(Baht::from_str("999").unwrap());
    let mut bare = Kpi::new("จำนวนรายงาน");
    bare.unit = Some("รายงาน".into());
    project(&mut p).kpis.push(bare);
    project(&mut p).responsible[0].unit = None;
    let twin = Element::new(ElementKind::Mission, "พันธกิจคู่แฝด").with_label("๑");
    p.elements.push(twin);
    assert!(check(&p).is_empty(), "warnings do not make a plan invalid");
    let w = warnings(&p);
    let has = |words: &str| w.iter().any(|x| x.message_en.contains(words));
    assert!(has("target year 2571 is outside"), "{w:#?}");
    assert!(has("budget year 2567 is outside"), "{w:#?}");
    assert!(
        has("stated total 999 baht differs from the sum 1000 baht"),
        "{w:#?}"
    );
    assert!(has("has a unit but no targets"), "{w:#?}");
    assert!(has("did not resolve"), "{w:#?}");
    assert!(
        has("label '๑' is used twice"),
        "Thai and Arabic digits are the same label: {w:#?}"
    );
}
