#include "api/static_files.h"

#include <fstream>
#include <sstream>

#include "api/json.h"
#include "core/text.h"

namespace fangkong::api {

namespace {

std::string ContentTypeFor(const std::filesystem::path& p) {
  auto ext = p.extension().string();
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js") return "application/javascript";
  if (ext == ".css") return "text/css";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".json") return "application/json";
  if (ext == ".woff2") return "font/woff2";
  if (ext == ".ico") return "image/x-icon";
  return "application/octet-stream";
}

// Whether Accept-Encoding lists `coding` without refusing it (q=0).
bool Accepts(const std::string& accept_encoding, std::string_view coding) {
  for (const auto& part : SplitNonEmpty(accept_encoding, ',')) {
    std::string item = Trim(part);
    auto semi = item.find(';');
    std::string name = Trim(item.substr(0, semi));
    if (name != coding) continue;
    if (semi == std::string::npos) return true;
    std::string params = item.substr(semi + 1);
    auto q = params.find("q=");
    return q == std::string::npos || std::strtod(params.c_str() + q + 2, nullptr) > 0;
  }
  return false;
}

bool ReadFile(const std::filesystem::path& p, std::string& out) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return false;
  std::stringstream ss;
  ss << in.rdbuf();
  out = ss.str();
  return true;
}

}  // namespace

Response ServeStaticFile(const std::filesystem::path& web_dir, const Request& r) {
  namespace fs = std::filesystem;
  fs::path root = fs::weakly_canonical(web_dir);
  fs::path p = fs::weakly_canonical(root / r.path.substr(1));
  // Paths that escape the UI directory or name no file get the app shell.
  if (p.string().rfind(root.string(), 0) != 0 || !fs::is_regular_file(p)) p = root / "index.html";
  Response resp{200, ContentTypeFor(p), "", {}};
  std::string accepted = r.Header("accept-encoding");
  for (auto [coding, suffix] : {std::pair{"br", ".br"}, std::pair{"gzip", ".gz"}}) {
    fs::path variant = p;
    variant += suffix;
    if (Accepts(accepted, coding) && fs::is_regular_file(variant) && ReadFile(variant, resp.body)) {
      resp.headers.push_back({"Content-Encoding", coding});
      break;
    }
  }
  if (resp.body.empty() && !ReadFile(p, resp.body))
    return ErrorResponse(Error::NotFound("page", r.path));
  resp.headers.push_back({"Vary", "Accept-Encoding"});
  // Built assets carry a hash of their content in their name: cache them for
  // good. The shell names the current assets: always revalidate it.
  bool hashed = r.path.rfind("/assets/", 0) == 0 && p.filename() != "index.html";
  resp.headers.push_back(
      {"Cache-Control", hashed ? "public, max-age=31536000, immutable" : "no-cache"});
  return resp;
}

}  // namespace fangkong::api
