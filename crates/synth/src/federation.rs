//! The federation's 5-year development plan (แผนพัฒนา): five missions placed in
//! balanced-scorecard perspectives, with an ACCESS Branding tier target and a credit-rating
//! target among its KPIs.

use phaen_domain::Comparator::{AtLeast as GE, AtMost as LE, Eq};
use phaen_domain::thai::format_long_date;
use phaen_domain::{
    Approval, Comparator, Direction, Organization, Period, Perspective, Plan, PlanKind, PlanStatus,
    Scale, Section, Target, YearBasis, YearTarget,
};

use crate::bank::{GoalIdea, ProjectIdea, StrategyIdea, Theme, k, kd, kp};
use crate::coop_tree::{self, CoopCtx};
use crate::kit::{Kit, year, years, ymd};
use crate::orgs::{Coop, Flavour};

const FROM: u16 = 2566;
const TO: u16 = 2570;

/// (key, Thai name, English name) of each perspective, in mission order.
const PERSPECTIVES: [(&str, &str, &str); 5] = [
    ("financial", "การเงิน", "Financial"),
    ("member", "สหกรณ์สมาชิก", "Member"),
    ("internal_process", "กระบวนการภายใน", "Internal Process"),
    (
        "learning_growth",
        "การเรียนรู้และการพัฒนา",
        "Learning and Growth",
    ),
    (
        "social",
        "สังคมและขบวนการสหกรณ์",
        "Social and Cooperative Movement",
    ),
];

/// A project idea: [name, objective, target group, outcome], activities, KPI,
/// (main, support) units and yearly cost range in thousands of baht.
const fn project(
    text: [&'static str; 4],
    activities: &'static [&'static str],
    kpi: crate::bank::KpiIdea,
    units: (&'static str, &'static str),
    cost: (i64, i64),
) -> ProjectIdea {
    let [name, objective, target_group, outcome] = text;
    ProjectIdea {
        name,
        objective,
        target_group,
        outcome,
        activities,
        kpi,
        main: units.0,
        support: units.1,
        cost,
    }
}

