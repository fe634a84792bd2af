-- The history of the dose record (vaccination/dose_entry.h): doses entered
-- after the fact, corrections and voids, each with who, when, why, and the
-- dose before and after (empty product: none).
CREATE TABLE dose_entries (
  id INTEGER PRIMARY KEY,
  dose_id INTEGER NOT NULL,
  person_id INTEGER NOT NULL REFERENCES persons(id),
  kind TEXT NOT NULL,
  before_product TEXT NOT NULL DEFAULT '',
  before_given_on TEXT NOT NULL DEFAULT '',
  before_lot TEXT NOT NULL DEFAULT '',
  before_dose_number INTEGER NOT NULL DEFAULT 0,
  after_product TEXT NOT NULL DEFAULT '',
  after_given_on TEXT NOT NULL DEFAULT '',
  after_lot TEXT NOT NULL DEFAULT '',
  after_dose_number INTEGER NOT NULL DEFAULT 0,
  reason TEXT NOT NULL,
  user_id INTEGER NOT NULL,
  at INTEGER NOT NULL
);
CREATE INDEX dose_entries_person ON dose_entries(person_id, id);
