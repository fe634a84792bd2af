-- Visits at a site, one row per visit with every step's who and when.
CREATE TABLE visits (
  id BIGSERIAL PRIMARY KEY,
  person_id BIGINT NOT NULL REFERENCES persons(id),
  site_id BIGINT NOT NULL REFERENCES vaccination_sites(org_id),
  appointment_id BIGINT NOT NULL DEFAULT 0,
  disease TEXT NOT NULL,
  state TEXT NOT NULL,
  day TEXT NOT NULL,
  checked_in_at BIGINT NOT NULL,
  checked_in_by BIGINT NOT NULL,
  temperature_tenths INTEGER NOT NULL DEFAULT 0,
  screening_outcome TEXT NOT NULL DEFAULT '',
  deferred_until TEXT NOT NULL DEFAULT '',
  screening_reason TEXT NOT NULL DEFAULT '',
  certificate_no TEXT NOT NULL DEFAULT '',
  screened_by BIGINT NOT NULL DEFAULT 0,
  consent_at BIGINT NOT NULL DEFAULT 0,
  consent_by BIGINT NOT NULL DEFAULT 0,
  dose_id BIGINT NOT NULL DEFAULT 0,
  administered_at BIGINT NOT NULL DEFAULT 0,
  observation_until BIGINT NOT NULL DEFAULT 0,
  released_at BIGINT NOT NULL DEFAULT 0,
  released_by BIGINT NOT NULL DEFAULT 0,
  product TEXT NOT NULL DEFAULT ''
);
CREATE INDEX visits_person ON visits(person_id);
CREATE INDEX visits_site_day ON visits(site_id, day);
-- One open visit per person.
CREATE UNIQUE INDEX visits_open ON visits(person_id)
  WHERE state IN ('checked_in', 'screened', 'consented', 'administered');
