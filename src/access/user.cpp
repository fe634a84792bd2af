#include "access/user.h"

#include <sodium.h>

#include <atomic>
#include <semaphore>
#include <stdexcept>

namespace fangkong {

namespace {
struct RoleName {
  Role role;
  const char* code;
  const char* zh;
};
constexpr RoleName kRoles[] = {
    {Role::kCountyAdmin, "county_admin", "县级管理员"},
    {Role::kTownshipOfficer, "township_officer", "乡镇（街道）工作人员"},
    {Role::kVillageWorker, "village_worker", "村（社区）网格员"},
    {Role::kSiteStaff, "site_staff", "接种点工作人员"},
    {Role::kDepartmentOfficer, "department_officer", "行业主管部门"},
    {Role::kLeader, "leader", "领导（只读）"},
};

void EnsureSodium() {
  static const bool ok = sodium_init() >= 0;
  if (!ok) throw std::runtime_error("libsodium failed to initialise");
}

std::counting_semaphore<kPasswordHashesAtOnce> g_hash_slots(kPasswordHashesAtOnce);
std::atomic<int> g_hashing{0}, g_most_at_once{0};
std::atomic<int64_t> g_hashes{0};

// Holds one of the hash slots for its lifetime.
class HashSlot {
 public:
  HashSlot() {
    g_hash_slots.acquire();
    int now = ++g_hashing;
    int most = g_most_at_once.load();
    while (now > most && !g_most_at_once.compare_exchange_weak(most, now)) {
    }
    ++g_hashes;
  }
  ~HashSlot() {
    --g_hashing;
    g_hash_slots.release();
  }
  HashSlot(const HashSlot&) = delete;
  HashSlot& operator=(const HashSlot&) = delete;
};
}  // namespace

const char* RoleCode(Role r) { return kRoles[static_cast<int>(r)].code; }
const char* RoleZh(Role r) { return kRoles[static_cast<int>(r)].zh; }
std::optional<Role> ParseRole(std::string_view s) {
  for (const auto& r : kRoles)
    if (s == r.code || s == r.zh) return r.role;
  return std::nullopt;
}

bool CanWritePersons(Role r) {
  return r == Role::kCountyAdmin || r == Role::kTownshipOfficer || r == Role::kVillageWorker ||
         r == Role::kDepartmentOfficer;
}
bool CanBook(Role r) { return r != Role::kLeader; }
bool CanEnterDoses(Role r) {
  return r == Role::kCountyAdmin || r == Role::kTownshipOfficer || r == Role::kSiteStaff;
}

bool CanManageMeasures(Role r) {
  return r == Role::kCountyAdmin || r == Role::kTownshipOfficer || r == Role::kVillageWorker;
}

bool CanReadMeasures(Role r) { return CanManageMeasures(r) || r == Role::kLeader; }
bool CanManageSites(Role r) {
  return r == Role::kCountyAdmin || r == Role::kTownshipOfficer || r == Role::kSiteStaff;
}
bool CanSeeFullIdentity(Role r) {
  return r == Role::kCountyAdmin || r == Role::kTownshipOfficer || r == Role::kVillageWorker ||
         r == Role::kSiteStaff;
}
bool CanManageUsers(Role r) { return r == Role::kCountyAdmin; }
bool CanReadAudit(Role r) { return r == Role::kCountyAdmin; }
bool CanImport(Role r) { return CanWritePersons(r); }
bool CanExport(Role r) { return r != Role::kSiteStaff; }

Status CheckJurisdiction(const User& u, std::string_view code) {
  if (code.size() >= u.region_code.size() &&
      code.substr(0, u.region_code.size()) == u.region_code) {
    return {};
  }
  return Fail(Error::Forbidden("this record lies outside your jurisdiction (" + u.region_code + ")",
                               "该记录不在您的管辖范围内（" + u.region_code + "）"));
}

std::string HashPassword(const std::string& password) {
  EnsureSodium();
  HashSlot slot;
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(),
                            crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    throw std::runtime_error("out of memory hashing a password");
  }
  return out;
}

bool VerifyPassword(const std::string& hash, const std::string& password) {
  EnsureSodium();
  HashSlot slot;
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

bool VerifyAgainstNobody(const std::string& password) {
  // A hash of random bytes, made once, with the same parameters as real ones.
  static const std::string nobody = [] {
    EnsureSodium();
    unsigned char secret[32];
    randombytes_buf(secret, sizeof secret);
    return HashPassword(std::string(reinterpret_cast<char*>(secret), sizeof secret));
  }();
  (void)VerifyPassword(nobody, password);
  return false;
}

PasswordHashCounts PasswordHashesSoFar() { return {g_hashes.load(), g_most_at_once.load()}; }

Status CheckPasswordStrength(const std::string& p) {
  bool letter = false, digit = false;
  for (char c : p) {
    letter |= (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    digit |= c >= '0' && c <= '9';
  }
  if (p.size() < 8 || p.size() > 128 || !letter || !digit) {
    return Fail(Error::Invalid("weak_password", "password", "",
                               "password must have 8-128 characters with letters and digits",
                               "密码应为8至128位，且同时包含字母和数字"));
  }
  return {};
}

std::string NewSessionToken() {
  EnsureSodium();
  unsigned char raw[32];
  randombytes_buf(raw, sizeof raw);
  char hex[65];
  sodium_bin2hex(hex, sizeof hex, raw, sizeof raw);
  return hex;
}

std::string TokenDigest(const std::string& token) {
  EnsureSodium();
  unsigned char d[32];
  crypto_generichash(d, sizeof d, reinterpret_cast<const unsigned char*>(token.data()),
                     token.size(), nullptr, 0);
  char hex[65];
  sodium_bin2hex(hex, sizeof hex, d, sizeof d);
  return hex;
}

}  // namespace fangkong
