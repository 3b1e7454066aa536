//! The strategic plan (แผนกลยุทธ์) in the layout seed 000 shows: cover, contents, introduction
//! (the plan's sections), the SWOT table and its summary, the TOWS matrix, the vision and the
//! mission-goal-strategy table, a section per mission with each strategy's KPI table and
//! guidelines, the overview matrix, and the action-plan tables on landscape pages.

use phaen_domain::{BeYear, Element, ElementKind, Plan, SwotKind, TowsType};

use super::common::{
    cover, kids, kpi_table, labelled, labelled_items, named, period, responsible, sections, years,
};
use super::model::{Block, Cell, Document, Orientation, Part, Shade, Table};
use super::options::Options;

/// A mission (or a top-level strategic issue) with its goals, each with its strategies.
pub struct Branch<'a> {
    pub top: &'a Element,
    pub goals: Vec<(Option<&'a Element>, Vec<&'a Element>)>,
}

/// The plan's missions and what hangs under them, in order.
pub fn branches(plan: &Plan) -> Vec<Branch<'_>> {
    let tops: Vec<&Element> = plan
        .elements
        .iter()
        .filter(|e| matches!(e.kind, ElementKind::Mission | ElementKind::StrategicIssue))
        .collect();
    tops.into_iter()
        .map(|top| {
            let goals = kids(top, &[ElementKind::Goal]);
            let goals = if goals.is_empty() {
                vec![(None, strategies_under(top))]
            } else {
                goals
                    .into_iter()
                    .map(|g| (Some(g), strategies_under(g)))
                    .collect()
            };
            Branch { top, goals }
        })
        .collect()
}

/// The strategies below `e`, nested ones included, without crossing into another goal.
fn strategies_under(e: &Element) -> Vec<&Element> {
    let mut out = Vec::new();
    for c in &e.children {
        match c.kind {
            ElementKind::Strategy => {
                out.push(c);
                out.extend(strategies_under(c));
            }
            ElementKind::StrategicIssue => out.extend(strategies_under(c)),
            _ => {}
        }
    }
    out
}

/// Numbers the parts 'ส่วนที่ 1', 'ส่วนที่ 2', ... as they are written.
struct Chapters<'o> {
    n: u32,
    o: &'o Options,
}

impl Chapters<'_> {
    fn next(&mut self, title: &str) -> Block {
        self.n += 1;
        Block::Heading {
            level: 1,
            text: self.o.text(&format!("ส่วนที่ {} {title}", self.n)),
        }
    }
}

pub fn build(plan: &Plan, o: &Options) -> Document {
    build_with(plan, o, false)
}

/// The strategic layout, with the strategy map on its own landscape page after the first part
/// when `with_map` (the development plan of seed 002).
pub fn build_with(plan: &Plan, o: &Options, with_map: bool) -> Document {
    let years = years(plan);
    let tree = branches(plan);
    let mut ch = Chapters { n: 0, o };
    let mut first = vec![
        Block::Contents {
            title: "สารบัญ".into(),
        },
        Block::PageBreak,
    ];
    if !plan.sections.is_empty() {
        first.push(ch.next("บทนำ"));
        sections(plan, o, &mut first);
    }
    if !plan.swot.is_empty() || !plan.swot_summary.is_empty() || !plan.tows.is_empty() {
        first.push(ch.next("การวิเคราะห์สภาพแวดล้อม"));
        environment(plan, o, &mut first);
    }
    first.push(ch.next("แผนกลยุทธ์"));
    if let Some(v) = &plan.vision {
        first.push(Block::Heading {
            level: 2,
            text: "วิสัยทัศน์".into(),
        });
        first.push(Block::Paragraph(o.text(&format!("“{v}”"))));
    }
    if !tree.is_empty() {
        first.push(Block::Heading {
            level: 2,
            text: "พันธกิจ เป้าประสงค์ กลยุทธ์".into(),
        });
        first.push(Block::Table(mission_table(&tree, o)));
    }
    for b in &tree {
        mission_section(b, &years, o, &mut first);
    }
    let mut parts = vec![Part {
        orientation: Orientation::Portrait,
        blocks: first,
    }];
    if with_map && let Some(figure) = super::development::map_figure(plan, o) {
        parts.push(Part {
            orientation: Orientation::Landscape,
            blocks: vec![
                Block::Heading {
                    level: 2,
                    text: "แผนที่ยุทธศาสตร์".into(),
                },
                figure,
            ],
        });
    }
    if !tree.is_empty() {
        parts.push(Part {
            orientation: Orientation::Landscape,
            blocks: vec![
                Block::Heading {
                    level: 2,
                    text: o.text(&format!(
                        "ภาพรวมแผนกลยุทธ์ {} ({})",
                        plan.owner.name_th,
                        period(plan, o)
                    )),
                },
                Block::Table(overview(plan, &tree, o)),
            ],
        });
    }
    let action = action_part(&tree, &years, o, &mut ch);
    if !action.is_empty() {
        parts.push(Part {
            orientation: Orientation::Landscape,
            blocks: action,
        });
    }
    Document {
        title: o.text(&plan.title),
        author: o.text(&plan.owner.name_th),
        cover: Some(cover(plan, o)),
        parts,
    }
}

