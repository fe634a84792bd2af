-- Task books (campaign/task_book.h): each version of a phase's split keeps
-- only the targets set by hand; the rest is split pro rata when read, so a
-- version is a few rows however large the tree.
CREATE TABLE task_books (
  id BIGSERIAL PRIMARY KEY,
  campaign_id BIGINT NOT NULL REFERENCES campaigns(id),
  phase INTEGER NOT NULL,
  version INTEGER NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  created_by BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  UNIQUE (campaign_id, phase, version)
);
CREATE TABLE task_book_overrides (
  task_book_id BIGINT NOT NULL REFERENCES task_books(id),
  region_code TEXT NOT NULL,
  target BIGINT NOT NULL,
  PRIMARY KEY (task_book_id, region_code)
);
