-- Coverage of one national element, read from what serves it (issue 6).
-- A project's reports found from the project: coverage reads the latest approved report of
-- each project serving a national guideline; without this it read every report there is.
CREATE INDEX project_progress_by_element ON project_progress (element_id);
-- The links to one element from some plans (a page of the plans serving it) are one seek per
-- plan; this index also does all that the index by target alone did.
CREATE INDEX alignment_by_target_and_plan ON alignment_links (target_id, plan_id);
DROP INDEX alignment_by_target;
