-- Vaccination sites (details of organisations of kind vaccination_site),
-- their staff, the slots they open and the appointments people hold.
CREATE TABLE vaccination_sites (
  org_id BIGINT PRIMARY KEY REFERENCES organisations(id),
  site_type TEXT NOT NULL,
  daily_capacity INTEGER NOT NULL,
  backup_hospital_id BIGINT NOT NULL DEFAULT 0,
  address TEXT NOT NULL DEFAULT '',
  active INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE site_staff (
  site_id BIGINT NOT NULL REFERENCES vaccination_sites(org_id),
  user_id BIGINT NOT NULL REFERENCES users(id),
  duty TEXT NOT NULL,
  certificate_no TEXT NOT NULL DEFAULT '',
  certified_until TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (site_id, user_id, duty)
);

-- booked never exceeds capacity: the booking statement checks it, and this
-- constraint refuses any write that would break it.
CREATE TABLE slots (
  id BIGSERIAL PRIMARY KEY,
  site_id BIGINT NOT NULL REFERENCES vaccination_sites(org_id),
  day TEXT NOT NULL,
  start_time TEXT NOT NULL,
  end_time TEXT NOT NULL,
  capacity INTEGER NOT NULL,
  booked INTEGER NOT NULL DEFAULT 0,
  disease TEXT NOT NULL,
  CHECK (booked >= 0 AND booked <= capacity),
  UNIQUE (site_id, day, start_time)
);

CREATE TABLE appointments (
  id BIGSERIAL PRIMARY KEY,
  slot_id BIGINT NOT NULL REFERENCES slots(id),
  person_id BIGINT NOT NULL REFERENCES persons(id),
  disease TEXT NOT NULL,
  dose_number INTEGER NOT NULL,
  status TEXT NOT NULL,
  booked_by BIGINT NOT NULL,
  booked_at BIGINT NOT NULL,
  block TEXT NOT NULL DEFAULT ''
);
CREATE INDEX appointments_slot ON appointments(slot_id);
CREATE INDEX appointments_person ON appointments(person_id);
-- One open booking per person and dose.
CREATE UNIQUE INDEX appointments_open ON appointments(person_id, disease, dose_number) WHERE status = 'booked';
