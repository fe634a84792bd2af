#include "demo/demo_arrivals.h"

#include <map>
#include <memory>

#include "core/id_number.h"

namespace fangkong {

namespace {

struct Dice {
  uint64_t state = 0x2022'0402'0003ULL;
  int Below(int n) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<int>((state >> 33) % static_cast<uint64_t>(n));
  }
  bool Percent(int p) { return Below(100) < p; }
};

// Characters of the demo's given names and others read the same (同音字),
// as a list typed from a phone call writes them.
const std::map<std::string, std::string> kSoundsAlike = {
    {"伟", "炜"}, {"芳", "方"}, {"娜", "纳"}, {"敏", "闵"}, {"静", "靖"}, {"丽", "莉"},
    {"磊", "垒"}, {"军", "君"}, {"洋", "阳"}, {"勇", "永"}, {"艳", "燕"}, {"杰", "洁"},
    {"涛", "滔"}, {"明", "鸣"}, {"秀", "绣"}, {"霞", "侠"}, {"平", "萍"}, {"刚", "钢"},
    {"华", "桦"}, {"玉", "钰"}, {"兰", "岚"}, {"文", "雯"}, {"辉", "晖"}, {"红", "虹"},
    {"鹏", "朋"}, {"飞", "菲"}, {"斌", "彬"}, {"宇", "雨"}, {"浩", "皓"}, {"欣", "馨"},
    {"佳", "嘉"}, {"晨", "辰"}, {"婷", "庭"}, {"琳", "林"}, {"志", "智"}, {"峰", "锋"}};

struct Origin {
  const char* place;
  const char* measure;  // applied when found; "" for none
};
const Origin kOrigins[] = {{"上海市浦东新区 阳光花园", "medium_risk_arrival_home"},
                           {"广东省深圳市南山区", ""},
                           {"浙江省杭州市西湖区", ""},
                           {"北京市朝阳区 幸福里小区", "medium_risk_arrival_home"},
                           {"湖北省武汉市武昌区", ""},
                           {"四川省成都市武侯区", ""},
                           {"安徽省合肥市瑶海区", ""},
                           {"江苏省南京市鼓楼区", ""}};

struct Batch {
  const char* source;
  int hours_ago;  // pushed then
  int rows;
  int verified_percent;
  int max_delay_hours;
};
const Batch kBatches[] = {{"省大数据局 第1批", 74, 800, 92, 30},
                          {"省大数据局 第2批", 28, 700, 75, 22},
                          {"省大数据局 第3批", 3, 500, 30, 2}};

struct Row {
  std::string name, id_number, phone, date, origin, destination;
};

class Builder {
 public:
  Builder(ArrivalService& service, ArrivalImports& imports, const User& admin, int64_t now)
      : service_(service), imports_(imports), admin_(admin), now_(now) {}

  // A pushed row for `p` with the errors lists have.
  Row RowOf(const Person& p, Date arrived) {
    Row r{p.name, p.doc_number, p.phone, arrived.Iso(), kOrigins[dice_.Below(8)].place, ""};
    int error = dice_.Below(100);
    if (error < 6) {
      r.id_number.clear();  // typed from a call: no identity number
      if (dice_.Percent(30)) r.name = WrittenBySound(r.name);
    } else if (error < 9) {
      char wrong = r.id_number[17] == '0' ? '1' : '0';
      r.id_number[17] = wrong;  // a wrong check digit
      r.name = WrittenBySound(r.name);
    } else if (error < 12 && r.phone.size() == 11) {
      std::swap(r.phone[4], r.phone[5]);  // two digits swapped
      r.id_number.clear();
      // Both wrong: the candidates wait for a worker to choose.
      if (error < 10) r.name = WrittenBySound(r.name);
    }
    return r;
  }

  // Someone not in the registry, from another province, staying in `village`.
  Row Stranger(int seq, const std::string& village, Date arrived) {
    std::string id17 = "310115" + std::to_string(19700101 + seq % 28) + std::to_string(500 + seq);
    Row r{"访客" + std::to_string(seq),
          id17 + IdentityCheckCharacter(id17),
          "137" + std::to_string(20000000 + seq * 37),
          arrived.Iso(),
          kOrigins[seq % 8].place,
          seq % 2 ? village : ""};
    return r;
  }

  Status Push(const Batch& b, const std::vector<Row>& rows) {
    auto shared = std::make_shared<std::vector<Row>>(rows);
    auto at = std::make_shared<size_t>(0);
    RowSource source = [shared, at](int64_t& line, std::vector<std::string>& f) {
      if (*at >= shared->size()) return false;
      const Row& r = (*shared)[(*at)++];
      line = static_cast<int64_t>(*at) + 1;
      f = {r.name, r.id_number, r.phone, r.date, r.origin, r.destination};
      return true;
    };
    ArrivalImportInput in{std::string(b.source) + ".xlsx", b.source, kDefaultDeadlineHours};
    auto job = imports_.Start(admin_, in,
                              {"姓名", "身份证号", "手机号", "抵达日期", "来源地区", "目的地代码"},
                              source, static_cast<int64_t>(rows.size()), PushedAt(b));
    if (!job) return Fail(job.error());
    imports_.WaitAll();
    return {};
  }

  // Grid workers who found some of a batch's people before the push.
  Status FoundFirst(const Batch& b, const std::vector<const Person*>& people) {
    std::vector<ArrivalReport> reports;
    for (const Person* p : people) {
      if (!dice_.Percent(25)) continue;
      ArrivalReport r;
      r.source = ArrivalSource::kGrid;
      r.source_name = "网格员走访";
      r.id_number = p->doc_number;
      r.name = p->name;
      r.phone = p->phone;
      r.reported_at = PushedAt(b) - 3600 * (2 + dice_.Below(20));
      r.arrival_date = BeijingDay(r.reported_at);
      reports.push_back(std::move(r));
    }
    auto taken = service_.Take(admin_.region_code, std::move(reports), kDefaultDeadlineHours, now_);
    return taken ? Status{} : Fail(taken.error());
  }

