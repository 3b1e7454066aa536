-- Thai full-text search (issue 6): what each plan holds that people look for, one row a
-- document (the plan, an element, a KPI, the narratives reported for a KPI or a project), and
-- the terms each document is found by. Terms are the words ICU4X's segmenter finds and each two
-- neighbouring Thai words joined; they are kept as UTF-8 bytes so that looking up the start
-- of a term is one range of the index on both backends, whatever the database's collation.

CREATE TABLE search_docs (
    plan_id TEXT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    -- 'plan', 'e:<element id>', 'k:<kpi id>', 'kn:<kpi id>', 'pn:<element id>'
    doc TEXT NOT NULL,
    -- plan | an element kind | kpi | kpi_narrative | project_narrative
    kind TEXT NOT NULL,
    -- The element or KPI a hit links to; empty for the plan.
    target TEXT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (plan_id, doc)
);

CREATE TABLE search_terms (
    term BYTEA NOT NULL,
    plan_id TEXT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    doc TEXT NOT NULL,
    -- 1 when the term is in the document's title.
    in_title BIGINT NOT NULL,
    -- How many times it occurs.
    hits BIGINT NOT NULL,
    PRIMARY KEY (term, plan_id, doc)
);
CREATE INDEX search_terms_by_doc ON search_terms (plan_id, doc);
