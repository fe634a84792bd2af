// Users, their roles and jurisdictions, sessions and the audit log of access
// to personal data.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/region_code.h"

namespace fangkong {

enum class Role {
  kCountyAdmin,       // 县级管理员
  kTownshipOfficer,   // 乡镇（街道）工作人员
  kVillageWorker,     // 村（社区）/网格员
  kSiteStaff,         // 接种点工作人员
  kDepartmentOfficer, // 行业主管部门
  kLeader,            // 只读领导
};

const char* RoleCode(Role r);
const char* RoleZh(Role r);
std::optional<Role> ParseRole(std::string_view s);

struct User {
  int64_t id = 0;
  std::string username;
  std::string display_name;
  Role role = Role::kLeader;
  std::string region_code;  // jurisdiction: a node of the tree
  int64_t org_id = 0;       // for site staff and department officers
  bool active = true;
};

// What a role may do. Reading is always limited to the jurisdiction subtree.
bool CanWritePersons(Role r);
bool CanSeeFullIdentity(Role r);  // may ask for unmasked identity numbers and phones
bool CanManageUsers(Role r);
bool CanReadAudit(Role r);
bool CanImport(Role r);
bool CanExport(Role r);
bool CanBook(Role r);          // book, cancel and reschedule vaccination appointments
bool CanManageSites(Role r);   // open slots and set a site's details and staff
// Enter doses given elsewhere, correct and void dose records: the county,
// townships and vaccination sites, who keep the immunisation record.
bool CanEnterDoses(Role r);
// Assign health measures and log their tasks: the county, townships and
// village/grid workers.
bool CanManageMeasures(Role r);
// Read them: those, and leaders. Site staff and departments do not see who
// is under a measure.
bool CanReadMeasures(Role r);

// Denies with a Forbidden error unless `code` lies in the user's jurisdiction.
Status CheckJurisdiction(const User& u, std::string_view code);

// Argon2id via libsodium (interactive limits: fast enough for logins, costly
// for guessing). Each hash takes 64 MiB for its length, so no more than
// kPasswordHashesAtOnce run at once, whatever the number of logins: the
// others wait their turn (a login flood costs time, not memory).
inline constexpr int kPasswordHashesAtOnce = 4;
std::string HashPassword(const std::string& password);
bool VerifyPassword(const std::string& hash, const std::string& password);
// The same work as VerifyPassword against a real hash, for a login whose
// user does not exist, so timing cannot tell which names do; always false.
bool VerifyAgainstNobody(const std::string& password);
// For tests: hashes computed or verified, and the most ever run at once.
struct PasswordHashCounts {
  int64_t computed = 0;
  int most_at_once = 0;
};
PasswordHashCounts PasswordHashesSoFar();
// Password rule for new users: at least 8 characters with letters and digits.
Status CheckPasswordStrength(const std::string& password);
// A random session token (hex) and its digest, which is all we store.
std::string NewSessionToken();
std::string TokenDigest(const std::string& token);

struct Session {
  std::string token_digest;
  int64_t user_id = 0;
  int64_t expires_at = 0;  // the absolute end of the session
  int64_t last_seen = 0;   // its last use, for the idle timeout (0: not known)
};

struct AuditEntry {
  int64_t id = 0;
  int64_t at = 0;  // unix seconds
  int64_t user_id = 0;
  std::string username;
  std::string action;  // e.g. "person.read_full", "person.export", "access.denied"
  std::string target;  // e.g. "person:123", "region:341881"
  std::string detail;
  int64_t rows = 0;
};

struct AuditFilter {
  std::string username;
  std::string action;
  int64_t since = 0;
  int64_t offset = 0;
  int64_t limit = 50;
};

class UserRepository {
 public:
  virtual ~UserRepository() = default;
  // Returns the id; a Conflict error on field "username" if taken.
  virtual Result<int64_t> InsertUser(const User& u, const std::string& password_hash) = 0;
  virtual Status UpdateUser(const User& u) = 0;
  virtual Status SetPassword(int64_t user_id, const std::string& password_hash) = 0;
  virtual Result<std::optional<std::pair<User, std::string>>> FindUserByName(
      const std::string& username) = 0;  // user and password hash
  virtual Result<std::optional<User>> FindUser(int64_t id) = 0;
  virtual Result<std::vector<User>> ListUsers(const std::string& region_prefix) = 0;
  virtual Status InsertSession(const Session& s) = 0;
  virtual Result<std::optional<Session>> FindSession(const std::string& token_digest) = 0;
  virtual Status DeleteSession(const std::string& token_digest) = 0;
  // Ends every session of the user.
  virtual Status DeleteSessionsOf(int64_t user_id) = 0;
  virtual Status TouchSession(const std::string& token_digest, int64_t last_seen) = 0;
  // Deletes sessions that ended at `now` or were last used before
  // `idle_since`; returns how many.
  virtual Result<int64_t> PurgeSessions(int64_t now, int64_t idle_since) = 0;
};

class AuditRepository {
 public:
  virtual ~AuditRepository() = default;
  virtual Status AppendAudit(const std::vector<AuditEntry>& entries) = 0;
  virtual Result<std::pair<std::vector<AuditEntry>, int64_t>> QueryAudit(const AuditFilter& f) = 0;
};

}  // namespace fangkong
