// The short summary `adpilot run` prints on stdout: the data, the headline figures against the
// previous period, what was decided and done, and where the report is.
#pragma once

#include <string>

#include "adpilot/report/report.h"
#include "adpilot/report/write.h"

namespace adpilot::cli {

std::string pipeline_summary(const report::Report& report, const report::WrittenReport& written);

}  // namespace adpilot::cli
