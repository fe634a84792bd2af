// The web UI's files: the precompressed variant the client accepts, the app
// shell for unknown paths, and caching by how the build names files.
#include "api/static_files.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace fangkong::api {
namespace {

namespace fs = std::filesystem;

class StaticFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("fk-web-" + std::to_string(getpid()));
    fs::create_directories(dir_ / "assets");
    Write("index.html", "<html>shell</html>");
    Write("assets/app-3f2a.js", "raw js");
    Write("assets/app-3f2a.js.br", "brotli js");
    Write("assets/app-3f2a.js.gz", "gzip js");
    Write("assets/plain-9c1d.css", "raw css");
  }
  void TearDown() override { fs::remove_all(dir_); }

  void Write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name) << text;
  }

  Response Get(const std::string& path, const std::string& accept_encoding = "") {
    Request r;
    r.method = "GET";
    r.path = path;
    if (!accept_encoding.empty()) r.headers["accept-encoding"] = accept_encoding;
    return ServeStaticFile(dir_, r);
  }

  static std::string HeaderOf(const Response& r, const std::string& name) {
    for (const auto& [k, v] : r.headers)
      if (k == name) return v;
    return "";
  }

  fs::path dir_;
};

TEST_F(StaticFiles, TheClientGetsTheBestEncodingItAccepts) {
  struct Row {
    const char* accept;
    const char* body;
    const char* encoding;
  };
  const Row table[] = {
      {"gzip, deflate, br", "brotli js", "br"},
      {"gzip", "gzip js", "gzip"},
      {"br;q=0, gzip;q=0.8", "gzip js", "gzip"},
      {"br;q=0, gzip;q=0", "raw js", ""},
      {"", "raw js", ""},
      {"identity", "raw js", ""},
  };
  for (const auto& row : table) {
    auto r = Get("/assets/app-3f2a.js", row.accept);
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.body, row.body) << row.accept;
    EXPECT_EQ(HeaderOf(r, "Content-Encoding"), row.encoding) << row.accept;
    EXPECT_EQ(HeaderOf(r, "Vary"), "Accept-Encoding");
    EXPECT_EQ(r.content_type, "application/javascript");
  }
  // A file the build did not compress goes as it is.
  auto css = Get("/assets/plain-9c1d.css", "br, gzip");
  EXPECT_EQ(css.body, "raw css");
  EXPECT_EQ(HeaderOf(css, "Content-Encoding"), "");
}

TEST_F(StaticFiles, HashedAssetsAreCachedForGoodAndTheShellIsRevalidated) {
  EXPECT_EQ(HeaderOf(Get("/assets/app-3f2a.js"), "Cache-Control"),
            "public, max-age=31536000, immutable");
  for (const char* path :
       {"/", "/index.html", "/persons/12", "/assets/missing.js", "/../../etc/passwd"}) {
    auto r = Get(path);
    EXPECT_EQ(r.body, "<html>shell</html>") << path;
    EXPECT_EQ(HeaderOf(r, "Cache-Control"), "no-cache") << path;
  }
}

}  // namespace
}  // namespace fangkong::api