const THEMES: [Theme; 5] = [
    Theme {
        mission: "ระดมทุนและให้บริการทางการเงินแก่สหกรณ์สมาชิกอย่างมั่นคงและเป็นธรรม",
        goals: &[GoalIdea {
            title: "ชุมนุมฯ มีผลประกอบการมั่นคงและรักษาความน่าเชื่อถือทางการเงิน",
            kpis: &[kd("อัตราผลตอบแทนต่อสินทรัพย์ (ROA)", "ร้อยละ", 12, 1, 1, GE)],
            strategies: &[
                StrategyIdea {
                    title: "กระจายแหล่งเงินทุนและบริหารต้นทุนเงิน",
                    guidelines: &[
                        "เพิ่มสัดส่วนเงินรับฝากระยะยาวจากสหกรณ์สมาชิก",
                        "จัดวงเงินสินเชื่อสำรองกับสถาบันการเงินหลายแห่ง",
                    ],
                    projects: &[project(
                        [
                            "โครงการเงินฝากระยะยาวเพื่อความมั่นคงของสหกรณ์สมาชิก",
                            "เพื่อให้ชุมนุมฯ มีแหล่งเงินทุนระยะยาวที่ต้นทุนเหมาะสม",
                            "สหกรณ์สมาชิกที่มีสภาพคล่องส่วนเกิน",
                            "ต้นทุนเงินของชุมนุมฯ ลดลงและมีเสถียรภาพ",
                        ],
                        &[
                            "ออกแบบผลิตภัณฑ์และอัตราผลตอบแทน",
                            "ชี้แจงสหกรณ์สมาชิกรายภูมิภาค",
                            "ติดตามยอดเงินฝากรายเดือน",
                        ],
                        k("ยอดเงินรับฝากระยะยาวจากสหกรณ์สมาชิก", "ล้านบาท", 2500, 300, GE),
                        ("FIN", "MEM"),
                        (200, 600),
                    )],
                },
                StrategyIdea {
                    title: "บริหารความเสี่ยงด้านเครดิตและสภาพคล่อง",
                    guidelines: &["ประเมินฐานะของสหกรณ์ผู้กู้ก่อนอนุมัติและทบทวนทุกปี"],
                    projects: &[project(
                        [
                            "โครงการแบบจำลองประเมินความเสี่ยงสินเชื่อสหกรณ์สมาชิก",
                            "เพื่อจัดระดับความเสี่ยงของสหกรณ์ผู้กู้อย่างเป็นระบบ",
                            "สหกรณ์สมาชิกผู้กู้ทุกแห่ง",
                            "หนี้ด้อยคุณภาพอยู่ในระดับที่ควบคุมได้",
                        ],
                        &[
                            "รวบรวมงบการเงินย้อนหลังของสหกรณ์ผู้กู้",
                            "พัฒนาและทดสอบแบบจำลอง",
                            "ใช้ผลจัดระดับกำหนดวงเงินและอัตราดอกเบี้ย",
                        ],
                        kd("หนี้ด้อยคุณภาพต่อเงินให้กู้", "ร้อยละ", 10, -1, 1, LE),
                        ("RISK", "FIN"),
                        (300, 900),
                    )],
                },
            ],
        }],
    },
    Theme {
        mission: "ส่งเสริมให้สหกรณ์สมาชิกมั่นคงและได้มาตรฐานสากล",
        goals: &[GoalIdea {
            title: "สหกรณ์สมาชิกผ่านเกณฑ์ความมั่นคงและได้รับการรับรองคุณภาพ",
            kpis: &[k(
                "จำนวนสหกรณ์สมาชิกที่เข้าร่วมโครงการที่ปรึกษาทางการเงิน",
                "สหกรณ์",
                20,
                5,
                GE,
            )],
            strategies: &[StrategyIdea {
                title: "ให้คำปรึกษาและจัดพี่เลี้ยงแก่สหกรณ์สมาชิก",
                guidelines: &[
                    "จับคู่สหกรณ์ขนาดใหญ่เป็นพี่เลี้ยงสหกรณ์ขนาดเล็ก",
                    "จัดทีมที่ปรึกษาลงพื้นที่ตามคำขอ",
                ],
                projects: &[project(
                    [
                        "โครงการพี่เลี้ยงมาตรฐานสากลสำหรับสหกรณ์สมาชิก",
                        "เพื่อช่วยสหกรณ์สมาชิกปรับระบบงานให้ผ่านเกณฑ์การรับรองคุณภาพ",
                        "สหกรณ์สมาชิกที่สมัครเข้าร่วม",
                        "สหกรณ์สมาชิกได้รับการรับรองเพิ่มขึ้น",
                    ],
                    &[
                        "ประเมินตนเองตามเกณฑ์",
                        "จัดทำแผนปรับปรุงรายสหกรณ์",
                        "ตรวจประเมินและมอบใบรับรอง",
                    ],
                    k("จำนวนสหกรณ์สมาชิกที่ได้รับการรับรอง", "สหกรณ์", 5, 3, GE),
                    ("MEM", "สมาคมสหกรณ์ออมทรัพย์ระดับภูมิภาค"),
                    (400, 1200),
                )],
            }],
        }],
    },
    Theme {
        mission: "ปรับระบบงานและเทคโนโลยีให้บริการได้รวดเร็ว ถูกต้อง และปลอดภัย",
        goals: &[GoalIdea {
            title: "ระบบงานหลักเป็นดิจิทัลและมั่นคงปลอดภัย",
            kpis: &[
                kp("ธุรกรรมกับสหกรณ์สมาชิกที่ทำผ่านระบบออนไลน์", 50, 8, GE),
                k("จำนวนครั้งที่ระบบขัดข้องจนกระทบการให้บริการ", "ครั้ง", 6, -1, LE),
            ],
            strategies: &[StrategyIdea {
                title: "พัฒนาระบบแลกเปลี่ยนข้อมูลกับสหกรณ์สมาชิก",
                guidelines: &[
                    "กำหนดมาตรฐานข้อมูลกลางร่วมกับผู้พัฒนาโปรแกรมของสหกรณ์",
                    "ทดสอบการเจาะระบบปีละครั้ง",
                ],
                projects: &[project(
                    [
                        "โครงการเชื่อมโยงข้อมูลทางการเงินระหว่างสหกรณ์",
                        "เพื่อให้สหกรณ์สมาชิกฝาก ถอน และกู้กับชุมนุมฯ ผ่านระบบได้ทันที",
                        "สหกรณ์สมาชิกทุกแห่ง",
                        "เอกสารและเวลาทำธุรกรรมลดลง",
                    ],
                    &[
                        "ออกแบบมาตรฐานการเชื่อมต่อ",
                        "พัฒนาและทดสอบกับสหกรณ์นำร่อง",
                        "ขยายผลทั่วประเทศ",
                    ],
                    k("จำนวนสหกรณ์สมาชิกที่เชื่อมต่อระบบแล้ว", "สหกรณ์", 50, 50, GE),
                    ("IT", "FIN"),
                    (800, 2500),
                )],
            }],
        }],
    },
    Theme {
        mission: "สร้างองค์ความรู้และยกระดับสมรรถนะบุคลากรในขบวนการสหกรณ์ออมทรัพย์",
        goals: &[GoalIdea {
            title: "บุคลากรของชุมนุมฯ และสหกรณ์สมาชิกมีสมรรถนะตามมาตรฐานวิชาชีพ",
            kpis: &[k(
                "จำนวนผู้ผ่านการรับรองหลักสูตรผู้บริหารสหกรณ์ออมทรัพย์",
                "คน",
                120,
                20,
                GE,
            )],
            strategies: &[StrategyIdea {
                title: "พัฒนาหลักสูตรและช่องทางเรียนรู้ออนไลน์",
                guidelines: &[
                    "ร่วมกับมหาวิทยาลัยรับรองหลักสูตร",
                    "บันทึกความรู้ของผู้เชี่ยวชาญไว้เป็นคลังความรู้",
                ],
                projects: &[project(
                    [
                        "โครงการห้องเรียนสหกรณ์ออนไลน์",
                        "เพื่อให้บุคลากรสหกรณ์ทั่วประเทศเรียนได้ในเวลาที่สะดวก",
                        "กรรมการ ผู้จัดการ และเจ้าหน้าที่ของสหกรณ์สมาชิก",
                        "ค่าฝึกอบรมต่อคนลดลงและผู้เรียนเพิ่มขึ้น",
                    ],
                    &[
                        "จัดทำบทเรียนออนไลน์",
                        "เปิดระบบลงทะเบียนเรียน",
                        "ออกประกาศนียบัตรผู้ผ่านหลักสูตร",
                    ],
                    k("จำนวนผู้เรียนที่ผ่านบทเรียนออนไลน์", "คน", 800, 400, GE),
                    ("HR", "IT"),
                    (150, 500),
                )],
            }],
        }],
    },
    Theme {
        mission: "ร่วมสร้างความเข้มแข็งให้ชุมชนและขบวนการสหกรณ์ด้วยความรับผิดชอบต่อสังคม",
        goals: &[GoalIdea {
            title: "ขบวนการสหกรณ์ออมทรัพย์มีภาพลักษณ์ดีและสังคมยอมรับ",
            kpis: &[k(
                "จำนวนกิจกรรมเพื่อสังคมที่ทำร่วมกับสหกรณ์สมาชิก",
                "กิจกรรม",
                4,
                0,
                Eq,
            )],
            strategies: &[StrategyIdea {
                title: "ส่งเสริมการออมและความรู้ทางการเงินในชุมชน",
                guidelines: &["ร่วมกับสหกรณ์สมาชิกจัดกิจกรรมออมเงินในโรงเรียน"],
                projects: &[project(
                    [
                        "โครงการกองทุนการศึกษาเพื่อเยาวชนในชุมชนสหกรณ์",
                        "เพื่อให้เยาวชนในครอบครัวสมาชิกได้เรียนต่อและรู้จักการออม",
                        "เยาวชนในครอบครัวสมาชิกของสหกรณ์สมาชิก",
                        "ขบวนการสหกรณ์เป็นที่รู้จักและได้รับความเชื่อถือ",
                    ],
                    &["ประกาศรับสมัครผ่านสหกรณ์สมาชิก", "คัดเลือกและมอบทุน"],
                    k("จำนวนทุนการศึกษาที่มอบ", "ทุน", 100, 20, GE),
                    ("MEM", "BOD"),
                    (500, 1000),
                )],
            }],
        }],
    },
];

