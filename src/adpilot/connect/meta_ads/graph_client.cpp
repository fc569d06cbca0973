#include "adpilot/connect/meta_ads/graph_client.h"

#include <fmt/format.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <random>
#include <thread>

#include "adpilot/core/currency.h"
#include "adpilot/net/http_client.h"

namespace adpilot::connect::meta_ads {

namespace {

bool is_unreserved(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
         c == '_' || c == '~';
}

Error settings_error(std::string message, std::string field, std::string hint = {}) {
  return make_error(ErrorCode::kInvalidArgument, std::move(message), ErrorContext{"", 0, 0, std::move(field), ""},
                    std::move(hint));
}

// Removes the named query parameters from a URL's query.
std::string drop_parameters(std::string_view url, std::initializer_list<std::string_view> names) {
  const size_t question = url.find('?');
  if (question == std::string_view::npos) {
    return std::string(url);
  }
  std::string out(url.substr(0, question));
  std::string_view query = url.substr(question + 1);
  char separator = '?';
  while (!query.empty()) {
    const size_t amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    const std::string_view name = pair.substr(0, pair.find('='));
    if (pair.empty() || std::find(names.begin(), names.end(), name) != names.end()) {
      continue;
    }
    out += separator;
    out += pair;
    separator = '&';
  }
  return out;
}

}  // namespace

std::string percent_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (is_unreserved(c)) {
      out += ch;
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string form_encode(const Params& params) {
  std::string out;
  for (const auto& [name, value] : params) {
    if (!out.empty()) {
      out += '&';
    }
    out += percent_encode(name);
    out += '=';
    out += percent_encode(value);
  }
  return out;
}

std::string appsecret_proof(std::string_view access_token, std::string_view app_secret) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  HMAC(EVP_sha256(), app_secret.data(), static_cast<int>(app_secret.size()),
       reinterpret_cast<const unsigned char*>(access_token.data()), access_token.size(), digest.data(), &length);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(size_t{length} * 2);
  for (unsigned int i = 0; i < length; ++i) {
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 15];
  }
  return out;
}

Result<int> budget_digits(std::string_view currency) {
  // Meta's currency table (Marketing API, "Currency codes"): these take budgets in whole units.
  static constexpr std::array<std::string_view, 11> kWholeUnits = {"CLP", "COP", "CRC", "HUF", "IDR", "ISK",
                                                                   "JPY", "KRW", "PYG", "TWD", "VND"};
  const auto iso = currency_minor_digits(currency);
  if (!iso.ok()) {
    return iso.error();
  }
  return std::find(kWholeUnits.begin(), kWholeUnits.end(), currency) != kWholeUnits.end() ? 0 : 2;
}

Result<std::optional<Micros>> daily_budget_of(const nlohmann::json& object, int digits) {
  const auto it = object.find("daily_budget");
  if (it == object.end() || it->is_null()) {
    return std::optional<Micros>();
  }
  const std::string text = it->is_string() ? it->get<std::string>() : it->dump();
  int64_t minor = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), minor);
  if (ec != std::errc() || end != text.data() + text.size() || minor < 0) {
    return make_error(ErrorCode::kParse,
                      fmt::format("Meta's daily_budget '{}' is not a whole number of minor units", text),
                      ErrorContext{"", 0, 0, "daily_budget", ""});
  }
  if (minor == 0) {
    return std::optional<Micros>();
  }
  auto micros = minor_units_to_micros(minor, digits);
  if (!micros.ok()) {
    return micros.error();
  }
  return std::optional<Micros>(*micros);
}

Result<std::string> account_node(std::string_view account) {
  std::string_view digits = account;
  if (digits.substr(0, 4) == "act_") {
    digits.remove_prefix(4);
  }
  if (digits.empty() || !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return settings_error(fmt::format("'{}' is not a Meta ad account id", account), "account",
                          "give the ad account id as act_<digits> or <digits> (Ads Manager shows it)");
  }
  return "act_" + std::string(digits);
}

struct GraphClient::State {
  ConnectorSettings settings;
  net::HttpClient http;
  std::string base;   // {api_base}/{version}
  std::string proof;  // "" without an app secret
  std::mt19937_64 rng;
  std::chrono::milliseconds pending_pace{0};
  std::optional<std::string> currency;
};

GraphClient::GraphClient(std::unique_ptr<State> state) : state_(std::move(state)) {}
GraphClient::~GraphClient() = default;

