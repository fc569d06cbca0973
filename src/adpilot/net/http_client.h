// A small blocking HTTP client over libcurl: one request in, one response out, with timeouts and
// retries. It knows nothing about marketing; the LLM client and the ad-platform connectors use it.
//
// Example — a GET with a bearer token, retried on 429/5xx:
//   net::HttpClient client;
//   net::HttpRequest request{.url = "https://api.example/v1/items",
//                            .headers = {{"Authorization", "Bearer " + token}}};
//   auto response = client.send(request);
//   if (!response.ok()) { return response.error(); }       // no answer at all
//   if (!response->ok()) { /* an HTTP error status */ }
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "adpilot/core/result.h"
#include "adpilot/net/http.h"
#include "adpilot/net/retry.h"

namespace adpilot::net {

struct HttpClientOptions {
  std::chrono::milliseconds connect_timeout{10000};
  std::chrono::milliseconds timeout{30000};  // per attempt, connection and transfer included
  RetryPolicy retry;
  std::string user_agent;                     // empty: "adpilot/<version>"
  size_t max_response_bytes = size_t{64} << 20;  // a longer body fails the request
  uint64_t jitter_seed = 0;                   // 0: seeded from std::random_device
  // How to wait between attempts; tests record the waits instead of sleeping.
  std::function<void(std::chrono::milliseconds)> sleep;
  // Receives one line per retry ("POST https://… → 503; attempt 2 of 3 in 480 ms"). The line
  // never holds a header value or a credential-like query parameter.
  std::function<void(const std::string&)> log;
};

class HttpClient {
 public:
  explicit HttpClient(HttpClientOptions options = {});
  ~HttpClient();
  HttpClient(HttpClient&&) noexcept;
  HttpClient& operator=(HttpClient&&) noexcept;
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // Sends the request, repeating it after a retryable status (408, 429, 5xx gateway errors), a
  // timeout or a dropped connection when the method is idempotent or request.retryable is set.
  // Any HTTP status is a response (the last one when retries run out); an error (kIo) means no
  // usable answer: the host could not be reached, every attempt timed out, the body was too
  // long. Not thread-safe: one client per thread (it keeps its connection alive between calls).
  Result<HttpResponse> send(const HttpRequest& request);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace adpilot::net
