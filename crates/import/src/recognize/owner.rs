//! The plan's owner and its units: the organization the user named, or one inferred from the
//! document's own words; responsible-unit texts resolved to that organization's units.

use phaen_domain::{
    CoopType, Element, OrgCode, OrgKind, OrgUnit, Organization, Plan, Responsibility, UnitKind,
};

/// An organization made from the name a document gives its owner.
pub fn infer(name: &str) -> Organization {
    let name = name.trim();
    let kind = if name.contains("สำนักงานสหกรณ์จังหวัด") || name.contains("สำนักงานส่งเสริมสหกรณ์")
    {
        OrgKind::ProvincialOffice
    } else if name.starts_with("กรม") {
        OrgKind::Department
    } else if name.starts_with("ชุมนุม") || name.starts_with("ชสอ") || name.starts_with("สันนิบาต")
    {
        OrgKind::Federation
    } else if name.starts_with("กลุ่มเกษตรกร") {
        OrgKind::FarmerGroup
    } else if name.starts_with("สหกรณ์") || name.starts_with("สอ.") || name.starts_with("สกก.")
    {
        OrgKind::Cooperative
    } else {
        OrgKind::Other
    };
    let coop_type = if kind != OrgKind::Cooperative {
        None
    } else if name.contains("ออมทรัพย์") || name.starts_with("สอ.") {
        Some(CoopType::Savings)
    } else if name.contains("การเกษตร") || name.starts_with("สกก.") {
        Some(CoopType::Agricultural)
    } else if name.contains("เครดิตยูเนี่ยน") {
        Some(CoopType::CreditUnion)
    } else if name.contains("ร้านค้า") {
        Some(CoopType::Consumer)
    } else if name.contains("ประมง") {
        Some(CoopType::Fisheries)
    } else if name.contains("นิคม") {
        Some(CoopType::LandSettlement)
    } else if name.contains("บริการ") {
        Some(CoopType::Service)
    } else {
        None
    };
    let code: String = name
        .split_whitespace()
        .collect::<Vec<_>>()
        .join("-")
        .chars()
        .take(64)
        .collect();
    Organization {
        code: OrgCode::parse(&code).unwrap_or_else(|_| OrgCode::parse("imported").expect("code")),
        name_th: name.to_string(),
        name_en: None,
        kind,
        coop_type,
        parent: None,
        units: Vec::new(),
    }
}

/// Whether a responsible text names a unit inside the owner (a division, a committee, an
/// abbreviation such as 'กตส.') rather than another body.
pub fn looks_internal(text: &str) -> bool {
    let t = text.trim();
    let prefixes = [
        "ฝ่าย",
        "คณะกรรมการ",
        "คณะอนุกรรมการ",
        "กอง",
        "สำนัก",
        "กลุ่ม",
        "ศูนย์",
        "งาน",
    ];
    if prefixes.iter().any(|p| t.starts_with(p)) {
        return true;
    }
    // Short Thai abbreviations: 'กตส.', 'กพร.', 'คสท.'.
    let bare = t.trim_end_matches('.');
    let n = bare.chars().count();
    (2..=6).contains(&n)
        && bare
            .chars()
            .all(|c| ('\u{0E01}'..='\u{0E2E}').contains(&c) || c == '.')
        && !t.contains(' ')
}

fn unit_kind(text: &str) -> UnitKind {
    if text.starts_with("คณะอนุกรรมการ") {
        UnitKind::Subcommittee
    } else if text.starts_with("คณะกรรมการ") {
        UnitKind::Committee
    } else {
        UnitKind::Division
    }
}

/// Resolves every responsible text of the plan to the owner's units. When the owner was
/// inferred (`create` true), internal-looking names become new units of it first.
pub fn resolve_units(plan: &mut Plan, create: bool) {
    if create {
        let mut names: Vec<String> = Vec::new();
        for w in plan.walk() {
            for r in &w.element.responsible {
                if looks_internal(&r.text) && !names.contains(&r.text) {
                    names.push(r.text.clone());
                }
            }
        }
        for name in names {
            if plan.owner.find_unit(&name).is_none() {
                plan.owner.units.push(OrgUnit {
                    code: name.clone(),
                    name_th: name.clone(),
                    name_en: None,
                    kind: unit_kind(&name),
                });
            }
        }
    }
    let owner = plan.owner.clone();
    for e in plan.elements.iter_mut() {
        resolve_in(e, &owner);
    }
}

fn resolve_in(e: &mut Element, owner: &Organization) {
    for r in e.responsible.iter_mut() {
        resolve_one(r, owner);
    }
    for c in e.children.iter_mut() {
        resolve_in(c, owner);
    }
}

fn resolve_one(r: &mut Responsibility, owner: &Organization) {
    if let Some(u) = owner.find_unit(&r.text) {
        r.unit = Some(u.code.clone());
        r.org = Some(owner.code.to_string());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn owners_are_told_by_their_names() {
        let o = infer("สหกรณ์ออมทรัพย์กระทรวงอุตสาหกรรม จำกัด");
        assert_eq!(
            (o.kind, o.coop_type),
            (OrgKind::Cooperative, Some(CoopType::Savings))
        );
        assert_eq!(o.code.as_str(), "สหกรณ์ออมทรัพย์กระทรวงอุตสาหกรรม-จำกัด");
        assert_eq!(
            infer("สำนักงานสหกรณ์จังหวัดลพบุรี").kind,
            OrgKind::ProvincialOffice
        );
        assert_eq!(infer("กรมส่งเสริมสหกรณ์").kind, OrgKind::Department);
        assert_eq!(infer("ชสอ.").kind, OrgKind::Federation);
    }

    #[test]
    fn internal_units_are_told_from_other_bodies() {
        assert!(looks_internal("ฝ่ายจัดการ"));
        assert!(looks_internal("คณะอนุกรรมการลงทุน"));
        assert!(looks_internal("กตส."));
        assert!(!looks_internal("สอ.คุรุลพบุรี จก."));
        assert!(!looks_internal("เกษตรจังหวัด"));
    }
}
