// Options of one area: Run: the whole pipeline and its report output. See options.h for the fields.
// run also sees the ingest options, the analyses' --window, --as-of, --horizon, --level,
// --detector, --budgets …, and plan's --rules: they mean the same there. Forecast's --model and
// copy's --model mean different things, so run names them --forecast-model and --copy-model.
#include <cstdint>

#include "adpilot/cli/options.h"

namespace adpilot::cli {

namespace {

using K = OptionKind;

// clang-format off
const OptionDef kOptions[] = {
  {"apply", "", K::kFlag, "", "false", "",
   "Carry the plan out on the target (default: plan only, nothing changes).", kCmdRun},
  {"report-dir", "", K::kText, "DIR", "adpilot-report", "",
   "The folder the report is written to (report.html, report.md, report.json, charts/); it is "
   "replaced whole. demo's default is adpilot-demo-report.", kCmdRun | kCmdDemo},
  {"title", "", K::kText, "TEXT", "", "",
   "The report's title (default: 'adpilot report' and the data's date range).", kCmdRun | kCmdDemo},
  {"forecast-model", "", K::kText, "NAME", "auto", "",
   "Forecasting model of the report's fans and of pacing: auto, ets, arima, theta, stlf, "
   "stlf_arima, snaive or naive.", kCmdRun},
  {"ad-copy", "", K::kText, "FILE", "", "",
   "An ad-copy table (one row per ad, as `adpilot copy` reads) to lint, score and join to the "
   "performance data.", kCmdRun},
  {"copy-model", "", K::kText, "DIR", "", "",
   "A Hugging Face sentiment checkpoint folder for the ad copy (default: the built-in VADER "
   "lexicon).", kCmdRun},
};
// clang-format on

}  // namespace

std::span<const OptionDef> run_option_table() { return kOptions; }

}  // namespace adpilot::cli
