-- Earlier revisions of a plan, kept whole as canonical JSON when a new revision replaces them.
CREATE TABLE plan_revisions (
    plan_id TEXT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    number BIGINT NOT NULL,
    title TEXT NOT NULL,
    snapshot TEXT NOT NULL,
    replaced_at BIGINT NOT NULL,
    PRIMARY KEY (plan_id, number)
);
