// Trends: period over period (the last N days against the N before, with a test fit for each
// metric) and direction over a longer window (Theil–Sen slope, Mann–Kendall test), per entity
// and metric. Findings are values for decide and report; trends_table() is the user's view.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "adpilot/analyze/series.h"
#include "adpilot/core/result.h"
#include "adpilot/core/table.h"

namespace adpilot::analyze {

struct TrendOptions {
  int window_days = 7;      // N: the last N days against the N before
  int direction_days = 28;  // the window of the slope and the Mann–Kendall test
  std::optional<Date> as_of;  // the last day counted; default: the data's last day
  double alpha = 0.05;
  std::vector<Metric> metrics = {Metric::kImpressions, Metric::kClicks, Metric::kCost,
                                 Metric::kConversions, Metric::kRevenue, Metric::kCtr,
                                 Metric::kCpc, Metric::kCvr, Metric::kCpa, Metric::kRoas};
};

struct TrendFinding {
  std::string entity_id;
  std::string entity_name;
  Metric metric = Metric::kClicks;
  Date recent_start = 0;
  Date recent_end = 0;
  Date prior_start = 0;
  Date prior_end = 0;
  std::optional<double> recent;
  std::optional<double> prior;
  std::optional<double> abs_change;
  std::optional<double> rel_change;  // (recent − prior) / prior
  std::string test;                  // "two-proportion z", "quasi-Poisson rate", "Welch t", "ratio delta"
  std::optional<double> p_value;
  bool significant = false;
  double support = 0.0;              // the counts behind the test (both windows)
  std::string support_unit;          // "clicks", "conversions", "impressions", "days"
  double slope_per_day = 0.0;        // Theil–Sen over the direction window
  double kendall_tau = 0.0;
  double trend_p_value = 1.0;
  std::string direction;             // "rising", "falling" or "flat"
  std::string summary;               // "CTR fell 18% (p = 0.003)"
};

Result<std::vector<TrendFinding>> compute_trends(const std::vector<DailySeries>& series,
                                                 const TrendOptions& options);

// Columns: entity_id, entity_name, metric, recent_start, recent_end, recent, prior, abs_change,
// rel_change, test, p_value, significant, support, support_unit, slope_per_day, kendall_tau,
// trend_p_value, direction, summary.
Table trends_table(const std::vector<TrendFinding>& findings);

}  // namespace adpilot::analyze
