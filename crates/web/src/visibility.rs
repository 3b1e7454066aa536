//! What a viewer may see, decided in one place for pages, the API, the audit log, search and
//! the command line's `--as`: the organization tree read once per request, and the plans a
//! viewer may read.

use std::collections::HashMap;

use phaen_domain::{Membership, OrgCode, Organization, PlanStatus, access};
use phaen_store::search::Scope;
use phaen_store::{OrgStore, PlanListing, PlanStore, Result, Store};

use crate::AppState;
use crate::auth::Viewer;

/// Every organization by code, to walk the tree without a query per step.
pub struct OrgTree(HashMap<OrgCode, Organization>);

impl OrgTree {
    pub async fn load(state: &AppState) -> Result<OrgTree> {
        OrgTree::load_from(&state.store).await
    }

    pub async fn load_from(store: &Store) -> Result<OrgTree> {
        Ok(OrgTree(
            store
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
    let r = readable_plans(&state.store, &viewer.memberships, true).await?;
    Ok((r.plans, r.tree))
}

/// The plans of the viewer's own organizations and the organizations below them that the
/// viewer may read: what they follow up and report on (the plans above are read, not followed).
pub async fn followed_plans(
    state: &AppState,
    viewer: &Viewer,
) -> Result<(Vec<PlanListing>, OrgTree)> {
    let r = readable_plans(&state.store, &viewer.memberships, false).await?;
    Ok((r.plans, r.tree))
}

/// The plans one holding some memberships may read.
pub struct Readable {
    pub plans: Vec<PlanListing>,
    pub tree: OrgTree,
    /// They are every plan there is.
    pub all: bool,
}

/// The plans one holding `memberships` may read, in list order: of their own organizations
/// and below, and (`with_above`) the published plans of the organizations above them.
pub async fn readable_plans(
    store: &Store,
    memberships: &[Membership],
    with_above: bool,
) -> Result<Readable> {
    let tree = OrgTree::load_from(store).await?;
    let every = store.list_plans().await?;
    let total = every.len();
    let rule = ReadRule::new(memberships, &tree, with_above);
    let plans: Vec<PlanListing> = every
        .into_iter()
        .filter(|p| rule.may_read(&p.org, p.status))
        .collect();
    Ok(Readable {
        all: plans.len() == total,
        plans,
        tree,
    })
}

/// Where a search of one holding `memberships` looks: the plans they may read (those above
/// them included), selected by the database from how far their reading reaches, so a search
/// never reads the list of every plan in the country to decide.
pub async fn search_scope(store: &Store, memberships: &[Membership]) -> Result<Scope> {
    let mut above: Vec<OrgCode> = Vec::new();
    for m in memberships {
        above.extend(store.ancestors(&m.org).await?);
    }
    above.sort();
    above.dedup();
    store
        .plans_within(&access::Reach::of(memberships, &above))
        .await
}

/// Whether one holding some memberships may read a plan of an organization in a status, as
/// [`readable_plans`] decides, for pages that read plans one by one.
pub struct ReadRule<'a> {
    memberships: &'a [Membership],
    tree: &'a OrgTree,
    above_viewer: Vec<OrgCode>,
}

impl<'a> ReadRule<'a> {
    /// With `with_above`, the published plans of the organizations above them count too.
    pub fn new(memberships: &'a [Membership], tree: &'a OrgTree, with_above: bool) -> Self {
        let above_viewer = if with_above {
            memberships
                .iter()
                .flat_map(|m| tree.ancestors(&m.org))
                .collect()
        } else {
            Vec::new()
        };
        ReadRule {
            memberships,
            tree,
            above_viewer,
        }
    }

    pub fn may_read(&self, org: &OrgCode, status: PlanStatus) -> bool {
        access::can_read_plan(self.memberships, org, status, &self.tree.ancestors(org))
            || access::reads_from_below(&self.above_viewer, org, status)
    }
}
