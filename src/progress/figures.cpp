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

PeriodsUpTo PeriodsUpToDay(Date day) {
  std::string iso = day.Iso();
  return {iso.substr(0, 4), iso.substr(0, 4) + "-01", iso.substr(0, 7), iso.substr(0, 7) + "-01",
          iso};
}

}  // namespace fangkong
