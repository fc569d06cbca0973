// Options of one area: plan and rules (decide stage). See options.h for the fields.
#include "adpilot/cli/options.h"

namespace adpilot::cli {

namespace {

using K = OptionKind;

// clang-format off
const OptionDef kOptions[] = {
  {"rules", "r", K::kText, "FILE", "", "",
   "The rules file (YAML, docs/rules.md); default: the bundled data/rules.yaml.", kCmdPlan | kCmdRun},
  {"explain", "", K::kFlag, "", "false", "",
   "Print every decision with the figures, thresholds, guards and guardrails behind it, and the "
   "decisions not taken with their reasons.", kCmdPlan},
};
// clang-format on

}  // namespace

std::span<const OptionDef> decide_option_table() { return kOptions; }

}  // namespace adpilot::cli
