#include <fmt/format.h>

#include "adpilot/ingest/api/google_ads_source.h"
#include "adpilot/ingest/api/meta_ads_source.h"
#include "adpilot/ingest/api/source.h"

namespace adpilot::ingest::api {

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
