-- Members' comments on a plan during member consultation (ประชาพิจารณ์).
CREATE TABLE plan_comments (
    id TEXT PRIMARY KEY,
    plan_id TEXT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    author_name TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX plan_comments_by_plan ON plan_comments (plan_id, created_at);
