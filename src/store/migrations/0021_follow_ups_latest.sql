-- Each person's newest follow-up about a disease is marked, so a list
-- counts the reasons given in its subtree with one join from the few
-- marked follow-ups (mobilisation_sql.h), not a newest-per-person search.
ALTER TABLE follow_ups ADD COLUMN latest INTEGER NOT NULL DEFAULT 0;
UPDATE follow_ups SET latest = 1 WHERE id IN (SELECT MAX(id) FROM follow_ups GROUP BY person_id, disease);
DROP INDEX follow_ups_place;
CREATE INDEX follow_ups_place ON follow_ups(disease, latest, region_code, result, person_id);
