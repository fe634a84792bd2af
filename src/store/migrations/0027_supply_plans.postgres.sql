-- Doses planned to arrive in a unit for a phase (campaign/repository.h),
-- which the feasibility check counts with the doses in stock.
CREATE TABLE supply_plans (
  id BIGSERIAL PRIMARY KEY,
  campaign_id BIGINT NOT NULL REFERENCES campaigns(id),
  phase INTEGER NOT NULL,
  region_code TEXT NOT NULL,
  arrives_on TEXT NOT NULL,
  doses BIGINT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  created_by BIGINT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX supply_plans_phase ON supply_plans(campaign_id, phase, arrives_on);
