// The Charts section: one <figure> per MetricSeries (its title in the caption, so the page still
// says what each chart is with JavaScript off), the chart data as one JSON block, and the script
// that draws each figure with the embedded uPlot: the daily values, anomalies as red points, the
// forecast mean dashed inside its 80% and 95% bands, a dated x axis (UTC days), a y axis in the
// series' unit and a legend.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "adpilot/report/report.h"

namespace adpilot::report::detail {

void append_charts_section(std::string& out, const Report& report);

// {"symbol": "$", "series": [{"label", "unit", "x": [unix seconds…], "values": […],
//   "anomalies": […] (optional), "forecast": {"model", "mean", "lo80", "hi80", "lo95", "hi95"}
//   (optional)}, …]}: every array aligned on x, null where a series has no point that day.
nlohmann::json chart_data(const Report& report);

// <script type="application/json" id="chart-data">…</script>
void append_chart_data(std::string& out, const Report& report);

// Draws every figure; needs uPlot's script before it.
const char* chart_script();

}  // namespace adpilot::report::detail
