//! What a careful reader of a development plan would flag, and the reading chosen: a
//! guideline label used twice, a strategy numbered like a guideline or for a KPI it does not
//! sit beside, the owner's abbreviation misspelt. The text is always kept as written.

use std::collections::HashSet;

use phaen_domain::Element;

use crate::doc::{Block, Doc, Loc};
use crate::recognize::Ctx;
use crate::words::label_key;

/// Flags labels a careful reader would question: a guideline label used twice, a strategy
/// numbered like a guideline ('2.1.1'), a strategy numbered for a KPI it does not sit beside.
pub(super) fn check_labels(
    ctx: &mut Ctx,
    loc: &Loc,
    s: &Element,
    beside: Option<&str>,
    inherited: bool,
    siblings: &[String],
) {
    let mut seen = HashSet::new();
    for l in s.children.iter().filter_map(|g| g.label.as_deref()) {
        if !seen.insert(label_key(l)) {
            ctx.warn(
                Some(loc),
                format!("แนวทางลำดับ '{l}' ซ้ำกัน: อ่านเป็นสองรายการตามที่เขียน"),
                format!("guideline label '{l}' is used twice; both items are kept as written"),
            );
        }
    }
    let Some(label) = s.label.as_deref() else {
        return;
    };
    let key = label_key(label);
    let parts: Vec<&str> = key.split('.').collect();
    if parts.len() > 2 {
        ctx.warn(
            Some(loc),
            format!("กลยุทธ์ใช้ลำดับ '{label}' สามระดับแบบแนวทาง: คงไว้เป็นกลยุทธ์ตามที่เขียน"),
            format!(
                "strategy label '{label}' has three levels, as guideline labels do; kept as a strategy, as written"
            ),
        );
        return;
    }
    let (Some(kpi), [first, second]) = (beside, parts.as_slice()) else {
        return;
    };
    if first == &kpi {
        return;
    }
    let previous = second
        .parse::<u32>()
        .ok()
        .filter(|n| *n > 1)
        .map(|n| format!("{first}.{}", n - 1))
        .filter(|p| !siblings.iter().any(|s| label_key(s) == *p));
    let merged_th = if inherited {
        " (ช่องตัวชี้วัดว่าง จึงถือตามแถวก่อนหน้า)"
    } else {
        ""
    };
    let merged_en = if inherited {
        " (its KPI cell is blank, a merged cell, so it serves the KPI above)"
    } else {
        ""
    };
    let (missing_th, missing_en) = match &previous {
        Some(p) => (
            format!(" และไม่มีกลยุทธ์ {p} ก่อนหน้า"),
            format!(", and no strategy {p} comes before it"),
        ),
        None => (String::new(), String::new()),
    };
    ctx.warn(
        Some(loc),
        format!(
            "กลยุทธ์ '{label}' อยู่ข้างตัวชี้วัดที่ {kpi}{merged_th} แต่ลำดับชี้ไปที่ตัวชี้วัดที่ {first}{missing_th}: อ่านตามที่เขียนเป็นกลยุทธ์ของตัวชี้วัดที่ {kpi}"
        ),
        format!(
            "strategy '{label}' sits beside KPI {kpi}{merged_en} but its number points to KPI {first}{missing_en}; read as written, as a strategy of KPI {kpi}'s goal"
        ),
    );
}

/// Flags words that look like the owner's abbreviation misspelt: 'ซอส.' or 'ช.สอ.' for
/// 'ชสอ.' (the same letters, reordered, dotted differently, or with ซ for ช). The text is
/// kept as written.
pub(super) fn flag_misspelt_owner(ctx: &mut Ctx, doc: &Doc, abbr: &str) {
    let letters = |s: &str| -> Vec<char> {
        s.chars()
            .filter(|c| *c != '.')
            .map(|c| if c == 'ซ' { 'ช' } else { c })
            .collect()
    };
    let sorted = |s: &str| {
        let mut v = letters(s);
        v.sort_unstable();
        v
    };
    let consonants = |s: &str| {
        s.chars()
            .all(|c| c == '.' || ('\u{0E01}'..='\u{0E2E}').contains(&c))
    };
    if !abbr.ends_with('.') || !consonants(abbr) || letters(abbr).len() < 2 {
        return;
    }
    let mut texts: Vec<(Loc, String)> = Vec::new();
    for block in &doc.blocks {
        match block {
            Block::Para(p) => texts.push((p.loc.clone(), p.text.clone())),
            Block::Table(t) => {
                for row in &t.rows {
                    texts.extend(row.filled().map(|(_, c)| (c.loc.clone(), c.text())));
                }
            }
        }
    }
    for (loc, text) in texts {
        let mut found: Vec<&str> = Vec::new();
        for w in text
            .split_whitespace()
            .map(|w| w.trim_matches(['(', ')', ',', '“', '”']))
        {
            if w != abbr
                && w.ends_with('.')
                && consonants(w)
                && sorted(w) == sorted(abbr)
                && !found.contains(&w)
            {
                found.push(w);
            }
        }
        for w in found {
            ctx.warn(
                Some(&loc),
                format!("'{w}' น่าจะเป็น '{abbr}' ที่สะกดผิด: คงข้อความไว้ตามที่เขียน"),
                format!("'{w}' looks like a misspelling of '{abbr}'; the text is kept as written"),
            );
        }
    }
}
