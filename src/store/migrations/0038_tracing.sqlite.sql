-- Cases and contact tracing (tracing/tracing.h): cases with their
-- movements, contact edges between people (close, secondary, general; a
-- derived secondary one until confirmed), and the milestones a tracer
-- records. Who is a close or secondary contact, and each deadline's state,
-- are computed from these.
CREATE TABLE cases (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES persons(id),
  code TEXT NOT NULL,
  kind TEXT NOT NULL,
  region_code TEXT NOT NULL,
  reported_at INTEGER NOT NULL,
  recorded_by INTEGER NOT NULL,
  note TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX cases_code ON cases(code);
CREATE INDEX cases_region ON cases(region_code);

CREATE TABLE case_events (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases(id),
  from_at INTEGER NOT NULL,
  until_at INTEGER NOT NULL,
  place TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX case_events_case ON case_events(case_id);

CREATE TABLE contact_edges (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases(id),
  source_person INTEGER NOT NULL,
  contact_person INTEGER NOT NULL,
  type TEXT NOT NULL,
  exposure_at INTEGER NOT NULL,
  place TEXT NOT NULL DEFAULT '',
  certainty TEXT NOT NULL,
  derived INTEGER NOT NULL DEFAULT 0,
  confirmed_by INTEGER NOT NULL DEFAULT 0,
  recorded_at INTEGER NOT NULL,
  recorded_by INTEGER NOT NULL
);
CREATE UNIQUE INDEX contact_edges_pair ON contact_edges(case_id, source_person, contact_person);
CREATE INDEX contact_edges_source ON contact_edges(source_person);
CREATE INDEX contact_edges_contact ON contact_edges(contact_person);

CREATE TABLE case_milestones (
  case_id INTEGER NOT NULL REFERENCES cases(id),
  code TEXT NOT NULL,
  done_at INTEGER NOT NULL,
  done_by INTEGER NOT NULL,
  PRIMARY KEY (case_id, code)
);
