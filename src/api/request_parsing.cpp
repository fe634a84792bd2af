#include "api/request_parsing.h"

#include <restinio/helpers/file_upload.hpp>
#include <restinio/helpers/multipart_body.hpp>
#include <restinio/uri_helpers.hpp>

namespace fangkong::api {

bool ParseQuery(std::string_view text, std::map<std::string, std::string>& out) {
  if (text.empty()) return true;
  auto parsed = restinio::try_parse_query<restinio::parse_query_traits::javascript_compatible>(
      restinio::string_view_t{text.data(), text.size()});
  if (!parsed) return false;
  for (const auto& [k, v] : *parsed) out[std::string(k)] = std::string(v);
  return true;
}

namespace {

// "--" + the boundary parameter of a multipart/form-data Content-Type.
std::string BoundaryMark(const std::string& content_type) {
  namespace hfp = restinio::http_field_parsers;
  auto parsed = hfp::content_type_value_t::try_parse(content_type);
  if (!parsed) return "";
  const auto& media = parsed->media_type;
  if (!restinio::impl::is_equal_caseless("multipart", media.type) ||
      !restinio::impl::is_equal_caseless("form-data", media.subtype))
    return "";
  auto boundary = hfp::find_first(media.parameters, "boundary");
  if (!boundary || restinio::multipart_body::check_boundary_value(*boundary)) return "";
  return "--" + std::string(boundary->data(), boundary->size());
}

}  // namespace

bool UnwrapFileUpload(Request& r) {
  auto mark = BoundaryMark(r.Header("content-type"));
  if (mark.empty()) return false;
  // The parts point into the body, which the chosen part then replaces.
  std::string body = std::move(r.body);
  for (auto raw : restinio::multipart_body::split_multipart_body(body, mark)) {
    auto parsed = restinio::multipart_body::try_parse_part(raw);
    if (!parsed) return false;
    auto part = restinio::file_upload::analyze_part(std::move(*parsed));
    if (!part || part->name != "file") continue;
    auto type = part->fields.opt_value_of(restinio::http_field::content_type);
    r.headers["content-type"] = type ? std::string(*type) : "application/octet-stream";
    if (!r.query.count("file_name") && part->filename) r.query["file_name"] = *part->filename;
    r.body.assign(part->body.data(), part->body.size());
    return true;
  }
  return false;
}

}  // namespace fangkong::api
