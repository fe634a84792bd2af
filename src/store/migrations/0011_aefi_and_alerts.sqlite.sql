-- Adverse events following immunisation, the alerts the county must see at
-- once, and an index that counts doses per place, product and lot (the
-- denominators of AEFI rates) without touching the table.
CREATE TABLE aefi_reports (
  id INTEGER PRIMARY KEY,
  dose_id INTEGER NOT NULL REFERENCES dose_records(id),
  person_id INTEGER NOT NULL REFERENCES persons(id),
  site_id INTEGER NOT NULL,
  product TEXT NOT NULL,
  lot TEXT NOT NULL,
  dose_number INTEGER NOT NULL,
  region_code TEXT NOT NULL,
  site_region TEXT NOT NULL,
  administered_at INTEGER NOT NULL,
  onset_at INTEGER NOT NULL,
  reported_at INTEGER NOT NULL,
  reported_by INTEGER NOT NULL,
  symptoms TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  severity TEXT NOT NULL,
  serious INTEGER NOT NULL,
  outcome TEXT NOT NULL,
  classification TEXT NOT NULL DEFAULT 'pending',
  classified_by INTEGER NOT NULL DEFAULT 0,
  classified_at INTEGER NOT NULL DEFAULT 0,
  classification_note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX aefi_reports_region ON aefi_reports(region_code, product, lot);
CREATE INDEX aefi_reports_site_region ON aefi_reports(site_region);
CREATE INDEX aefi_reports_dose ON aefi_reports(dose_id);
CREATE INDEX dose_records_region_product ON dose_records(region_code, product, lot);

CREATE TABLE alerts (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  region_code TEXT NOT NULL,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  reference TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  acknowledged_by INTEGER NOT NULL DEFAULT 0,
  acknowledged_at INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX alerts_region ON alerts(region_code, id);
