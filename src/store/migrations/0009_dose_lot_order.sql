-- A lot's recall list reads its doses in (site, day) order: an index in that
-- order spares the sort.
DROP INDEX dose_records_lot;
CREATE INDEX dose_records_lot ON dose_records(lot, site_id, given_on, id);
