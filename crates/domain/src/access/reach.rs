//! How far someone's reading reaches, as organizations and statuses rather than plan by plan,
//! so a store can select the plans they may read inside one query (search at national scale)
//! instead of reading every plan to test each. The same rule as [`super::can_read_plan`] and
//! [`super::reads_from_below`]; a test checks the two agree on every organization and status.

use crate::ids::OrgCode;
use crate::plan::PlanStatus;

use super::{Membership, Role};

/// The statuses a member reads their own organization's plans in.
pub const MEMBER_READS: [PlanStatus; 3] = [
    PlanStatus::Consultation,
    PlanStatus::Published,
    PlanStatus::Closed,
];

/// The statuses the organizations below read a plan in.
pub const BELOW_READS: [PlanStatus; 2] = [PlanStatus::Published, PlanStatus::Closed];

/// The plans one may read: every plan of `subtrees` and every organization below them, every
/// plan of `whole`, and the plans of `some` in the statuses given.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reach {
    pub subtrees: Vec<OrgCode>,
    pub whole: Vec<OrgCode>,
    pub some: Vec<(OrgCode, Vec<PlanStatus>)>,
}

impl Reach {
    /// Of one holding `memberships`, whose organizations have the ancestors `above_viewer`
    /// (every ancestor of every organization they belong to; empty to leave out the plans
    /// above them).
    pub fn of(memberships: &[Membership], above_viewer: &[OrgCode]) -> Reach {
        use Role::*;
        let mut reach = Reach::default();
        for m in memberships {
            match m.role {
                Provincial | Department => reach.subtrees.push(m.org.clone()),
                Admin | Editor | Approver | Auditor => reach.whole.push(m.org.clone()),
                Member => reach.some.push((m.org.clone(), MEMBER_READS.to_vec())),
            }
        }
        for org in above_viewer {
            reach.some.push((org.clone(), BELOW_READS.to_vec()));
        }
        reach.subtrees.sort();
        reach.subtrees.dedup();
        reach.whole.sort();
        reach.whole.dedup();
        reach
    }

    /// Whether a plan of `org` (whose ancestors are `ancestors`) in `status` is within reach.
    pub fn holds(&self, org: &OrgCode, status: PlanStatus, ancestors: &[OrgCode]) -> bool {
        self.subtrees
            .iter()
            .any(|s| s == org || ancestors.contains(s))
            || self.whole.contains(org)
            || self
                .some
                .iter()
                .any(|(o, statuses)| o == org && statuses.contains(&status))
    }

    pub fn is_empty(&self) -> bool {
        self.subtrees.is_empty() && self.whole.is_empty() && self.some.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::access::{can_read_plan, reads_from_below};

    fn code(s: &str) -> OrgCode {
        OrgCode::parse(s).unwrap()
    }

    /// A tree: DEPT -> PCO -> (COOP1, COOP2); DEPT -> OTHER.
    fn ancestors(org: &OrgCode) -> Vec<OrgCode> {
        match org.as_str() {
            "PCO" | "OTHER" => vec![code("DEPT")],
            "COOP1" | "COOP2" => vec![code("PCO"), code("DEPT")],
            _ => vec![],
        }
    }

    #[test]
    fn the_reach_is_the_read_rule_on_every_organization_and_status() {
        let orgs: Vec<OrgCode> = ["DEPT", "PCO", "COOP1", "COOP2", "OTHER"]
            .into_iter()
            .map(code)
            .collect();
        let roles = [
            Role::Admin,
            Role::Editor,
            Role::Approver,
            Role::Auditor,
            Role::Member,
            Role::Provincial,
            Role::Department,
        ];
        let mut cases = 0;
        for (i, role) in roles.iter().enumerate() {
            for at in &orgs {
                // One membership, and the same with a second role elsewhere.
                let second = Membership::new(code("COOP2"), roles[(i + 3) % roles.len()]);
                for memberships in [
                    vec![Membership::new(at.clone(), *role)],
                    vec![Membership::new(at.clone(), *role), second],
                ] {
                    for with_above in [false, true] {
                        let above: Vec<OrgCode> = if with_above {
                            memberships.iter().flat_map(|m| ancestors(&m.org)).collect()
                        } else {
                            Vec::new()
                        };
                        let reach = Reach::of(&memberships, &above);
                        for org in &orgs {
                            for status in PlanStatus::ALL {
                                let rule =
                                    can_read_plan(&memberships, org, status, &ancestors(org))
                                        || reads_from_below(&above, org, status);
                                assert_eq!(
                                    reach.holds(org, status, &ancestors(org)),
                                    rule,
                                    "{memberships:?} above {with_above}: {org} {status:?}"
                                );
                                cases += 1;
                            }
                        }
                    }
                }
            }
        }
        assert!(cases > 1000);
    }
}
