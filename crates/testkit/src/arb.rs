//! Proptest strategies for whole plans full of what breaks naive code: Thai text with combining
//! vowels and tone marks, Thai digits in labels, decimals with many places, every kind of target.

use chrono::NaiveDate;
use proptest::prelude::*;
use rust_decimal::Decimal;

use phaen_domain::element::Actual;
use phaen_domain::{
    Approval, Baht, BeYear, BudgetLine, Comparator, Element, ElementId, ElementKind, Kpi, KpiId,
    MoneyUnit, OrgCode, OrgKind, Organization, Period, Plan, PlanKind, PlanStatus, ProgressResult,
    Readiness, ReadinessKind, Responsibility, ResponsibleRole, Scale, SwotItem, SwotKind, Target,
    TextItem, TimelineEntry, TimelineMark, YearTarget,
};

/// Thai text: consonants, vowels above and below, tone marks, SARA AM, Thai digits, spaces,
/// quotes and a little Latin.
pub fn thai_text() -> impl Strategy<Value = String> {
    proptest::string::string_regex("[ก-ฮ][ก-ฮะาำิ-ฺเ-ๅ็-๎๐-๙ A-Za-z0-9.,/()“”%\\-]{0,40}")
        .expect("a valid pattern")
        .prop_map(|s| s.trim().to_string())
        .prop_filter("not blank", |s| !s.is_empty())
}

/// A label as plans write it: '1.', '๓.๔', '2.1.3', 'กลยุทธ์ที่ 2'.
pub fn label() -> impl Strategy<Value = String> {
    prop_oneof![
        "[1-9](\\.[0-9]){0,2}\\.?",
        "[๑-๙](\\.[๐-๙]){0,2}",
        "(กลยุทธ์|พันธกิจ|เป้าประสงค์)ที่ [1-9]",
    ]
}

pub fn decimal() -> impl Strategy<Value = Decimal> {
    (0i64..10_000_000_000, 0u32..6).prop_map(|(n, scale)| Decimal::new(n, scale))
}

pub fn baht() -> impl Strategy<Value = Baht> {
    (0i64..1_000_000_000_000, 0u32..3)
        .prop_map(|(n, scale)| Baht::new(Decimal::new(n, scale)).expect("non-negative satang"))
}

fn comparator() -> impl Strategy<Value = Comparator> {
    prop_oneof![
        Just(Comparator::Eq),
        Just(Comparator::AtLeast),
        Just(Comparator::AtMost),
        Just(Comparator::MoreThan),
        Just(Comparator::LessThan),
    ]
}

fn target() -> impl Strategy<Value = Target> {
    prop_oneof![
        (comparator(), decimal(), any::<bool>()).prop_map(|(comparator, value, percent)| {
            Target::Numeric {
                comparator,
                value,
                percent,
            }
        }),
        (
            comparator(),
            prop_oneof![Just("ดีเยี่ยม"), Just("ดี"), Just("พอใช้")]
        )
            .prop_map(|(comparator, l)| Target::Level {
                comparator,
                level: l.into()
            }),
        thai_text().prop_map(|text| Target::Text { text }),
        Just(Target::None),
    ]
}

fn kpi(period: Period, n: usize) -> impl Strategy<Value = Kpi> {
    let years: Vec<BeYear> = period.years().collect();
    (
        thai_text(),
        proptest::option::of(label()),
        proptest::option::of(thai_text()),
        proptest::collection::vec((target(), proptest::option::of(thai_text())), years.len()),
    )
        .prop_map(move |(name, label, unit, targets)| {
            let mut k = Kpi::new(name);
            k.id = KpiId::parse(&format!("k{n}")).expect("id");
            k.label = label;
            k.unit = unit;
            k.scale = Some(Scale::financial_stability());
            k.targets = years
                .iter()
                .zip(targets)
                .map(|(year, (target, written))| YearTarget {
                    year: *year,
                    target,
                    written,
                })
                .collect();
            k
        })
}

