//! Checking many progress rows at once (a CSV or Excel file, or an API call) against a plan:
//! each row must name one of the plan's KPIs (by id, label or name), a period inside the plan
//! at the frequency the KPI reports, and a value of the KPI's kind, once. Rows that fail are
//! listed with their row, column and why; the caller writes all rows or none.

use std::collections::{HashMap, HashSet};

use crate::evaluate::ActualValue;
use crate::ids::KpiId;
use crate::kpi::Kpi;
use crate::plan::Plan;
use crate::progress::{Frequency, Period, read_value, value_kind};

/// A row as filed: its number in the file (from 1, the header being row 1) and its cells.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RawRow {
    pub row: usize,
    pub kpi: String,
    pub period: String,
    pub value: String,
    pub narrative: String,
}

/// A row that passed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidRow {
    pub row: usize,
    pub kpi: KpiId,
    pub period: Period,
    pub value: ActualValue,
    pub narrative: String,
}

/// A row that did not, and why.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Rejected {
    pub row: usize,
    pub column: &'static str,
    pub message_th: String,
    pub message_en: String,
}

/// The KPIs of a plan, found by id, label or name.
struct Finder<'a> {
    by_id: HashMap<&'a str, &'a Kpi>,
    by_label: HashMap<&'a str, Vec<&'a Kpi>>,
    by_name: HashMap<&'a str, Vec<&'a Kpi>>,
}

impl<'a> Finder<'a> {
    fn new(plan: &'a Plan) -> Finder<'a> {
        let mut f = Finder {
            by_id: HashMap::new(),
            by_label: HashMap::new(),
            by_name: HashMap::new(),
        };
        for (_, k) in plan.all_kpis() {
            f.by_id.insert(k.id.as_str(), k);
            if let Some(l) = &k.label {
                f.by_label.entry(l.trim()).or_default().push(k);
            }
            f.by_name.entry(k.name.trim()).or_default().push(k);
        }
        f
    }

    fn find(&self, key: &str) -> Result<&'a Kpi, (String, String)> {
        let key = key.trim();
        if let Some(k) = self.by_id.get(key) {
            return Ok(k);
        }
        for map in [&self.by_label, &self.by_name] {
            match map.get(key).map(Vec::as_slice) {
                Some([one]) => return Ok(one),
                Some([_, _, ..]) => {
                    return Err((
                        format!("'{key}' ตรงกับตัวชี้วัดมากกว่าหนึ่งตัว ใช้รหัสตัวชี้วัดแทน"),
                        format!("'{key}' matches more than one KPI; use the KPI's id"),
                    ));
                }
                _ => {}
            }
        }
        Err((
            format!("ไม่พบตัวชี้วัด '{key}' ในแผนนี้"),
            format!("no KPI '{key}' in this plan"),
        ))
    }
}

/// Checks `rows` against `plan`, each KPI reporting at `frequency_of` (yearly when unset).
pub fn check_rows(
    plan: &Plan,
    frequency_of: &HashMap<KpiId, Frequency>,
    rows: &[RawRow],
) -> (Vec<ValidRow>, Vec<Rejected>) {
    let finder = Finder::new(plan);
    let mut valid = Vec::with_capacity(rows.len());
    let mut rejected = Vec::new();
    let mut seen: HashSet<(&str, Period)> = HashSet::with_capacity(rows.len());
    for r in rows {
        let reject = |column, (th, en): (String, String)| Rejected {
            row: r.row,
            column,
            message_th: th,
            message_en: en,
        };
        let kpi = match finder.find(&r.kpi) {
            Ok(k) => k,
            Err(why) => {
                rejected.push(reject("kpi", why));
                continue;
            }
        };
        let period = match Period::parse_written(&r.period, plan.year_basis) {
            Ok(p) => p,
            Err(e) => {
                rejected.push(reject("period", split(e)));
                continue;
            }
        };
        if !plan.period.contains(period.year) {
            rejected.push(reject(
                "period",
                (
                    format!(
                        "งวด {} อยู่นอกระยะเวลาของแผน ({} - {})",
                        period.key(),
                        plan.period.from,
                        plan.period.to
                    ),
                    format!(
                        "period {} is outside the plan ({} - {})",
                        period.key(),
                        plan.period.from,
                        plan.period.to
                    ),
                ),
            ));
            continue;
        }
        let expected = frequency_of.get(&kpi.id).copied().unwrap_or_default();
        if period.frequency != expected {
            rejected.push(reject(
                "period",
                (
                    format!(
                        "ตัวชี้วัดนี้รายงาน{} แต่งวด {} ไม่ใช่",
                        expected.label_th(),
                        period.key()
                    ),
                    format!(
                        "this KPI reports {} but {} is not such a period",
                        expected.as_str(),
                        period.key()
                    ),
                ),
            ));
            continue;
        }
        let value = match read_value(value_kind(kpi, period.year), &r.value) {
            Ok(v) => v,
            Err(e) => {
                rejected.push(reject("value", split(e)));
                continue;
            }
        };
        if !seen.insert((kpi.id.as_str(), period)) {
            rejected.push(reject(
                "period",
                (
                    format!("ตัวชี้วัดและงวด {} ซ้ำกับแถวก่อนหน้า", period.key()),
                    format!(
                        "this KPI and period {} appear in an earlier row",
                        period.key()
                    ),
                ),
            ));
            continue;
        }
        valid.push(ValidRow {
            row: r.row,
            kpi: kpi.id.clone(),
            period,
            value,
            narrative: r.narrative.trim().to_string(),
        });
    }
    (valid, rejected)
}

