-- Arrivals (arrivals/arrival.h): the reports of people from risk areas,
-- folded into one arrival per journey, the candidates record linkage leaves
-- for a worker (scores in thousandths), and the uploads of pushed lists. Status is computed from
-- these columns. Persons get the key of their name's sound, and an index on
-- it and on phones, which record linkage blocks on.
ALTER TABLE persons ADD COLUMN name_key TEXT NOT NULL DEFAULT '';
CREATE INDEX persons_name_key ON persons(name_key);
CREATE INDEX persons_phone ON persons(phone) WHERE phone <> '';

CREATE TABLE arrivals (
  id BIGSERIAL PRIMARY KEY,
  person_id BIGINT NOT NULL DEFAULT 0,
  id_number TEXT NOT NULL DEFAULT '',
  name TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  origin TEXT NOT NULL DEFAULT '',
  arrival_day TEXT NOT NULL,
  region_code TEXT COLLATE "C" NOT NULL,
  out_of_county INTEGER NOT NULL DEFAULT 0,
  match_kind TEXT NOT NULL,
  match_score BIGINT NOT NULL DEFAULT 0,
  first_reported_at BIGINT NOT NULL,
  pushed_at BIGINT NOT NULL DEFAULT 0,
  grid_found_at BIGINT NOT NULL DEFAULT 0,
  deadline_at BIGINT NOT NULL DEFAULT 0,
  outcome TEXT NOT NULL DEFAULT '',
  outcome_at BIGINT NOT NULL DEFAULT 0,
  outcome_by BIGINT NOT NULL DEFAULT 0,
  outcome_note TEXT NOT NULL DEFAULT '',
  measure_id BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX arrivals_region ON arrivals(region_code, arrival_day);
CREATE INDEX arrivals_person ON arrivals(person_id, arrival_day) WHERE person_id <> 0;
CREATE INDEX arrivals_id_number ON arrivals(id_number) WHERE person_id = 0 AND id_number <> '';

CREATE TABLE arrival_reports (
  id BIGSERIAL PRIMARY KEY,
  arrival_id BIGINT NOT NULL REFERENCES arrivals(id),
  source TEXT NOT NULL,
  source_name TEXT NOT NULL DEFAULT '',
  id_number TEXT NOT NULL DEFAULT '',
  name TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  origin TEXT NOT NULL DEFAULT '',
  destination_code TEXT NOT NULL DEFAULT '',
  arrival_day TEXT NOT NULL DEFAULT '',
  reported_at BIGINT NOT NULL,
  user_id BIGINT NOT NULL DEFAULT 0,
  import_id BIGINT NOT NULL DEFAULT 0,
  line BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX arrival_reports_arrival ON arrival_reports(arrival_id);

CREATE TABLE arrival_candidates (
  arrival_id BIGINT NOT NULL REFERENCES arrivals(id),
  person_id BIGINT NOT NULL,
  score BIGINT NOT NULL,
  PRIMARY KEY (arrival_id, person_id)
);

CREATE TABLE arrival_imports (
  id BIGSERIAL PRIMARY KEY,
  file_name TEXT NOT NULL,
  source_name TEXT NOT NULL,
  state TEXT NOT NULL,
  user_id BIGINT NOT NULL,
  region_code TEXT COLLATE "C" NOT NULL,
  created_at BIGINT NOT NULL,
  finished_at BIGINT NOT NULL DEFAULT 0,
  row_count BIGINT NOT NULL DEFAULT 0,
  processed BIGINT NOT NULL DEFAULT 0,
  by_id_number BIGINT NOT NULL DEFAULT 0,
  linked BIGINT NOT NULL DEFAULT 0,
  uncertain BIGINT NOT NULL DEFAULT 0,
  unmatched BIGINT NOT NULL DEFAULT 0,
  merged BIGINT NOT NULL DEFAULT 0,
  out_of_county INTEGER NOT NULL DEFAULT 0,
  failed BIGINT NOT NULL DEFAULT 0,
  errors_json TEXT NOT NULL DEFAULT '[]'
);
