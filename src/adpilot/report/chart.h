// The report's charts as PNG and SVG files, drawn with cairo: one chart per MetricSeries (the
// daily values, anomalies marked, the forecast fan with its 80% and 95% bands), with dated x
// axis, a y axis in the metric's unit (currency symbol, %, ×), a title and a legend.
#pragma once

#include <string>

#include "adpilot/core/result.h"
#include "adpilot/report/report.h"

namespace adpilot::report {

struct ChartStyle {
  int width = 960;   // pixels (PNG) or points (SVG)
  int height = 420;
};

// A file-safe stem for a series: "account_cost", "cmp_104_cpa".
std::string chart_id(const MetricSeries& series);

// "Spend per day — account"
std::string chart_title(const MetricSeries& series);

// Writes the chart to `path` (the caller writes into a temporary folder and renames it into
// place). The currency symbol labels money axes.
Result<void> write_chart_png(const MetricSeries& series, const std::string& currency_symbol,
                             const std::string& path, const ChartStyle& style = {});
Result<void> write_chart_svg(const MetricSeries& series, const std::string& currency_symbol,
                             const std::string& path, const ChartStyle& style = {});

}  // namespace adpilot::report
