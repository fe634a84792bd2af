// Every SQL statement of the figures' storage, by name (db.h;
// progress/figures.h says what the tables hold).
#pragma once

#include "store/db.h"

namespace fangkong::sql {

// Many changes in one statement, as one JSON array of [figure, place, day,
// delta] (a dose writes some five, a rebuild millions); each engine parses
// it once.
FK_SQL(kAppendFigureChanges,
       "INSERT INTO figure_changes(figure, region_code, day, delta) SELECT json_extract(value, "
       "'$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]'), json_extract(value, "
       "'$[3]') FROM json_each($1) ORDER BY key",
       "INSERT INTO figure_changes(figure, region_code, day, delta) SELECT e->>0, e->>1, e->>2, "
       "(e->>3)::integer FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS t(e, n) ORDER BY "
       "n");
// One change: a dose's few changes go row by row, which costs a third of
// building and parsing their JSON.
FK_SQL(kAppendFigureChange,
       "INSERT INTO figure_changes(figure, region_code, day, delta) VALUES ($1, $2, $3, $4)");
FK_SQL(kLastFigureChange, "SELECT COALESCE(MAX(id), 0) FROM figure_changes");
// Each change counts at every ancestor of its place (codes of 0, 2, 4, 6, 9,
// 12 and 15 characters: the country, province, city, county, township,
// village, grid) in its year, month and day. On PostgreSQL the changes are
// taken by the DELETE itself, so one committed late with a smaller id is
// folded next time, not lost; SQLite's single writer needs no such care.
#define FK_FOLD_FROM(source, levels, grains, level, grain, glen)                                 \
  "INSERT INTO figure_counts(figure, region_code, grain, period, n) SELECT c.figure, "           \
  "substr(c.region_code, 1, " level "), " grain ", substr(c.day, 1, " glen "), SUM(c.delta) "     \
  "FROM " source " CROSS JOIN " levels " CROSS JOIN " grains " WHERE length(c.region_code) >= " \
  level " GROUP BY c.figure, substr(c.region_code, 1, " level "), " grain ", substr(c.day, 1, "   \
  glen ") ON CONFLICT (figure, region_code, grain, period) DO UPDATE SET n = figure_counts.n + " \
  "excluded.n"
// The changes are first summed per place and day (a busy day's thousands of
// doses fall on a few hundred villages), so the spread over the levels and
// grains groups 20 times fewer rows: folding 22,000 changes took 0.77 s,
// holding SQLite's writer, and takes 17 ms this way.
FK_SQL(kFoldFigureChanges,
       FK_FOLD_FROM("(SELECT figure, region_code, day, SUM(delta) AS delta FROM figure_changes "
                    "WHERE id <= $1 GROUP BY figure, region_code, day) c",
                    "(VALUES (0), (2), (4), (6), (9), (12), (15)) l",
                    "(VALUES (0, 4), (1, 7), (2, 10)) g", "l.column1", "g.column1", "g.column2"),
       "WITH taken AS (DELETE FROM figure_changes WHERE id <= $1 RETURNING figure, region_code, "
       "day, delta), c AS (SELECT figure, region_code, day, SUM(delta) AS delta FROM taken GROUP "
       "BY figure, region_code, day) " FK_FOLD_FROM("c", "(VALUES (0), (2), (4), (6), (9), (12), (15)) AS l(len)",
                              "(VALUES (0, 4), (1, 7), (2, 10)) AS g(grain, len)", "l.len",
                              "g.grain", "g.len"));
FK_SQL(kDeleteFoldedChanges, "DELETE FROM figure_changes WHERE id <= $1",
       "SELECT CAST($1 AS BIGINT)");
// A figure as of a day, in one statement so both parts read one state: the
// sums of the node ($2) over the periods up to the day (PeriodsUpTo: $4 the
// year, $5-$6 its months before, $7-$3 the days of the month), and the
// changes not yet folded in the subtree [$2, $8).
#define FK_FIGURE_SUM(grain, range) \
  "(SELECT COALESCE(SUM(n), 0) FROM figure_counts WHERE figure = $1 AND region_code = $2 AND " \
  "grain = " grain " AND " range ")"
FK_SQL(kFigureAsOf,
       "SELECT CAST(" FK_FIGURE_SUM("0", "period < $4") " + " FK_FIGURE_SUM(
           "1", "period >= $5 AND period < $6") " + " FK_FIGURE_SUM("2", "period >= $7 AND period "
                                                                         "<= $3") " + (SELECT "
       "COALESCE(SUM(delta), 0) FROM figure_changes WHERE figure = $1 AND region_code >= $2 AND "
       "region_code < $8 AND day <= $3) AS BIGINT)");
FK_SQL(kClearFigureChanges, "DELETE FROM figure_changes");
FK_SQL(kClearFigureCounts, "DELETE FROM figure_counts");

}  // namespace fangkong::sql
