// Meta insights rows (JSON, numbers as strings) into the canonical Table: one parsed row per
// entity and day, exact money (decimal text straight to micros), conversions and revenue from
// the actions / action_values of one action type.
#pragma once

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "adpilot/core/money.h"
#include "adpilot/core/result.h"
#include "adpilot/core/table.h"
#include "adpilot/ingest/api/source.h"

namespace adpilot::ingest::api::detail {

// The action types tried in order when none is configured: the pixel's purchases, then all
// purchases across channels, then the plain purchase count. Only the first one present in a row
// is taken; they overlap, so adding them up would count a purchase twice or three times.
inline constexpr std::string_view kMetaDefaultActions[] = {"offsite_conversion.fb_pixel_purchase",
                                                          "omni_purchase", "purchase"};

struct MetaRow {
  Date date = 0;
  std::string campaign_id, campaign_name, adset_id, adset_name, ad_id, ad_name;
  int64_t impressions = 0;
  int64_t clicks = 0;  // inline_link_clicks: link clicks, as Ads Manager's "Link clicks"
  Micros cost = 0;
  double conversions = 0.0;
  Micros revenue = 0;
};

// An entity's current settings, from the campaigns / adsets / ads listing.
struct MetaEntityInfo {
  std::string status;                  // canonical: ENABLED, PAUSED, ARCHIVED, REMOVED
  std::optional<Micros> daily_budget;  // absent: no daily budget at this level
};

// Parses one insights row; `where` locates it in errors ("row 3 of page 2").
Result<MetaRow> parse_meta_row(const nlohmann::json& row, Level level, std::string_view conversion_action,
                               std::string_view where);

// The rows as a canonical Table (date, account_id, campaign_id, campaign_name, ad_group_id,
// ad_group_name, ad_id, ad_name, channel, impressions, clicks, cost, conversions, revenue,
// currency, status, budget); status and budget from `entities` by the level's id.
Table meta_rows_table(const std::vector<MetaRow>& rows, Level level, std::string_view account_id,
                      std::string_view currency, const std::map<std::string, MetaEntityInfo>& entities);

}  // namespace adpilot::ingest::api::detail
