#include "registry/organisation.h"

#include "core/credit_code.h"
#include "core/region_code.h"
#include "core/text.h"
#include "registry/person.h"
#include "registry/repository.h"

namespace fangkong {

namespace {

Error Required(const char* field, const char* zh) {
  return Error::Invalid("required", field, "", std::string(field) + " is required",
                        std::string(zh) + "为必填项");
}

bool KnownOccupation(std::string_view code) {
  for (const auto& c : OccupationCategories())
    if (c.code == code) return true;
  return false;
}

}  // namespace

const std::vector<Code>& OrganisationKinds() {
  static const std::vector<Code> kinds = [] {
    constexpr std::string_view en[] = {"Department", "Employer", "School", "Hospital",
                                       "Vaccination site", "Laboratory", "Quarantine site",
                                       "Cold store / shop"};
    std::vector<Code> out;
    for (size_t i = 0; i < std::size(en); ++i) {
      auto k = static_cast<OrganisationKind>(i);
      out.push_back(Code{OrganisationKindCode(k), en[i], OrganisationKindZh(k)});
    }
    return out;
  }();
  return kinds;
}

Result<Organisation> ApplyOrganisationInput(const OrganisationInput& in, RegionRepository& regions) {
  Organisation o;
  o.name = in.name ? Trim(*in.name) : "";
  if (o.name.empty()) return Fail(Required("name", "名称"));
  if (Utf8Length(o.name) > 100) {
    return Fail(Error::Invalid("too_long", "name", o.name, "a name has at most 100 characters",
                               "名称不超过100个字"));
  }
  if (!in.kind || in.kind->empty()) return Fail(Required("kind", "类别"));
  if (!ParseOrganisationKind(Trim(*in.kind), o.kind)) {
    return Fail(Error::Invalid("invalid_value", "kind", *in.kind,
                               "unknown kind (department, employer, school, hospital, "
                               "vaccination_site, lab, quarantine_site, store)",
                               "未知的机构类别"));
  }
  if (in.industry && !Trim(*in.industry).empty()) {
    o.industry = Trim(*in.industry);
    if (!KnownOccupation(o.industry)) {
      return Fail(Error::Invalid("invalid_value", "industry", o.industry,
                                 "unknown industry category (see /api/v1/codes occupations)",
                                 "未知的行业类别"));
    }
  }
  if (!in.region_code || in.region_code->empty()) return Fail(Required("region_code", "所在区划"));
  auto code = RegionCode::Parse(Trim(*in.region_code), "region_code");
  if (!code) return Fail(code.error());
  auto region = regions.FindRegion(code->str());
  if (!region) return Fail(region.error());
  if (!*region) {
    return Fail(Error::Invalid("unknown_region", "region_code", code->str(),
                               "no such region on the administrative tree", "区划代码不存在"));
  }
  o.region_code = code->str();
  if (in.credit_code && !Trim(*in.credit_code).empty()) {
    auto credit = ParseCreditCode(Trim(*in.credit_code));
    if (!credit) return Fail(credit.error());
    o.credit_code = *credit;
  }
  return o;
}

Error DuplicateCreditCode(const std::string& code) {
  return Error::Conflict("duplicate_credit_code", "credit_code", code,
                         "an organisation with this credit code is already registered",
                         "该统一社会信用代码的单位已登记");
}

}  // namespace fangkong
