// Options of one area: Plan and rules (decide stage). See options.h for the fields.
#include "adpilot/cli/options.h"

namespace adpilot::cli {

namespace {

using K = OptionKind;

// clang-format off
const OptionDef kOptions[] = {
  {"", "", K::kFlag, "", "", "", "", 0},  // placeholder until the area declares its options
};
// clang-format on

}  // namespace

std::span<const OptionDef> decide_option_table() { return std::span(kOptions).subspan(1); }

}  // namespace adpilot::cli
