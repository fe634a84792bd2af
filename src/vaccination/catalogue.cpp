#include "vaccination/catalogue.h"

#include <boost/json.hpp>
#include <regex>

namespace fangkong {

namespace json = boost::json;

namespace {

Error Bad(const std::string& where, std::string_view value, const std::string& rule,
          const std::string& rule_zh) {
  return Error::Invalid("invalid_catalogue", where, value, where + ": " + rule,
                        where + "：" + rule_zh);
}

// Reads typed members, remembering the first problem.
class Reader {
 public:
  Reader(const json::object& o, std::string where) : o_(o), where_(std::move(where)) {}

  std::string Text(const char* key, bool required = true) {
    auto* v = o_.if_contains(key);
    if (!v || v->is_null()) {
      if (required) Note(key, "", "is required", "为必填项");
      return "";
    }
    if (!v->is_string()) {
      Note(key, json::serialize(*v), "must be a string", "应为字符串");
      return "";
    }
    return std::string(v->as_string());
  }

  int Int(const char* key, int min, int max) {
    auto* v = o_.if_contains(key);
    if (!v || !v->is_int64()) {
      Note(key, v ? json::serialize(*v) : "", "must be a whole number", "应为整数");
      return 0;
    }
    int64_t n = v->as_int64();
    if (n < min || n > max) {
      Note(key, std::to_string(n),
           "must be between " + std::to_string(min) + " and " + std::to_string(max),
           "应在" + std::to_string(min) + "至" + std::to_string(max) + "之间");
      return 0;
    }
    return static_cast<int>(n);
  }

  std::vector<std::string> Texts(const char* key) {
    std::vector<std::string> out;
    auto* v = o_.if_contains(key);
    if (!v) return out;
    if (!v->is_array()) {
      Note(key, json::serialize(*v), "must be an array of codes", "应为代码数组");
      return out;
    }
    for (const auto& e : v->as_array()) {
      if (e.is_string())
        out.emplace_back(e.as_string());
      else
        Note(key, json::serialize(e), "must hold codes (strings)", "应为代码（字符串）");
    }
    return out;
  }

  const json::array* Array(const char* key) {
    auto* v = o_.if_contains(key);
    if (v && v->is_array()) return &v->as_array();
    Note(key, "", "must be an array", "应为数组");
    return nullptr;
  }

  void Note(const char* key, std::string_view value, const std::string& rule,
            const std::string& zh) {
    if (!error) error = Bad(where_ + "." + key, value, rule, zh);
  }

  std::optional<Error> error;

