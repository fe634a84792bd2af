-- Risk areas (risk_areas/risk_area.h). The downgrade rules are rows: a newer
-- edition of the national plan is new rows in force from its day. Shipped:
-- the 9th edition (2022-06-27): high to medium after 7 days without a new
-- case, medium to low after 3 more.
CREATE TABLE risk_downgrade_rules (
  edition TEXT NOT NULL,
  in_force_from TEXT NOT NULL,
  from_level TEXT NOT NULL,
  to_level TEXT NOT NULL,
  days INTEGER NOT NULL,
  PRIMARY KEY (edition, from_level)
);
INSERT INTO risk_downgrade_rules(edition, in_force_from, from_level, to_level, days) VALUES
  ('9', '2022-06-27', 'high', 'medium', 7),
  ('9', '2022-06-27', 'medium', 'low', 3);

-- An area: a place in a county (district) anywhere in the country.
CREATE TABLE risk_areas (
  id INTEGER PRIMARY KEY,
  region_code TEXT NOT NULL,
  name TEXT NOT NULL
);
CREATE UNIQUE INDEX risk_areas_place ON risk_areas(region_code, name);

-- Its declarations, kept: the level on any past day is computed from them.
CREATE TABLE risk_declarations (
  id INTEGER PRIMARY KEY,
  area_id INTEGER NOT NULL REFERENCES risk_areas(id),
  level TEXT NOT NULL,
  from_day TEXT NOT NULL,
  last_case_on TEXT NOT NULL DEFAULT '',
  source TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  user_id INTEGER NOT NULL,
  at INTEGER NOT NULL
);
CREATE INDEX risk_declarations_area ON risk_declarations(area_id, id);
