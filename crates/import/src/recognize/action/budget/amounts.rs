//! A project's budget from the amounts on its row: one line per year in the table's unit
//! (exact baht), the stated total (รวม) kept beside them, merged-cell repeats set aside. When
//! the years do not add up to the total, one reading is tried: a two-digit amount that lost
//! its decimal point ('๑๕' for '๑.๕'); it is taken only if it makes the sum agree, and said.

use phaen_domain::{Baht, BudgetLine, MoneyUnit};
use rust_decimal::Decimal;

use super::{Awaiting, Budget, text};
use crate::doc::Row;
use crate::recognize::Ctx;
use crate::recognize::action::model::Model;

pub(super) fn apply(
    b: &mut Budget,
    ctx: &mut Ctx,
    model: &mut Model,
    row: &Row,
    to: Awaiting,
    vals: &[usize],
) {
    let unit = b.unit.unwrap_or(MoneyUnit::MillionBaht);
    let Some((mut years, total, extras)) = b.split(row, vals) else {
        ctx.warn(
            Some(&row.loc),
            format!(
                "แถวงบประมาณมีจำนวนเงิน {} ช่อง น้อยกว่า {} ปีของหัวตาราง จึงไม่ได้อ่าน",
                vals.len(),
                b.years.len()
            ),
            format!(
                "a budget row has {} amounts for {} years; it was not read",
                vals.len(),
                b.years.len()
            ),
        );
        return;
    };
    let (issue, index, repeat) = match to {
        Awaiting::Project { issue, index } => (issue, index, false),
        Awaiting::Repeat { issue, index } => (issue, index, true),
    };
    let Some(project) = model.project(&issue, index) else {
        return;
    };
    let label = project
        .el
        .label
        .clone()
        .unwrap_or_else(|| "(ไม่ระบุชื่อ)".into());
    let m = |d: Decimal| d.normalize().to_string();
    let sum: Decimal = years.iter().flatten().sum();
    if let Some(t) = total.filter(|t| *t != sum) {
        if let Some((from, to)) = lost_point(&years, t) {
            for v in years.iter_mut().flatten().filter(|v| **v == from) {
                *v = to;
            }
            ctx.warn(
                Some(&row.loc),
                format!(
                    "โครงการ {label}: ผลรวมรายปีตามที่เขียนคือ {} ไม่เท่ากับยอดรวมที่ระบุ {}; อ่าน '{}' เป็น '{}' (จุดทศนิยมหาย) ซึ่งทำให้รวมได้ {} ตามที่ระบุ",
                    m(sum), m(t), m(from), m(to), m(t)
                ),
                format!(
                    "project {label}: as written its years sum to {}, not the stated {}; {} was read as {} (a decimal point lost), which makes them add up to the stated total",
                    m(sum), m(t), m(from), m(to)
                ),
            );
        } else if !repeat {
            ctx.warn(
                Some(&row.loc),
                format!("โครงการ {label}: ยอดรวมที่ระบุ (รวม) {} ไม่เท่ากับผลรวมรายปี {}; เก็บไว้ทั้งสองค่า", m(t), m(sum)),
                format!("project {label}: the stated total (รวม) {} differs from the sum of its years {}; both are kept", m(t), m(sum)),
            );
        }
    }
    let mut lines: Vec<BudgetLine> = Vec::new();
    for ((v, &year), &i) in years.iter().zip(&b.years).zip(vals) {
        let Some(v) = v else { continue };
        match Baht::from_unit(*v, unit) {
            Ok(amount_baht) => lines.push(BudgetLine {
                year: Some(year),
                amount_baht,
                source_unit: unit,
                written: Some(text(row, i)),
            }),
            Err(e) => ctx.warn(
                Some(&row.cells[i].loc),
                format!("อ่านจำนวนเงิน '{}' ไม่ได้", text(row, i)),
                e.to_string(),
            ),
        }
    }
    let stated = total.and_then(|t| Baht::from_unit(t, unit).ok());
    let id = project.el.id.to_string();
    if repeat {
        let same = project.el.budget == lines && project.el.budget_total_stated == stated;
        if !same {
            ctx.warn(
                Some(&row.loc),
                format!("โครงการ {label} ซ้ำในตาราง แต่งบประมาณต่างจากครั้งแรก; ใช้ครั้งแรก"),
                format!(
                    "project {label} is written again with a different budget; the first was kept"
                ),
            );
        }
        for &i in vals {
            ctx.ledger.context(
                &row.cells[i].loc,
                "budget of a repeated project (counted once)",
            );
        }
        return;
    }
    project.el.budget = lines;
    project.el.budget_total_stated = stated;
    for (&i, year) in vals.iter().zip(&b.years) {
        ctx.ledger
            .became(&row.cells[i].loc, format!("budget {year}"), &id);
    }
    if vals.len() > b.years.len() {
        ctx.ledger.became(
            &row.cells[vals[vals.len() - 1]].loc,
            "stated total (รวม)",
            &id,
        );
    }
    let last = years.last().copied().flatten();
    for &i in &extras {
        let v = crate::recognize::action::cells::value(&text(row, i)).flatten();
        if v != last && !(v.is_some() && years.iter().flatten().all(|y| Some(*y) == v)) {
            ctx.warn(
                Some(&row.cells[i].loc),
                format!("โครงการ {label}: ช่อง '{}' ระหว่างปีสุดท้ายกับยอดรวมไม่ตรงกับค่าปีสุดท้าย จึงไม่ได้นับ", text(row, i)),
                format!("project {label}: an extra amount '{}' between the last year and the total was not counted", text(row, i)),
            );
        }
        ctx.ledger.context(
            &row.cells[i].loc,
            "an amount repeated by a merged cell (not counted)",
        );
    }
}

/// A whole amount of ten or more read as if its decimal point were lost ('15' for '1.5'), when
/// that alone makes the years add up to `total`.
fn lost_point(years: &[Option<Decimal>], total: Decimal) -> Option<(Decimal, Decimal)> {
    let mut candidates: Vec<Decimal> = years
        .iter()
        .flatten()
        .copied()
        .filter(|v| v.fract().is_zero() && *v >= Decimal::TEN)
        .collect();
    candidates.dedup();
    candidates.into_iter().find_map(|v| {
        let to = v / Decimal::TEN;
        let sum: Decimal = years
            .iter()
            .flatten()
            .map(|x| if *x == v { to } else { *x })
            .sum();
        (sum == total).then_some((v, to))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lost_decimal_point_is_found_only_when_it_makes_the_sum() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        let years = [
            Some(d("0.5")),
            Some(d("5")),
            Some(d("15")),
            Some(d("15")),
            Some(d("15")),
        ];
        assert_eq!(lost_point(&years, d("10")), Some((d("15"), d("1.5"))));
        let years = [
            Some(d("10")),
            Some(d("1")),
            Some(d("1")),
            Some(d("1")),
            Some(d("1")),
        ];
        assert_eq!(lost_point(&years, d("13")), None);
    }
}
