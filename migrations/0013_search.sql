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
    -- The element whose page shows it; empty for the plan's own page.
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
    hits BIGINT NOT NULL
);
-- A term's documents, those with it in their title and most often first: searching every
-- plan reads one range of this index per key, and no more of it than a page needs.
CREATE INDEX search_terms_by_term ON search_terms (term, in_title DESC, hits DESC, plan_id, doc);
-- A plan's terms: searching the plans one may read seeks one range per plan and key; a plan's
-- index is also deleted by it.
CREATE INDEX search_terms_by_plan ON search_terms (plan_id, term);
