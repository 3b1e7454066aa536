//! The provincial office's roadmap (Road Map): rows of work tied to the strategies, KPIs and
//! guidelines of an invented national plan, with readiness by year, main and supporting
//! units (the demo cooperatives among them) and results so far.

use phaen_domain::thai::format_long_date;
use phaen_domain::{
    AlignKind, AlignmentLink, Approval, Comparator, ElementKind, Organization, Period, Plan,
    PlanKind, PlanReference, PlanStatus, ProgressResult, Readiness, ReadinessKind, ResponsibleRole,
    Revision, Section, YearBasis,
};
use rust_decimal::Decimal;

use crate::kit::{Kit, add_days, org_resp, resp, year, years, ymd};
use crate::orgs::{AGRI, Coop, FARMER, SAVINGS, SERVICE};

/// The national plan the roadmap carries out (invented for the demo).
pub const NATIONAL_PLAN: &str = "แผนยกระดับสหกรณ์ไทย ระยะที่ 2 (พ.ศ. 2566-2570)";
const FROM: u16 = 2566;
const TO: u16 = 2570;

struct Row {
    title: &'static str,
    kpi: (&'static str, &'static str, i64, i64),
    target_group: &'static str,
    cost: (i64, i64),
    /// Labels of the national plan's KPI and guideline the row answers.
    answers: (&'static str, &'static str),
    main: &'static str,
    support: &'static [&'static str],
    /// What has been done; '{n}' is a count.
    result: &'static str,
}

/// A national strategy and its groups of rows: (cooperative type, heading, rows).
type Issue = (
    &'static str,
    &'static [(&'static str, &'static str, &'static [Row])],
);

