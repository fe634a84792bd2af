-- When each session was last used, for the idle timeout; and sessions by
-- user, so a password reset, a deactivation or a logout ends them all at once.
ALTER TABLE sessions ADD COLUMN last_seen BIGINT NOT NULL DEFAULT 0;
CREATE INDEX sessions_user ON sessions(user_id);
