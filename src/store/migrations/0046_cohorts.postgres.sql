-- Coverage by age band of a county or more, from sums kept per birth year
-- instead of every person read (22 s for a 10,000,000-person province):
-- the residents of each county and birth year, kept as region_population
-- is, and the people figures of those residents per birth year
-- (progress/figures.h CohortFigureKey), kept as the other figures are.
-- The part of a band's edge years inside it is counted from the people
-- born then, whose place and residency the birth-date index now holds, so
-- that count reads no person's row (coverage_sql.h).
DROP INDEX persons_birth;
CREATE INDEX persons_birth ON persons(birth_date, region_code, residency, id);
CREATE TABLE cohort_residents (
  region_code TEXT COLLATE "C" NOT NULL,  -- a county (or a shorter code)
  birth_year INTEGER NOT NULL,
  residents BIGINT NOT NULL,
  PRIMARY KEY (region_code, birth_year)
);
-- Filled from the people and the states kept in 0047.
