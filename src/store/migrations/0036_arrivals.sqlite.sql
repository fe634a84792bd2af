-- Arrivals (arrivals/arrival.h): the reports of people from risk areas,
-- folded into one arrival per journey, the candidates record linkage leaves
-- for a worker (scores in thousandths), and the uploads of pushed lists. Status is computed from
-- these columns. Persons get the key of their name's sound, and an index on
-- it and on phones, which record linkage blocks on.
ALTER TABLE persons ADD COLUMN name_key TEXT NOT NULL DEFAULT '';
CREATE INDEX persons_name_key ON persons(name_key);
CREATE INDEX persons_phone ON persons(phone) WHERE phone <> '';

CREATE TABLE arrivals (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL DEFAULT 0,
  id_number TEXT NOT NULL DEFAULT '',
  name TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  origin TEXT NOT NULL DEFAULT '',
  arrival_day TEXT NOT NULL,
  region_code TEXT NOT NULL,
  out_of_county INTEGER NOT NULL DEFAULT 0,
  match_kind TEXT NOT NULL,
  match_score INTEGER NOT NULL DEFAULT 0,
  first_reported_at INTEGER NOT NULL,
  pushed_at INTEGER NOT NULL DEFAULT 0,
  grid_found_at INTEGER NOT NULL DEFAULT 0,
  deadline_at INTEGER NOT NULL DEFAULT 0,
  outcome TEXT NOT NULL DEFAULT '',
  outcome_at INTEGER NOT NULL DEFAULT 0,
  outcome_by INTEGER NOT NULL DEFAULT 0,
  outcome_note TEXT NOT NULL DEFAULT '',
  measure_id INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX arrivals_region ON arrivals(region_code, arrival_day);
CREATE INDEX arrivals_person ON arrivals(person_id, arrival_day) WHERE person_id <> 0;
CREATE INDEX arrivals_id_number ON arrivals(id_number) WHERE person_id = 0 AND id_number <> '';

CREATE TABLE arrival_reports (
  id INTEGER PRIMARY KEY,
  arrival_id INTEGER NOT NULL REFERENCES arrivals(id),
  source TEXT NOT NULL,
  source_name TEXT NOT NULL DEFAULT '',
  id_number TEXT NOT NULL DEFAULT '',
  name TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  origin TEXT NOT NULL DEFAULT '',
  destination_code TEXT NOT NULL DEFAULT '',
  arrival_day TEXT NOT NULL DEFAULT '',
  reported_at INTEGER NOT NULL,
  user_id INTEGER NOT NULL DEFAULT 0,
  import_id INTEGER NOT NULL DEFAULT 0,
  line INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX arrival_reports_arrival ON arrival_reports(arrival_id);

CREATE TABLE arrival_candidates (
  arrival_id INTEGER NOT NULL REFERENCES arrivals(id),
  person_id INTEGER NOT NULL,
  score INTEGER NOT NULL,
  PRIMARY KEY (arrival_id, person_id)
);

CREATE TABLE arrival_imports (
  id INTEGER PRIMARY KEY,
  file_name TEXT NOT NULL,
  source_name TEXT NOT NULL,
  state TEXT NOT NULL,
  user_id INTEGER NOT NULL,
  region_code TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  finished_at INTEGER NOT NULL DEFAULT 0,
  row_count INTEGER NOT NULL DEFAULT 0,
  processed INTEGER NOT NULL DEFAULT 0,
  by_id_number INTEGER NOT NULL DEFAULT 0,
  linked INTEGER NOT NULL DEFAULT 0,
  uncertain INTEGER NOT NULL DEFAULT 0,
  unmatched INTEGER NOT NULL DEFAULT 0,
  merged INTEGER NOT NULL DEFAULT 0,
  out_of_county INTEGER NOT NULL DEFAULT 0,
  failed INTEGER NOT NULL DEFAULT 0,
  errors_json TEXT NOT NULL DEFAULT '[]'
);
