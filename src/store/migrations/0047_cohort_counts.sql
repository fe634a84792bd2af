-- The cohorts of 0046 filled: each county's residents per birth year, and
-- the cohort figures of the states already kept.
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
