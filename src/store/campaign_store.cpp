// The campaign repository, written once for both engines (store/db.h).
#include <boost/json.hpp>

#include "campaign/daily_report.h"
#include "campaign/repository.h"
#include "progress/figures.h"
#include "store/campaign_sql.h"
#include "store/rows.h"
#include "store/storage.h"

namespace fangkong {

namespace {

using db::Connection;
using db::Row;

// Each industry's employees (industry_employees) and their people figures
// by the day and a week before, read as one state of the store.
Result<std::vector<IndustryFigures>> KeptByIndustry(Connection& c, const std::string& disease,
                                                    const std::string& region, Date day,
                                                    Date week_ago) {
  auto rows = db::All(
      c, sql::kIndustryEmployees,
      [](const Row& r) { return IndustryFigures{r.Text(0), r.Int(1), 0, 0, 0, 0, 0, 0}; }, region,
      region + "~");
  if (!rows) return Fail(rows.error());
  std::vector<FigureAsOf> asked;
  for (const auto& i : *rows)
    for (Date d : {day, week_ago})
      for (Figure f : {Figure::kFirstDose, Figure::kFullSeries, Figure::kBooster})
        asked.push_back({IndustryFigureKey(disease, f, i.industry), region, d});
  auto figures = store::FiguresAsOf(c, asked);
  if (!figures) return Fail(figures.error());
  auto n = figures->begin();
  for (auto& i : *rows)
    for (int64_t* field : {&i.first_dose, &i.full_series, &i.booster, &i.first_dose_before,
                           &i.full_series_before, &i.booster_before})
      *field = *n++;
  return rows;
}

boost::json::array Codes(const std::vector<std::string>& v) {
  boost::json::array a;
  for (const auto& s : v) a.emplace_back(s);
  return a;
}

std::vector<std::string> Codes(const boost::json::value* v) {
  std::vector<std::string> out;
  if (v && v->is_array())
    for (const auto& s : v->as_array())
      if (s.is_string()) out.emplace_back(s.as_string());
  return out;
}

std::string GroupsJson(const std::vector<GroupRule>& groups) {
  boost::json::array a;
  for (const auto& g : groups) {
    a.push_back(boost::json::object{{"min_age", g.min_age},
                                    {"max_age", g.max_age},
                                    {"occupations", Codes(g.occupations)},
                                    {"industries", Codes(g.industries)},
                                    {"tags", Codes(g.tags)},
                                    {"residency", Codes(g.residency)}});
  }
  return boost::json::serialize(a);
}

// Written by GroupsJson only, so a malformed row reads as no rules.
std::vector<GroupRule> ReadGroups(const std::string& text) {
  std::vector<GroupRule> out;
  boost::system::error_code ec;
  auto v = boost::json::parse(text, ec);
  if (ec || !v.is_array()) return out;
  for (const auto& e : v.as_array()) {
    if (!e.is_object()) continue;
    const auto& o = e.as_object();
    GroupRule g;
    if (auto* a = o.if_contains("min_age"); a && a->is_int64())
      g.min_age = static_cast<int>(a->as_int64());
    if (auto* a = o.if_contains("max_age"); a && a->is_int64())
      g.max_age = static_cast<int>(a->as_int64());
    g.occupations = Codes(o.if_contains("occupations"));
    g.industries = Codes(o.if_contains("industries"));
    g.tags = Codes(o.if_contains("tags"));
    g.residency = Codes(o.if_contains("residency"));
    out.push_back(std::move(g));
  }
  return out;
}

// A report's rows as arrays, in this order; written and read only here.
boost::json::array RowJson(const ReportRow& r) {
  const UnitProgress& u = r.unit;
  return boost::json::array{u.code, u.name, u.population, u.group, u.target, u.counted,
                            u.first_dose, u.full_series, u.booster, u.doses_today, u.doses_total,
                            u.coverage_first, u.coverage_full, u.completion, u.days_left,
                            u.required_daily_rate, u.rate_7d,
                            u.projected_completion ? u.projected_completion->Iso() : "",
                            r.counted_change, r.rank, r.rank_before, r.lagging};
}

ReportRow RowFrom(const boost::json::array& a) {
  ReportRow r;
  UnitProgress& u = r.unit;
  auto i = [&](size_t k) { return a.at(k).to_number<int64_t>(); };
  auto d = [&](size_t k) { return a.at(k).to_number<double>(); };
  u.code = a.at(0).as_string();
  u.name = a.at(1).as_string();
  u.population = i(2);
  u.group = i(3);
  u.target = i(4);
  u.counted = i(5);
  u.first_dose = i(6);
  u.full_series = i(7);
  u.booster = i(8);
  u.doses_today = i(9);
  u.doses_total = i(10);
  u.coverage_first = d(11);
  u.coverage_full = d(12);
  u.completion = d(13);
  u.days_left = static_cast<int>(i(14));
  u.required_daily_rate = i(15);
  u.rate_7d = d(16);
  u.projected_completion = Date::Parse(std::string(a.at(17).as_string()));
  r.counted_change = i(18);
  r.rank = static_cast<int>(i(19));
  r.rank_before = static_cast<int>(i(20));
  r.lagging = a.at(21).as_bool();
  return r;
}

std::string ReportBody(const DailyReport& r) {
  boost::json::array units;
  for (const auto& u : r.units) units.push_back(RowJson(u));
  return boost::json::serialize(boost::json::object{{"total", RowJson(r.total)}, {"units", units}});
}

DailyReport ReadReport(const Row& row) {
  DailyReport r;
  r.id = row.Int(0);
  r.campaign_id = row.Int(1);
  r.day = Date::Parse(row.Text(2)).value_or(Date());
  r.phase = static_cast<int>(row.Int(3));
  r.taken_at = row.Int(4);
  r.taken_by = row.Int(5);
  r.taken_by_name = row.Text(6);
  boost::system::error_code ec;
  auto body = boost::json::parse(row.Text(7), ec);
  if (ec || !body.is_object()) return r;
  r.total = RowFrom(body.at("total").as_array());
  for (const auto& u : body.at("units").as_array()) r.units.push_back(RowFrom(u.as_array()));
  return r;
}

Campaign ReadCampaign(const Row& r) {
  Campaign c;
  c.id = r.Int(0);
  c.name = r.Text(1);
  c.disease = r.Text(2);
  c.region_code = r.Text(3);
  c.created_by = r.Int(4);
  c.created_at = r.Int(5);
  return c;
}

Phase ReadPhase(const Row& r) {
  Phase p;
  p.id = r.Int(0);
  p.number = static_cast<int>(r.Int(1));
  p.name = r.Text(2);
  p.start = Date::Parse(r.Text(3)).value_or(Date());
  p.end = Date::Parse(r.Text(4)).value_or(Date());
  p.dose = ParseCountingDose(r.Text(5)).value_or(CountingDose::kFirst);
  p.target_kind = ParseTargetKind(r.Text(6)).value_or(TargetKind::kAbsolute);
  p.target = r.Int(7);
  p.declared_population = r.Int(8);
  p.groups = ReadGroups(r.Text(9));
  return p;
}

TaskBookVersion ReadTaskBook(const Row& r) {
  TaskBookVersion v;
  v.id = r.Int(0);
  v.campaign_id = r.Int(1);
  v.phase = static_cast<int>(r.Int(2));
  v.version = static_cast<int>(r.Int(3));
  v.note = r.Text(4);
  v.created_by = r.Int(5);
  v.created_at = r.Int(6);
  v.created_by_name = r.Text(7);
  return v;
}

std::pair<std::string, int64_t> ReadUnitCount(const Row& r) { return {r.Text(0), r.Int(1)}; }

Result<UnitCounts> ToMap(Result<std::vector<std::pair<std::string, int64_t>>> rows) {
  if (!rows) return Fail(rows.error());
  return UnitCounts(rows->begin(), rows->end());
}

class CampaignStore final : public CampaignRepository {
 public:
  explicit CampaignStore(db::Database& db) : db_(db) {}

