// Options of one area: Connect: ad-platform accounts, API endpoints and credentials (sync, platform targets). See options.h for the fields.
#include <cstdint>

#include "adpilot/cli/options.h"

namespace adpilot::cli {

namespace {

using K = OptionKind;

// clang-format off
const OptionDef kOptions[] = {
  {"account", "", K::kText, "ID", "", "",
   "The ad account: a Google Ads customer id or a Meta ad account id.", kCmdSync | kCmdApply},
};
// clang-format on

}  // namespace

std::span<const OptionDef> connect_option_table() { return kOptions; }

}  // namespace adpilot::cli
