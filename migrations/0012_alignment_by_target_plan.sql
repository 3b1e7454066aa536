-- Alignment kept resolved (issue 6): saving a parent plan finds the links that name it by id or
-- title, so the other plans' links are found by their target plan without a scan.
CREATE INDEX alignment_by_target_plan ON alignment_links (target_plan);
