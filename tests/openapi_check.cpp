#include "openapi_check.h"

#include <atomic>
#include <boost/json.hpp>
#include <cstdlib>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <sstream>
#include <stdexcept>
#include <valijson/adapters/boost_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validator.hpp>
#include <vector>

namespace fangkong::testing {

namespace {

namespace json = boost::json;

std::vector<std::string> Segments(const std::string& path) {
  std::vector<std::string> out;
  std::string part;
  std::istringstream in(path);
  while (std::getline(in, part, '/'))
    if (!part.empty()) out.push_back(part);
  return out;
}

// OpenAPI 3.0 says "nullable: true" where JSON Schema allows a null beside
// the schema: {"anyOf": [schema, {"type": "null"}]}.
void ToJsonSchema(json::value& v) {
  if (auto* a = v.if_array()) {
    for (auto& x : *a) ToJsonSchema(x);
    return;
  }
  auto* o = v.if_object();
  if (!o) return;
  for (auto& [k, x] : *o) ToJsonSchema(x);
  const auto* n = o->if_contains("nullable");
  bool nullable = n && n->is_bool() && n->as_bool();
  o->erase("nullable");
  if (nullable) v = json::object{{"anyOf", json::array{*o, json::object{{"type", "null"}}}}};
}

struct Operation {
  std::string name;  // "GET /api/v1/persons/{id}"
  std::string method;
  std::vector<std::string> segments;
  int literals = 0;  // a literal segment beats a parameter: /exports/persons over /exports/{id}
  const json::object* op = nullptr;
};

class Checker final : public OpenApiCheck {
 public:
  Checker() {
    std::ifstream in(FANGKONG_OPENAPI);
    std::stringstream text;
    text << in.rdbuf();
    doc_ = json::parse(text.str());
    for (const auto& [path, ops] : doc_.at("paths").as_object()) {
      for (const auto& [method, op] : ops.as_object()) {
        Operation o;
        o.method = std::string(method);
        for (auto& c : o.method) c = static_cast<char>(toupper(c));
        o.name = o.method + " " + std::string(path);
        o.segments = Segments(std::string(path));
        for (const auto& s : o.segments) o.literals += s.front() != '{';
        o.op = &op.as_object();
        ops_.push_back(std::move(o));
      }
    }
    if (const char* f = std::getenv("FANGKONG_OPENAPI_SAMPLES")) samples_.open(f, std::ios::app);
  }

  std::string Check(const std::string& method, const std::string& url, long status,
                    const std::string& content_type, const std::string& body) override {
    auto at = url.find("/api/v1/");
    if (at == std::string::npos || status == 0) return "";
    std::string path = url.substr(at, url.find('?', at) - at);
    std::string media = content_type.substr(0, content_type.find(';'));
    bool is_json = media == "application/json";
    const Operation* op = Find(method, path);
    Sample(op, status, media, body);
    if (status >= 400) {
      if (!is_json)
        return method + " " + path + " answered " + std::to_string(status) + " as " + content_type;
      return Validate(Compiled("#error", json::object{{"$ref", "#/components/schemas/Error"}}),
                      body, path);
    }
    if (!op) return "";
    {
      std::lock_guard lock(mu_);
      answered_.insert(op->name);
    }
    const json::value* response =
        op->op->at("responses").as_object().if_contains(std::to_string(status));
    if (!response)
      return op->name + " answered " + std::to_string(status) +
             ", which the document does not list";
    if (const auto* ref = response->as_object().if_contains("$ref"))
      response = &Resolve(ref->as_string());
    const json::value* content = response->as_object().if_contains("content");
    if (!content) {
      if (body.empty()) return "";
      return op->name + " " + std::to_string(status) + ": the document describes no body";
    }
    const json::value* described = content->as_object().if_contains(media);
    if (!described)
      return op->name + " " + std::to_string(status) + ": " + media +
             " is not a documented content type";
    if (!is_json) return "";
    const json::value* schema = described->as_object().if_contains("schema");
    if (!schema) return op->name + " " + std::to_string(status) + ": no schema";
    ++checked_;
    return Validate(Compiled(op->name + " " + std::to_string(status), *schema), body, op->name);
  }

