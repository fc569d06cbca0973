#include "adpilot/cli/connector_settings.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>

namespace adpilot::cli {

std::string default_credentials_path() {
  const char* config = std::getenv("XDG_CONFIG_HOME");
  std::filesystem::path base;
  if (config != nullptr && *config != '\0') {
    base = config;
  } else if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0') {
    base = std::filesystem::path(home) / ".config";
  } else {
    return "";
  }
  return (base / "adpilot" / "credentials.yaml").string();
}

connect::SettingsResolver make_settings_resolver(const Settings& settings,
                                                 const std::string& account_fallback) {
  // Copy what is needed: the resolver may outlive `settings`' owner's stack frame.
  const std::string account = settings.text("account").empty() ? account_fallback : settings.text("account");
  const std::string api_base = settings.text("api-base");
  const std::string token_url = settings.text("token-url");
  const std::string api_version = settings.text("api-version");
  std::string credentials_file = settings.text("credentials");
  if (credentials_file.empty()) {
    const std::string fallback = default_credentials_path();
    if (!fallback.empty() && std::filesystem::exists(fallback)) {
      credentials_file = fallback;
    }
  }
  const std::string conversion_action = settings.text("conversion-action");
  const int64_t timeout_s = settings.integer("api-timeout");
  const int64_t attempts = settings.integer("api-attempts");
  return [=](const std::string& platform) -> Result<connect::ConnectorSettings> {
    connect::ConnectorSettings out;
    out.platform = platform;
    const bool google = platform == connect::kGoogleAds;
    if (!google && platform != connect::kMetaAds) {
      return make_error(ErrorCode::kInvalidArgument,
                        "unknown platform '" + platform + "'; known: google_ads, meta_ads");
    }
    out.account = account;
    if (google) {
      out.account.erase(std::remove(out.account.begin(), out.account.end(), '-'), out.account.end());
    }
    if (out.account.empty()) {
      return make_error(ErrorCode::kInvalidArgument, "no ad account given for " + platform,
                        ErrorContext{"", 0, 0, "", "--account"},
                        google ? "give the customer id, e.g. --account 123-456-7890"
                               : "give the ad account id, e.g. --account act_1234567890");
    }
    out.api_base = api_base.empty() ? (google ? connect::kGoogleAdsApiBase : connect::kMetaApiBase) : api_base;
    while (!out.api_base.empty() && out.api_base.back() == '/') {
      out.api_base.pop_back();
    }
    out.token_url = token_url.empty() ? connect::kGoogleAdsTokenUrl : token_url;
    out.api_version =
        api_version.empty() ? (google ? connect::kGoogleAdsApiVersion : connect::kMetaApiVersion) : api_version;
    auto credentials = connect::load_credentials(platform, credentials_file);
    if (!credentials.ok()) {
      return credentials.error();
    }
    out.credentials = std::move(*credentials);
    out.conversion_action = conversion_action;
    out.http.timeout = std::chrono::milliseconds(timeout_s * 1000);
    out.http.retry.max_attempts = static_cast<int>(attempts);
    return out;
  };
}

act::ExecutorRegistry make_cli_executor_registry(const Settings& settings, const std::string& account_fallback) {
  return act::make_executor_registry(make_settings_resolver(settings, account_fallback));
}

}  // namespace adpilot::cli
