#include "adpilot/net/http_client.h"

#include <curl/curl.h>
#include <fmt/format.h>

#include <algorithm>
#include <mutex>
#include <random>
#include <thread>

namespace adpilot::net {

namespace {

// libcurl's global set-up is not reentrant on older releases; run it once per process.
void init_curl_once() {
  static std::once_flag flag;
  std::call_once(flag, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct Transfer {
  std::string body;
  std::vector<HttpHeader> headers;
  size_t limit = 0;
  bool too_long = false;
};

size_t on_body(char* data, size_t size, size_t count, void* user) {
  auto* transfer = static_cast<Transfer*>(user);
  const size_t bytes = size * count;
  if (transfer->body.size() + bytes > transfer->limit) {
    transfer->too_long = true;
    return 0;  // makes libcurl abort with CURLE_WRITE_ERROR
  }
  transfer->body.append(data, bytes);
  return bytes;
}

size_t on_header(char* data, size_t size, size_t count, void* user) {
  auto* transfer = static_cast<Transfer*>(user);
  const size_t bytes = size * count;
  std::string_view line(data, bytes);
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) {
    line.remove_suffix(1);
  }
  if (line.starts_with("HTTP/")) {
    transfer->headers.clear();  // a new response (after a 100 Continue): only its headers count
    return bytes;
  }
  const size_t colon = line.find(':');
  if (colon == std::string_view::npos) {
    return bytes;
  }
  std::string_view value = line.substr(colon + 1);
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) {
    value.remove_prefix(1);
  }
  transfer->headers.push_back({std::string(line.substr(0, colon)), std::string(value)});
  return bytes;
}

// Failures after which the same request may well succeed: the server was slow, the connection
// dropped or was refused while the server restarted.
bool is_transient(CURLcode code) {
  return code == CURLE_OPERATION_TIMEDOUT || code == CURLE_COULDNT_CONNECT || code == CURLE_RECV_ERROR ||
         code == CURLE_SEND_ERROR || code == CURLE_GOT_NOTHING || code == CURLE_PARTIAL_FILE;
}

std::string format_duration(std::chrono::milliseconds ms) {
  if (ms.count() % 1000 == 0) {
    return fmt::format("{} s", ms.count() / 1000);
  }
  return fmt::format("{} ms", ms.count());
}

struct CurlList {
  curl_slist* list = nullptr;
  ~CurlList() { curl_slist_free_all(list); }
  void append(const std::string& line) {
    curl_slist* next = curl_slist_append(list, line.c_str());
    if (next == nullptr) {
      throw std::bad_alloc();
    }
    list = next;
  }
};

}  // namespace

struct HttpClient::State {
  HttpClientOptions options;
  CURL* curl = nullptr;
  std::mt19937_64 rng;

  ~State() {
    if (curl != nullptr) {
      curl_easy_cleanup(curl);
    }
  }

  struct Attempt {
    CURLcode code = CURLE_OK;
    int status = 0;
    Transfer transfer;
    std::string detail;  // libcurl's message for a failed attempt
  };

  Attempt perform(const HttpRequest& request) {
    Attempt attempt;
    attempt.transfer.limit = options.max_response_bytes;
    curl_easy_reset(curl);  // keeps the connection cache, forgets the last request's options
    char error_buffer[CURL_ERROR_SIZE] = {};
    CurlList headers;
    for (const auto& h : request.headers) {
      headers.append(h.name + ": " + h.value);
    }
    headers.append("Expect:");  // no 100-continue round trip before a large body
    const std::chrono::milliseconds timeout = request.timeout.count() > 0 ? request.timeout : options.timeout;
    const std::string user_agent =
        options.user_agent.empty() ? std::string("adpilot/") + ADPILOT_VERSION : options.user_agent;

    curl_easy_setopt(curl, CURLOPT_URL, request.url.c_str());
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error_buffer);
    curl_easy_setopt(curl, CURLOPT_USERAGENT, user_agent.c_str());
    curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "");
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options.connect_timeout.count()));
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(timeout.count()));
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers.list);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &attempt.transfer);
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &attempt.transfer);
    switch (request.method) {
      case HttpMethod::kGet: curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L); break;
      case HttpMethod::kHead: curl_easy_setopt(curl, CURLOPT_NOBODY, 1L); break;
      default:
        curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, http_method_name(request.method));
        break;
    }
    if (request.method != HttpMethod::kGet && request.method != HttpMethod::kHead &&
        (!request.body.empty() || request.method == HttpMethod::kPost)) {
      curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.data());
      curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
    }
    attempt.code = curl_easy_perform(curl);
    if (attempt.code == CURLE_OK) {
      long status = 0;
      curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
      attempt.status = static_cast<int>(status);
    } else {
      attempt.detail = error_buffer[0] != '\0' ? error_buffer : curl_easy_strerror(attempt.code);
    }
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, nullptr);
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, nullptr);
    return attempt;
  }

  void wait(std::chrono::milliseconds delay) {
    if (options.sleep) {
      options.sleep(delay);
    } else {
      std::this_thread::sleep_for(delay);
    }
  }

  void note(const std::string& line) {
    if (options.log) {
      options.log(line);
    }
  }
};

