//! A cooperative's 3-year strategic plan (แผนกลยุทธ์): approval by the annual general meeting,
//! vision, introduction, SWOT with its summary, the four TOWS quadrants, and the mission tree
//! with KPIs of every kind of target.

use phaen_domain::thai::{MONTHS_TH, format_long_date};
use phaen_domain::{
    Approval, Comparator, Direction, Element, Kpi, Organization, Plan, PlanKind, PlanStatus, Scale,
    Section, SwotItem, SwotKind, SwotSummaryItem, Target, TowsQuadrant, TowsType, YearBasis,
    YearTarget,
};
use rust_decimal::Decimal;

use crate::bank::{CoopWords, Theme, fill, kp, words};
use crate::coop_tree::{self, CoopCtx};
use crate::kit::{Kit, add_days, grouped, year, years};
use crate::orgs::{Coop, Flavour};
use crate::words as w;

pub fn build(kit: &mut Kit, coop: &Coop, pco: &Organization) -> Plan {
    let bank = words(coop.flavour);
    let from = 2567 + kit.rng.below(2) as u16;
    let to = from + 2;
    let basis = YearBasis::AccountingYear {
        end_month: coop.year_end.0,
        end_day: coop.year_end.1,
    };
    let cx = CoopCtx {
        coop,
        pco,
        years: years(from, to),
        basis,
    };
    let mut themes: Vec<Theme> = bank.themes.to_vec();
    if kit.rng.chance(55) {
        themes.extend([w::GOVERNANCE, w::PEOPLE_DIGITAL]);
    } else {
        themes.push(*kit.rng.pick(&[w::GOVERNANCE, w::PEOPLE_DIGITAL]));
    }
    let mut missions = coop_tree::missions(kit, &cx, &themes);
    core_kpis(kit, &cx, bank, &mut missions);
    let swot = swot(kit, coop, bank);
    let tows = tows(kit, &swot, &missions);
    let name = &coop.org.name_th;
    let vision = *kit.rng.pick(bank.visions);
    Plan {
        format: phaen_domain::plan::FORMAT.to_string(),
        id: kit.ids.plan(),
        kind: PlanKind::StrategicPlan,
        title: kit.n(&format!("แผนกลยุทธ์{name} พ.ศ. {from}-{to}")),
        title_en: Some(format!(
            "{} Strategic Plan {from}-{to} B.E.",
            coop.org.name_en.clone().unwrap_or_default()
        )),
        owner: coop.org.clone(),
        period: phaen_domain::Period::new(year(from), year(to)).expect("a valid period"),
        year_basis: basis,
        edition: None,
        revision: None,
        as_of: None,
        status: PlanStatus::Published,
        approval: Some(approval(kit, coop, basis, from)),
        parent_plan: None,
        vision: Some(fill(vision, coop.short)),
        sections: sections(kit, coop, bank, from, to),
        swot_summary: summary(kit, coop),
        swot,
        tows,
        perspectives: Vec::new(),
        kpis: Vec::new(),
        elements: missions,
    }
}

fn approval(kit: &mut Kit, coop: &Coop, basis: YearBasis, from: u16) -> Approval {
    let agm_year = from - 1;
    let (_, end) = basis
        .bounds(year(agm_year))
        .expect("a demo year has bounds");
    let date = add_days(end, kit.rng.range(30, 110));
    let body = format!("ที่ประชุมใหญ่สามัญประจำปี {agm_year}");
    let meeting = format!("ครั้งที่ {}", agm_year - coop.founded + 1);
    let written = format!(
        "อนุมัติโดย{body} ({meeting}) เมื่อวันที่ {}",
        format_long_date(date)
    );
    Approval {
        body: kit.n(&body),
        meeting: Some(kit.n(&meeting)),
        date: Some(date),
        written: Some(kit.n(&written)),
    }
}

