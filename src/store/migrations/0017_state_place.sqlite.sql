-- Each vaccination state row carries the person's place, copied by every
-- write of the person (registry_sql.h), so a subtree's lists read the state
-- alone (0018). PostgreSQL compares codes byte by byte, as for persons.
ALTER TABLE vaccination_state ADD COLUMN region_code TEXT NOT NULL DEFAULT '';
