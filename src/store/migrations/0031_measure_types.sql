-- Health measures (measures/measure.h). A measure type is a row: a new
-- edition of the national plan is new rows, not new code. The 9th edition
-- (2022) and the earlier 14+7+7 for entries from abroad ship here.
CREATE TABLE measure_types (
  code TEXT PRIMARY KEY,
  edition TEXT NOT NULL,
  name TEXT NOT NULL,
  name_zh TEXT NOT NULL,
  kind TEXT NOT NULL,
  days INTEGER NOT NULL,
  test_days TEXT NOT NULL,
  next_code TEXT NOT NULL DEFAULT ''
);
INSERT INTO measure_types(code, edition, name, name_zh, kind, days, test_days, next_code) VALUES
  ('close_contact_central', '9', 'Close contact: centralised quarantine', '密接：集中隔离医学观察', 'central_quarantine', 7, '1,2,3,5,7', 'close_contact_home_monitoring'),
  ('close_contact_home_monitoring', '9', 'Close contact: home health monitoring', '密接：居家健康监测', 'home_monitoring', 3, '3', ''),
  ('secondary_contact_home', '9', 'Secondary close contact: home quarantine', '次密接：居家隔离医学观察', 'home_quarantine', 7, '1,4,7', ''),
  ('high_risk_arrival_central', '9', 'Arrival from a high-risk area: centralised quarantine', '高风险区来返：集中隔离医学观察', 'central_quarantine', 7, '1,2,3,5,7', ''),
  ('medium_risk_arrival_home', '9', 'Arrival from a medium-risk area: home quarantine', '中风险区来返：居家隔离医学观察', 'home_quarantine', 7, '1,4,7', ''),
  ('low_risk_arrival_monitoring', '9', 'Arrival from a low-risk area: three days, two tests', '低风险区来返：三天两检', 'health_monitoring', 3, '1,3', ''),
  ('entry_central_14', '14+7+7', 'Entry from abroad: 14 days centralised quarantine', '入境人员：14天集中隔离医学观察', 'central_quarantine', 14, '1,4,7,14', 'entry_home_monitoring_7'),
  ('entry_home_monitoring_7', '14+7+7', 'Entry from abroad: 7 days home health monitoring', '入境人员：7天居家健康监测', 'home_monitoring', 7, '7', 'entry_health_monitoring_7'),
  ('entry_health_monitoring_7', '14+7+7', 'Entry from abroad: 7 days health monitoring', '入境人员：7天自我健康监测', 'health_monitoring', 7, '7', '');
