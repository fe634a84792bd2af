// Contract tests, on both engines, that a unit of work reads reference rows
// (lots, site staff) as they are now: SQLite keeps them in memory for units
// (store/sqlite/reference_cache.h), and whatever changed them since - this
// store outside a unit, another store (another process) on the same
// database, or a unit whose writes were rolled back - must show.
#include "api_fixture.h"

namespace fangkong {
namespace {

using namespace apitest;  // NOLINT: the fixture's vocabulary

std::unique_ptr<Storage> SecondStore(const std::string& engine) {
  return OpenStorage(engine == "sqlite" ? SqliteTestDir().string() : testing::PostgresUrl());
}

// The lot as a unit of work reads it; nullopt when there is none.
std::optional<VaccineLot> LotInUnit(Storage& store, const std::string& number) {
  std::optional<VaccineLot> seen;
  auto ok = store.db->Atomically([&]() -> Status {
    auto lots = store.vaccination->LotsByNumber(number);
    if (!lots) return Fail(lots.error());
    if (!lots->empty()) seen = lots->front();
    return {};
  });
  EXPECT_TRUE(ok) << ok.error().message;
  return seen;
}

VaccineLot Lot(const std::string& number) {
  VaccineLot lot;
  lot.product = "CoronaVac";
  lot.lot_number = number;
  lot.expiry = *Date::Parse("2030-01-31");
  return lot;
}

TEST_P(ApiTest, AUnitSeesALotChangedOutsideItByThisStoreOrAnother) {
  Storage& store = *S().store;
  auto id = store.vaccination->InsertLot(Lot("REFROWS-1"));
  ASSERT_TRUE(id) << id.error().message;
  ASSERT_TRUE(LotInUnit(store, "REFROWS-1"));
  EXPECT_FALSE(LotInUnit(store, "REFROWS-1")->held);

  ASSERT_TRUE(store.vaccination->SetLotHold(*id, true, "fridge 3 at 11 °C"));
  auto held = LotInUnit(store, "REFROWS-1");
  ASSERT_TRUE(held);
  EXPECT_TRUE(held->held);
  EXPECT_EQ(held->hold_reason, "fridge 3 at 11 °C");

  auto other = SecondStore(GetParam());
  ASSERT_TRUE(other->vaccination->SetLotHold(*id, false, ""));
  EXPECT_FALSE(LotInUnit(store, "REFROWS-1")->held);

  // A lot another store receives after a unit found no such lot.
  EXPECT_FALSE(LotInUnit(store, "REFROWS-2"));
  ASSERT_TRUE(other->vaccination->InsertLot(Lot("REFROWS-2")));
  EXPECT_TRUE(LotInUnit(store, "REFROWS-2"));
}

TEST_P(ApiTest, AUnitDoesNotSeeReferenceRowsOfAUnitThatFailed) {
  Storage& store = *S().store;
  bool seen_inside = false;
  auto failed = store.db->Atomically([&]() -> Status {
    if (auto id = store.vaccination->InsertLot(Lot("REFROWS-3")); !id) return Fail(id.error());
    auto lots = store.vaccination->LotsByNumber("REFROWS-3");
    seen_inside = lots && !lots->empty();
    return Fail(Error::Conflict("test_failure", "unit", "", "the unit gives up", "单元放弃"));
  });
  ASSERT_FALSE(failed);
  EXPECT_TRUE(seen_inside);
  EXPECT_FALSE(LotInUnit(store, "REFROWS-3"));
}

TEST_P(ApiTest, AUnitSeesAVaccinatorCertificateRenewedOutsideIt) {
  Storage& store = *S().store;
  auto site_org = store.users->FindUserByName("town1");
  ASSERT_TRUE(site_org && *site_org);
  int64_t user = (*site_org)->first.id;
  Organisation clinic;
  clinic.name = "参照行测试接种门诊";
  clinic.kind = OrganisationKind::kVaccinationSite;
  clinic.region_code = "341881001";
  auto org = store.organisations->InsertOrganisation(clinic);
  ASSERT_TRUE(org) << org.error().message;
  VaccinationSite site;
  site.org_id = *org;
  ASSERT_TRUE(store.vaccination->UpsertSite(site));
  auto certified_until = [&]() {
    std::string until;
    auto ok = store.db->Atomically([&]() -> Status {
      auto staff = store.vaccination->StaffOf(*org);
      if (!staff) return Fail(staff.error());
      for (const auto& s : *staff)
        if (s.user_id == user && s.certified_until) until = s.certified_until->Iso();
      return {};
    });
    EXPECT_TRUE(ok);
    return until;
  };
  SiteStaff staff{*org, user, "", "", StaffDuty::kVaccinator, "CERT-1", Date::Parse("2026-01-31")};
  ASSERT_TRUE(store.vaccination->UpsertStaff(staff));
  EXPECT_EQ(certified_until(), "2026-01-31");
  staff.certified_until = Date::Parse("2028-01-31");
  ASSERT_TRUE(SecondStore(GetParam())->vaccination->UpsertStaff(staff));
  EXPECT_EQ(certified_until(), "2028-01-31");
}

}  // namespace
}  // namespace fangkong