fn sections(kit: &mut Kit, coop: &Coop, bank: &CoopWords, from: u16, to: u16) -> Vec<Section> {
    let name = &coop.org.name_th;
    let short = coop.short;
    let (members, shares) = match coop.flavour {
        Flavour::Savings => (
            kit.rng.range(2500, 4500),
            kit.rng.range(300, 650) * 1_000_000,
        ),
        Flavour::Agricultural => (kit.rng.range(800, 1600), kit.rng.range(8, 20) * 1_000_000),
        Flavour::Tourism => (kit.rng.range(60, 150), kit.rng.range(3, 12) * 100_000),
        Flavour::RiceFarmers => (kit.rng.range(90, 250), kit.rng.range(4, 15) * 100_000),
    };
    let assets = shares * kit.rng.range(25, 40) / 10;
    let (m, d) = coop.year_end;
    let workshops = kit.rng.range(2, 4);
    let forms = kit.rng.range(8, 30) * 10;
    let texts = [
        (
            "บทนำ".to_string(),
            format!(
                "แผนกลยุทธ์ฉบับนี้เป็นกรอบทิศทางการทำงานของ{name} ปีบัญชี {from}-{to} คณะกรรมการดำเนินการ ฝ่ายจัดการ และผู้แทนสมาชิกร่วมกันทบทวนผลงานที่ผ่านมา วิเคราะห์สภาพแวดล้อม แล้วกำหนดพันธกิจ เป้าประสงค์ และตัวชี้วัดที่วัดผลได้ทุกปี เพื่อให้ทุกฝ่ายเดินไปในทางเดียวกัน"
            ),
        ),
        (
            format!("ข้อมูลทั่วไปของ{short}"),
            format!(
                "{name} จดทะเบียนเมื่อปี พ.ศ. {} {} ณ สิ้นปีบัญชี {} มีสมาชิก {} คน ทุนเรือนหุ้น {} บาท สินทรัพย์รวม {} บาท ปีบัญชีสิ้นสุดวันที่ {d} {} ของทุกปี",
                coop.founded,
                fill(bank.business, short),
                from - 1,
                grouped(members.into()),
                grouped(shares.into()),
                grouped(assets.into()),
                MONTHS_TH[usize::from(m) - 1],
            ),
        ),
        (
            "กระบวนการจัดทำแผน".to_string(),
            format!(
                "{short}จัดประชุมเชิงปฏิบัติการ {workshops} ครั้ง และรับฟังความเห็นของสมาชิกผ่านแบบสอบถาม {forms} ชุด ก่อนเสนอร่างแผนให้ที่ประชุมใหญ่พิจารณา"
            ),
        ),
        (
            "การติดตามและประเมินผล".to_string(),
            "ฝ่ายจัดการรายงานความก้าวหน้าของโครงการและตัวชี้วัดต่อคณะกรรมการดำเนินการทุกไตรมาส และรายงานผลประจำปีต่อที่ประชุมใหญ่สามัญ".to_string(),
        ),
    ];
    texts
        .into_iter()
        .map(|(heading, body)| Section {
            heading,
            body: kit.n(&body),
        })
        .collect()
}

/// KPIs every cooperative plan carries: a financial-stability level, a pass/fail standard,
/// a cost ratio, a report count, a target only words can state, and one that starts later.
fn core_kpis(kit: &mut Kit, cx: &CoopCtx, bank: &CoopWords, missions: &mut [Element]) {
    let ys = cx.years.clone();
    let mut stability = kit.kpi("", "ผลการประเมินความมั่นคงทางการเงินตามเกณฑ์มาตรฐาน", "ระดับ");
    stability.scale = Some(Scale::financial_stability());
    stability.direction = Some(Direction::HigherIsBetter);
    let grades = [
        (Comparator::AtLeast, "ดี"),
        (Comparator::AtLeast, "ดีมาก"),
        (Comparator::Eq, "ดีเยี่ยม"),
    ];
    for (y, (cmp, level)) in ys.iter().zip(grades) {
        let written = if cmp == Comparator::Eq {
            format!("ระดับ{level}")
        } else {
            format!("ไม่ต่ำกว่าระดับ{level}")
        };
        stability
            .targets
            .push(level_target(*y, cmp, level, written));
    }
    let opex = kit.kpi_from(
        &kp(
            "อัตราค่าใช้จ่ายดำเนินงานต่อกำไรก่อนหักค่าใช้จ่ายดำเนินงาน",
            35,
            -2,
            Comparator::AtMost,
        ),
        "",
        &ys,
    );
    let standard_name = if cx.coop.short == "กลุ่ม" {
        "ผลการจัดมาตรฐานกลุ่มเกษตรกร"
    } else {
        "ผลการจัดมาตรฐานสหกรณ์"
    };
    let mut standard = kit.kpi("", standard_name, "");
    standard.scale = Some(Scale::pass_fail());
    for y in &ys {
        standard
            .targets
            .push(level_target(*y, Comparator::Eq, "ผ่าน", "ผ่าน".into()));
    }
    let reports = kit.kpi_from(
        &crate::bank::k(
            "จำนวนครั้งที่รายงานผลตามแผนต่อคณะกรรมการดำเนินการ",
            "ครั้ง",
            4,
            0,
            Comparator::Eq,
        ),
        "",
        &ys,
    );
    let mut text = kit.kpi("", bank.text_kpi.0, "");
    for (y, t) in ys.iter().zip(bank.text_kpi.1) {
        text.targets.push(YearTarget {
            year: *y,
            target: Target::Text { text: t.into() },
            written: Some(t.into()),
        });
    }
    let (late_name, late_unit, values) = bank.late_kpi;
    let mut late = kit.kpi("", late_name, late_unit);
    late.direction = Some(Direction::HigherIsBetter);
    for (y, v) in ys.iter().zip(values) {
        late.targets.push(match v {
            Some(v) => kit.numeric(*y, Comparator::AtLeast, Decimal::from(v), false),
            None => kit.no_target(*y),
        });
    }
    let last = missions.len() - 1;
    let placed: [(usize, Kpi); 6] = [
        (0, stability),
        (0, opex),
        (1, text),
        (1, late),
        (last, standard),
        (last, reports),
    ];
    for (m, mut kpi) in placed {
        let goal = &mut missions[m].children[0];
        let label = format!(
            "{}.{}",
            goal.label.clone().unwrap_or_default(),
            goal.kpis.len() + 1
        );
        kpi.label = Some(kit.n(&phaen_domain::thai::to_arabic_digits(&label)));
        goal.kpis.push(kpi);
    }
}

