//! The front of a development plan: its title (owner, edition, period, year basis), the
//! approval note, the vision, and the balanced-scorecard perspectives of its strategy map.

use phaen_domain::thai::{MONTHS_TH, parse_thai_date, to_arabic_digits};
use phaen_domain::{Approval, BeYear, Period, Perspective, YearBasis};

use crate::doc::{Doc, Loc, Para};
use crate::error::{Error, Result};
use crate::recognize::Ctx;
use crate::words::squash;

pub(super) const VISION: &str = "วิสัยทัศน์";
const PLAN_WORD: &str = "แผนพัฒนา";

/// What the title says.
pub(super) struct Header {
    pub title: String,
    pub loc: Loc,
    pub edition: Option<String>,
    pub period: Period,
    /// The owner as the title names it ('ชสอ.').
    pub owner: String,
}

impl Header {
    pub fn find(doc: &Doc) -> Result<Header> {
        let p = super::super::paras(doc)
            .map(|(_, p)| p)
            .find(|p| is_title(&p.text))
            .ok_or_else(|| Error::NotAPlan("no title naming a แผนพัฒนา and its years".into()))?;
        let start = p.text.find(PLAN_WORD).unwrap_or(0);
        let from = &p.text[start..];
        let title = from
            .split(['”', '"'])
            .next()
            .unwrap_or(from)
            .trim()
            .trim_end_matches(':')
            .trim()
            .to_string();
        let years = years(&title);
        let period =
            Period::new(years[0], years[1]).map_err(|e| Error::at(&p.loc, e.to_string()))?;
        let edition = title.find("ฉบับที่").and_then(|i| {
            let num: String = to_arabic_digits(title[i + "ฉบับที่".len()..].trim_start())
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            (!num.is_empty()).then(|| format!("ฉบับที่ {num}"))
        });
        let after = title[PLAN_WORD.len()..].trim_start();
        let end = [" ฉบับที่", " (", " พ.ศ", " ปี"]
            .iter()
            .filter_map(|w| after.find(w))
            .min()
            .unwrap_or(after.len());
        let owner = after[..end].trim().to_string();
        Ok(Header {
            title,
            loc: p.loc.clone(),
            edition,
            period,
            owner,
        })
    }
}

/// A line naming a development plan and its years.
pub(super) fn is_title(text: &str) -> bool {
    text.contains(PLAN_WORD) && years(text).len() >= 2
}

/// The four-digit Buddhist-Era years written in a text, in order.
fn years(text: &str) -> Vec<BeYear> {
    to_arabic_digits(text)
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| s.len() == 4)
        .filter_map(|s| BeYear::parse(s).ok())
        .collect()
}

/// ปีบัญชี with the year end the document states, or 31 December said to be assumed;
/// ปีงบประมาณ; otherwise calendar years.
pub(super) fn year_basis(ctx: &mut Ctx, doc: &Doc, head: &Header) -> YearBasis {
    let texts: Vec<&str> = super::super::paras(doc)
        .map(|(_, p)| p.text.as_str())
        .collect();
    let says = |w: &str| head.title.contains(w) || texts.iter().any(|t| t.contains(w));
    if says("ปีบัญชี") {
        if let Some((end_month, end_day)) = texts.iter().find_map(|t| stated_year_end(t)) {
            return YearBasis::AccountingYear { end_month, end_day };
        }
        ctx.warn(
            Some(&head.loc),
            "เอกสารไม่ได้ระบุวันสิ้นปีบัญชี จึงใช้ 31 ธันวาคม",
            "the document does not state when its accounting year (ปีบัญชี) ends; 31 December was assumed",
        );
        YearBasis::AccountingYear {
            end_month: 12,
            end_day: 31,
        }
    } else if says("ปีงบประมาณ") {
        YearBasis::FiscalYear
    } else {
        YearBasis::CalendarYear
    }
}

/// 'ปีบัญชีสิ้นสุดวันที่ 30 กันยายน' -> (9, 30).
fn stated_year_end(text: &str) -> Option<(u8, u8)> {
    if !text.contains("ปีบัญชี") || !text.contains("สิ้น") {
        return None;
    }
    let text = to_arabic_digits(text);
    MONTHS_TH.iter().enumerate().find_map(|(i, m)| {
        let pos = text.find(m)?;
        let day: String = text[..pos]
            .trim_end()
            .chars()
            .rev()
            .take_while(char::is_ascii_digit)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let day: u8 = day.parse().ok().filter(|d| (1..=31).contains(d))?;
        Some((u8::try_from(i + 1).ok()?, day))
    })
}

/// Text without the quotes and colon around it: '“ชสอ. เป็นผู้นำ...”' -> 'ชสอ. เป็นผู้นำ...'.
pub(super) fn unquote(text: &str) -> String {
    text.trim()
        .trim_start_matches(':')
        .trim()
        .trim_matches(['“', '”', '"'])
        .trim()
        .to_string()
}

/// A statement of the vision: under a heading of its own (`section`) or after the word.
pub(super) struct Vision {
    loc: Loc,
    text: String,
    section: bool,
}

impl Vision {
    pub fn new(p: &Para, text: &str, section: bool) -> Vision {
        Vision {
            loc: p.loc.clone(),
            text: unquote(text),
            section,
        }
    }
}

