// Table tests of the dose-series engine against the shipped catalogue: every
// product rule, interval edge days, age-limit birthdays, leap days,
// heterologous boosters, deferral and exemption.
#include <gtest/gtest.h>

#include <filesystem>
#include <sys/stat.h>
#include <unistd.h>

#include <unistd.h>

#include <bit>
#include <cstdio>
#include <string>
#include <vector>

#include <random>
#include "vaccination/certificate.h"
#include "vaccination/mobilisation.h"
#include "vaccination/series.h"
#include "vaccination/visit.h"

namespace fangkong {
namespace {

const Catalogue& C() { return Catalogue::Default(); }
Date D(const char* iso) { return Date::Parse(iso).value(); }
int P(const char* code) { return C().ProductIndex(code).value(); }
int Covid() { return C().DiseaseIndex("covid19").value(); }

ProductSet Set(std::initializer_list<const char*> codes) {
  ProductSet s = 0;
  for (auto* c : codes) s |= ProductSet{1} << P(c);
  return s;
}
const ProductSet kInactivated = Set({"BBIBP-CorV", "WIBP", "CoronaVac", "KCONVAC"});
const ProductSet kAllCovid = kInactivated | Set({"Ad5-nCoV", "ZF2001"});

struct Case {
  const char* name;
  const char* born;
  std::vector<std::pair<const char*, const char*>> doses;  // product, date
  const char* on;
  DoseStatus status;
  int dose_number;
  ProductSet products;
  const char* earliest = nullptr;  // checked when given
  const char* latest = nullptr;
  std::optional<const char*> deferred_until = std::nullopt;
  bool exempt = false;
};

class SeriesTable : public ::testing::TestWithParam<Case> {};

TEST_P(SeriesTable, NextDose) {
  const Case& k = GetParam();
  std::vector<GivenDose> given;
  for (auto [product, date] : k.doses) given.push_back({P(product), D(date)});
  SeriesInput in{D(k.born), given, std::nullopt, k.exempt};
  if (k.deferred_until) in.deferred_until = D(*k.deferred_until);
  NextDose d = EvaluateNextDose(C(), Covid(), in, D(k.on));
  EXPECT_EQ(DoseStatusCode(d.status), std::string(DoseStatusCode(k.status)));
  EXPECT_EQ(d.dose_number, k.dose_number);
  EXPECT_EQ(d.products, k.products) << "got " << std::popcount(d.products) << " products";
  if (k.earliest) {
    EXPECT_EQ(d.earliest.Iso(), k.earliest);
  }
  if (k.latest) {
    ASSERT_TRUE(d.latest);
    EXPECT_EQ(d.latest->Iso(), k.latest);
  }
  EXPECT_FALSE(ExplainNextDose(C(), d, true).empty());
}

using S = DoseStatus;
const Case kCases[] = {
    {"adult_first_dose_any_product", "1980-05-10", {}, "2021-03-01", S::kDue, 1, kAllCovid},
    {"third_birthday_inactivated_only", "2020-06-15", {}, "2023-06-15", S::kDue, 1, kInactivated},
    {"one_day_before_third_birthday", "2020-06-15", {}, "2023-06-14", S::kTooYoung, 1, 0, "2023-06-15"},
    {"leap_day_child_not_yet_three_on_28_feb", "2020-02-29", {}, "2023-02-28", S::kTooYoung, 1, 0, "2023-03-01"},
    {"leap_day_child_three_on_1_march", "2020-02-29", {}, "2023-03-01", S::kDue, 1, kInactivated},
    {"day_before_18_no_vector_or_protein", "2005-07-01", {}, "2023-06-30", S::kDue, 1, kInactivated},
    {"eighteenth_birthday_all_products", "2005-07-01", {}, "2023-07-01", S::kDue, 1, kAllCovid},
    {"second_dose_one_day_too_early", "1980-05-10", {{"BBIBP-CorV", "2021-03-01"}}, "2021-03-21",
     S::kTooSoon, 2, kInactivated, "2021-03-22"},
    {"second_dose_on_day_21", "1980-05-10", {{"BBIBP-CorV", "2021-03-01"}}, "2021-03-22", S::kDue, 2,
     kInactivated, "2021-03-22", "2021-04-26"},
    {"second_dose_on_day_56_still_in_window", "1980-05-10", {{"CoronaVac", "2021-03-01"}}, "2021-04-26",
     S::kDue, 2, kInactivated},
    {"second_dose_on_day_57_overdue", "1980-05-10", {{"CoronaVac", "2021-03-01"}}, "2021-04-27",
     S::kOverdue, 2, kInactivated},
    {"mixed_inactivated_primary_counts_as_complete", "1980-05-10",
     {{"WIBP", "2021-03-01"}, {"CoronaVac", "2021-03-29"}}, "2021-06-27", S::kDue, 3,
     kAllCovid, "2021-06-27"},
    {"first_booster_one_day_early", "1980-05-10",
     {{"BBIBP-CorV", "2021-03-01"}, {"BBIBP-CorV", "2021-03-29"}}, "2021-06-26", S::kTooSoon, 3,
     kAllCovid, "2021-06-27"},
    {"teen_with_series_waits_for_18_for_booster", "2005-07-01",
     {{"BBIBP-CorV", "2021-09-01"}, {"BBIBP-CorV", "2021-10-01"}}, "2023-06-30", S::kTooYoung, 3, 0,
     "2023-07-01"},
    {"second_booster_needs_age_60", "1970-01-15",
     {{"BBIBP-CorV", "2021-03-01"}, {"BBIBP-CorV", "2021-03-29"}, {"ZF2001", "2021-09-01"}},
     "2022-06-01", S::kTooYoung, 4, 0, "2030-01-15"},
    {"second_booster_due_for_65_year_old", "1957-01-15",
     {{"BBIBP-CorV", "2021-03-01"}, {"BBIBP-CorV", "2021-03-29"}, {"Ad5-nCoV", "2021-09-01"}},
     "2022-02-28", S::kDue, 4, kAllCovid, "2022-02-28"},
    {"second_booster_one_day_early", "1957-01-15",
     {{"BBIBP-CorV", "2021-03-01"}, {"BBIBP-CorV", "2021-03-29"}, {"Ad5-nCoV", "2021-09-01"}},
     "2022-02-27", S::kTooSoon, 4, kAllCovid, "2022-02-28"},
    {"all_boosters_done", "1957-01-15",
     {{"BBIBP-CorV", "2021-03-01"}, {"BBIBP-CorV", "2021-03-29"}, {"Ad5-nCoV", "2021-09-01"},
      {"KCONVAC", "2022-03-01"}},
     "2023-01-01", S::kComplete, 5, 0},
    {"cansino_single_dose_boosted_only_by_itself", "1980-05-10", {{"Ad5-nCoV", "2021-05-01"}},
     "2021-07-30", S::kDue, 2, Set({"Ad5-nCoV"}), "2021-07-30"},
    {"zf2001_second_dose_day_28", "1980-05-10", {{"ZF2001", "2021-05-01"}}, "2021-05-29", S::kDue, 2,
     Set({"ZF2001"}), "2021-05-29", "2021-06-26"},
    {"zf2001_third_dose_day_27_too_soon", "1980-05-10",
     {{"ZF2001", "2021-05-01"}, {"ZF2001", "2021-05-30"}}, "2021-06-26", S::kTooSoon, 3,
     Set({"ZF2001"}), "2021-06-27"},
    {"zf2001_series_has_no_booster_product", "1980-05-10",
     {{"ZF2001", "2021-05-01"}, {"ZF2001", "2021-05-30"}, {"ZF2001", "2021-07-01"}}, "2022-06-01",
     S::kComplete, 4, 0},
    {"measles_doses_do_not_count_for_covid", "1980-05-10", {{"MR", "2021-01-05"}}, "2021-03-01",
     S::kDue, 1, kAllCovid},
    {"deferred_until_a_date", "1980-05-10", {{"BBIBP-CorV", "2021-03-01"}}, "2021-03-25",
     S::kDeferred, 2, kInactivated, "2021-04-10", nullptr, "2021-04-10"},
    {"deferral_ends_on_its_date", "1980-05-10", {{"BBIBP-CorV", "2021-03-01"}}, "2021-04-10",
     S::kDue, 2, kInactivated, nullptr, nullptr, "2021-04-10"},
    {"exempt", "1980-05-10", {}, "2021-03-01", S::kExempt, 0, 0, nullptr, nullptr, std::nullopt, true},
};

INSTANTIATE_TEST_SUITE_P(Rules, SeriesTable, ::testing::ValuesIn(kCases),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(Series, MeaslesAtEightMonthsCountsFromTheLastDayOfTheMonth) {
  int measles = C().DiseaseIndex("measles").value();
  SeriesInput in{D("2025-01-31"), {}, std::nullopt, false};
  auto early = EvaluateNextDose(C(), measles, in, D("2025-09-30"));
  EXPECT_EQ(early.status, DoseStatus::kTooYoung);
  EXPECT_EQ(early.earliest.Iso(), "2025-10-01");  // there is no 31 September
  EXPECT_EQ(EvaluateNextDose(C(), measles, in, D("2025-10-01")).status, DoseStatus::kDue);
}

TEST(Catalogue, ShipsTheProductsUsedInChina) {
  for (auto* code : {"BBIBP-CorV", "WIBP", "CoronaVac", "Ad5-nCoV", "ZF2001", "KCONVAC"}) {
    EXPECT_TRUE(C().ProductIndex(code)) << code;
  }
  EXPECT_EQ(C().product(P("ZF2001")).primary_doses, 3);
  EXPECT_EQ(C().product(P("Ad5-nCoV")).primary_doses, 1);
  EXPECT_EQ(C().product(P("CoronaVac")).intervals[0].min_days, 21);
  EXPECT_EQ(C().product(P("CoronaVac")).intervals[0].max_days, 56);
}

TEST(Catalogue, ANewVaccineNeedsNoCode) {
  auto c = Catalogue::Parse(R"({"diseases":[{"code":"mpox","name_zh":"猴痘","name_en":"Mpox","boosters":[]}],
    "products":[{"code":"MVA-BN","disease":"mpox","platform":"live_attenuated","name_zh":"猴痘疫苗",
    "name_en":"MVA-BN","manufacturer_zh":"巴伐利亚北欧","manufacturer_en":"Bavarian Nordic",
    "min_age_months":216,"max_age_months":0,"primary_doses":2,
    "intervals":[{"min_days":28,"recommended_days":28,"max_days":0}],"trace_code_pattern":"^[0-9]{20}$"}]})");
  ASSERT_TRUE(c) << c.error().message;
  GivenDose first{0, D("2024-01-01")};
  SeriesInput in{D("1990-01-01"), std::span(&first, 1), std::nullopt, false};
  auto d = EvaluateNextDose(*c, 0, in, D("2024-01-29"));
  EXPECT_EQ(d.status, DoseStatus::kDue);
  EXPECT_FALSE(d.latest);  // no maximum interval
}

TEST(Catalogue, ErrorsNameTheFieldAtFault) {
  auto body = [](const std::string& product) {
    return R"({"diseases":[{"code":"x","name_zh":"x","name_en":"x","boosters":[]}],"products":[)" +
           product + "]}";
  };
  const std::string base = R"("code":"A","disease":"x","platform":"p","name_zh":"a","name_en":"a",
    "manufacturer_zh":"m","manufacturer_en":"m","min_age_months":0,"max_age_months":0,)";
  struct Bad {
    std::string product, field;
  } cases[] = {
      {"{" + base + R"("primary_doses":2,"intervals":[],"trace_code_pattern":"."})", "products[0].intervals"},
      {"{" + base + R"("primary_doses":1,"intervals":[],"trace_code_pattern":"["})", "products[0].trace_code_pattern"},
      {"{" + base + R"("primary_doses":1,"intervals":[],"boosts":["B"],"trace_code_pattern":"."})", "products[0].boosts"},
      {"{" + base + R"("primary_doses":"2","intervals":[],"trace_code_pattern":"."})", "products[0].primary_doses"},
      {"{" + base + R"("primary_doses":2,"intervals":[{"min_days":30,"recommended_days":20,"max_days":0}],"trace_code_pattern":"."})",
       "products[0].intervals[0]"},
  };
  for (const auto& c : cases) {
    auto r = Catalogue::Parse(body(c.product));
    ASSERT_FALSE(r) << c.field;
    EXPECT_EQ(r.error().field, c.field) << r.error().message;
    EXPECT_FALSE(r.error().message_zh.empty());
  }
  EXPECT_FALSE(Catalogue::Parse("{not json"));
}

TEST(Certificate, TheSigningKeyIsCreatedReadableByItsOwnerOnly) {
  auto path = std::string("/tmp/fk-cert-mode-") + std::to_string(::getpid());
  ::unlink(path.c_str());
  mode_t old = ::umask(0);  // whatever the process's umask, the file is 0600
  auto key = SigningKey::LoadOrCreate(path);
  ::umask(old);
  ASSERT_TRUE(key) << key.error().message;
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  ::unlink(path.c_str());
}

// `serve --db postgresql://...` keeps its key in a data directory that may not exist yet.
TEST(Certificate, TheSigningKeysDirectoryIsCreatedIfMissing) {
  auto dir = std::string("/tmp/fk-cert-dir-") + std::to_string(::getpid());
  std::filesystem::remove_all(dir);
  auto key = SigningKey::LoadOrCreate(dir + "/data/signing.key");
  ASSERT_TRUE(key) << key.error().message;
  EXPECT_TRUE(std::filesystem::exists(dir + "/data/signing.key"));
  std::filesystem::remove_all(dir);
}

TEST(Certificate, VerifiesOnlyAnUnalteredRecordSignedByTheKey) {
  auto path = std::string("/tmp/fk-cert-test-") + std::to_string(::getpid());
  auto key = SigningKey::LoadOrCreate(path);
  ASSERT_TRUE(key) << key.error().message;
  auto again = SigningKey::LoadOrCreate(path);  // the same key is read back
  ASSERT_TRUE(again);
  EXPECT_EQ(again->public_key(), key->public_key());
  Person p;
  p.name = "张三";
  p.doc_number = "34188119800101001X";
  p.birth_date = D("1980-01-01");
  DoseRecord d;
  d.product = "CoronaVac";
  d.dose_number = 1;
  d.date = D("2021-05-01");
  d.lot = "202105A";
  std::string payload = CertificatePayload(p, {d}, "341881", 1700000000);
  EXPECT_EQ(payload.find("34188119800101001X"), std::string::npos) << "the record carries a masked number";
  std::string qr = CertificateQrText(payload, *key);
  auto ok = VerifyCertificate(qr, key->public_key());
  ASSERT_TRUE(ok);
  EXPECT_EQ(*ok, payload);

  std::string altered_payload = payload;
  altered_payload.replace(altered_payload.find("202105A"), 7, "202105B");
  std::string altered = "FK1." + Base64UrlEncode(altered_payload) + qr.substr(qr.rfind('.'));
  EXPECT_FALSE(VerifyCertificate(altered, key->public_key()));
  auto other = SigningKey::LoadOrCreate(path + "-other");
  ASSERT_TRUE(other);
  EXPECT_FALSE(VerifyCertificate(qr, other->public_key()));
  EXPECT_EQ(VerifyCertificate("hello", key->public_key()).error().field, "certificate");
  EXPECT_FALSE(VerifyCertificate("FK1.abc", key->public_key()));
  std::remove(path.c_str());
  std::remove((path + "-other").c_str());
}

}  // namespace
}  // namespace fangkong

