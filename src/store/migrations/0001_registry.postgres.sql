-- The administrative tree, organisations, people and the maintained population counts.
CREATE TABLE regions (
  code TEXT COLLATE "C" PRIMARY KEY,
  name TEXT NOT NULL,
  parent_code TEXT COLLATE "C" NOT NULL,
  level BIGINT NOT NULL
);
CREATE INDEX regions_parent ON regions(parent_code);

CREATE TABLE organisations (
  id BIGSERIAL PRIMARY KEY,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  industry TEXT NOT NULL DEFAULT '',
  region_code TEXT COLLATE "C" NOT NULL,
  credit_code TEXT NOT NULL DEFAULT ''
);
CREATE INDEX organisations_region ON organisations(region_code);

CREATE TABLE persons (
  id BIGSERIAL PRIMARY KEY,
  doc_type TEXT NOT NULL,
  doc_number TEXT NOT NULL,
  name TEXT NOT NULL,
  sex TEXT NOT NULL,
  birth_date TEXT NOT NULL,
  phone TEXT NOT NULL,
  region_code TEXT COLLATE "C" NOT NULL,
  residency TEXT NOT NULL,
  household TEXT NOT NULL,
  employer_id BIGINT NOT NULL,
  occupation TEXT NOT NULL,
  tags TEXT NOT NULL,
  content_hash BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX persons_document ON persons(doc_number, doc_type);
CREATE INDEX persons_region ON persons(region_code);

CREATE TABLE region_population (
  region_code TEXT COLLATE "C" PRIMARY KEY,
  registered BIGINT NOT NULL DEFAULT 0,
  usual BIGINT NOT NULL DEFAULT 0,
  floating BIGINT NOT NULL DEFAULT 0,
  away BIGINT NOT NULL DEFAULT 0,
  male BIGINT NOT NULL DEFAULT 0,
  female BIGINT NOT NULL DEFAULT 0
);
