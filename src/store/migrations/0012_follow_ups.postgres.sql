-- Mobilisation: each attempt to reach someone who should be vaccinated and
-- what it found (the newest one per person and disease says whether the
-- person is accounted for).
CREATE TABLE follow_ups (
  id BIGSERIAL PRIMARY KEY,
  person_id BIGINT NOT NULL REFERENCES persons(id),
  disease TEXT NOT NULL,
  at BIGINT NOT NULL,
  user_id BIGINT NOT NULL,
  method TEXT NOT NULL,
  result TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  next_contact TEXT NOT NULL DEFAULT ''
);
CREATE INDEX follow_ups_person ON follow_ups(person_id, disease, id);
