// Placeholder until the renderer lands; replaced by its implementation.
#include "adpilot/report/json.h"

namespace adpilot::report {

nlohmann::json report_to_json(const Report& report) {
  return {{"schema_version", report.schema_version}, {"title", report.title}};
}
std::string render_json(const Report& report) { return report_to_json(report).dump(2) + "\n"; }

}  // namespace adpilot::report
