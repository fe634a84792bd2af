-- A person's entry in the late lists' index is written when the day they
-- are listed from is near, not with the dose. A first dose lists its person
-- three weeks later at the earliest; its entry, at a random place of the
-- index, was the largest share of the pages a dose's commit added on SQLite
-- (bench/RESULTS.md, session 25). `list_entry_from` is `listed_from` once
-- the entry is written, '' while it waits: the state's writes enter it when
-- it is listed by tomorrow (vaccination_state_sql.h), and the server enters
-- the rest as their day nears (EnterDueListings). The waiting are indexed by
-- their day, where a day's doses append to one place, and the lists read
-- them too (mobilisation_sql.h), so they are exact whether the pass has run.
ALTER TABLE vaccination_state ADD COLUMN list_entry_from TEXT NOT NULL DEFAULT '';
UPDATE vaccination_state SET list_entry_from = listed_from;
DROP INDEX vaccination_state_due;
CREATE INDEX vaccination_state_due ON vaccination_state(disease, next_is_booster, region_code,
  next_recommended, listed_from, listed_until, person_id) WHERE list_entry_from <> '';
CREATE INDEX vaccination_state_waiting ON vaccination_state(listed_from)
  WHERE list_entry_from = '' AND listed_from <> '';
