// A client for Meta's Graph API (the Marketing API): GET and POST on versioned paths, paging,
// batch requests, the access token in an Authorization header (never in a URL, so no log line or
// error can carry it), appsecret_proof when an app secret is set, Graph errors turned into
// adpilot Errors, throttling retried after a pause, and pacing from the rate-limit headers.
//
//   auto client = meta_ads::GraphClient::create(settings);
//   auto page = (*client)->get((*client)->account() + "/campaigns", {{"fields", "id,name"}},
//                              "listing the campaigns");
#pragma once

#include <nlohmann/json.hpp>

#include <chrono>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "adpilot/connect/meta_ads/graph_error.h"
#include "adpilot/connect/meta_ads/usage.h"
#include "adpilot/connect/settings.h"
#include "adpilot/core/money.h"
#include "adpilot/core/result.h"

namespace adpilot::connect::meta_ads {

// Meta takes at most 50 calls in one batch request.
inline constexpr size_t kMaxBatchCalls = 50;

using Params = std::vector<std::pair<std::string, std::string>>;

// RFC 3986 percent-encoding (unreserved characters kept) and an x-www-form-urlencoded body.
std::string percent_encode(std::string_view text);
std::string form_encode(const Params& params);

// appsecret_proof: the lower-case hex HMAC-SHA256 of the access token keyed by the app secret.
std::string appsecret_proof(std::string_view access_token, std::string_view app_secret);

// The decimals Meta's budget fields use for a currency (its "offset" table: 1 for CLP, COP, CRC,
// HUF, IDR, ISK, JPY, KRW, PYG, TWD and VND, 100 for every other currency it supports — BHD,
// JOD and KWD included, unlike ISO 4217's three). An unknown code is an error.
Result<int> budget_digits(std::string_view currency);

// An object's daily_budget field (minor units, as a string) in micros, with Meta's decimals for
// the currency; nullopt when absent or "0" (the budget is on the ad sets, or a lifetime one).
Result<std::optional<Micros>> daily_budget_of(const nlohmann::json& object, int digits);

// "act_123" from "act_123" or "123"; anything else is an error naming the setting.
Result<std::string> account_node(std::string_view account);

struct BatchCall {
  std::string method;        // GET, POST
  std::string relative_url;  // "v24.0/123?fields=status" (no leading slash)
  std::string body;          // form-encoded, POST only
};

struct BatchAnswer {
  int code = 0;         // the call's HTTP status; 0 when Meta gave no answer for it
  nlohmann::json body;  // its parsed body (null when absent or not JSON)
  std::optional<GraphError> error;
};

struct ClientStats {
  int64_t requests = 0;  // HTTP requests sent, retries included
  int64_t retries = 0;
  std::string usage_note;                       // the last rate-limit reading
  std::chrono::milliseconds paced{0};           // waited because of the usage headers
  std::chrono::milliseconds backed_off{0};      // waited after throttling errors
};

class GraphClient {
 public:
  // Checks the settings (api base and version, account, access_token) without any call.
  static Result<std::unique_ptr<GraphClient>> create(const ConnectorSettings& settings);
  ~GraphClient();
  GraphClient(const GraphClient&) = delete;
  GraphClient& operator=(const GraphClient&) = delete;

  // GET {base}/{version}/{path}?params. `what` names the call in errors ("reading the insights").
  Result<nlohmann::json> get(std::string_view path, const Params& params, std::string_view what);
  // GET a paging.next URL, which must point at the configured API base (the token goes nowhere
  // else); any access_token in it is dropped, as the header carries the token.
  Result<nlohmann::json> get_next(std::string_view url, std::string_view what);
  // POST {base}/{version}/{path} with a form body.
  Result<nlohmann::json> post(std::string_view path, const Params& form, std::string_view what);
  // POST {base}/{version}/ with batch=[…] (at most kMaxBatchCalls): one answer per call, in
  // order. The request as a whole is retried on throttling; per-call errors are the caller's.
  Result<std::vector<BatchAnswer>> batch(std::span<const BatchCall> calls, std::string_view what);

  // "v24.0/" + path: the relative_url of a batch call.
  std::string versioned(std::string_view path) const;
  const std::string& account() const { return account_; }  // "act_123"
  // The account's currency: the setting, or GET act_…?fields=currency once.
  Result<std::string> account_currency();
  const ClientStats& stats() const { return stats_; }
  // Pauses as the settings say (their sleep, or really), counting it; used between batches.
  void pause(std::chrono::milliseconds duration);

 private:
  struct State;
  explicit GraphClient(std::unique_ptr<State> state);
  Result<nlohmann::json> send(net::HttpRequest request, std::string_view what);

  std::unique_ptr<State> state_;
  std::string account_;
  ClientStats stats_;
};

}  // namespace adpilot::connect::meta_ads
