-- Cases and contact tracing (tracing/tracing.h): cases with their
-- movements, contact edges between people (close, secondary, general; a
-- derived secondary one until confirmed), and the milestones a tracer
-- records. Who is a close or secondary contact, and each deadline's state,
-- are computed from these.
CREATE TABLE cases (
  id BIGSERIAL PRIMARY KEY,
  person_id BIGINT NOT NULL REFERENCES persons(id),
  code TEXT NOT NULL,
  kind TEXT NOT NULL,
  region_code TEXT COLLATE "C" NOT NULL,
  reported_at BIGINT NOT NULL,
  recorded_by BIGINT NOT NULL,
  note TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX cases_code ON cases(code);
CREATE INDEX cases_region ON cases(region_code);

CREATE TABLE case_events (
  id BIGSERIAL PRIMARY KEY,
  case_id BIGINT NOT NULL REFERENCES cases(id),
  from_at BIGINT NOT NULL,
  until_at BIGINT NOT NULL,
  place TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX case_events_case ON case_events(case_id);

CREATE TABLE contact_edges (
  id BIGSERIAL PRIMARY KEY,
  case_id BIGINT NOT NULL REFERENCES cases(id),
  source_person BIGINT NOT NULL,
  contact_person BIGINT NOT NULL,
  type TEXT NOT NULL,
  exposure_at BIGINT NOT NULL,
  place TEXT NOT NULL DEFAULT '',
  certainty TEXT NOT NULL,
  derived INTEGER NOT NULL DEFAULT 0,
  confirmed_by BIGINT NOT NULL DEFAULT 0,
  recorded_at BIGINT NOT NULL,
  recorded_by BIGINT NOT NULL
);
CREATE UNIQUE INDEX contact_edges_pair ON contact_edges(case_id, source_person, contact_person);
CREATE INDEX contact_edges_source ON contact_edges(source_person);
CREATE INDEX contact_edges_contact ON contact_edges(contact_person);

CREATE TABLE case_milestones (
  case_id BIGINT NOT NULL REFERENCES cases(id),
  code TEXT NOT NULL,
  done_at BIGINT NOT NULL,
  done_by BIGINT NOT NULL,
  PRIMARY KEY (case_id, code)
);
