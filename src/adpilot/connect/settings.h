// Where and as whom adpilot talks to an ad platform: the API's base URL and version, the OAuth
// token endpoint, the account, and the credentials. The same clients run against the real
// platforms or a local server that speaks their wire format (tests/fakes/), because every URL is
// a setting. docs/connectors.md says how to get credentials for each platform.
//
// Credentials come from the environment (ADPILOT_GOOGLE_ADS_REFRESH_TOKEN, …) or from a YAML
// file that only its owner may read; they are never printed or logged: Credentials has no
// operator<< and describe() shows only which keys are set.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "adpilot/core/result.h"
#include "adpilot/net/http_client.h"

namespace adpilot::connect {

inline constexpr const char* kGoogleAds = "google_ads";
inline constexpr const char* kMetaAds = "meta_ads";

// Defaults for the real platforms.
inline constexpr const char* kGoogleAdsApiBase = "https://googleads.googleapis.com";
inline constexpr const char* kGoogleAdsTokenUrl = "https://oauth2.googleapis.com/token";
inline constexpr const char* kGoogleAdsApiVersion = "v22";
inline constexpr const char* kMetaApiBase = "https://graph.facebook.com";
inline constexpr const char* kMetaApiVersion = "v24.0";

// Secret values by key. Keys per platform:
//   google_ads: developer_token, client_id, client_secret, refresh_token, login_customer_id
//               (optional: the manager account)
//   meta_ads:   access_token (a system-user token), app_secret (optional: appsecret_proof)
class Credentials {
 public:
  void set(const std::string& key, std::string value) { values_[key] = std::move(value); }
  bool has(const std::string& key) const { return values_.count(key) > 0; }
  // "" when absent.
  const std::string& get(const std::string& key) const;
  // Fails naming the missing keys and where they would come from (env names, file).
  Result<void> require(const std::vector<std::string>& keys) const;
  // "developer_token, refresh_token (from ~/.config/adpilot/credentials.yaml)": names only.
  std::string describe() const;
  std::string source;  // "environment" or the file's path

 private:
  std::map<std::string, std::string> values_;
};

struct ConnectorSettings {
  std::string platform;     // kGoogleAds, kMetaAds
  std::string account;      // Google: customer id (digits, dashes dropped); Meta: act_<id> or <id>
  std::string api_base;     // scheme://host[:port], no trailing slash
  std::string token_url;    // Google's OAuth token endpoint
  std::string api_version;  // "v22", "v24.0"
  std::string currency;     // the account's ISO 4217 code when known ("" to ask the platform)
  Credentials credentials;
  net::HttpClientOptions http;
  // Executors only: ask the platform to check each change without making it (Google Ads
  // validateOnly; Meta has no equivalent, so its executor checks locally and says so).
  bool validate_only = false;
  // Meta only: the action type counted as a conversion (and its value as revenue); "" takes
  // offsite_conversion.fb_pixel_purchase, then omni_purchase, then purchase (docs/connectors.md).
  std::string conversion_action;
};

// Settings for a platform by name, resolved only when a connector is actually used (so `apply
// --target simulate` never asks for credentials).
using SettingsResolver = std::function<Result<ConnectorSettings>(const std::string& platform)>;

// The environment variable of a credential key: ADPILOT_GOOGLE_ADS_REFRESH_TOKEN.
std::string credential_env_name(const std::string& platform, const std::string& key);

// Reads the platform's credentials: the YAML file first when given (a mapping per platform:
// `google_ads: {refresh_token: …}`), then environment variables override key by key. A file that
// its group or others may read (mode & 077) is refused, with the chmod that fixes it.
Result<Credentials> load_credentials(const std::string& platform, const std::string& file);

}  // namespace adpilot::connect
