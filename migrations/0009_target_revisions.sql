-- Target changes never overwrite silently: every change to a KPI's target for a year keeps
-- what it was, what it became, why, who and when.
CREATE TABLE target_revisions (
    id TEXT PRIMARY KEY,
    plan_id TEXT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    kpi_id TEXT NOT NULL,
    year BIGINT NOT NULL,
    before TEXT NOT NULL,
    after TEXT NOT NULL,
    reason TEXT NOT NULL,
    changed_by TEXT NOT NULL,
    changed_by_name TEXT NOT NULL,
    changed_at BIGINT NOT NULL
);
CREATE INDEX target_revisions_by_kpi ON target_revisions (plan_id, kpi_id, changed_at);
