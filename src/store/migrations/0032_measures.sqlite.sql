-- A measure of a person, from start to end (extensions and reductions
-- included); ended is '' while in force, else released or superseded.
CREATE TABLE measures (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES persons(id),
  type_code TEXT NOT NULL REFERENCES measure_types(code),
  region_code TEXT NOT NULL,
  start_day TEXT NOT NULL,
  end_day TEXT NOT NULL,
  source TEXT NOT NULL,
  reason TEXT NOT NULL,
  assigned_by INTEGER NOT NULL,
  assigned_at INTEGER NOT NULL,
  previous_id INTEGER NOT NULL DEFAULT 0,
  ended TEXT NOT NULL DEFAULT '',
  ended_on TEXT NOT NULL DEFAULT '',
  ended_by INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX measures_person ON measures(person_id, id);

-- A village's board: the measures of a subtree that can have tasks on a day.
CREATE INDEX measures_place ON measures(region_code, end_day);

-- What was logged of the measures' tasks. The tasks themselves follow from
-- the measure and its type (measures/measure.h: PlannedTasks) and are not
-- rows; one log per task (measure, day, kind).
CREATE TABLE measure_logs (
  id INTEGER PRIMARY KEY,
  measure_id INTEGER NOT NULL REFERENCES measures(id),
  person_id INTEGER NOT NULL,
  day TEXT NOT NULL,
  day_number INTEGER NOT NULL,
  kind TEXT NOT NULL,
  done_at INTEGER NOT NULL,
  done_by INTEGER NOT NULL,
  temperature_tenths INTEGER NOT NULL DEFAULT 0,
  symptoms TEXT NOT NULL DEFAULT '',
  result TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX measure_logs_task ON measure_logs(measure_id, day_number, kind);
CREATE INDEX measure_logs_person ON measure_logs(person_id);

-- Extensions (+) and reductions (-) of a measure, each with its reason.
CREATE TABLE measure_changes (
  id INTEGER PRIMARY KEY,
  measure_id INTEGER NOT NULL REFERENCES measures(id),
  person_id INTEGER NOT NULL,
  days INTEGER NOT NULL,
  reason TEXT NOT NULL,
  user_id INTEGER NOT NULL,
  at INTEGER NOT NULL
);
CREATE INDEX measure_changes_person ON measure_changes(person_id, id);
