// The page's prose sections: the summary cards and highlights, the decisions with their state
// and rationale, the ad copy findings, the data quality report and the provenance.
#pragma once

#include <string>

#include "adpilot/report/report.h"

namespace adpilot::report::detail {

void append_summary_section(std::string& out, const Report& report);
void append_decisions_section(std::string& out, const Report& report);
void append_copy_section(std::string& out, const Report& report);
void append_quality_section(std::string& out, const Report& report);
void append_provenance_section(std::string& out, const Report& report);

}  // namespace adpilot::report::detail
