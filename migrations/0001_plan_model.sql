-- The plan model. Portable SQL: the same text runs on SQLite and PostgreSQL.
-- Decimals (baht, target values) are exact decimal strings in TEXT; dates are ISO (CE) TEXT;
-- times are Unix milliseconds; small lists no query needs are JSON arrays in TEXT.

CREATE TABLE orgs (
    code TEXT PRIMARY KEY,
    name_th TEXT NOT NULL,
    name_en TEXT,
    kind TEXT NOT NULL,
    coop_type TEXT,
    parent_code TEXT,
    created_at BIGINT NOT NULL
);
CREATE INDEX orgs_by_parent ON orgs (parent_code);

CREATE TABLE org_units (
    org_code TEXT NOT NULL REFERENCES orgs (code) ON DELETE CASCADE,
    code TEXT NOT NULL,
    position BIGINT NOT NULL,
    name_th TEXT NOT NULL,
    name_en TEXT,
    kind TEXT NOT NULL,
    PRIMARY KEY (org_code, code)
);

CREATE TABLE plans (
    id TEXT PRIMARY KEY,
    org_code TEXT NOT NULL REFERENCES orgs (code),
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    title_en TEXT,
    period_from BIGINT NOT NULL,
    period_to BIGINT NOT NULL,
    year_basis TEXT NOT NULL,
    year_end_month BIGINT,
    year_end_day BIGINT,
    edition TEXT,
    revision BIGINT,
    revision_written TEXT,
    as_of TEXT,
    status TEXT NOT NULL,
    approval_body TEXT,
    approval_meeting TEXT,
    approval_date TEXT,
    approval_written TEXT,
    parent_plan_id TEXT,
    parent_plan_title TEXT,
    vision TEXT,
    version BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX plans_by_org ON plans (org_code);

CREATE TABLE plan_sections (
    plan_id TEXT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    heading TEXT NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (plan_id, position)
);

-- section: 'analysis' for coded SWOT items, 'summary' for the summarised key points
CREATE TABLE swot_items (
    plan_id TEXT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    section TEXT NOT NULL,
    position BIGINT NOT NULL,
    kind TEXT NOT NULL,
    code TEXT,
    text TEXT NOT NULL,
    PRIMARY KEY (plan_id, section, position)
);

CREATE TABLE tows_quadrants (
    plan_id TEXT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    quadrant TEXT NOT NULL,
    position BIGINT NOT NULL,
    approach TEXT,
    strategies TEXT NOT NULL,
    swot_codes TEXT NOT NULL,
    missions TEXT NOT NULL,
    PRIMARY KEY (plan_id, quadrant)
);

CREATE TABLE perspectives (
    plan_id TEXT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    position BIGINT NOT NULL,
    name_th TEXT NOT NULL,
    name_en TEXT,
    members TEXT NOT NULL,
    PRIMARY KEY (plan_id, key)
);

CREATE TABLE elements (
    id TEXT PRIMARY KEY,
    plan_id TEXT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    parent_id TEXT REFERENCES elements (id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    kind TEXT NOT NULL,
    label TEXT,
    title TEXT NOT NULL,
    description TEXT,
    coop_type TEXT,
    budget_total_stated TEXT
);
CREATE INDEX elements_by_plan ON elements (plan_id, parent_id, position);

-- role: objective | target_group | expected_outcome | note
CREATE TABLE element_texts (
    element_id TEXT NOT NULL REFERENCES elements (id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    position BIGINT NOT NULL,
    label TEXT,
    text TEXT NOT NULL,
    PRIMARY KEY (element_id, role, position)
);

-- element_id is NULL for a KPI of the plan as a whole
CREATE TABLE kpis (
    id TEXT PRIMARY KEY,
    plan_id TEXT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    element_id TEXT REFERENCES elements (id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    label TEXT,
    name TEXT NOT NULL,
    unit TEXT,
    baseline_year BIGINT,
    baseline_value TEXT,
    baseline_text TEXT,
    direction TEXT,
    scale TEXT,
    notes TEXT NOT NULL
);
CREATE INDEX kpis_by_plan ON kpis (plan_id, element_id, position);

-- kind: numeric | level | tier | text | none ('-': no target that year, never a zero)
CREATE TABLE kpi_targets (
    kpi_id TEXT NOT NULL REFERENCES kpis (id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    year BIGINT NOT NULL,
    kind TEXT NOT NULL,
    comparator TEXT,
    value TEXT,
    percent BIGINT NOT NULL,
    level TEXT,
    text TEXT,
    written TEXT,
    PRIMARY KEY (kpi_id, position),
    UNIQUE (kpi_id, year)
);

CREATE TABLE budget_lines (
    element_id TEXT NOT NULL REFERENCES elements (id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    year BIGINT,
    amount_baht TEXT NOT NULL,
    source_unit TEXT NOT NULL,
    written TEXT,
    PRIMARY KEY (element_id, position)
);

CREATE TABLE responsibilities (
    element_id TEXT NOT NULL REFERENCES elements (id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    role TEXT NOT NULL,
    text TEXT NOT NULL,
    org_code TEXT,
    unit_code TEXT,
    PRIMARY KEY (element_id, position)
);

-- source_kind: element | kpi
CREATE TABLE alignment_links (
    plan_id TEXT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    source_kind TEXT NOT NULL,
    source_id TEXT NOT NULL,
    position BIGINT NOT NULL,
    target_plan TEXT,
    target_kind TEXT NOT NULL,
    target_label TEXT NOT NULL,
    scope TEXT,
    target_id TEXT,
    written TEXT,
    PRIMARY KEY (source_id, position)
);
CREATE INDEX alignment_by_plan ON alignment_links (plan_id);
CREATE INDEX alignment_by_target ON alignment_links (target_id);

CREATE TABLE readiness_flags (
    element_id TEXT NOT NULL REFERENCES elements (id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    year BIGINT NOT NULL,
    kind TEXT NOT NULL,
    ready BIGINT NOT NULL,
    PRIMARY KEY (element_id, position),
    UNIQUE (element_id, year, kind)
);

CREATE TABLE timeline_entries (
    element_id TEXT NOT NULL REFERENCES elements (id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    year BIGINT NOT NULL,
    quarter BIGINT,
    mark TEXT,
    note TEXT,
    PRIMARY KEY (element_id, position)
);

CREATE TABLE progress_results (
    element_id TEXT NOT NULL REFERENCES elements (id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    as_of TEXT,
    year BIGINT,
    narrative TEXT NOT NULL,
    actuals TEXT NOT NULL,
    PRIMARY KEY (element_id, position)
);
