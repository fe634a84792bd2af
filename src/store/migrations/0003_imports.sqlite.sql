-- Import jobs and their reported error rows, so a report outlives the
-- process that ran the import.
CREATE TABLE import_jobs (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL,
  username TEXT NOT NULL,
  region_code TEXT NOT NULL,
  file_name TEXT NOT NULL,
  state TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  finished_at INTEGER NOT NULL DEFAULT 0,
  total_rows INTEGER NOT NULL DEFAULT 0,
  data_rows INTEGER NOT NULL DEFAULT 0,
  inserted INTEGER NOT NULL DEFAULT 0,
  updated INTEGER NOT NULL DEFAULT 0,
  unchanged INTEGER NOT NULL DEFAULT 0,
  failed INTEGER NOT NULL DEFAULT 0,
  ignored_columns TEXT NOT NULL DEFAULT '',
  error_kind INTEGER NOT NULL DEFAULT 0,
  error_code TEXT NOT NULL DEFAULT '',
  error_field TEXT NOT NULL DEFAULT '',
  error_value TEXT NOT NULL DEFAULT '',
  error_message TEXT NOT NULL DEFAULT '',
  error_message_zh TEXT NOT NULL DEFAULT ''
);
CREATE INDEX import_jobs_user ON import_jobs(user_id);
CREATE INDEX import_jobs_state ON import_jobs(state);

CREATE TABLE import_errors (
  job_id INTEGER NOT NULL REFERENCES import_jobs(id),
  seq INTEGER NOT NULL,
  row_number INTEGER NOT NULL,
  column_name TEXT NOT NULL,
  field TEXT NOT NULL,
  value TEXT NOT NULL,
  code TEXT NOT NULL,
  message TEXT NOT NULL,
  message_zh TEXT NOT NULL,
  PRIMARY KEY (job_id, seq)
) WITHOUT ROWID;