/// The vision under its own heading, else the first one; the others are repeats.
pub(super) fn settle_vision(ctx: &mut Ctx, plan_id: &str, visions: Vec<Vision>) -> Option<String> {
    let def = visions.iter().position(|v| v.section).unwrap_or(0);
    let chosen = visions.get(def)?;
    ctx.ledger.became(&chosen.loc, "vision", plan_id);
    for (_, v) in visions.iter().enumerate().filter(|(i, _)| *i != def) {
        ctx.ledger.context(&v.loc, "repeat of the vision");
        if squash(&v.text) != squash(&chosen.text) {
            ctx.warn(
                Some(&v.loc),
                format!("วิสัยทัศน์ตรงนี้ต่างจากที่ {}: ใช้ข้อความที่นั่น", chosen.loc),
                format!(
                    "the vision here differs from the one at {}; that one is kept",
                    chosen.loc
                ),
            );
        }
    }
    Some(chosen.text.clone())
}

pub(super) fn is_approval(text: &str) -> bool {
    text.contains("อนุมัติ") || text.contains("เห็นชอบ")
}

/// 'ผ่านการอนุมัติจาก<body> เมื่อการประชุมครั้งที่ 15 วันที่ 18 กุมภาพันธ์ 2560': the body
/// before 'เมื่อ', the meeting 'ครั้งที่ N', the date after 'วันที่'.
pub(super) fn approval(ctx: &mut Ctx, p: &Para) -> Option<Approval> {
    let text = p.text.trim();
    let (before, after) = text.find("เมื่อ").map_or((text, ""), |i| text.split_at(i));
    let mut body = before;
    for w in ["อนุมัติจาก", "เห็นชอบจาก", "อนุมัติโดย"]
    {
        if let Some(i) = body.find(w) {
            body = &body[i + w.len()..];
            break;
        }
    }
    let body = body
        .trim()
        .trim_start_matches("หมายเหตุ")
        .trim_start_matches([' ', ':'])
        .trim();
    if body.is_empty() {
        ctx.warn(
            Some(&p.loc),
            "ไม่พบผู้อนุมัติในบันทึกการอนุมัติ จึงถือว่าแผนยังเป็นร่าง",
            "the approval note names no approving body; the plan is read as a draft",
        );
        return None;
    }
    let meeting = after.find("ครั้งที่").and_then(|i| {
        let num: String = to_arabic_digits(after[i + "ครั้งที่".len()..].trim_start())
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        (!num.is_empty()).then(|| format!("ครั้งที่ {num}"))
    });
    let date = text
        .find("วันที่")
        .and_then(|i| parse_thai_date(&text[i..]).ok());
    if date.is_none() {
        ctx.warn(
            Some(&p.loc),
            "อ่านวันที่อนุมัติไม่ได้",
            "the approval date could not be read",
        );
    }
    Some(Approval {
        body: body.to_string(),
        meeting,
        date,
        written: Some(text.to_string()),
    })
}

/// Reads a strategy-map heading: a new perspective ('การเงิน (Financial)',
/// 'สังคมและขบวนการสหกรณ์') or the English name of the one just opened ('(Internal Process)').
/// Returns what it became and the perspective's key, or `None` when the heading is not a
/// perspective.
pub(super) fn perspective(
    list: &mut Vec<Perspective>,
    current: &mut Option<usize>,
    text: &str,
) -> Option<(&'static str, String)> {
    let (th, en) = names(text);
    match th {
        Some(th) => {
            let key = key_of(&th, en.as_deref())?;
            if list.iter().any(|p| p.key == key) {
                return None;
            }
            list.push(Perspective {
                key: key.to_string(),
                name_th: th,
                name_en: en,
                members: Vec::new(),
            });
            *current = Some(list.len() - 1);
            Some(("perspective", key.to_string()))
        }
        None => {
            let p = list.get_mut((*current)?)?;
            if p.name_en.is_some() {
                return None;
            }
            p.name_en = en;
            Some(("perspective (English name)", p.key.clone()))
        }
    }
}

/// 'การเงิน (Financial)' -> (การเงิน, Financial); '(Internal Process)' -> (-, Internal Process).
fn names(text: &str) -> (Option<String>, Option<String>) {
    let t = text.trim();
    if let Some(open) = t.rfind('(')
        && let Some(inner) = t[open + 1..].strip_suffix(')')
        && !inner
            .chars()
            .any(|c| ('\u{0E00}'..='\u{0E7F}').contains(&c))
    {
        let th = t[..open].trim();
        return (
            (!th.is_empty()).then(|| th.to_string()),
            Some(inner.trim().to_string()),
        );
    }
    (Some(t.to_string()), None)
}

/// The stable key of a balanced-scorecard perspective, from its Thai or English name.
fn key_of(th: &str, en: Option<&str>) -> Option<&'static str> {
    let en = en.unwrap_or_default().to_lowercase();
    let keys: [(&str, &[&str], &[&str]); 5] = [
        ("social", &["social", "movement", "community"], &["สังคม"]),
        ("financial", &["financ"], &["การเงิน"]),
        ("member", &["member", "customer"], &["สมาชิก", "ลูกค้า"]),
        (
            "internal_process",
            &["internal", "process"],
            &["กระบวนการภายใน"],
        ),
        (
            "learning_growth",
            &["learning", "growth"],
            &["การเรียนรู้", "การพัฒนา"],
        ),
    ];
    keys.iter()
        .find(|(_, ens, ths)| {
            ens.iter().any(|w| en.contains(w)) || ths.iter().any(|w| th.contains(w))
        })
        .map(|(key, _, _)| *key)
}

/// A heading over the mission-by-mission part ('กลยุทธ์และแผนงานโครงการรองรับพันธกิจ ...').
pub(super) fn looks_like_section(text: &str) -> bool {
    ["กลยุทธ์", "แผนงาน", "ตัวชี้วัด", "เป้าประสงค์"]
        .iter()
        .any(|w| text.contains(w))
}