const ISSUES: [Issue; 3] = [
    (
        "เสริมสร้างความเข้มแข็งของระบบสหกรณ์ด้วยหลักธรรมาภิบาล",
        &[(
            "ทุกประเภท",
            "สหกรณ์และกลุ่มเกษตรกรทุกประเภท",
            &[
                Row {
                    title: "ส่งเสริมให้สหกรณ์จัดทำแผนกลยุทธ์และแผนปฏิบัติการประจำปี",
                    kpi: (
                        "จำนวนสหกรณ์ที่มีแผนกลยุทธ์ผ่านความเห็นชอบของที่ประชุมใหญ่",
                        "แห่ง",
                        20,
                        5,
                    ),
                    target_group: "สหกรณ์ที่ยังดำเนินธุรกิจในจังหวัด {n} แห่ง",
                    cost: (20, 60),
                    answers: ("1", "1"),
                    main: "กยผ.",
                    support: &[SAVINGS, AGRI, SERVICE],
                    result: "จัดอบรมการเขียนแผนกลยุทธ์ให้สหกรณ์ {n} แห่งแล้ว อยู่ระหว่างติดตามการเสนอแผนต่อที่ประชุมใหญ่",
                },
                Row {
                    title: "ตรวจการสหกรณ์และติดตามการแก้ไขข้อบกพร่อง",
                    kpi: ("ข้อบกพร่องที่ได้รับการแก้ไขแล้วเสร็จ", "ร้อยละ", 80, 5),
                    target_group: "สหกรณ์และกลุ่มเกษตรกรที่มีข้อบกพร่อง {n} แห่ง",
                    cost: (10, 40),
                    answers: ("2", "1"),
                    main: "กตก.",
                    support: &[AGRI, FARMER],
                    result: "ตรวจการแล้ว {n} แห่ง ข้อบกพร่องส่วนใหญ่แก้ไขแล้ว ที่เหลืออยู่ในแผนติดตามรายเดือน",
                },
                Row {
                    title: "อบรมกรรมการและผู้ตรวจสอบกิจการด้านการควบคุมภายใน",
                    kpi: ("จำนวนกรรมการและผู้ตรวจสอบกิจการที่ผ่านการอบรม", "คน", 150, 30),
                    target_group: "กรรมการและผู้ตรวจสอบกิจการ {n} คน",
                    cost: (30, 80),
                    answers: ("3", "2"),
                    main: "กสส.1",
                    support: &[SAVINGS, SERVICE, FARMER],
                    result: "อบรมแล้ว 2 รุ่น ผู้ผ่านการอบรม {n} คน",
                },
            ],
        )],
    ),
    (
        "ยกระดับธุรกิจสหกรณ์ด้วยนวัตกรรมและเครือข่าย",
        &[
            (
                "ภาคการเกษตร",
                "สหกรณ์ภาคการเกษตรและกลุ่มเกษตรกร",
                &[
                    Row {
                        title: "พัฒนาศักยภาพการรวบรวมและแปรรูปผลผลิตของสหกรณ์",
                        kpi: ("มูลค่าผลผลิตที่รวบรวมและแปรรูปเพิ่มขึ้น", "ร้อยละ", 3, 1),
                        target_group: "สหกรณ์ภาคการเกษตรที่มีธุรกิจรวบรวมผลผลิต {n} แห่ง",
                        cost: (80, 250),
                        answers: ("1", "3"),
                        main: "กสธ.",
                        support: &[AGRI, FARMER],
                        result: "สนับสนุนเครื่องชั่งและเครื่องวัดความชื้นแก่สหกรณ์ {n} แห่ง",
                    },
                    Row {
                        title: "เชื่อมโยงเครือข่ายการตลาดสินค้าเกษตรระหว่างสหกรณ์",
                        kpi: ("จำนวนคู่ค้าที่ทำสัญญาซื้อขายระหว่างสหกรณ์", "คู่", 4, 2),
                        target_group: "สหกรณ์ผู้ผลิตและสหกรณ์ผู้ซื้อ {n} แห่ง",
                        cost: (20, 70),
                        answers: ("2", "4"),
                        main: "กสธ.",
                        support: &[AGRI, SERVICE],
                        result: "จัดเวทีจับคู่ธุรกิจแล้ว มีคู่ค้าลงนามข้อตกลง {n} คู่",
                    },
                ],
            ),
            (
                "ทุกประเภท",
                "สหกรณ์ทุกประเภท",
                &[Row {
                    title: "ส่งเสริมการใช้ระบบบัญชีและบริการสมาชิกแบบดิจิทัล",
                    kpi: ("จำนวนสหกรณ์ที่ใช้โปรแกรมบัญชีอิเล็กทรอนิกส์", "แห่ง", 15, 5),
                    target_group: "สหกรณ์ที่ยังทำบัญชีด้วยมือ {n} แห่ง",
                    cost: (40, 120),
                    answers: ("3", "5"),
                    main: "กสส.2",
                    support: &[SAVINGS, SERVICE],
                    result: "ติดตั้งโปรแกรมและอบรมเจ้าหน้าที่บัญชีแล้ว {n} แห่ง",
                }],
            ),
        ],
    ),
    (
        "พัฒนาคุณภาพชีวิตสมาชิกและชุมชนอย่างยั่งยืน",
        &[(
            "ทุกประเภท",
            "สหกรณ์และกลุ่มเกษตรกรทุกประเภท",
            &[
                Row {
                    title: "ส่งเสริมการออมและแก้ไขปัญหาหนี้สินของสมาชิก",
                    kpi: ("จำนวนสมาชิกที่เข้าร่วมแผนแก้ไขหนี้", "ราย", 200, 50),
                    target_group: "สมาชิกที่มีหนี้ค้างชำระ {n} ราย",
                    cost: (30, 90),
                    answers: ("1", "6"),
                    main: "กสส.1",
                    support: &[SAVINGS, FARMER],
                    result: "สมาชิก {n} รายเข้าร่วมคลินิกแก้หนี้และปรับตารางชำระหนี้แล้ว",
                },
                Row {
                    title: "ส่งเสริมอาชีพเสริมและการท่องเที่ยวชุมชนผ่านสหกรณ์",
                    kpi: ("จำนวนสหกรณ์ที่มีธุรกิจท่องเที่ยวหรือสินค้าชุมชน", "แห่ง", 3, 1),
                    target_group: "สหกรณ์ในพื้นที่ที่มีศักยภาพด้านท่องเที่ยว {n} แห่ง",
                    cost: (25, 75),
                    answers: ("2", "7"),
                    main: "กสธ.",
                    support: &[SERVICE, AGRI],
                    result: "สำรวจศักยภาพแหล่งท่องเที่ยวแล้ว {n} แห่ง",
                },
            ],
        )],
    ),
];

