#include "progress/figures.h"

namespace fangkong {

const char* FigureCode(Figure f) {
  switch (f) {
    case Figure::kFirstDose:
      return "first_dose";
    case Figure::kFullSeries:
      return "full_series";
    case Figure::kBooster:
      return "booster";
    case Figure::kDoses:
      return "doses";
    case Figure::kSeriesLate:
      return "series_late";
    case Figure::kBoosterDue:
      return "booster_due";
  }
  return "";
}

std::string FigureKey(std::string_view disease, Figure f) {
  return std::string(disease) + "/" + FigureCode(f);
}

std::string CohortFigureKey(std::string_view disease, Figure f, int birth_year) {
  return FigureKey(disease, f) + "/born" + std::to_string(birth_year);
}

std::string IndustryFigureKey(std::string_view disease, Figure f, std::string_view industry) {
  return FigureKey(disease, f) + "/industry/" + std::string(industry);
}

std::string ProductDosesKey(std::string_view product) { return "doses/" + std::string(product); }

Result<int64_t> FigureRepository::AsOf(const std::string& figure, const std::string& region,
                                       Date day) {
  auto each = AsOfEach({{figure, region, day}});
  if (!each) return Fail(each.error());
  return each->at(0);
}

}  // namespace fangkong
