// Settings → trend options, shared by `trends` and `run`: --window, --direction-window, --as-of,
// --alpha and --metrics.
#pragma once

#include "adpilot/analyze/trend.h"
#include "adpilot/cli/options.h"

namespace adpilot::cli {

Result<analyze::TrendOptions> trend_options_from(const Settings& settings);

}  // namespace adpilot::cli
