#include "store/rows.h"

#include <algorithm>

#include "core/text.h"

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

DoseRecord ReadDose(const db::Row& r) {
  return DoseRecord{r.Int(0),      r.Int(1),
                    r.Text(2),     static_cast<int>(r.Int(3)),
                    r.Int(4) != 0, Date::Parse(r.Text(5)).value_or(Date()),
                    r.Int(6),      r.Int(7),
                    r.Int(8),      r.Text(9),
                    r.Text(10),    r.Text(11)};
}

Visit ReadVisit(const db::Row& r) {
  Visit v;
  v.id = r.Int(0);
  v.person_id = r.Int(1);
  v.site_id = r.Int(2);
  v.appointment_id = r.Int(3);
  v.disease = r.Text(4);
  v.state = ParseVisitState(r.Text(5)).value_or(VisitState::kCheckedIn);
  v.day = Date::Parse(r.Text(6)).value_or(Date());
  v.checked_in_at = r.Int(7);
  v.checked_in_by = r.Int(8);
  v.temperature_tenths = static_cast<int>(r.Int(9));
  v.screening_outcome = r.Text(10);
  v.deferred_until = Date::Parse(r.Text(11));
  v.screening_reason = r.Text(12);
  v.certificate_no = r.Text(13);
  v.screened_by = r.Int(14);
  v.consent_at = r.Int(15);
  v.consent_by = r.Int(16);
  v.dose_id = r.Int(17);
  v.administered_at = r.Int(18);
  v.observation_until = r.Int(19);
  v.released_at = r.Int(20);
  v.released_by = r.Int(21);
  v.product = r.Text(22);
  return v;
}

}  // namespace fangkong::store
