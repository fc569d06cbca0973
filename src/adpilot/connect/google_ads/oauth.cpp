#include "adpilot/connect/google_ads/oauth.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace adpilot::connect::google_ads {

std::string form_escape(std::string_view value) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(value.size());
  for (const char c : value) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) != 0 || c == '-' || c == '.' || c == '_' || c == '~') {
      out += c;
    } else {
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 0x0F];
    }
  }
  return out;
}

TokenCache::TokenCache(std::string token_url, const Credentials& credentials, Clock now)
    : token_url_(std::move(token_url)),
      client_id_(credentials.get("client_id")),
      client_secret_(credentials.get("client_secret")),
      refresh_token_(credentials.get("refresh_token")),
      now_(now ? std::move(now) : Clock([] { return std::chrono::steady_clock::now(); })) {}

Result<std::string> TokenCache::token(net::HttpClient& http) {
  if (!token_.empty() && now_() + kTokenRefreshMargin < expires_at_) {
    return token_;
  }
  token_.clear();
  net::HttpRequest request;
  request.method = net::HttpMethod::kPost;
  request.url = token_url_;
  request.headers = {{"Content-Type", "application/x-www-form-urlencoded"}, {"Accept", "application/json"}};
  request.body = "grant_type=refresh_token&client_id=" + form_escape(client_id_) +
                 "&client_secret=" + form_escape(client_secret_) + "&refresh_token=" + form_escape(refresh_token_);
  request.retryable = true;  // asking for a token twice changes nothing
  ++fetches_;
  auto response = http.send(request);
  if (!response.ok()) {
    return make_error(response.error().code,
                      fmt::format("Google OAuth: could not get an access token: {}", response.error().message));
  }
  const auto body = nlohmann::json::parse(response->body, nullptr, false);
  if (!response->ok()) {
    // {"error": "invalid_grant", "error_description": "Token has been expired or revoked."}
    std::string reason = fmt::format("HTTP {}", response->status);
    if (body.is_object() && body.contains("error") && body["error"].is_string()) {
      reason = body["error"].get<std::string>();
      if (body.contains("error_description") && body["error_description"].is_string()) {
        reason += ": " + body["error_description"].get<std::string>();
      }
    }
    return make_error(ErrorCode::kInvalidArgument,
                      fmt::format("Google OAuth refused the refresh token ({}) at {}", reason,
                                  net::redact_url(token_url_)),
                      ErrorContext{"", 0, 0, "refresh_token", ""},
                      "check client_id, client_secret and refresh_token, or create a new refresh token; "
                      "see docs/connectors.md");
  }
  if (!body.is_object() || !body.contains("access_token") || !body["access_token"].is_string() ||
      body["access_token"].get<std::string>().empty()) {
    return make_error(ErrorCode::kParse, "Google OAuth: the token endpoint's answer has no access_token");
  }
  int64_t lifetime = 3600;  // the documented default when expires_in is absent
  if (body.contains("expires_in") && body["expires_in"].is_number_integer()) {
    lifetime = body["expires_in"].get<int64_t>();
  }
  token_ = body["access_token"].get<std::string>();
  expires_at_ = now_() + std::chrono::seconds(lifetime);
  return token_;
}

}  // namespace adpilot::connect::google_ads
