// Every route that takes a body, given the input as its body, through the
// router of a real App on a throw-away SQLite store, as a county
// administrator: JSON decoding and every check behind it must answer, never
// crash. Login is left out (each attempt costs an Argon2id hash).
#include <unistd.h>

#include <boost/json.hpp>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "access/user.h"
#include "api/app.h"
#include "store/storage.h"

namespace {

namespace fk = fangkong;

struct World {
  std::unique_ptr<fk::Storage> store;
  std::unique_ptr<fk::api::App> app;
  std::string token;
  std::vector<std::pair<std::string, std::string>> routes;  // method, path with ids filled in
};

std::string Fill(const std::string& pattern) {
  std::string out;
  for (size_t i = 0; i < pattern.size();) {
    if (pattern[i] != '{') {
      out += pattern[i++];
      continue;
    }
    size_t end = pattern.find('}', i);
    std::string name = pattern.substr(i + 1, end - i - 1);
    out += name == "code" ? "341881" : name == "lot_number" ? "2026C1108" : "1";
    i = end + 1;
  }
  return out;
}

World& TheWorld() {
  static World w = [] {
    World w;
    auto dir =
        std::filesystem::temp_directory_path() / ("fk-fuzz-json-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    w.store = fk::OpenStorage(dir.string());
    if (!w.store->Migrate()) std::abort();
    std::vector<fk::Region> places{{"340000", "安徽省", "", 1},
                                   {"341800", "宣城市", "340000", 2},
                                   {"341881", "宁国市", "341800", 3},
                                   {"341881001", "西津街道", "341881", 4},
                                   {"341881001001", "河沥社区", "341881001", 5}};
    if (!w.store->regions->UpsertRegions(places)) std::abort();
    fk::User admin{0, "admin", "admin", fk::Role::kCountyAdmin, "341881", 0, true};
    if (!w.store->users->InsertUser(admin, fk::HashPassword("Fuzz2026pass"))) std::abort();
    fk::api::AppOptions options;
    options.signing_key_path = (dir / "signing.key").string();
    w.app = std::make_unique<fk::api::App>(*w.store, options);
    fk::api::Request login;
    login.method = "POST";
    login.path = "/api/v1/auth/login";
    login.body = R"({"username":"admin","password":"Fuzz2026pass"})";
    auto r = w.app->router().Dispatch(login);
    w.token = std::string(boost::json::parse(r.body).at("token").as_string());
    for (const auto& route : w.app->router().Describe()) {
      auto space = route.find(' ');
      std::string method = route.substr(0, space), pattern = route.substr(space + 1);
      if (method == "GET" || pattern.rfind("/api/v1/auth/", 0) == 0) continue;
      w.routes.emplace_back(method, Fill(pattern));
    }
    return w;
  }();
  return w;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  World& w = TheWorld();
  std::string body(reinterpret_cast<const char*>(data), size);
  for (const auto& [method, path] : w.routes) {
    fk::api::Request r;
    r.method = method;
    r.path = path;
    r.headers["authorization"] = "Bearer " + w.token;
    r.headers["content-type"] = "application/json";
    r.body = body;
    auto answer = w.app->router().Dispatch(r);
    if (answer.status >= 500) __builtin_trap();  // a body is never the server's fault
  }
  return 0;
}