 private:
  const json::object& o_;
  std::string where_;
};

Result<Disease> ReadDisease(const json::value& v, const std::string& where) {
  if (!v.is_object()) return Fail(Bad(where, "", "must be an object", "应为对象"));
  Reader r(v.as_object(), where);
  Disease d;
  d.code = r.Text("code");
  d.name_zh = r.Text("name_zh");
  d.name_en = r.Text("name_en");
  if (const auto* steps = r.Array("boosters")) {
    for (size_t i = 0; i < steps->size(); ++i) {
      std::string at = where + ".boosters[" + std::to_string(i) + "]";
      if (!(*steps)[i].is_object()) return Fail(Bad(at, "", "must be an object", "应为对象"));
      Reader s((*steps)[i].as_object(), at);
      BoosterStep b;
      b.min_days_after_previous = s.Int("min_days_after_previous", 1, 3650);
      b.min_age_months = s.Int("min_age_months", 0, 1800);
      b.note_zh = s.Text("note_zh", false);
      if (s.error) return Fail(*s.error);
      d.boosters.push_back(std::move(b));
    }
  }
  if (r.error) return Fail(*r.error);
  return d;
}

Result<VaccineProduct> ReadProduct(const json::value& v, const std::string& where) {
  if (!v.is_object()) return Fail(Bad(where, "", "must be an object", "应为对象"));
  Reader r(v.as_object(), where);
  VaccineProduct p;
  p.code = r.Text("code");
  p.disease = r.Text("disease");
  p.platform = r.Text("platform");
  p.name_zh = r.Text("name_zh");
  p.name_en = r.Text("name_en");
  p.manufacturer_zh = r.Text("manufacturer_zh");
  p.manufacturer_en = r.Text("manufacturer_en");
  p.min_age_months = r.Int("min_age_months", 0, 1800);
  p.max_age_months = r.Int("max_age_months", 0, 1800);
  p.primary_doses = r.Int("primary_doses", 1, 10);
  p.interchangeable_with = r.Texts("interchangeable_with");
  p.boosts = r.Texts("boosts");
  p.trace_code_pattern = r.Text("trace_code_pattern");
  if (const auto* steps = r.Array("intervals")) {
    for (size_t i = 0; i < steps->size(); ++i) {
      std::string at = where + ".intervals[" + std::to_string(i) + "]";
      if (!(*steps)[i].is_object()) return Fail(Bad(at, "", "must be an object", "应为对象"));
      Reader s((*steps)[i].as_object(), at);
      DoseInterval d;
      d.min_days = s.Int("min_days", 1, 3650);
      d.recommended_days = s.Int("recommended_days", 1, 3650);
      d.max_days = s.Int("max_days", 0, 3650);
      if (s.error) return Fail(*s.error);
      if (d.recommended_days < d.min_days || (d.max_days && d.max_days < d.recommended_days)) {
        return Fail(Bad(at,
                        std::to_string(d.min_days) + "/" + std::to_string(d.recommended_days) +
                            "/" + std::to_string(d.max_days),
                        "needs min_days <= recommended_days <= max_days (0 = no maximum)",
                        "应满足 最短间隔 ≤ 推荐间隔 ≤ 最长间隔（0表示不限）"));
      }
      p.intervals.push_back(d);
    }
  }
  if (r.error) return Fail(*r.error);
  if (p.intervals.size() + 1 != static_cast<size_t>(p.primary_doses)) {
    return Fail(Bad(where + ".intervals", std::to_string(p.intervals.size()),
                    "needs one interval fewer than primary_doses", "间隔数应比基础剂次数少1"));
  }
  if (p.max_age_months && p.max_age_months <= p.min_age_months) {
    return Fail(Bad(where + ".max_age_months", std::to_string(p.max_age_months),
                    "must be above min_age_months (or 0 for no limit)",
                    "应大于最小月龄（0表示不限）"));
  }
  try {
    std::regex check(p.trace_code_pattern);
  } catch (const std::regex_error&) {
    return Fail(Bad(where + ".trace_code_pattern", p.trace_code_pattern,
                    "is not a valid regular expression", "不是有效的正则表达式"));
  }
  return p;
}

}  // namespace

Result<Catalogue> Catalogue::Parse(std::string_view text) {
  boost::system::error_code ec;
  json::value doc = json::parse(text, ec);
  if (ec || !doc.is_object()) {
    return Fail(Bad("catalogue", "", "is not a JSON object", "不是有效的JSON对象"));
  }
  Catalogue c;
  const auto& o = doc.as_object();
  auto* diseases = o.if_contains("diseases");
  auto* products = o.if_contains("products");
  if (!diseases || !diseases->is_array()) {
    return Fail(Bad("diseases", "", "must be an array", "应为数组"));
  }
  if (!products || !products->is_array()) {
    return Fail(Bad("products", "", "must be an array", "应为数组"));
  }
  for (size_t i = 0; i < diseases->as_array().size(); ++i) {
    auto d = ReadDisease(diseases->as_array()[i], "diseases[" + std::to_string(i) + "]");
    if (!d) return Fail(d.error());
    c.diseases_.push_back(std::move(*d));
  }
  for (size_t i = 0; i < products->as_array().size(); ++i) {
    auto p = ReadProduct(products->as_array()[i], "products[" + std::to_string(i) + "]");
    if (!p) return Fail(p.error());
    c.products_.push_back(std::move(*p));
  }
  if (auto s = c.Link(); !s) return Fail(s.error());
  return c;
}

// Resolves codes to indexes and precomputes the product sets the series
// engine asks for, so an evaluation does no string work.
Status Catalogue::Link() {
  if (products_.size() > kMaxProducts) {
    return Fail(Bad("products", std::to_string(products_.size()),
                    "at most " + std::to_string(kMaxProducts) + " products",
                    "产品数不超过" + std::to_string(kMaxProducts) + "个"));
  }
  for (size_t i = 0; i < diseases_.size(); ++i) {
    for (size_t j = 0; j < i; ++j) {
      if (diseases_[j].code == diseases_[i].code) {
        return Fail(Bad("diseases[" + std::to_string(i) + "].code", diseases_[i].code,
                        "is used twice", "重复"));
      }
    }
  }
  size_t n = products_.size();
  disease_of_.assign(n, -1);
  products_of_.assign(diseases_.size(), 0);
  for (size_t i = 0; i < n; ++i) {
    std::string at = "products[" + std::to_string(i) + "]";
    if (ProductIndex(products_[i].code) != static_cast<int>(i)) {
      return Fail(Bad(at + ".code", products_[i].code, "is used twice", "重复"));
    }
    auto d = DiseaseIndex(products_[i].disease);
    if (!d)
      return Fail(Bad(at + ".disease", products_[i].disease, "is not a listed disease",
                      "不是已列出的疾病"));
    disease_of_[i] = *d;
    products_of_[static_cast<size_t>(*d)] |= ProductSet{1} << i;
  }
  same_disease_.assign(n, 0);
  continuations_.assign(n, 0);
  boosters_for_.assign(n, 0);
  for (size_t i = 0; i < n; ++i) {
    std::string at = "products[" + std::to_string(i) + "]";
    same_disease_[i] = products_of_[static_cast<size_t>(disease_of_[i])];
    continuations_[i] |= ProductSet{1} << i;
    for (const auto& code : products_[i].interchangeable_with) {
      auto j = ProductIndex(code);
      if (!j || disease_of_[static_cast<size_t>(*j)] != disease_of_[i]) {
        return Fail(Bad(at + ".interchangeable_with", code, "is not a product of the same disease",
                        "不是同一疾病的产品"));
      }
      // Listed on the continuing product: a series begun with `code` may go on with this one.
      continuations_[static_cast<size_t>(*j)] |= ProductSet{1} << i;
    }
    for (const auto& code : products_[i].boosts) {
      auto j = ProductIndex(code);
      if (!j || disease_of_[static_cast<size_t>(*j)] != disease_of_[i]) {
        return Fail(Bad(at + ".boosts", code, "is not a product of the same disease",
                        "不是同一疾病的产品"));
      }
      boosters_for_[static_cast<size_t>(*j)] |= ProductSet{1} << i;
    }
  }
  return {};
}

std::optional<int> Catalogue::ProductIndex(std::string_view code) const {
  for (size_t i = 0; i < products_.size(); ++i)
    if (products_[i].code == code) return static_cast<int>(i);
  return std::nullopt;
}

std::optional<int> Catalogue::DiseaseIndex(std::string_view code) const {
  for (size_t i = 0; i < diseases_.size(); ++i)
    if (diseases_[i].code == code) return static_cast<int>(i);
  return std::nullopt;
}

const Catalogue& Catalogue::Default() {
  static const Catalogue c = [] {
    auto parsed = Parse(DefaultCatalogueJson());
    if (!parsed)
      throw std::logic_error("the shipped vaccine catalogue is invalid: " + parsed.error().message);
    return std::move(*parsed);
  }();
  return c;
}

Error UnknownDiseaseError(std::string_view disease) {
  return Error::Invalid("invalid_value", "disease", disease,
                        "not a disease of the vaccine catalogue", "疫苗目录中没有该疾病");
}

}  // namespace fangkong