  long Checked() const override { return checked_.load(); }

  std::vector<std::string> NeverAnswered() override {
    std::lock_guard lock(mu_);
    std::vector<std::string> out;
    for (const auto& o : ops_)
      if (!answered_.count(o.name)) out.push_back(o.name);
    return out;
  }

 private:
  const Operation* Find(const std::string& method, const std::string& path) const {
    auto segments = Segments(path);
    const Operation* best = nullptr;
    for (const auto& o : ops_) {
      if (o.method != method || o.segments.size() != segments.size()) continue;
      bool match = true;
      for (size_t i = 0; i < segments.size() && match; ++i)
        match = o.segments[i].front() == '{' || o.segments[i] == segments[i];
      if (match && (!best || o.literals > best->literals)) best = &o;
    }
    return best;
  }

  const json::value& Resolve(std::string_view ref) const {
    // "#/components/responses/Error"
    const json::value* at = &doc_;
    std::istringstream in(std::string(ref.substr(2)));
    std::string part;
    while (std::getline(in, part, '/')) at = &at->as_object().at(part);
    return *at;
  }

  // The schema, compiled once; its $refs resolve against the document's components.
  std::shared_ptr<const valijson::Schema> Compiled(const std::string& key,
                                                   const json::value& schema) {
    std::lock_guard lock(mu_);
    auto& slot = compiled_[key];
    if (slot) return slot;
    json::value root = schema;
    root.as_object()["components"] = doc_.at("components");
    ToJsonSchema(root);
    auto s = std::make_shared<valijson::Schema>();
    valijson::SchemaParser parser(valijson::SchemaParser::kDraft4);
    valijson::adapters::BoostJsonAdapter adapter(root);
    parser.populateSchema(adapter, *s);
    slot = s;
    return slot;
  }

  static std::string Validate(const std::shared_ptr<const valijson::Schema>& schema,
                              const std::string& body, const std::string& what) {
    boost::system::error_code ec;
    json::value v = json::parse(body, ec);
    if (ec) return what + ": the body is not JSON";
    valijson::Validator validator;
    valijson::ValidationResults results;
    valijson::adapters::BoostJsonAdapter adapter(v);
    if (validator.validate(*schema, adapter, &results)) return "";
    std::string out = what + " does not match its schema:";
    valijson::ValidationResults::Error e;
    for (int n = 0; n < 3 && results.popError(e); ++n) {
      std::string where;
      for (const auto& c : e.context) where += c;
      out += " [" + where + "] " + e.description;
    }
    return out + " — body: " + body.substr(0, 300);
  }

  // With FANGKONG_OPENAPI_SAMPLES=file, every response is appended to the
  // file as one JSON line: a start for describing a new route's responses.
  void Sample(const Operation* op, long status, const std::string& media, const std::string& body) {
    if (!samples_.is_open()) return;
    std::lock_guard lock(mu_);
    samples_ << json::serialize(json::object{{"op", op ? op->name : ""},
                                             {"status", status},
                                             {"media", media},
                                             {"body", media == "application/json" ? body : ""}})
             << "\n";
  }

  json::value doc_;
  std::vector<Operation> ops_;
  std::mutex mu_;
  std::map<std::string, std::shared_ptr<const valijson::Schema>> compiled_;
  std::atomic<long> checked_{0};
  std::set<std::string> answered_;  // operations seen answering 2xx
  std::ofstream samples_;
};

}  // namespace

OpenApiCheck& OpenApiCheck::Instance() {
  static Checker* checker = new Checker();  // lives until exit: requests may still be answered then
  return *checker;
}

}  // namespace fangkong::testing
