// Daily series per entity: the shape trends, anomalies, forecasts and pacing work on. Built from
// canonical data by grouping on the entity dimensions and the day, with missing days filled as
// zero activity (a campaign that did not deliver spent nothing).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "adpilot/core/date.h"
#include "adpilot/core/result.h"
#include "adpilot/core/table.h"

namespace adpilot::analyze {

enum class Metric : uint8_t {
  kImpressions, kClicks, kCost, kConversions, kRevenue,  // sums
  kCtr, kCpc, kCpm, kCvr, kCpa, kRoas,                    // ratios of sums
};

const char* metric_name(Metric metric);
Result<Metric> parse_metric(std::string_view name);
Result<std::vector<Metric>> parse_metrics(const std::vector<std::string>& names);
bool is_ratio(Metric metric);
// True when a rise is good news (clicks, ROAS) and false when it is bad (CPC, CPA).
bool higher_is_better(Metric metric);

struct DailySeries {
  std::string id;    // the entity's key columns joined with " / "
  std::string name;  // its display names joined the same way ("" when none)
  Date first = 0;    // the date of index 0
  std::vector<double> impressions;
  std::vector<double> clicks;
  std::vector<double> cost;         // currency units
  std::vector<double> conversions;
  std::vector<double> revenue;

  size_t size() const { return cost.size(); }
  Date last() const { return first + static_cast<Date>(size()) - 1; }
  // The metric's sums (numerator, denominator) over days [begin, end) of the series; a sum
  // metric has denominator 1 per day.
  std::pair<double, double> sums(Metric metric, size_t begin, size_t end) const;
  // Ratio of sums over [begin, end); nullopt on a zero denominator.
  std::optional<double> value(Metric metric, size_t begin, size_t end) const;
  // The metric day by day (NaN where a ratio's denominator is 0).
  std::vector<double> daily(Metric metric) const;
};

// One series per distinct value of the `by` dimensions; every series spans the data's whole
// date range, so windows line up across entities. Fails when the data has no dates.
Result<std::vector<DailySeries>> daily_series(const Table& data, const std::vector<std::string>& by);

}  // namespace adpilot::analyze
