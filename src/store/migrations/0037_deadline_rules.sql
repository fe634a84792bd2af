-- The deadlines of a tracing ("2+4+24+8"), from the case's report: on scene
-- within 2 hours, the core information of close and secondary close
-- contacts within 4, every contact within 24, the close contacts in
-- central quarantine within 8. A newer edition is new rows.
CREATE TABLE deadline_rules (
  code TEXT PRIMARY KEY,
  name_zh TEXT NOT NULL,
  hours INTEGER NOT NULL,
  ord INTEGER NOT NULL
);
INSERT INTO deadline_rules(code, name_zh, hours, ord) VALUES
  ('on_scene', '2小时内到达现场', 2, 1),
  ('core_info', '4小时内完成密接和次密接核心信息', 4, 2),
  ('close_quarantined', '8小时内密接全部转运集中隔离', 8, 3),
  ('all_contacts', '24小时内完成全部流调', 24, 4);
