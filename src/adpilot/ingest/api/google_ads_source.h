// Google Ads API (REST) reader: googleAds:searchStream with GAQL, into the canonical Table.
#pragma once

#include "adpilot/ingest/api/source.h"

namespace adpilot::ingest::api {

Result<std::unique_ptr<MetricSource>> make_google_ads_source(const connect::ConnectorSettings& settings);

}  // namespace adpilot::ingest::api
