// Placeholder until the renderer lands; replaced by its implementation.
#include "adpilot/report/markdown.h"

namespace adpilot::report {

std::string render_markdown(const Report& report, const std::string&) { return "# " + report.title + "\n"; }

}  // namespace adpilot::report
