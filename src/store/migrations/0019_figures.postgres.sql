-- The figures of a unit on a day (progress/figures.h): people with a first
-- dose, with the full series, with a booster, doses given, and the people
-- on the late-dose and booster lists. Each change is appended to
-- figure_changes (leaf place, day, +1/-1) in the unit of work that causes
-- it; a fold moves the changes into figure_counts, summed per node of every
-- level and per year, month and day, so a figure as of a day reads at most
-- some 200 rows of one node plus the changes not yet folded.
CREATE TABLE figure_changes (
  id BIGSERIAL PRIMARY KEY,
  figure TEXT NOT NULL,
  region_code TEXT COLLATE "C" NOT NULL,
  day TEXT NOT NULL,
  delta INTEGER NOT NULL
);
CREATE INDEX figure_changes_place ON figure_changes(figure, region_code, day);
CREATE TABLE figure_counts (
  figure TEXT NOT NULL,
  region_code TEXT COLLATE "C" NOT NULL,
  grain INTEGER NOT NULL,  -- 0 year 'YYYY', 1 month 'YYYY-MM', 2 day 'YYYY-MM-DD'
  period TEXT NOT NULL,
  n BIGINT NOT NULL,
  PRIMARY KEY (figure, region_code, grain, period)
);
-- Follow-ups carry the person's place too (copied like the state's), so
-- a list finds the reasons given in its subtree without reading people.
ALTER TABLE follow_ups ADD COLUMN region_code TEXT COLLATE "C" NOT NULL DEFAULT '';
