#include "vaccination/dose_entry.h"

#include <algorithm>
#include <map>

#include "vaccination/series.h"

namespace fangkong {

namespace {

Error Refuse(const char* code, const char* field, std::string_view value, std::string en,
             std::string zh) {
  return Error::Invalid(code, field, value, std::move(en), std::move(zh));
}

Result<std::string> KnownProduct(const Catalogue& c, const std::string& product) {
  if (product.empty())
    return Fail(Refuse("required", "product", "", "choose the product given", "请选择疫苗产品"));
  if (!c.ProductIndex(product)) {
    return Fail(Refuse("unknown_product", "product", product,
                       "not a product of the catalogue: " + product,
                       "疫苗产品不在目录中：" + product));
  }
  return product;
}

// The day given: a date, not after today, not before the birth.
Result<Date> DayGiven(const std::string& text, Date birth_date, Date today) {
  if (text.empty())
    return Fail(
        Refuse("required", "given_on", "", "give the day the dose was given", "请填写接种日期"));
  auto day = Date::Parse(text);
  if (!day) {
    return Fail(Refuse("invalid_date", "given_on", text, "not a date (YYYY-MM-DD): " + text,
                       "接种日期格式不正确（应为YYYY-MM-DD）：" + text));
  }
  if (today < *day) {
    return Fail(Refuse("in_future", "given_on", text,
                       text + " is after today (" + today.Iso() + ")",
                       "接种日期" + text + "晚于今天（" + today.Iso() + "）"));
  }
  if (*day < birth_date) {
    return Fail(Refuse("before_birth", "given_on", text,
                       text + " is before the person was born (" + birth_date.Iso() + ")",
                       "接种日期" + text + "早于出生日期（" + birth_date.Iso() + "）"));
  }
  return *day;
}

// A second dose of one disease on one day is a double entry, not a dose.
Status NoOtherDoseThatDay(const Catalogue& c, const DoseRecord& d,
                          const std::vector<DoseRecord>& existing) {
  std::string disease = DiseaseOfProduct(c, d.product);
  for (const auto& other : existing) {
    if (other.id == d.id || other.date != d.date) continue;
    if (DiseaseOfProduct(c, other.product) != disease) continue;
    return Fail(Error::Conflict("duplicate_dose", "given_on", d.date.Iso(),
                                "a dose of " + disease + " is already recorded on " + d.date.Iso() +
                                    " (" + other.product + ", dose " +
                                    std::to_string(other.dose_number) + ")",
                                d.date.Iso() + "已有一条同病种接种记录（" + other.product + "，第" +
                                    std::to_string(other.dose_number) + "剂），请勿重复录入"));
  }
  return {};
}

}  // namespace

const char* DoseEntryKindCode(DoseEntryKind k) {
  switch (k) {
    case DoseEntryKind::kBackEntry:
      return "back_entry";
    case DoseEntryKind::kCorrection:
      return "correction";
    case DoseEntryKind::kVoid:
      return "void";
  }
  return "back_entry";
}

std::string DiseaseOfProduct(const Catalogue& c, std::string_view product) {
  auto p = c.ProductIndex(product);
  return p ? c.disease(c.DiseaseOf(*p)).code : std::string();
}

Result<DoseRecord> CheckBackEntry(const Catalogue& c, int64_t person_id, Date birth_date,
                                  const BackEntryInput& in, Date today,
                                  const std::vector<DoseRecord>& existing) {
  auto product = KnownProduct(c, in.product);
  if (!product) return Fail(product.error());
  auto day = DayGiven(in.given_on, birth_date, today);
  if (!day) return Fail(day.error());
  if (in.source.empty()) {
    return Fail(Refuse("required", "source", "",
                       "say where the dose was given and on what document",
                       "请填写接种单位及凭证（如外地接种记录、纸质登记本）"));
  }
  DoseRecord d;
  d.person_id = person_id;
  d.product = *product;
  d.date = *day;
  d.lot = in.lot;
  d.trace_code = in.trace_code;
  if (auto s = NoOtherDoseThatDay(c, d, existing); !s) return Fail(s.error());
  return d;
}

Result<DoseRecord> CheckCorrection(const Catalogue& c, Date birth_date, const DoseRecord& dose,
                                   const DoseCorrectionInput& in, Date today,
                                   const std::vector<DoseRecord>& existing) {
  if (in.reason.empty()) {
    return Fail(
        Refuse("required", "reason", "", "say why the record is corrected", "请填写更正原因"));
  }
  DoseRecord after = dose;
  if (!in.product.empty()) {
    auto product = KnownProduct(c, in.product);
    if (!product) return Fail(product.error());
    after.product = *product;
  }
  if (!in.given_on.empty()) {
    auto day = DayGiven(in.given_on, birth_date, today);
    if (!day) return Fail(day.error());
    after.date = *day;
  }
  if (!in.lot.empty()) after.lot = in.lot;
  if (after.product == dose.product && after.date == dose.date && after.lot == dose.lot) {
    return Fail(Refuse("no_change", "given_on", in.given_on,
                       "the correction changes nothing: give a new product, day or lot",
                       "更正内容与原记录相同，请修改产品、接种日期或批号"));
  }
  if (auto s = NoOtherDoseThatDay(c, after, existing); !s) return Fail(s.error());
  return after;
}

Status CheckVoid(const std::string& reason) {
  if (reason.empty()) {
    return Fail(Refuse("required", "reason", "", "say why the record is voided",
                       "请填写作废原因（如重复录入、录错受种者）"));
  }
  return {};
}

std::vector<DoseRecord> Renumbered(const Catalogue& c, Date birth_date,
                                   const std::vector<DoseRecord>& doses) {
  std::map<int, std::vector<const DoseRecord*>> by_disease;
  for (const auto& d : doses) {
    if (auto p = c.ProductIndex(d.product)) by_disease[c.DiseaseOf(*p)].push_back(&d);
  }
  std::vector<DoseRecord> changed;
  for (auto& [disease, list] : by_disease) {
    std::stable_sort(list.begin(), list.end(), [](const DoseRecord* a, const DoseRecord* b) {
      return a->date != b->date ? a->date < b->date : a->id < b->id;
    });
    std::vector<GivenDose> before;
    for (size_t i = 0; i < list.size(); ++i) {
      const DoseRecord& d = *list[i];
      NextDose next = EvaluateNextDose(
          c, disease, SeriesInput{birth_date, before, std::nullopt, false}, d.date);
      // Past the whole schedule, a further dose still counts as a booster.
      bool booster = next.booster || (next.status == DoseStatus::kComplete && !before.empty());
      int number = static_cast<int>(i) + 1;
      if (d.dose_number != number || d.booster != booster) {
        DoseRecord fixed = d;
        fixed.dose_number = number;
        fixed.booster = booster;
        changed.push_back(std::move(fixed));
      }
      before.push_back(GivenDose{*c.ProductIndex(d.product), d.date});
    }
  }
  return changed;
}

}  // namespace fangkong
