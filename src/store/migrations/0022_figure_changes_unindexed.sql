-- A dose appends its few figure changes; with an index on them each dose
-- dirtied one more page at a random place, which cost 14% of the doses/s
-- recorded through the API (bench/ab_dose_upkeep.sh). The changes not yet
-- folded are those of the last seconds (the server folds every 3 s), so
-- reading them without the index scans a few thousand rows.
DROP INDEX figure_changes_place;
