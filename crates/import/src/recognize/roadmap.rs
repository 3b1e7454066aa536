//! A provincial office's roadmap (Road Map) tying local projects to a national plan, as seed 003
//! writes it: a title naming the higher plan, the period and the revision ('ครั้งที่ 2'), the
//! office, 'ข้อมูล ณ วันที่ ...', then one table. The table's header block repeats at every page
//! break; its columns are found by their words and the readiness years are read from it. Group
//! rows name the higher plan's strategies ('ยุทธศาสตร์ชาติที่ 1 : ...') or a cooperative type
//! ('ทุกประเภท'); every numbered row is a project.

mod layout;
mod text;

use chrono::NaiveDate;
use phaen_domain::thai::parse_thai_date;
use phaen_domain::{
    Baht, BeYear, BudgetLine, Element, ElementKind, Kpi, MoneyUnit, Period, Plan, PlanKind,
    PlanReference, PlanStatus, ProgressResult, Readiness, Responsibility, ResponsibleRole,
    TextItem, YearBasis,
};

use super::{Ctx, owner};
use crate::doc::{Block, Row};
use crate::error::{Error, Result};
use crate::words::{split_word_label, squash};
use layout::{Columns, Head};
use text::{alignment, is_none, parent_title, revision, year_range};

/// Reads a roadmap: the header lines give the plan, the table gives one element per row.
pub fn read(ctx: &mut Ctx) -> Result<Plan> {
    let doc = ctx.doc;
    let head = Head::find(doc.blocks.iter())?;
    let title = head.title;
    let parent = parent_title(&title.text);
    let as_of = head.as_of.and_then(|p| {
        let written = p.text.split("ณ วันที่").nth(1).unwrap_or_default();
        match parse_thai_date(written) {
            Ok(date) => Some((date, &p.loc)),
            Err(e) => {
                ctx.warn(
                    Some(&p.loc),
                    format!("อ่านวันที่ของข้อมูลไม่ได้: {written}"),
                    format!("the data-as-of date could not be read: {e}"),
                );
                None
            }
        }
    });
    let mut reader = Reader {
        as_of: as_of.map(|a| a.0),
        parent: parent.clone(),
        ..Reader::default()
    };
    for block in &doc.blocks {
        if let Block::Table(t) = block {
            for row in &t.rows {
                reader.row(ctx, row)?;
            }
        }
    }
    reader.flush_header(ctx)?;
    let period = match year_range(&title.text).or(reader.readiness_span()) {
        Some((from, to)) => Period::new(from, to)?,
        None => {
            return Err(Error::at(
                &title.loc,
                "the title names no period (พ.ศ. ปปปป-ปปปป)",
            ));
        }
    };
    let owner = match (&ctx.owner, head.owner) {
        (Some(org), _) => org.clone(),
        (None, Some(p)) => owner::infer(&p.text),
        (None, None) => {
            return Err(Error::at(
                &title.loc,
                "no line names the office the roadmap belongs to",
            ));
        }
    };
    let mut plan = Plan::new(PlanKind::Roadmap, title.text.clone(), owner, period);
    plan.year_basis = YearBasis::FiscalYear;
    plan.status = PlanStatus::Draft;
    plan.revision = revision(&title.text);
    plan.parent_plan = parent.map(|t| PlanReference { id: None, title: t });
    plan.as_of = as_of.map(|a| a.0);
    plan.elements = reader.elements;
    let id = plan.id.to_string();
    ctx.ledger.became(
        &title.loc,
        "plan title, period, revision and parent plan",
        &id,
    );
    if let Some(p) = head.owner {
        if ctx.owner.is_some() {
            ctx.ledger.context(
                &p.loc,
                "the office named in the document (the organization given replaces it)",
            );
        } else {
            ctx.ledger.became(&p.loc, "plan owner", &id);
        }
    }
    if let Some((_, loc)) = as_of {
        ctx.ledger.became(loc, "data as of (ข้อมูล ณ วันที่)", &id);
    }
    Ok(plan)
}

/// Reads the table row by row into strategic issues, groups and projects.
#[derive(Default)]
struct Reader {
    cols: Option<Columns>,
    header: Vec<Row>,
    elements: Vec<Element>,
    /// Index of the current strategic issue in `elements`.
    issue: Option<usize>,
    /// Index of the current group: among the issue's children, or at the top.
    group: Option<usize>,
    /// The date results are as of, and the higher plan's title, from the paragraphs above.
    as_of: Option<NaiveDate>,
    parent: Option<String>,
}

