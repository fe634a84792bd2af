// Every SQL statement of the access module's storage (users, sessions, the
// audit log), by name (db.h). One text serves both engines.
#pragma once

#include "store/db.h"

namespace fangkong::sql {

FK_SQL(
    kInsertUser,
    "INSERT INTO users(username, display_name, role, region_code, org_id, active, password_hash) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT(username) DO NOTHING",
    db::Sql::ReturningId{});
FK_SQL(kUpdateUser,
       "UPDATE users SET display_name = $2, role = $3, region_code = $4, org_id = $5, active = $6 "
       "WHERE id = $1");
FK_SQL(kSetPassword, "UPDATE users SET password_hash = $2 WHERE id = $1");
#define FK_USER_COLUMNS "id, username, display_name, role, region_code, org_id, active"
FK_SQL(kUserByName, "SELECT " FK_USER_COLUMNS ", password_hash FROM users WHERE username = $1");
FK_SQL(kUserById, "SELECT " FK_USER_COLUMNS " FROM users WHERE id = $1");
FK_SQL(kUsersUnder, "SELECT " FK_USER_COLUMNS
                    " FROM users WHERE region_code >= $1 AND region_code < $2 "
                    "ORDER BY region_code, username");
FK_SQL(
    kInsertSession,
    "INSERT INTO sessions(token_digest, user_id, expires_at, last_seen) VALUES ($1, $2, $3, $4)");
FK_SQL(kFindSession,
       "SELECT token_digest, user_id, expires_at, last_seen FROM sessions WHERE token_digest = $1");
FK_SQL(kDeleteSession, "DELETE FROM sessions WHERE token_digest = $1");
FK_SQL(kDeleteSessionsOf, "DELETE FROM sessions WHERE user_id = $1");
FK_SQL(kTouchSession, "UPDATE sessions SET last_seen = $2 WHERE token_digest = $1");
FK_SQL(kPurgeSessions,
       "DELETE FROM sessions WHERE expires_at <= $1 OR (last_seen > 0 AND last_seen < $2)");

FK_SQL(kInsertAudit,
       "INSERT INTO audit_log(at, user_id, username, action, target, detail, rows) "
       "VALUES ($1, $2, $3, $4, $5, $6, $7)");
#define FK_AUDIT_FILTER \
  " FROM audit_log WHERE ($1 = '' OR username = $1) AND ($2 = '' OR action = $2) AND at >= $3"
FK_SQL(kQueryAudit, "SELECT id, at, user_id, username, action, target, detail, rows" FK_AUDIT_FILTER
                    " ORDER BY id DESC LIMIT $4 OFFSET $5");
FK_SQL(kCountAudit, "SELECT COUNT(*)" FK_AUDIT_FILTER);

}  // namespace fangkong::sql
