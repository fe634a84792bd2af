-- Nothing to change on PostgreSQL: its tables are heaps beside their
-- indexes whatever is declared (the SQLite file keeps figure_counts in its
-- key's order from this version on).
SELECT 1;
