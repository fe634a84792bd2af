-- The staff of quarantine sites and their own tests
-- (quarantine/quarantine_staff.h): one test a person a day; who was due and who
-- was missed are computed from these.
CREATE TABLE quarantine_staff (
  id INTEGER PRIMARY KEY,
  site_id INTEGER NOT NULL REFERENCES quarantine_sites(id),
  name TEXT NOT NULL,
  phone TEXT NOT NULL,
  duty TEXT NOT NULL,
  from_day TEXT NOT NULL,
  until_day TEXT NOT NULL DEFAULT '',
  test_every_days INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX quarantine_staff_site ON quarantine_staff(site_id, id);

CREATE TABLE quarantine_staff_tests (
  id INTEGER PRIMARY KEY,
  staff_id INTEGER NOT NULL REFERENCES quarantine_staff(id),
  site_id INTEGER NOT NULL,
  day TEXT NOT NULL,
  result TEXT NOT NULL,
  recorded_at INTEGER NOT NULL,
  recorded_by INTEGER NOT NULL
);
CREATE UNIQUE INDEX quarantine_staff_tests_day ON quarantine_staff_tests(staff_id, day);
CREATE INDEX quarantine_staff_tests_site ON quarantine_staff_tests(site_id, day);
