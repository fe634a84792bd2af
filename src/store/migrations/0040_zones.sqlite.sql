-- Zones (zones/zone.h): a zone and its versions, each from a day on with
-- its level, its places (a JSON array of {code, building, households}),
-- its planned end and the last case declared. The level on any day, and who
-- lives inside, are computed from these, the downgrade rules and the
-- registry.
CREATE TABLE zones (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  region_code TEXT NOT NULL,
  created_by INTEGER NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX zones_region ON zones(region_code);

CREATE TABLE zone_versions (
  id INTEGER PRIMARY KEY,
  zone_id INTEGER NOT NULL REFERENCES zones(id),
  from_day TEXT NOT NULL,
  lifted INTEGER NOT NULL DEFAULT 0,
  level TEXT NOT NULL,
  places TEXT NOT NULL,
  planned_end TEXT NOT NULL,
  last_case_on TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT '',
  user_id INTEGER NOT NULL,
  at INTEGER NOT NULL
);
CREATE INDEX zone_versions_zone ON zone_versions(zone_id, id);
