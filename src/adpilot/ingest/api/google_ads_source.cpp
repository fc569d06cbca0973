#include "adpilot/ingest/api/google_ads_source.h"

namespace adpilot::ingest::api {

Result<std::unique_ptr<MetricSource>> make_google_ads_source(const connect::ConnectorSettings&) {
  return make_error(ErrorCode::kInvalidArgument, "the google_ads source is not built yet");
}

}  // namespace adpilot::ingest::api