Result<std::unique_ptr<GraphClient>> GraphClient::create(const ConnectorSettings& settings) {
  if (settings.api_base.empty() || settings.api_base.back() == '/') {
    return settings_error(fmt::format("the Meta API base '{}' must be scheme://host[:port] without a trailing slash",
                                      settings.api_base),
                          "api_base");
  }
  if (settings.api_version.empty() || settings.api_version.front() != 'v') {
    return settings_error(fmt::format("the Meta API version '{}' must look like v24.0", settings.api_version),
                          "api_version");
  }
  auto account = account_node(settings.account);
  if (!account.ok()) {
    return account.error();
  }
  if (auto missing = settings.credentials.require({"access_token"}); !missing.ok()) {
    return missing.error();
  }
  auto state = std::make_unique<State>(State{settings, net::HttpClient(settings.http),
                                             settings.api_base + "/" + settings.api_version, "",
                                             std::mt19937_64(settings.http.jitter_seed != 0 ? settings.http.jitter_seed
                                                                                             : std::random_device{}()),
                                             std::chrono::milliseconds(0), std::nullopt});
  if (const std::string& secret = settings.credentials.get("app_secret"); !secret.empty()) {
    state->proof = appsecret_proof(settings.credentials.get("access_token"), secret);
  }
  if (!settings.currency.empty()) {
    state->currency = settings.currency;
  }
  auto client = std::unique_ptr<GraphClient>(new GraphClient(std::move(state)));
  client->account_ = std::move(*account);
  return client;
}

std::string GraphClient::versioned(std::string_view path) const {
  return fmt::format("{}/{}", state_->settings.api_version, path);
}

void GraphClient::pause(std::chrono::milliseconds duration) {
  if (duration.count() <= 0) {
    return;
  }
  if (state_->settings.http.sleep) {
    state_->settings.http.sleep(duration);
  } else {
    std::this_thread::sleep_for(duration);
  }
}

Result<nlohmann::json> GraphClient::send(net::HttpRequest request, std::string_view what) {
  State& state = *state_;
  request.headers.push_back({"Authorization", "Bearer " + state.settings.credentials.get("access_token")});
  const net::RetryPolicy& policy = state.settings.http.retry;
  const int max_attempts = std::max(1, policy.max_attempts);
  const auto log = [&](const std::string& line) {
    if (state.settings.http.log) {
      state.settings.http.log(line);
    }
  };
  for (int attempt = 1;; ++attempt) {
    if (state.pending_pace.count() > 0) {
      log(fmt::format("meta_ads: {}; pausing {} ms before {}", stats_.usage_note, state.pending_pace.count(), what));
      pause(state.pending_pace);
      stats_.paced += state.pending_pace;
      state.pending_pace = std::chrono::milliseconds(0);
    }
    auto response = state.http.send(request);
    if (!response.ok()) {
      Error error = response.error();
      error.message = fmt::format("no answer from Meta while {}: {}", what, error.message);
      return error;
    }
    stats_.requests += response->attempts;
    stats_.retries += response->attempts - 1;
    if (const UsageReading reading = read_usage(*response); reading.present) {
      stats_.usage_note = describe(reading);
      state.pending_pace = pace_for(reading);
    }
    if (response->ok()) {
      nlohmann::json json = nlohmann::json::parse(response->body, nullptr, false);
      if (json.is_discarded()) {
        return make_error(ErrorCode::kParse,
                          fmt::format("Meta's answer while {} is not valid JSON ({} bytes, HTTP {})", what,
                                      response->body.size(), response->status),
                          {}, "a proxy or an outage page may stand between adpilot and Meta; try again later");
      }
      return json;
    }
    const auto error = parse_graph_error(response->body, response->status);
    if (!error) {
      return make_error(response->status >= 500 ? ErrorCode::kIo : ErrorCode::kData,
                        fmt::format("Meta answered HTTP {} while {}, without a Graph error object", response->status,
                                    what));
    }
    const GraphErrorKind kind = classify(*error);
    if ((kind == GraphErrorKind::kThrottled || kind == GraphErrorKind::kTransient) && attempt < max_attempts) {
      const double u = std::uniform_real_distribution<double>(0.0, 1.0)(state.rng);
      const auto wait = std::max(net::backoff_delay(policy, attempt + 1, u), state.pending_pace);
      state.pending_pace = std::chrono::milliseconds(0);
      log(fmt::format("meta_ads: {} → code {}{}; attempt {} of {} in {} ms", what, error->code,
                      kind == GraphErrorKind::kThrottled ? " (throttled)" : "", attempt + 1, max_attempts,
                      wait.count()));
      pause(wait);
      stats_.backed_off += wait;
      stats_.retries += 1;
      continue;
    }
    return to_error(*error, what);
  }
}

