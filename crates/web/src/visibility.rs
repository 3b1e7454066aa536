//! What a viewer may see, decided in one place for pages, the API and the audit log: the
//! organization tree read once per request, and the plans a viewer may read.

use std::collections::HashMap;

use phaen_domain::{OrgCode, Organization, access};
use phaen_store::{OrgStore, PlanListing, PlanStore, Result};

use crate::AppState;
use crate::auth::Viewer;

/// Every organization by code, to walk the tree without a query per step.
pub struct OrgTree(HashMap<OrgCode, Organization>);

impl OrgTree {
    pub async fn load(state: &AppState) -> Result<OrgTree> {
        Ok(OrgTree(
            state
                .store
                .list_orgs()
                .await?
                .into_iter()
                .map(|o| (o.code.clone(), o))
                .collect(),
        ))
    }

    pub fn ancestors(&self, org: &OrgCode) -> Vec<OrgCode> {
        access::ancestors(org, |c| self.0.get(c).and_then(|o| o.parent.clone()))
    }

    /// The organization's Thai name, or its code when it is unknown.
    pub fn name(&self, org: &OrgCode) -> String {
        self.0
            .get(org)
            .map_or_else(|| org.to_string(), |o| o.name_th.clone())
    }
}

/// The plans `viewer` may read, in list order, and the tree used to decide.
pub async fn visible_plans(
    state: &AppState,
    viewer: &Viewer,
) -> Result<(Vec<PlanListing>, OrgTree)> {
    let tree = OrgTree::load(state).await?;
    let plans = state
        .store
        .list_plans()
        .await?
        .into_iter()
        .filter(|p| {
            access::can_read_plan(
                &viewer.memberships,
                &p.org,
                p.status,
                &tree.ancestors(&p.org),
            )
        })
        .collect();
    Ok((plans, tree))
}
