#include "demo/demo.h"

#include <array>
#include <cmath>
#include <random>
#include <unordered_set>

#include "core/date.h"
#include "demo/demo_history.h"
#include "demo/demo_transfers.h"
#include "vaccination/vaccination_state_rebuild.h"
#include "core/id_number.h"
#include "registry/region_data.h"
#include "store/rows.h"
#include "vaccination/catalogue.h"

namespace fangkong {

namespace {

// Share of the population per 5-year age band, 0-4 .. 85+ (shape of China's 2020 census).
constexpr std::array<double, 18> kAgeBands = {5.7, 6.4, 6.3, 5.3, 5.3, 6.7, 8.7, 6.9, 6.6,
                                              8.1, 8.7, 7.3, 5.2, 5.5, 3.8, 2.4, 1.5, 1.0};
constexpr std::string_view kSurnames[] = {
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡",
    "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹",
    "彭", "曾", "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡", "余", "杜", "叶", "程", "苏",
    "魏", "吕", "丁", "任", "沈", "姚", "卢", "姜", "崔", "钟", "谭", "陆", "汪", "范", "金"};
constexpr std::string_view kGiven[] = {
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛",
    "明", "超", "秀", "霞", "平", "刚", "桂", "英", "华", "玉", "兰", "文", "辉", "建", "国",
    "红", "梅", "鹏", "飞", "斌", "宇", "浩", "凯", "欣", "怡", "佳", "子", "涵", "轩", "梓",
    "晨", "博", "瑞", "雨", "婷", "雪", "琳", "晓", "春", "志", "海", "林", "峰", "波", "慧"};

struct Rng {
  std::mt19937_64 gen;
  explicit Rng(uint64_t seed) : gen(seed) {}
  double Uniform() { return std::uniform_real_distribution<double>(0, 1)(gen); }
  int64_t Int(int64_t lo, int64_t hi) { return std::uniform_int_distribution<int64_t>(lo, hi)(gen); }
  bool Chance(double p) { return Uniform() < p; }
  template <typename T, size_t N>
  const T& Pick(const T (&arr)[N]) { return arr[Int(0, N - 1)]; }
};

struct Employer {
  int64_t id;
  std::string occupation;
};

class Generator {
 public:
  Generator(const DemoOptions& o, DemoRepositories r) : opt_(o), repos_(r), rng_(o.seed) {
    today_ = Date::FromYmd(2026, 11, 1).value();  // fixed so a seed always yields the same county
  }

  Result<DemoSummary> Run(const std::function<void(int64_t, int64_t, const std::string&)>& progress) {
    progress(0, opt_.population, "regions");
    auto regions = LoadDivisionTables(opt_.region_data_dir, {opt_.county});
    if (!regions) return Fail(regions.error());
    std::vector<Region> villages;
    std::string county_name;
    for (const auto& r : *regions) {
      if (r.code == opt_.county) county_name = r.name;
      if (r.level == 5 && r.code.rfind(opt_.county, 0) == 0) villages.push_back(r);
    }
    if (county_name.empty()) {
      return Fail(Error::Invalid("unknown_region", "county", opt_.county, "no such county code",
                                 "不存在该县级行政区划代码"));
    }
    if (villages.empty()) {
      return Fail(Error::Invalid("unknown_region", "county", opt_.county,
                                 "the division tables list no villages for this county",
                                 "该县没有村级区划数据"));
    }
    if (auto s = repos_.regions.UpsertRegions(*regions); !s) return Fail(s.error());
    summary_.regions = static_cast<int64_t>(regions->size());
    auto grids = MakeGrids(villages);
    if (auto s = repos_.regions.UpsertRegions(grids); !s) return Fail(s.error());
    summary_.grids = static_cast<int64_t>(grids.size());
    if (auto s = MakeOrganisations(*regions); !s) return Fail(s.error());
    if (auto s = MakePeople(grids, progress); !s) return Fail(s.error());
    if (auto s = MakeUsers(*regions, villages); !s) return Fail(s.error());
    if (auto s = MakeSites(); !s) return Fail(s.error());
    if (auto s = MakeHistory(progress); !s) return Fail(s.error());
    if (repos_.transfers && !opt_.people_sink) {
      auto moved = AddDemoTransfers(repos_.persons, *repos_.transfers, repos_.users, NowUnixSeconds());
      if (!moved) return Fail(moved.error());
      summary_.transfers = *moved;
    }
    progress(opt_.population, opt_.population, "done");
    return summary_;
  }

