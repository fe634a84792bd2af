// The zones' storage, written once for both engines (store/db.h). A
// version's places are one JSON column: they are read and written whole.
#include <boost/json.hpp>

#include "store/risk_area_sql.h"
#include "store/storage.h"
#include "store/zone_sql.h"
#include "zones/repository.h"

namespace fangkong {

namespace {

namespace json = boost::json;
using db::Connection;
using db::Row;

std::string PlacesJson(const std::vector<ZonePlace>& places) {
  json::array out;
  for (const auto& p : places) {
    json::object o{{"code", p.code}};
    if (p.IsBuilding()) {
      o["building"] = p.building;
      json::array hs;
      for (const auto& h : p.households) hs.push_back(json::string(h));
      o["households"] = std::move(hs);
    }
    out.push_back(std::move(o));
  }
  return json::serialize(out);
}

std::vector<ZonePlace> PlacesOf(const std::string& text) {
  std::vector<ZonePlace> out;
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec || !v.is_array()) return out;
  for (const auto& e : v.as_array()) {
    if (!e.is_object()) continue;
    const auto& o = e.as_object();
    ZonePlace p;
    if (auto* c = o.if_contains("code"); c && c->is_string()) p.code = std::string(c->as_string());
    if (auto* b = o.if_contains("building"); b && b->is_string())
      p.building = std::string(b->as_string());
    if (auto* hs = o.if_contains("households"); hs && hs->is_array())
      for (const auto& h : hs->as_array())
        if (h.is_string()) p.households.emplace_back(h.as_string());
    out.push_back(std::move(p));
  }
  return out;
}

Zone ReadZone(const Row& r) {  // FK_ZONE_COLUMNS
  return Zone{r.Int(0), r.Text(1), r.Text(2), r.Int(3), r.Int(4)};
}

ZoneVersion ReadVersion(const Row& r) {  // FK_ZONE_VERSION_COLUMNS
  ZoneVersion v;
  v.id = r.Int(0);
  v.zone_id = r.Int(1);
  v.from = Date::Parse(r.Text(2)).value_or(Date());
  v.lifted = r.Int(3) != 0;
  v.level = ParseZoneLevel(r.Text(4)).value_or(ZoneLevel::kPrevention);
  v.places = PlacesOf(r.Text(5));
  v.planned_end = Date::Parse(r.Text(6)).value_or(v.from);
  if (auto last = Date::Parse(r.Text(7))) v.last_case = *last;
  v.note = r.Text(8);
  v.user_id = r.Int(9);
  v.at = r.Int(10);
  return v;
}

std::vector<std::string> NodesAbove(const std::string& region) {
  std::vector<std::string> out;
  static constexpr size_t kLengths[] = {2, 4, 6, 9, 12};
  for (size_t len : kLengths)
    if (region.size() > len) out.push_back(region.substr(0, len));
  return out;
}

class ZoneStore final : public ZoneRepository {
 public:
  explicit ZoneStore(db::Database& db) : db_(db) {}

  Result<std::vector<DowngradeRule>> DowngradeRules() override {
    return db::All(db_, sql::kRiskRules, [](const Row& r) {
      auto level = [](const std::string& s) { return ParseRiskLevel(s).value_or(RiskLevel::kLow); };
      return DowngradeRule{r.Text(0), Date::Parse(r.Text(1)).value_or(Date()), level(r.Text(2)),
                           level(r.Text(3)), static_cast<int>(r.Int(4))};
    });
  }

  Result<int64_t> InsertZone(const Zone& z, const ZoneVersion& first) override {
    return db::Write(db_, [&](Connection& c) -> Result<int64_t> {
      auto id = db::Insert(c, sql::kInsertZone, z.name, z.region_code, z.created_by, z.created_at);
      if (!id) return Fail(id.error());
      ZoneVersion v = first;
      v.zone_id = *id;
      if (auto vid = Insert(c, v); !vid) return Fail(vid.error());
      return *id;
    });
  }

  Result<int64_t> InsertVersion(const ZoneVersion& v) override {
    return db::Write(db_, [&](Connection& c) { return Insert(c, v); });
  }

  Status SetZoneNode(int64_t zone_id, const std::string& region_code) override {
    return db::Done(db::Exec(db_, sql::kSetZoneNode, zone_id, region_code));
  }

  Result<std::optional<Zone>> FindZone(int64_t id) override {
    return db::One(db_, sql::kFindZone, ReadZone, id);
  }

  Result<std::vector<Zone>> ZonesNear(const std::string& region) override {
    auto above = NodesAbove(region);
    return db::All(db_, sql::kZonesNear, ReadZone, region, region + ":",
                   db::TextList(db_.dialect(), above));
  }

  Result<std::vector<ZoneVersion>> VersionsOf(const std::vector<int64_t>& zone_ids) override {
    if (zone_ids.empty()) return std::vector<ZoneVersion>{};
    return db::All(db_, sql::kZoneVersionsOf, ReadVersion, db::IntList(db_.dialect(), zone_ids));
  }

  Result<std::vector<ZoneResident>> ResidentsIn(const std::string& region) override {
    return db::All(
        db_, sql::kZoneResidents,
        [](const Row& r) {
          return ZoneResident{r.Int(0), r.Text(1), r.Text(2)};
        },
        region, region + ":");
  }

  Result<std::vector<std::string>> HouseholdsAt(const std::string& region_code) override {
    return db::All(
        db_, sql::kHouseholdsAt, [](const Row& r) { return r.Text(0); }, region_code);
  }

  Result<std::vector<ZoneMeasure>> MeasuresIn(const std::string& region, Date day) override {
    return db::All(
        db_, sql::kZoneMeasures,
        [](const Row& r) {
          return ZoneMeasure{r.Int(0), r.Text(1), r.Text(2), r.Text(3)};
        },
        region, region + ":", day.Iso());
  }

  Result<std::vector<ZonePerson>> People(const std::vector<int64_t>& ids) override {
    if (ids.empty()) return std::vector<ZonePerson>{};
    return db::All(
        db_, sql::kZonePeople,
        [](const Row& r) {
          return ZonePerson{r.Int(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5)};
        },
        db::IntList(db_.dialect(), ids));
  }

  Result<std::vector<ZoneCase>> CasesIn(const std::string& region) override {
    return db::All(
        db_, sql::kZoneCases,
        [](const Row& r) {
          return ZoneCase{r.Text(0), r.Text(1), BeijingDay(r.Int(2))};
        },
        region, region + ":");
  }

 private:
  static Result<int64_t> Insert(Connection& c, const ZoneVersion& v) {
    return db::Insert(c, sql::kInsertZoneVersion, v.zone_id, v.from.Iso(), v.lifted ? 1 : 0,
                      ZoneLevelCode(v.level), PlacesJson(v.places), v.planned_end.Iso(),
                      v.last_case ? v.last_case->Iso() : std::string(), v.note, v.user_id, v.at);
  }

  db::Database& db_;
};

}  // namespace

std::unique_ptr<ZoneRepository> NewZoneStore(db::Database& db) {
  return std::make_unique<ZoneStore>(db);
}

}  // namespace fangkong
