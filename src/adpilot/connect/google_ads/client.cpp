#include "adpilot/connect/google_ads/client.h"

#include <fmt/format.h>

#include <algorithm>
#include <random>
#include <thread>

#include "adpilot/connect/google_ads/failure.h"

namespace adpilot::connect::google_ads {

namespace {

using nlohmann::json;

// Customer ids are written 123-456-7890 in the UI; the API wants the digits.
std::string digits_only(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c != '-') {
      out += c;
    }
  }
  return out;
}

bool all_digits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string snippet(std::string_view body) {
  std::string text(body.substr(0, 160));
  std::replace(text.begin(), text.end(), '\n', ' ');
  return body.size() > 160 ? text + "…" : text;
}

}  // namespace

Result<std::unique_ptr<Client>> Client::create(const ConnectorSettings& settings, Clock now) {
  if (auto present = settings.credentials.require({"developer_token", "client_id", "client_secret", "refresh_token"});
      !present.ok()) {
    return present.error();
  }
  const std::string account = digits_only(settings.account);
  if (account.empty()) {
    return make_error(ErrorCode::kInvalidArgument, "google_ads needs the account: the customer id (123-456-7890)",
                      ErrorContext{"", 0, 0, "account", "--account"});
  }
  if (!all_digits(account)) {
    return make_error(ErrorCode::kInvalidArgument,
                      fmt::format("a Google Ads account is a customer id of digits (123-456-7890), not '{}'",
                                  settings.account),
                      ErrorContext{"", 0, 0, "account", "--account"});
  }
  const std::string login = digits_only(settings.credentials.get("login_customer_id"));
  if (!login.empty() && !all_digits(login)) {
    return make_error(ErrorCode::kInvalidArgument,
                      "login_customer_id must be the manager account's customer id (digits)",
                      ErrorContext{settings.credentials.source, 0, 0, "login_customer_id", ""});
  }
  for (const auto& [value, option] : {std::pair{&settings.api_base, "--api-base"},
                                      std::pair{&settings.api_version, "--api-version"},
                                      std::pair{&settings.token_url, "--token-url"}}) {
    if (value->empty()) {
      return make_error(ErrorCode::kInvalidArgument, fmt::format("google_ads needs {}", option + 2),
                        ErrorContext{"", 0, 0, "", option});
    }
  }
  auto client = std::unique_ptr<Client>(new Client(settings, std::move(now)));
  client->customer_id_ = account;
  client->login_customer_id_ = login;
  return client;
}

Client::Client(const ConnectorSettings& settings, Clock now)
    : settings_(settings),
      secrets_([&] {
        std::vector<std::string> values;
        for (const char* key : {"developer_token", "client_id", "client_secret", "refresh_token"}) {
          if (const std::string& value = settings.credentials.get(key); value.size() >= 4) {
            values.push_back(value);
          }
        }
        return values;
      }()),
      http_([&] {
        net::HttpClientOptions options = settings.http;
        if (options.log) {
          options.log = [this, sink = settings.http.log](const std::string& line) { sink(redact(line)); };
        }
        return options;
      }()),
      tokens_(settings.token_url, settings.credentials, std::move(now)) {
  while (!settings_.api_base.empty() && settings_.api_base.back() == '/') {
    settings_.api_base.pop_back();
  }
}

std::string Client::redact(std::string text) const {
  const auto scrub = [&text](const std::string& secret) {
    if (secret.empty()) {
      return;
    }
    for (size_t at = text.find(secret); at != std::string::npos; at = text.find(secret, at + 3)) {
      text.replace(at, secret.size(), "***");
    }
  };
  for (const auto& secret : secrets_) {
    scrub(secret);
  }
  scrub(tokens_.current());
  return text;
}

void Client::log(const std::string& line) const {
  if (settings_.http.log) {
    settings_.http.log(redact(line));
  }
}

void Client::wait(std::chrono::milliseconds delay) const {
  if (settings_.http.sleep) {
    settings_.http.sleep(delay);
  } else {
    std::this_thread::sleep_for(delay);
  }
}

std::string Client::url(std::string_view method) const {
  return fmt::format("{}/{}/customers/{}/{}", settings_.api_base, settings_.api_version, customer_id_, method);
}

