-- Following a plan up (issue 5): how each KPI or project reports, and the values reported for
-- each period with their life (draft -> submitted -> approved and locked, or returned).

CREATE TABLE reporting_setups (
    plan_id TEXT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    -- A KPI's id or a project's element id.
    subject TEXT NOT NULL,
    subject_kind TEXT NOT NULL,
    frequency TEXT NOT NULL,
    aggregation TEXT NOT NULL,
    -- Its weight in the roll-up, a decimal written as text.
    weight TEXT NOT NULL,
    owner_user_id TEXT REFERENCES users (id) ON DELETE SET NULL,
    owner_unit TEXT,
    PRIMARY KEY (plan_id, subject)
);

-- Days after a period ends until its data is due.
ALTER TABLE plans ADD COLUMN reporting_due_days BIGINT NOT NULL DEFAULT 15;

CREATE TABLE kpi_progress (
    id TEXT PRIMARY KEY,
    plan_id TEXT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    kpi_id TEXT NOT NULL,
    -- The period's key: '2568', '2568-Q1', '2568-M01'.
    period TEXT NOT NULL,
    year BIGINT NOT NULL,
    -- number | level | met
    value_kind TEXT NOT NULL,
    value TEXT NOT NULL,
    narrative TEXT NOT NULL,
    state TEXT NOT NULL,
    -- Why it was last returned or reopened.
    reason TEXT,
    entered_by TEXT NOT NULL,
    entered_at BIGINT NOT NULL,
    decided_by TEXT,
    decided_at BIGINT,
    version BIGINT NOT NULL,
    UNIQUE (plan_id, kpi_id, period)
);
CREATE INDEX kpi_progress_by_year ON kpi_progress (plan_id, year);
