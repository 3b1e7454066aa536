//! A project's report for one period: where it stands, how far along it is, and its money in
//! the year so far (allocated, committed, disbursed), read from what a user typed and checked
//! for sense before it is kept.
//!
//! Amounts are cumulative within the plan year, as Thai agencies report disbursement
//! ('ผลการเบิกจ่ายสะสม'): the latest report of a year carries the year's figures.

use rust_decimal::Decimal;

use crate::error::{Error, Result};
use crate::money::Baht;
use crate::progress::ProjectStatus;
use crate::thai::parse_decimal;

/// What a project reports for a period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProjectReport {
    pub status: ProjectStatus,
    /// 0 to 100.
    pub percent: Decimal,
    pub allocated: Option<Baht>,
    pub committed: Option<Baht>,
    pub disbursed: Option<Baht>,
    pub narrative: String,
}

/// The fields of a project report as typed (Thai or Arabic digits, separators, '%' allowed).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TypedReport<'a> {
    pub status: &'a str,
    pub percent: &'a str,
    pub allocated: &'a str,
    pub committed: &'a str,
    pub disbursed: &'a str,
    pub narrative: &'a str,
}

fn money(field_th: &str, field_en: &str, typed: &str) -> Result<Option<Baht>> {
    let typed = typed.trim().trim_end_matches("บาท").trim();
    if typed.is_empty() || typed == "-" {
        return Ok(None);
    }
    typed.parse::<Baht>().map(Some).map_err(|_| {
        Error::refused(
            format!("{field_th} '{typed}' ต้องเป็นจำนวนเงินบาท ไม่ติดลบ ทศนิยมไม่เกิน ๒ ตำแหน่ง"),
            format!("{field_en} '{typed}' must be baht, not below zero, at most 2 decimals"),
        )
    })
}

impl ProjectReport {
    /// Reads and checks a report as typed; the error names the field and what is wrong.
    pub fn read(typed: &TypedReport<'_>) -> Result<ProjectReport> {
        let status = ProjectStatus::parse(typed.status.trim()).map_err(|_| {
            Error::refused(
                format!("สถานะโครงการ '{}' ไม่รู้จัก", typed.status),
                format!("unknown project status '{}'", typed.status),
            )
        })?;
        let percent_text = typed.percent.trim().trim_end_matches('%').trim();
        let percent = if percent_text.is_empty() {
            Decimal::ZERO
        } else {
            parse_decimal(percent_text).map_err(|_| {
                Error::refused(
                    format!("ร้อยละความก้าวหน้า '{}' ต้องเป็นตัวเลข", typed.percent),
                    format!("percent complete '{}' must be a number", typed.percent),
                )
            })?
        };
        let report = ProjectReport {
            status,
            percent,
            allocated: money("งบที่ได้รับจัดสรร", "allocated", typed.allocated)?,
            committed: money("งบที่ก่อหนี้ผูกพัน", "committed", typed.committed)?,
            disbursed: money("งบที่เบิกจ่าย", "disbursed", typed.disbursed)?,
            narrative: typed.narrative.trim().to_string(),
        };
        report.check()?;
        Ok(report)
    }

    /// The report's rules: percent within 0-100; 'done' is 100 % and 100 % is done or on
    /// track; 'not started' is 0 %; neither committed nor disbursed exceeds what was
    /// allocated, nor do they together.
    pub fn check(&self) -> Result<()> {
        let hundred = Decimal::ONE_HUNDRED;
        if self.percent < Decimal::ZERO || self.percent > hundred {
            return Err(Error::refused(
                format!("ร้อยละความก้าวหน้า {} ต้องอยู่ระหว่าง ๐ ถึง ๑๐๐", self.percent),
                format!("percent complete {} must be 0 to 100", self.percent),
            ));
        }
        match self.status {
            ProjectStatus::Done if self.percent != hundred => {
                return Err(Error::refused(
                    format!(
                        "โครงการที่เสร็จสิ้นต้องมีความก้าวหน้าร้อยละ ๑๐๐ (กรอก {})",
                        self.percent
                    ),
                    format!("a done project is 100 % complete (typed {})", self.percent),
                ));
            }
            ProjectStatus::NotStarted if !self.percent.is_zero() => {
                return Err(Error::refused(
                    format!(
                        "โครงการที่ยังไม่เริ่มต้องมีความก้าวหน้าร้อยละ ๐ (กรอก {})",
                        self.percent
                    ),
                    format!(
                        "a project not started is 0 % complete (typed {})",
                        self.percent
                    ),
                ));
            }
            _ => {}
        }
        if let Some(allocated) = self.allocated {
            let spent = |b: Option<Baht>| b.map_or(Decimal::ZERO, Baht::amount);
            let used = spent(self.committed) + spent(self.disbursed);
            if used > allocated.amount() {
                return Err(Error::refused(
                    format!(
                        "งบที่ก่อหนี้ผูกพันรวมกับที่เบิกจ่าย ({}) เกินงบที่ได้รับจัดสรร ({})",
                        used,
                        allocated.amount()
                    ),
                    format!(
                        "committed and disbursed together ({}) exceed the allocation ({})",
                        used,
                        allocated.amount()
                    ),
                ));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed<'a>(status: &'a str, percent: &'a str) -> TypedReport<'a> {
        TypedReport {
            status,
            percent,
            ..TypedReport::default()
        }
    }

    #[test]
    fn a_report_is_read_with_thai_digits_and_separators() {
        let r = ProjectReport::read(&TypedReport {
            status: "on_track",
            percent: "๔๕ %",
            allocated: "๑,๒๐๐,๐๐๐",
            committed: "200,000.50 บาท",
            disbursed: "๓๐๐๐๐๐",
            narrative: "  จัดอบรมแล้วสองรุ่น ",
        })
        .unwrap();
        assert_eq!(r.percent, Decimal::from(45));
        assert_eq!(r.allocated.unwrap().amount(), Decimal::from(1_200_000));
        assert_eq!(r.committed.unwrap().amount().to_string(), "200000.5");
        assert_eq!(r.narrative, "จัดอบรมแล้วสองรุ่น");
    }

    #[test]
    fn nonsense_is_refused_with_the_field_named() {
        let th = |t: TypedReport<'_>| ProjectReport::read(&t).unwrap_err().to_string_th();
        assert!(th(typed("on_track", "120")).contains("๐ ถึง ๑๐๐"));
        assert!(th(typed("on_track", "ครึ่งหนึ่ง")).contains("ร้อยละความก้าวหน้า"));
        assert!(th(typed("done", "90")).contains("เสร็จสิ้น"));
        assert!(th(typed("not_started", "10")).contains("ยังไม่เริ่ม"));
        assert!(th(typed("finished", "100")).contains("สถานะ"));
        let over = TypedReport {
            allocated: "100",
            committed: "60",
            disbursed: "50",
            ..typed("on_track", "50")
        };
        assert!(th(over).contains("เกินงบ"));
        let negative = TypedReport {
            disbursed: "-5",
            ..typed("on_track", "50")
        };
        assert!(th(negative).contains("งบที่เบิกจ่าย"));
    }

    #[test]
    fn empty_money_is_not_reported_rather_than_zero() {
        let r = ProjectReport::read(&typed("done", "100")).unwrap();
        assert_eq!((r.allocated, r.committed, r.disbursed), (None, None, None));
    }
}