fn split(e: crate::error::Error) -> (String, String) {
    match e {
        crate::error::Error::Refused { th, en } => (th, en),
        other => (other.to_string_th(), other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::element::{Element, ElementKind};
    use crate::kpi::{Comparator, Target, YearTarget};

    fn plan() -> Plan {
        let mut p = crate::testing::plan();
        let mut s = Element::new(ElementKind::Strategy, "กลยุทธ์");
        let mut k = Kpi::new("อัตราการเติบโตของเงินฝาก");
        k.label = Some("1.1".into());
        k.targets.push(YearTarget {
            year: p.period.from,
            target: Target::Numeric {
                comparator: Comparator::AtLeast,
                value: 5.into(),
                percent: true,
            },
            written: None,
        });
        s.kpis.push(k);
        let mut words = Kpi::new("มีระบบสารสนเทศ");
        words.targets.push(YearTarget {
            year: p.period.from,
            target: Target::Text {
                text: "ใช้งานได้".into(),
            },
            written: None,
        });
        s.kpis.push(words);
        p.elements.push(s);
        p
    }

    fn row(n: usize, kpi: &str, period: &str, value: &str) -> RawRow {
        RawRow {
            row: n,
            kpi: kpi.into(),
            period: period.into(),
            value: value.into(),
            narrative: String::new(),
        }
    }

    #[test]
    fn good_rows_pass_and_each_bad_row_says_its_column_and_why() {
        let p = plan();
        let rows = [
            row(2, "1.1", "2568", "6.5"),
            row(3, "มีระบบสารสนเทศ", "ปี 2568", "บรรลุ"),
            row(4, "9.9", "2568", "1"),
            row(5, "1.1", "2590", "1"),
            row(6, "1.1", "2568-M01", "1"),
            row(7, "1.1", "2569", "หกจุดห้า"),
            row(8, "1.1", "2568", "7"),
            row(9, "1.1", "เมื่อวาน", "7"),
        ];
        let (valid, rejected) = check_rows(&p, &HashMap::new(), &rows);
        assert_eq!(valid.len(), 2);
        assert_eq!(valid[1].value, ActualValue::Met(true));
        let got: Vec<(usize, &str)> = rejected.iter().map(|r| (r.row, r.column)).collect();
        assert_eq!(
            got,
            [
                (4, "kpi"),
                (5, "period"),
                (6, "period"),
                (7, "value"),
                (8, "period"),
                (9, "period")
            ]
        );
        assert!(rejected[0].message_th.contains("ไม่พบตัวชี้วัด"));
        assert!(rejected[2].message_en.contains("reports yearly"));
        assert!(rejected[4].message_th.contains("ซ้ำ"));
    }

    #[test]
    fn a_monthly_kpi_takes_months_written_in_thai() {
        let p = plan();
        let id = p.elements[0].kpis[0].id.clone();
        let freq = HashMap::from([(id.clone(), Frequency::Monthly)]);
        let rows = [
            row(2, id.as_str(), "ต.ค. 2567", "1"),
            row(3, "1.1", "2568", "1"),
        ];
        let (valid, rejected) = check_rows(&p, &freq, &rows);
        assert_eq!(valid.len(), 1);
        assert_eq!(valid[0].period.key(), "2568-M01");
        assert_eq!(rejected[0].row, 3);
    }
}