impl Reader {
    fn row(&mut self, ctx: &mut Ctx, row: &Row) -> Result<()> {
        let first = row.cell(0);
        if squash(&first) == "ที่" || (first.trim().is_empty() && !self.header.is_empty()) {
            self.header.push(row.clone());
            return Ok(());
        }
        self.flush_header(ctx)?;
        if first.trim().is_empty() {
            ctx.warn(
                Some(&row.loc),
                "แถวนี้ไม่มีลำดับที่ จึงไม่ได้อ่านเป็นโครงการ",
                "a row without a number in the first column was not read as a project",
            );
            return Ok(());
        }
        if row.cells.iter().skip(1).all(|c| c.is_empty()) {
            self.group_row(ctx, row, first.trim());
        } else {
            self.project_row(ctx, row, first.trim());
        }
        Ok(())
    }

    /// The header block just read: the first one places the columns, later ones (page breaks)
    /// must agree with it.
    fn flush_header(&mut self, ctx: &mut Ctx) -> Result<()> {
        if self.header.is_empty() {
            return Ok(());
        }
        let rows = std::mem::take(&mut self.header);
        let cols = Columns::from_header(&rows);
        let what = if self.cols.is_none() {
            "table header"
        } else {
            "table header repeated after a page break"
        };
        for cell in rows
            .iter()
            .flat_map(|r| r.cells.iter())
            .filter(|c| !c.is_empty())
        {
            ctx.ledger.context(&cell.loc, what);
        }
        match &self.cols {
            None if cols.project.is_none() => {
                return Err(Error::at(&rows[0].loc, "the table header has no project column (งาน/โครงการ)"));
            }
            None => self.cols = Some(cols),
            Some(first) if *first != cols => ctx.warn(
                Some(&rows[0].loc),
                "หัวตารางที่ซ้ำหลังขึ้นหน้าใหม่วางคอลัมน์ต่างจากหัวตารางแรก จึงใช้ตามหัวตารางแรก",
                "a header repeated after a page break places the columns differently; the first header's columns were kept",
            ),
            Some(_) => {}
        }
        Ok(())
    }

    fn group_row(&mut self, ctx: &mut Ctx, row: &Row, text: &str) {
        let loc = &row.cells[0].loc;
        let issue = split_word_label(text, "ยุทธศาสตร์ชาติ")
            .or_else(|| split_word_label(text, "ยุทธศาสตร์"))
            .and_then(|(label, title)| label.map(|l| (l, title)));
        if let Some((label, title)) = issue {
            let title = if title.is_empty() {
                label.clone()
            } else {
                title
            };
            let e = Element::new(ElementKind::StrategicIssue, title).with_label(label);
            ctx.ledger.became(
                loc,
                "strategic issue of the higher plan (group row)",
                e.id.as_str(),
            );
            self.elements.push(e);
            self.issue = Some(self.elements.len() - 1);
            self.group = None;
            return;
        }
        let mut e = Element::new(ElementKind::Group, text);
        e.coop_type = Some(text.to_string());
        ctx.ledger
            .became(loc, "group of rows by cooperative type", e.id.as_str());
        let siblings = match self.issue {
            Some(i) => &mut self.elements[i].children,
            None => &mut self.elements,
        };
        siblings.push(e);
        self.group = Some(siblings.len() - 1);
    }

