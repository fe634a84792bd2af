// Parsing a request's query string and browser form upload: kept apart from
// the server so that the HTTP server and these parsers (RESTinio's helpers)
// can each be replaced alone. Used only by server.cpp and its tests.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "api/http.h"

namespace fangkong::api {

// Fills `out` from "a=1&b=x%20y" (JavaScript's encodeURIComponent rules, '+'
// as a space); false when the text is malformed.
bool ParseQuery(std::string_view text, std::map<std::string, std::string>& out);

// A browser form upload (multipart/form-data) becomes the same request as a
// raw upload: the part named "file" is the body, its own Content-Type is the
// request's, and its file name fills ?file_name= when that is absent. False
// when the form cannot be parsed or has no such part.
bool UnwrapFileUpload(Request& r);

}  // namespace fangkong::api
