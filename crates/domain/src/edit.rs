//! Changes a user makes to a plan through forms: find an element or KPI by id, add an element
//! where its kind may stand, move it among its siblings, remove it with what is below it, and
//! set a KPI's yearly targets. Each change either applies whole or says, in Thai and English,
//! why the plan cannot take it.

use crate::element::Element;
use crate::error::{Error, Result};
use crate::ids::{ElementId, KpiId};
use crate::kpi::Kpi;
use crate::plan::Plan;

fn element_not_found(id: &str) -> Error {
    Error::refused(
        format!("ไม่พบองค์ประกอบ {id} ในแผนนี้ (อาจถูกลบไปแล้ว)"),
        format!("element {id} is not in this plan (it may have been removed)"),
    )
}

fn kpi_not_found(id: &str) -> Error {
    Error::refused(
        format!("ไม่พบตัวชี้วัด {id} ในแผนนี้ (อาจถูกลบไปแล้ว)"),
        format!("KPI {id} is not in this plan (it may have been removed)"),
    )
}

/// The element with `id`, anywhere in the tree.
pub fn element<'a>(plan: &'a Plan, id: &ElementId) -> Option<&'a Element> {
    fn find<'a>(list: &'a [Element], id: &ElementId) -> Option<&'a Element> {
        list.iter()
            .find_map(|e| (e.id == *id).then_some(e).or_else(|| find(&e.children, id)))
    }
    find(&plan.elements, id)
}

/// The element with `id`, to change it.
pub fn element_mut<'a>(plan: &'a mut Plan, id: &ElementId) -> Result<&'a mut Element> {
    fn find<'a>(list: &'a mut [Element], id: &ElementId) -> Option<&'a mut Element> {
        for e in list.iter_mut() {
            if e.id == *id {
                return Some(e);
            }
            if let Some(found) = find(&mut e.children, id) {
                return Some(found);
            }
        }
        None
    }
    find(&mut plan.elements, id).ok_or_else(|| element_not_found(id.as_str()))
}

/// The list of siblings that holds `id` (the top level or a parent's children).
fn siblings_mut<'a>(list: &'a mut Vec<Element>, id: &ElementId) -> Option<&'a mut Vec<Element>> {
    if list.iter().any(|e| e.id == *id) {
        return Some(list);
    }
    list.iter_mut()
        .find_map(|e| siblings_mut(&mut e.children, id))
}

/// The parent of `id`: `Some(None)` when it stands at the top, `None` when it is not there.
pub fn parent_of<'a>(plan: &'a Plan, id: &ElementId) -> Option<Option<&'a Element>> {
    if plan.elements.iter().any(|e| e.id == *id) {
        return Some(None);
    }
    plan.walk()
        .into_iter()
        .find(|w| w.element.id == *id)
        .map(|w| w.parent)
}

/// Adds `new` as the last child of `parent` (or at the top), when its kind may stand there.
pub fn add_element(plan: &mut Plan, parent: Option<&ElementId>, new: Element) -> Result<()> {
    let parent_kind = match parent {
        Some(id) => Some(
            element(plan, id)
                .ok_or_else(|| element_not_found(id.as_str()))?
                .kind,
        ),
        None => None,
    };
    if !new.kind.may_sit_under(parent_kind) {
        let (th, en) = match parent_kind {
            Some(p) => (
                format!("{} อยู่ใต้{}ไม่ได้", new.kind.label_th(), p.label_th()),
                format!(
                    "a {} cannot stand under a {}",
                    new.kind.as_str(),
                    p.as_str()
                ),
            ),
            None => (
                format!("{} ต้องอยู่ใต้องค์ประกอบอื่น", new.kind.label_th()),
                format!("a {} must stand under another element", new.kind.as_str()),
            ),
        };
        return Err(Error::refused(th, en));
    }
    match parent {
        Some(id) => element_mut(plan, id)?.children.push(new),
        None => plan.elements.push(new),
    }
    Ok(())
}

