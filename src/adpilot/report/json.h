// The report as JSON: the stable schema of docs/report.md (schema_version, then one key per
// section; undefined values are null, dates ISO-8601 strings).
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "adpilot/report/report.h"

namespace adpilot::report {

// Keys in the order of docs/report.md (schema_version first), as render_json writes them.
nlohmann::ordered_json report_to_ordered_json(const Report& report);
// The same document as a plain nlohmann::json (whose objects sort their keys).
nlohmann::json report_to_json(const Report& report);
std::string render_json(const Report& report);  // two-space indented, newline at the end

}  // namespace adpilot::report
