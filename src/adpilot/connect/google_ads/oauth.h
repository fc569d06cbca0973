// The OAuth 2.0 refresh-token flow Google Ads uses: POST token_url with grant_type=refresh_token,
// client_id, client_secret and refresh_token (form-encoded) → {"access_token", "expires_in",
// "token_type"}. The token is kept until shortly before it expires, and dropped when the API
// answers UNAUTHENTICATED so the next call fetches a fresh one.
#pragma once

#include <chrono>
#include <functional>
#include <string>

#include "adpilot/connect/settings.h"
#include "adpilot/core/result.h"
#include "adpilot/net/http_client.h"

namespace adpilot::connect::google_ads {

using Clock = std::function<std::chrono::steady_clock::time_point()>;

// A token is refreshed this long before the expiry the endpoint announced, so a request never
// leaves with a token that expires on the way.
inline constexpr std::chrono::seconds kTokenRefreshMargin{60};

class TokenCache {
 public:
  // `now` defaults to steady_clock::now; tests move time forward with their own.
  TokenCache(std::string token_url, const Credentials& credentials, Clock now = {});

  // The cached access token, or a fresh one from the token endpoint. Errors never quote the
  // request (it holds the secrets); they give the endpoint's error code and description.
  Result<std::string> token(net::HttpClient& http);
  void invalidate() { token_.clear(); }
  // The token in use ("" when none), so messages can be scrubbed of it too.
  const std::string& current() const { return token_; }
  int fetches() const { return fetches_; }

 private:
  std::string token_url_;
  std::string client_id_;
  std::string client_secret_;
  std::string refresh_token_;
  Clock now_;
  std::string token_;
  std::chrono::steady_clock::time_point expires_at_{};
  int fetches_ = 0;
};

// application/x-www-form-urlencoded escaping of one value (RFC 3986 unreserved kept).
std::string form_escape(std::string_view value);

}  // namespace adpilot::connect::google_ads
