// Transfers between places through the API, on both engines: the receiving
// township finds and asks, the current township accepts once, the counts and
// the history follow, and an edit of the person's place is kept as history.
#include <thread>

#include "api_fixture.h"

namespace fangkong {
namespace {

using namespace apitest;  // NOLINT: the fixture's vocabulary

class TransferApi : public ApiTest {
 protected:
  int64_t Registered(const std::string& code) {
    auto r = Call("admin", "GET", "/api/v1/regions/" + code);
    return r.status == 200 ? Obj(r).at("population").at("registered").as_int64() : -1;
  }
  std::string PlaceOf(int64_t id) {
    auto r = Call("admin", "GET", "/api/v1/persons/" + std::to_string(id));
    return r.status == 200 ? Txt(Obj(r).at("region_code")) : "";
  }
  static std::string Ask(const std::string& id_number, const std::string& to,
                         const std::string& reason) {
    return json::serialize(
        json::object{{"id_number", id_number}, {"to_region", to}, {"reason", reason}});
  }
};

TEST_P(TransferApi, TheReceivingTownshipAsksAndTheCurrentOneAcceptsOnce) {
  std::string number = NewId(601);
  auto created = CreatePerson("town1", number, "迁入测试", kVillage1);
  ASSERT_EQ(created.status, 201) << created.body;
  int64_t person = Obj(created).at("id").as_int64();

  // Town 2 finds the person: a masked name and the current place, audited.
  int64_t lookups = AuditCount("person.lookup_for_transfer");
  auto found = Call("town2", "GET", "/api/v1/transfers/lookup?id_number=" + number);
  ASSERT_EQ(found.status, 200) << found.body;
  EXPECT_EQ(Txt(Obj(found).at("name")), "迁***");
  EXPECT_EQ(Txt(Obj(found).at("region_code")), kVillage1);
  EXPECT_FALSE(Obj(found).at("in_jurisdiction").as_bool());
  EXPECT_EQ(AuditCount("person.lookup_for_transfer"), lookups + 1);
  EXPECT_EQ(Call("leader", "GET", "/api/v1/transfers/lookup?id_number=" + number).status, 403);

  auto asked =
      Call("town2", "POST", "/api/v1/transfers", Ask(number, S().other_village, "随子女迁居"));
  ASSERT_EQ(asked.status, 201) << asked.body;
  EXPECT_EQ(Txt(Obj(asked).at("state")), "requested");
  EXPECT_EQ(Txt(Obj(asked).at("person_name")), "迁***") << "not town 2's person yet";
  int64_t id = Obj(asked).at("id").as_int64();
  EXPECT_EQ(PlaceOf(person), kVillage1) << "nothing moves before town 1 accepts";

  auto waiting = Call("town1", "GET", "/api/v1/transfers?direction=out&state=requested");
  ASSERT_EQ(waiting.status, 200);
  bool listed = false;
  auto out = Obj(waiting);
  for (const auto& t : out.at("items").as_array()) {
    if (t.at("id").as_int64() != id) continue;
    listed = true;
    EXPECT_EQ(Txt(t.at("person_name")), "迁入测试");
    EXPECT_TRUE(t.at("can_decide").as_bool());
    EXPECT_FALSE(t.at("can_cancel").as_bool());
  }
  EXPECT_TRUE(listed);
  EXPECT_EQ(Call("town2", "POST", "/api/v1/transfers/" + std::to_string(id) + "/accept").status,
            403);

  int64_t town1_before = Registered("341881001"), town2_before = Registered("341881100");
  // Two clerks of town 1 accept at once: the person moves once.
  std::vector<int> statuses(2);
  std::vector<std::thread> clerks;
  for (int i = 0; i < 2; ++i)
    clerks.emplace_back([&, i] {
      statuses[i] =
          Call("town1", "POST", "/api/v1/transfers/" + std::to_string(id) + "/accept").status;
    });
  for (auto& c : clerks) c.join();
  std::sort(statuses.begin(), statuses.end());
  EXPECT_EQ(statuses, (std::vector<int>{200, 409}));
  EXPECT_EQ(PlaceOf(person), S().other_village);
  EXPECT_EQ(Registered("341881001"), town1_before - 1);
  EXPECT_EQ(Registered("341881100"), town2_before + 1);

  // The history goes with the person: town 2 reads it, town 1 no longer can.
  auto history = Call("town2", "GET", "/api/v1/persons/" + std::to_string(person) + "/transfers");
  ASSERT_EQ(history.status, 200);
  ASSERT_EQ(Obj(history).at("items").as_array().size(), 1u);
  EXPECT_EQ(Txt(Obj(history).at("items").as_array()[0].at("state")), "done");
  EXPECT_EQ(Call("town1", "GET", "/api/v1/persons/" + std::to_string(person) + "/transfers").status,
            403);
}

TEST_P(TransferApi, RequestsAreCheckedAndRefusalsNeedANote) {
  std::string number = NewId(611);
  ASSERT_EQ(CreatePerson("town1", number, "拒绝测试", kVillage1).status, 201);
  auto no_reason = Call("town2", "POST", "/api/v1/transfers", Ask(number, S().other_village, ""));
  EXPECT_EQ(no_reason.status, 422);
  EXPECT_EQ(ErrField(no_reason), "reason");
  auto not_a_village = Call("town2", "POST", "/api/v1/transfers", Ask(number, "341881100", "迁居"));
  EXPECT_EQ(ErrField(not_a_village), "to_region");
  EXPECT_EQ(ErrCode(Call("town1", "POST", "/api/v1/transfers", Ask(number, kVillage1, "迁居"))),
            "same_place");
  EXPECT_EQ(
      Call("leader", "POST", "/api/v1/transfers", Ask(number, S().other_village, "迁居")).status,
      403);
  auto direction = Call("town1", "GET", "/api/v1/transfers?direction=sideways");
  EXPECT_EQ(ErrField(direction), "direction");

  auto asked = Call("town2", "POST", "/api/v1/transfers", Ask(number, S().other_village, "迁居"));
  ASSERT_EQ(asked.status, 201) << asked.body;
  std::string path = "/api/v1/transfers/" + std::to_string(Obj(asked).at("id").as_int64());
  EXPECT_EQ(ErrField(Call("town1", "POST", path + "/refuse", "{}")), "note");
  auto refused = Call("town1", "POST", path + "/refuse", R"({"note":"本人不同意迁出"})");
  ASSERT_EQ(refused.status, 200) << refused.body;
  EXPECT_EQ(Txt(Obj(refused).at("state")), "refused");
  EXPECT_EQ(Call("town2", "POST", path + "/cancel").status, 409) << "decided once";
}

TEST_P(TransferApi, AnEditOfThePlaceIsKeptAsADoneTransfer) {
  auto created = CreatePerson("town1", NewId(621), "改址测试", kVillage1);
  ASSERT_EQ(created.status, 201);
  int64_t person = Obj(created).at("id").as_int64();
  auto edited = Call("admin", "PATCH", "/api/v1/persons/" + std::to_string(person),
                     json::serialize(json::object{{"region_code", S().other_village}}));
  ASSERT_EQ(edited.status, 200) << edited.body;
  auto history = Call("admin", "GET", "/api/v1/persons/" + std::to_string(person) + "/transfers");
  ASSERT_EQ(history.status, 200);
  auto moves = Obj(history);
  const auto& items = moves.at("items").as_array();
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(Txt(items[0].at("from_region")), kVillage1);
  EXPECT_EQ(Txt(items[0].at("to_region")), S().other_village);
  EXPECT_EQ(Txt(items[0].at("reason")), "登记信息修改");
  // An edit that keeps the place adds nothing.
  ASSERT_EQ(Call("admin", "PATCH", "/api/v1/persons/" + std::to_string(person),
                 R"({"phone":"13900001111"})")
                .status,
            200);
  EXPECT_EQ(Obj(Call("admin", "GET", "/api/v1/persons/" + std::to_string(person) + "/transfers"))
                .at("items")
                .as_array()
                .size(),
            1u);
}

INSTANTIATE_TEST_SUITE_P(Engines, TransferApi, ::testing::ValuesIn(TestEngines()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace fangkong
