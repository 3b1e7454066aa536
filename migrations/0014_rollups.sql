-- Roll-ups up the organization tree (issue 6), kept up to date as plans are saved, so a
-- national view reads a few hundred rows instead of every serving project in the country.
-- Money is whole satang (BIGINT): exact, and summed by the database without rounding.

-- What one plan contributes to the plans it serves. grain 'target': per element or KPI of the
-- parent plan (key), items serving it (counted on year 0) and their budget per budget year
-- (0 = lines with no year); grain 'strategy': per top-level element of the parent plan, each
-- serving element's budget counted once however many of that strategy's targets it serves.
CREATE TABLE rollup_plan_facts (
    plan_id TEXT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    org_code TEXT NOT NULL,
    target_plan TEXT NOT NULL,
    grain TEXT NOT NULL,
    key TEXT NOT NULL,
    year BIGINT NOT NULL,
    items BIGINT NOT NULL,
    budget_satang BIGINT NOT NULL,
    PRIMARY KEY (plan_id, grain, key, year)
);
CREATE INDEX rollup_facts_by_org ON rollup_plan_facts (org_code, grain, key, year);

-- The same summed over each organization's subtree (its own plans included): one row per
-- organization and key. orgs: how many organizations of the subtree serve the key (target
-- grain, year 0).
CREATE TABLE rollup_totals (
    target_plan TEXT NOT NULL,
    org_code TEXT NOT NULL,
    grain TEXT NOT NULL,
    key TEXT NOT NULL,
    year BIGINT NOT NULL,
    items BIGINT NOT NULL,
    orgs BIGINT NOT NULL,
    budget_satang BIGINT NOT NULL,
    PRIMARY KEY (target_plan, org_code, grain, key, year)
);

-- One row once the roll-ups have been built from the plans already stored (a database older
-- than this migration is built the first time it is opened).
CREATE TABLE rollup_built (
    built_at BIGINT NOT NULL
);

-- KPI achievement of the plans followed (approved or published): how many of a plan's KPIs
-- are achieved, partly achieved, not achieved, without data or without a target in a year,
-- from the approved values; per plan, and summed over every organization's subtree.
CREATE TABLE rollup_achievement (
    plan_id TEXT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    org_code TEXT NOT NULL,
    year BIGINT NOT NULL,
    status TEXT NOT NULL,
    kpis BIGINT NOT NULL,
    PRIMARY KEY (plan_id, year, status)
);

CREATE TABLE rollup_achievement_totals (
    org_code TEXT NOT NULL,
    year BIGINT NOT NULL,
    status TEXT NOT NULL,
    kpis BIGINT NOT NULL,
    PRIMARY KEY (org_code, year, status)
);
