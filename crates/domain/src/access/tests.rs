//! Every access rule, with the demo tree's shape: department -> provincial office ->
//! cooperative, and a second cooperative under the same office.

use super::*;
use PlanStatus::*;
use Role::*;

fn code(s: &str) -> OrgCode {
    OrgCode::parse(s).unwrap()
}

fn dept() -> OrgCode {
    code("DEPT")
}
fn pco() -> OrgCode {
    code("PCO-PNW")
}
fn coop() -> OrgCode {
    code("PNW-SAV01")
}
fn other_coop() -> OrgCode {
    code("PNW-AGR01")
}

/// Ancestors of the cooperative, parent first.
fn coop_ancestors() -> Vec<OrgCode> {
    vec![pco(), dept()]
}

fn one(org: OrgCode, role: Role) -> Vec<Membership> {
    vec![Membership::new(org, role)]
}

fn reads_coop_plan(m: &[Membership], status: PlanStatus) -> bool {
    can_read_plan(m, &coop(), status, &coop_ancestors())
}

#[test]
fn staff_board_auditor_and_admin_read_every_plan_of_their_cooperative() {
    for role in [Admin, Editor, Approver, Auditor] {
        for status in PlanStatus::ALL {
            assert!(
                reads_coop_plan(&one(coop(), role), status),
                "{role} {status:?}"
            );
        }
    }
}

#[test]
fn a_member_reads_plans_in_consultation_published_and_closed_only() {
    let m = one(coop(), Member);
    assert!(reads_coop_plan(&m, Published));
    assert!(reads_coop_plan(&m, Closed));
    assert!(
        reads_coop_plan(&m, Consultation),
        "members read the draft they are asked about"
    );
    for status in [Draft, Approved] {
        assert!(!reads_coop_plan(&m, status), "{status:?}");
    }
}

#[test]
fn roles_in_another_cooperative_read_nothing_here() {
    for role in Role::ALL {
        assert!(
            !reads_coop_plan(&one(other_coop(), role), Published),
            "{role}"
        );
    }
}

#[test]
fn the_provincial_office_and_the_department_read_every_plan_in_their_subtree() {
    for m in [one(pco(), Provincial), one(dept(), Department)] {
        for status in PlanStatus::ALL {
            assert!(reads_coop_plan(&m, status), "{m:?} {status:?}");
        }
    }
    assert!(can_read_plan(
        &one(pco(), Provincial),
        &pco(),
        Draft,
        &[dept()]
    ));
}

#[test]
fn an_upper_level_role_does_not_read_outside_its_subtree() {
    let other_province = one(code("PCO-OTHER"), Provincial);
    assert!(!reads_coop_plan(&other_province, Draft));
    // The provincial office does not read the department above it.
    assert!(!can_read_plan(&one(pco(), Provincial), &dept(), Draft, &[]));
}

#[test]
fn a_role_other_than_provincial_or_department_does_not_reach_the_subtree() {
    for role in [Admin, Editor, Approver, Auditor, Member] {
        assert!(!reads_coop_plan(&one(pco(), role), Published), "{role}");
        assert!(!reads_coop_plan(&one(dept(), role), Published), "{role}");
    }
}

#[test]
fn admins_and_editors_write_their_own_organizations_plans() {
    assert!(can_write_plan(&one(coop(), Admin), &coop()));
    assert!(can_write_plan(&one(coop(), Editor), &coop()));
    for role in [Approver, Auditor, Member] {
        assert!(!can_write_plan(&one(coop(), role), &coop()), "{role}");
    }
    assert!(!can_write_plan(&one(other_coop(), Editor), &coop()));
}

#[test]
fn upper_levels_write_their_own_plans_but_not_their_subtrees() {
    assert!(can_write_plan(&one(pco(), Provincial), &pco()));
    assert!(can_write_plan(&one(dept(), Department), &dept()));
    assert!(!can_write_plan(&one(pco(), Provincial), &coop()));
    assert!(!can_write_plan(&one(dept(), Department), &coop()));
    assert!(!can_write_plan(&one(dept(), Department), &pco()));
}

#[test]
fn the_board_and_admins_approve_and_no_one_else_does() {
    assert!(can_approve(&one(coop(), Approver), &coop()));
    assert!(can_approve(&one(coop(), Admin), &coop()));
    for role in [Editor, Auditor, Member] {
        assert!(!can_approve(&one(coop(), role), &coop()), "{role}");
    }
    assert!(!can_approve(&one(pco(), Provincial), &coop()));
    assert!(!can_approve(&one(other_coop(), Approver), &coop()));
}