namespace fangkong {
namespace {

// A configured pattern may repeat without bound; std::regex matches by
// recursion, so a megabyte-long code (a 1 MiB JSON body holds one) would
// overflow the stack and end the server. The length is checked first.
TEST(TraceCode, OnlyShortCodesOfLettersAndDigitsReachThePattern) {
  std::regex unbounded("^[0-9]+$");
  EXPECT_TRUE(IsTraceCodeOf("81000000000000000001", unbounded));
  EXPECT_FALSE(IsTraceCodeOf(std::string(1 << 20, '1'), unbounded));
  EXPECT_FALSE(IsTraceCodeOf(std::string(kMaxTraceCodeLength + 1, '1'), unbounded));
  EXPECT_TRUE(IsTraceCodeOf(std::string(kMaxTraceCodeLength, '1'), unbounded));
  EXPECT_FALSE(IsTraceCodeOf("8100 0000", unbounded));
  EXPECT_FALSE(IsTraceCodeOf("", unbounded));
}

}  // namespace
}  // namespace fangkong

namespace fangkong {
namespace {

// The birth range of the first-dose list equals evaluating someone with no
// dose on the day, for every disease of the catalogue and random births and
// days: so the unvaccinated list may be read by birth date alone.
TEST(FirstDoseBirthRange, AgreesWithTheEvaluation) {
  const Catalogue& c = Catalogue::Default();
  std::mt19937 rng(36);
  for (const auto& disease : c.diseases()) {
    int d = *c.DiseaseIndex(disease.code);
    for (int k = 0; k < 200; ++k) {
      Date today = Date::Parse("2021-01-01").value().AddDays(static_cast<int>(rng() % 3000));
      auto range = FirstDoseBirthRange(c, d, today);
      ASSERT_TRUE(range) << disease.code;
      for (int j = 0; j < 50; ++j) {
        // Births near the edges as well as anywhere in a lifetime.
        Date born = j % 2 ? today.AddDays(-static_cast<int>(rng() % 40000))
                          : range->born_on_or_before.AddDays(static_cast<int>(rng() % 7) - 3);
        auto next = EvaluateNextDose(c, d, SeriesInput{born, {}, std::nullopt, false}, today);
        bool in_range = range->born_after < born && born <= range->born_on_or_before;
        ASSERT_EQ(in_range, next.status == DoseStatus::kDue)
            << disease.code << " born " << born.Iso() << " on " << today.Iso();
      }
    }
  }
}

}  // namespace
}  // namespace fangkong
