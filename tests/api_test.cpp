// API contract tests of the registry and access: a real server on loopback,
// run once per storage engine (see api_fixture.h). Other *_api_test.cpp files
// add tests to the same suite, instantiated here.
#include <set>

#include "api_fixture.h"

namespace fangkong {
namespace {

using namespace apitest;  // NOLINT: the fixture's vocabulary
namespace json = boost::json;
using testing::Http;
using testing::HttpResult;
using testing::MakeId;

TEST_P(ApiTest, HealthNamesTheEngineWithoutAuth) {
  auto r = Http("GET", S().base + "/api/v1/health");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(Obj(r).at("engine").as_string(), GetParam() == "sqlite" ? "sqlite" : "postgresql");
}

TEST_P(ApiTest, AuthenticationIsRequired) {
  EXPECT_EQ(Http("GET", S().base + "/api/v1/persons").status, 401);
  EXPECT_EQ(Http("GET", S().base + "/api/v1/persons", "", {"Authorization: Bearer nonsense"}).status, 401);
  auto bad = Http("POST", S().base + "/api/v1/auth/login", R"({"username":"admin","password":"wrong"})");
  EXPECT_EQ(bad.status, 401);
  EXPECT_EQ(ErrCode(bad), "unauthenticated");
  auto me = Call("town1", "GET", "/api/v1/auth/me");
  ASSERT_EQ(me.status, 200);
  EXPECT_EQ(Obj(me).at("region_code"), "341881001");
  // Jurisdictions by name, a county's too (the pages show names, not codes).
  EXPECT_EQ(Obj(me).at("place_name"), "西津街道");
  EXPECT_EQ(Obj(Call("admin", "GET", "/api/v1/auth/me")).at("place_name"), "宁国市");
}

TEST_P(ApiTest, CreateReadAndDuplicate) {
  std::string id = NewId(11);
  auto r = CreatePerson("town1", id, "张三", kVillage1);
  ASSERT_EQ(r.status, 201) << r.body;
  auto p = Obj(r);
  EXPECT_EQ(p.at("sex"), "M");
  EXPECT_EQ(p.at("masked"), true);
  EXPECT_NE(std::string(p.at("id_number").as_string()), id);
  EXPECT_EQ(p.at("phone"), "138****5678");
  auto dup = CreatePerson("town1", id, "张三", kVillage1);
  EXPECT_EQ(dup.status, 409);
  EXPECT_EQ(ErrField(dup), "id_number");
  auto got = Call("town1", "GET", "/api/v1/persons/" + std::to_string(p.at("id").as_int64()));
  ASSERT_EQ(got.status, 200);
  EXPECT_EQ(Obj(got).at("name"), "张三");
  EXPECT_GE(Obj(got).at("region_path").as_array().size(), 5u);
}

TEST_P(ApiTest, BadInputGetsStructuredErrors) {
  std::string wrong = NewId(13);
  wrong.back() = wrong.back() == '1' ? '2' : '1';
  auto r = CreatePerson("town1", wrong, "李四", kVillage1);
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(ErrCode(r), "invalid_id_number");
  EXPECT_EQ(ErrField(r), "id_number");
  EXPECT_FALSE(Obj(r).at("error").at("message_zh").as_string().empty());

  auto malformed = Call("town1", "POST", "/api/v1/persons", "{\"name\": ");
  EXPECT_EQ(malformed.status, 400);
  EXPECT_EQ(ErrCode(malformed), "malformed_json");

  auto wrong_type = Call("town1", "POST", "/api/v1/persons", R"({"name": {"a": 1}, "id_number": "x"})");
  EXPECT_EQ(wrong_type.status, 422);
  EXPECT_EQ(ErrField(wrong_type), "name");

  auto unknown_region = CreatePerson("town1", NewId(15), "王五", "341881999999");
  EXPECT_EQ(unknown_region.status, 422);
  EXPECT_EQ(ErrField(unknown_region), "region_code");

  auto impossible = CreatePerson("town1", "341881199902300013", "赵六", kVillage1);
  EXPECT_EQ(impossible.status, 422);

  auto bad_page = Call("town1", "GET", "/api/v1/persons?page_size=abc");
  EXPECT_EQ(bad_page.status, 422);
  EXPECT_EQ(ErrField(bad_page), "page_size");
}

TEST_P(ApiTest, SqlMetacharactersAreJustText) {
  std::string name = "O'Brien\"); DROP TABLE persons;--";
  auto r = CreatePerson("town1", NewId(17), name, kVillage1);
  ASSERT_EQ(r.status, 201) << r.body;
  auto search = Call("town1", "GET", "/api/v1/persons?q=O%27Brien");
  ASSERT_EQ(search.status, 200);
  EXPECT_EQ(Obj(search).at("total").as_int64(), 1);
  EXPECT_EQ(Txt(Obj(search).at("items").as_array()[0].at("name")), name);
  auto pct = Call("town1", "GET", "/api/v1/persons?q=%25");
  EXPECT_EQ(Obj(pct).at("total").as_int64(), 0);  // '%' is matched literally
}

// A list names each person's place as a clerk says it, township first.
TEST_P(ApiTest, PersonListsNameThePlace) {
  ASSERT_EQ(CreatePerson("town1", NewId(18), "冯十一", kVillage1).status, 201);
  auto township = Obj(Call("town1", "GET", "/api/v1/regions/341881001"));
  std::string village;
  for (const auto& c : township.at("children").as_array())
    if (Txt(c.at("code")) == kVillage1) village = Txt(c.at("name"));
  ASSERT_FALSE(village.empty());
  auto found = Obj(Call("town1", "GET", "/api/v1/persons?q=%E5%86%AF%E5%8D%81%E4%B8%80"));
  ASSERT_EQ(found.at("items").as_array().size(), 1u);
  EXPECT_EQ(Txt(found.at("items").as_array()[0].at("place_name")),
            Txt(township.at("name")) + " " + village);
}

TEST_P(ApiTest, JurisdictionIsEnforcedAndDenialsAudited) {
  auto r = CreatePerson("town2", NewId(19), "钱七", S().other_village);
  ASSERT_EQ(r.status, 201) << r.body;
  std::string id = std::to_string(Obj(r).at("id").as_int64());
  int64_t before = AuditCount("access.denied");
  auto denied = Call("town1", "GET", "/api/v1/persons/" + id);
  EXPECT_EQ(denied.status, 403);
  EXPECT_EQ(AuditCount("access.denied"), before + 1);
  EXPECT_EQ(Call("town1", "GET", "/api/v1/persons?region=341881100").status, 403);
  EXPECT_EQ(Call("town1", "PATCH", "/api/v1/persons/" + id, R"({"name":"x"})").status, 403);
  auto outside = CreatePerson("town1", NewId(21), "孙八", S().other_village);
  EXPECT_EQ(outside.status, 403);
  EXPECT_EQ(Call("admin", "GET", "/api/v1/persons/" + id).status, 200);
}

TEST_P(ApiTest, FullValuesOnlyForAllowedRolesAndAudited) {
  std::string idn = NewId(23);
  auto r = CreatePerson("town1", idn, "周九", kVillage1);
  ASSERT_EQ(r.status, 201);
  std::string id = std::to_string(Obj(r).at("id").as_int64());
  int64_t before = AuditCount("person.read_full");
  auto full = Call("admin", "GET", "/api/v1/persons/" + id + "?full=1");
  EXPECT_EQ(Txt(Obj(full).at("id_number")), idn);
  EXPECT_EQ(Obj(full).at("phone"), "13812345678");
  EXPECT_EQ(AuditCount("person.read_full"), before + 1);
  auto leader = Call("leader", "GET", "/api/v1/persons/" + id + "?full=1");
  EXPECT_EQ(Obj(leader).at("masked"), true);
  EXPECT_EQ(Call("leader", "POST", "/api/v1/persons", R"({"name":"x"})").status, 403);
}

TEST_P(ApiTest, PatchValidatesAndMovesCounts) {
  auto r = CreatePerson("admin", NewId(25), "吴十", kVillage1);
  ASSERT_EQ(r.status, 201);
  std::string id = std::to_string(Obj(r).at("id").as_int64());
  auto before = Obj(Call("admin", "GET", "/api/v1/regions/" + S().other_village));
  int64_t n = before.at("population").at("registered").as_int64();
  auto moved = Call("admin", "PATCH", "/api/v1/persons/" + id,
                    json::serialize(json::object{{"region_code", S().other_village}, {"residency", "流动"}}));
  ASSERT_EQ(moved.status, 200) << moved.body;
  auto after = Obj(Call("admin", "GET", "/api/v1/regions/" + S().other_village));
  EXPECT_EQ(after.at("population").at("registered").as_int64(), n + 1);
  EXPECT_EQ(Call("admin", "PATCH", "/api/v1/persons/" + id, R"({"phone":"12"})").status, 422);
  EXPECT_EQ(Call("admin", "PATCH", "/api/v1/persons/" + id, R"({"sex":"女"})").status, 422);
}

// A search by region alone takes its total from the maintained counts; a
// search with any other filter counts rows. Both must agree.
TEST_P(ApiTest, ASubtreeSearchTotalsEveryoneInIt) {
  auto total = [&](const std::string& query) {
    auto r = Call("admin", "GET", "/api/v1/persons?" + query);
    EXPECT_EQ(r.status, 200) << r.body;
    return Obj(r).at("total").as_int64();
  };
  std::string town = kVillage1.substr(0, 9);
  auto r = CreatePerson("admin", NewId(27), "郑十一", kVillage1);
  ASSERT_EQ(r.status, 201) << r.body;
  int64_t in_town = total("region=" + town);
  EXPECT_GE(in_town, 1);
  EXPECT_EQ(in_town, total("region=" + town + "&age_min=0")) << "row count";
  EXPECT_EQ(total("region=" + kVillage1), total("region=" + kVillage1 + "&age_min=0"));
  EXPECT_EQ(total("region=341881"), total("region=341881&age_min=0"));
  std::string id = std::to_string(Obj(r).at("id").as_int64());
  ASSERT_EQ(Call("admin", "PATCH", "/api/v1/persons/" + id,
                 json::serialize(json::object{{"region_code", S().other_village}})).status, 200);
  EXPECT_EQ(total("region=" + town), in_town - 1);
  EXPECT_EQ(total("region=" + town + "&age_min=0"), in_town - 1);
}

// The last page of a search gives the total without counting; a page past
// the end still counts.
TEST_P(ApiTest, SearchTotalsHoldOnEveryPage) {
  std::string prefix = GetParam() == "sqlite" ? "短页甲" : "短页乙";
  for (int i = 0; i < 3; ++i) {
    ASSERT_EQ(CreatePerson("admin", NewId(31 + i), prefix + std::to_string(i), kVillage1).status, 201);
  }
  auto page = [&](int n) {
    std::string q;
    for (unsigned char c : prefix) {
      char hex[4];
      std::snprintf(hex, sizeof hex, "%%%02X", c);
      q += hex;
    }
    auto r = Call("admin", "GET", "/api/v1/persons?page_size=2&page=" + std::to_string(n) + "&q=" + q);
    EXPECT_EQ(r.status, 200) << r.body;
    return Obj(r);
  };
  const size_t rows_on[] = {0, 2, 1, 0};
  for (int n : {1, 2, 3}) {
    auto o = page(n);
    EXPECT_EQ(o.at("total").as_int64(), 3) << "page " << n;
    EXPECT_EQ(o.at("items").as_array().size(), rows_on[n]) << "page " << n;
  }
}

TEST_P(ApiTest, RegionCountsRollUpTheTree) {
  auto county = Call("admin", "GET", "/api/v1/regions/341881");
  ASSERT_EQ(county.status, 200);
  auto o = Obj(county);
  EXPECT_EQ(o.at("name"), "宁国市");
  int64_t sum = 0;
  for (const auto& c : o.at("children").as_array()) sum += c.at("population").at("registered").as_int64();
  EXPECT_EQ(sum, o.at("population").at("registered").as_int64());
  EXPECT_EQ(o.at("children").as_array().size(), 19u);
  auto tree = Call("admin", "GET", "/api/v1/regions/341881/tree");
  ASSERT_EQ(tree.status, 200);
  EXPECT_GT(Obj(tree).at("items").as_array().size(), 100u);
  EXPECT_EQ(Call("town1", "GET", "/api/v1/regions/341881").status, 403);
  EXPECT_EQ(Call("admin", "GET", "/api/v1/regions/34188x").status, 422);
}

TEST_P(ApiTest, OrganisationsAreValidatedAndKeptInJurisdiction) {
  // A credit code valid for this engine's run (the check character computed).
  std::string credit = std::string("91341881MA2XYW12") + (GetParam() == "sqlite" ? "1" : "2");
  credit += CreditCodeCheckCharacter(credit);
  auto body = [&](const std::string& region, const std::string& code) {
    return json::serialize(json::object{{"name", "宁国冷链物流有限公司"}, {"kind", "单位"},
                                        {"industry", "cold_chain"}, {"region_code", region},
                                        {"credit_code", code}});
  };
  auto created = Call("town1", "POST", "/api/v1/organisations", body("341881001", credit));
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(Obj(created).at("kind"), "employer");

  auto again = Call("town1", "POST", "/api/v1/organisations", body("341881001", credit));
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(ErrField(again), "credit_code");
  std::string wrong = credit;
  wrong.back() = wrong.back() == '0' ? '1' : '0';
  auto bad = Call("town1", "POST", "/api/v1/organisations", body("341881001", wrong));
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(ErrCode(bad), "invalid_credit_code");
  auto nowhere = Call("town1", "POST", "/api/v1/organisations", body("341881001999", ""));
  EXPECT_EQ(nowhere.status, 422);
  EXPECT_EQ(ErrField(nowhere), "region_code");
  EXPECT_EQ(Call("town1", "POST", "/api/v1/organisations", body("341881100", "")).status, 403);
  EXPECT_EQ(Call("leader", "POST", "/api/v1/organisations", body("341881001", "")).status, 403);
  auto no_kind = Call("town1", "POST", "/api/v1/organisations",
                      json::serialize(json::object{{"name", "x"}, {"kind", "shop"}, {"region_code", "341881001"}}));
  EXPECT_EQ(ErrField(no_kind), "kind");

  auto employers = Obj(Call("town1", "GET", "/api/v1/organisations?kind=employer")).at("items").as_array();
  ASSERT_FALSE(employers.empty());
  for (const auto& o : employers) {
    EXPECT_EQ(o.at("kind"), "employer");
    EXPECT_EQ(std::string(o.at("place_name").as_string()).rfind("西津街道", 0), 0u) << o;
  }
  EXPECT_TRUE(Obj(Call("town1", "GET", "/api/v1/organisations?kind=hospital")).at("items").as_array().empty());
  EXPECT_TRUE(Obj(Call("town2", "GET", "/api/v1/organisations")).at("items").as_array().empty());
  EXPECT_EQ(Call("town2", "GET", "/api/v1/organisations?region=341881001").status, 403);
}

TEST_P(ApiTest, AnOrganisationIsEditedInJurisdictionUnderTheSameRules) {
  std::string credit = std::string("91341881MA2XYW13") + (GetParam() == "sqlite" ? "1" : "2");
  credit += CreditCodeCheckCharacter(credit);
  auto create = [&](const char* name, const std::string& code) {
    auto r = Call("town1", "POST", "/api/v1/organisations",
                  json::serialize(json::object{{"name", name}, {"kind", "employer"},
                                               {"industry", "cold_chain"},
                                               {"region_code", "341881001"}, {"credit_code", code}}));
    EXPECT_EQ(r.status, 201) << r.body;
    return "/api/v1/organisations/" + std::to_string(Obj(r).at("id").as_int64());
  };
  std::string a = create("宁国冷链仓储有限公司", credit), b = create("宁国冷链运输有限公司", "");
  auto patch = [&](const char* user, const std::string& path, json::object fields) {
    return Call(user, "PATCH", path, json::serialize(fields));
  };

  // Fields not given stay; an empty industry clears it.
  auto renamed = patch("town1", a, {{"name", "宁国冷链物流中心"}});
  ASSERT_EQ(renamed.status, 200) << renamed.body;
  EXPECT_EQ(Obj(renamed).at("name"), "宁国冷链物流中心");
  EXPECT_EQ(Obj(renamed).at("industry"), "cold_chain");
  EXPECT_EQ(Obj(renamed).at("credit_code").as_string(), credit);
  auto moved = patch("town1", a, {{"industry", ""}, {"region_code", "341881001001"}});
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_EQ(Obj(moved).at("industry"), "");
  EXPECT_EQ(Obj(moved).at("region_code"), "341881001001");

  // The rules of a new one, each error naming its field.
  auto taken = patch("town1", b, {{"credit_code", credit}});
  EXPECT_EQ(taken.status, 409);
  EXPECT_EQ(ErrField(taken), "credit_code");
  auto unknown = patch("town1", b, {{"industry", "mining_on_mars"}});
  EXPECT_EQ(unknown.status, 422);
  EXPECT_EQ(ErrField(unknown), "industry");
  auto blank = patch("town1", b, {{"name", "  "}});
  EXPECT_EQ(ErrField(blank), "name");
  auto not_text = patch("town1", b, {{"name", json::array{"x"}}});
  EXPECT_EQ(not_text.status, 422);
  EXPECT_EQ(ErrField(not_text), "name");

  // Only in the jurisdiction, before and after; not by every role.
  EXPECT_EQ(patch("town1", b, {{"region_code", "341881100"}}).status, 403);
  EXPECT_EQ(patch("town2", b, {{"name", "改名"}}).status, 403);
  EXPECT_EQ(patch("leader", b, {{"name", "改名"}}).status, 403);
  EXPECT_EQ(patch("town1", "/api/v1/organisations/99999999", {{"name", "改名"}}).status, 404);
  auto stored = Obj(Call("town1", "GET", "/api/v1/organisations?kind=employer")).at("items");
  int unchanged = 0;
  for (const auto& o : stored.as_array())
    unchanged += o.at("name") == "宁国冷链运输有限公司" && o.at("industry") == "cold_chain";
  EXPECT_EQ(unchanged, 1) << "the refused edits changed nothing";
}

TEST_P(ApiTest, UsersAreManagedByAdminsOnly) {
  auto created = Call("admin", "POST", "/api/v1/users",
                      R"({"username":"village7","password":"Village7pass","role":"village_worker","region_code":")" + kVillage1 + "\"}");
  ASSERT_EQ(created.status, 201) << created.body;
  auto dup = Call("admin", "POST", "/api/v1/users",
                  R"({"username":"village7","password":"Village7pass","role":"village_worker","region_code":")" + kVillage1 + "\"}");
  EXPECT_EQ(dup.status, 409);
  EXPECT_EQ(ErrField(dup), "username");
  auto weak = Call("admin", "POST", "/api/v1/users", R"({"username":"weak1","password":"short","role":"leader"})");
  EXPECT_EQ(weak.status, 422);
  EXPECT_EQ(ErrField(weak), "password");
  EXPECT_EQ(Call("town1", "GET", "/api/v1/users").status, 403);
  auto list = Call("admin", "GET", "/api/v1/users");
  EXPECT_GE(Obj(list).at("total").as_int64(), 5);
  auto users = Obj(list);
  for (const auto& x : users.at("items").as_array()) {
    if (x.at("username") != "village7") continue;
    EXPECT_NE(Txt(x.at("place_name")), std::string(kVillage1)) << "named, not coded";
  }
}