fn kind_name(k: SwotKind) -> String {
    let en = match k {
        SwotKind::S => "Strengths",
        SwotKind::W => "Weaknesses",
        SwotKind::O => "Opportunities",
        SwotKind::T => "Threats",
    };
    format!("{} ({en})", k.label_th())
}

/// The SWOT table, its summary (2 x 2) and the TOWS matrix.
fn environment(plan: &Plan, o: &Options, out: &mut Vec<Block>) {
    if !plan.swot.is_empty() {
        out.push(Block::Heading {
            level: 2,
            text: "การวิเคราะห์สภาพแวดล้อม (SWOT Analysis)".into(),
        });
        let body = SwotKind::ALL
            .into_iter()
            .filter(|k| plan.swot.iter().any(|s| s.kind == *k))
            .map(|k| {
                let items = plan
                    .swot
                    .iter()
                    .filter(|s| s.kind == k)
                    .map(|s| o.text(&labelled(s.code.as_deref(), &s.text)))
                    .collect();
                vec![
                    Cell::text(kind_name(k)).bold().shaded(Shade::Header),
                    Cell::lines(items),
                ]
            })
            .collect();
        out.push(Block::Table(Table {
            caption: None,
            widths: vec![3, 9],
            header: vec![vec![Cell::head("ปัจจัย"), Cell::head("รายการ")]],
            body,
        }));
    }
    let summary = |k: SwotKind| -> Vec<String> {
        plan.swot_summary
            .iter()
            .filter(|s| s.kind == k)
            .map(|s| o.text(&format!("- {}", s.text)))
            .collect()
    };
    if !plan.swot_summary.is_empty() {
        out.push(Block::Heading {
            level: 2,
            text: "ผลการวิเคราะห์สภาพแวดล้อม".into(),
        });
        let cell = |k: SwotKind| {
            let mut lines = vec![kind_name(k)];
            lines.extend(summary(k));
            Cell::lines(lines)
        };
        out.push(Block::Table(Table {
            caption: None,
            widths: vec![1, 1],
            header: vec![],
            body: vec![
                vec![cell(SwotKind::S), cell(SwotKind::W)],
                vec![cell(SwotKind::O), cell(SwotKind::T)],
            ],
        }));
    }
    if !plan.tows.is_empty() {
        out.push(Block::Heading {
            level: 2,
            text: "TOWS Matrix".into(),
        });
        let side = |k: SwotKind| {
            let mut lines = vec![kind_name(k)];
            lines.extend(summary(k));
            Cell::lines(lines).shaded(Shade::Header)
        };
        let quadrant = |t: TowsType| {
            let q = plan.tows.iter().find(|q| q.quadrant == t);
            let name = t.as_str();
            let approach = q
                .and_then(|q| q.approach.as_deref())
                .unwrap_or(t.approach_en());
            let mut lines = vec![format!("{}+{} = {approach}", &name[..1], &name[1..])];
            if let Some(q) = q {
                lines.extend(q.strategies.iter().map(|s| o.text(&format!("> {s}"))));
                if !q.swot_codes.is_empty() {
                    lines.push(o.text(&format!("({})", q.swot_codes.join(", "))));
                }
            }
            Cell::lines(lines)
        };
        out.push(Block::Table(Table {
            caption: None,
            widths: vec![4, 5, 5],
            header: vec![vec![
                Cell::head(""),
                side(SwotKind::S).bold(),
                side(SwotKind::W).bold(),
            ]],
            body: vec![
                vec![
                    side(SwotKind::O),
                    quadrant(TowsType::SO),
                    quadrant(TowsType::WO),
                ],
                vec![
                    side(SwotKind::T),
                    quadrant(TowsType::ST),
                    quadrant(TowsType::WT),
                ],
            ],
        }));
    }
}