/// Which way an element moves among its siblings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    Up,
    Down,
}

/// Moves `id` one place up or down among its siblings; at either end it stays where it is.
pub fn move_element(plan: &mut Plan, id: &ElementId, way: Move) -> Result<()> {
    let list =
        siblings_mut(&mut plan.elements, id).ok_or_else(|| element_not_found(id.as_str()))?;
    let i = list
        .iter()
        .position(|e| e.id == *id)
        .ok_or_else(|| element_not_found(id.as_str()))?;
    match way {
        Move::Up if i > 0 => list.swap(i, i - 1),
        Move::Down if i + 1 < list.len() => list.swap(i, i + 1),
        _ => {}
    }
    Ok(())
}

/// Removes `id` and everything below it, and the plan's own references to them (the TOWS
/// matrix's missions, the balanced-scorecard perspectives' members); returns what was removed.
pub fn remove_element(plan: &mut Plan, id: &ElementId) -> Result<Element> {
    let list =
        siblings_mut(&mut plan.elements, id).ok_or_else(|| element_not_found(id.as_str()))?;
    let i = list
        .iter()
        .position(|e| e.id == *id)
        .ok_or_else(|| element_not_found(id.as_str()))?;
    let gone = list.remove(i);
    let mut below = Vec::new();
    gone.walk(None, &mut below);
    let ids: std::collections::HashSet<&ElementId> = below.iter().map(|w| &w.element.id).collect();
    for q in &mut plan.tows {
        q.missions.retain(|m| !ids.contains(m));
    }
    for p in &mut plan.perspectives {
        p.members.retain(|m| !ids.contains(m));
    }
    Ok(gone)
}

/// How many elements and KPIs an element carries with it, itself included.
pub fn weight(e: &Element) -> (usize, usize) {
    let mut all = Vec::new();
    e.walk(None, &mut all);
    (all.len(), all.iter().map(|w| w.element.kpis.len()).sum())
}

/// The KPI with `id`: one of the plan's own or one of an element's.
pub fn kpi<'a>(plan: &'a Plan, id: &KpiId) -> Option<&'a Kpi> {
    plan.all_kpis()
        .into_iter()
        .map(|(_, k)| k)
        .find(|k| k.id == *id)
}

/// The KPI with `id`, to change it.
pub fn kpi_mut<'a>(plan: &'a mut Plan, id: &KpiId) -> Result<&'a mut Kpi> {
    fn find<'a>(list: &'a mut [Element], id: &KpiId) -> Option<&'a mut Kpi> {
        for e in list.iter_mut() {
            if let Some(k) = e.kpis.iter_mut().find(|k| k.id == *id) {
                return Some(k);
            }
            if let Some(k) = find(&mut e.children, id) {
                return Some(k);
            }
        }
        None
    }
    if let Some(i) = plan.kpis.iter().position(|k| k.id == *id) {
        return Ok(&mut plan.kpis[i]);
    }
    find(&mut plan.elements, id).ok_or_else(|| kpi_not_found(id.as_str()))
}

/// Removes the KPI with `id`; returns it.
pub fn remove_kpi(plan: &mut Plan, id: &KpiId) -> Result<Kpi> {
    if let Some(i) = plan.kpis.iter().position(|k| k.id == *id) {
        return Ok(plan.kpis.remove(i));
    }
    fn take(list: &mut [Element], id: &KpiId) -> Option<Kpi> {
        for e in list.iter_mut() {
            if let Some(i) = e.kpis.iter().position(|k| k.id == *id) {
                return Some(e.kpis.remove(i));
            }
            if let Some(k) = take(&mut e.children, id) {
                return Some(k);
            }
        }
        None
    }
    take(&mut plan.elements, id).ok_or_else(|| kpi_not_found(id.as_str()))
}

