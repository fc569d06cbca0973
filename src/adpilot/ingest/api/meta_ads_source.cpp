#include "adpilot/ingest/api/meta_ads_source.h"

namespace adpilot::ingest::api {

Result<std::unique_ptr<MetricSource>> make_meta_ads_source(const connect::ConnectorSettings&) {
  return make_error(ErrorCode::kInvalidArgument, "the meta_ads source is not built yet");
}

}  // namespace adpilot::ingest::api
