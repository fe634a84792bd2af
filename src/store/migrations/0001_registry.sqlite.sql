-- The administrative tree, organisations, people and the maintained population counts.
CREATE TABLE regions (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  parent_code TEXT NOT NULL,
  level INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX regions_parent ON regions(parent_code);

CREATE TABLE organisations (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  industry TEXT NOT NULL DEFAULT '',
  region_code TEXT NOT NULL,
  credit_code TEXT NOT NULL DEFAULT ''
);
CREATE INDEX organisations_region ON organisations(region_code);

CREATE TABLE persons (
  id INTEGER PRIMARY KEY,
  doc_type TEXT NOT NULL,
  doc_number TEXT NOT NULL,
  name TEXT NOT NULL,
  sex TEXT NOT NULL,
  birth_date TEXT NOT NULL,
  phone TEXT NOT NULL,
  region_code TEXT NOT NULL,
  residency TEXT NOT NULL,
  household TEXT NOT NULL,
  employer_id INTEGER NOT NULL,
  occupation TEXT NOT NULL,
  tags TEXT NOT NULL,
  content_hash INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX persons_document ON persons(doc_number, doc_type);
CREATE INDEX persons_region ON persons(region_code);

CREATE TABLE region_population (
  region_code TEXT PRIMARY KEY,
  registered INTEGER NOT NULL DEFAULT 0,
  usual INTEGER NOT NULL DEFAULT 0,
  floating INTEGER NOT NULL DEFAULT 0,
  away INTEGER NOT NULL DEFAULT 0,
  male INTEGER NOT NULL DEFAULT 0,
  female INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
