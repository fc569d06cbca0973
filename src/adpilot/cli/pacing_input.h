// What pacing needs beyond the data, shared by `pacing` and `run`: the budgets file, the month to
// pace and the tolerance, from the settings.
#pragma once

#include <optional>
#include <utility>
#include <vector>

#include "adpilot/analyze/pacing.h"
#include "adpilot/cli/options.h"

namespace adpilot::cli {

struct PacingRequest {
  std::vector<analyze::MonthlyBudget> budgets;
  std::optional<std::pair<int, int>> month;  // --month (year, month); nullopt: the last day's
  double tolerance = 0.10;
};

// Reads --budgets (required), --month and --tolerance; with --month only that month's budgets stay.
Result<PacingRequest> read_pacing_request(const Settings& settings);

// Without --month, pace the month of the last day counted (as_of, else the series' last day).
void keep_paced_month(PacingRequest& request, const std::vector<analyze::DailySeries>& series,
                      std::optional<Date> as_of);

}  // namespace adpilot::cli
