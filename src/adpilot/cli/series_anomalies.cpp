#include "adpilot/cli/series_anomalies.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "adpilot/core/format_number.h"

namespace adpilot::cli {

namespace an = analyze::anomaly;

an::DetectorOptions metric_detector_options(an::DetectorOptions base, analyze::Metric metric) {
  base.count_data = metric == analyze::Metric::kImpressions || metric == analyze::Metric::kClicks ||
                    metric == analyze::Metric::kConversions;
  if (base.period == 0) {
    base.period = 7;
  }
  return base;
}

Result<std::vector<an::PointScore>> score_daily_metric(const an::DetectorRegistry& registry,
                                                       const std::string& detector_name,
                                                       const an::DetectorOptions& base,
                                                       const analyze::DailySeries& series,
                                                       analyze::Metric metric) {
  auto detector = registry.create(detector_name, metric_detector_options(base, metric));
  if (!detector.ok()) {
    return detector.error();
  }
  std::vector<double> t(series.size());
  for (size_t d = 0; d < series.size(); ++d) {
    t[d] = static_cast<double>(series.first + static_cast<Date>(d)) * 86400.0;
  }
  return an::score_series(**detector, t, series.daily(metric));
}

std::string explain_anomaly(const std::string& metric, const std::string& when,
                            const an::PointScore& point) {
  const double ratio = point.expected != 0.0 ? point.value / point.expected : 0.0;
  const std::string how =
      point.expected > 0 && ratio > 0
          ? (ratio >= 1.0 ? fmt::format("{:.1f}x", ratio) : fmt::format("{:.0f}% of", ratio * 100))
          : (point.value > point.expected ? "above" : "below");
  const std::string unit = metric == "cost" || metric == "revenue" ? "money" : kpi_unit(metric);
  // Counts are shown whole; money, rates and ratios keep their decimals.
  auto show = [&](double v) { return format_kpi(unit == "number" ? std::round(v) : v, unit, ""); };
  return fmt::format("{} {} was {} the expected {} (normal range {} to {})", metric, when,
                     point.value == 0.0 ? "0, against" : how, show(point.expected),
                     show(std::max(0.0, point.lower)), show(point.upper));
}

}  // namespace adpilot::cli
