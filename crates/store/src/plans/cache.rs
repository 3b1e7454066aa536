//! Whole plans kept in memory between loads, each with the stamp (version, last update) it
//! was read at. Every change to a plan's contents raises its version in the transaction that
//! makes it, so while the stored stamp equals the kept one the kept plan is what a full load
//! would read: a load then checks the stamp with one small query instead of the dozen a full
//! load takes. The stamp is always read from the database, never trusted from memory, so
//! several processes sharing one database each see the others' changes at once.
//!
//! A restore from a backup brings back older stamps with the contents they had then; this
//! process forgets everything it kept when it restores, and another process could only be
//! misled by a backup whose plan has the same version, changed in the same millisecond, as
//! one it kept from a different history.
//!
//! The owner organization is not kept: organizations change without touching their plans'
//! versions, so it is read afresh on every load.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use phaen_domain::{Plan, PlanId};

/// How many plans are kept; the least recently used goes first.
const CAPACITY: usize = 64;

/// What identifies one stored state of a plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Stamp {
    pub version: i64,
    pub updated_at: i64,
}

struct Entry {
    stamp: Stamp,
    plan: Arc<Plan>,
    used: u64,
}

#[derive(Default)]
struct Inner {
    entries: HashMap<PlanId, Entry>,
    clock: u64,
}

#[derive(Default)]
pub(crate) struct PlanCache {
    inner: Mutex<Inner>,
}

impl std::fmt::Debug for PlanCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kept = self.lock().entries.len();
        f.debug_struct("PlanCache").field("kept", &kept).finish()
    }
}

impl PlanCache {
    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        // A panic while holding the lock leaves nothing half-written worth refusing.
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The plan kept for `id` if it was read at `stamp`.
    pub fn get(&self, id: &PlanId, stamp: Stamp) -> Option<Arc<Plan>> {
        let mut inner = self.lock();
        inner.clock += 1;
        let now = inner.clock;
        let entry = inner.entries.get_mut(id)?;
        if entry.stamp != stamp {
            return None;
        }
        entry.used = now;
        Some(entry.plan.clone())
    }

    /// Keeps `plan` as read at `stamp`, in place of any older state of it.
    pub fn put(&self, stamp: Stamp, plan: Arc<Plan>) {
        let mut inner = self.lock();
        inner.clock += 1;
        let now = inner.clock;
        if inner.entries.len() >= CAPACITY && !inner.entries.contains_key(&plan.id) {
            let oldest = inner
                .entries
                .iter()
                .min_by_key(|(_, e)| e.used)
                .map(|(id, _)| id.clone());
            if let Some(oldest) = oldest {
                inner.entries.remove(&oldest);
            }
        }
        inner.entries.insert(
            plan.id.clone(),
            Entry {
                stamp,
                plan,
                used: now,
            },
        );
    }

    /// Forgets the plan (it was deleted).
    pub fn forget(&self, id: &PlanId) {
        self.lock().entries.remove(id);
    }

    /// Forgets every plan (the database was restored from a backup).
    pub fn clear(&self) {
        self.lock().entries.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(n: usize) -> Arc<Plan> {
        let mut p = phaen_synth::demo(1).plans.remove(0);
        p.id = PlanId::parse(&format!("cache-test-{n}")).unwrap();
        Arc::new(p)
    }

    const AT_1: Stamp = Stamp {
        version: 1,
        updated_at: 100,
    };

    #[test]
    fn a_plan_is_given_back_only_for_the_stamp_it_was_read_at() {
        let cache = PlanCache::default();
        let p = plan(1);
        cache.put(AT_1, p.clone());
        assert!(cache.get(&p.id, AT_1).is_some());
        let changed = Stamp {
            version: 2,
            updated_at: 200,
        };
        assert!(cache.get(&p.id, changed).is_none());
        let same_version_other_time = Stamp {
            version: 1,
            updated_at: 300,
        };
        assert!(cache.get(&p.id, same_version_other_time).is_none());
        cache.forget(&p.id);
        assert!(cache.get(&p.id, AT_1).is_none());
    }

    #[test]
    fn the_least_recently_used_plan_goes_first_when_full() {
        let cache = PlanCache::default();
        for n in 0..CAPACITY {
            cache.put(AT_1, plan(n));
        }
        // Plan 0 is used again, so plan 1 is now the least recently used.
        assert!(cache.get(&plan(0).id, AT_1).is_some());
        cache.put(AT_1, plan(CAPACITY));
        assert!(cache.get(&plan(0).id, AT_1).is_some());
        assert!(cache.get(&plan(1).id, AT_1).is_none());
        assert!(cache.get(&plan(CAPACITY).id, AT_1).is_some());
        assert_eq!(cache.lock().entries.len(), CAPACITY);
    }
}
