// adpilot demo — `adpilot run` on the bundled sample (data/sample: performance, budgets, ad copy)
// with the default rules, as a dry run that never reads or writes the user's store, writing its
// report to ./adpilot-demo-report (--report-dir to change).
#include <filesystem>

#include "adpilot/cli/commands.h"
#include "adpilot/cli/run_pipeline.h"

#ifndef ADPILOT_DEFAULT_DATA_DIR
#define ADPILOT_DEFAULT_DATA_DIR "data"
#endif

namespace adpilot::cli {

namespace {

constexpr const char* kDemoReportDir = "adpilot-demo-report";

Result<void> check_exists(const std::string& file) {
  if (!std::filesystem::exists(file)) {
    return make_error(ErrorCode::kNotFound, "the bundled sample data is missing",
                      ErrorContext{file, 0, 0, "", "--data-dir"},
                      "point --data-dir at the project's data/ folder");
  }
  return {};
}

}  // namespace

int run_demo(const Settings& settings, Io& io) {
  const bool bundled = settings.text("data-dir").empty();
  const std::filesystem::path data_dir =
      bundled ? ADPILOT_DEFAULT_DATA_DIR : settings.text("data-dir");
  // The report names the bundled files as the project does, wherever adpilot was built.
  const std::filesystem::path shown_dir = bundled ? "data" : data_dir;
  const std::filesystem::path performance = data_dir / "sample" / "performance.csv";
  const std::filesystem::path budgets = data_dir / "sample" / "budgets.csv";
  const std::filesystem::path ad_copy = data_dir / "sample" / "ad_copy.csv";
  const std::filesystem::path rules = data_dir / "rules.yaml";
  for (const auto& file : {performance, budgets, ad_copy, rules}) {
    if (auto present = check_exists(file.string()); !present.ok()) {
      return report_error(present.error(), io);
    }
  }
  Settings run = settings;
  run.positional = {performance.string()};
  run.set("budgets", budgets.string(), ValueSource::kFlag);
  run.set("ad-copy", ad_copy.string(), ValueSource::kFlag);
  RunOptions options;
  options.command = "demo";
  options.use_store = false;
  options.shown_inputs = {(shown_dir / "sample" / "performance.csv").string()};
  options.shown_budgets = (shown_dir / "sample" / "budgets.csv").string();
  options.shown_ad_copy = (shown_dir / "sample" / "ad_copy.csv").string();
  options.rules_file = rules.string();
  options.shown_rules = "rules.yaml (bundled)";
  options.report_dir = settings.has("report-dir") ? settings.text("report-dir")
                       : settings.has("out")      ? settings.text("out")
                                                  : kDemoReportDir;
  return run_pipeline_command(run, options, io);
}

}  // namespace adpilot::cli
