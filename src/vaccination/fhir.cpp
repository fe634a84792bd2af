#include "vaccination/fhir.h"

#include <boost/json.hpp>

#include "core/id_number.h"

namespace fangkong {

namespace json = boost::json;

namespace {

// Our own code systems: China's national vaccine codes are not published as
// a FHIR CodeSystem, so products carry the catalogue code and the name.
constexpr const char* kProductSystem = "urn:fangkong:vaccine-product";
constexpr const char* kIdentitySystem = "urn:fangkong:cn-resident-identity-number";

json::object PatientOf(const Person& p, bool full) {
  json::object patient{{"resourceType", "Patient"},
                       {"id", std::to_string(p.id)},
                       {"identifier", json::array{json::object{
                                          {"system", kIdentitySystem},
                                          {"value", full ? p.doc_number : MaskIdentityNumber(p.doc_number)}}}},
                       {"name", json::array{json::object{{"text", p.name}}}},
                       {"gender", p.sex == Sex::kMale ? "male" : p.sex == Sex::kFemale ? "female" : "unknown"},
                       {"birthDate", p.birth_date.Iso()},
                       {"address", json::array{json::object{{"district", p.region_code.substr(0, 6)},
                                                            {"postalCode", p.region_code}}}}};
  return patient;
}

json::object ImmunizationOf(const Person& p, const DoseRecord& d, const Catalogue& c) {
  std::string display = d.product;
  if (auto i = c.ProductIndex(d.product)) display = c.product(*i).name_en;
  json::object imm{{"resourceType", "Immunization"},
                   {"id", std::to_string(d.id)},
                   {"status", "completed"},
                   {"vaccineCode", json::object{{"coding", json::array{json::object{
                                                              {"system", kProductSystem},
                                                              {"code", d.product},
                                                              {"display", display}}}},
                                                {"text", display}}},
                   {"patient", json::object{{"reference", "Patient/" + std::to_string(p.id)}}},
                   {"occurrenceDateTime", d.date.Iso()},
                   {"primarySource", true},
                   {"protocolApplied", json::array{json::object{{"doseNumberPositiveInt", d.dose_number}}}}};
  if (!d.lot.empty()) imm["lotNumber"] = d.lot;
  if (d.site_id) imm["location"] = json::object{{"reference", "Location/" + std::to_string(d.site_id)}};
  return imm;
}

}  // namespace

std::string ImmunizationBundle(const Person& p, const std::vector<DoseRecord>& doses,
                               const Catalogue& catalogue, bool full_identity) {
  json::array entries;
  entries.push_back(json::object{{"fullUrl", "urn:fangkong:Patient/" + std::to_string(p.id)},
                                 {"resource", PatientOf(p, full_identity)}});
  for (const auto& d : doses) {
    entries.push_back(json::object{{"fullUrl", "urn:fangkong:Immunization/" + std::to_string(d.id)},
                                   {"resource", ImmunizationOf(p, d, catalogue)}});
  }
  json::object bundle{{"resourceType", "Bundle"}, {"type", "collection"}, {"entry", std::move(entries)}};
  return json::serialize(bundle);
}

}  // namespace fangkong
