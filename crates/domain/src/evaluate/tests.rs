//! The engine's rules, one by one, and the properties every evaluation keeps.

use proptest::prelude::*;
use rust_decimal::Decimal;

use super::*;
use crate::kpi::{Comparator, Direction, Kpi, Scale, YearTarget};

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn y() -> BeYear {
    BeYear::new(2568).unwrap()
}

fn kpi_with(target: Target) -> Kpi {
    let mut k = Kpi::new("ตัวชี้วัดทดสอบ");
    k.targets.push(YearTarget {
        year: y(),
        target,
        written: None,
    });
    k
}

fn numeric(comparator: Comparator, value: &str) -> Kpi {
    kpi_with(Target::Numeric {
        comparator,
        value: d(value),
        percent: false,
    })
}

fn eval(k: &Kpi, actual: ActualValue) -> Evaluation {
    evaluate(k, y(), Some(&actual), Rules::default())
}

fn num(s: &str) -> ActualValue {
    ActualValue::Number(d(s))
}

#[test]
fn at_least_targets_score_the_share_reached() {
    let k = numeric(Comparator::AtLeast, "80");
    assert_eq!(eval(&k, num("85")).status, Status::Achieved);
    assert_eq!(eval(&k, num("80")).percent, Some(d("100")));
    let e = eval(&k, num("70"));
    assert_eq!(e.percent, Some(d("87.5")));
    assert_eq!(e.status, Status::Partly);
    assert_eq!(eval(&k, num("40")).status, Status::NotAchieved);
    assert_eq!(eval(&k, num("-5")).percent, Some(Decimal::ZERO));
}

#[test]
fn ceilings_score_the_ceilings_share_of_the_actual() {
    let k = numeric(Comparator::AtMost, "5");
    assert_eq!(eval(&k, num("4.2")).status, Status::Achieved);
    let e = eval(&k, num("10"));
    assert_eq!(e.percent, Some(d("50")));
    assert_eq!(e.status, Status::NotAchieved);
}

#[test]
fn strict_comparators_miss_at_the_boundary() {
    let k = numeric(Comparator::MoreThan, "50");
    let e = eval(&k, num("50"));
    assert_eq!(e.status, Status::Partly);
    assert!(e.percent.unwrap() < Decimal::ONE_HUNDRED);
    assert_eq!(eval(&k, num("50.01")).status, Status::Achieved);
    let k = numeric(Comparator::LessThan, "1");
    assert_eq!(eval(&k, num("1")).status, Status::Partly);
    assert_eq!(eval(&k, num("0.9")).status, Status::Achieved);
}

#[test]
fn a_bare_number_follows_the_kpis_direction() {
    let mut k = numeric(Comparator::Eq, "3");
    assert_eq!(
        eval(&k, num("4")).status,
        Status::Achieved,
        "higher is better unless said"
    );
    k.direction = Some(Direction::LowerIsBetter);
    assert_eq!(eval(&k, num("4")).status, Status::NotAchieved);
    assert_eq!(eval(&k, num("2")).status, Status::Achieved);
    k.direction = Some(Direction::Exact);
    assert_eq!(eval(&k, num("3")).status, Status::Achieved);
    assert_eq!(eval(&k, num("2.7")).percent, Some(d("90")));
    assert_eq!(eval(&k, num("3.3")).percent, Some(d("90")));
}

#[test]
fn levels_are_met_by_the_level_or_a_better_one() {
    let k = kpi_with(Target::Level {
        comparator: Comparator::Eq,
        level: "ดีเยี่ยม".into(),
    });
    assert_eq!(
        eval(&k, ActualValue::Level("ดีเยี่ยม".into())).status,
        Status::Achieved
    );
    let e = eval(&k, ActualValue::Level("ดี".into()));
    assert_eq!(e.percent, Some(d("50")), "two of four steps short");
    let k = kpi_with(Target::Level {
        comparator: Comparator::AtLeast,
        level: "A-".into(),
    });
    assert_eq!(
        eval(&k, ActualValue::Level("A".into())).status,
        Status::Achieved
    );
    assert_eq!(
        eval(&k, ActualValue::Level("BBB+".into())).status,
        Status::Partly
    );
    let unknown = eval(&k, ActualValue::Level("ดีมาก".into()));
    assert_eq!(
        unknown.status,
        Status::NoData,
        "a level of another scale is not guessed"
    );
}