 private:
  std::vector<Region> MakeGrids(const std::vector<Region>& villages) {
    std::vector<Region> grids;
    for (const auto& v : villages) {
      // Communities (居委会, codes 1xx in the village part) are denser than villages.
      bool community = v.code[9] == '0' && v.code[10] < '2';
      int n = static_cast<int>(rng_.Int(community ? 4 : 2, community ? 8 : 5));
      for (int i = 1; i <= n; ++i) {
        char suffix[4];
        std::snprintf(suffix, sizeof suffix, "%03d", i);
        grids.push_back(Region{v.code + suffix, "第" + std::to_string(i) + "网格", v.code, 6});
        grid_weight_.push_back(community ? 1.6 : 1.0);
      }
    }
    return grids;
  }

  Status MakeOrganisations(const std::vector<Region>& regions) {
    const std::pair<const char*, const char*> departments[] = {
        {"卫生健康委员会", "medical"}, {"教育局", "teacher"}, {"交通运输局", "transport"},
        {"商务局", "service"}, {"市场监督管理局", "public_servant"}, {"公安局", "public_servant"}};
    const std::pair<const char*, const char*> industries[] = {
        {"冷链物流有限公司", "cold_chain"}, {"超市", "service"}, {"快递服务站", "courier"},
        {"机械制造有限公司", "labour_intensive"}, {"电子科技有限公司", "labour_intensive"},
        {"农贸市场", "service"}, {"客运站", "transport"}, {"宾馆", "service"},
        {"建筑工程有限公司", "labour_intensive"}, {"食品有限公司", "cold_chain"}};
    std::string county_name;
    for (const auto& r : regions)
      if (r.code == opt_.county) county_name = r.name;
    auto add = [&](std::string name, OrganisationKind kind, std::string industry,
                   const std::string& code) -> Status {
      Organisation o{0, std::move(name), kind, industry, code, ""};
      auto id = repos_.organisations.InsertOrganisation(o);
      if (!id) return Fail(id.error());
      last_org_id_ = *id;
      ++summary_.organisations;
      if (kind == OrganisationKind::kEmployer || kind == OrganisationKind::kDepartment ||
          kind == OrganisationKind::kHospital || kind == OrganisationKind::kSchool) {
        employers_[code.substr(0, 9)].push_back(Employer{*id, industry});
        if (code.size() == 6) county_employers_.push_back(Employer{*id, industry});
      }
      return {};
    };
    for (auto [name, occ] : departments) {
      if (auto s = add(county_name + name, OrganisationKind::kDepartment, occ, opt_.county); !s) return s;
    }
    if (auto s = add(county_name + "人民医院", OrganisationKind::kHospital, "medical", opt_.county); !s) return s;
    if (auto s = add(county_name + "中医院", OrganisationKind::kHospital, "medical", opt_.county); !s) return s;
    for (const auto& t : regions) {
      if (t.level != 4 || t.code.rfind(opt_.county, 0) != 0) continue;
      std::string base = t.name;
      if (auto s = add(base + "卫生院", OrganisationKind::kHospital, "medical", t.code); !s) return s;
      int64_t health_centre = last_org_id_;
      if (auto s = add(base + "中心小学", OrganisationKind::kSchool, "teacher", t.code); !s) return s;
      if (auto s = add(base + "预防接种门诊", OrganisationKind::kVaccinationSite, "medical", t.code); !s) return s;
      clinics_.push_back({last_org_id_, health_centre, t.code});
      for (int i = 0; i < 8; ++i) {
        auto [suffix, occ] = industries[rng_.Int(0, std::size(industries) - 1)];
        std::string name = base.substr(0, base.size() >= 6 ? 6 : base.size()) +
                           std::string(rng_.Pick(kGiven)) + std::string(rng_.Pick(kGiven)) + suffix;
        if (auto s = add(name, OrganisationKind::kEmployer, occ, t.code); !s) return s;
      }
    }
    return {};
  }

  int SampleAge() {
    double total = 0;
    for (double b : kAgeBands) total += b;
    double x = rng_.Uniform() * total;
    for (size_t i = 0; i < kAgeBands.size(); ++i) {
      if (x < kAgeBands[i]) return static_cast<int>(i * 5 + rng_.Int(0, i == 17 ? 14 : 4));
      x -= kAgeBands[i];
    }
    return 40;
  }

