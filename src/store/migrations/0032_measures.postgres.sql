-- A measure of a person, from start to end (extensions and reductions
-- included); ended is '' while in force, else released or superseded.
CREATE TABLE measures (
  id BIGSERIAL PRIMARY KEY,
  person_id BIGINT NOT NULL REFERENCES persons(id),
  type_code TEXT NOT NULL REFERENCES measure_types(code),
  region_code TEXT COLLATE "C" NOT NULL,
  start_day TEXT NOT NULL,
  end_day TEXT NOT NULL,
  source TEXT NOT NULL,
  reason TEXT NOT NULL,
  assigned_by BIGINT NOT NULL,
  assigned_at BIGINT NOT NULL,
  previous_id BIGINT NOT NULL DEFAULT 0,
  ended TEXT NOT NULL DEFAULT '',
  ended_on TEXT NOT NULL DEFAULT '',
  ended_by BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX measures_person ON measures(person_id, id);

-- A village's board: the measures of a subtree that can have tasks on a day.
CREATE INDEX measures_place ON measures(region_code, end_day);

-- What was logged of the measures' tasks. The tasks themselves follow from
-- the measure and its type (measures/measure.h: PlannedTasks) and are not
-- rows; one log per task (measure, day, kind).
CREATE TABLE measure_logs (
  id BIGSERIAL PRIMARY KEY,
  measure_id BIGINT NOT NULL REFERENCES measures(id),
  person_id BIGINT NOT NULL,
  day TEXT NOT NULL,
  day_number INTEGER NOT NULL,
  kind TEXT NOT NULL,
  done_at BIGINT NOT NULL,
  done_by BIGINT NOT NULL,
  temperature_tenths INTEGER NOT NULL DEFAULT 0,
  symptoms TEXT NOT NULL DEFAULT '',
  result TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX measure_logs_task ON measure_logs(measure_id, day_number, kind);
CREATE INDEX measure_logs_person ON measure_logs(person_id);

-- Extensions (+) and reductions (-) of a measure, each with its reason.
CREATE TABLE measure_changes (
  id BIGSERIAL PRIMARY KEY,
  measure_id BIGINT NOT NULL REFERENCES measures(id),
  person_id BIGINT NOT NULL,
  days INTEGER NOT NULL,
  reason TEXT NOT NULL,
  user_id BIGINT NOT NULL,
  at BIGINT NOT NULL
);
CREATE INDEX measure_changes_person ON measure_changes(person_id, id);
