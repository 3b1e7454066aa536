//! What differs between two revisions of a plan: elements matched by id (else by kind and
//! label), each marked added, removed, changed or the same, with the fields that changed
//! (label, title, KPI targets per year, budgets per year, the stated total).

use std::collections::{HashMap, HashSet};

use rust_decimal::Decimal;

use phaen_domain::text::ordinal;
use phaen_domain::{BeYear, Element, Kpi, Plan};

use super::PlanPageTexts;
use super::money::baht;
use crate::i18n::Lang;
use crate::views::element_label;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Added,
    Removed,
    Changed,
    Same,
}

impl Status {
    pub fn code(self) -> &'static str {
        match self {
            Status::Added => "added",
            Status::Removed => "removed",
            Status::Changed => "changed",
            Status::Same => "same",
        }
    }

    /// A symbol that does not rely on colour.
    pub fn symbol(self) -> &'static str {
        match self {
            Status::Added => "+",
            Status::Removed => "−",
            Status::Changed => "~",
            Status::Same => "=",
        }
    }

    pub fn word(self, p: &PlanPageTexts) -> &'static str {
        match self {
            Status::Added => p.added,
            Status::Removed => p.removed,
            Status::Changed => p.changed,
            Status::Same => p.same,
        }
    }
}

/// One side of a row: the element as that revision has it.
pub struct Side {
    pub id: String,
    pub kind: &'static str,
    pub label: String,
    pub title: String,
    pub label_changed: bool,
    pub title_changed: bool,
}

/// A field that differs: what it is, and the old and new values ('' when absent).
pub struct FieldChange {
    pub field: String,
    pub old: String,
    pub new: String,
}

pub struct Row {
    pub status: Status,
    pub depth: usize,
    pub a: Option<Side>,
    pub b: Option<Side>,
    pub changes: Vec<FieldChange>,
}

pub struct Diff {
    pub plan_changes: Vec<FieldChange>,
    pub rows: Vec<Row>,
}

impl Diff {
    pub fn count(&self, status: Status) -> usize {
        self.rows.iter().filter(|r| r.status == status).count()
    }
}

/// Walks a plan with each element's depth and position.
fn walk_depths(plan: &Plan) -> Vec<(&Element, usize)> {
    let mut depth: HashMap<&str, usize> = HashMap::new();
    plan.walk()
        .into_iter()
        .map(|w| {
            let d = w
                .parent
                .map_or(0, |p| depth.get(p.id.as_str()).map_or(0, |d| d + 1));
            depth.insert(w.element.id.as_str(), d);
            (w.element, d)
        })
        .collect()
}