  std::string IdNumber(const std::string& prefix, Date birth, Sex sex) {
    for (;;) {
      int seq = static_cast<int>(rng_.Int(0, 499)) * 2 + (sex == Sex::kMale ? 1 : 0);
      char buf[20];
      std::snprintf(buf, sizeof buf, "%s%04d%02u%02u%03d", prefix.c_str(), birth.year(), birth.month(),
                    birth.day(), seq);
      std::string id = buf;
      id.push_back(IdentityCheckCharacter(id));
      if (used_ids_.insert(id).second) return id;
    }
  }

  std::string Occupation(int age, const std::string& township, int64_t& employer_id) {
    employer_id = 0;
    if (age < 6) return "";
    if (age < 18) return "student";
    if (age >= 60) return rng_.Chance(0.7) ? "retired" : "farmer";
    if (age < 23 && rng_.Chance(0.5)) return "student";
    if (rng_.Chance(0.35)) return "farmer";
    auto& local = employers_[township];
    auto& pool = (rng_.Chance(0.3) && !county_employers_.empty()) || local.empty() ? county_employers_ : local;
    if (pool.empty()) return "other";
    const Employer& e = pool[rng_.Int(0, pool.size() - 1)];
    employer_id = e.id;
    return e.occupation;
  }

  std::vector<std::string> HealthTags(int age, Sex sex) {
    std::vector<std::string> tags;
    double chronic = age >= 60 ? 0.38 : age >= 40 ? 0.12 : 0.02;
    if (rng_.Chance(chronic)) {
      tags.push_back("chronic");
      double r = rng_.Uniform();
      if (r < 0.55) tags.push_back("hypertension");
      else if (r < 0.75) tags.push_back("diabetes");
      else if (r < 0.87) tags.push_back("heart_disease");
      else if (r < 0.95) tags.push_back("copd");
      else tags.push_back("cancer");
    }
    if (sex == Sex::kFemale && age >= 20 && age <= 40 && rng_.Chance(0.03)) tags.push_back("pregnant");
    if (age >= 80 && rng_.Chance(0.08)) tags.push_back("bedridden");
    std::sort(tags.begin(), tags.end());
    return tags;
  }

  Person MakePerson(const Region& grid, const std::string& household, ResidencyType residency,
                    const std::string& id_prefix, int age, const std::string& surname) {
    Person p;
    p.sex = rng_.Chance(0.512) ? Sex::kMale : Sex::kFemale;
    int year = today_.year() - age - 1;
    Date birth = Date::FromYmd(year, 1, 1).value().AddDays(static_cast<int>(rng_.Int(0, 364)));
    if (birth > today_) birth = today_;
    p.birth_date = birth;
    p.doc_type = DocumentType::kResidentId;
    p.doc_number = IdNumber(id_prefix, birth, p.sex);
    p.name = surname + std::string(rng_.Pick(kGiven));
    if (rng_.Chance(0.75)) p.name += std::string(rng_.Pick(kGiven));
    if (age >= 14 && rng_.Chance(age >= 75 ? 0.6 : 0.95)) {
      static constexpr std::string_view kPrefixes[] = {"138", "139", "135", "137", "150", "151",
                                                       "158", "159", "182", "187", "188", "133",
                                                       "153", "177", "180", "189", "130", "131",
                                                       "132", "155", "156", "185", "186", "199"};
      char buf[12];
      std::snprintf(buf, sizeof buf, "%08lld", static_cast<long long>(rng_.Int(0, 99999999)));
      p.phone = std::string(rng_.Pick(kPrefixes)) + buf;
    }
    p.region_code = grid.code;
    p.residency = residency;
    p.household = household;
    p.occupation = Occupation(age, grid.code.substr(0, 9), p.employer_id);
    p.tags = HealthTags(age, p.sex);
    return p;
  }