#[test]
fn pass_fail_and_judgements() {
    let k = kpi_with(Target::Level {
        comparator: Comparator::Eq,
        level: "ผ่าน".into(),
    });
    assert_eq!(
        eval(&k, ActualValue::Level("ผ่าน".into())).status,
        Status::Achieved
    );
    assert_eq!(
        eval(&k, ActualValue::Level("ไม่ผ่าน".into())).percent,
        Some(Decimal::ZERO)
    );
    let text = kpi_with(Target::Text {
        text: "มีระบบสารสนเทศที่ใช้งานได้".into(),
    });
    assert_eq!(eval(&text, ActualValue::Met(true)).status, Status::Achieved);
    assert_eq!(
        eval(&text, ActualValue::Met(false)).status,
        Status::NotAchieved
    );
    assert_eq!(
        eval(&text, num("1")).status,
        Status::NoData,
        "words need a judgement"
    );
}

#[test]
fn tiers_take_a_tier_name_or_a_score() {
    let mut k = kpi_with(Target::Tier {
        tier: "Gold".into(),
    });
    k.scale = Some(Scale::access_branding());
    assert_eq!(
        eval(&k, ActualValue::Level("Platinum".into())).status,
        Status::Achieved
    );
    assert_eq!(eval(&k, num("85")).status, Status::Achieved);
    let e = eval(&k, num("75"));
    assert_eq!(e.status, Status::Partly, "75 of Gold's 81 is 92.6 %");
    assert_eq!(e.percent, Some(d("92.59")));
    assert_eq!(
        eval(&k, ActualValue::Level("Bronze".into())).percent,
        Some(d("33.33"))
    );
}

#[test]
fn no_target_and_no_data_are_not_zero() {
    let k = kpi_with(Target::None);
    assert_eq!(eval(&k, num("10")).status, Status::NoTarget);
    let k = numeric(Comparator::AtLeast, "10");
    let e = evaluate(&k, y(), None, Rules::default());
    assert_eq!((e.status, e.percent), (Status::NoData, None));
    let other_year = evaluate(
        &k,
        BeYear::new(2569).unwrap(),
        Some(&num("1")),
        Rules::default(),
    );
    assert_eq!(other_year.status, Status::NoTarget);
}

#[test]
fn periods_combine_as_the_kpi_says() {
    let months = [num("10"), num("30"), num("20")];
    let got = |how| combine(&months, how);
    assert_eq!(got(Aggregation::Sum), Some(num("60")));
    assert_eq!(got(Aggregation::Average), Some(num("20")));
    assert_eq!(got(Aggregation::Latest), Some(num("20")));
    assert_eq!(got(Aggregation::Maximum), Some(num("30")));
    assert_eq!(got(Aggregation::Minimum), Some(num("10")));
    assert_eq!(combine(&[], Aggregation::Sum), None);
    let levels = [
        ActualValue::Level("ดี".into()),
        ActualValue::Level("ดีมาก".into()),
    ];
    assert_eq!(
        combine(&levels, Aggregation::Sum),
        Some(ActualValue::Level("ดีมาก".into())),
        "levels take the latest"
    );
}

#[test]
fn scores_roll_up_with_weights_and_coverage() {
    use crate::element::{Element, ElementKind};
    let mut plan = crate::testing::plan();
    let mut mission = Element::new(ElementKind::Mission, "พันธกิจ");
    let mut s1 = Element::new(ElementKind::Strategy, "กลยุทธ์ 1");
    let mut s2 = Element::new(ElementKind::Strategy, "กลยุทธ์ 2");
    let (k1, k2, k3, k4) = (
        numeric(Comparator::AtLeast, "100"),
        numeric(Comparator::AtLeast, "100"),
        numeric(Comparator::AtLeast, "100"),
        kpi_with(Target::None),
    );
    let ids = [k1.id.clone(), k2.id.clone(), k3.id.clone(), k4.id.clone()];
    s1.kpis = vec![k1.clone(), k2.clone()];
    s2.kpis = vec![k3.clone(), k4.clone()];
    let s1_id = s1.id.clone();
    mission.children = vec![s1, s2];
    plan.elements.push(mission);
    let mut evals = std::collections::HashMap::new();
    evals.insert(ids[0].clone(), eval(&k1, num("100")));
    evals.insert(ids[1].clone(), eval(&k2, num("50")));
    evals.insert(ids[2].clone(), evaluate(&k3, y(), None, Rules::default()));
    evals.insert(ids[3].clone(), eval(&k4, num("1")));
    let w = Weights::default();
    let scores = element_scores(&plan, &evals, &w);
    assert_eq!(scores[&s1_id].value, Some(d("75")));
    let total = plan_score(&plan, &evals, &w);
    assert_eq!(
        total.value,
        Some(d("75")),
        "a strategy without data does not pull it down"
    );
    assert_eq!(
        (total.reported, total.expected),
        (2, 3),
        "no-target years are not expected"
    );
    let mut w = Weights::default();
    w.kpis.insert(ids[0].clone(), d("3"));
    assert_eq!(
        element_scores(&plan, &evals, &w)[&s1_id].value,
        Some(d("87.5"))
    );
}

