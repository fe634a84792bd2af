#include "demo/demo_measures.h"

#include <algorithm>
#include <map>

namespace fangkong {

namespace {

// A small deterministic generator: the demo is the same on every machine.
struct Dice {
  uint64_t state = 0x2022'0715'0009ULL;
  int Below(int n) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<int>((state >> 33) % static_cast<uint64_t>(n));
  }
};

Result<std::vector<Person>> PeopleOf(PersonRepository& persons, const std::string& region,
                                     int64_t limit) {
  PersonFilter f;
  f.region = region;
  f.limit = limit;
  f.with_total = false;
  auto page = persons.Search(f);
  if (!page) return Fail(page.error());
  return std::move(page->items);
}

class Writer {
 public:
  Writer(MeasureRepository& repo, int64_t worker, int64_t now)
      : repo_(repo), worker_(worker), now_(now), today_(BeijingDay(now)) {}

  // `p` under `type` from `days_ago` days ago; the days before today logged
  // (a few missed), today's logged by the morning round for about half.
  Result<Measure> Put(const Person& p, const MeasureType& type, int days_ago,
                      const std::string& reason, int64_t previous = 0) {
    Measure m;
    m.person_id = p.id;
    m.type = type.code;
    m.region_code = p.region_code;
    m.start = today_.AddDays(-days_ago);
    m.end = m.start.AddDays(type.days - 1);
    m.source = previous ? "chained" : "contact";
    m.reason = reason;
    m.assigned_by = worker_;
    m.assigned_at = now_ - int64_t{days_ago} * 86400;
    m.previous_id = previous;
    auto id = repo_.InsertMeasure(m);
    if (!id) return Fail(id.error());
    m.id = *id;
    auto tasks = PlannedTasks(type, m);
    written_.tasks += static_cast<int64_t>(tasks.size());
    ++written_.measures;
    bool feverish = dice_.Below(60) == 0;
    for (auto t : tasks) {
      if (t.day > today_) continue;
      bool today = t.day == today_;
      if (today ? dice_.Below(2) == 0 : dice_.Below(25) == 0) continue;  // not logged (yet)
      t.done_at = now_ - int64_t{today_.days() - t.day.days()} * 86400 - 3600 * 3;
      t.done_by = worker_;
      if (t.kind == TaskKind::kLog) {
        t.temperature_tenths = feverish && today ? 378 : 360 + dice_.Below(9);
        t.symptoms = feverish && today ? "发热、乏力" : "";
      } else {
        t.result = "negative";
      }
      if (auto s = repo_.InsertLog(t); !s) return Fail(s.error());
    }
    return m;
  }

  Status Release(const Measure& m) {
    return repo_.EndMeasure(m.id, MeasureEnd::kReleased, m.end, worker_);
  }

  void Central(const Measure& m) { written_.central.push_back(m); }
  void Secondary(const Measure& m) { written_.secondary.push_back(m); }
  DemoMeasures written() const { return written_; }

 private:
  MeasureRepository& repo_;
  int64_t worker_;
  int64_t now_;
  Date today_;
  Dice dice_;
  DemoMeasures written_;
};

}  // namespace

Result<DemoMeasures> AddDemoMeasures(PersonRepository& persons, MeasureRepository& measures,
                                     UserRepository& users, UnitOfWork& unit, int64_t now) {
  auto grid = users.FindUserByName("grid01");
  auto town = users.FindUserByName("town01");
  if (!grid) return Fail(grid.error());
  if (!town) return Fail(town.error());
  if (!*grid || !*town) return DemoMeasures{};
  const User& worker = (*grid)->first;
  auto village = PeopleOf(persons, worker.region_code, 60);
  auto township = PeopleOf(persons, (*town)->first.region_code, 2000);
  if (!village) return Fail(village.error());
  if (!township) return Fail(township.error());
  auto types = measures.Types();
  if (!types) return Fail(types.error());
  std::map<std::string, MeasureType> type;
  for (const auto& t : *types) type[t.code] = t;
  if (!type.count("close_contact_central") || !type.count("secondary_contact_home"))
    return DemoMeasures{};

  // The village's people first, then the rest of the township, each once.
  std::vector<Person> people = *village;
  for (const auto& p : *township)
    if (p.region_code.rfind(worker.region_code, 0) != 0) people.push_back(p);
  // At most half the township, so a small demo keeps people under none.
  people.resize(std::min(people.size(), township->size() / 2));
  Writer w(measures, worker.id, now);
  Dice spread{0x0815'2022ULL};
  auto done = unit.Atomically([&]() -> Status {
    size_t next = 0;
    auto put = [&](const char* code, size_t count, int oldest, const char* reason) -> Status {
      for (size_t i = 0; i < count && next < people.size(); ++i, ++next) {
        auto m = w.Put(people[next], type[code], spread.Below(oldest), reason);
        if (!m) return Fail(m.error());
        if (type[code].kind == MeasureKind::kCentralQuarantine) w.Central(*m);
        if (std::string(code) == "secondary_contact_home") w.Secondary(*m);
      }
      return {};
    };
    // Close contacts of the demo's cases, in quarantine for 1-7 days.
    if (auto s = put("close_contact_central", 100, 7, "病例密切接触者（流调判定）"); !s) return s;
    if (auto s = put("secondary_contact_home", 300, 7, "密接的密接（流调判定）"); !s) return s;
    if (type.count("low_risk_arrival_monitoring"))
      if (auto s = put("low_risk_arrival_monitoring", 40, 3, "外省来返人员"); !s) return s;
    // Eight close contacts released after their seven days, now at home.
    if (!type.count("close_contact_home_monitoring")) return {};
    for (int i = 0; i < 8 && next < people.size(); ++i, ++next) {
      auto central = w.Put(people[next], type["close_contact_central"], 8 + i % 2,
                           "病例密切接触者（流调判定）");
      if (!central) return Fail(central.error());
      if (auto s = w.Release(*central); !s) return s;
      int since = BeijingDay(now).days() - central->end.days() - 1;
      auto home = w.Put(people[next], type["close_contact_home_monitoring"], since,
                        type["close_contact_central"].name_zh + "期满解除后转入", central->id);
      if (!home) return Fail(home.error());
    }
    return {};
  });
  if (!done) return Fail(done.error());
  return w.written();
}

}  // namespace fangkong