/// The elements of `a` and `b` paired: by id, then unmatched ones by kind and label.
fn pair<'a>(a: &[(&'a Element, usize)], b: &[(&'a Element, usize)]) -> Vec<Option<usize>> {
    let by_id: HashMap<&str, usize> = a
        .iter()
        .enumerate()
        .map(|(i, (e, _))| (e.id.as_str(), i))
        .collect();
    let mut taken: HashSet<usize> = HashSet::new();
    let mut out: Vec<Option<usize>> = b
        .iter()
        .map(|(e, _)| {
            let i = by_id.get(e.id.as_str()).copied();
            if let Some(i) = i {
                taken.insert(i);
            }
            i
        })
        .collect();
    for (bi, (e, _)) in b.iter().enumerate() {
        if out[bi].is_some() {
            continue;
        }
        let Some(label) = e.label.as_deref().map(ordinal) else {
            continue;
        };
        let found = a.iter().enumerate().find(|(ai, (o, _))| {
            !taken.contains(ai)
                && o.kind == e.kind
                && o.label.as_deref().map(ordinal).as_deref() == Some(label.as_str())
        });
        if let Some((ai, _)) = found {
            taken.insert(ai);
            out[bi] = Some(ai);
        }
    }
    out
}

fn side(e: &Element, lang: Lang, label_changed: bool, title_changed: bool) -> Side {
    Side {
        id: e.id.to_string(),
        kind: element_label(e.kind, lang),
        label: e.label.clone().unwrap_or_default(),
        title: e.title.clone(),
        label_changed,
        title_changed,
    }
}

/// Compares revision `a` with revision `b` of the same plan.
pub fn diff(a: &Plan, b: &Plan, lang: Lang) -> Diff {
    let p = PlanPageTexts::of(lang);
    let aw = walk_depths(a);
    let bw = walk_depths(b);
    let pairs = pair(&aw, &bw);
    let mut rows: Vec<(Option<usize>, Row)> = Vec::new();
    for (bi, (e, depth)) in bw.iter().enumerate() {
        let row = match pairs[bi] {
            None => Row {
                status: Status::Added,
                depth: *depth,
                a: None,
                b: Some(side(e, lang, false, false)),
                changes: Vec::new(),
            },
            Some(ai) => {
                let old = aw[ai].0;
                let label_changed = old.label != e.label;
                let title_changed = old.title != e.title;
                let mut changes = Vec::new();
                if label_changed {
                    changes.push(FieldChange {
                        field: p.field_label.to_string(),
                        old: old.label.clone().unwrap_or_default(),
                        new: e.label.clone().unwrap_or_default(),
                    });
                }
                if title_changed {
                    changes.push(FieldChange {
                        field: p.field_title.to_string(),
                        old: old.title.clone(),
                        new: e.title.clone(),
                    });
                }
                kpi_changes(&old.kpis, &e.kpis, p, &mut changes);
                budget_changes(old, e, p, &mut changes);
                Row {
                    status: if changes.is_empty() {
                        Status::Same
                    } else {
                        Status::Changed
                    },
                    depth: *depth,
                    a: Some(side(old, lang, label_changed, title_changed)),
                    b: Some(side(e, lang, label_changed, title_changed)),
                    changes,
                }
            }
        };
        rows.push((pairs[bi], row));
    }
    // Removed elements go after the last row that comes before them in `a`.
    let kept: HashSet<usize> = pairs.iter().flatten().copied().collect();
    for (ai, (e, depth)) in aw.iter().enumerate() {
        if kept.contains(&ai) {
            continue;
        }
        let at = rows
            .iter()
            .rposition(|(i, _)| i.is_some_and(|i| i < ai))
            .map_or(0, |i| i + 1);
        let at = at
            + rows[at..]
                .iter()
                .take_while(|(i, r)| i.is_none() && r.status == Status::Removed)
                .count();
        rows.insert(
            at,
            (
                Some(ai),
                Row {
                    status: Status::Removed,
                    depth: *depth,
                    a: Some(side(e, lang, false, false)),
                    b: None,
                    changes: Vec::new(),
                },
            ),
        );
    }
    let mut plan_changes = Vec::new();
    if a.title != b.title {
        plan_changes.push(FieldChange {
            field: p.field_title.to_string(),
            old: a.title.clone(),
            new: b.title.clone(),
        });
    }
    if a.vision != b.vision {
        plan_changes.push(FieldChange {
            field: p.field_vision.to_string(),
            old: a.vision.clone().unwrap_or_default(),
            new: b.vision.clone().unwrap_or_default(),
        });
    }
    kpi_changes(&a.kpis, &b.kpis, p, &mut plan_changes);
    Diff {
        plan_changes,
        rows: rows.into_iter().map(|(_, r)| r).collect(),
    }
}

fn kpi_name(k: &Kpi) -> String {
    super::labelled(k.label.as_deref(), &k.name)
}

/// KPIs matched by id, else by label or name; targets compared year by year.
fn kpi_changes(old: &[Kpi], new: &[Kpi], p: &PlanPageTexts, out: &mut Vec<FieldChange>) {
    let mut used = vec![false; old.len()];
    for k in new {
        let found = old.iter().position(|o| o.id == k.id).or_else(|| {
            old.iter().enumerate().position(|(i, o)| {
                !used[i]
                    && !new.iter().any(|n| n.id == o.id)
                    && (o.name == k.name
                        || (o.label.is_some()
                            && o.label.as_deref().map(ordinal) == k.label.as_deref().map(ordinal)))
            })
        });
        let Some(i) = found else {
            out.push(FieldChange {
                field: p.kpi_added.to_string(),
                old: String::new(),
                new: kpi_name(k),
            });
            continue;
        };
        used[i] = true;
        let o = &old[i];
        if o.name != k.name {
            out.push(FieldChange {
                field: p.field_kpi_name.to_string(),
                old: o.name.clone(),
                new: k.name.clone(),
            });
        }
        let mut years: Vec<BeYear> = o.targets.iter().chain(&k.targets).map(|t| t.year).collect();
        years.sort();
        years.dedup();
        for y in years {
            let show = |kpi: &Kpi| kpi.target_for(y).map(|t| t.to_string()).unwrap_or_default();
            let (was, now) = (show(o), show(k));
            if was != now {
                out.push(FieldChange {
                    field: format!("{} · {} {y}", kpi_name(k), p.field_target),
                    old: was,
                    new: now,
                });
            }
        }
    }
    for (i, o) in old.iter().enumerate() {
        if !used[i] {
            out.push(FieldChange {
                field: p.kpi_removed.to_string(),
                old: kpi_name(o),
                new: String::new(),
            });
        }
    }
}

/// Budgets compared year by year (lines of one year summed), and the stated total.
fn budget_changes(old: &Element, new: &Element, p: &PlanPageTexts, out: &mut Vec<FieldChange>) {
    let sums = |e: &Element| {
        let mut m: Vec<(Option<BeYear>, Decimal)> = Vec::new();
        for b in &e.budget {
            match m.iter_mut().find(|(y, _)| *y == b.year) {
                Some((_, s)) => *s += b.amount_baht.amount(),
                None => m.push((b.year, b.amount_baht.amount())),
            }
        }
        m
    };
    let (was, now) = (sums(old), sums(new));
    let mut years: Vec<Option<BeYear>> = was.iter().chain(&now).map(|(y, _)| *y).collect();
    years.sort_by_key(|y| (y.is_none(), *y));
    years.dedup();
    let get = |m: &[(Option<BeYear>, Decimal)], y: Option<BeYear>| {
        m.iter().find(|(yy, _)| *yy == y).map(|(_, s)| *s)
    };
    for y in years {
        let (a, b) = (get(&was, y), get(&now, y));
        if a != b {
            out.push(FieldChange {
                field: match y {
                    Some(y) => format!("{} {y}", p.field_budget),
                    None => format!("{} ({})", p.field_budget, p.no_year),
                },
                old: a.map(baht).unwrap_or_default(),
                new: b.map(baht).unwrap_or_default(),
            });
        }
    }
    if old.budget_total_stated != new.budget_total_stated {
        out.push(FieldChange {
            field: p.field_stated.to_string(),
            old: old
                .budget_total_stated
                .map(|s| baht(s.amount()))
                .unwrap_or_default(),
            new: new
                .budget_total_stated
                .map(|s| baht(s.amount()))
                .unwrap_or_default(),
        });
    }
}
