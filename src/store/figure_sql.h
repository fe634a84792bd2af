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
FK_SQL(kFirstFigureChange, "SELECT COALESCE(MIN(id), 0) FROM figure_changes");
// Each change counts at every ancestor of its place (codes of 0, 2, 4, 6, 9,
// 12 and 15 characters: the country, province, city, county, township,
// village, grid) in its year, month and day. The fold sums the changes per
// place and day into figure_fold, adds each level's rows rolled up from the
// level below (village from grid, township from village, ...), then moves
// every row into the day, month and year sums. Each step groups rows that
// are already summed, so a rebuild's millions of changes sort about 7 times
// their number of rows, not 21 (every level by every grain at once).
//
// On PostgreSQL the changes are taken by the DELETE itself, so one committed
// late with a smaller id is folded next time, not lost. SQLite's single
// writer commits ids in order, so it may sum them first (kWaitingChanges).
FK_SQL(kFoldChangesByPlace,
       "INSERT INTO figure_fold(figure, region_code, day, n) SELECT figure, region_code, day, "
       "SUM(delta) FROM figure_changes WHERE id <= $1 GROUP BY figure, region_code, day",
       "WITH taken AS (DELETE FROM figure_changes WHERE id <= $1 RETURNING figure, region_code, "
       "day, delta) INSERT INTO figure_fold(figure, region_code, day, n) SELECT figure, "
       "region_code, day, SUM(delta) FROM taken GROUP BY figure, region_code, day");
// SQLite's fold reads the waiting changes (up to id $1) on a reader,
// beside the single writer, and sums them in memory; the writer then only
// adds the sums ($1, a JSON array of [figure, place, day, n]) and deletes
// the changes. The writer had spent 80 of the fold's 120 ms every 3 s
// grouping some 100,000 changes, and the doses queued behind it; summed in
// a hash table rather than by SQLite's sorting GROUP BY, a dose costs some
// 7 us less CPU (bench/RESULTS.md, 2026-11-29).
FK_SQL(kWaitingChanges,
       "SELECT figure, region_code, day, delta FROM figure_changes WHERE id <= $1");
FK_SQL(kAddFoldSums,
       "INSERT INTO figure_fold(figure, region_code, day, n) SELECT json_extract(value, '$[0]'), "
       "json_extract(value, '$[1]'), json_extract(value, '$[2]'), json_extract(value, '$[3]') "
       "FROM json_each($1)",
       "INSERT INTO figure_fold(figure, region_code, day, n) SELECT e->>0, e->>1, e->>2, "
       "(e->>3)::bigint FROM jsonb_array_elements($1::jsonb) AS t(e)");
FK_SQL(kDeleteFoldedChanges, "DELETE FROM figure_changes WHERE id <= $1",
       "SELECT CAST($1 AS BIGINT)");
// The rows of level $1 (a code length) from those of the level below:
// longer codes, up to $2 characters.
FK_SQL(kRollUpFold,
       "INSERT INTO figure_fold(figure, region_code, day, n) SELECT figure, substr(region_code, 1, "
       "$1), day, SUM(n) FROM figure_fold WHERE length(region_code) > $1 AND length(region_code) <= "
       "$2 GROUP BY figure, "
       "substr(region_code, 1, $1), day");
// Every row into the sums of grain $1, whose periods are the first $2
// characters of the day.
FK_SQL(kFoldIntoCounts,
       "INSERT INTO figure_counts(figure, region_code, grain, period, n) SELECT figure, "
       "region_code, $1, substr(day, 1, $2), SUM(n) FROM figure_fold WHERE true GROUP BY figure, "
       "region_code, substr(day, 1, $2) ON CONFLICT (figure, region_code, grain, period) DO UPDATE "
       "SET n = figure_counts.n + excluded.n");
FK_SQL(kEmptyFold, "DELETE FROM figure_fold");
// Figures as of days, in one statement so every part reads one state: $1
// is a JSON array of [figure, place, day]; a row each, in its order. Each
// is the sums of the node over the periods up to the day (the years before
// it, the months of its year before its month, the days of its month up to
// it) and the changes not yet folded in the node's subtree.
#define FK_FIGURE_SUM(grain, range)                                                            \
  "(SELECT COALESCE(SUM(n), 0) FROM figure_counts WHERE figure = q.f AND region_code = q.r " \
  "AND grain = " grain " AND " range ")"
#define FK_FIGURES_AS_OF(asked)                                                                  \
  "SELECT CAST(" FK_FIGURE_SUM("0", "period < substr(q.d, 1, 4)") " + " FK_FIGURE_SUM(           \
      "1", "period >= substr(q.d, 1, 4) || '-01' AND period < substr(q.d, 1, 7)") " + "          \
      FK_FIGURE_SUM("2", "period >= substr(q.d, 1, 7) || '-01' AND period <= q.d") " + (SELECT " \
      "COALESCE(SUM(delta), 0) FROM figure_changes WHERE figure = q.f AND region_code >= q.r "  \
      "AND region_code < q.r || ':' AND day <= q.d) AS BIGINT) FROM " asked " ORDER BY q.k"
FK_SQL(kFiguresAsOf,
       FK_FIGURES_AS_OF("(SELECT key AS k, value ->> 0 AS f, value ->> 1 AS r, value ->> 2 AS d "
                        "FROM json_each($1)) AS q"),
       FK_FIGURES_AS_OF("(SELECT n AS k, e ->> 0 AS f, e ->> 1 AS r, e ->> 2 AS d FROM "
                        "jsonb_array_elements($1::jsonb) WITH ORDINALITY AS t(e, n)) AS q"));
// A clear deletes at most $1 rows a write: the engine's savepoint keeps
// every page a write changes until it ends, and emptying a province's
// figure_counts in one write held 2.2 GB (bench/RESULTS.md).
FK_SQL(kClearSomeFigureChanges,
       "DELETE FROM figure_changes WHERE id IN (SELECT id FROM figure_changes LIMIT $1)");
FK_SQL(kClearSomeFigureCounts,
       "DELETE FROM figure_counts WHERE (figure, region_code, grain, period) IN (SELECT figure, "
       "region_code, grain, period FROM figure_counts LIMIT $1)");

}  // namespace fangkong::sql