Result<net::HttpResponse> Client::post(const std::string& target, const std::string& body, bool retryable) {
  for (int auth_attempt = 1;; ++auth_attempt) {
    auto token = tokens_.token(http_);
    usage_.token_requests = tokens_.fetches();
    if (!token.ok()) {
      Error error = token.error();
      error.message = redact(error.message);
      return error;
    }
    net::HttpRequest request;
    request.method = net::HttpMethod::kPost;
    request.url = target;
    request.body = body;
    request.retryable = retryable;
    request.headers = {{"developer-token", settings_.credentials.get("developer_token")},
                       {"Authorization", "Bearer " + *token},
                       {"Content-Type", "application/json"},
                       {"Accept", "application/json"}};
    if (!login_customer_id_.empty()) {
      request.headers.push_back({"login-customer-id", login_customer_id_});
    }
    auto response = http_.send(request);
    if (!response.ok()) {
      const int64_t sent = retryable ? std::max(1, settings_.http.retry.max_attempts) : 1;
      usage_.requests += sent;
      usage_.retries += sent - 1;
      Error error = response.error();
      error.message = redact(error.message);
      return error;
    }
    usage_.requests += response->attempts;
    usage_.retries += response->attempts - 1;
    if (response->status == 401 && auth_attempt == 1) {
      // The token expired or was revoked early: one fresh token, one more try.
      tokens_.invalidate();
      log(fmt::format("POST {} → 401 UNAUTHENTICATED; fetching a new access token and sending again",
                      net::redact_url(target)));
      continue;
    }
    return response;
  }
}

Error Client::api_error(std::string_view what, const net::HttpResponse& response) const {
  const auto failure = parse_error_body(response.body, response.status);
  std::string text;
  if (failure) {
    Failure copy = *failure;
    if (copy.request_id.empty()) {
      copy.request_id = std::string(response.header("request-id"));
    }
    text = describe_failure(copy);
  } else {
    text = fmt::format("HTTP {}: {}", response.status, snippet(response.body));
  }
  ErrorCode code = ErrorCode::kInvalidArgument;
  std::string hint;
  if (response.status == 401 || response.status == 403) {
    hint = "check the developer token, the OAuth credentials, login_customer_id and the account's access; "
           "see docs/connectors.md";
  } else if (response.status == 404) {
    code = ErrorCode::kNotFound;
    hint = "check --api-base and --api-version";
  } else if (response.status == 429 || response.status >= 500) {
    code = ErrorCode::kIo;
    hint = response.status == 429 ? "the account or developer token is over its rate or daily quota; try later"
                                  : "the Google Ads API is failing; try again later";
  }
  return make_error(code, redact(fmt::format("Google Ads {} for customer {}: {}", what, customer_id_, text)), {},
                    std::move(hint));
}

Result<std::vector<json>> Client::search_stream(const std::string& query) {
  const std::string target = url("googleAds:searchStream");
  auto response = post(target, json{{"query", query}}.dump(), true);
  if (!response.ok()) {
    return response.error();
  }
  if (!response->ok()) {
    return api_error("searchStream", *response);
  }
  ++usage_.operations;
  json parsed = json::parse(response->body, nullptr, false);
  const auto malformed = [&](std::string_view why) {
    return make_error(ErrorCode::kParse,
                      fmt::format("Google Ads searchStream for customer {}: the answer {} (request id {}): {}",
                                  customer_id_, why, response->header("request-id"), snippet(response->body)));
  };
  if (parsed.is_discarded()) {
    return malformed("is not valid JSON");
  }
  if (!parsed.is_array()) {
    return malformed("is not an array of result batches");
  }
  std::vector<json> rows;
  for (auto& batch : parsed) {
    if (!batch.is_object()) {
      return malformed("holds a batch that is not an object");
    }
    if (batch.contains("error")) {
      Failure failure;
      if (auto inner = parse_error_body(json::array({batch}).dump(), response->status)) {
        failure = *inner;
      }
      return make_error(ErrorCode::kIo, redact(fmt::format("Google Ads searchStream for customer {} failed mid-stream: {}",
                                                           customer_id_, describe_failure(failure))));
    }
    const auto results = batch.find("results");
    if (results == batch.end()) {
      continue;  // a batch without rows (the stream's summary, or an empty report)
    }
    if (!results->is_array()) {
      return malformed("has \"results\" that is not an array");
    }
    for (auto& row : *results) {
      rows.push_back(std::move(row));  // moved out of the parsed answer, not copied
    }
  }
  return rows;
}

