// Google Ads report rows (googleAds:searchStream results) → the canonical Table.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "adpilot/core/result.h"
#include "adpilot/core/table.h"
#include "adpilot/ingest/api/source.h"

namespace adpilot::ingest::api::detail {

// One canonical row per report row: date, account_id, campaign_id, campaign_name (ad_group_id,
// ad_group_name at ad-group and ad level; ad_id, ad_name at ad level), channel (google_ads),
// impressions, clicks, cost, conversions, revenue, currency, status, and budget (campaign level).
// Money stays in micros as the API gives it (cost exactly; conversion value, a double in
// currency units, rounded to the micro). A row without a date or id, or with a value of the
// wrong type, is an error naming the row and field.
Result<Table> google_ads_table(const std::vector<nlohmann::json>& rows, Level level, const std::string& account_id,
                               const std::string& currency);

}  // namespace adpilot::ingest::api::detail
