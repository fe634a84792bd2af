-- The industries of 0049 filled: each employer's county's resident
-- employees per industry, and the industry figures of the states already
-- kept, as changes for the next fold (a rebuild from the doses writes the
-- same).
INSERT INTO industry_employees(region_code, industry, employees)
  SELECT substr(o.region_code, 1, 6), o.industry, COUNT(*)
  FROM persons p JOIN organisations o ON o.id = p.employer_id
  WHERE p.employer_id <> 0 AND p.residency <> 'away' AND o.industry <> ''
  GROUP BY substr(o.region_code, 1, 6), o.industry;
INSERT INTO figure_changes(figure, region_code, day, delta)
  SELECT v.disease || '/first_dose/industry/' || o.industry, substr(o.region_code, 1, 6), v.first_dose, 1
  FROM persons p JOIN organisations o ON o.id = p.employer_id JOIN vaccination_state v ON v.person_id = p.id
  WHERE p.employer_id <> 0 AND p.residency <> 'away' AND o.industry <> '' AND v.first_dose <> ''
  UNION ALL
  SELECT v.disease || '/full_series/industry/' || o.industry, substr(o.region_code, 1, 6), v.series_complete, 1
  FROM persons p JOIN organisations o ON o.id = p.employer_id JOIN vaccination_state v ON v.person_id = p.id
  WHERE p.employer_id <> 0 AND p.residency <> 'away' AND o.industry <> '' AND v.series_complete <> ''
  UNION ALL
  SELECT v.disease || '/booster/industry/' || o.industry, substr(o.region_code, 1, 6), v.first_booster, 1
  FROM persons p JOIN organisations o ON o.id = p.employer_id JOIN vaccination_state v ON v.person_id = p.id
  WHERE p.employer_id <> 0 AND p.residency <> 'away' AND o.industry <> '' AND v.first_booster <> '';
