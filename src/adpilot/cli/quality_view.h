// The data-quality report as text (for `adpilot check` and the demo) and as JSON.
#pragma once

#include <string>

#include "adpilot/ingest/quality.h"

namespace adpilot::cli {

std::string quality_text(const ingest::IngestReport& report, bool verbose);
std::string quality_json(const ingest::IngestReport& report);
// True when any policy found something worth a look (check exits 1 then).
bool has_findings(const ingest::QualityCounts& counts);

}  // namespace adpilot::cli
