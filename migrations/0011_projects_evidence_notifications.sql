-- Following projects up, evidence behind reported values, and reminders (issue 5).

-- A project's report for one period: where it stands, how far along, and its money so far in
-- the year (allocated, committed, disbursed; decimals written as text, baht). Same life as a
-- KPI's entry: draft -> submitted -> approved (locked) or returned.
CREATE TABLE project_progress (
    id TEXT PRIMARY KEY,
    plan_id TEXT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    element_id TEXT NOT NULL,
    period TEXT NOT NULL,
    year BIGINT NOT NULL,
    -- not_started | on_track | at_risk | delayed | done
    status TEXT NOT NULL,
    percent_complete TEXT NOT NULL,
    allocated TEXT,
    committed TEXT,
    disbursed TEXT,
    narrative TEXT NOT NULL,
    state TEXT NOT NULL,
    reason TEXT,
    entered_by TEXT NOT NULL,
    entered_at BIGINT NOT NULL,
    decided_by TEXT,
    decided_at BIGINT,
    version BIGINT NOT NULL,
    UNIQUE (plan_id, element_id, period)
);
CREATE INDEX project_progress_by_year ON project_progress (plan_id, year);

-- Files behind a KPI's reported value (a scanned minute, a photo, a spreadsheet). The bytes
-- are kept in the database, base64-encoded, so every server and every backup has them.
CREATE TABLE evidence_files (
    id TEXT PRIMARY KEY,
    plan_id TEXT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    kpi_id TEXT NOT NULL,
    period TEXT NOT NULL,
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    content_base64 TEXT NOT NULL,
    uploaded_by TEXT NOT NULL,
    uploaded_at BIGINT NOT NULL
);
CREATE INDEX evidence_files_by_entry ON evidence_files (plan_id, kpi_id, period);

-- Where reminders are emailed.
ALTER TABLE users ADD COLUMN email TEXT;

-- In-app notifications: a reminder of data owed, and the like. `dedupe` makes the same
-- reminder on the same day land once, however many servers or runs raise it.
CREATE TABLE notifications (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    plan_id TEXT REFERENCES plans (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    message TEXT NOT NULL,
    link TEXT NOT NULL,
    dedupe TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    read_at BIGINT,
    emailed_at BIGINT,
    UNIQUE (user_id, dedupe)
);
CREATE INDEX notifications_by_user ON notifications (user_id, created_at);
