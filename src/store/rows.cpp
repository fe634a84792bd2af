#include "store/rows.h"

#include "core/text.h"

#include <algorithm>
#include <numeric>

#include <algorithm>

namespace fangkong::store {

std::string JoinTags(const std::vector<std::string>& tags) {
  if (tags.empty()) return "";
  std::string s = ",";
  for (const auto& t : tags) s += t + ",";
  return s;
}

std::vector<std::string> SplitTags(const std::string& stored) { return SplitNonEmpty(stored, ','); }

std::string TagsPattern(const std::vector<std::string>& wanted) {
  std::vector<std::string> sorted = wanted;
  std::sort(sorted.begin(), sorted.end());
  std::string p = "%";
  for (const auto& t : sorted) p += "," + t + ",%";
  return p;
}

std::string PrefixPattern(const std::string& prefix) {
  std::string p;
  for (char c : prefix) {
    if (c == '%' || c == '_' || c == '\\') p.push_back('\\');
    p.push_back(c);
  }
  return p + "%";
}

PopulationCounts CountsOf(const Person& p) {
  PopulationCounts c;
  c.registered = 1;
  c.usual = p.residency == ResidencyType::kUsual;
  c.floating = p.residency == ResidencyType::kFloating;
  c.away = p.residency == ResidencyType::kAway;
  c.male = p.sex == Sex::kMale;
  c.female = p.sex == Sex::kFemale;
  return c;
}

PopulationCounts Negate(PopulationCounts c) {
  return {-c.registered, -c.usual, -c.floating, -c.away, -c.male, -c.female};
}

void AddDelta(PopulationDelta& d, const Person& p, int sign) {
  d[p.region_code] += sign > 0 ? CountsOf(p) : Negate(CountsOf(p));
}

Person PersonFromColumns(int64_t id, const std::string& doc_type, std::string doc_number,
                         std::string name, const std::string& sex, const std::string& birth_date,
                         std::string phone, std::string region_code, const std::string& residency,
                         std::string household, int64_t employer_id, std::string occupation,
                         const std::string& tags, int64_t updated_at) {
  Person p;
  p.id = id;
  p.doc_type = ParseDocumentType(doc_type).value_or(DocumentType::kOther);
  p.doc_number = std::move(doc_number);
  p.name = std::move(name);
  p.sex = ParseSex(sex);
  p.birth_date = Date::Parse(birth_date).value_or(Date());
  p.phone = std::move(phone);
  p.region_code = std::move(region_code);
  p.residency = ParseResidency(residency).value_or(ResidencyType::kUsual);
  p.household = std::move(household);
  p.employer_id = employer_id;
  p.occupation = std::move(occupation);
  p.tags = SplitTags(tags);
  p.updated_at = updated_at;
  return p;
}

std::vector<size_t> DocumentOrder(const std::vector<Person>& people) {
  std::vector<size_t> order(people.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(), [&people](size_t a, size_t b) {
    return people[a].doc_number < people[b].doc_number;
  });
  return order;
}

Error DuplicateCreditCode(const std::string& code) {
  return Error::Conflict("duplicate_credit_code", "credit_code", code,
                         "an organisation with this credit code is already registered",
                         "该统一社会信用代码的单位已登记");
}

Error DuplicateTraceCode(const std::string& code) {
  return Error::Conflict("duplicate_trace_code", "trace_code", code,
                         "this traceability code has already been recorded for a dose",
                         "该追溯码已登记过接种，疑似重复扫码");
}

void AddRate(std::map<std::string, AefiRate>& rates, const std::string& product, const std::string& lot,
             int64_t doses, int64_t reports, int64_t serious) {
  std::string key = lot.empty() ? product : product + " " + lot;
  auto& r = rates[key];
  r.key = key;
  r.doses += doses;
  r.reports += reports;
  r.serious += serious;
}

std::string JsonIdArray(const std::vector<int64_t>& ids) {
  std::string out = "[";
  for (size_t i = 0; i < ids.size(); ++i) {
    if (i) out += ',';
    out += std::to_string(ids[i]);
  }
  return out + "]";
}

Error AlertAcknowledgedError(int64_t id) {
  return Error::Conflict("already_acknowledged", "id", std::to_string(id), "this alert was already acknowledged",
                         "该预警已有人确认");
}

Error DuplicateFridgeCode(const std::string& code) {
  return Error::Conflict("duplicate_fridge", "code", code, "this site already has a fridge with this code",
                         "本接种点已有该编号的冷链设备");
}

Error VisitOpenError(int64_t person_id) {
  return Error::Conflict("visit_open", "person_id", std::to_string(person_id),
                         "this person already has an open visit", "该人员已有未完成的接种登记");
}

Error VisitChangedError(VisitState from) {
  return Error::Conflict("visit_state", "state", VisitStateCode(from),
                         "the visit was changed by someone else; reload it",
                         "该登记已被他人更新，请刷新后重试");
}

Error DuplicateLotError(const std::string& product, const std::string& lot_number) {
  return Error::Conflict("duplicate_lot", "lot_number", lot_number,
                         "product " + product + " already has lot " + lot_number,
                         "该疫苗产品的此批号已登记");
}

std::string JoinColumnNames(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) {
    if (!out.empty()) out += '\t';
    out += n;
  }
  return out;
}

std::vector<std::string> SplitColumnNames(const std::string& stored) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < stored.size()) {
    size_t tab = stored.find('\t', start);
    if (tab == std::string::npos) tab = stored.size();
    out.push_back(stored.substr(start, tab - start));
    start = tab + 1;
  }
  return out;
}

}  // namespace fangkong::store
