-- Daily reports (campaign/daily_report.h): one frozen snapshot per campaign
-- and day, kept as the document the API serves; never updated.
CREATE TABLE daily_reports (
  id BIGSERIAL PRIMARY KEY,
  campaign_id BIGINT NOT NULL REFERENCES campaigns(id),
  day TEXT NOT NULL,
  phase INTEGER NOT NULL,
  taken_at BIGINT NOT NULL,
  taken_by BIGINT NOT NULL,
  body TEXT NOT NULL,
  UNIQUE (campaign_id, day)
);
