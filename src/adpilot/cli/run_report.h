// Output of apply and undo: a line per action as it is done, then a summary line, or the
// whole report as JSON.
#pragma once

#include <string>

#include "adpilot/act/apply.h"

namespace adpilot::cli {

// "  #0 applied    pause   campaign cmp_104 'Search - Generic Outdoor': status ENABLED → PAUSED"
std::string action_line(const act::ActionOutcome& outcome);
// "run 4 (apply of plan 3f2a…, target simulate): 3 applied, 1 alert, 1 skipped"
std::string run_summary(const act::RunReport& report, const char* kind);
std::string run_report_json(const act::RunReport& report, const char* kind);

}  // namespace adpilot::cli
