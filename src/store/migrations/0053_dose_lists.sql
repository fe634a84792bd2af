-- A person's doses are found through their vaccination states: each state
-- lists the ids of the doses it counts, and dose_records loses its index by
-- person. A dose writes its person's state row in any case; the index entry
-- was one more random page a dose, 6.6% of the doses a second on SQLite
-- (docs/decisions.md, "A person's doses found through their states").
-- Doses inserted without their state (a migrated history, or a product no
-- disease claims) are kept apart in unlisted_doses until a rebuild lists
-- them. Every dose recorded so far is kept apart here, and the states are
-- emptied, so the server rebuilds them, their lists and every figure when
-- it next starts (RebuildIfMissing, vaccination_state_rebuild.h).
ALTER TABLE vaccination_state ADD COLUMN dose_ids TEXT NOT NULL DEFAULT '';
CREATE TABLE unlisted_doses (
  dose_id BIGINT PRIMARY KEY,
  person_id BIGINT NOT NULL
);
CREATE INDEX unlisted_doses_person ON unlisted_doses(person_id);
INSERT INTO unlisted_doses(dose_id, person_id) SELECT id, person_id FROM dose_records;
DELETE FROM vaccination_state;
DROP INDEX dose_records_person;
