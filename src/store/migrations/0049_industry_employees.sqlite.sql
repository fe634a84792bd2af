-- The department card (行业主管部门) of a county or more, from sums kept
-- per employer's county and industry instead of every employee read (14 s
-- for a 10,000,000-person province): the resident employees of each, kept
-- as region_population is, and their people figures per industry
-- (progress/figures.h IndustryFigureKey), kept as the other figures are.
CREATE TABLE industry_employees (
  region_code TEXT NOT NULL,  -- the employer's county (or a shorter code)
  industry TEXT NOT NULL,
  employees INTEGER NOT NULL,
  PRIMARY KEY (region_code, industry)
) WITHOUT ROWID;
-- Filled from the people and the states kept in 0050.
