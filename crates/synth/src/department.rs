//! The department's 5-year action plan (แผนปฏิบัติการ), on the fiscal year: strategic issues
//! -> goals with KPIs (no target in the first year) -> strategies -> projects with budgets
//! per year written in million baht with Thai digits, kept as exact baht.

use phaen_domain::thai::format_long_date;
use phaen_domain::{
    Approval, Baht, BudgetLine, Comparator, Direction, ElementKind, MoneyUnit, Organization,
    Period, Plan, PlanKind, PlanStatus, ResponsibleRole, Section, YearBasis,
};
use rust_decimal::Decimal;

use crate::kit::{Kit, grouped, resp, year, years, ymd};

const FROM: u16 = 2566;
const TO: u16 = 2570;

/// A project: title, first-year budget in tenths of a million baht, the year index it starts,
/// main unit and supporting units.
type Proj = (
    &'static str,
    i64,
    usize,
    &'static str,
    &'static [&'static str],
);
/// A KPI: name, unit, second-year value, yearly step.
type Ind = (&'static str, &'static str, i64, i64);
type Strat = (&'static str, &'static [Proj]);
type Issue = (&'static str, &'static str, &'static [Ind], &'static [Strat]);

const PCOS: &str = "สำนักงานสหกรณ์จังหวัด";

const ISSUES: [Issue; 3] = [
    (
        "พัฒนาสหกรณ์และกลุ่มเกษตรกรให้เป็นองค์กรที่พึ่งพาตนเองได้",
        "สหกรณ์และกลุ่มเกษตรกรมีความเข้มแข็งตามเกณฑ์มาตรฐาน",
        &[
            ("ร้อยละของสหกรณ์ที่ผ่านเกณฑ์มาตรฐาน", "ร้อยละ", 70, 2),
            ("จำนวนกลุ่มเกษตรกรที่ยกระดับชั้นความเข้มแข็ง", "แห่ง", 150, 30),
        ],
        &[
            (
                "ส่งเสริมการบริหารจัดการตามหลักธรรมาภิบาล",
                &[
                    (
                        "โครงการยกระดับมาตรฐานสหกรณ์และกลุ่มเกษตรกร",
                        125,
                        0,
                        "กกส.",
                        &["กพก.", PCOS],
                    ),
                    ("โครงการพัฒนาผู้ตรวจสอบกิจการสหกรณ์", 35, 0, "สพบ.", &["กกส."]),
                ],
            ),
            (
                "ปลูกฝังอุดมการณ์สหกรณ์แก่สมาชิกและเยาวชน",
                &[("โครงการสหกรณ์ในโรงเรียนวิถีใหม่", 18, 0, "สพบ.", &[PCOS])],
            ),
        ],
    ),
    (
        "ยกระดับธุรกิจและการตลาดของสหกรณ์ด้วยนวัตกรรม",
        "มูลค่าธุรกิจของสหกรณ์ภาคการเกษตรเพิ่มขึ้น",
        &[("อัตราการเพิ่มขึ้นของมูลค่าธุรกิจรวบรวมผลผลิตของสหกรณ์", "ร้อยละ", 3, 1)],
        &[
            (
                "พัฒนาศูนย์รวบรวมและแปรรูปผลผลิตของสหกรณ์",
                &[
                    (
                        "โครงการเพิ่มประสิทธิภาพโรงงานแปรรูปของสหกรณ์",
                        450,
                        0,
                        "กสธ.",
                        &[PCOS],
                    ),
                    ("โครงการตลาดสินค้าสหกรณ์ออนไลน์", 22, 1, "กสธ.", &["ศทส."]),
                ],
            ),
            (
                "ส่งเสริมการผลิตที่ปลอดภัยและเป็นมิตรกับสิ่งแวดล้อม",
                &[("โครงการสหกรณ์คาร์บอนต่ำ", 50, 1, "กพก.", &["กสธ.", PCOS])],
            ),
        ],
    ),
    (
        "พัฒนาระบบข้อมูลและการบริหารงานของกรม",
        "ข้อมูลสหกรณ์ครบถ้วน ทันสมัย และนำไปใช้ตัดสินใจได้",
        &[
            ("ร้อยละของสหกรณ์ที่ส่งงบการเงินผ่านระบบอิเล็กทรอนิกส์", "ร้อยละ", 60, 10),
            ("จำนวนบุคลากรที่ผ่านการพัฒนาทักษะดิจิทัล", "คน", 300, 100),
        ],
        &[
            (
                "พัฒนาฐานข้อมูลกลางของสหกรณ์",
                &[("โครงการศูนย์ข้อมูลสหกรณ์แห่งชาติ", 80, 0, "ศทส.", &["กยผ."])],
            ),
            (
                "พัฒนาบุคลากรของกรมให้พร้อมรับงานดิจิทัล",
                &[("โครงการพัฒนาทักษะดิจิทัลของบุคลากร", 15, 0, "สพบ.", &["ศทส."])],
            ),
        ],
    ),
];