fn project(period: Period, n: usize) -> impl Strategy<Value = Element> {
    let years: Vec<BeYear> = period.years().collect();
    (
        thai_text(),
        proptest::option::of(label()),
        proptest::collection::vec(baht(), years.len()),
        thai_text(),
        thai_text(),
        kpi(period, n * 10 + 1),
        (1u32..=12, 1u32..=28),
    )
        .prop_map(
            move |(title, label, amounts, objective, narrative, kpi, (m, d))| {
                let mut e = Element::new(ElementKind::Project, title);
                e.id = ElementId::parse(&format!("p{n}")).expect("id");
                e.label = label;
                e.objectives = vec![TextItem::plain(objective.clone())];
                e.target_groups = vec![TextItem {
                    label: Some("๑".into()),
                    text: objective,
                }];
                e.budget = years
                    .iter()
                    .zip(amounts)
                    .map(|(y, amount_baht)| BudgetLine {
                        year: Some(*y),
                        amount_baht,
                        source_unit: MoneyUnit::Baht,
                        written: Some(phaen_domain::thai::to_thai_digits(&amount_baht.to_string())),
                    })
                    .collect();
                e.responsible = vec![Responsibility {
                    role: ResponsibleRole::Main,
                    text: "ฝ่ายจัดการ".into(),
                    org: None,
                    unit: Some("mgmt".into()),
                }];
                e.readiness = years
                    .iter()
                    .map(|y| Readiness {
                        year: *y,
                        kind: ReadinessKind::InPlan,
                        ready: y.get() % 2 == 0,
                    })
                    .collect();
                e.timeline = vec![TimelineEntry {
                    year: years[0],
                    quarter: Some(2),
                    mark: Some(TimelineMark::Span),
                    note: Some("๓๘๕ สหกรณ์".into()),
                }];
                e.results = vec![ProgressResult {
                    as_of: NaiveDate::from_ymd_opt(2024, m, d),
                    year: Some(years[0]),
                    narrative,
                    actuals: vec![Actual {
                        kpi: Some(kpi.id.clone()),
                        value: Decimal::new(7269, 1),
                        unit: Some("บาท".into()),
                    }],
                }];
                e.kpis = vec![kpi];
                e
            },
        )
}

fn mission(period: Period, n: usize) -> impl Strategy<Value = Element> {
    (
        thai_text(),
        label(),
        kpi(period, n * 100),
        proptest::collection::vec(Just(()), 0..3),
    )
        .prop_flat_map(move |(title, label, kpi, projects)| {
            let projects: Vec<_> = (0..projects.len())
                .map(|i| project(period, n * 100 + i + 1))
                .collect();
            (Just((title, label, kpi)), projects)
        })
        .prop_map(move |((title, label, kpi), projects)| {
            let mut m = Element::new(ElementKind::Mission, title).with_label(label);
            m.id = ElementId::parse(&format!("m{n}")).expect("id");
            m.kpis = vec![kpi];
            m.children = projects;
            m
        })
}

/// A whole valid plan.
pub fn plan() -> impl Strategy<Value = Plan> {
    (2500u16..2700, 0u16..5, thai_text(), thai_text(), 1usize..4)
        .prop_flat_map(|(from, len, title, vision, missions)| {
            let period = Period::new(
                BeYear::new(from).expect("year"),
                BeYear::new(from + len).expect("year"),
            )
            .expect("period");
            let ms: Vec<_> = (0..missions).map(|i| mission(period, i + 1)).collect();
            (
                Just((period, title, vision)),
                ms,
                proptest::collection::vec(thai_text(), 0..4),
            )
        })
        .prop_map(|((period, title, vision), missions, swot)| {
            let owner = Organization {
                code: OrgCode::parse("coop-ทดสอบ").expect("code"),
                name_th: "สหกรณ์ออมทรัพย์ทดสอบ จำกัด".into(),
                name_en: Some("Test Savings Cooperative".into()),
                kind: OrgKind::Cooperative,
                coop_type: None,
                parent: None,
                units: vec![phaen_domain::OrgUnit {
                    code: "mgmt".into(),
                    name_th: "ฝ่ายจัดการ".into(),
                    name_en: None,
                    kind: phaen_domain::UnitKind::Division,
                }],
            };
            let mut plan = Plan::new(PlanKind::StrategicPlan, title, owner, period);
            plan.id = phaen_domain::PlanId::parse("plan-arb").expect("id");
            plan.vision = Some(vision);
            plan.status = PlanStatus::Approved;
            plan.approval = Some(Approval {
                body: "ที่ประชุมใหญ่สามัญประจำปี ๒๕๖๗".into(),
                meeting: Some("ครั้งที่ ๑".into()),
                date: NaiveDate::from_ymd_opt(2024, 12, 18),
                written: None,
            });
            plan.swot = swot
                .into_iter()
                .enumerate()
                .map(|(i, text)| SwotItem {
                    kind: SwotKind::W,
                    code: Some(format!("W{}", i + 1)),
                    text,
                })
                .collect();
            plan.elements = missions;
            plan
        })
}
