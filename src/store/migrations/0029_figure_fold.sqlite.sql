-- The fold's working rows (store/figure_sql.h): the changes summed per
-- place and day, then rolled up a level at a time. Empty between folds.
CREATE TABLE figure_fold (
  figure TEXT NOT NULL,
  region_code TEXT NOT NULL,
  day TEXT NOT NULL,
  n BIGINT NOT NULL
);
