// Google Ads Query Language: the queries adpilot sends, and reading the rows that come back.
// Rows are JSON objects keyed by resource in lowerCamelCase ({"campaign": {"id": "123"},
// "campaignBudget": {"amountMicros": "5000000"}}); int64 fields arrive as JSON strings and are
// parsed exactly (never through a double, which loses digits beyond 2^53).
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "adpilot/core/date.h"
#include "adpilot/core/result.h"

namespace adpilot::connect::google_ads {

// The resource a performance report is read from, one row per entity and day.
enum class ReportResource : uint8_t { kCampaign, kAdGroup, kAdGroupAd };

// SELECT segments.date, campaign.id, …, metrics.conversions_value FROM <resource>
// WHERE segments.date BETWEEN '<since>' AND '<until>'.
std::string performance_query(ReportResource resource, Date since, Date until);
// SELECT customer.currency_code FROM customer
std::string currency_query();
// The state of the given campaigns (status, budget resource name and amount, currency).
std::string campaign_state_query(const std::vector<std::string>& campaign_ids);

// The value at a dotted path of lowerCamelCase names ("metrics.costMicros"); nullptr when absent.
const nlohmann::json* find_path(const nlohmann::json& row, std::string_view path);

// An int64 field: a JSON string of digits (the API's encoding) or an integer; exact. Absent →
// `fallback` (the API omits fields at their default, 0); anything else is an error naming path.
Result<int64_t> int64_at(const nlohmann::json& row, std::string_view path, std::optional<int64_t> fallback = {});
// A double field (conversions); absent → 0.
Result<double> double_at(const nlohmann::json& row, std::string_view path);
// A string field, viewing into the row (valid while it lives); absent → "".
std::string_view string_at(const nlohmann::json& row, std::string_view path);

// Digits-only text of an id, exactly: "123" → 123; anything else → nullopt.
std::optional<int64_t> parse_id(std::string_view text);

}  // namespace adpilot::connect::google_ads
