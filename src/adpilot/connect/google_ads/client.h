// The Google Ads API (REST) client: GAQL reads through googleAds:searchStream and changes through
// <service>:mutate, with the OAuth token, the developer-token and login-customer-id headers on
// every call, a fresh token after an UNAUTHENTICATED answer, retries with backoff where a repeat
// is safe, and a count of the operations spent against the daily quota.
//
//   auto client = google_ads::Client::create(settings);
//   auto rows = (*client)->search_stream(google_ads::currency_query());
//   auto reply = (*client)->mutate("campaigns", operations, /*validate_only=*/false);
//
// Credentials never leave through a message: errors and log lines are built without them, and
// every line is scrubbed of the credential values once more before it goes out.
#pragma once

#include <nlohmann/json.hpp>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "adpilot/connect/google_ads/oauth.h"
#include "adpilot/connect/google_ads/quota.h"
#include "adpilot/connect/settings.h"
#include "adpilot/core/result.h"
#include "adpilot/net/http_client.h"

namespace adpilot::connect::google_ads {

// The answer to one mutate request (always sent with partialFailure, so one refused operation
// does not sink the others).
struct MutateReply {
  // false: the request timed out, the connection dropped or the server failed (5xx), so whether
  // the operations took effect is unknown; the caller re-reads the state before sending again.
  bool answered = true;
  std::string no_answer;                    // why, when !answered
  std::vector<std::string> resource_names;  // per operation; "" for a refused one
  std::vector<std::string> errors;          // per operation; "" when accepted
  std::string request_id;
};

class Client {
 public:
  // Checks the settings first: developer_token, client_id, client_secret and refresh_token
  // present, the account (and login_customer_id, when set) digits once dashes are dropped.
  static Result<std::unique_ptr<Client>> create(const ConnectorSettings& settings, Clock now = {});

  const std::string& customer_id() const { return customer_id_; }
  const ConnectorSettings& settings() const { return settings_; }
  const Usage& usage() const { return usage_; }
  int token_fetches() const { return tokens_.fetches(); }

  // The rows of every batch the stream returns, in order. A read is safe to repeat, so 429, 5xx
  // and timeouts are retried with backoff.
  Result<std::vector<nlohmann::json>> search_stream(const std::string& query);

  // POST {api_base}/{version}/customers/{id}/{service}:mutate with the operations. A 429
  // (RESOURCE_EXHAUSTED: nothing was done) is retried with backoff; a timeout or 5xx is not
  // resent blindly but reported as not answered. A request refused as a whole is an error.
  Result<MutateReply> mutate(std::string_view service, const nlohmann::json& operations, bool validate_only);

  // Through the settings' log callback, scrubbed of credential values.
  void log(const std::string& line) const;
  // Waits as the settings say (tests record instead of sleeping).
  void wait(std::chrono::milliseconds delay) const;
  // The text with every credential value replaced by "***".
  std::string redact(std::string text) const;

 private:
  explicit Client(const ConnectorSettings& settings, Clock now);
  std::string url(std::string_view method) const;
  Result<net::HttpResponse> post(const std::string& url, const std::string& body, bool retryable);
  Error api_error(std::string_view what, const net::HttpResponse& response) const;

  ConnectorSettings settings_;
  std::string customer_id_;
  std::string login_customer_id_;
  std::vector<std::string> secrets_;
  net::HttpClient http_;
  TokenCache tokens_;
  Usage usage_;
};

}  // namespace adpilot::connect::google_ads
