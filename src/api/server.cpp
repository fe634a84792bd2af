// The only translation unit that includes the HTTP library (RESTinio).
#include <restinio/all.hpp>
#include <restinio/helpers/file_upload.hpp>

#include <algorithm>
#include <cctype>

#include "api/http.h"

namespace fangkong::api {

namespace {

using ServerHandle = restinio::running_server_handle_t<restinio::default_traits_t>;

class RestinioServer final : public HttpServer {
 public:
  RestinioServer(std::unique_ptr<asio::thread_pool> blocking, ServerHandle h)
      : blocking_(std::move(blocking)), handle_(std::move(h)) {}
  ~RestinioServer() override { Stop(); Wait(); }
  void Stop() override {
    if (!stopped_) handle_->stop();
    stopped_ = true;
  }
  void Wait() override {
    if (!waited_) {
      handle_->wait();
      blocking_->join();  // requests under way finish; their answers go nowhere
    }
    waited_ = true;
  }

 private:
  std::unique_ptr<asio::thread_pool> blocking_;
  ServerHandle handle_;
  bool stopped_ = false, waited_ = false;
};

Response BadQuery() {
  return Response{400, "application/json; charset=utf-8",
                  R"({"error":{"code":"invalid_query","field":"query","message":"malformed query string","message_zh":"查询参数格式错误"}})",
                  {}};
}

Response NoFilePart() {
  return Response{400, "application/json; charset=utf-8",
                  R"({"error":{"code":"missing_file","field":"file","message":"the multipart form has no file part named file","message_zh":"上传表单中没有名为file的文件"}})",
                  {}};
}

// A browser form upload (multipart/form-data) becomes the same request as a
// raw upload: the part named "file" is the body, its own Content-Type is the
// request's, and its file name fills ?file_name= when that is absent.
bool UnwrapFileUpload(const restinio::request_handle_t& req, Request& r) {
  namespace fu = restinio::file_upload;
  bool found = false;
  auto result = fu::enumerate_parts_with_files(
      *req,
      [&](fu::part_description_t part) {
        if (part.name != "file") return fu::handling_result_t::continue_enumeration;
        r.body.assign(part.body.data(), part.body.size());
        auto type = part.fields.opt_value_of(restinio::http_field::content_type);
        r.headers["content-type"] = type ? std::string(*type) : "application/octet-stream";
        if (!r.query.count("file_name") && part.filename) r.query["file_name"] = *part.filename;
        found = true;
        return fu::handling_result_t::stop_enumeration;
      },
      "multipart", "form-data");
  return result && found;
}

Request ToRequest(const restinio::request_handle_t& req, bool& query_ok) {
  Request r;
  const auto& h = req->header();
  r.method = h.method().c_str();
  r.path = std::string(h.path());
  auto parsed =
      restinio::try_parse_query<restinio::parse_query_traits::javascript_compatible>(h.query());
  query_ok = static_cast<bool>(parsed);
  if (parsed) {
    for (const auto& [k, v] : *parsed) r.query[std::string(k)] = std::string(v);
  }
  h.for_each_field([&r](const restinio::http_header_field_t& f) {
    std::string name = f.name();
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    r.headers[name] = f.value();
  });
  r.remote = req->remote_endpoint().address().to_string();
  return r;
}

Response InternalError() {
  return Response{500, "application/json; charset=utf-8",
                  R"({"error":{"code":"internal","field":"","message":"internal error","message_zh":"系统内部错误"}})",
                  {}};
}

Response Answer(const Router& router, const Router::Match& match, Request& r,
                const restinio::request_handle_t& req, bool query_ok) {
  if (!query_ok) return BadQuery();
  if (r.Header("content-type").rfind("multipart/form-data", 0) == 0) {
    if (!UnwrapFileUpload(req, r)) return NoFilePart();
  } else {
    r.body = req->body();
  }
  try {
    return router.Run(match, r);
  } catch (const std::exception&) {
    return InternalError();
  }
}

// Safe from any thread: RESTinio hands the response to the connection's own
// executor.
void Send(const restinio::request_handle_t& req, Response resp) {
  auto out = req->create_response(restinio::http_status_line_t{
      restinio::http_status_code_t{static_cast<std::uint16_t>(resp.status)}, ReasonPhrase(resp.status)});
  out.append_header(restinio::http_field::content_type, resp.content_type);
  for (auto& [k, v] : resp.headers) out.append_header(k, v);
  out.set_body(std::move(resp.body));
  out.done();
}

}  // namespace

std::unique_ptr<HttpServer> StartHttpServer(const Router& router, const std::string& address,
                                            unsigned short port, ServerThreads threads) {
  auto blocking = std::make_unique<asio::thread_pool>(std::max<size_t>(threads.blocking, 1));
  auto handler = [&router, pool = blocking.get()](restinio::request_handle_t req) {
    bool query_ok = true;
    Request r = ToRequest(req, query_ok);
    auto match = router.Resolve(r);
    if (match.quick()) {
      Send(req, Answer(router, match, r, req, query_ok));
      return restinio::request_accepted();
    }
    asio::post(*pool, [&router, match, r = std::move(r), req, query_ok]() mutable {
      // An exception escaping a pool thread would end the process.
      try {
        Send(req, Answer(router, match, r, req, query_ok));
      } catch (const std::exception&) {
        // The connection went away before the answer: nobody to tell.
      }
    });
    return restinio::request_accepted();
  };
  auto settings = restinio::server_settings_t<restinio::default_traits_t>{}
                      .address(address)
                      .port(port)
                      .request_handler(std::move(handler))
                      .read_next_http_message_timelimit(std::chrono::seconds(60))
                      .handle_request_timeout(std::chrono::seconds(300));
  auto handle = restinio::run_async(restinio::own_io_context(), std::move(settings),
                                    std::max<size_t>(threads.network, 1));
  return std::make_unique<RestinioServer>(std::move(blocking), std::move(handle));
}

}  // namespace fangkong::api
