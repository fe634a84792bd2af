#include "demo/demo_history.h"

#include <random>
#include <set>

#include "core/date.h"
#include "vaccination/cold_chain_service.h"

namespace fangkong {

namespace {

struct Rng {
  std::mt19937_64 gen;
  explicit Rng(uint64_t seed) : gen(seed) {}
  double Uniform() { return std::uniform_real_distribution<double>(0, 1)(gen); }
  int64_t Int(int64_t lo, int64_t hi) {
    return std::uniform_int_distribution<int64_t>(lo, hi)(gen);
  }
  bool Chance(double p) { return Uniform() < p; }
};

constexpr size_t kDoseBatch = 20000;

// Shares of the products in the campaign (adults; children had the two
// inactivated vaccines approved for 3-17).
struct ProductShare {
  const char* code;
  char letter;  // in lot numbers
  double adult, child;
  int primary_doses;
};
constexpr ProductShare kProducts[] = {
    {"CoronaVac", 'C', 0.42, 0.55, 2}, {"BBIBP-CorV", 'A', 0.33, 0.45, 2},
    {"WIBP", 'B', 0.08, 0, 2},         {"KCONVAC", 'D', 0.07, 0, 2},
    {"Ad5-nCoV", 'E', 0.10, 0, 1},
};

const ProductShare& PickProduct(Rng& rng, bool child) {
  double x = rng.Uniform(), acc = 0;
  for (const auto& p : kProducts) {
    acc += child ? p.child : p.adult;
    if (x < acc) return p;
  }
  return kProducts[0];
}

int64_t BeijingAt(Date d, int minutes) {
  return int64_t{d.days()} * 86400 - 8 * 3600 + minutes * 60;
}

class History {
 public:
  History(const std::string& county, uint64_t seed, const std::map<std::string, int64_t>& clinics,
          DemoHistoryRepositories repos)
      : county_(county), rng_(seed ^ 0x5eed2021ULL), clinics_(clinics), repos_(repos) {}

  Result<DemoHistorySummary> Run(
      const std::function<void(int64_t, int64_t, const std::string&)>& progress,
      int64_t population) {
    PersonFilter f;
    f.region = county_;
    f.limit = 5000;
    f.with_total = false;
    int64_t seen = 0;
    while (true) {
      auto page = repos_.persons.Search(f);
      if (!page) return Fail(page.error());
      for (const auto& p : page->items) {
        if (auto s = Person(p); !s) return Fail(s.error());
        if (auto s = Maybe(); !s) return Fail(s.error());
      }
      seen += static_cast<int64_t>(page->items.size());
      progress(std::min(seen, population), population, "history");
      if (static_cast<int64_t>(page->items.size()) < f.limit) break;
      f.after_region = page->items.back().region_code;
      f.after_id = page->items.back().id;
    }
    if (auto s = Flush(); !s) return Fail(s.error());
    if (auto s = Fridges(); !s) return Fail(s.error());
    return summary_;
  }

 private:
  // The share of a township's adults who came in the first step (April to
  // June): from 0.62 to 0.91, fixed by its code.
  static double TownshipPace(const std::string& township) {
    uint64_t h = 1469598103934665603ULL;
    for (unsigned char c : township) h = (h ^ c) * 1099511628211ULL;
    return 0.62 + static_cast<double>(h % 30) / 100.0;
  }

  Status Person(const fangkong::Person& p) {
    auto clinic = clinics_.find(p.region_code.substr(0, 9));
    if (clinic == clinics_.end()) return {};
    int age = p.birth_date.AgeOn(*Date::FromYmd(2021, 6, 1));
    double take = age >= 80 ? 0.62 : age >= 60 ? 0.86 : age >= 18 ? 0.93 : age >= 3 ? 0.90 : 0;
    if (!rng_.Chance(take)) return FollowUp(p, age);
    bool child = age < 18;
    // The campaign's steps: adults from April (each township at its own
    // pace, so the June ranking has leaders and laggards), the elderly
    // mostly from July, children from late October.
    Date april = *Date::FromYmd(2021, 4, 1), july = *Date::FromYmd(2021, 7, 1);
    double early = age >= 60 ? 0.3 : TownshipPace(p.region_code.substr(0, 9));
    Date first = child ? Date::FromYmd(2021, 10, 20)->AddDays(static_cast<int>(rng_.Int(0, 60)))
                 : rng_.Chance(early)
                     ? april.AddDays(static_cast<int>(rng_.Int(0, 90)))
                     : july.AddDays(static_cast<int>(rng_.Int(0, age >= 60 ? 150 : 120)));
    if (p.birth_date.AddYears(3) > first) return {};
    const ProductShare& product = PickProduct(rng_, child);
    int number = 0;
    Date last = first;
    Add(p, clinic->second, product, ++number, false, first);
    if (product.primary_doses == 2 && rng_.Chance(0.96)) {
      last =
          first.AddDays(static_cast<int>(rng_.Chance(0.7) ? rng_.Int(28, 35) : rng_.Int(21, 56)));
      Add(p, clinic->second, product, ++number, false, last);
    } else if (product.primary_doses == 2) {
      return {};  // the second dose is still missing: a late series dose
    }
    // Boosters from late 2021 for adults whose inactivated series was done.
    if (child || product.primary_doses != 2 || !rng_.Chance(age >= 60 ? 0.55 : 0.64)) return {};
    Date booster = last.AddDays(static_cast<int>(rng_.Int(180, 330)));
    Add(p, clinic->second, product, ++number, true, booster);
    return {};
  }

