// The access module's storage, on either engine: users, sessions and the
// audit log.
#include "store/access_sql.h"
#include "store/storage.h"

namespace fangkong {

namespace {

using db::Connection;
using db::Row;

User ReadUser(const Row& r) {
  return User{r.Int(0),  r.Text(1), r.Text(2),    ParseRole(r.Text(3)).value_or(Role::kLeader),
              r.Text(4), r.Int(5),  r.Int(6) != 0};
}

class UserStore final : public UserRepository {
 public:
  explicit UserStore(db::Database& db) : db_(db) {}

  Result<int64_t> InsertUser(const User& u, const std::string& hash) override {
    auto id = db::Insert(db_, sql::kInsertUser, u.username, u.display_name, RoleCode(u.role),
                         u.region_code, u.org_id, u.active, hash);
    if (id && *id == 0) {
      return Fail(Error::Conflict("duplicate_username", "username", u.username,
                                  "this username is taken", "该用户名已被使用"));
    }
    return id;
  }

  Status UpdateUser(const User& u) override {
    return db::ChangedSome(db::Exec(db_, sql::kUpdateUser, u.id, u.display_name, RoleCode(u.role),
                                    u.region_code, u.org_id, u.active),
                           Error::NotFound("user", std::to_string(u.id)));
  }

  Status SetPassword(int64_t id, const std::string& hash) override {
    return db::Done(db::Exec(db_, sql::kSetPassword, id, hash));
  }

  Result<std::optional<std::pair<User, std::string>>> FindUserByName(
      const std::string& name) override {
    return db::One(
        db_, sql::kUserByName, [](const Row& r) { return std::pair(ReadUser(r), r.Text(7)); },
        name);
  }

  Result<std::optional<User>> FindUser(int64_t id) override {
    return db::One(db_, sql::kUserById, ReadUser, id);
  }

  Result<std::vector<User>> ListUsers(const std::string& prefix) override {
    return db::All(db_, sql::kUsersUnder, ReadUser, prefix, prefix + ":");
  }

  Status InsertSession(const Session& s) override {
    return db::Done(
        db::Exec(db_, sql::kInsertSession, s.token_digest, s.user_id, s.expires_at, s.last_seen));
  }

  Result<std::optional<Session>> FindSession(const std::string& digest) override {
    return db::One(
        db_, sql::kFindSession,
        [](const Row& r) {
          return Session{r.Text(0), r.Int(1), r.Int(2), r.Int(3)};
        },
        digest);
  }

  Status DeleteSession(const std::string& digest) override {
    return db::Done(db::Exec(db_, sql::kDeleteSession, digest));
  }

  Status DeleteSessionsOf(int64_t user_id) override {
    return db::Done(db::Exec(db_, sql::kDeleteSessionsOf, user_id));
  }

  Status TouchSession(const std::string& digest, int64_t last_seen) override {
    return db::Done(db::Exec(db_, sql::kTouchSession, digest, last_seen));
  }

  Result<int64_t> PurgeSessions(int64_t now, int64_t idle_since) override {
    return db::Exec(db_, sql::kPurgeSessions, now, idle_since);
  }

 private:
  db::Database& db_;
};

class AuditStore final : public AuditRepository {
 public:
  explicit AuditStore(db::Database& db) : db_(db) {}

  Status AppendAudit(const std::vector<AuditEntry>& entries) override {
    return db_.Write([&](Connection& c) -> Status {
      for (const auto& e : entries) {
        auto r = db::Exec(c, sql::kInsertAudit, e.at, e.user_id, e.username, e.action, e.target,
                          e.detail, e.rows);
        if (!r) return Fail(r.error());
      }
      return {};
    });
  }

  Result<std::pair<std::vector<AuditEntry>, int64_t>> QueryAudit(const AuditFilter& f) override {
    using Out = std::pair<std::vector<AuditEntry>, int64_t>;
    return db::Read(db_, [&](Connection& c) -> Result<Out> {
      auto items = db::All(
          c, sql::kQueryAudit,
          [](const Row& r) {
            return AuditEntry{r.Int(0),  r.Int(1),  r.Int(2),  r.Text(3),
                              r.Text(4), r.Text(5), r.Text(6), r.Int(7)};
          },
          f.username, f.action, f.since, f.limit, f.offset);
      if (!items) return Fail(items.error());
      auto total = db::Count(c, sql::kCountAudit, f.username, f.action, f.since);
      if (!total) return Fail(total.error());
      return Out(std::move(*items), *total);
    });
  }

 private:
  db::Database& db_;
};

}  // namespace

std::unique_ptr<UserRepository> NewUserStore(db::Database& db) {
  return std::make_unique<UserStore>(db);
}
std::unique_ptr<AuditRepository> NewAuditStore(db::Database& db) {
  return std::make_unique<AuditStore>(db);
}

}  // namespace fangkong
