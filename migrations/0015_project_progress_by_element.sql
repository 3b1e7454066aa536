-- A project's reports found from the project (coverage reads the latest approved report of
-- each project serving a national guideline; without this it read every report there is).
CREATE INDEX project_progress_by_element ON project_progress (element_id);
