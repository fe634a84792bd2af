-- PostgreSQL only: the states of a place, with what coverage by age band
-- counts, read from an index alone. Below a county, coverage counts its
-- people (the cohorts are kept per county); on PostgreSQL that read each
-- state by its person (13 µs each) or hashed every state of the county: a
-- township of 16,000 people took 0.13-0.3 s (bench/RESULTS.md). A dose
-- writes one more index entry here. SQLite, whose dose rate the state's
-- indexes bound (0043), keeps reading each state by its key.
CREATE INDEX vaccination_state_place ON vaccination_state(disease, region_code)
  INCLUDE (birth_date, first_dose, series_complete, first_booster);
