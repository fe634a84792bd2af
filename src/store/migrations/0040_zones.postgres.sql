-- Zones (zones/zone.h): a zone and its versions, each from a day on with
-- its level, its places (a JSON array of {code, building, households}),
-- its planned end and the last case declared. The level on any day, and who
-- lives inside, are computed from these, the downgrade rules and the
-- registry.
CREATE TABLE zones (
  id BIGSERIAL PRIMARY KEY,
  name TEXT NOT NULL,
  region_code TEXT COLLATE "C" NOT NULL,
  created_by BIGINT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX zones_region ON zones(region_code);

CREATE TABLE zone_versions (
  id BIGSERIAL PRIMARY KEY,
  zone_id BIGINT NOT NULL REFERENCES zones(id),
  from_day TEXT NOT NULL,
  lifted INTEGER NOT NULL DEFAULT 0,
  level TEXT NOT NULL,
  places TEXT NOT NULL,
  planned_end TEXT NOT NULL,
  last_case_on TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT '',
  user_id BIGINT NOT NULL,
  at BIGINT NOT NULL
);
CREATE INDEX zone_versions_zone ON zone_versions(zone_id, id);
