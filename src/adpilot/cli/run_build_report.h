// Pipeline results → report::Report: every figure the renderers show is chosen and computed here,
// once (report/report.h), so the HTML, Markdown, JSON and charts cannot disagree.
#pragma once

#include <string>

#include "adpilot/cli/run_pipeline.h"
#include "adpilot/report/report.h"

namespace adpilot::cli {

struct ReportContext {
  std::string title;         // "" : "adpilot report" and the data's dates
  std::string generated_at;  // UTC ISO-8601 (report_time())
};

report::Report build_report(const RunResults& results, const ReportContext& context);

// Now in UTC as ISO-8601 ("2026-11-26T03:41:07Z"), or $ADPILOT_NOW when set (reproducible
// reports and golden files).
std::string report_time();

}  // namespace adpilot::cli
