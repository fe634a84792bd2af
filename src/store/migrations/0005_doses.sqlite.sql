-- Doses given: the immunisation record each vaccination writes.
CREATE TABLE dose_records (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES persons(id),
  product TEXT NOT NULL,
  dose_number INTEGER NOT NULL,
  booster INTEGER NOT NULL DEFAULT 0,
  given_on TEXT NOT NULL,
  administered_at INTEGER NOT NULL,
  site_id INTEGER NOT NULL DEFAULT 0,
  vaccinator_id INTEGER NOT NULL DEFAULT 0,
  lot TEXT NOT NULL DEFAULT '',
  trace_code TEXT NOT NULL DEFAULT '',
  region_code TEXT NOT NULL
);
CREATE INDEX dose_records_person ON dose_records(person_id, given_on);
CREATE INDEX dose_records_lot ON dose_records(lot);
CREATE UNIQUE INDEX dose_records_trace_code ON dose_records(trace_code) WHERE trace_code <> '';
