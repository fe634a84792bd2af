#include "registry/region_data.h"

#include <fstream>
#include <sstream>

#include "core/csv.h"
#include "core/region_code.h"
#include "core/text.h"

namespace fangkong {

namespace {

Result<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Fail(Error::BadRequest("region_data_missing",
                                  "cannot read " + path + " (run npm ci in web/ first)",
                                  "无法读取行政区划数据文件 " + path));
  }
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

Status LoadTable(const std::string& path, int level, std::vector<Region>& out,
                 const std::vector<std::string>* only_counties) {
  auto text = ReadFile(path);
  if (!text) return Fail(text.error());
  CsvReader reader(StripBom(*text));
  std::vector<std::string> f;
  reader.Next(f);  // header
  while (reader.Next(f)) {
    if (f.size() < 2 || f[0].empty()) continue;
    auto code = RegionCode::Parse(f[0]);
    if (!code) continue;
    if (only_counties) {
      bool keep = false;
      for (const auto& c : *only_counties) keep = keep || f[0].rfind(c, 0) == 0;
      if (!keep) continue;
    }
    auto parent = code->Parent();
    out.push_back(Region{f[0], f[1], parent ? parent->str() : "", level});
  }
  return {};
}

}  // namespace

Result<std::vector<Region>> LoadDivisionTables(const std::string& dir,
                                               const std::vector<std::string>& counties) {
  std::vector<Region> out;
  const std::pair<const char*, int> tables[] = {
      {"provinces.csv", 1}, {"cities.csv", 2}, {"areas.csv", 3}, {"streets.csv", 4}};
  for (auto [file, level] : tables) {
    if (auto s = LoadTable(dir + "/" + file, level, out, nullptr); !s) return Fail(s.error());
  }
  if (!counties.empty()) {
    if (auto s = LoadTable(dir + "/villages.csv", 5, out, &counties); !s) return Fail(s.error());
  }
  return out;
}

}  // namespace fangkong