  Status MakePeople(const std::vector<Region>& grids,
                    const std::function<void(int64_t, int64_t, const std::string&)>& progress) {
    double total_weight = 0;
    for (double w : grid_weight_) total_weight += w;
    // Floating residents carry identity numbers from elsewhere in China.
    auto areas = repos_.regions.Subtree("");
    if (!areas) return Fail(areas.error());
    std::vector<std::string> other_counties;
    for (const auto& r : *areas)
      if (r.level == 3 && r.code.rfind(opt_.county.substr(0, 4), 0) != 0) other_counties.push_back(r.code);
    std::vector<Person> batch;
    int64_t written = 0, household_no = 0, generated = 0;
    double cumulative_weight = 0;
    for (size_t g = 0; g < grids.size(); ++g) {
      // Cumulative rounding, so the grids add up to exactly the requested population.
      cumulative_weight += grid_weight_[g];
      int64_t target = std::llround(opt_.population * cumulative_weight / total_weight) - generated;
      if (g + 1 == grids.size()) target = opt_.population - generated;
      generated += target;
      int64_t made = 0;
      while (made < target) {
        double kind = rng_.Uniform();
        ResidencyType residency = kind < 0.085 ? ResidencyType::kFloating
                                 : kind < 0.125 ? ResidencyType::kAway : ResidencyType::kUsual;
        std::string prefix = opt_.county;
        if (residency == ResidencyType::kFloating && !other_counties.empty()) {
          prefix = other_counties[rng_.Int(0, other_counties.size() - 1)];
        }
        static constexpr int kSizes[] = {1, 2, 2, 2, 3, 3, 3, 4, 4, 5, 6};
        int size = static_cast<int>(std::min<int64_t>(rng_.Pick(kSizes), target - made));
        char hh[32];
        std::snprintf(hh, sizeof hh, "%s%06lld", grids[g].code.substr(6).c_str(),
                      static_cast<long long>(++household_no));
        std::string surname(rng_.Pick(kSurnames));
        for (int i = 0; i < size; ++i) {
          int age = SampleAge();
          batch.push_back(MakePerson(grids[g], hh, residency, prefix, age,
                                     i == 0 || rng_.Chance(0.6) ? surname : std::string(rng_.Pick(kSurnames))));
        }
        made += size;
        if (batch.size() >= 20000) {
          if (auto s = Flush(batch, written); !s) return s;
          progress(written, opt_.population, "people");
        }
      }
    }
    if (auto s = Flush(batch, written); !s) return s;
    summary_.persons = written;
    return {};
  }

  Status Flush(std::vector<Person>& batch, int64_t& written) {
    if (batch.empty()) return {};
    if (opt_.people_sink) {
      if (auto s = opt_.people_sink(batch); !s) return s;
    } else if (auto r = repos_.persons.UpsertBatch(batch); !r) {
      return Fail(r.error());
    }
    written += static_cast<int64_t>(batch.size());
    batch.clear();
    return {};
  }

  Status MakeUsers(const std::vector<Region>& regions, const std::vector<Region>& villages) {
    // One hash for the shared demo password keeps start-up quick (Argon2id is slow on purpose).
    std::string hash = HashPassword(opt_.password);
    std::string county_name;
    for (const auto& r : regions)
      if (r.code == opt_.county) county_name = r.name;
    auto add = [&](std::string username, std::string display, Role role, const std::string& code,
                   const std::string& place) -> Status {
      User u{0, username, display, role, code, 0, true};
      auto id = repos_.users.InsertUser(u, hash);
      if (!id && id.error().kind != ErrorKind::kConflict) return Fail(id.error());
      summary_.logins.push_back({username, opt_.password, RoleZh(role), code, place});
      return {};
    };
    if (auto s = add("admin", county_name + "疾控管理员", Role::kCountyAdmin, opt_.county, county_name); !s) return s;
    if (auto s = add("leader", county_name + "指挥部领导", Role::kLeader, opt_.county, county_name); !s) return s;
    if (auto s = add("dept", county_name + "卫健委", Role::kDepartmentOfficer, opt_.county, county_name); !s) return s;
    int n = 0;
    for (const auto& t : regions) {
      if (t.level != 4 || t.code.rfind(opt_.county, 0) != 0) continue;
      ++n;
      char name[16];
      std::snprintf(name, sizeof name, "town%02d", n);
      if (auto s = add(name, t.name + "防控办", Role::kTownshipOfficer, t.code, t.name); !s) return s;
      if (n == 1) {
        if (auto s = add("site01", t.name + "接种点", Role::kSiteStaff, t.code, t.name); !s) return s;
      }
    }
    n = 0;
    for (const auto& v : villages) {
      if (++n > 3) break;
      char name[16];
      std::snprintf(name, sizeof name, "grid%02d", n);
      if (auto s = add(name, v.name + "网格员", Role::kVillageWorker, v.code, v.name); !s) return s;
    }
    return {};
  }