  Result<Campaign> Insert(const Campaign& in,
                          const std::vector<std::vector<PhaseMember>>& members) override {
    return db::Write(db_, [&](Connection& c) -> Result<Campaign> {
      Campaign out = in;
      auto id = db::Insert(c, sql::kInsertCampaign, in.name, in.disease, in.region_code,
                           in.created_by, in.created_at);
      if (!id) return Fail(id.error());
      out.id = *id;
      for (size_t i = 0; i < out.phases.size(); ++i) {
        auto& p = out.phases[i];
        auto pid = db::Insert(c, sql::kInsertPhase, out.id, p.number, p.name, p.start.Iso(),
                              p.end.Iso(), CountingDoseCode(p.dose), TargetKindCode(p.target_kind),
                              p.target, p.declared_population, GroupsJson(p.groups));
        if (!pid) return Fail(pid.error());
        p.id = *pid;
        if (i < members.size())
          if (auto s = InsertMembers(c, p.id, members[i]); !s) return Fail(s.error());
      }
      return out;
    });
  }

  Result<int64_t> ReplaceMembers(int64_t phase_id,
                                 const std::vector<PhaseMember>& members) override {
    return db::Write(db_, [&](Connection& c) -> Result<int64_t> {
      auto before = db::Count(c, sql::kCountPhaseMembers, phase_id);
      if (!before) return Fail(before.error());
      if (auto r = db::Exec(c, sql::kDeletePhaseMembers, phase_id); !r) return Fail(r.error());
      if (auto s = InsertMembers(c, phase_id, members); !s) return Fail(s.error());
      return *before;
    });
  }

