-- What will be done about a KPI that missed its target in a year: the action, who owns it, by
-- when, and when it was done.
CREATE TABLE corrective_actions (
    id TEXT PRIMARY KEY,
    plan_id TEXT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    kpi_id TEXT NOT NULL,
    year BIGINT NOT NULL,
    action TEXT NOT NULL,
    owner TEXT NOT NULL,
    due TEXT NOT NULL,
    done_at BIGINT,
    created_by TEXT NOT NULL,
    created_by_name TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX corrective_actions_by_plan ON corrective_actions (plan_id, year);
