-- PostgreSQL only (0051_state_by_place.postgres.sql): SQLite's dose rate is
-- bound by the state's indexes, so it keeps none by place.
SELECT 1;