/// The national plan's strategies, in order (the roadmap groups its rows under them).
pub(crate) fn strategy_titles() -> [&'static str; 3] {
    ISSUES.map(|(title, _)| title)
}

pub fn build(kit: &mut Kit, pco: &Organization, coops: &[Coop]) -> Plan {
    let ys = years(FROM, TO);
    let as_of = ymd(2023, 7, kit.rng.range(10, 28) as u32);
    let mut row_no = 0;
    let mut elements = Vec::new();
    for (i, (issue_title, groups)) in ISSUES.iter().enumerate() {
        let scope = format!("ยุทธศาสตร์ที่ {}", i + 1);
        let mut issue = kit.el(ElementKind::StrategicIssue, &scope, issue_title);
        for (coop_type, heading, rows) in groups.iter() {
            let mut group = kit.el(ElementKind::Group, "", heading);
            group.coop_type = Some(coop_type.to_string());
            for r in rows.iter() {
                row_no += 1;
                let mut p = kit.el(ElementKind::Project, &row_no.to_string(), r.title);
                let link = |kind, label: &str, word: &str| AlignmentLink {
                    plan: Some(NATIONAL_PLAN.into()),
                    kind,
                    label: label.into(),
                    scope: Some(scope.clone()),
                    target_id: None,
                    written: Some(format!("{word}ที่ {label} {scope}")),
                };
                p.aligned_to = vec![
                    link(AlignKind::Kpi, r.answers.0, "ตัวชี้วัด"),
                    link(AlignKind::Guideline, r.answers.1, "แนวทาง"),
                ];
                let (name, unit, first, step) = r.kpi;
                let mut kpi = kit.kpi("1", name, unit);
                kpi.direction = Some(phaen_domain::Direction::HigherIsBetter);
                for (yi, y) in ys.iter().enumerate() {
                    let v = Decimal::from((first + step * yi as i64).min(
                        if unit == "ร้อยละ" {
                            100
                        } else {
                            i64::MAX
                        },
                    ));
                    kpi.targets
                        .push(kit.numeric(*y, Comparator::AtLeast, v, unit == "ร้อยละ"));
                }
                p.kpis.push(kpi);
                let percent = unit == "ร้อยละ";
                let last = first + step * (ys.len() as i64 - 1);
                let n = if percent {
                    kit.rng.range(20, 60)
                } else {
                    last * kit.rng.range(12, 20) / 10
                };
                p.target_groups
                    .push(kit.item(0, &r.target_group.replace("{n}", &n.to_string())));
                let amount = kit.rng.range(r.cost.0, r.cost.1) * 1000;
                p.budget.push(kit.baht_line(None, amount));
                p.readiness = readiness(kit, &ys);
                p.responsible.push(resp(pco, r.main, ResponsibleRole::Main));
                for code in r.support {
                    if let Some(c) = coops.iter().find(|c| c.org.code.as_str() == *code) {
                        p.responsible
                            .push(org_resp(&c.org, ResponsibleRole::Support));
                    }
                }
                let started = p
                    .readiness
                    .iter()
                    .any(|f| f.kind == ReadinessKind::CanRun && f.ready);
                let narrative = if started {
                    let done = if percent {
                        kit.rng.range(n / 2, n)
                    } else {
                        kit.rng.range(first * 6 / 10, first * 11 / 10)
                    };
                    r.result.replace("{n}", &done.to_string())
                } else {
                    format!("ยังไม่เริ่มดำเนินการ รอการจัดสรรงบประมาณปี {}", FROM + 1)
                };
                p.results.push(ProgressResult {
                    as_of: Some(as_of),
                    year: Some(year(FROM)),
                    narrative,
                    actuals: Vec::new(),
                });
                group.children.push(p);
            }
            issue.children.push(group);
        }
        elements.push(issue);
    }
    ensure_some_not_ready(&mut elements);
    let approved = add_days(as_of, kit.rng.range(3, 20));
    Plan {
        format: phaen_domain::plan::FORMAT.to_string(),
        id: kit.ids.plan(),
        kind: PlanKind::Roadmap,
        title: format!(
            "แผนที่นำทาง (Road Map) ขับเคลื่อน{NATIONAL_PLAN} {} ฉบับปรับปรุงครั้งที่ 2",
            pco.name_th
        ),
        title_en: Some(
            "Phanawan Roadmap for the Thai Cooperative Uplift Plan, Phase 2, revision 2".into(),
        ),
        owner: pco.clone(),
        period: Period::new(year(FROM), year(TO)).expect("a valid period"),
        year_basis: YearBasis::FiscalYear,
        edition: None,
        revision: Some(Revision {
            number: 2,
            written: Some("ครั้งที่ 2".into()),
        }),
        as_of: Some(as_of),
        status: PlanStatus::Published,
        approval: Some(Approval {
            body: "คณะทำงานขับเคลื่อนแผนระดับจังหวัด".into(),
            meeting: Some(format!("ครั้งที่ 2/{FROM}")),
            date: Some(approved),
            written: Some(format!(
                "คณะทำงานฯ เห็นชอบการปรับปรุงครั้งที่ 2 เมื่อวันที่ {}",
                format_long_date(approved)
            )),
        }),
        parent_plan: Some(PlanReference {
            id: None,
            title: NATIONAL_PLAN.into(),
        }),
        vision: None,
        sections: vec![Section {
            heading: "คำชี้แจง".into(),
            body: format!(
                "ตารางนี้เชื่อมงานและโครงการของ{}และสหกรณ์ในพื้นที่เข้ากับยุทธศาสตร์ ตัวชี้วัด และแนวทางของ{NATIONAL_PLAN} พร้อมระบุความพร้อมรายปีและหน่วยงานรับผิดชอบ ข้อมูล ณ วันที่ {}",
                pco.name_th,
                format_long_date(as_of)
            ),
        }],
        swot: Vec::new(),
        swot_summary: Vec::new(),
        tows: Vec::new(),
        perspectives: Vec::new(),
        kpis: Vec::new(),
        elements,
    }
}

/// Can run in the first year, prepare the budget in the second, in a level-3 plan in the
/// three later years.
fn readiness(kit: &mut Kit, ys: &[phaen_domain::BeYear]) -> Vec<Readiness> {
    ys.iter()
        .enumerate()
        .map(|(i, y)| {
            let (kind, odds) = match i {
                0 => (ReadinessKind::CanRun, 75),
                1 => (ReadinessKind::PrepareBudget, 70),
                _ => (ReadinessKind::InPlan, 80),
            };
            Readiness {
                year: *y,
                kind,
                ready: kit.rng.chance(odds),
            }
        })
        .collect()
}

/// A roadmap where every flag is ticked looks unreal: untick the last row's final year if so.
fn ensure_some_not_ready(elements: &mut [phaen_domain::Element]) {
    let any_false = elements
        .iter()
        .flat_map(|i| &i.children)
        .flat_map(|g| &g.children)
        .any(|p| p.readiness.iter().any(|r| !r.ready));
    let last_flag = elements
        .last_mut()
        .and_then(|i| i.children.last_mut())
        .and_then(|g| g.children.last_mut())
        .and_then(|p| p.readiness.last_mut());
    if let (false, Some(flag)) = (any_false, last_flag) {
        flag.ready = false;
    }
}