  // Fixed clinics open 08:30-11:30 and 14:00-17:00 for the next 14 days
  // from the real today (people are generated against a fixed day, slots must
  // lie ahead of whoever runs the demo); the site user of the first township
  // is its certified vaccinator.
  Status MakeSites() {
    if (!repos_.vaccination) return {};
    auto& v = *repos_.vaccination;
    // One lot of each COVID-19 product from this year's allocation, 200 doses at every clinic.
    std::vector<int64_t> lots;
    int n = 0;
    for (const auto& p : Catalogue::Default().products()) {
      if (p.disease != "covid19") continue;
      VaccineLot lot{0, p.code, "2026" + std::string(1, static_cast<char>('A' + n++)) + "1108", Date::TodayBeijing().AddYears(1), 1, false, ""};
      auto id = v.InsertLot(lot);
      if (!id && id.error().kind != ErrorKind::kConflict) return Fail(id.error());
      if (id) lots.push_back(*id);
    }
    for (size_t i = 0; i < clinics_.size(); ++i) {
      const Clinic& c = clinics_[i];
      VaccinationSite site;
      site.org_id = c.org_id;
      site.type = SiteType::kFixed;
      site.daily_capacity = 300;
      site.backup_hospital_id = c.hospital_id;
      site.address = "乡镇卫生院内";
      if (auto s = v.UpsertSite(site); !s) return s;
      for (int64_t lot : lots) {
        StockLine line{0, c.org_id, lot, StockMove::kReceive, 200, NowUnixSeconds(), 0, "县疾控分配", ""};
        if (auto s = v.MoveStock({line}); !s) return s;
      }
      Date first_day = Date::TodayBeijing();
      for (int d = 0; d < 14; ++d) {
        Date day = first_day.AddDays(d);
        for (auto [start, end] : {std::pair{"08:30", "11:30"}, std::pair{"14:00", "17:00"}}) {
          Slot slot{0, c.org_id, day, start, end, 150, 0, "covid19"};
          auto id = v.CreateSlot(slot);
          if (!id && id.error().kind != ErrorKind::kConflict) return Fail(id.error());
        }
      }
      if (i == 0) {
        auto staff = repos_.users.FindUserByName("site01");
        if (!staff) return Fail(staff.error());
        if (*staff) {
          SiteStaff vaccinator{c.org_id, (*staff)->first.id, "", "", StaffDuty::kVaccinator,
                               "皖接种证" + std::to_string(100000 + rng_.Int(0, 899999)),
                               first_day.AddYears(1)};
          if (auto s = v.UpsertStaff(vaccinator); !s) return s;
        }
      }
    }
    return {};
  }

  Status MakeHistory(const std::function<void(int64_t, int64_t, const std::string&)>& progress) {
    // History needs every part of the vaccination storage and stored people.
    if (!repos_.vaccination || !repos_.cold_chain || !repos_.aefi || !repos_.mobilisation || opt_.people_sink) return {};
    std::map<std::string, int64_t> clinics;
    for (const auto& c : clinics_) clinics.emplace(c.region_code, c.org_id);
    auto h = AddDemoHistory(opt_.county, opt_.seed, clinics,
                            {repos_.persons, *repos_.vaccination, repos_.cold_chain, repos_.aefi, repos_.mobilisation},
                            progress, opt_.population);
    if (!h) return Fail(h.error());
    summary_.doses = h->doses;
    summary_.aefi = h->aefi;
    summary_.follow_ups = h->follow_ups;
    summary_.readings = h->readings;
    summary_.holds = h->holds;
    if (repos_.vaccination_state && repos_.figures) {
      progress(opt_.population, opt_.population, "vaccination state");
      auto states = RebuildVaccinationStates(Catalogue::Default(), repos_.persons,
                                             repos_.organisations, *repos_.mobilisation,
                                             *repos_.vaccination_state, *repos_.figures, true);
      if (!states) return Fail(states.error());
    }
    return {};
  }

  struct Clinic {
    int64_t org_id, hospital_id;
    std::string region_code;
  };
  std::vector<Clinic> clinics_;
  int64_t last_org_id_ = 0;

  DemoOptions opt_;
  DemoRepositories repos_;
  Rng rng_;
  Date today_;
  DemoSummary summary_;
  std::vector<double> grid_weight_;
  std::map<std::string, std::vector<Employer>> employers_;
  std::vector<Employer> county_employers_;
  std::unordered_set<std::string> used_ids_;
};

}  // namespace

Result<DemoSummary> BuildDemoCounty(const DemoOptions& options, DemoRepositories repos,
                                    const std::function<void(int64_t, int64_t, const std::string&)>& progress) {
  Generator g(options, repos);
  return g.Run(progress);
}

}  // namespace fangkong
