// Every response the API tests receive is checked against the API document
// (docs/openapi.json): a success must be a status the operation documents,
// with a body that matches its schema; an error must be the structured
// error. The check runs inside the test HTTP client (http_client.h), so a
// test that reads a response also proves the document describes it.
#pragma once

#include <string>
#include <vector>

namespace fangkong::testing {

// Loads the document once (FANGKONG_OPENAPI, set by CMake) and keeps the
// compiled schemas; thread-safe.
class OpenApiCheck {
 public:
  static OpenApiCheck& Instance();
  // "" when the response agrees with the document, else what is wrong.
  // Paths outside /api/v1 and paths no operation matches are not checked
  // beyond the error shape.
  virtual std::string Check(const std::string& method, const std::string& url, long status,
                            const std::string& content_type, const std::string& body) = 0;
  // How many responses were checked against an operation's own schema.
  virtual long Checked() const = 0;
  // The documented operations no checked response answered with success.
  virtual std::vector<std::string> NeverAnswered() = 0;

 protected:
  ~OpenApiCheck() = default;
};

}  // namespace fangkong::testing