Result<nlohmann::json> GraphClient::get(std::string_view path, const Params& params, std::string_view what) {
  Params all = params;
  if (!state_->proof.empty()) {
    all.emplace_back("appsecret_proof", state_->proof);
  }
  net::HttpRequest request;
  request.url = fmt::format("{}/{}", state_->base, path);
  if (!all.empty()) {
    request.url += '?';
    request.url += form_encode(all);
  }
  return send(std::move(request), what);
}

Result<nlohmann::json> GraphClient::get_next(std::string_view url, std::string_view what) {
  const std::string prefix = state_->settings.api_base + "/";
  if (url.substr(0, prefix.size()) != prefix) {
    return make_error(ErrorCode::kData,
                      fmt::format("Meta's next page while {} points outside {}; not following it", what,
                                  state_->settings.api_base));
  }
  net::HttpRequest request;
  request.url = drop_parameters(url, {"access_token", "appsecret_proof"});
  if (!state_->proof.empty()) {
    request.url += request.url.find('?') == std::string::npos ? '?' : '&';
    request.url += "appsecret_proof=";
    request.url += state_->proof;
  }
  return send(std::move(request), what);
}

Result<nlohmann::json> GraphClient::post(std::string_view path, const Params& form, std::string_view what) {
  Params all = form;
  if (!state_->proof.empty()) {
    all.emplace_back("appsecret_proof", state_->proof);
  }
  net::HttpRequest request;
  request.method = net::HttpMethod::kPost;
  request.url = fmt::format("{}/{}", state_->base, path);
  request.headers.push_back({"Content-Type", "application/x-www-form-urlencoded"});
  request.body = form_encode(all);
  request.retryable = true;  // adpilot only sets absolute values: sending one twice changes nothing more
  return send(std::move(request), what);
}

Result<std::vector<BatchAnswer>> GraphClient::batch(std::span<const BatchCall> calls, std::string_view what) {
  if (calls.size() > kMaxBatchCalls) {
    return make_error(ErrorCode::kInternal,
                      fmt::format("a Meta batch holds at most {} calls, not {}", kMaxBatchCalls, calls.size()));
  }
  nlohmann::json list = nlohmann::json::array();
  for (const auto& call : calls) {
    nlohmann::json item = {{"method", call.method}, {"relative_url", call.relative_url}};
    if (!call.body.empty()) {
      item["body"] = call.body;
    }
    list.push_back(std::move(item));
  }
  auto json = post("", {{"batch", list.dump()}, {"include_headers", "false"}}, what);
  if (!json.ok()) {
    return json.error();
  }
  if (!json->is_array() || json->size() != calls.size()) {
    return make_error(ErrorCode::kParse,
                      fmt::format("Meta's answer while {} is not a list of {} results", what, calls.size()));
  }
  std::vector<BatchAnswer> answers;
  answers.reserve(calls.size());
  for (const auto& item : *json) {
    BatchAnswer answer;
    if (item.is_object()) {
      answer.code = item.value("code", 0);
      if (const auto body = item.find("body"); body != item.end() && body->is_string()) {
        answer.body = nlohmann::json::parse(body->get<std::string>(), nullptr, false);
        if (answer.body.is_discarded()) {
          answer.body = nullptr;
        }
        if (answer.code < 200 || answer.code >= 300) {
          answer.error = parse_graph_error(body->get<std::string>(), answer.code);
        }
      }
    }
    answers.push_back(std::move(answer));
  }
  return answers;
}

Result<std::string> GraphClient::account_currency() {
  if (state_->currency) {
    return *state_->currency;
  }
  auto json = get(account_, {{"fields", "currency"}}, "reading the ad account's currency");
  if (!json.ok()) {
    return json.error();
  }
  const auto it = json->find("currency");
  if (it == json->end() || !it->is_string() || !currency_minor_digits(it->get<std::string>()).ok()) {
    return make_error(ErrorCode::kParse,
                      fmt::format("Meta's answer for {} holds no ISO 4217 currency", account_),
                      ErrorContext{"", 0, 0, "currency", ""});
  }
  state_->currency = it->get<std::string>();
  return *state_->currency;
}

}  // namespace adpilot::connect::meta_ads