/// The element that holds KPI `id` (`None` for the plan's own KPIs or a missing one).
pub fn kpi_owner<'a>(plan: &'a Plan, id: &KpiId) -> Option<&'a Element> {
    plan.all_kpis()
        .into_iter()
        .find(|(_, k)| k.id == *id)
        .and_then(|(e, _)| e)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::element::ElementKind;

    fn plan() -> Plan {
        let mut p = crate::testing::plan();
        let mut m = Element::new(ElementKind::Mission, "พันธกิจหนึ่ง");
        m.children
            .push(Element::new(ElementKind::Strategy, "กลยุทธ์ ก"));
        m.children
            .push(Element::new(ElementKind::Strategy, "กลยุทธ์ ข"));
        m.children[1].kpis.push(Kpi::new("ตัวชี้วัด"));
        p.elements.push(m);
        p
    }

    #[test]
    fn an_element_is_added_only_where_its_kind_may_stand() {
        let mut p = plan();
        let mission = p.elements[0].id.clone();
        let activity = Element::new(ElementKind::Activity, "กิจกรรม");
        let err = add_element(&mut p, Some(&mission), activity).unwrap_err();
        assert!(err.to_string_th().contains("อยู่ใต้"), "{err}");
        let project = Element::new(ElementKind::Project, "โครงการ");
        add_element(&mut p, Some(&mission), project).unwrap();
        assert_eq!(p.elements[0].children.len(), 3);
        let err = add_element(&mut p, None, Element::new(ElementKind::Activity, "x"));
        assert!(err.is_err());
        p.check().unwrap();
    }

    #[test]
    fn moving_swaps_with_the_neighbour_and_stops_at_the_ends() {
        let mut p = plan();
        let second = p.elements[0].children[1].id.clone();
        move_element(&mut p, &second, Move::Up).unwrap();
        assert_eq!(p.elements[0].children[0].id, second);
        move_element(&mut p, &second, Move::Up).unwrap();
        assert_eq!(p.elements[0].children[0].id, second);
        move_element(&mut p, &second, Move::Down).unwrap();
        assert_eq!(p.elements[0].children[1].id, second);
    }

    #[test]
    fn removing_takes_what_is_below_and_missing_ids_are_named() {
        let mut p = plan();
        let mission = p.elements[0].id.clone();
        assert_eq!(weight(&p.elements[0]), (3, 1));
        p.perspectives.push(crate::swot::Perspective {
            key: "customer".into(),
            name_th: "ด้านลูกค้า".into(),
            name_en: None,
            members: vec![p.elements[0].children[0].id.clone()],
        });
        p.check().unwrap();
        let gone = remove_element(&mut p, &mission).unwrap();
        assert_eq!(gone.children.len(), 2);
        assert!(p.perspectives[0].members.is_empty(), "references go too");
        p.check().unwrap();
        assert!(p.elements.is_empty());
        let err = remove_element(&mut p, &mission).unwrap_err();
        assert!(err.to_string().contains(mission.as_str()));
    }

    #[test]
    fn kpis_are_found_changed_and_removed_anywhere() {
        let mut p = plan();
        let id = p.elements[0].children[1].kpis[0].id.clone();
        assert_eq!(kpi_owner(&p, &id).unwrap().title, "กลยุทธ์ ข");
        kpi_mut(&mut p, &id).unwrap().name = "ชื่อใหม่".into();
        assert_eq!(kpi(&p, &id).unwrap().name, "ชื่อใหม่");
        remove_kpi(&mut p, &id).unwrap();
        assert!(kpi(&p, &id).is_none());
        assert!(kpi_mut(&mut p, &id).is_err());
    }

    #[test]
    fn the_parent_of_a_top_element_is_the_plan() {
        let p = plan();
        assert!(matches!(parent_of(&p, &p.elements[0].id), Some(None)));
        let child = &p.elements[0].children[0];
        assert_eq!(
            parent_of(&p, &child.id).unwrap().unwrap().id,
            p.elements[0].id
        );
    }
}
