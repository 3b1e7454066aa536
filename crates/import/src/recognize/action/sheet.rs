//! A project's detail sheet ('โครงการที่ ๑.๑ ...'): numbered sections for objectives, target
//! groups, activities (a table with a year per column and arrows or words per year), the
//! budget estimate per year, expected outcomes, success indicators and the responsible unit.

use phaen_domain::{
    BeYear, Element, ElementKind, Kpi, MoneyUnit, Responsibility, ResponsibleRole, TextItem,
    TimelineEntry, TimelineMark, YearTarget,
};

use super::cells::{budget_line, key_of, short, value, year_cell, year_range};
use super::model::{Model, Proj};
use crate::doc::{Loc, Para, Row};
use crate::recognize::Ctx;
use crate::targets::in_name;
use crate::words::{split_number_label, squash};

#[derive(Debug, Clone, Copy, PartialEq)]
enum Part {
    Objectives,
    TargetGroups,
    Activities,
    Budget,
    Outcomes,
    Kpis,
    Responsible,
}

fn part_of(words: &str) -> Option<Part> {
    let w = squash(words);
    let w = w.trim_start_matches(':');
    [
        ("วัตถุประสงค์", Part::Objectives),
        ("กลุ่มเป้าหมาย", Part::TargetGroups),
        ("กิจกรรม", Part::Activities),
        ("ประมาณการงบประมาณ", Part::Budget),
        ("ผลที่คาดว่าจะได้รับ", Part::Outcomes),
        ("ตัวชี้วัดความสำเร็จ", Part::Kpis),
        ("หน่วยงานรับผิดชอบ", Part::Responsible),
    ]
    .into_iter()
    .find(|(k, _)| w.starts_with(k))
    .map(|(_, p)| p)
}

/// A section heading: '๒. กลุ่มเป้าหมาย', '๗. หน่วยงานรับผิดชอบโครงการ : ...'.
fn heading(text: &str) -> Option<(Part, String)> {
    let (label, rest) = split_number_label(text)?;
    if key_of(&label).contains('.') {
        return None;
    }
    let part = part_of(&rest)?;
    let after = rest
        .split_once(':')
        .map(|(_, a)| a.trim().to_string())
        .unwrap_or_default();
    Some((part, after))
}

pub(super) struct Sheet {
    issue: String,
    index: usize,
    part: Option<Part>,
    years: Vec<(usize, BeYear)>,
}

impl Sheet {
    /// 'โครงการที่ ๑.๑ ชื่อ' in issue `issue`: the project listed under that number, or a new one.
    pub fn start(ctx: &mut Ctx, model: &mut Model, issue: &str, p: &Para) -> Option<Sheet> {
        let rest = p.text.trim().strip_prefix("โครงการที่")?.trim();
        let (label, title) = split_number_label(rest)?;
        let key = key_of(&label);
        let iss = model.ensure_issue(issue, issue);
        let index = match iss
            .projects
            .iter()
            .position(|x| x.key.as_deref() == Some(key.as_str()))
        {
            Some(i) => {
                let listed = &iss.projects[i].el.title;
                let bare = |t: &str| squash(t.trim_start_matches("โครงการ"));
                if bare(listed) != bare(&title) {
                    ctx.warn(
                        Some(&p.loc),
                        format!("ชื่อโครงการ {label} ในรายละเอียดโครงการ ('{}') ต่างจากในรายการ ('{}'); ใช้ชื่อในรายการ", short(&title), short(listed)),
                        format!("project {label} is named differently on its detail sheet than in the project list; the list's name was kept"),
                    );
                }
                i
            }
            None => {
                let el = Element::new(ElementKind::Project, title).with_label(&label);
                iss.projects.push(Proj {
                    key: Some(key),
                    el,
                    layout: None,
                    strategy: None,
                    loc: p.loc.clone(),
                });
                iss.projects.len() - 1
            }
        };
        let id = iss.projects[index].el.id.to_string();
        ctx.ledger.became(&p.loc, "project detail sheet", id);
        Some(Sheet {
            issue: issue.to_string(),
            index,
            part: None,
            years: Vec::new(),
        })
    }

