-- Foreign keys need an index on the referencing column, or every insert and cascade scans.
CREATE INDEX elements_by_parent ON elements (parent_id);
CREATE INDEX kpis_by_element ON kpis (element_id);
