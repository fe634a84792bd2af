// The built web UI (web/dist) over HTTP: a file by its path, the app shell
// (index.html) for any other path, the precompressed variant the build wrote
// beside a file (.br, .gz) when the client accepts it, and caching that
// matches how the build names files (content-hashed assets forever, the
// shell never without asking).
#pragma once

#include <filesystem>

#include "api/http.h"

namespace fangkong::api {

// `web_dir` is the directory of the built UI; a path that escapes it gets the
// shell. NotFound when even the shell is missing.
Response ServeStaticFile(const std::filesystem::path& web_dir, const Request& r);

}  // namespace fangkong::api
