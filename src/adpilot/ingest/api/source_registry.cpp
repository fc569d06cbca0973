#include <fmt/format.h>

#include "adpilot/ingest/api/google_ads_source.h"
#include "adpilot/ingest/api/meta_ads_source.h"
#include "adpilot/ingest/api/source.h"

namespace adpilot::ingest::api {

Result<Level> parse_level(std::string_view text) {
  if (text == "campaign") {
    return Level::kCampaign;
  }
  if (text == "ad_group" || text == "adset" || text == "ad_set") {
    return Level::kAdGroup;
  }
  if (text == "ad") {
    return Level::kAd;
  }
  return make_error(ErrorCode::kInvalidArgument,
                    fmt::format("unknown level '{}'; known: campaign, ad_group (Meta: adset), ad", text),
                    ErrorContext{"", 0, 0, "", "--level"});
}

const char* level_name(Level level) {
  switch (level) {
    case Level::kCampaign: return "campaign";
    case Level::kAdGroup: return "ad_group";
    case Level::kAd: return "ad";
  }
  return "campaign";
}

Result<std::unique_ptr<MetricSource>> make_source(const connect::ConnectorSettings& settings) {
  if (settings.platform == connect::kGoogleAds) {
    return make_google_ads_source(settings);
  }
  if (settings.platform == connect::kMetaAds) {
    return make_meta_ads_source(settings);
  }
  return make_error(ErrorCode::kInvalidArgument,
                    fmt::format("unknown source '{}'; known: google_ads, meta_ads", settings.platform),
                    ErrorContext{"", 0, 0, "", "--source"});
}

}  // namespace adpilot::ingest::api
