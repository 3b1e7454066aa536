//! The year/quarter timeline grid of an element page: a row for the element and one for each
//! activity under it, a column per year (or per quarter of the years the plan splits into
//! quarters), each mark shown as a symbol, a word for screen readers and a coloured bar.

use phaen_domain::{BeYear, Element, ElementKind, TimelineEntry, TimelineMark};

use super::{PlanPageTexts, labelled};
use crate::i18n::Lang;

pub struct TimelineCell {
    pub colspan: usize,
    /// CSS class of the bar: 'tl-span', 'tl-start', 'tl-continue', 'tl-end', 'tl-on', or ''.
    pub class: &'static str,
    pub symbol: &'static str,
    pub word: &'static str,
    pub note: String,
}

pub struct TimelineRow {
    /// The element's id when the row is a child with its own page.
    pub id: Option<String>,
    pub text: String,
    pub cells: Vec<TimelineCell>,
}

pub struct TimelineView {
    /// (year, how many columns it takes)
    pub years: Vec<(u16, usize)>,
    /// (short, full) label of each quarter column, empty when no year is split; a year that
    /// is not split spans both header rows.
    pub quarters: Vec<(String, String)>,
    pub rows: Vec<TimelineRow>,
    /// (symbol, word) for the legend.
    pub legend: Vec<(&'static str, &'static str)>,
}

fn mark_view(
    mark: Option<TimelineMark>,
    p: &PlanPageTexts,
) -> (&'static str, &'static str, &'static str) {
    match mark {
        Some(TimelineMark::Span) => ("tl-span", "↔", p.mark_span),
        Some(TimelineMark::Start) => ("tl-start", "←", p.mark_start),
        Some(TimelineMark::Continue) => ("tl-continue", "—", p.mark_continue),
        Some(TimelineMark::End) => ("tl-end", "→", p.mark_end),
        None => ("tl-on", "✓", p.mark_span),
    }
}

fn cell(entry: Option<&TimelineEntry>, colspan: usize, p: &PlanPageTexts) -> TimelineCell {
    match entry {
        Some(en) => {
            let (class, symbol, word) = mark_view(en.mark, p);
            TimelineCell {
                colspan,
                class,
                symbol,
                word,
                note: en.note.clone().unwrap_or_default(),
            }
        }
        None => TimelineCell {
            colspan,
            class: "",
            symbol: "",
            word: "",
            note: String::new(),
        },
    }
}

/// The grid for `e`, or `None` when neither it nor its activities have a timeline.
pub fn timeline(e: &Element, plan_years: &[BeYear], lang: Lang) -> Option<TimelineView> {
    let p = PlanPageTexts::of(lang);
    let mut rows: Vec<(Option<&Element>, &Element)> = Vec::new();
    if !e.timeline.is_empty() {
        rows.push((None, e));
    }
    for c in &e.children {
        if !c.timeline.is_empty() || c.kind == ElementKind::Activity {
            rows.push((Some(c), c));
        }
    }
    if rows.iter().all(|(_, r)| r.timeline.is_empty()) {
        return None;
    }
    let mut years: Vec<BeYear> = plan_years.to_vec();
    years.extend(
        rows.iter()
            .flat_map(|(_, r)| r.timeline.iter().map(|t| t.year)),
    );
    years.sort();
    years.dedup();
    let split: Vec<bool> = years
        .iter()
        .map(|y| {
            rows.iter().any(|(_, r)| {
                r.timeline
                    .iter()
                    .any(|t| t.year == *y && t.quarter.is_some())
            })
        })
        .collect();
    // The quarter columns, in order: ('Q1', 'ไตรมาส 1 / 2568').
    let quarters = years
        .iter()
        .zip(&split)
        .filter(|(_, s)| **s)
        .flat_map(|(y, _)| {
            (1..=4).map(move |q| (format!("Q{q}"), format!("{} {q} / {y}", p.quarter)))
        })
        .collect();
    let rows = rows
        .into_iter()
        .map(|(child, r)| {
            let mut cells = Vec::new();
            for (y, s) in years.iter().zip(&split) {
                let whole = r
                    .timeline
                    .iter()
                    .find(|t| t.year == *y && t.quarter.is_none());
                if !*s {
                    cells.push(cell(whole, 1, p));
                } else if whole.is_some() {
                    cells.push(cell(whole, 4, p));
                } else {
                    for q in 1..=4u8 {
                        let at = r
                            .timeline
                            .iter()
                            .find(|t| t.year == *y && t.quarter == Some(q));
                        cells.push(cell(at, 1, p));
                    }
                }
            }
            TimelineRow {
                id: child.map(|c| c.id.to_string()),
                text: labelled(r.label.as_deref(), &r.title),
                cells,
            }
        })
        .collect();
    Some(TimelineView {
        years: years
            .iter()
            .zip(&split)
            .map(|(y, s)| (y.get(), if *s { 4 } else { 1 }))
            .collect(),
        quarters,
        rows,
        legend: [
            TimelineMark::Start,
            TimelineMark::Continue,
            TimelineMark::End,
            TimelineMark::Span,
        ]
        .into_iter()
        .map(|m| {
            let (_, s, w) = mark_view(Some(m), p);
            (s, w)
        })
        .collect(),
    })
}
