// Every SQL statement of the access module's storage (users, sessions, the
// audit log), by name (db.h). One text serves both engines.
#pragma once

#include "store/db.h"

namespace fangkong::sql {

inline const db::Sql kInsertUser{
    "InsertUser",
    "INSERT INTO users(username, display_name, role, region_code, org_id, active, password_hash) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT(username) DO NOTHING",
    db::Sql::ReturningId{}};
inline const db::Sql kUpdateUser{
    "UpdateUser",
    "UPDATE users SET display_name = $2, role = $3, region_code = $4, org_id = $5, active = $6 "
    "WHERE id = $1"};
inline const db::Sql kSetPassword{"SetPassword",
                                  "UPDATE users SET password_hash = $2 WHERE id = $1"};
#define FK_USER_COLUMNS "id, username, display_name, role, region_code, org_id, active"
inline const db::Sql kUserByName{
    "UserByName", "SELECT " FK_USER_COLUMNS ", password_hash FROM users WHERE username = $1"};
inline const db::Sql kUserById{"UserById", "SELECT " FK_USER_COLUMNS " FROM users WHERE id = $1"};
inline const db::Sql kUsersUnder{"UsersUnder",
                                 "SELECT " FK_USER_COLUMNS
                                 " FROM users WHERE region_code >= $1 AND region_code < $2 "
                                 "ORDER BY region_code, username"};
inline const db::Sql kInsertSession{
    "InsertSession", "INSERT INTO sessions(token_digest, user_id, expires_at) VALUES ($1, $2, $3)"};
inline const db::Sql kFindSession{
    "FindSession",
    "SELECT token_digest, user_id, expires_at FROM sessions WHERE token_digest = $1"};
inline const db::Sql kDeleteSession{"DeleteSession",
                                    "DELETE FROM sessions WHERE token_digest = $1"};

inline const db::Sql kInsertAudit{
    "InsertAudit",
    "INSERT INTO audit_log(at, user_id, username, action, target, detail, rows) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7)"};
#define FK_AUDIT_FILTER \
  " FROM audit_log WHERE ($1 = '' OR username = $1) AND ($2 = '' OR action = $2) AND at >= $3"
inline const db::Sql kQueryAudit{
    "QueryAudit", "SELECT id, at, user_id, username, action, target, detail, rows" FK_AUDIT_FILTER
                  " ORDER BY id DESC LIMIT $4 OFFSET $5"};
inline const db::Sql kCountAudit{"CountAudit", "SELECT COUNT(*)" FK_AUDIT_FILTER};

}  // namespace fangkong::sql