pub fn build(kit: &mut Kit, fed: &Organization, dept: &Organization) -> Plan {
    let basis = YearBasis::AccountingYear {
        end_month: 12,
        end_day: 31,
    };
    let owner = Coop {
        org: fed.clone(),
        flavour: Flavour::Savings,
        year_end: (12, 31),
        short: "ชุมนุมฯ",
        founded: 2523,
    };
    let cx = CoopCtx {
        coop: &owner,
        pco: dept,
        years: years(FROM, TO),
        basis,
    };
    let mut missions = coop_tree::missions(kit, &cx, &THEMES);
    let specials = [
        credit_rating(kit, &cx.years),
        access_branding(kit, &cx.years),
    ];
    for (m, mut kpi) in specials.into_iter().enumerate() {
        let goal = &mut missions[m].children[0];
        let label = format!(
            "{}.{}",
            goal.label.clone().unwrap_or_default(),
            goal.kpis.len() + 1
        );
        kpi.label = Some(label);
        goal.kpis.push(kpi);
    }
    let perspectives = PERSPECTIVES
        .iter()
        .zip(&missions)
        .map(|((key, th, en), m)| Perspective {
            key: key.to_string(),
            name_th: th.to_string(),
            name_en: Some(en.to_string()),
            members: std::iter::once(m.id.clone())
                .chain(m.children.iter().map(|g| g.id.clone()))
                .collect(),
        })
        .collect();
    let date = ymd(2023, 2, kit.rng.range(10, 25) as u32);
    Plan {
        format: phaen_domain::plan::FORMAT.to_string(),
        id: kit.ids.plan(),
        kind: PlanKind::DevelopmentPlan,
        title: format!("แผนพัฒนา{} ฉบับที่ 3 (ปีบัญชี {FROM}-{TO})", fed.name_th),
        title_en: Some(format!("{} Development Plan No. 3, {FROM}-{TO} B.E.", fed.name_en.clone().unwrap_or_default())),
        owner: fed.clone(),
        period: Period::new(year(FROM), year(TO)).expect("a valid period"),
        year_basis: basis,
        edition: Some("ฉบับที่ 3".into()),
        revision: None,
        as_of: None,
        status: PlanStatus::Published,
        approval: Some(Approval {
            body: format!("ที่ประชุมใหญ่สามัญประจำปี {}", FROM - 1),
            meeting: Some(format!("ครั้งที่ {}", FROM - 1 - 2523 + 1)),
            date: Some(date),
            written: Some(format!("ที่ประชุมใหญ่มีมติเห็นชอบเมื่อวันที่ {}", format_long_date(date))),
        }),
        parent_plan: None,
        vision: Some("ชุมนุมฯ เป็นศูนย์กลางทางการเงินและแหล่งเรียนรู้ที่สหกรณ์ออมทรัพย์ไว้วางใจ เติบโตอย่างมั่นคงและยั่งยืน".into()),
        sections: vec![
            Section { heading: "ความเป็นมาของแผน".into(), body: format!("แผนฉบับนี้ต่อยอดจากผลการทบทวนแผนฉบับที่ 2 ร่วมกับผู้แทนสหกรณ์สมาชิก {} แห่ง และกำหนดทิศทางของชุมนุมฯ ในช่วง 5 ปีบัญชี", kit.rng.range(120, 260)) },
            Section { heading: "กรอบแนวคิดของแผน".into(), body: "พันธกิจและเป้าประสงค์จัดวางตามมุมมองของ Balanced Scorecard ห้าด้าน โดยเพิ่มมุมมองด้านสังคมและขบวนการสหกรณ์ เพื่อให้ผลสำเร็จทางการเงินเดินคู่กับประโยชน์ของสหกรณ์สมาชิกและชุมชน".into() },
        ],
        swot: Vec::new(),
        swot_summary: Vec::new(),
        tows: Vec::new(),
        perspectives,
        kpis: Vec::new(),
        elements: missions,
    }
}

