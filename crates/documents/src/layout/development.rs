//! The development plan (แผนพัฒนา) as seed 002 files it: the strategic layout (vision, missions,
//! goals with their KPIs, strategies and guidelines) with the strategy map drawn on its own
//! landscape page, the same drawing the plan's map page shows.

use phaen_domain::{Element, Plan};

use super::model::{Block, Document};
use super::options::Options;
use crate::figures::map::{self, MapWords};

pub fn build(plan: &Plan, o: &Options) -> Document {
    super::strategic::build_with(plan, o, true)
}

/// The strategy map as a figure, its words in the chosen digits; `None` when the plan has
/// nothing to draw.
pub fn map_figure(plan: &Plan, o: &Options) -> Option<Block> {
    let mut plan = plan.clone();
    plan.title = o.text(&plan.title);
    for e in &mut plan.elements {
        digits_in(e, o);
    }
    for p in &mut plan.perspectives {
        p.name_th = o.text(&p.name_th);
    }
    let bands = map::bands(&plan, &MapWords::THAI);
    if bands.is_empty() {
        return None;
    }
    Some(Block::Figure {
        svg: map::draw(&plan, &MapWords::THAI, &bands, None),
        caption: o.text(&format!("แผนที่ยุทธศาสตร์ {}", plan.title)),
    })
}

fn digits_in(e: &mut Element, o: &Options) {
    e.title = o.text(&e.title);
    e.label = e.label.as_deref().map(|l| o.text(l));
    for c in &mut e.children {
        digits_in(c, o);
    }
}
