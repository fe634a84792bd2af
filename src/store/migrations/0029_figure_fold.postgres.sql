-- The fold's working rows (store/figure_sql.h): the changes summed per
-- place and day, then rolled up a level at a time. Empty between folds
-- (each fold empties it before it commits, so no other transaction ever
-- sees a row), hence not logged.
CREATE UNLOGGED TABLE figure_fold (
  figure TEXT NOT NULL,
  region_code TEXT COLLATE "C" NOT NULL,
  day TEXT NOT NULL,
  n BIGINT NOT NULL
);