    fn project_row(&mut self, ctx: &mut Ctx, row: &Row, number: &str) {
        let Some(cols) = &self.cols else {
            ctx.warn(
                Some(&row.loc),
                "พบแถวข้อมูลก่อนหัวตาราง จึงไม่ได้อ่าน",
                "a data row before any table header was not read",
            );
            return;
        };
        let text = |c: Option<usize>| {
            c.map(|c| row.cell(c).trim().to_string())
                .unwrap_or_default()
        };
        let loc = |c: usize| row.cells.get(c).map(|x| x.loc.clone());
        let mut title = text(cols.project);
        if title.is_empty() {
            title = format!("โครงการลำดับที่ {number}");
            ctx.warn(
                Some(&row.loc),
                "แถวนี้ไม่มีชื่องาน/โครงการ",
                "the row names no project; it was kept under its number",
            );
        }
        let mut e = Element::new(ElementKind::Project, title).with_label(number);
        let id = e.id.to_string();
        let mut used: Vec<(usize, &str)> = vec![(0, "project number as written")];
        if let Some(c) = cols.project {
            used.push((c, "project"));
        }
        let kpi = text(cols.kpi);
        if !is_none(&kpi) {
            let k = Kpi::new(kpi);
            if let Some(l) = cols.kpi.and_then(loc) {
                ctx.ledger.became(&l, "project KPI", k.id.as_str());
            }
            e.kpis.push(k);
        } else if let Some(c) = cols.kpi {
            used.push((c, "no KPI ('-')"));
        }
        let group = text(cols.target_group);
        if !is_none(&group) {
            e.target_groups.push(TextItem::plain(group));
        }
        if let Some(c) = cols.target_group {
            used.push((c, "target group"));
        }
        if let Some((c, unit)) = cols.budget {
            let written = row.cell(c).trim().to_string();
            if !is_none(&written) {
                let unit = if written.ends_with("ล้านบาท") {
                    MoneyUnit::MillionBaht
                } else {
                    unit
                };
                match Baht::parse_in(&written, unit) {
                    Ok(amount) => {
                        e.budget.push(BudgetLine {
                            year: None,
                            amount_baht: amount,
                            source_unit: unit,
                            written: Some(written),
                        });
                        used.push((c, "estimated budget for the project"));
                    }
                    Err(err) => ctx.warn(
                        loc(c).as_ref(),
                        format!("อ่านงบประมาณ '{written}' ไม่ได้"),
                        format!("the budget '{written}' could not be read: {err}"),
                    ),
                }
            } else {
                used.push((c, "no budget ('-')"));
            }
        }
        for &(c, kind, year) in &cols.readiness {
            let cell = row.cell(c);
            let ready = match cell.trim() {
                "" => continue,
                "√" | "✓" | "✔" | "/" => true,
                "-" | "–" | "×" | "✗" | "x" | "X" => false,
                other => {
                    ctx.warn(
                        loc(c).as_ref(),
                        format!("เครื่องหมายความพร้อม '{other}' อ่านไม่ได้"),
                        format!("the readiness mark '{other}' is neither √ nor -"),
                    );
                    continue;
                }
            };
            e.readiness.push(Readiness { year, kind, ready });
            used.push((c, "readiness flag"));
        }
        for (col, role) in [
            (cols.main, ResponsibleRole::Main),
            (cols.support, ResponsibleRole::Support),
        ] {
            let Some(c) = col else { continue };
            for part in row
                .cell(c)
                .split(',')
                .map(str::trim)
                .filter(|p| !p.is_empty())
            {
                e.responsible.push(Responsibility {
                    role,
                    text: part.to_string(),
                    org: None,
                    unit: None,
                });
            }
            used.push((c, "responsible unit"));
        }
        let align = cols.align.map(|c| row.cell(c).trim().to_string());
        if let (Some(c), Some(written)) = (cols.align, &align) {
            if is_none(written) || written.contains("ตัวชี้วัดที่") || written.contains("แนวทางที่")
            {
                used.push((c, "alignment with the higher plan"));
            } else {
                ctx.warn(
                    loc(c).as_ref(),
                    format!("อ่านความสอดคล้อง '{written}' ไม่ได้ (ไม่มี 'ตัวชี้วัดที่' หรือ 'แนวทางที่')"),
                    "an alignment cell names neither a KPI (ตัวชี้วัดที่) nor a guideline (แนวทางที่)",
                );
            }
        }
        let result = text(cols.results);
        if let Some(c) = cols.results {
            used.push((
                c,
                if is_none(&result) {
                    "no results yet ('-')"
                } else {
                    "results (ผลการดำเนินงาน)"
                },
            ));
        }
        for (c, what) in used {
            if let Some(l) = loc(c) {
                ctx.ledger.became(&l, what, &id);
            }
        }
        if let Some(written) = align {
            let scope = self.issue.and_then(|i| self.elements[i].label.clone());
            e.aligned_to = alignment(&written, scope.as_deref(), self.parent.as_deref());
        }
        if !is_none(&result) {
            e.results.push(ProgressResult {
                as_of: self.as_of,
                year: None,
                narrative: result,
                actuals: Vec::new(),
            });
        }
        let siblings = match self.issue {
            Some(i) => &mut self.elements[i].children,
            None => &mut self.elements,
        };
        match self.group {
            Some(g) => siblings[g].children.push(e),
            None => siblings.push(e),
        }
    }

    /// The first and last readiness years, for a title that names no period.
    fn readiness_span(&self) -> Option<(BeYear, BeYear)> {
        let years = self.cols.as_ref()?.readiness.iter().map(|r| r.2);
        Some((years.clone().min()?, years.max()?))
    }
}
