// Options of one area: Run: the whole pipeline and its report output. See options.h for the fields.
#include <cstdint>

#include "adpilot/cli/options.h"

namespace adpilot::cli {

namespace {

using K = OptionKind;

// clang-format off
const OptionDef kOptions[] = {
  {"apply", "", K::kFlag, "", "false", "",
   "Carry the plan out on the target (default: plan only, nothing changes).", kCmdRun},
};
// clang-format on

}  // namespace

std::span<const OptionDef> run_option_table() { return kOptions; }

}  // namespace adpilot::cli
