// The vaccine catalogue: products and the dose rules of each disease's
// programme, read from a JSON document so a county can add a vaccine (say a
// measles-containing one for an outbreak response) without a code change.
// The shipped default is src/vaccination/catalogue.json.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace fangkong {

// Days from one primary dose to the next. max_days 0: no upper bound. A dose
// later than max_days is still given, as soon as possible (it is overdue).
struct DoseInterval {
  int min_days = 0;
  int recommended_days = 0;
  int max_days = 0;
};

// The n-th booster of a disease's programme (n = its place in the list).
struct BoosterStep {
  int min_days_after_previous = 0;  // after the series' last dose or the previous booster
  int min_age_months = 0;
  std::string note_zh;
};

struct Disease {
  std::string code;  // "covid19"
  std::string name_zh, name_en;
  std::vector<BoosterStep> boosters;
};

struct VaccineProduct {
  std::string code;  // "BBIBP-CorV"
  std::string disease;
  std::string platform;  // inactivated, adenovirus_vector, recombinant_protein, mrna, live_attenuated
  std::string name_zh, name_en, manufacturer_zh, manufacturer_en;
  int min_age_months = 0;
  int max_age_months = 0;  // 0: no upper limit; otherwise eligible before this age
  int primary_doses = 1;
  std::vector<DoseInterval> intervals;  // primary_doses - 1 entries
  std::vector<std::string> interchangeable_with;  // may continue a primary series begun with these
  std::vector<std::string> boosts;  // may boost a series begun with these
  std::string trace_code_pattern;  // ECMAScript regex for the dose's traceability code
};

// At most kMaxProducts products, so a set of products fits in one word.
inline constexpr size_t kMaxProducts = 64;
using ProductSet = uint64_t;

class Catalogue {
 public:
  // Parses and checks a catalogue document; errors name the product (or
  // disease) and field at fault.
  static Result<Catalogue> Parse(std::string_view json);
  // The shipped default (always valid; checked by a test).
  static const Catalogue& Default();

  const std::vector<VaccineProduct>& products() const { return products_; }
  const std::vector<Disease>& diseases() const { return diseases_; }
  std::optional<int> ProductIndex(std::string_view code) const;
  std::optional<int> DiseaseIndex(std::string_view code) const;
  const VaccineProduct& product(int i) const { return products_[static_cast<size_t>(i)]; }
  const Disease& disease(int i) const { return diseases_[static_cast<size_t>(i)]; }
  // Precomputed relations, indexed by product.
  ProductSet SameDisease(int product) const { return same_disease_[static_cast<size_t>(product)]; }
  // Products that may continue a primary series begun with `first`.
  ProductSet SeriesContinuations(int first) const { return continuations_[static_cast<size_t>(first)]; }
  // Products that may boost a series begun with `first`.
  ProductSet BoostersFor(int first) const { return boosters_for_[static_cast<size_t>(first)]; }
  int DiseaseOf(int product) const { return disease_of_[static_cast<size_t>(product)]; }
  ProductSet ProductsOf(int disease) const { return products_of_[static_cast<size_t>(disease)]; }

 private:
  Status Link();
  std::vector<Disease> diseases_;
  std::vector<VaccineProduct> products_;
  std::vector<ProductSet> same_disease_, continuations_, boosters_for_, products_of_;
  std::vector<int> disease_of_;
};

const std::string& DefaultCatalogueJson();

// An error on field "disease": not a disease of the catalogue.
Error UnknownDiseaseError(std::string_view disease);

}  // namespace fangkong
