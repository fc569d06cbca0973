// The report as JSON: the stable schema of docs/report.md (schema_version, then one key per
// section; undefined values are null, dates ISO-8601 strings).
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "adpilot/report/report.h"

namespace adpilot::report {

nlohmann::json report_to_json(const Report& report);
std::string render_json(const Report& report);  // two-space indented, newline at the end

}  // namespace adpilot::report
