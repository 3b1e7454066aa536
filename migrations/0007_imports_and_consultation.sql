-- Documents uploaded through the web app wait here, read but not yet written as plans, until
-- the user has seen the import report and confirms (or they expire). Kept in the database so
-- that any server behind a load balancer can finish the import.
CREATE TABLE pending_imports (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    org_code TEXT NOT NULL,
    source TEXT NOT NULL,
    plan_json TEXT NOT NULL,
    report_json TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX pending_imports_by_user ON pending_imports (user_id, created_at);

-- The member consultation window: comments are taken from when it opens until it closes
-- (dates, Asia/Bangkok).
ALTER TABLE plans ADD COLUMN consultation_opens TEXT;
ALTER TABLE plans ADD COLUMN consultation_closes TEXT;
