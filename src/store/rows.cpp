#include "store/rows.h"

#include <algorithm>
#include <charconv>

#include "core/text.h"
#include "store/registry_sql.h"
#include "store/vaccination_sql.h"

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

std::string JoinIds(const std::vector<int64_t>& ids) {
  std::string out;
  for (int64_t id : ids) {
    if (!out.empty()) out += ',';
    out += std::to_string(id);
  }
  return out;
}

std::vector<int64_t> SplitIds(std::string_view stored) {
  std::vector<int64_t> out;
  for (const auto& part : SplitNonEmpty(stored, ',')) {
    int64_t id = 0;
    std::from_chars(part.data(), part.data() + part.size(), id);
    out.push_back(id);
  }
  return out;
}

Result<std::vector<DoseRecord>> DosesOfPeople(db::Database& db,
                                              const std::vector<int64_t>& person_ids) {
  if (person_ids.empty()) return std::vector<DoseRecord>{};
  const bool one = person_ids.size() == 1;
  return db::Read(db, [&](db::Connection& c) -> Result<std::vector<DoseRecord>> {
    const std::string people = one ? "" : db::IntList(c.dialect(), person_ids);
    auto read_ids = [](const db::Row& r) { return r.Text(0); };
    auto lists = one ? db::All(c, sql::kDoseIdsOfPerson, read_ids, person_ids[0])
                     : db::All(c, sql::kDoseIdsOfPersons, read_ids, people);
    if (!lists) return Fail(lists.error());
    std::vector<int64_t> ids;
    for (const auto& list : *lists)
      for (int64_t id : SplitIds(list)) ids.push_back(id);
    if (ids.empty()) return std::vector<DoseRecord>{};
    const std::string wanted = db::IntList(c.dialect(), ids);
    return one ? db::All(c, sql::kDosesOfPerson, ReadDose, wanted, person_ids[0])
               : db::All(c, sql::kDosesOfPersons, ReadDose, wanted, people);
  });
}

std::string PrefixPattern(const std::string& prefix) {
  std::string p;
  for (char c : prefix) {
    if (c == '%' || c == '_' || c == '\\') p.push_back('\\');
    p.push_back(c);
  }
  return p + "%";
}

DoseRecord ReadDose(const db::Row& r) {
  return DoseRecord{r.Int(0),      r.Int(1),
                    r.Text(2),     static_cast<int>(r.Int(3)),
                    r.Int(4) != 0, Date::Parse(r.Text(5)).value_or(Date()),
                    r.Int(6),      r.Int(7),
                    r.Int(8),      r.Text(9),
                    r.Text(10),    r.Text(11)};
}

Visit ReadVisit(const db::Row& r) {  // in field order
  auto state = ParseVisitState(r.Text(5)).value_or(VisitState::kCheckedIn);
  auto day = Date::Parse(r.Text(6)).value_or(Date());
  auto temperature = static_cast<int>(r.Int(9));
  return Visit{r.Int(0),   r.Int(1),   r.Int(2),  r.Int(3),    r.Text(4),  state,
               day,        r.Int(7),   r.Int(8),  temperature, r.Text(10), Date::Parse(r.Text(11)),
               r.Text(12), r.Text(13), r.Int(14), r.Int(15),   r.Int(16),  r.Int(17),
               r.Int(18),  r.Int(19),  r.Int(20), r.Int(21),   r.Text(22)};
}

Person ReadPerson(const db::Row& r) {
  Person p;
  p.id = r.Int(0);
  p.doc_type = ParseDocumentType(r.Text(1)).value_or(DocumentType::kOther);
  p.doc_number = r.Text(2);
  p.name = r.Text(3);
  p.sex = ParseSex(r.Text(4));
  p.birth_date = Date::Parse(r.Text(5)).value_or(Date());
  p.phone = r.Text(6);
  p.region_code = r.Text(7);
  p.residency = ParseResidency(r.Text(8)).value_or(ResidencyType::kUsual);
  p.household = r.Text(9);
  p.employer_id = r.Int(10);
  p.occupation = r.Text(11);
  p.tags = SplitTags(r.Text(12));
  p.updated_at = r.Int(13);
  return p;
}

Result<bool> HoldsMostPeople(db::Connection& c, const std::string& region) {
  auto counts = db::One(
      c, sql::kSubtreeAndAllPeople, [](const db::Row& r) { return r.Int(0) * 3 > r.Int(1); },
      region, region + ":");
  if (!counts) return Fail(counts.error());
  return counts->value_or(false);
}

}  // namespace fangkong::store