/// พันธกิจ | เป้าประสงค์ | กลยุทธ์, a row per strategy, missions and goals spanning theirs.
fn mission_table(tree: &[Branch], o: &Options) -> Table {
    let mut body = Vec::new();
    for b in tree {
        let mission_rows: usize = b.goals.iter().map(|(_, s)| s.len().max(1)).sum();
        let mut first_of_mission = true;
        for (goal, strategies) in &b.goals {
            let n = strategies.len().max(1);
            let mut first_of_goal = true;
            for i in 0..n {
                let mut row = Vec::new();
                if first_of_mission {
                    row.push(
                        Cell::text(o.text(&labelled(b.top.label.as_deref(), &b.top.title)))
                            .span(1, mission_rows as u16),
                    );
                    first_of_mission = false;
                }
                if first_of_goal {
                    let text = goal.map_or(String::new(), |g| {
                        o.text(&labelled(g.label.as_deref(), &g.title))
                    });
                    row.push(Cell::text(text).span(1, n as u16));
                    first_of_goal = false;
                }
                row.push(Cell::text(strategies.get(i).map_or(String::new(), |s| {
                    o.text(&labelled(s.label.as_deref(), &s.title))
                })));
                body.push(row);
            }
        }
    }
    Table {
        caption: None,
        widths: vec![1, 1, 1],
        header: vec![vec![
            Cell::head("พันธกิจ"),
            Cell::head("เป้าประสงค์"),
            Cell::head("กลยุทธ์"),
        ]],
        body,
    }
}

/// A mission's section: its goals and strategies, each strategy's KPIs and guidelines.
fn mission_section(b: &Branch, years: &[BeYear], o: &Options, out: &mut Vec<Block>) {
    out.push(Block::Heading {
        level: 2,
        text: o.text(&named(b.top)),
    });
    for (goal, strategies) in &b.goals {
        if let Some(g) = goal {
            out.push(Block::Heading {
                level: 3,
                text: o.text(&named(g)),
            });
            if !g.kpis.is_empty() {
                out.push(Block::Table(kpi_table(
                    &g.kpis.iter().collect::<Vec<_>>(),
                    years,
                    o,
                )));
            }
        }
        for s in strategies {
            out.push(Block::Heading {
                level: 3,
                text: o.text(&named(s)),
            });
            if !s.kpis.is_empty() {
                out.push(Block::Table(kpi_table(
                    &s.kpis.iter().collect::<Vec<_>>(),
                    years,
                    o,
                )));
            }
            let guidelines = kids(s, &[ElementKind::Guideline]);
            if !guidelines.is_empty() {
                out.push(Block::Paragraph("แนวทางการดำเนินงาน".into()));
                labelled_items(&guidelines, o, out);
            }
        }
    }
}

/// The one-page overview: vision across, missions over their goals, goals, and each goal's
/// strategies with their guidelines.
fn overview(plan: &Plan, tree: &[Branch], o: &Options) -> Table {
    let columns: usize = tree.iter().map(|b| b.goals.len().max(1)).sum();
    let mut widths = vec![2];
    widths.extend(std::iter::repeat_n(4, columns));
    let label = |s: &str| Cell::text(s).bold().shaded(Shade::Header);
    let mut vision = vec![label("วิสัยทัศน์")];
    vision.push(
        Cell::text(
            plan.vision
                .as_deref()
                .map_or(String::new(), |v| o.text(&format!("“{v}”"))),
        )
        .span(columns as u16, 1)
        .centered(),
    );
    let mut missions = vec![label("พันธกิจ")];
    let mut goals = vec![label("เป้าประสงค์")];
    let mut ways = vec![label("กลยุทธ์ แนวทางการดำเนินงาน")];
    for b in tree {
        missions.push(
            Cell::text(o.text(&labelled(b.top.label.as_deref(), &b.top.title)))
                .span(b.goals.len().max(1) as u16, 1),
        );
        if b.goals.is_empty() {
            goals.push(Cell::text(""));
            ways.push(Cell::text(""));
        }
        for (goal, strategies) in &b.goals {
            goals.push(Cell::text(goal.map_or(String::new(), |g| {
                o.text(&labelled(g.label.as_deref(), &g.title))
            })));
            let mut lines = Vec::new();
            for s in strategies {
                lines.push(o.text(&labelled(s.label.as_deref(), &s.title)));
                for g in kids(s, &[ElementKind::Guideline]) {
                    lines.push(o.text(&labelled(g.label.as_deref(), &g.title)));
                }
            }
            ways.push(Cell::lines(lines));
        }
    }
    Table {
        caption: None,
        widths,
        header: vec![],
        body: vec![vision, missions, goals, ways],
    }
}

