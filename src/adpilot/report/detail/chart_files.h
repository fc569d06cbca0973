// The chart file stems of a report, one per series in order: chart_id() made unique by a
// numeric suffix ("account_cost", "account_cost_2"), so the folder writer and the Markdown
// links agree even when two series share a scope and metric.
#pragma once

#include <string>
#include <vector>

#include "adpilot/report/report.h"

namespace adpilot::report::detail {

std::vector<std::string> unique_chart_ids(const std::vector<MetricSeries>& series);

}  // namespace adpilot::report::detail
