-- Campaigns and their phases (campaign/campaign.h). A phase's group rules
-- are kept as the JSON the API shows; its members (the survey base when the
-- campaign was set up) are listed with their place, which every write of
-- the person copies (registry_sql.h), so a unit's members are a range.
CREATE TABLE campaigns (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  disease TEXT NOT NULL,
  region_code TEXT NOT NULL,
  created_by INTEGER NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE TABLE campaign_phases (
  id INTEGER PRIMARY KEY,
  campaign_id INTEGER NOT NULL REFERENCES campaigns(id),
  number INTEGER NOT NULL,
  name TEXT NOT NULL,
  start_day TEXT NOT NULL,
  end_day TEXT NOT NULL,
  dose TEXT NOT NULL,
  target_kind TEXT NOT NULL,
  target INTEGER NOT NULL,
  declared_population INTEGER NOT NULL DEFAULT 0,
  groups TEXT NOT NULL DEFAULT '[]',
  UNIQUE (campaign_id, number)
);
CREATE TABLE phase_members (
  phase_id INTEGER NOT NULL REFERENCES campaign_phases(id),
  person_id INTEGER NOT NULL REFERENCES persons(id),
  region_code TEXT NOT NULL,
  PRIMARY KEY (phase_id, person_id)
);
CREATE INDEX phase_members_place ON phase_members(phase_id, region_code, person_id);
CREATE INDEX phase_members_person ON phase_members(person_id);