  Result<std::optional<Campaign>> Find(int64_t id) override {
    return db::Read(db_, [&](Connection& c) -> Result<std::optional<Campaign>> {
      auto found = db::One(c, sql::kFindCampaign, ReadCampaign, id);
      if (!found || !*found) return found;
      if (auto s = AddPhases(c, **found); !s) return Fail(s.error());
      return found;
    });
  }

  Result<std::vector<Campaign>> All() override {
    return db::Read(db_, [&](Connection& c) -> Result<std::vector<Campaign>> {
      auto all = db::All(c, sql::kAllCampaigns, ReadCampaign);
      if (!all) return Fail(all.error());
      for (auto& k : *all)
        if (auto s = AddPhases(c, k); !s) return Fail(s.error());
      return all;
    });
  }

  Result<int64_t> InsertTaskBook(const TaskBookVersion& v) override {
    return db::Write(db_, [&](Connection& c) -> Result<int64_t> {
      auto id = db::Insert(c, sql::kInsertTaskBook, v.campaign_id, static_cast<int64_t>(v.phase),
                           static_cast<int64_t>(v.version), v.note, v.created_by, v.created_at);
      if (!id) {
        return Fail(db::UniqueAs(
            id.error(), Error::Conflict("task_book_version_taken", "version",
                                        std::to_string(v.version),
                                        "someone saved this task book first: reload and try again",
                                        "任务书已被他人修改，请刷新后重试")));
      }
      for (const auto& [code, target] : v.overrides)
        if (auto r = db::Exec(c, sql::kInsertTaskBookOverride, *id, code, target); !r)
          return Fail(r.error());
      return *id;
    });
  }

  Result<std::vector<TaskBookVersion>> TaskBookVersions(int64_t campaign_id, int phase) override {
    return db::All(db_, sql::kTaskBookVersions, ReadTaskBook, campaign_id,
                   static_cast<int64_t>(phase));
  }

  Result<std::map<std::string, int64_t>> TaskBookOverrides(int64_t task_book_id) override {
    return ToMap(db::All(db_, sql::kTaskBookOverrides, ReadUnitCount, task_book_id));
  }

  Result<int64_t> InsertSupply(const SupplyPlan& s) override {
    return db::Insert(db_, sql::kInsertSupply, s.campaign_id, static_cast<int64_t>(s.phase),
                      s.region_code, s.arrives_on.Iso(), s.doses, s.note, s.created_by,
                      s.created_at);
  }

  Result<std::vector<SupplyPlan>> SuppliesOf(int64_t campaign_id, int phase) override {
    return db::All(
        db_, sql::kSuppliesOf,
        [](const Row& r) {
          SupplyPlan s;
          s.id = r.Int(0);
          s.campaign_id = r.Int(1);
          s.phase = static_cast<int>(r.Int(2));
          s.region_code = r.Text(3);
          s.arrives_on = Date::Parse(r.Text(4)).value_or(Date());
          s.doses = r.Int(5);
          s.note = r.Text(6);
          s.created_by = r.Int(7);
          s.created_at = r.Int(8);
          return s;
        },
        campaign_id, static_cast<int64_t>(phase));
  }

