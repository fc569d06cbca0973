// Meta Marketing API (Graph) reader: /act_{id}/insights, day by day, into the canonical Table.
#pragma once

#include "adpilot/ingest/api/source.h"

namespace adpilot::ingest::api {

Result<std::unique_ptr<MetricSource>> make_meta_ads_source(const connect::ConnectorSettings& settings);

}  // namespace adpilot::ingest::api
