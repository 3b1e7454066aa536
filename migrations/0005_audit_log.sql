-- The audit log: append-only, each entry chained to the one before by a SHA-256 hash, so an
-- edit to history is detected (phaen audit verify).
CREATE TABLE audit_log (
    seq BIGINT PRIMARY KEY,
    at BIGINT NOT NULL,
    actor_id TEXT NOT NULL,
    actor_name TEXT NOT NULL,
    action TEXT NOT NULL,
    org_code TEXT,
    plan_id TEXT,
    target TEXT,
    before TEXT,
    after TEXT,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX audit_by_plan ON audit_log (plan_id, seq);
CREATE INDEX audit_by_org ON audit_log (org_code, seq);
