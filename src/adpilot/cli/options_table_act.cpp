// Options of one area: Apply, history, state, undo and the SQLite store (act and store stages). See options.h for the fields.
#include <cstdint>

#include "adpilot/cli/options.h"

namespace adpilot::cli {

namespace {

using K = OptionKind;

// clang-format off
const OptionDef kOptions[] = {
  {"db", "", K::kText, "PATH", "", "",
   "The store (one SQLite file: runs, audit log, simulated platform state). Default: "
   "$XDG_DATA_HOME/adpilot/adpilot.db, or ~/.local/share/adpilot/adpilot.db.", kCmdStore},
  {"target", "", K::kText, "NAME", "simulate", "",
   "Where the plan's actions are carried out: simulate (the simulated platform state in the "
   "store), google_ads or meta_ads (the platform's API; docs/connectors.md).",
   kCmdApply | kCmdPlan | kCmdRun},
  {"entity", "", K::kText, "ID", "", "", "Only the audit rows of this campaign, ad group or ad id.",
   kCmdHistory},
  {"since", "", K::kDate, "DATE", "", "", "Only audit rows recorded on or after DATE (YYYY-MM-DD, UTC).",
   kCmdHistory},
  {"run", "", K::kInt, "RUN_ID", "0", "", "Only the audit rows of this run (0: every run).", kCmdHistory,
   0, INT64_MAX},
};
// clang-format on

}  // namespace

std::span<const OptionDef> act_option_table() { return kOptions; }

}  // namespace adpilot::cli