fn credit_rating(kit: &mut Kit, ys: &[phaen_domain::BeYear]) -> phaen_domain::Kpi {
    let mut kpi = kit.kpi("", "อันดับความน่าเชื่อถือของชุมนุมฯ (Credit Rating)", "อันดับ");
    kpi.scale = Some(Scale::Levels {
        name: "อันดับความน่าเชื่อถือ (Credit Rating)".into(),
        levels: [
            "AAA", "AA+", "AA", "AA-", "A+", "A", "A-", "BBB+", "BBB", "BBB-",
        ]
        .map(String::from)
        .to_vec(),
    });
    kpi.direction = Some(Direction::HigherIsBetter);
    for (i, y) in ys.iter().enumerate() {
        let level = if i == 0 { "BBB+" } else { "A-" };
        kpi.targets.push(YearTarget {
            year: *y,
            target: Target::Level {
                comparator: Comparator::AtLeast,
                level: level.into(),
            },
            written: Some(format!("ไม่ต่ำกว่า {level} แนวโน้มคงที่")),
        });
    }
    kpi
}

fn access_branding(kit: &mut Kit, ys: &[phaen_domain::BeYear]) -> phaen_domain::Kpi {
    let mut kpi = kit.kpi(
        "",
        "ระดับการรับรอง ACCESS Branding ของสหกรณ์สมาชิกนำร่อง",
        "ระดับ",
    );
    kpi.scale = Some(Scale::access_branding());
    kpi.direction = Some(Direction::HigherIsBetter);
    for (i, y) in ys.iter().enumerate() {
        let tier = if i < 2 { "Silver" } else { "Gold" };
        kpi.targets.push(YearTarget {
            year: *y,
            target: Target::Tier { tier: tier.into() },
            written: Some(tier.into()),
        });
    }
    kpi.notes.push("คะแนนรวมเป็นร้อยละ: Bronze 60-70, Silver 71-80, Gold 81-90, Platinum มากกว่า 90 และไม่มีมุมมองใดต่ำกว่าร้อยละ 50".into());
    kpi
}
