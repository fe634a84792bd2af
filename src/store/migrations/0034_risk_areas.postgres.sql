-- An area: a place in a county (district) anywhere in the country.
CREATE TABLE risk_areas (
  id BIGSERIAL PRIMARY KEY,
  region_code TEXT COLLATE "C" NOT NULL,
  name TEXT NOT NULL
);
CREATE UNIQUE INDEX risk_areas_place ON risk_areas(region_code, name);

-- Its declarations, kept: the level on any past day is computed from them.
CREATE TABLE risk_declarations (
  id BIGSERIAL PRIMARY KEY,
  area_id BIGINT NOT NULL REFERENCES risk_areas(id),
  level TEXT NOT NULL,
  from_day TEXT NOT NULL,
  last_case_on TEXT NOT NULL DEFAULT '',
  source TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  user_id BIGINT NOT NULL,
  at BIGINT NOT NULL
);
CREATE INDEX risk_declarations_area ON risk_declarations(area_id, id);
