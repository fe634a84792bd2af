// Taking reports in (ArrivalService::Take): each is matched to the registry,
// placed where it is verified and folded into its journey's arrival. Kept
// apart from the rest of the service because it is the one hot path: a
// pushed list of 100,000 rows goes through it (bench/arrival_benchmark.cpp).
#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "arrivals/arrival_service.h"
#include "core/id_number.h"

namespace fangkong {

namespace {

std::string Digits(std::string_view s) {
  std::string out;
  for (char c : s)
    if (c >= '0' && c <= '9') out += c;
  return out;
}

// A name key shared by more people than this (a common name) gives only the
// candidates whose phone or birth date come close; the others could not be
// told apart by a worker either.
constexpr size_t kWideKey = 50;
// Candidates kept for a worker to choose from.
constexpr size_t kShownCandidates = 5;

struct RowMatch {
  const RegisteredPerson* person = nullptr;
  MatchKind kind = MatchKind::kUnmatched;
  double score = 0;
  std::vector<std::pair<int64_t, double>> shown;  // person, score
};

// The registry's people that reports may be, by identity number, phone and
// name key: each asked for once per batch. Name keys are read from the index
// alone and narrowed per row before any person's row is read.
class Pool {
 public:
  Status Load(ArrivalRepository& repo, const std::vector<ArrivalReport>& reports,
              const std::vector<bool>& id_valid, const PinyinTable& pinyin) {
    std::vector<std::string> numbers;
    for (size_t i = 0; i < reports.size(); ++i)
      if (id_valid[i]) numbers.push_back(reports[i].id_number);
    auto by_id = repo.PeopleByIdNumbers(numbers);
    if (!by_id) return Fail(by_id.error());
    for (auto& p : *by_id) {
      std::string number = p.id_number;  // before the person moves into the pool
      by_id_[number] = Keep(std::move(p));
    }

    std::unordered_set<std::string> phones, keys;
    keys_.assign(reports.size(), "");
    for (size_t i = 0; i < reports.size(); ++i) {
      if (id_valid[i] && by_id_.count(reports[i].id_number)) continue;
      if (reports[i].phone.size() >= 7) phones.insert(reports[i].phone);
      keys_[i] = pinyin.Key(reports[i].name);
      if (!keys_[i].empty()) keys.insert(keys_[i]);
    }
    auto by_phone = repo.PeopleByPhones({phones.begin(), phones.end()});
    if (!by_phone) return Fail(by_phone.error());
    for (auto& p : *by_phone) {
      std::string phone = p.person.phone;
      by_phone_[phone].push_back(Keep(std::move(p)));
    }
    auto entries = repo.NameKeyEntries({keys.begin(), keys.end()});
    if (!entries) return Fail(entries.error());
    for (auto& e : *entries) by_key_[e.name_key].push_back(std::move(e));

    // The people each row's name key leaves, read in one go.
    std::vector<int64_t> wanted;
    named_.resize(reports.size());
    for (size_t i = 0; i < reports.size(); ++i) {
      auto it = by_key_.find(keys_[i]);
      if (keys_[i].empty() || it == by_key_.end()) continue;
      for (const NameKeyEntry* e : Narrowed(reports[i], it->second)) {
        named_[i].push_back(e->person_id);
        if (!people_.count(e->person_id)) wanted.push_back(e->person_id);
      }
    }
    std::sort(wanted.begin(), wanted.end());
    wanted.erase(std::unique(wanted.begin(), wanted.end()), wanted.end());
    auto named = repo.PeopleByIds(wanted);
    if (!named) return Fail(named.error());
    for (auto& p : *named) Keep(std::move(p));
    return {};
  }

  const RegisteredPerson* ById(const std::string& number) const {
    auto it = by_id_.find(number);
    return it == by_id_.end() ? nullptr : it->second;
  }

  RowMatch Link(size_t row, const ArrivalReport& r, const PinyinTable& pinyin) const {
    std::vector<const RegisteredPerson*> found;
    auto add = [&](const RegisteredPerson* p) {
      if (p && std::find(found.begin(), found.end(), p) == found.end()) found.push_back(p);
    };
    if (auto it = by_phone_.find(r.phone); !r.phone.empty() && it != by_phone_.end())
      for (auto* p : it->second) add(p);
    for (int64_t id : named_[row]) {
      auto it = people_.find(id);
      add(it == people_.end() ? nullptr : &it->second);
    }
    std::vector<LinkCandidate> candidates;
    for (auto* p : found) candidates.push_back(p->person);
    Linkage l = fangkong::Link(PushedPerson{r.id_number, r.name, r.phone}, candidates, pinyin);
    RowMatch m;
    if (l.decision == LinkDecision::kNone) return m;
    m.score = l.candidates[0].score;
    if (l.decision == LinkDecision::kCertain) {
      m.kind = MatchKind::kLinked;
      m.person = Find(found, l.candidates[0].candidate.person_id);
      return m;
    }
    m.kind = MatchKind::kUncertain;
    for (size_t i = 0; i < l.candidates.size() && i < kShownCandidates; ++i)
      m.shown.emplace_back(l.candidates[i].candidate.person_id, l.candidates[i].score);
    return m;
  }