#[test]
fn auditors_admins_and_upper_levels_read_the_audit_log() {
    let reads = |m: &[Membership]| can_read_audit(m, &coop(), &coop_ancestors());
    assert!(reads(&one(coop(), Auditor)));
    assert!(reads(&one(coop(), Admin)));
    assert!(reads(&one(pco(), Provincial)));
    assert!(reads(&one(dept(), Department)));
    for role in [Editor, Approver, Member] {
        assert!(!reads(&one(coop(), role)), "{role}");
    }
    assert!(!reads(&one(other_coop(), Auditor)));
    assert!(!reads(&one(pco(), Auditor)));
}

#[test]
fn no_memberships_grant_nothing() {
    assert!(!reads_coop_plan(&[], Published));
    assert!(!can_write_plan(&[], &coop()));
    assert!(!can_approve(&[], &coop()));
    assert!(!can_read_audit(&[], &coop(), &coop_ancestors()));
}

#[test]
fn several_memberships_grant_the_union_of_their_rights() {
    let m = vec![
        Membership::new(other_coop(), Editor),
        Membership::new(coop(), Member),
    ];
    assert!(can_write_plan(&m, &other_coop()));
    assert!(!can_write_plan(&m, &coop()));
    assert!(reads_coop_plan(&m, Published));
    assert!(!reads_coop_plan(&m, Draft));
}

#[test]
fn roles_parse_from_their_names_and_refuse_others_listing_the_valid_ones() {
    for role in Role::ALL {
        assert_eq!(Role::parse(role.as_str()).unwrap(), role);
        assert!(!role.label_th().is_empty());
    }
    assert_eq!(Role::parse(" Editor ").unwrap(), Editor);
    let err = Role::parse("boss").unwrap_err().to_string();
    assert!(
        err.contains("admin, editor, approver, auditor, member, provincial, department"),
        "{err}"
    );
}

#[test]
fn roles_serialize_as_snake_case_names() {
    let m = Membership::new(pco(), Provincial);
    let json = serde_json::to_string(&m).unwrap();
    assert_eq!(json, r#"{"org":"PCO-PNW","role":"provincial"}"#);
    assert_eq!(serde_json::from_str::<Membership>(&json).unwrap(), m);
}

#[test]
fn usernames_are_compared_trimmed_and_lowercase() {
    assert_eq!(normalize_username("  Somchai ").unwrap(), "somchai");
    assert_eq!(normalize_username("สมชาย.ร").unwrap(), "สมชาย.ร");
    for bad in ["", "   ", "som chai", "a\u{0}b"] {
        assert!(normalize_username(bad).is_err(), "{bad:?}");
    }
    assert!(normalize_username(&"a".repeat(65)).is_err());
}

#[test]
fn ancestors_run_from_the_parent_to_the_root_and_survive_a_cycle() {
    let parent_of = |o: &OrgCode| match o.as_str() {
        "PNW-SAV01" => Some(pco()),
        "PCO-PNW" => Some(dept()),
        _ => None,
    };
    assert_eq!(ancestors(&coop(), parent_of), coop_ancestors());
    assert!(ancestors(&dept(), parent_of).is_empty());
    let cyclic = |o: &OrgCode| Some(if o == &coop() { pco() } else { coop() });
    assert_eq!(ancestors(&coop(), cyclic), vec![pco()]);
}

#[test]
fn editors_open_consultation_and_the_board_approves_publishes_and_closes() {
    use crate::PlanStatus::*;
    let org = OrgCode::parse("coop").unwrap();
    let editor = [Membership::new(org.clone(), Role::Editor)];
    let board = [Membership::new(org.clone(), Role::Approver)];
    assert!(can_move(&editor, &org, Draft, Consultation));
    assert!(!can_move(&editor, &org, Consultation, Approved));
    assert!(can_move(&board, &org, Consultation, Approved));
    assert!(can_move(&board, &org, Approved, Published));
    assert!(
        !can_move(&board, &org, Draft, Published),
        "no skipping approval"
    );
    assert!(!can_move(
        &board,
        &OrgCode::parse("other").unwrap(),
        Approved,
        Published
    ));
}

#[test]
fn those_below_read_the_published_plans_above_them_and_nothing_else_of_theirs() {
    // A cooperative's people read the department's and the province's published plans.
    let above = [pco(), dept()];
    assert!(reads_from_below(&above, &dept(), Published));
    assert!(reads_from_below(&above, &pco(), Closed));
    assert!(!reads_from_below(&above, &dept(), Draft));
    assert!(!reads_from_below(&above, &dept(), Consultation));
    // Not a province they do not sit under.
    assert!(!reads_from_below(&above, &code("PCO-OTHER"), Published));
}