/// ส่วนที่ N แผนปฏิบัติการ: per strategy, its guidelines, projects, KPIs, targets per year and
/// who is responsible.
fn action_part(tree: &[Branch], years: &[BeYear], o: &Options, ch: &mut Chapters) -> Vec<Block> {
    let has_projects = tree.iter().any(|b| {
        b.goals
            .iter()
            .flat_map(|(_, s)| s.iter())
            .any(|s| !projects_of(s).is_empty())
    });
    if !has_projects {
        return Vec::new();
    }
    // A budget column only when some project of the plan has money.
    let money = tree.iter().any(|b| {
        super::common::below(b.top, ElementKind::Project)
            .iter()
            .any(|p| !super::action::Budget::of(p, years).total.is_zero())
    });
    let mut out = vec![ch.next("แผนปฏิบัติการ (Action Plan)")];
    for b in tree {
        out.push(Block::Heading {
            level: 2,
            text: o.text(&named(b.top)),
        });
        for (goal, strategies) in &b.goals {
            if let Some(g) = goal {
                out.push(Block::Heading {
                    level: 3,
                    text: o.text(&named(g)),
                });
            }
            for s in strategies {
                if projects_of(s).is_empty() {
                    continue;
                }
                out.push(Block::Heading {
                    level: 3,
                    text: o.text(&named(s)),
                });
                out.push(Block::Table(action_table(s, years, money, o)));
            }
        }
    }
    out
}

/// The projects of a strategy, with the guideline each sits under (`None`: right under it).
fn projects_of(s: &Element) -> Vec<(Option<&Element>, Vec<&Element>)> {
    let mut out = Vec::new();
    let direct = kids(s, &[ElementKind::Project]);
    if !direct.is_empty() {
        out.push((None, direct));
    }
    for g in kids(s, &[ElementKind::Guideline]) {
        out.push((Some(g), kids(g, &[ElementKind::Project])));
    }
    if out.iter().all(|(_, p)| p.is_empty()) {
        return Vec::new();
    }
    out
}

fn action_table(s: &Element, years: &[BeYear], money: bool, o: &Options) -> Table {
    let n = years.len() as u16;
    let mut widths = vec![5, 5, 5, 2];
    widths.extend(years.iter().map(|_| 1));
    widths.push(3);
    if money {
        widths.push(3);
    }
    let header = vec![
        {
            let mut r = vec![
                Cell::head("แนวทางการดำเนินงาน").span(1, 2),
                Cell::head("แผนงาน/โครงการ/กิจกรรม/งาน").span(1, 2),
                Cell::head("ตัวชี้วัด").span(1, 2),
                Cell::head("หน่วยนับ").span(1, 2),
                Cell::head("ปีที่ดำเนินการ").span(n.max(1), 1),
                Cell::head("ผู้รับผิดชอบ").span(1, 2),
            ];
            if money {
                r.push(Cell::head("งบประมาณ (บาท)").span(1, 2));
            }
            if n == 0 {
                r.remove(4);
            }
            r
        },
        years.iter().map(|y| Cell::head(o.year(*y))).collect(),
    ];
    let mut body = Vec::new();
    for (guideline, projects) in projects_of(s) {
        let rows_of = |p: &Element| p.kpis.len().max(1);
        let total: usize = projects.iter().map(|p| rows_of(p)).sum::<usize>().max(1);
        let mut first = true;
        let guideline_cell = || {
            Cell::text(guideline.map_or(String::new(), |g| {
                o.text(&labelled(g.label.as_deref(), &g.title))
            }))
            .span(1, total as u16)
        };
        if projects.is_empty() {
            let mut row = vec![guideline_cell()];
            row.extend((0..3 + years.len() + 1 + usize::from(money)).map(|_| Cell::text("")));
            body.push(row);
            continue;
        }
        for p in projects {
            let k = rows_of(p);
            for i in 0..k {
                let mut row = Vec::new();
                if first {
                    row.push(guideline_cell());
                    first = false;
                }
                if i == 0 {
                    let mut lines = vec![o.text(&labelled(p.label.as_deref(), &p.title))];
                    for a in super::common::below(p, ElementKind::Activity) {
                        lines.push(o.text(&labelled(a.label.as_deref(), &a.title)));
                    }
                    row.push(Cell::lines(lines).span(1, k as u16));
                }
                match p.kpis.get(i) {
                    Some(kpi) => row.extend(super::common::kpi_cells(kpi, years, o)),
                    None => {
                        row.push(Cell::text(""));
                        row.push(Cell::text(""));
                        row.extend(years.iter().map(|_| Cell::text("")));
                    }
                }
                if i == 0 {
                    row.push(Cell::lines(responsible(p, o)).span(1, k as u16));
                    if money {
                        row.push(Cell::lines(budget_lines(p, years, o)).span(1, k as u16));
                    }
                }
                body.push(row);
            }
        }
    }
    Table {
        caption: None,
        widths,
        header,
        body,
    }
}

/// A project's budget as one cell: the total, then each year that has money.
fn budget_lines(p: &Element, years: &[BeYear], o: &Options) -> Vec<String> {
    let b = super::action::Budget::of(p, years);
    if b.total.is_zero() {
        return vec!["-".into()];
    }
    let mut lines = vec![o.number(b.total)];
    for (y, v) in years.iter().zip(&b.per_year) {
        if !v.is_zero() {
            lines.push(o.text(&format!("ปี {y}: {}", super::options::grouped(*v))));
        }
    }
    lines
}
