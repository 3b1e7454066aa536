//! Where a recognizer is in the plan's tree while it reads: the current mission, goal and
//! strategy. In `Define` mode headings create elements; in `Locate` mode (a later part that
//! repeats the tree, such as an action plan) they find the element already read.

use phaen_domain::{Element, ElementKind, Plan};

use super::Ctx;
use crate::doc::Loc;
use crate::error::Result;
use crate::words;

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    #[default]
    Define,
    Locate,
}

#[derive(Debug, Default)]
pub struct Cursor {
    pub mode: Mode,
    /// Indexes from the plan's top elements down to the current element.
    pub path: Vec<usize>,
}

pub use phaen_domain::text::ordinal;

pub fn at<'p>(plan: &'p mut Plan, path: &[usize]) -> Option<&'p mut Element> {
    let (first, rest) = path.split_first()?;
    let mut e = plan.elements.get_mut(*first)?;
    for i in rest {
        e = e.children.get_mut(*i)?;
    }
    Some(e)
}

fn at_ref<'p>(plan: &'p Plan, path: &[usize]) -> Option<&'p Element> {
    let (first, rest) = path.split_first()?;
    let mut e = plan.elements.get(*first)?;
    for i in rest {
        e = e.children.get(*i)?;
    }
    Some(e)
}

impl Cursor {
    /// The deepest current element (the strategy, else the goal, else the mission).
    pub fn deepest<'p>(&self, plan: &'p mut Plan) -> Option<&'p mut Element> {
        at(plan, &self.path)
    }

    pub fn deepest_ref<'p>(&self, plan: &'p Plan) -> Option<&'p Element> {
        at_ref(plan, &self.path)
    }

    /// How far down the path an element of `kind` hangs: missions at the top, goals under the
    /// mission, strategies under the goal when there is one.
    fn parent_depth(&self, plan: &Plan, kind: ElementKind) -> usize {
        let kinds: Vec<ElementKind> = (1..=self.path.len())
            .filter_map(|n| at_ref(plan, &self.path[..n]).map(|e| e.kind))
            .collect();
        let upto = |k: ElementKind| kinds.iter().position(|x| *x == k).map_or(0, |p| p + 1);
        match kind {
            ElementKind::Mission => 0,
            ElementKind::Goal => upto(ElementKind::Mission),
            _ => upto(ElementKind::Goal).max(upto(ElementKind::Mission)),
        }
    }

    /// Handles a mission, goal or strategy heading; returns the element's id.
    pub fn heading(
        &mut self,
        ctx: &mut Ctx,
        plan: &mut Plan,
        kind: ElementKind,
        label: Option<String>,
        title: &str,
        loc: &Loc,
    ) -> Result<String> {
        let depth = self.parent_depth(plan, kind);
        self.path.truncate(depth);
        let path = self.path.clone();
        let siblings: &mut Vec<Element> = if path.is_empty() {
            &mut plan.elements
        } else {
            match at(plan, &path) {
                Some(p) => &mut p.children,
                None => &mut plan.elements,
            }
        };
        if self.mode == Mode::Locate {
            if let Some(i) = find(siblings, kind, label.as_deref(), title) {
                self.path.push(i);
                return Ok(siblings[i].id.to_string());
            }
            ctx.warn(
                Some(loc),
                format!("ไม่พบ{}นี้ในส่วนก่อนหน้า จึงเพิ่มเป็นรายการใหม่", kind.label_th()),
                format!(
                    "this {} was not in the earlier parts of the plan; added as a new one",
                    kind.as_str()
                ),
            );
        }
        let mut e = Element::new(kind, title);
        e.label = label;
        let id = e.id.to_string();
        siblings.push(e);
        self.path.push(siblings.len() - 1);
        Ok(id)
    }
}

/// The sibling a repeated heading names: by its number when it has one, else by its words.
fn find(
    siblings: &[Element],
    kind: ElementKind,
    label: Option<&str>,
    title: &str,
) -> Option<usize> {
    let same_kind = || siblings.iter().enumerate().filter(|(_, e)| e.kind == kind);
    if let Some(l) = label {
        let key = ordinal(l);
        if let Some((i, _)) =
            same_kind().find(|(_, e)| e.label.as_deref().map(ordinal) == Some(key.clone()))
        {
            return Some(i);
        }
    }
    let best = same_kind()
        .map(|(i, e)| (i, words::similarity(&e.title, title)))
        .max_by(|a, b| a.1.total_cmp(&b.1));
    match best {
        Some((i, score)) if score >= 0.6 => Some(i),
        _ if same_kind().count() == 1 && label.is_none() => same_kind().next().map(|(i, _)| i),
        _ => None,
    }
}