pub fn build(kit: &mut Kit, dept: &Organization) -> Plan {
    let ys = years(FROM, TO);
    let mut kpi_no = 0;
    let mut elements = Vec::new();
    for (i, (issue_title, goal_title, inds, strats)) in ISSUES.iter().enumerate() {
        let s = i + 1;
        let mut issue = kit.el(
            ElementKind::StrategicIssue,
            &format!("ยุทธศาสตร์ที่ {s}"),
            issue_title,
        );
        let mut goal = kit.el(ElementKind::Goal, &format!("{s}.1"), goal_title);
        for (name, unit, second, step) in inds.iter() {
            kpi_no += 1;
            let mut kpi = kit.kpi(&kpi_no.to_string(), name, unit);
            kpi.direction = Some(Direction::HigherIsBetter);
            let cap = if *unit == "ร้อยละ" {
                100
            } else {
                i64::MAX
            };
            let nudge = kit.nudge(*second, cap - second - step * 3);
            for (yi, y) in ys.iter().enumerate() {
                kpi.targets.push(if yi == 0 {
                    kit.no_target(*y)
                } else {
                    let v = (second + nudge + step * (yi as i64 - 1)).min(cap);
                    kit.numeric(*y, Comparator::AtLeast, Decimal::from(v), *unit == "ร้อยละ")
                });
            }
            goal.kpis.push(kpi);
        }
        for (j, (strat_title, projects)) in strats.iter().enumerate() {
            let label = format!("{s}.{}", j + 1);
            let mut strat = kit.el(
                ElementKind::Strategy,
                &format!("กลยุทธ์ {label}"),
                strat_title,
            );
            let keep = kit.rng.most(projects.len(), 1);
            for (k, (title, base, start, main, support)) in projects[..keep].iter().enumerate() {
                let mut p = kit.el(ElementKind::Project, &format!("{label}.{}", k + 1), title);
                let mut tenths = *base + kit.rng.range(0, (base / 10).max(1));
                for y in &ys[*start..] {
                    p.budget.push(million_line(kit, *y, tenths));
                    tenths += kit.rng.range(0, (base / 8).max(1));
                }
                if kit.rng.chance(80) {
                    p.budget_total_stated = Some(p.budget.iter().map(|b| b.amount_baht).sum());
                }
                p.responsible.push(resp(dept, main, ResponsibleRole::Main));
                for s in support.iter() {
                    p.responsible.push(resp(dept, s, ResponsibleRole::Support));
                }
                strat.children.push(p);
            }
            goal.children.push(strat);
        }
        issue.children.push(goal);
        elements.push(issue);
    }
    let date = ymd(2022, 9, kit.rng.range(5, 25) as u32);
    let title = kit.n(&format!(
        "แผนปฏิบัติการ 5 ปี ของ{} พ.ศ. {FROM}-{TO}",
        dept.name_th
    ));
    Plan {
        format: phaen_domain::plan::FORMAT.to_string(),
        id: kit.ids.plan(),
        kind: PlanKind::ActionPlan,
        title,
        title_en: Some(format!("Five-Year Action Plan {FROM}-{TO} B.E., {}", dept.name_en.clone().unwrap_or_default())),
        owner: dept.clone(),
        period: Period::new(year(FROM), year(TO)).expect("a valid period"),
        year_basis: YearBasis::FiscalYear,
        edition: None,
        revision: None,
        as_of: None,
        status: PlanStatus::Published,
        approval: Some(Approval {
            body: format!("คณะกรรมการบริหาร{}", dept.name_th),
            meeting: Some(kit.n(&format!("ครั้งที่ 9/{}", FROM - 1))),
            date: Some(date),
            written: Some(kit.n(&format!("ให้ความเห็นชอบเมื่อวันที่ {}", format_long_date(date)))),
        }),
        parent_plan: None,
        vision: Some("สหกรณ์เข้มแข็ง เป็นที่พึ่งของสมาชิกและชุมชน ด้วยการส่งเสริมที่ทันสมัยและใช้ข้อมูลเป็นฐาน".into()),
        sections: vec![Section {
            heading: "หลักการและเหตุผล".into(),
            body: kit.n("แผนปฏิบัติการระยะ 5 ปีแปลงยุทธศาสตร์ของกรมเป็นโครงการที่มีงบประมาณ ตัวชี้วัด และหน่วยงานรับผิดชอบรายปี ปีแรกของแผนใช้เป็นปีฐานสำหรับวัดผล จึงยังไม่กำหนดค่าเป้าหมายของตัวชี้วัด"),
        }],
        swot: Vec::new(),
        swot_summary: Vec::new(),
        tows: Vec::new(),
        perspectives: Vec::new(),
        kpis: Vec::new(),
        elements,
    }
}

/// A year's budget written in million baht ('๑.๕'), kept as exact baht (1500000).
fn million_line(kit: &Kit, year: phaen_domain::BeYear, tenths: i64) -> BudgetLine {
    let millions = Decimal::new(tenths, 1);
    BudgetLine {
        year: Some(year),
        amount_baht: Baht::from_unit(millions, MoneyUnit::MillionBaht)
            .expect("a demo amount is valid baht"),
        source_unit: MoneyUnit::MillionBaht,
        written: Some(kit.n(&grouped(millions))),
    }
}