HttpClient::HttpClient(HttpClientOptions options) : state_(std::make_unique<State>()) {
  init_curl_once();
  state_->options = std::move(options);
  state_->curl = curl_easy_init();
  const uint64_t seed = state_->options.jitter_seed != 0 ? state_->options.jitter_seed : std::random_device{}();
  state_->rng.seed(seed);
}

HttpClient::~HttpClient() = default;
HttpClient::HttpClient(HttpClient&&) noexcept = default;
HttpClient& HttpClient::operator=(HttpClient&&) noexcept = default;

Result<HttpResponse> HttpClient::send(const HttpRequest& request) {
  return guard([&]() -> Result<HttpResponse> {
    State& s = *state_;
    const std::string target = fmt::format("{} {}", http_method_name(request.method), redact_url(request.url));
    if (s.curl == nullptr) {
      return make_error(ErrorCode::kInternal, fmt::format("{}: libcurl could not start a session", target));
    }
    const bool may_retry = is_idempotent(request.method) || request.retryable;
    const int max_attempts = may_retry ? std::max(1, s.options.retry.max_attempts) : 1;
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    for (int attempt = 1;; ++attempt) {
      State::Attempt result = s.perform(request);
      if (result.transfer.too_long) {
        return make_error(ErrorCode::kIo,
                          fmt::format("{}: the response is longer than {} bytes", target, s.options.max_response_bytes));
      }
      const bool last = attempt >= max_attempts;
      if (result.code == CURLE_OK) {
        if (last || !is_retryable_status(result.status)) {
          HttpResponse response;
          response.status = result.status;
          response.headers = std::move(result.transfer.headers);
          response.body = std::move(result.transfer.body);
          response.attempts = attempt;
          return response;
        }
        std::chrono::milliseconds delay = backoff_delay(s.options.retry, attempt + 1, unit(s.rng));
        HttpResponse answered;
        answered.headers = std::move(result.transfer.headers);
        if (auto after = parse_retry_after(answered.header("Retry-After")); after) {
          // The server's own estimate wins over the backoff, within the policy's cap.
          delay = std::max(delay, std::min(*after, s.options.retry.max_backoff));
        }
        s.note(fmt::format("{} → {}; attempt {} of {} in {}", target, result.status, attempt + 1, max_attempts,
                           format_duration(delay)));
        s.wait(delay);
        continue;
      }
      const bool timed_out = result.code == CURLE_OPERATION_TIMEDOUT;
      const std::string what =
          timed_out ? fmt::format("timed out after {}",
                                  format_duration(request.timeout.count() > 0 ? request.timeout : s.options.timeout))
                    : result.detail;
      if (last || !is_transient(result.code)) {
        const std::string attempts = attempt > 1 ? fmt::format(" ({} attempts)", attempt) : "";
        return make_error(ErrorCode::kIo, fmt::format("{}: {}{}", target, what, attempts));
      }
      const std::chrono::milliseconds delay = backoff_delay(s.options.retry, attempt + 1, unit(s.rng));
      s.note(fmt::format("{}: {}; attempt {} of {} in {}", target, what, attempt + 1, max_attempts,
                         format_duration(delay)));
      s.wait(delay);
    }
  });
}

}  // namespace adpilot::net
