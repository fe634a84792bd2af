-- Centralised quarantine sites (quarantine/quarantine_site.h): sites, their
-- rooms with beds, and who stays in which room from when to when with the
-- transfer that brought them. Occupancy is computed from the stays.
CREATE TABLE quarantine_sites (
  id BIGSERIAL PRIMARY KEY,
  name TEXT NOT NULL,
  region_code TEXT COLLATE "C" NOT NULL,
  address TEXT NOT NULL DEFAULT '',
  reserve INTEGER NOT NULL DEFAULT 0,
  contact TEXT NOT NULL DEFAULT ''
);

CREATE TABLE quarantine_rooms (
  id BIGSERIAL PRIMARY KEY,
  site_id BIGINT NOT NULL REFERENCES quarantine_sites(id),
  building TEXT NOT NULL,
  floor INTEGER NOT NULL,
  number TEXT NOT NULL,
  capacity INTEGER NOT NULL
);
CREATE UNIQUE INDEX quarantine_rooms_number ON quarantine_rooms(site_id, building, number);

-- checked_out_on is '' while the person is in the room.
CREATE TABLE quarantine_stays (
  id BIGSERIAL PRIMARY KEY,
  site_id BIGINT NOT NULL REFERENCES quarantine_sites(id),
  room_id BIGINT NOT NULL REFERENCES quarantine_rooms(id),
  person_id BIGINT NOT NULL REFERENCES persons(id),
  measure_id BIGINT NOT NULL DEFAULT 0,
  from_day TEXT NOT NULL,
  until_day TEXT NOT NULL,
  checked_out_on TEXT NOT NULL DEFAULT '',
  vehicle TEXT NOT NULL DEFAULT '',
  escort TEXT NOT NULL DEFAULT '',
  picked_up_at BIGINT NOT NULL DEFAULT 0,
  arrived_at BIGINT NOT NULL DEFAULT 0,
  assigned_by BIGINT NOT NULL,
  assigned_at BIGINT NOT NULL
);
CREATE INDEX quarantine_stays_room ON quarantine_stays(room_id, until_day);
CREATE INDEX quarantine_stays_site ON quarantine_stays(site_id);