  void Add(const fangkong::Person& p, int64_t site, const ProductShare& product, int number,
           bool booster, Date day) {
    DoseRecord d;
    d.person_id = p.id;
    d.product = product.code;
    d.dose_number = number;
    d.booster = booster;
    d.date = day;
    d.administered_at = BeijingAt(day, 8 * 60 + 30 + static_cast<int>(rng_.Int(0, 480)));
    d.site_id = site;
    d.lot = LotFor(product, day);
    d.region_code = p.region_code;
    doses_.push_back(d);
    if (rng_.Chance(1.0 / 4000)) aefi_.push_back({d, p.region_code});
  }

  // Three lots of each product per month of the campaign.
  std::string LotFor(const ProductShare& product, Date day) {
    char buf[24];
    std::snprintf(buf, sizeof buf, "%04d%02u%c%02d", day.year(), day.month(), product.letter,
                  static_cast<int>(rng_.Int(1, 3)));
    std::string lot = buf;
    if (lots_.insert(lot).second) {
      Date expiry = *Date::FromYmd(day.year() + 2, day.month(), 1);
      auto id =
          repos_.vaccination.InsertLot(VaccineLot{0, product.code, lot, expiry, 1, false, ""});
      (void)id;  // a lot already stored by an earlier run is fine
    }
    return lot;
  }

  Status Flush() {
    if (!doses_.empty()) {
      if (auto s = repos_.vaccination.InsertDoses(doses_); !s) return s;
      summary_.doses += static_cast<int64_t>(doses_.size());
      doses_.clear();
    }
    if (repos_.aefi) {
      for (const auto& [dose, region] : aefi_) {
        if (auto s = Report(dose, region); !s) return s;
      }
    }
    aefi_.clear();
    return {};
  }

  // Doses are read back to report against: the batch gave them ids.
  Status Report(const DoseRecord& given, const std::string& region) {
    auto doses = repos_.vaccination.DosesOf(given.person_id);
    if (!doses) return Fail(doses.error());
    for (const auto& d : *doses) {
      if (d.dose_number != given.dose_number) continue;
      AefiReport r;
      r.dose_id = d.id;
      r.person_id = d.person_id;
      r.site_id = d.site_id;
      r.product = d.product;
      r.lot = d.lot;
      r.dose_number = d.dose_number;
      r.region_code = region;
      r.site_region = region.substr(0, 9);
      r.administered_at = d.administered_at;
      r.onset_at = d.administered_at + rng_.Int(10, 48 * 60) * 60;
      r.reported_at = r.onset_at + rng_.Int(1, 24) * 3600;
      double x = rng_.Uniform();
      if (x < 0.80) {
        r.symptoms = {rng_.Chance(0.5) ? "fever" : "local_reaction"};
        if (rng_.Chance(0.4)) r.symptoms.push_back(rng_.Chance(0.5) ? "fatigue" : "headache");
        r.classification = AefiClass::kCommonReaction;
      } else if (x < 0.92) {
        r.symptoms = {rng_.Chance(0.5) ? "rash" : "allergic"};
        r.severity = AefiSeverity::kModerate;
        r.classification = AefiClass::kRareReaction;
      } else if (x < 0.97) {
        r.symptoms = {"syncope"};
        r.classification = AefiClass::kAnxiety;
      } else {
        r.symptoms = {rng_.Chance(0.5) ? "anaphylaxis" : "thrombocytopenia"};
        r.severity = AefiSeverity::kSevere;
        r.classification = rng_.Chance(0.6) ? AefiClass::kRareReaction : AefiClass::kCoincidental;
      }
      r.serious = IsSerious(r);
      r.outcome = AefiOutcome::kRecovered;
      if (rng_.Chance(0.05)) {
        r.classification = AefiClass::kPending;
      } else {
        r.classified_at = r.reported_at + rng_.Int(3, 20) * 86400;
        r.classification_note = "县级预防接种异常反应调查诊断专家组诊断";
      }
      auto id = repos_.aefi->InsertAefi(r, std::nullopt);
      if (!id) return Fail(id.error());
      ++summary_.aefi;
      break;
    }
    return {};
  }

