-- Cold-chain equipment at sites, the temperature log, excursions found in it
-- and the holds they put on the lots in a fridge (per site and lot).
CREATE TABLE fridges (
  id BIGSERIAL PRIMARY KEY,
  site_id BIGINT NOT NULL REFERENCES vaccination_sites(org_id),
  code TEXT NOT NULL,
  name TEXT NOT NULL DEFAULT '',
  min_tenths INTEGER NOT NULL,
  max_tenths INTEGER NOT NULL,
  tolerance_minutes INTEGER NOT NULL,
  interval_minutes INTEGER NOT NULL,
  UNIQUE (site_id, code)
);

CREATE TABLE fridge_lots (
  fridge_id BIGINT NOT NULL REFERENCES fridges(id),
  lot_id BIGINT NOT NULL REFERENCES vaccine_lots(id),
  PRIMARY KEY (fridge_id, lot_id)
);

CREATE TABLE temperature_readings (
  fridge_id BIGINT NOT NULL,
  at BIGINT NOT NULL,
  tenths INTEGER NOT NULL,
  PRIMARY KEY (fridge_id, at)
);

CREATE TABLE cold_chain_excursions (
  id BIGSERIAL PRIMARY KEY,
  fridge_id BIGINT NOT NULL REFERENCES fridges(id),
  kind TEXT NOT NULL,
  from_at BIGINT NOT NULL,
  to_at BIGINT NOT NULL,
  extreme_tenths INTEGER NOT NULL DEFAULT 0,
  holds INTEGER NOT NULL DEFAULT 0,
  UNIQUE (fridge_id, kind, from_at)
);

CREATE TABLE cold_chain_holds (
  id BIGSERIAL PRIMARY KEY,
  site_id BIGINT NOT NULL REFERENCES vaccination_sites(org_id),
  lot_id BIGINT NOT NULL REFERENCES vaccine_lots(id),
  fridge_id BIGINT NOT NULL REFERENCES fridges(id),
  excursion_id BIGINT NOT NULL REFERENCES cold_chain_excursions(id),
  reason TEXT NOT NULL,
  held_at BIGINT NOT NULL,
  released_at BIGINT NOT NULL DEFAULT 0,
  released_by BIGINT NOT NULL DEFAULT 0,
  outcome TEXT NOT NULL DEFAULT '',
  release_reason TEXT NOT NULL DEFAULT '',
  UNIQUE (excursion_id, lot_id)
);
CREATE INDEX cold_chain_holds_site_lot ON cold_chain_holds(site_id, lot_id, released_at);
