-- Each person's standing in each disease's programme, kept with every dose
-- (vaccination/vaccination_state.h): lists and progress figures read one
-- row per person instead of re-evaluating the dose records. Dates are ISO
-- days, '' when there is none.
CREATE TABLE vaccination_state (
  person_id BIGINT NOT NULL REFERENCES persons(id),
  disease TEXT NOT NULL,
  doses INTEGER NOT NULL,
  first_dose TEXT NOT NULL DEFAULT '',
  last_dose TEXT NOT NULL DEFAULT '',
  series_complete TEXT NOT NULL DEFAULT '',
  boosters INTEGER NOT NULL DEFAULT 0,
  last_booster TEXT NOT NULL DEFAULT '',
  next_dose_number INTEGER NOT NULL DEFAULT 0,
  next_is_booster INTEGER NOT NULL DEFAULT 0,
  next_earliest TEXT NOT NULL DEFAULT '',
  next_recommended TEXT NOT NULL DEFAULT '',
  next_latest TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (person_id, disease)
);
-- The lists by what is next and when: late series doses, boosters due.
CREATE INDEX vaccination_state_next ON vaccination_state(disease, next_is_booster, next_latest);
