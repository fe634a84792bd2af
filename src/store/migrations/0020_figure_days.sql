-- What the figures (0019) read of the state and the follow-ups: the
-- days a person is listed, the places they carry, and the indexes the lists
-- use (mobilisation_sql.h).
-- The days a state adds to the figures: the first booster, and the days the
-- person is on a list (from, until). Rebuilt at the next start, with the
-- figures (vaccination_state_rebuild.h).
ALTER TABLE vaccination_state ADD COLUMN first_booster TEXT NOT NULL DEFAULT '';
ALTER TABLE vaccination_state ADD COLUMN listed_from TEXT NOT NULL DEFAULT '';
ALTER TABLE vaccination_state ADD COLUMN listed_until TEXT NOT NULL DEFAULT '';
DELETE FROM vaccination_state;
-- The late lists read the days a person is listed.
DROP INDEX vaccination_state_due;
CREATE INDEX vaccination_state_due ON vaccination_state(disease, next_is_booster, region_code,
  next_recommended, listed_from, listed_until, person_id) WHERE listed_from <> '';
-- The vaccinated and everyone outside the first-dose ages (the few young
-- children, say) of a subtree: by birth date first.
DROP INDEX vaccination_state_place;
CREATE INDEX vaccination_state_birth ON vaccination_state(disease, birth_date, region_code);
CREATE INDEX persons_birth ON persons(birth_date, region_code);
-- The follow-ups' places (0019), from their people.
UPDATE follow_ups SET region_code = (SELECT region_code FROM persons WHERE persons.id = follow_ups.person_id);
CREATE INDEX follow_ups_place ON follow_ups(disease, region_code, person_id, id);
