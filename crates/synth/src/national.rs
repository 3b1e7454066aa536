//! The national plan the demo's roadmap and cooperatives carry out (invented for the demo):
//! three strategies, each with KPIs numbered from 1 and guidelines numbered across the plan,
//! and a pass that ties each cooperative project to the guideline whose wording it shares most.
//! One KPI and one guideline are left for nobody to serve, as real plans have gaps.

use phaen_domain::similar::suggest;
use phaen_domain::thai::format_long_date;
use phaen_domain::{
    AlignKind, AlignmentLink, Approval, Comparator, Direction, ElementKind, Organization, Period,
    Plan, PlanKind, PlanStatus, Section, YearBasis,
};
use rust_decimal::Decimal;

use crate::kit::{Kit, year, years, ymd};
use crate::roadmap::{NATIONAL_PLAN, strategy_titles};

const FROM: u16 = 2566;
const TO: u16 = 2570;

/// A KPI: name, unit, first-year target, yearly step.
type Ind = (&'static str, &'static str, i64, i64);

/// Per strategy: its KPIs, and its guidelines (numbered on across strategies).
const STRATEGIES: [(&[Ind], &[&str]); 3] = [
    (
        &[
            ("ร้อยละของสหกรณ์ที่ผ่านเกณฑ์ธรรมาภิบาล", "ร้อยละ", 60, 5),
            ("จำนวนสหกรณ์ที่ไม่มีข้อบกพร่องทางการเงิน", "แห่ง", 5000, 200),
            (
                "ร้อยละของผู้ตรวจสอบกิจการที่ผ่านการอบรมหลักสูตรมาตรฐาน",
                "ร้อยละ",
                50,
                10,
            ),
        ],
        &[
            "ส่งเสริมการจัดทำแผนและการบริหารสหกรณ์ตามหลักธรรมาภิบาล",
            "พัฒนากลไกการกำกับ การตรวจสอบ และการพัฒนาบุคลากรสหกรณ์",
        ],
    ),
    (
        &[
            ("อัตราการเพิ่มขึ้นของมูลค่าธุรกิจสหกรณ์", "ร้อยละ", 3, 1),
            ("จำนวนเครือข่ายธุรกิจสหกรณ์ที่ดำเนินการได้จริง", "เครือข่าย", 100, 20),
            ("จำนวนสหกรณ์ที่ใช้เทคโนโลยีดิจิทัลให้บริการสมาชิก", "แห่ง", 800, 200),
        ],
        &[
            "พัฒนาการรวบรวม แปรรูป และการตลาดสินค้าของสหกรณ์",
            "เชื่อมโยงเครือข่ายธุรกิจและสินเชื่อระหว่างสหกรณ์",
            "นำเทคโนโลยีดิจิทัลมาใช้ในการบริหารและการให้บริการสมาชิก",
        ],
    ),
    (
        &[
            ("จำนวนสมาชิกที่มีหนี้สินลดลง", "ราย", 20000, 5000),
            ("ร้อยละของสมาชิกที่มีรายได้เพิ่มขึ้น", "ร้อยละ", 10, 2),
            ("จำนวนชุมชนที่สหกรณ์ร่วมพัฒนาแหล่งท่องเที่ยว", "ชุมชน", 50, 10),
        ],
        &[
            "ส่งเสริมการออมและการแก้ไขปัญหาหนี้สินของสมาชิก",
            "ส่งเสริมอาชีพ รายได้ และสวัสดิการของสมาชิกและชุมชน",
            "สร้างความร่วมมือระหว่างสหกรณ์กับภาคีในการพัฒนาชุมชนอย่างยั่งยืน",
        ],
    ),
];

