//! KPIs of a detail-table row and their yearly targets: a KPI cell may hold several KPIs
//! ('๒. ... ๓. ...'); the first takes the row's unit and targets, the others wait for rows
//! that carry targets but no name.

use phaen_domain::{BeYear, Kpi, YearTarget};

use super::{Budget, text};
use crate::doc::Row;
use crate::recognize::Ctx;
use crate::recognize::action::cells::split_labels;
use crate::recognize::action::model::Model;
use crate::targets::parse_cell;

impl Budget {
    /// KPIs and their targets: the KPI cell may hold several ('๒. ... ๓. ...'); the first
    /// takes this row's unit and targets, the others wait for rows with targets and no name.
    pub(super) fn kpis(
        &mut self,
        ctx: &mut Ctx,
        model: &mut Model,
        row: &Row,
        pre: &[usize],
        vals: &[usize],
    ) {
        let (c1, c2) = (text(row, 1), text(row, 2));
        if self.is_year_header(row, pre) {
            for &i in pre {
                ctx.ledger
                    .context(&row.cells[i].loc, "year header repeated inside a data row");
            }
            return self.kpi_names(ctx, model, row, &c1, &c2, &[]);
        }
        if !c1.is_empty() {
            return self.kpi_names(ctx, model, row, &c1, &c2, pre);
        }
        if pre.is_empty() {
            return;
        }
        let Some((issue, index)) = self.pending_kpis.pop_front() else {
            ctx.warn(
                Some(&row.loc),
                "ค่าเป้าหมายในแถวนี้ไม่มีชื่อตัวชี้วัดและหน่วยนับ จึงไม่ได้นำไปผูกกับตัวชี้วัดใด (ยังไม่ได้อ่าน)",
                "the targets on this row have no KPI name and no unit; they were left unattributed",
            );
            return;
        };
        let mirror = pre.len() <= vals.len()
            && pre
                .iter()
                .zip(vals)
                .all(|(&a, &b)| text(row, a) == text(row, b));
        let years = self.years.clone();
        let Some(k) = model.kpi(&issue, index) else {
            return;
        };
        if mirror {
            ctx.warn(
                Some(&row.loc),
                format!(
                    "ค่าเป้าหมายของตัวชี้วัด {} ในแถวนี้ซ้ำกับงบประมาณของโครงการในแถวเดียวกันทุกช่อง อาจล้นมาจากช่องงบประมาณ; อ่านเป็นค่าเป้าหมายตามที่เขียน",
                    k.label.as_deref().unwrap_or_default().trim_end_matches('.')
                ),
                format!(
                    "KPI {}'s targets on this row mirror the budget cells of the project beside them and may be a spill; they were read as targets, as written",
                    k.label.as_deref().unwrap_or_default().trim_end_matches('.')
                ),
            );
        }
        if !c2.is_empty() {
            k.unit = Some(c2);
            ctx.ledger
                .became(&row.cells[2].loc, "KPI unit", k.id.as_str());
        }
        set_targets(ctx, k, row, pre, &years);
    }

    pub(super) fn kpi_names(
        &mut self,
        ctx: &mut Ctx,
        model: &mut Model,
        row: &Row,
        c1: &str,
        c2: &str,
        targets: &[usize],
    ) {
        if c1.is_empty() {
            return;
        }
        let Some(issue) = self.issue.clone() else {
            ctx.warn(
                Some(&row.cells[1].loc),
                "ตัวชี้วัดอยู่ก่อนยุทธศาสตร์ใด ๆ",
                "a KPI comes before any strategic issue",
            );
            return;
        };
        let years = self.years.clone();
        let (prefix, mut items) = split_labels(c1, false);
        if !prefix.is_empty() {
            items.insert(0, (String::new(), prefix));
        }
        let Some(target) = model.issue(&issue) else {
            return;
        };
        let mut first_id = None;
        for (j, (label, name)) in items.into_iter().enumerate() {
            let mut k = Kpi::new(name);
            k.label = (!label.is_empty()).then_some(label);
            if j == 0 {
                if !c2.is_empty() {
                    k.unit = Some(c2.to_string());
                    ctx.ledger
                        .became(&row.cells[2].loc, "KPI unit", k.id.as_str());
                }
                set_targets(ctx, &mut k, row, targets, &years);
                first_id = Some(k.id.to_string());
            } else {
                self.pending_kpis
                    .push_back((issue.clone(), target.el.kpis.len()));
            }
            target.el.kpis.push(k);
        }
        if let Some(id) = first_id {
            ctx.ledger
                .became(&row.cells[1].loc, "KPI of the strategic issue", id);
        }
    }
}

fn set_targets(ctx: &mut Ctx, k: &mut Kpi, row: &Row, cells: &[usize], years: &[BeYear]) {
    if cells.is_empty() {
        return;
    }
    if cells.len() != years.len() {
        ctx.warn(
            Some(&row.loc),
            format!(
                "ตัวชี้วัด {} มีค่าเป้าหมาย {} ช่อง แต่หัวตารางมี {} ปี",
                k.label.clone().unwrap_or_default(),
                cells.len(),
                years.len()
            ),
            format!(
                "KPI {} has {} target cells for {} years",
                k.label.clone().unwrap_or_default(),
                cells.len(),
                years.len()
            ),
        );
    }
    for (&i, &year) in cells.iter().zip(years) {
        let written = text(row, i);
        let Some(target) = parse_cell(&written) else {
            continue;
        };
        k.targets.push(YearTarget {
            year,
            target,
            written: Some(written),
        });
        ctx.ledger.became(
            &row.cells[i].loc,
            format!("KPI target {year}"),
            k.id.as_str(),
        );
    }
}
