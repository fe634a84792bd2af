// What every group of routes gets from the application: authentication and
// the audited answer to a denial.
#pragma once

#include <functional>
#include <string>

#include "access/user.h"
#include "api/http.h"

namespace fangkong::api {

using UserHandler = std::function<Response(Request&, const User&)>;
// Wraps a handler with authentication: it runs only for a valid session.
using AuthedWrapper = std::function<Handler(UserHandler)>;
// Answers with an error, auditing it when it is a denial of access.
using DeniedAnswer = std::function<Response(const User&, const Error&, const std::string& target)>;

}  // namespace fangkong::api