/// The national plan, owned by the department.
pub fn build(kit: &mut Kit, dept: &Organization) -> Plan {
    let ys = years(FROM, TO);
    let mut guideline_no = 0;
    let mut elements = Vec::new();
    for (i, ((inds, guides), title)) in STRATEGIES.iter().zip(strategy_titles()).enumerate() {
        let mut strategy = kit.el(
            ElementKind::StrategicIssue,
            &format!("ยุทธศาสตร์ที่ {}", i + 1),
            title,
        );
        for (k, (name, unit, first, step)) in inds.iter().enumerate() {
            let mut kpi = kit.kpi(&(k + 1).to_string(), name, unit);
            kpi.direction = Some(Direction::HigherIsBetter);
            let percent = *unit == "ร้อยละ";
            for (yi, y) in ys.iter().enumerate() {
                let v = first + step * yi as i64;
                let v = if percent { v.min(100) } else { v };
                kpi.targets
                    .push(kit.numeric(*y, Comparator::AtLeast, Decimal::from(v), percent));
            }
            strategy.kpis.push(kpi);
        }
        for g in guides.iter() {
            guideline_no += 1;
            let guideline = kit.el(ElementKind::Guideline, &guideline_no.to_string(), g);
            strategy.children.push(guideline);
        }
        elements.push(strategy);
    }
    let mut plan = Plan::new(
        PlanKind::DevelopmentPlan,
        NATIONAL_PLAN,
        dept.clone(),
        Period::new(year(FROM), year(TO)).expect("a valid period"),
    );
    plan.id = kit.ids.plan();
    plan.title_en = Some(format!(
        "Thai Cooperative Upgrading Plan, Phase 2 ({FROM}-{TO} B.E.)"
    ));
    plan.year_basis = YearBasis::FiscalYear;
    plan.status = PlanStatus::Published;
    let date = ymd(2022, 8, kit.rng.range(1, 28) as u32);
    plan.approval = Some(Approval {
        body: "คณะกรรมการพัฒนาการสหกรณ์แห่งชาติ".into(),
        meeting: Some(format!("ครั้งที่ 2/{}", FROM - 1)),
        date: Some(date),
        written: Some(format!("ให้ความเห็นชอบเมื่อวันที่ {}", format_long_date(date))),
    });
    plan.vision = Some("สหกรณ์เป็นกลไกหลักในการพัฒนาเศรษฐกิจและสังคมของชุมชนอย่างยั่งยืน".into());
    plan.sections = vec![Section {
        heading: "บทนำ".into(),
        body: "แผนระดับชาติที่หน่วยงานส่งเสริมสหกรณ์ทุกระดับนำไปจัดทำแผนของตน โครงการของสำนักงานสหกรณ์จังหวัดและของสหกรณ์ระบุว่าตอบตัวชี้วัดและแนวทางใดของแผนนี้".into(),
    }];
    plan.elements = elements;
    plan
}

/// Ties each project of `plan` to the guideline of `national` whose wording it shares most
/// (a guideline at random when none shares any), written as a provincial office writes it.
pub fn link_projects(kit: &mut Kit, plan: &mut Plan, national: &Plan) {
    let mut guides: Vec<(String, String)> = Vec::new();
    let mut scope_of: Vec<(String, String)> = Vec::new();
    for strategy in &national.elements {
        for g in &strategy.children {
            guides.push((g.label.clone().unwrap_or_default(), g.title.clone()));
            scope_of.push((
                g.label.clone().unwrap_or_default(),
                strategy.label.clone().unwrap_or_default(),
            ));
        }
    }
    let mut stack: Vec<&mut phaen_domain::Element> = plan.elements.iter_mut().collect();
    while let Some(e) = stack.pop() {
        if e.kind == ElementKind::Project {
            let best = suggest(&e.title, &guides, Decimal::ZERO, 1);
            let label = match best.first() {
                Some((label, _)) => label.to_string(),
                None => kit.rng.pick(&guides).0.clone(),
            };
            let scope = scope_of
                .iter()
                .find(|(g, _)| *g == label)
                .map(|(_, s)| s.clone());
            e.aligned_to = vec![AlignmentLink {
                plan: Some(national.title.clone()),
                kind: AlignKind::Guideline,
                label: label.clone(),
                scope: scope.clone(),
                target_id: None,
                written: Some(kit.n(&format!("แนวทางที่ {label} {}", scope.unwrap_or_default()))),
            }];
        }
        stack.extend(e.children.iter_mut());
    }
}

/// Sets the target of every link of `plan` that names `national`, as the store would on saving
/// both, so the demo's plans come back from the store exactly as generated.
pub fn resolve_links(plan: &mut Plan, national: &Plan) {
    let resolve = |links: &mut Vec<AlignmentLink>| {
        for l in links.iter_mut() {
            if l.plan.as_deref() == Some(national.title.as_str()) {
                l.target_id = phaen_domain::align_resolve::resolve(l, national);
            }
        }
    };
    let mut stack: Vec<&mut phaen_domain::Element> = plan.elements.iter_mut().collect();
    while let Some(e) = stack.pop() {
        resolve(&mut e.aligned_to);
        for k in e.kpis.iter_mut() {
            resolve(&mut k.aligned_to);
        }
        stack.extend(e.children.iter_mut());
    }
}

/// The national plan's KPIs as ideas a cooperative can take up, at a cooperative's scale (a
/// hundredth of the national count; percentages as they are): (strategy index, idea).
pub fn kpi_ideas() -> Vec<(usize, crate::bank::KpiIdea)> {
    let mut out = Vec::new();
    for (s, (inds, _)) in STRATEGIES.iter().enumerate() {
        for (name, unit, first, step) in inds.iter() {
            let idea = if *unit == "ร้อยละ" {
                crate::bank::kp(name, *first, *step, Comparator::AtLeast)
            } else {
                crate::bank::k(
                    name,
                    unit,
                    (first / 100).max(1),
                    step / 100,
                    Comparator::AtLeast,
                )
            };
            out.push((s, idea));
        }
    }
    out
}