  // A share of those who never came have been followed up lately.
  Status FollowUp(const fangkong::Person& p, int age) {
    if (!repos_.mobilisation || age < 18 || !rng_.Chance(0.45)) return {};
    struct Outcome {
      FollowUpResult result;
      double share;
      const char* note;
    };
    static constexpr Outcome kOutcomes[] = {
        {FollowUpResult::kRefused, 0.30, "担心不良反应，暂不接种"},
        {FollowUpResult::kAway, 0.25, "在外务工，春节返乡后接种"},
        {FollowUpResult::kContraindication, 0.15, "恶性肿瘤化疗期间，经医生评估暂缓"},
        {FollowUpResult::kWillCome, 0.20, "答应本周到卫生院接种"},
        {FollowUpResult::kUnreachable, 0.10, "电话无人接听"},
    };
    double x = rng_.Uniform(), acc = 0;
    const Outcome* o = &kOutcomes[0];
    for (const auto& k : kOutcomes) {
      acc += k.share;
      if (x < acc) {
        o = &k;
        break;
      }
    }
    fangkong::FollowUp f;
    f.person_id = p.id;
    f.disease = "covid19";
    f.at = NowUnixSeconds() - rng_.Int(1, 60) * 86400;
    f.method = rng_.Chance(0.6) ? "phone" : "visit";
    f.result = o->result;
    f.note = o->note;
    auto id = repos_.mobilisation->InsertFollowUp(f);
    if (!id) return Fail(id.error());
    ++summary_.follow_ups;
    return {};
  }

  // A week of readings every 10 minutes at every clinic's fridge; the third
  // clinic's fridge warmed up for 50 minutes two days ago.
  Status Fridges() {
    if (!repos_.cold_chain) return {};
    int64_t now = NowUnixSeconds() / 600 * 600;
    int n = 0;
    for (const auto& [township, site] : clinics_) {
      Fridge f{0, site, "BX-01", "医用冷藏冰箱", FridgeLimits{20, 80, 30, 10}};
      auto id = repos_.cold_chain->InsertFridge(f);
      if (!id && id.error().kind == ErrorKind::kConflict) continue;  // made by an earlier run
      if (!id) return Fail(id.error());
      f.id = *id;
      std::vector<TemperatureReading> readings;
      int64_t warm_from = now - 2 * 86400 - 4 * 3600;
      for (int64_t at = now - 7 * 86400; at <= now; at += 600) {
        int tenths = static_cast<int>(rng_.Int(35, 62));
        if (n == 2 && at >= warm_from && at < warm_from + 3600)
          tenths = static_cast<int>(rng_.Int(92, 108));
        readings.push_back({at, tenths, 0});
      }
      auto stored = repos_.cold_chain->InsertReadings(f.id, readings);
      if (!stored) return Fail(stored.error());
      summary_.readings += *stored;
      ColdChainReport report = AnalyseReadings(readings, f.limits);
      for (const auto& x : report.excursions) {
        ExcursionRecord e{0,      f.id, ExcursionKind::kTemperature, x.from, x.to, x.extreme_tenths,
                          x.holds};
        auto holds = repos_.cold_chain->RecordExcursion(e, DescribeExcursion(e, f.limits, f.code),
                                                        x.to + 1800);
        if (!holds) return Fail(holds.error());
        summary_.holds += static_cast<int64_t>(holds->size());
      }
      ++n;
    }
    return {};
  }

  Status Maybe() { return doses_.size() >= kDoseBatch ? Flush() : Status{}; }

  std::string county_;
  Rng rng_;
  const std::map<std::string, int64_t>& clinics_;
  DemoHistoryRepositories repos_;
  std::vector<DoseRecord> doses_;
  std::vector<std::pair<DoseRecord, std::string>> aefi_;
  std::set<std::string> lots_;
  DemoHistorySummary summary_;
};

}  // namespace

Result<DemoHistorySummary> AddDemoHistory(
    const std::string& county, uint64_t seed, const std::map<std::string, int64_t>& clinics,
    DemoHistoryRepositories repos,
    const std::function<void(int64_t, int64_t, const std::string&)>& progress, int64_t population) {
  History h(county, seed, clinics, repos);
  return h.Run(progress, population);
}

}  // namespace fangkong
