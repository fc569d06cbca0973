// Entities of a scope as the data last shows them (name, account, channel, status, budget).
#pragma once

#include <vector>

#include "adpilot/analyze/series.h"
#include "adpilot/core/table.h"
#include "adpilot/decide/plan.h"

namespace adpilot::decide {

// The dimension name of a scope for analyze::daily_series: "campaign", "ad_group", "ad".
const char* scope_dimension(EntityLevel level);

// One snapshot per series, in the same order, from each entity's last row on or before as_of.
std::vector<EntitySnapshot> entity_snapshots(const Table& data, EntityLevel level, Date as_of,
                                             const std::vector<analyze::DailySeries>& series);

// "Active", "enabled" → "ENABLED"; "paused" → "PAUSED"; empty → "ENABLED" (a row that delivered).
std::string normalize_status(std::string_view text);

}  // namespace adpilot::decide