fn any_comparator() -> impl Strategy<Value = Comparator> {
    prop_oneof![
        Just(Comparator::Eq),
        Just(Comparator::AtLeast),
        Just(Comparator::AtMost),
        Just(Comparator::MoreThan),
        Just(Comparator::LessThan),
    ]
}

fn any_direction() -> impl Strategy<Value = Option<Direction>> {
    prop_oneof![
        Just(None),
        Just(Some(Direction::HigherIsBetter)),
        Just(Some(Direction::LowerIsBetter)),
        Just(Some(Direction::Exact)),
    ]
}

fn any_amount() -> impl Strategy<Value = Decimal> {
    (-1_000_000_000i64..1_000_000_000, 0u32..4).prop_map(|(n, scale)| Decimal::new(n, scale))
}

proptest! {
    #[test]
    fn a_score_is_between_0_and_100_and_100_only_when_met(
        c in any_comparator(), dir in any_direction(), t in any_amount(), a in any_amount()
    ) {
        let mut k = numeric(c, "0");
        k.targets[0].target = Target::Numeric { comparator: c, value: t, percent: false };
        k.direction = dir;
        let e = eval(&k, ActualValue::Number(a));
        let p = e.percent.unwrap();
        prop_assert!(p >= Decimal::ZERO && p <= Decimal::ONE_HUNDRED);
        prop_assert_eq!(p == Decimal::ONE_HUNDRED, e.status == Status::Achieved);
    }

    #[test]
    fn more_is_never_worse_when_higher_is_better(
        t in any_amount(), a in any_amount(), more in 0i64..1_000_000
    ) {
        let k = numeric(Comparator::AtLeast, &t.to_string());
        let low = eval(&k, ActualValue::Number(a)).percent.unwrap();
        let high = eval(&k, ActualValue::Number(a + Decimal::from(more))).percent.unwrap();
        prop_assert!(high >= low);
    }

    #[test]
    fn less_is_never_worse_when_lower_is_better(
        t in any_amount(), a in any_amount(), less in 0i64..1_000_000
    ) {
        let k = numeric(Comparator::AtMost, &t.to_string());
        let high = eval(&k, ActualValue::Number(a)).percent.unwrap();
        let low = eval(&k, ActualValue::Number(a - Decimal::from(less))).percent.unwrap();
        prop_assert!(low >= high);
    }

    #[test]
    fn a_better_level_never_scores_lower(target in 0usize..5, a in 0usize..5, b in 0usize..5) {
        let Scale::Levels { levels, .. } = Scale::financial_stability() else { unreachable!() };
        let k = kpi_with(Target::Level { comparator: Comparator::Eq, level: levels[target].clone() });
        let (better, worse) = (a.min(b), a.max(b));
        let pb = eval(&k, ActualValue::Level(levels[better].clone())).percent.unwrap();
        let pw = eval(&k, ActualValue::Level(levels[worse].clone())).percent.unwrap();
        prop_assert!(pb >= pw);
    }

    #[test]
    fn combined_values_stay_within_what_was_reported(
        values in proptest::collection::vec(any_amount(), 1..24)
    ) {
        let actual: Vec<ActualValue> = values.iter().map(|v| ActualValue::Number(*v)).collect();
        let (min, max) = (*values.iter().min().unwrap(), *values.iter().max().unwrap());
        for how in [Aggregation::Average, Aggregation::Latest, Aggregation::Maximum, Aggregation::Minimum] {
            let Some(ActualValue::Number(n)) = combine(&actual, how) else { unreachable!() };
            prop_assert!(n >= min - Decimal::new(1, 4) && n <= max + Decimal::new(1, 4));
        }
    }

    #[test]
    fn a_roll_up_lies_between_its_lowest_and_highest_score(
        scores in proptest::collection::vec(0u32..=100, 1..12),
        weights in proptest::collection::vec(1u32..10, 12)
    ) {
        use crate::element::{Element, ElementKind};
        let mut plan = crate::testing::plan();
        let mut s = Element::new(ElementKind::Strategy, "กลยุทธ์");
        let mut evals = std::collections::HashMap::new();
        let mut w = Weights::default();
        for (i, score) in scores.iter().enumerate() {
            let k = numeric(Comparator::AtLeast, "100");
            evals.insert(k.id.clone(), eval(&k, ActualValue::Number(Decimal::from(*score))));
            w.kpis.insert(k.id.clone(), Decimal::from(weights[i]));
            s.kpis.push(k);
        }
        plan.elements.push(s);
        let total = plan_score(&plan, &evals, &w).value.unwrap();
        let lo = Decimal::from(*scores.iter().min().unwrap());
        let hi = Decimal::from(*scores.iter().max().unwrap());
        prop_assert!(total >= lo - Decimal::new(1, 2) && total <= hi + Decimal::new(1, 2));
    }
}
