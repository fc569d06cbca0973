// Anomaly detection on a campaign metric's daily series, shared by `anomalies` and `run`: the
// detector options a metric needs and the sentence that explains a flagged day.
#pragma once

#include <string>
#include <vector>

#include "adpilot/analyze/anomaly/detector_registry.h"
#include "adpilot/analyze/series.h"

namespace adpilot::cli {

// Count noise for counts (impressions, clicks, conversions); a weekly period unless one is set.
analyze::anomaly::DetectorOptions metric_detector_options(analyze::anomaly::DetectorOptions base,
                                                          analyze::Metric metric);

// Every day of the series judged by a fresh detector of that name (each day from the days before).
Result<std::vector<analyze::anomaly::PointScore>> score_daily_metric(
    const analyze::anomaly::DetectorRegistry& registry, const std::string& detector,
    const analyze::anomaly::DetectorOptions& base, const analyze::DailySeries& series,
    analyze::Metric metric);

// "cost 2026-08-19 was 3.1x the expected $412.50 (normal range $300.00 to $520.00)"
std::string explain_anomaly(const std::string& metric, const std::string& when,
                            const analyze::anomaly::PointScore& point);

}  // namespace adpilot::cli