    fn project<'m>(&self, model: &'m mut Model) -> Option<&'m mut Element> {
        model.project(&self.issue, self.index).map(|p| &mut p.el)
    }

    /// A paragraph of the sheet; `false` when it is not one the sheet knows.
    pub fn para(
        &mut self,
        ctx: &mut Ctx,
        model: &mut Model,
        p: &Para,
        fallback_years: &[BeYear],
    ) -> bool {
        let t = p.text.trim();
        let years: Vec<BeYear> = if self.years.is_empty() {
            fallback_years.to_vec()
        } else {
            self.years.iter().map(|y| y.1).collect()
        };
        let (part, content) = match heading(t) {
            Some((part, after)) => {
                self.part = Some(part);
                if after.is_empty() {
                    ctx.ledger
                        .context(&p.loc, "section heading of a project sheet");
                    return true;
                }
                (part, after)
            }
            None => match self.part {
                Some(part) => (part, t.to_string()),
                None => return false,
            },
        };
        let Some(project) = self.project(model) else {
            return false;
        };
        let labelled = || match split_number_label(&content) {
            Some((label, text)) if key_of(&label).contains('.') => TextItem {
                label: Some(label),
                text,
            },
            _ => TextItem::plain(content.clone()),
        };
        let id = project.id.to_string();
        match part {
            Part::Objectives => project.objectives.push(labelled()),
            Part::TargetGroups => project.target_groups.push(labelled()),
            Part::Outcomes => project.expected_outcomes.push(labelled()),
            Part::Responsible => project.responsible.push(Responsibility {
                role: ResponsibleRole::Main,
                text: content.clone(),
                org: None,
                unit: None,
            }),
            Part::Kpis => {
                let item = labelled();
                let mut k = Kpi::new(item.text.clone());
                k.label = item.label;
                if let Some((target, written)) = in_name(&k.name) {
                    let each_year = ["แต่ละปี", "ทุกปี", "ต่อปี", "ปีละ"]
                        .iter()
                        .any(|w| k.name.contains(w));
                    if each_year {
                        if matches!(target, phaen_domain::Target::Numeric { percent: true, .. }) {
                            k.unit = Some("ร้อยละ".into());
                        }
                        k.targets = years
                            .iter()
                            .map(|&year| YearTarget {
                                year,
                                target: target.clone(),
                                written: Some(written.clone()),
                            })
                            .collect();
                    } else {
                        k.notes.push(written);
                    }
                }
                ctx.ledger
                    .became(&p.loc, "success indicator of the project", k.id.as_str());
                project.kpis.push(k);
                return true;
            }
            Part::Activities | Part::Budget => return false,
        }
        let what = match part {
            Part::Objectives => "project objective",
            Part::TargetGroups => "project target group",
            Part::Outcomes => "expected outcome",
            _ => "responsible unit",
        };
        ctx.ledger.became(&p.loc, what, id);
        true
    }

    /// A row of the activity table; `false` when it is not one.
    pub fn row(&mut self, ctx: &mut Ctx, model: &mut Model, row: &Row) -> bool {
        let c0 = row.cell(0).trim().to_string();
        let context = |ctx: &mut Ctx| {
            for c in row.cells.iter().filter(|c| !c.is_empty()) {
                ctx.ledger.context(&c.loc, "activity table header");
            }
        };
        if c0.is_empty() {
            let ys: Vec<(usize, BeYear)> = row
                .cells
                .iter()
                .enumerate()
                .filter_map(|(i, c)| year_cell(&c.text()).map(|y| (i, y)))
                .collect();
            if ys.len() >= 2 {
                self.years = ys;
            } else if self.years.is_empty()
                && let Some((i, (a, b))) = row
                    .cells
                    .iter()
                    .enumerate()
                    .find_map(|(i, c)| year_range(&c.text()).map(|r| (i, r)))
            {
                self.years = (a.get()..=b.get())
                    .enumerate()
                    .filter_map(|(j, y)| BeYear::new(y).ok().map(|y| (i + j, y)))
                    .collect();
            }
            context(ctx);
            return true;
        }
        let Some((label, rest)) = split_number_label(&c0) else {
            return false;
        };
        match part_of(&rest) {
            Some(Part::Activities) => {
                self.part = Some(Part::Activities);
                self.years.clear();
                context(ctx);
                true
            }
            Some(Part::Budget) => {
                self.part = Some(Part::Budget);
                self.budget(ctx, model, row, &rest);
                true
            }
            _ if key_of(&label).contains('.') && self.part == Some(Part::Activities) => {
                self.activity(ctx, model, row, &label, &rest);
                true
            }
            _ => false,
        }
    }

    fn budget(&self, ctx: &mut Ctx, model: &mut Model, row: &Row, heading: &str) {
        let unit = if heading.contains("ล้านบาท") {
            MoneyUnit::MillionBaht
        } else {
            MoneyUnit::Baht
        };
        ctx.ledger
            .context(&row.cells[0].loc, "budget estimate heading");
        let Some(project) = self.project(model) else {
            return;
        };
        if !project.budget.is_empty() {
            ctx.warn(Some(&row.loc), "โครงการนี้มีงบประมาณจากตารางแล้ว จึงไม่ได้อ่านประมาณการซ้ำ", "the project already has a budget from the tables; the sheet's estimate was not read again");
            return;
        }
        let id = project.id.to_string();
        for &(c, year) in &self.years {
            let written = row.cell(c).trim().to_string();
            match value(&written) {
                Some(Some(v)) => {
                    if let Some(line) = budget_line(year, v, unit, written) {
                        project.budget.push(line);
                        ctx.ledger
                            .became(&row.cells[c].loc, format!("budget {year}"), &id);
                    }
                }
                Some(None) => {
                    ctx.ledger
                        .became(&row.cells[c].loc, format!("no budget in {year} ('-')"), &id)
                }
                None => {}
            }
        }
    }

    /// An activity with its timeline: ↔ a span in that year, ← ... → from one year to another
    /// (the years between continue), words are that year's target or note.
    fn activity(&self, ctx: &mut Ctx, model: &mut Model, row: &Row, label: &str, title: &str) {
        let mut a = Element::new(ElementKind::Activity, title).with_label(label);
        let id = a.id.to_string();
        ctx.ledger.became(&row.cells[0].loc, "activity", &id);
        let mut slots: Vec<Option<TimelineEntry>> = vec![None; self.years.len()];
        let mut open: Option<usize> = None;
        let mut last_filled = None;
        for (j, &(c, year)) in self.years.iter().enumerate() {
            let written = row.cell(c).trim().to_string();
            let (mark, note) = match written.as_str() {
                "" => continue,
                "↔" | "✓" | "√" => (Some(TimelineMark::Span), None),
                "←" => {
                    open = Some(j);
                    (Some(TimelineMark::Start), None)
                }
                "→" => {
                    if let Some(s) = open.take() {
                        for (k, slot) in slots.iter_mut().enumerate().take(j).skip(s + 1) {
                            slot.get_or_insert(TimelineEntry {
                                year: self.years[k].1,
                                quarter: None,
                                mark: Some(TimelineMark::Continue),
                                note: None,
                            });
                        }
                    }
                    (Some(TimelineMark::End), None)
                }
                _ => (None, Some(written.clone())),
            };
            slots[j] = Some(TimelineEntry {
                year,
                quarter: None,
                mark,
                note,
            });
            last_filled = Some(j);
            ctx.ledger
                .became(&row.cells[c].loc, format!("timeline {year}"), &id);
        }
        a.timeline = slots.into_iter().flatten().collect();
        let loc: &Loc = &row.cells[0].loc;
        if a.timeline.is_empty() {
            ctx.warn(
                Some(loc),
                format!("กิจกรรม {label} ไม่ได้ระบุช่วงปีที่ดำเนินการ"),
                format!("activity {label} marks no year"),
            );
        } else if let Some(j) = last_filled.filter(|j| j + 1 < self.years.len())
            && a.timeline.iter().all(|t| t.note.is_some())
        {
            let from = self.years[j + 1].1;
            ctx.warn(
                Some(loc),
                format!("กิจกรรม {label}: ช่องปี {from} เป็นต้นไปว่าง อาจเป็นเซลล์ผสานจากปีก่อน; อ่านตามที่เขียน"),
                format!("activity {label}: the cells from {from} on are blank, perhaps merged with the year before; read as written"),
            );
        }
        if let Some(project) = self.project(model) {
            project.children.push(a);
        }
    }
}
