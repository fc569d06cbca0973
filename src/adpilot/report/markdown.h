// The report as Markdown, for chat and e-mail: the same sections as the HTML page, with tables,
// and the chart PNGs linked from `chart_dir` (relative to the Markdown file).
#pragma once

#include <string>

#include "adpilot/report/report.h"

namespace adpilot::report {

std::string render_markdown(const Report& report, const std::string& chart_dir = "charts");

}  // namespace adpilot::report
