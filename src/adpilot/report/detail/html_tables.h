// The page's tables: the KPI table per campaign, the trends and the pacing, and the small script
// that sorts any table marked data-sortable when a column heading is clicked. The tables are
// plain HTML with the figures already formatted, so they read the same with JavaScript off.
#pragma once

#include <string>

#include "adpilot/report/report.h"

namespace adpilot::report::detail {

void append_kpi_section(std::string& out, const Report& report);
void append_trends_section(std::string& out, const Report& report);
void append_pacing_section(std::string& out, const Report& report);

// Click a heading: numbers sort largest first, text A→Z; a second click reverses. Undefined
// values ("—", data-value="") stay last either way, ties keep the report's order, and the
// heading carries aria-sort.
const char* table_sort_script();

}  // namespace adpilot::report::detail
