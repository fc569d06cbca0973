// Budget pacing: for each campaign with a monthly budget, the spend so far, the projected
// month-end spend with an interval (spend so far + the forecast of the remaining days), a verdict
// and the daily budget that would land on target.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "adpilot/analyze/forecast/forecaster.h"
#include "adpilot/analyze/series.h"
#include "adpilot/core/result.h"
#include "adpilot/core/table.h"

namespace adpilot::analyze {

struct MonthlyBudget {
  std::string campaign_id;
  int year = 0;
  int month = 0;  // 1..12
  double amount = 0.0;
};

// budgets.csv: campaign_id,month,budget (month YYYY-MM), or campaign_id,budget with default_month.
Result<std::vector<MonthlyBudget>> read_budgets(const std::string& path,
                                                std::optional<std::pair<int, int>> default_month);

struct PacingOptions {
  std::optional<Date> as_of;     // default: the data's last day
  double tolerance = 0.10;       // projected within ±10 % of the budget is on track
  std::string model = "auto";    // forecaster for the remaining days' spend
  std::vector<double> levels = {80, 95};
};

struct PacingRow {
  std::string campaign_id;
  std::string campaign_name;
  std::string month;             // YYYY-MM
  double budget = 0.0;
  double spend_to_date = 0.0;
  int days_elapsed = 0;
  int days_remaining = 0;
  double projected = 0.0;        // month-end spend
  double projected_low_80 = 0.0;
  double projected_high_80 = 0.0;
  double projected_low_95 = 0.0;
  double projected_high_95 = 0.0;
  double projected_share = 0.0;  // projected / budget
  std::string verdict;           // "on track", "under-pacing", "over-pacing", "exhausted"
  std::optional<double> recommended_daily_budget;
  std::string model;
  std::string explanation;
};

Result<std::vector<PacingRow>> compute_pacing(const std::vector<DailySeries>& campaigns,
                                              const std::vector<MonthlyBudget>& budgets,
                                              const forecast::ForecasterRegistry& registry,
                                              const PacingOptions& options);

Table pacing_table(const std::vector<PacingRow>& rows);

}  // namespace adpilot::analyze
