//! Demo sign-ins, one per role. The passwords are printed here on purpose: they are for the
//! demo database only and must never guard real data.

use crate::orgs::{DEPT, PCO, SAVINGS};

/// A person who can sign in to the demo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoUser {
    pub username: String,
    pub display_name: String,
    /// The code of the organization the user belongs to.
    pub org: String,
    /// admin, editor, approver, auditor, member, provincial or department.
    pub role: String,
    /// Demo only: 'demo-<role>-2568'.
    pub password: String,
}

/// One sign-in per role (demo-only passwords).
pub fn demo_users() -> Vec<DemoUser> {
    [
        ("admin", "ผู้ดูแลระบบสาธิต", DEPT),
        ("editor", "นางสาวกนกพร ศรีสว่างวงศ์", SAVINGS),
        ("approver", "นายชาญวิทย์ มั่นคงธรรม", SAVINGS),
        ("auditor", "นางวาสนา ตรงเที่ยง", SAVINGS),
        ("member", "นายสมพงษ์ รักออม", SAVINGS),
        ("provincial", "นางสาวอรอุมา ทองพนา", PCO),
        ("department", "นายธีรวัฒน์ ก้าวหน้า", DEPT),
    ]
    .into_iter()
    .map(|(role, name, org)| DemoUser {
        username: role.to_string(),
        display_name: name.to_string(),
        org: org.to_string(),
        role: role.to_string(),
        password: format!("demo-{role}-2568"),
    })
    .collect()
}
