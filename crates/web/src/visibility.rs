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

/// The plans `viewer` may read, in list order, and the tree used to decide: those of their
/// own organizations and below, and the published plans of the organizations above them.
pub async fn visible_plans(
    state: &AppState,
    viewer: &Viewer,
) -> Result<(Vec<PlanListing>, OrgTree)> {
    plans_read(state, viewer, true).await
}

/// The plans of the viewer's own organizations and the organizations below them that the
/// viewer may read: what they follow up and report on (the plans above are read, not followed).
pub async fn followed_plans(
    state: &AppState,
    viewer: &Viewer,
) -> Result<(Vec<PlanListing>, OrgTree)> {
    plans_read(state, viewer, false).await
}

async fn plans_read(
    state: &AppState,
    viewer: &Viewer,
    with_above: bool,
) -> Result<(Vec<PlanListing>, OrgTree)> {
    let tree = OrgTree::load(state).await?;
    let above_viewer: Vec<OrgCode> = if with_above {
        viewer
            .memberships
            .iter()
            .flat_map(|m| tree.ancestors(&m.org))
            .collect()
    } else {
        Vec::new()
    };
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
            ) || access::reads_from_below(&above_viewer, &p.org, p.status)
        })
        .collect();
    Ok((plans, tree))
}
