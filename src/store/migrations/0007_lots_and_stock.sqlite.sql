-- Vaccine lots, the stock ledger and each site's running balance per lot.
CREATE TABLE vaccine_lots (
  id INTEGER PRIMARY KEY,
  product TEXT NOT NULL,
  lot_number TEXT NOT NULL,
  expiry TEXT NOT NULL,
  doses_per_vial INTEGER NOT NULL DEFAULT 1,
  held INTEGER NOT NULL DEFAULT 0,
  hold_reason TEXT NOT NULL DEFAULT '',
  UNIQUE (product, lot_number)
);
CREATE INDEX vaccine_lots_number ON vaccine_lots(lot_number);

CREATE TABLE stock_ledger (
  id INTEGER PRIMARY KEY,
  site_id INTEGER NOT NULL REFERENCES vaccination_sites(org_id),
  lot_id INTEGER NOT NULL REFERENCES vaccine_lots(id),
  move TEXT NOT NULL,
  doses INTEGER NOT NULL,
  at INTEGER NOT NULL,
  user_id INTEGER NOT NULL,
  reference TEXT NOT NULL DEFAULT '',
  reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX stock_ledger_site_lot ON stock_ledger(site_id, lot_id, id);

-- The sum of the ledger per site and lot, never negative.
CREATE TABLE stock_balances (
  site_id INTEGER NOT NULL,
  lot_id INTEGER NOT NULL,
  doses INTEGER NOT NULL CHECK (doses >= 0),
  PRIMARY KEY (site_id, lot_id)
);
