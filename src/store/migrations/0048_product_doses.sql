-- The doses of each product per county and day, as figures
-- (progress/figures.h ProductDosesKey), for the adverse-event rates of a
-- county or more: a province's rates counted its 20,000,000 doses (14 s).
-- Every dose from now on writes its own change; these are the doses
-- already recorded, for the next fold.
INSERT INTO figure_changes(figure, region_code, day, delta)
  SELECT 'doses/' || product, substr(region_code, 1, 6), given_on, CAST(COUNT(*) AS INTEGER)
  FROM dose_records
  GROUP BY product, substr(region_code, 1, 6), given_on;
