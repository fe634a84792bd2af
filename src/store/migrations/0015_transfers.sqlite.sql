-- Transfers of people between places (迁入/迁出): every request and its
-- outcome, kept as the person's history. Waiting requests are found by the
-- place they leave (the unit that decides) and the place they go to (the
-- unit that asked).
CREATE TABLE person_transfers (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES persons(id),
  from_region TEXT NOT NULL,
  to_region TEXT NOT NULL,
  state TEXT NOT NULL,
  reason TEXT NOT NULL,
  requested_by INTEGER NOT NULL,
  requested_at INTEGER NOT NULL,
  decided_by INTEGER NOT NULL DEFAULT 0,
  decided_at INTEGER NOT NULL DEFAULT 0,
  decision_note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX person_transfers_person ON person_transfers(person_id, id);
CREATE INDEX person_transfers_from ON person_transfers(state, from_region);
CREATE INDEX person_transfers_to ON person_transfers(state, to_region);
