-- Risk areas (risk_areas/risk_area.h). The downgrade rules are rows: a newer
-- edition of the national plan is new rows in force from its day. Shipped:
-- the 9th edition (2022-06-27): high to medium after 7 days without a new
-- case, medium to low after 3 more.
CREATE TABLE risk_downgrade_rules (
  edition TEXT NOT NULL,
  in_force_from TEXT NOT NULL,
  from_level TEXT NOT NULL,
  to_level TEXT NOT NULL,
  days INTEGER NOT NULL,
  PRIMARY KEY (edition, from_level)
);
INSERT INTO risk_downgrade_rules(edition, in_force_from, from_level, to_level, days) VALUES
  ('9', '2022-06-27', 'high', 'medium', 7),
  ('9', '2022-06-27', 'medium', 'low', 3);