 private:
  // A common name (more than kWideKey people) keeps only those whose phone
  // is at most two edits away or whose birth date agrees with the row's.
  static std::vector<const NameKeyEntry*> Narrowed(const ArrivalReport& r,
                                                   const std::vector<NameKeyEntry>& group) {
    std::vector<const NameKeyEntry*> out;
    bool wide = group.size() > kWideKey;
    std::string born = r.id_number.size() == 18 ? r.id_number.substr(6, 8) : "";
    for (const auto& e : group)
      if (!wide || PhoneWithin(r.phone, e.phone, 2) || (!born.empty() && born == e.birth_date))
        out.push_back(&e);
    return out;
  }
  const RegisteredPerson* Keep(RegisteredPerson p) {
    auto [it, fresh] = people_.try_emplace(p.person.person_id, std::move(p));
    return &it->second;
  }
  static const RegisteredPerson* Find(const std::vector<const RegisteredPerson*>& v, int64_t id) {
    for (auto* p : v)
      if (p->person.person_id == id) return p;
    return nullptr;
  }

  std::unordered_map<int64_t, RegisteredPerson> people_;  // node-based: pointers stay
  std::unordered_map<std::string, const RegisteredPerson*> by_id_;
  std::unordered_map<std::string, std::vector<const RegisteredPerson*>> by_phone_;
  std::unordered_map<std::string, std::vector<NameKeyEntry>> by_key_;
  std::vector<std::string> keys_;            // per row: its name key
  std::vector<std::vector<int64_t>> named_;  // per row: the people its name key leaves
};

bool Inside(const std::string& county, const std::string& code) {
  return !code.empty() && code.rfind(county, 0) == 0;
}

// Where an arrival is verified: the person's place in the county, else the
// stated destination in the county, else the county itself (matched people
// living elsewhere go to their own jurisdiction: out of county).
void Place(Arrival& a, const RegisteredPerson* person, const ArrivalReport& r,
           const std::string& county) {
  bool destination = Inside(county, r.destination_code);
  if (person && Inside(county, person->region_code)) {
    a.region_code = person->region_code;
  } else if (destination) {
    a.region_code = r.destination_code;
  } else {
    a.region_code = county;
    a.out_of_county = person != nullptr;
  }
}

}  // namespace

// A batch matched to the registry (ArrivalService::Match), its people kept
// in the pool the matches point into.
struct MatchedReports {
  std::vector<ArrivalReport> reports;
  std::vector<bool> id_valid;
  Pool pool;
  std::vector<RowMatch> matches;
};

void MatchedReportsDeleter::operator()(MatchedReports* m) const { delete m; }

Result<MatchedBatch> ArrivalService::Match(std::vector<ArrivalReport> reports, int64_t now) {
  if (auto s = FillNameKeysOnce(); !s) return Fail(s.error());
  const PinyinTable& pinyin = PinyinTable::Default();
  Date today = BeijingDay(now);
  MatchedBatch m(new MatchedReports);
  m->reports = std::move(reports);
  m->id_valid.assign(m->reports.size(), false);
  for (size_t i = 0; i < m->reports.size(); ++i) {
    auto& r = m->reports[i];
    r.phone = Digits(r.phone);
    if (auto id = ParseIdentityNumber(r.id_number, today)) {
      r.id_number = id->value;
      m->id_valid[i] = true;
    }
  }
  if (auto s = m->pool.Load(repo_, m->reports, m->id_valid, pinyin); !s) return Fail(s.error());
  m->matches.resize(m->reports.size());
  for (size_t i = 0; i < m->reports.size(); ++i) {
    const RegisteredPerson* p = m->id_valid[i] ? m->pool.ById(m->reports[i].id_number) : nullptr;
    m->matches[i] =
        p ? RowMatch{p, MatchKind::kIdNumber, 1.0, {}} : m->pool.Link(i, m->reports[i], pinyin);
  }
  return m;
}

Result<IntakeCounts> ArrivalService::Take(const std::string& county,
                                          std::vector<ArrivalReport> reports, int deadline_hours,
                                          int64_t now) {
  auto matched = Match(std::move(reports), now);
  if (!matched) return Fail(matched.error());
  return Fold(county, std::move(*matched), deadline_hours, now);
}

Result<IntakeCounts> ArrivalService::Fold(const std::string& county, MatchedBatch batch,
                                          int deadline_hours, int64_t now) {
  Date today = BeijingDay(now);
  std::vector<ArrivalReport>& reports = batch->reports;
  const std::vector<bool>& id_valid = batch->id_valid;
  const std::vector<RowMatch>& matches = batch->matches;
  std::lock_guard lock(take_mu_);
  std::vector<int64_t> person_ids;
  std::vector<std::string> numbers;
  Date since = today;
  for (size_t i = 0; i < reports.size(); ++i) {
    if (matches[i].person)
      person_ids.push_back(matches[i].person->person.person_id);
    else if (id_valid[i])
      numbers.push_back(reports[i].id_number);
    since = std::min(since, reports[i].arrival_date.value_or(today));
  }
  auto known = repo_.ArrivalsToJoin(person_ids, numbers, since.AddDays(-kSameJourneyDays));
  if (!known) return Fail(known.error());

  std::vector<Arrival> arrivals = std::move(*known);
  std::vector<bool> touched(arrivals.size(), false);
  std::unordered_multimap<int64_t, size_t> of_person;
  std::unordered_multimap<std::string, size_t> of_number;
  auto index = [&](size_t j) {
    if (arrivals[j].person_id != 0)
      of_person.emplace(arrivals[j].person_id, j);
    else if (!arrivals[j].id_number.empty())
      of_number.emplace(arrivals[j].id_number, j);
  };
  for (size_t j = 0; j < arrivals.size(); ++j) index(j);

  IntakeCounts counts;
  std::vector<ArrivalCandidate> candidates;
  for (size_t i = 0; i < reports.size(); ++i) {
    auto& r = reports[i];
    const RowMatch& m = matches[i];
    int64_t person_id = m.person ? m.person->person.person_id : 0;
    std::optional<size_t> joined;
    auto look = [&](auto range) {
      for (auto it = range.first; it != range.second && !joined; ++it)
        if (SameJourney(arrivals[it->second], person_id, r, id_valid[i])) joined = it->second;
    };
    if (person_id != 0)
      look(of_person.equal_range(person_id));
    else if (id_valid[i])
      look(of_number.equal_range(r.id_number));
    if (joined) {
      AddReport(arrivals[*joined], r, deadline_hours);
      touched[*joined] = true;
      ++counts.merged;
      r.arrival_id = static_cast<int64_t>(*joined);
      continue;
    }
    Arrival a = NewArrival(r, deadline_hours);
    if (!r.arrival_date) a.arrival_date = BeijingDay(r.reported_at);
    a.person_id = person_id;
    a.match = m.kind;
    a.match_score = m.score;
    Place(a, m.person, r, county);
    switch (m.kind) {
      case MatchKind::kIdNumber:
        ++counts.by_id_number;
        break;
      case MatchKind::kLinked:
        ++counts.linked;
        break;
      case MatchKind::kUncertain:
        ++counts.uncertain;
        break;
      default:
        ++counts.unmatched;
        break;
    }
    counts.out_of_county += a.out_of_county;
    arrivals.push_back(std::move(a));
    touched.push_back(true);
    size_t j = arrivals.size() - 1;
    index(j);
    for (const auto& [pid, score] : m.shown)
      candidates.push_back(ArrivalCandidate{static_cast<int64_t>(j), pid, score});
    r.arrival_id = static_cast<int64_t>(j);
  }

  // Only the arrivals these reports made or joined are written.
  std::vector<Arrival> written;
  std::vector<size_t> renumbered(arrivals.size());
  for (size_t j = 0; j < arrivals.size(); ++j)
    if (touched[j]) {
      renumbered[j] = written.size();
      written.push_back(std::move(arrivals[j]));
    }
  for (auto& r : reports) r.arrival_id = static_cast<int64_t>(renumbered[r.arrival_id]);
  for (auto& c : candidates) c.arrival_id = static_cast<int64_t>(renumbered[c.arrival_id]);
  if (auto s = repo_.SaveArrivals(written, reports, candidates); !s) return Fail(s.error());
  for (const auto& r : reports) counts.arrival_ids.push_back(r.arrival_id);
  return counts;
}

}  // namespace fangkong
