// Options of one area: Ad-copy analysis (nlp stage). See options.h for the fields.
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

std::span<const OptionDef> copy_option_table() { return std::span(kOptions).subspan(1); }

}  // namespace adpilot::cli
