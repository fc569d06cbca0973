// The report as Markdown, for chat and e-mail: the same sections as the HTML page, with tables,
// and the chart PNGs linked from `chart_dir` (relative to the Markdown file).
#pragma once

#include <string>

#include "adpilot/report/report.h"

namespace adpilot::report {

std::string render_markdown(const Report& report, const std::string& chart_dir = "charts");

// The same, linking charts/<id>.<chart_extension> ("png" or "svg"); an empty extension leaves
// the chart images out (no chart files were written).
std::string render_markdown(const Report& report, const std::string& chart_dir,
                            const std::string& chart_extension);

}  // namespace adpilot::report
