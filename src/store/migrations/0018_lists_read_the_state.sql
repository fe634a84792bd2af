-- The mobilisation lists read the state alone (mobilisation_sql.h). Each
-- row carries the person's place (0017) and birth date, copied by every
-- write of the person (registry_sql.h), and the days the next dose is open
-- (vaccination/vaccination_state.h). Those days need the catalogue, so the
-- rows are emptied here and rebuilt from the dose records when the server
-- next starts (RebuildIfMissing, vaccination_state_rebuild.h).
ALTER TABLE vaccination_state ADD COLUMN birth_date TEXT NOT NULL DEFAULT '';
ALTER TABLE vaccination_state ADD COLUMN next_open_from TEXT NOT NULL DEFAULT '';
ALTER TABLE vaccination_state ADD COLUMN next_open_until TEXT NOT NULL DEFAULT '';
DELETE FROM vaccination_state;
DROP INDEX vaccination_state_next;
-- The vaccinated of a subtree by birth date: the unvaccinated are everyone
-- of age there less these, two index-only counts.
CREATE INDEX vaccination_state_place ON vaccination_state(disease, region_code, birth_date);
-- Late series doses and boosters of a subtree, read from the index alone.
CREATE INDEX vaccination_state_due ON vaccination_state(disease, next_is_booster, region_code,
  next_recommended, next_open_from, next_open_until, person_id) WHERE next_dose_number > 1;
-- Deferrals and exemptions are few: the lists subtract them.
CREATE INDEX visits_screened ON visits(disease, person_id, deferred_until)
  WHERE state IN ('deferred', 'exempt');
-- People of a subtree by birth date (a first dose depends on the age).
DROP INDEX persons_region;
CREATE INDEX persons_region ON persons(region_code, birth_date);
