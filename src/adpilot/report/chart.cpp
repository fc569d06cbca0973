// Placeholder until the renderer lands; replaced by its implementation.
#include "adpilot/report/chart.h"

namespace adpilot::report {

std::string chart_id(const MetricSeries& series) { return series.scope + "_" + series.metric; }
std::string chart_title(const MetricSeries& series) { return series.label + " — " + series.scope; }
Result<void> write_chart_png(const MetricSeries&, const std::string&, const std::string&, const ChartStyle&) {
  return make_error(ErrorCode::kInternal, "PNG charts are not built yet");
}
Result<void> write_chart_svg(const MetricSeries&, const std::string&, const std::string&, const ChartStyle&) {
  return make_error(ErrorCode::kInternal, "SVG charts are not built yet");
}

}  // namespace adpilot::report
