-- The department tree's figures read the employees of a region's employers
-- (store/campaign_sql.h): only the employed are indexed.
CREATE INDEX persons_employer ON persons(employer_id) WHERE employer_id <> 0;
