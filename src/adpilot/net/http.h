// HTTP requests and responses as plain values. This layer knows nothing about marketing: the LLM
// client (nlp) and the ad-platform connectors build their calls from these structs.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace adpilot::net {

enum class HttpMethod : uint8_t { kGet, kHead, kPost, kPut, kPatch, kDelete };

const char* http_method_name(HttpMethod method);

// GET, HEAD, PUT and DELETE mean the same when sent twice (RFC 9110 §9.2.2), so a failed attempt
// may be repeated; POST and PATCH only when the request says so.
bool is_idempotent(HttpMethod method);

struct HttpHeader {
  std::string name;
  std::string value;
};

struct HttpRequest {
  HttpMethod method = HttpMethod::kGet;
  std::string url;
  std::vector<HttpHeader> headers;
  std::string body;
  // A POST or PATCH that is harmless to repeat (a completion request, a call carrying an
  // idempotency key) sets this to be retried like a GET.
  bool retryable = false;
  // Per-attempt time limit; zero uses the client's.
  std::chrono::milliseconds timeout{0};
};

struct HttpResponse {
  int status = 0;
  std::vector<HttpHeader> headers;  // as received, in order
  std::string body;
  int attempts = 1;  // how many times the request was sent

  bool ok() const { return status >= 200 && status < 300; }
  // The value of the first header with this name (ASCII case-insensitive), or "".
  std::string_view header(std::string_view name) const;
};

// Headers whose values are credentials: Authorization, Proxy-Authorization, Cookie, Set-Cookie,
// and any name containing "api-key", "api_key", "token" or "secret".
bool is_secret_header(std::string_view name);

// The URL with the values of credential-like query parameters (key, api_key, token,
// access_token, …) and any user:password part replaced by "***", for messages and logs.
std::string redact_url(std::string_view url);

// "POST https://host/path" plus the headers, credentials replaced by "***": what may be logged.
std::string describe_request(const HttpRequest& request);

}  // namespace adpilot::net