  Result<int64_t> InsertDailyReport(const DailyReport& r) override {
    auto id = db::Insert(db_, sql::kInsertDailyReport, r.campaign_id, r.day.Iso(),
                         static_cast<int64_t>(r.phase), r.taken_at, r.taken_by, ReportBody(r));
    if (!id) {
      return Fail(db::UniqueAs(
          id.error(), Error::Conflict("daily_report_exists", "date", r.day.Iso(),
                                      "the report of " + r.day.Iso() + " is frozen already",
                                      r.day.Iso() + "的日报已生成，不能更改")));
    }
    return id;
  }

  Result<std::optional<DailyReport>> FindDailyReport(int64_t campaign_id, Date day) override {
    return db::One(db_, sql::kFindDailyReport, ReadReport, campaign_id, day.Iso());
  }

  Result<std::vector<Date>> DailyReportDays(int64_t campaign_id) override {
    return db::All(
        db_, sql::kDailyReportDays,
        [](const Row& r) { return Date::Parse(r.Text(0)).value_or(Date()); }, campaign_id);
  }

  Result<UnitCounts> MembersByUnit(int64_t phase_id, const std::string& lo, const std::string& hi,
                                   int length) override {
    return ToMap(db::All(db_, sql::kMembersByUnit, ReadUnitCount, phase_id, lo, hi,
                         static_cast<int64_t>(length)));
  }

  Result<std::vector<IndustryFigures>> EmployeesByIndustry(const std::string& disease,
                                                           const std::string& region, Date day,
                                                           Date week_ago) override {
    if (region.size() > kCohortPlaceLength)
      return CountedEmployeesByIndustry(disease, region, day, week_ago);
    return db::Read(
        db_, [&](Connection& c) { return KeptByIndustry(c, disease, region, day, week_ago); });
  }

  Result<std::vector<IndustryFigures>> CountedEmployeesByIndustry(const std::string& disease,
                                                                  const std::string& region,
                                                                  Date day,
                                                                  Date week_ago) override {
    return db::All(
        db_, sql::kEmployeesByIndustry,
        [](const Row& r) {
          return IndustryFigures{r.Text(0), r.Int(1), r.Int(2), r.Int(3),
                                 r.Int(4),  r.Int(5), r.Int(6), r.Int(7)};
        },
        disease, region, region + "~", day.Iso(), week_ago.Iso());
  }

  Result<UnitCounts> CountedByUnit(const Phase& phase, const std::string& disease, Date day,
                                   const std::string& lo, const std::string& hi,
                                   int length) override {
    return ToMap(db::All(db_, sql::kCountedByUnit, ReadUnitCount, phase.id, lo, hi,
                         static_cast<int64_t>(length), std::string(CountingDoseCode(phase.dose)),
                         day.Iso(), disease));
  }

 private:
  static constexpr size_t kMembersPerStatement = 20000;

  Status InsertMembers(Connection& c, int64_t phase_id, const std::vector<PhaseMember>& members) {
    for (size_t from = 0; from < members.size(); from += kMembersPerStatement) {
      boost::json::array rows;
      for (size_t i = from; i < std::min(members.size(), from + kMembersPerStatement); ++i)
        rows.push_back(boost::json::array{members[i].person_id, members[i].region_code});
      auto r = db::Exec(c, sql::kInsertPhaseMembers, phase_id, boost::json::serialize(rows));
      if (!r) return Fail(r.error());
    }
    return {};
  }

  Status AddPhases(Connection& c, Campaign& k) {
    auto phases = db::All(c, sql::kPhasesOfCampaign, ReadPhase, k.id);
    if (!phases) return Fail(phases.error());
    k.phases = std::move(*phases);
    return {};
  }

  db::Database& db_;
};

}  // namespace

std::unique_ptr<CampaignRepository> NewCampaignStore(db::Database& db) {
  return std::make_unique<CampaignStore>(db);
}

}  // namespace fangkong
