// Pipeline results → the report's decisions (each plan action with its state after a dry run or
// an apply, then the decisions not taken) and ad-copy findings. Part of run_build_report.
#pragma once

#include <vector>

#include "adpilot/cli/run_pipeline.h"
#include "adpilot/report/report.h"

namespace adpilot::cli {

std::vector<report::DecisionRow> build_decisions(const RunResults& r);
std::vector<report::CopyFinding> build_copy(const RunResults& r);

}  // namespace adpilot::cli
