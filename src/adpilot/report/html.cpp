// Placeholder until the renderer lands; replaced by its implementation.
#include "adpilot/report/html.h"

namespace adpilot::report {

std::string render_html(const Report& report) { return "<!doctype html><title>" + report.title + "</title>\n"; }

}  // namespace adpilot::report