TEST_P(ApiTest, OpenApiDocumentListsExactlyTheRoutes) {
  auto r = Http("GET", S().base + "/api/v1/openapi.json");
  ASSERT_EQ(r.status, 200);
  auto doc = json::parse(r.body).as_object();
  std::set<std::string> documented;
  for (const auto& [path, ops] : doc.at("paths").as_object()) {
    for (const auto& [method, op] : ops.as_object()) {
      std::string m(method);
      for (auto& ch : m) ch = static_cast<char>(toupper(ch));
      documented.insert(m + " " + std::string(path));
    }
  }
  auto routes = S().app->router().Describe();
  std::set<std::string> served(routes.begin(), routes.end());
  EXPECT_EQ(documented, served);
}

// After a full run (no --gtest_filter), every documented operation has
// answered some test with success, so every success schema was checked.
class EveryOperationAnswered : public ::testing::Environment {
 public:
  void TearDown() override {
    if (::testing::GTEST_FLAG(filter) != "*") return;
    auto missing = testing::OpenApiCheck::Instance().NeverAnswered();
    EXPECT_TRUE(missing.empty()) << "no API test got a success from: " << ::testing::PrintToString(missing);
    std::printf("[openapi] %ld responses checked against their operation's schema\n",
                testing::OpenApiCheck::Instance().Checked());
  }
};
[[maybe_unused]] auto* const kEveryOperationAnswered =
    ::testing::AddGlobalTestEnvironment(new EveryOperationAnswered);

INSTANTIATE_TEST_SUITE_P(Engines, ApiTest, ::testing::ValuesIn(TestEngines()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace fangkong