fn level_target(
    year: phaen_domain::BeYear,
    comparator: Comparator,
    level: &str,
    written: String,
) -> YearTarget {
    YearTarget {
        year,
        target: Target::Level {
            comparator,
            level: level.into(),
        },
        written: Some(written),
    }
}

fn swot(kit: &mut Kit, coop: &Coop, bank: &CoopWords) -> Vec<SwotItem> {
    let kinds = [
        (SwotKind::S, bank.strengths, w::STRENGTHS, 4, 7),
        (SwotKind::W, bank.weaknesses, w::WEAKNESSES, 3, 6),
        (SwotKind::O, bank.opportunities, w::OPPORTUNITIES, 3, 5),
        (SwotKind::T, bank.threats, w::THREATS, 3, 5),
    ];
    let mut out = Vec::new();
    for (kind, own, shared, lo, hi) in kinds {
        let n = (kit.rng.range(lo, hi) as usize).max(own.len());
        let extra = (n - own.len()).min(shared.len());
        let mut texts: Vec<&str> = own.to_vec();
        texts.extend(kit.rng.subset(shared, extra));
        kit.rng.shuffle(&mut texts);
        for (i, t) in texts.into_iter().enumerate() {
            out.push(SwotItem {
                kind,
                code: Some(format!("{}{}", kind.letter(), i + 1)),
                text: fill(t, coop.short),
            });
        }
    }
    out
}

fn summary(kit: &mut Kit, coop: &Coop) -> Vec<SwotSummaryItem> {
    let mut out = Vec::new();
    for (kind, lines) in SwotKind::ALL.into_iter().zip(w::SUMMARY) {
        let n = kit.rng.range(1, lines.len() as i64) as usize;
        for t in &lines[..n] {
            out.push(SwotSummaryItem {
                kind,
                text: fill(t, coop.short),
            });
        }
    }
    out
}

/// The four quadrants, each drawing on SWOT codes that exist and yielding one mission.
fn tows(kit: &mut Kit, swot: &[SwotItem], missions: &[Element]) -> Vec<TowsQuadrant> {
    let pairs = [
        (SwotKind::S, SwotKind::O),
        (SwotKind::W, SwotKind::O),
        (SwotKind::S, SwotKind::T),
        (SwotKind::W, SwotKind::T),
    ];
    let mut out = Vec::new();
    for (q, (quadrant, (a, b))) in TowsType::ALL.into_iter().zip(pairs).enumerate() {
        let mut codes = Vec::new();
        for kind in [a, b] {
            let of_kind: Vec<String> = swot
                .iter()
                .filter(|s| s.kind == kind)
                .filter_map(|s| s.code.clone())
                .collect();
            let n = kit.rng.range(1, 2) as usize;
            codes.extend(kit.rng.subset(&of_kind, n));
        }
        let (th, strategies) = w::TOWS[q];
        let n = kit.rng.range(1, strategies.len() as i64) as usize;
        out.push(TowsQuadrant {
            quadrant,
            approach: Some(format!("{th} ({})", quadrant.approach_en())),
            strategies: kit
                .rng
                .subset(strategies, n)
                .into_iter()
                .map(String::from)
                .collect(),
            swot_codes: codes,
            missions: vec![missions[q.min(missions.len() - 1)].id.clone()],
        });
    }
    out
}
