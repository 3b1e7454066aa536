//! Who may do what: the roles a person holds in an organization and the rules that decide,
//! from those roles and where an organization sits in the tree, whether they may read, write
//! or approve a plan and read the audit log. Pure functions; the caller supplies the ancestors
//! of the organization in question (parent first, root last).

use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::ids::OrgCode;
use crate::plan::PlanStatus;

/// A role a person holds in one organization.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Manages the organization's users and everything its plans hold.
    Admin,
    /// Management staff: writes the organization's plans.
    Editor,
    /// The board: approves plans.
    Approver,
    /// The cooperative's auditor: reads everything, including the audit log.
    Auditor,
    /// A member: reads what is published.
    Member,
    /// A provincial cooperative office: reads its subtree, writes its own plans.
    Provincial,
    /// The Cooperative Promotion Department: reads its subtree, writes its own plans.
    Department,
}

impl Role {
    pub const ALL: [Role; 7] = [
        Role::Admin,
        Role::Editor,
        Role::Approver,
        Role::Auditor,
        Role::Member,
        Role::Provincial,
        Role::Department,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Editor => "editor",
            Role::Approver => "approver",
            Role::Auditor => "auditor",
            Role::Member => "member",
            Role::Provincial => "provincial",
            Role::Department => "department",
        }
    }

    /// Reads a role from its name (`editor`), ignoring case and surrounding spaces; an unknown
    /// name is refused with the list of valid ones.
    pub fn parse(input: &str) -> Result<Role> {
        let wanted = input.trim().to_ascii_lowercase();
        Role::ALL
            .into_iter()
            .find(|r| r.as_str() == wanted)
            .ok_or_else(|| {
                let names: Vec<&str> = Role::ALL.iter().map(|r| r.as_str()).collect();
                Error::parse("role", input, format!("one of {}", names.join(", ")))
            })
    }

    pub fn label_th(self) -> &'static str {
        match self {
            Role::Admin => "ผู้ดูแลระบบ",
            Role::Editor => "ฝ่ายจัดการ (ผู้แก้ไข)",
            Role::Approver => "คณะกรรมการ (ผู้อนุมัติ)",
            Role::Auditor => "ผู้ตรวจสอบกิจการ",
            Role::Member => "สมาชิก",
            Role::Provincial => "สำนักงานสหกรณ์จังหวัด",
            Role::Department => "กรมส่งเสริมสหกรณ์",
        }
    }

    /// Whether the role reaches down into the organizations below the one it is held in.
    pub fn is_upper_level(self) -> bool {
        matches!(self, Role::Provincial | Role::Department)
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One role held in one organization.
#[derive(
    Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
pub struct Membership {
    pub org: OrgCode,
    pub role: Role,
}

impl Membership {
    pub fn new(org: OrgCode, role: Role) -> Membership {
        Membership { org, role }
    }
}

/// The form a username is stored and compared in: trimmed and lowercase. Refused when empty,
/// longer than 64 characters, or holding spaces or control characters.
pub fn normalize_username(input: &str) -> Result<String> {
    let name = input.trim().to_lowercase();
    let ok = !name.is_empty()
        && name.chars().count() <= 64
        && name.chars().all(|c| !c.is_whitespace() && !c.is_control());
    if ok {
        Ok(name)
    } else {
        Err(Error::parse(
            "username",
            input,
            "1-64 characters without spaces",
        ))
    }
}

/// The ancestors of `org`, parent first and root last, read from a parent lookup (for example
/// a map built from the organization list). Stops at a code already seen, so a cycle in bad
/// data cannot loop forever.
pub fn ancestors(org: &OrgCode, parent_of: impl Fn(&OrgCode) -> Option<OrgCode>) -> Vec<OrgCode> {
    let mut out: Vec<OrgCode> = Vec::new();
    let mut current = org.clone();
    while let Some(parent) = parent_of(&current) {
        if &parent == org || out.contains(&parent) {
            break;
        }
        out.push(parent.clone());
        current = parent;
    }
    out
}

fn holds(memberships: &[Membership], org: &OrgCode, roles: &[Role]) -> bool {
    memberships
        .iter()
        .any(|m| &m.org == org && roles.contains(&m.role))
}

/// Whether an upper-level role is held in `org` or in one of `ancestors`.
fn upper_level_over(memberships: &[Membership], org: &OrgCode, ancestors: &[OrgCode]) -> bool {
    memberships
        .iter()
        .any(|m| m.role.is_upper_level() && (&m.org == org || ancestors.contains(&m.org)))
}

/// Whether the holder of `memberships` may read a plan of `plan_org` in `plan_status`.
/// Admins, editors, approvers and auditors of the plan's organization read every plan of it;
/// its members read a plan in member consultation (to comment on it), published and closed;
/// a provincial office or the department
/// reads every plan in its subtree (its own organization's included).
pub fn can_read_plan(
    memberships: &[Membership],
    plan_org: &OrgCode,
    plan_status: PlanStatus,
    ancestors_of_plan_org: &[OrgCode],
) -> bool {
    use Role::*;
    holds(memberships, plan_org, &[Admin, Editor, Approver, Auditor])
        || (holds(memberships, plan_org, &[Member])
            && matches!(
                plan_status,
                PlanStatus::Consultation | PlanStatus::Published | PlanStatus::Closed
            ))
        || upper_level_over(memberships, plan_org, ancestors_of_plan_org)
}

/// Whether someone whose organizations sit below `plan_org` may read its plan: a published or
/// closed plan is read by everyone in the organizations below its own, since the plans above
/// are what theirs carry out and align to. `above_viewer` is every ancestor of every
/// organization the viewer belongs to.
pub fn reads_from_below(
    above_viewer: &[OrgCode],
    plan_org: &OrgCode,
    plan_status: PlanStatus,
) -> bool {
    matches!(plan_status, PlanStatus::Published | PlanStatus::Closed)
        && above_viewer.contains(plan_org)
}

/// Whether the holder may change a plan of `plan_org` (and create plans for it): admins and
/// editors of that organization, and a provincial office or the department for their own
/// organization's plans only, never for the plans of the organizations below them.
pub fn can_write_plan(memberships: &[Membership], plan_org: &OrgCode) -> bool {
    use Role::*;
    holds(
        memberships,
        plan_org,
        &[Admin, Editor, Provincial, Department],
    )
}

/// Whether the holder may approve (or send back) a plan of `plan_org`: its board (approvers)
/// and its admins.
pub fn can_approve(memberships: &[Membership], plan_org: &OrgCode) -> bool {
    holds(memberships, plan_org, &[Role::Approver, Role::Admin])
}

/// Whether these memberships may move a plan of `plan_org` from `from` to `to`: the plan's
/// editors open and close member consultation; its approvers (the board) record approval,
/// publish and close. Only the moves the plan's life allows.
pub fn can_move(
    memberships: &[Membership],
    plan_org: &OrgCode,
    from: crate::PlanStatus,
    to: crate::PlanStatus,
) -> bool {
    use crate::PlanStatus::*;
    if !from.may_move_to(to) {
        return false;
    }
    match to {
        Draft | Consultation => can_write_plan(memberships, plan_org),
        Approved | Published | Closed => can_approve(memberships, plan_org),
    }
}

/// Whether the holder may read the audit log of `org`: its auditors and admins, and a
/// provincial office or the department at or above it.
pub fn can_read_audit(
    memberships: &[Membership],
    org: &OrgCode,
    ancestors_of_org: &[OrgCode],
) -> bool {
    holds(memberships, org, &[Role::Auditor, Role::Admin])
        || upper_level_over(memberships, org, ancestors_of_org)
}

pub mod reach;

pub use reach::Reach;

#[cfg(test)]
mod tests;