  // The townships' outcomes, within the batch's hours so far.
  Result<DemoArrivals> Verify() {
    DemoArrivals out;
    auto all = service_.List(admin_, ArrivalListFilter{}, now_);
    if (!all) return Fail(all.error());
    out.arrivals = static_cast<int64_t>(all->size());
    for (const auto& v : *all) {
      const Arrival& a = v.arrival;
      const Batch* b = BatchOf(a.pushed_at);
      if (!b || StatusOf(a, a.pushed_at) != ArrivalStatus::kToVerify ||
          !dice_.Percent(b->verified_percent))
        continue;
      int64_t at = a.pushed_at + 1800 + dice_.Below(b->max_delay_hours * 3600);
      OutcomeInput in;
      int kind = dice_.Below(100);
      if (a.person_id == 0 || kind < 4) {
        in.outcome = "not_found";
        in.note = "电话无人接听，上门核实未见本人";
      } else if (kind < 7) {
        in.outcome = "left_county";
        in.note = "已于抵达次日离开本县，已推送去向地";
      } else {
        in.outcome = "found";
        for (const auto& o : kOrigins)
          if (a.origin == o.place) in.measure_type = o.measure;
      }
      auto done = service_.RecordOutcome(admin_, a.id, in, at);
      if (!done && !in.measure_type.empty()) {
        in.measure_type.clear();  // already under a stricter measure: verified all the same
        done = service_.RecordOutcome(admin_, a.id, in, at);
      }
      if (!done) return Fail(done.error());
      ++out.verified;
      out.measures += done->arrival.measure_id != 0;
    }
    return out;
  }

  int64_t PushedAt(const Batch& b) const { return now_ - int64_t{b.hours_ago} * 3600; }
  Dice& dice() { return dice_; }

 private:
  const Batch* BatchOf(int64_t pushed_at) const {
    for (const auto& b : kBatches)
      if (PushedAt(b) == pushed_at) return &b;
    return nullptr;
  }

  ArrivalService& service_;
  ArrivalImports& imports_;
  const User& admin_;
  int64_t now_;
  Dice dice_;
};

// About `n` people spread over the county's townships.
Result<std::vector<Person>> SpreadPeople(PersonRepository& persons, RegionRepository& regions,
                                         const std::string& county, int n) {
  auto townships = regions.Children(county);
  if (!townships) return Fail(townships.error());
  std::vector<Person> out;
  if (townships->empty()) return out;
  int64_t each = n / static_cast<int64_t>(townships->size()) + 1;
  for (const auto& t : *townships) {
    PersonFilter f;
    f.region = t.code;
    f.limit = each * 5;
    f.with_total = false;
    auto page = persons.Search(f);
    if (!page) return Fail(page.error());
    for (size_t i = 0; i < page->items.size() && static_cast<int64_t>(i / 5) < each; i += 5)
      if (!page->items[i].phone.empty()) out.push_back(page->items[i]);
  }
  return out;
}

}  // namespace

std::string WrittenBySound(const std::string& name) {
  for (const auto& [from, to] : kSoundsAlike) {
    if (name.size() >= from.size() &&
        name.compare(name.size() - from.size(), from.size(), from) == 0)
      return name.substr(0, name.size() - from.size()) + to;
  }
  return name;
}

std::vector<std::string> CharactersWrittenBySound() {
  std::vector<std::string> out;
  for (const auto& [from, to] : kSoundsAlike) out.push_back(from);
  return out;
}

Result<DemoArrivals> AddDemoArrivals(ArrivalService& service, ArrivalImports& imports,
                                     PersonRepository& persons, RegionRepository& regions,
                                     const User& county_admin, int64_t now) {
  auto people = SpreadPeople(persons, regions, county_admin.region_code, 2000);
  if (!people) return Fail(people.error());
  if (people->empty()) return DemoArrivals{};
  Builder build(service, imports, county_admin, now);
  DemoArrivals out;
  size_t next = 0;
  int strangers = 0;
  std::vector<const Person*> first_batch;
  for (const auto& b : kBatches) {
    std::vector<Row> rows;
    std::vector<const Person*> batch_people;
    Date pushed = BeijingDay(build.PushedAt(b));
    for (int i = 0; i < b.rows; ++i) {
      Date arrived = pushed.AddDays(-build.dice().Below(3));
      if (i % 33 == 7) {  // not in the registry
        rows.push_back(
            build.Stranger(++strangers, (*people)[next % people->size()].region_code, arrived));
      } else if (&b != &kBatches[0] && i % 23 == 5 && !first_batch.empty()) {
        // On the first list too: the same journey, pushed again.
        const Person* p = first_batch[static_cast<size_t>(i) % first_batch.size()];
        rows.push_back(build.RowOf(*p, arrived));
      } else {
        const Person& p = (*people)[next++ % people->size()];
        batch_people.push_back(&p);
        rows.push_back(build.RowOf(p, arrived));
      }
    }
    if (&b == &kBatches[0]) first_batch = batch_people;
    if (auto s = build.FoundFirst(b, batch_people); !s) return Fail(s.error());
    if (auto s = build.Push(b, rows); !s) return Fail(s.error());
    out.rows += static_cast<int64_t>(rows.size());
  }
  auto verified = build.Verify();
  if (!verified) return Fail(verified.error());
  verified->rows = out.rows;
  return *verified;
}

}  // namespace fangkong