Result<MutateReply> Client::mutate(std::string_view service, const json& operations, bool validate_only) {
  const std::string target = url(fmt::format("{}:mutate", service));
  const std::string what = fmt::format("{}:mutate", service);
  const std::string body =
      json{{"operations", operations}, {"partialFailure", true}, {"validateOnly", validate_only}}.dump();
  const size_t count = operations.size();
  const int max_attempts = std::max(1, settings_.http.retry.max_attempts);
  std::mt19937_64 rng(settings_.http.jitter_seed != 0 ? settings_.http.jitter_seed : std::random_device{}());
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  for (int attempt = 1;; ++attempt) {
    auto response = post(target, body, false);
    MutateReply reply;
    if (!response.ok()) {
      // No answer: the request may have arrived and been carried out.
      reply.answered = false;
      reply.no_answer = response.error().message;
      return reply;
    }
    if (response->status == 429 && attempt < max_attempts) {
      // RESOURCE_EXHAUSTED: refused before anything was done, so sending again is safe.
      std::chrono::milliseconds delay = net::backoff_delay(settings_.http.retry, attempt + 1, unit(rng));
      if (auto after = net::parse_retry_after(response->header("Retry-After"))) {
        delay = std::max(delay, std::min(*after, settings_.http.retry.max_backoff));
      }
      log(fmt::format("POST {} → 429 RESOURCE_EXHAUSTED; attempt {} of {} in {} ms", net::redact_url(target),
                      attempt + 1, max_attempts, delay.count()));
      ++usage_.retries;
      wait(delay);
      continue;
    }
    if (response->status >= 500) {
      reply.answered = false;
      reply.no_answer = api_error(what, *response).message;
      return reply;
    }
    if (!response->ok()) {
      return api_error(what, *response);
    }
    usage_.operations += static_cast<int64_t>(count);
    const json parsed = json::parse(response->body, nullptr, false);
    if (!parsed.is_object()) {
      // A 200 we cannot read: the changes were probably made; let the caller look.
      reply.answered = false;
      reply.no_answer = fmt::format("Google Ads {}: the answer is not valid JSON: {}", what, snippet(response->body));
      return reply;
    }
    reply.resource_names.assign(count, "");
    reply.errors.assign(count, "");
    if (const auto results = parsed.find("results"); results != parsed.end() && results->is_array()) {
      for (size_t i = 0; i < results->size() && i < count; ++i) {
        const json& result = (*results)[i];
        if (result.is_object() && result.contains("resourceName") && result["resourceName"].is_string()) {
          reply.resource_names[i] = result["resourceName"].get<std::string>();
        }
      }
    }
    reply.request_id = std::string(response->header("request-id"));
    if (const auto partial = parsed.find("partialFailureError"); partial != parsed.end() && partial->is_object()) {
      Failure failure;
      parse_status_details(*partial, failure);
      if (!failure.request_id.empty()) {
        reply.request_id = failure.request_id;
      }
      bool placed = false;
      for (const auto& detail : failure.errors) {
        if (detail.operation && *detail.operation >= 0 && static_cast<size_t>(*detail.operation) < count) {
          std::string& slot = reply.errors[static_cast<size_t>(*detail.operation)];
          slot += (slot.empty() ? "" : "; ") + describe_detail(detail);
          placed = true;
        }
      }
      if (!placed) {
        // A partial failure that names no operation: refuse them all rather than guess.
        const std::string text = failure.message.empty() ? describe_failure(failure) : failure.message;
        for (auto& slot : reply.errors) {
          slot = text;
        }
      }
      for (size_t i = 0; i < count; ++i) {
        reply.errors[i] = redact(reply.errors[i]);
      }
    }
    return reply;
  }
}

}  // namespace adpilot::connect::google_ads
