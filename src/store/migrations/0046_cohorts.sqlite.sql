-- Coverage by age band of a county or more, from sums kept per birth year
-- instead of every person read (22 s for a 10,000,000-person province):
-- the residents of each county and birth year, kept as region_population
-- is, and the people figures of those residents per birth year
-- (progress/figures.h CohortFigureKey), kept as the other figures are.
-- The part of a band's edge years inside it is counted from the people
-- born then, whose place and residency the birth-date index now holds, so
-- that count reads no person's row (coverage_sql.h).
DROP INDEX persons_birth;
CREATE INDEX persons_birth ON persons(birth_date, region_code, residency);
CREATE TABLE cohort_residents (
  region_code TEXT NOT NULL,  -- a county (or a shorter code)
  birth_year INTEGER NOT NULL,
  residents INTEGER NOT NULL,
  PRIMARY KEY (region_code, birth_year)
) WITHOUT ROWID;
INSERT INTO cohort_residents(region_code, birth_year, residents)
  SELECT substr(region_code, 1, 6), CAST(substr(birth_date, 1, 4) AS INTEGER), COUNT(*)
  FROM persons WHERE residency <> 'away'
  GROUP BY substr(region_code, 1, 6), CAST(substr(birth_date, 1, 4) AS INTEGER);
-- The cohort figures of the states already kept, as changes for the next
-- fold (a rebuild from the doses writes the same).
INSERT INTO figure_changes(figure, region_code, day, delta)
  SELECT v.disease || '/first_dose/born' || substr(p.birth_date, 1, 4), substr(p.region_code, 1, 6), v.first_dose, 1
  FROM vaccination_state v JOIN persons p ON p.id = v.person_id
  WHERE p.residency <> 'away' AND v.first_dose <> ''
  UNION ALL
  SELECT v.disease || '/full_series/born' || substr(p.birth_date, 1, 4), substr(p.region_code, 1, 6), v.series_complete, 1
  FROM vaccination_state v JOIN persons p ON p.id = v.person_id
  WHERE p.residency <> 'away' AND v.series_complete <> ''
  UNION ALL
  SELECT v.disease || '/booster/born' || substr(p.birth_date, 1, 4), substr(p.region_code, 1, 6), v.first_booster, 1
  FROM vaccination_state v JOIN persons p ON p.id = v.person_id
  WHERE p.residency <> 'away' AND v.first_booster <> '';
