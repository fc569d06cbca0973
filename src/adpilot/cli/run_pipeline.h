// `adpilot run`: the whole pipeline in one call — ingest → analyze (KPIs, trends, anomalies,
// forecasts, pacing) → decide (rules → plan; ad copy) → act (a dry run, or --apply through the
// target's executor) — each stage through the same library calls as its single-stage command.
// run_build_report.h turns the results into a report::Report; cmd_run.cpp writes it.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "adpilot/act/apply.h"
#include "adpilot/analyze/anomaly/online_detector.h"
#include "adpilot/analyze/forecast/forecaster.h"
#include "adpilot/analyze/pacing.h"
#include "adpilot/analyze/series.h"
#include "adpilot/analyze/trend.h"
#include "adpilot/cli/commands.h"
#include "adpilot/cli/copy_analysis.h"
#include "adpilot/cli/run_progress.h"
#include "adpilot/core/table.h"
#include "adpilot/decide/plan.h"
#include "adpilot/ingest/quality.h"

namespace adpilot::cli {

// What differs between `run` and `demo` beyond the settings.
struct RunOptions {
  const char* command = "run";
  bool use_store = true;                  // demo: false (never reads or writes the user's store)
  std::vector<std::string> shown_inputs;  // how the report names the data files; empty: as given
  std::string shown_budgets;              // "" : as given
  std::string shown_ad_copy;
  std::string shown_rules;  // "" : as given, or "rules.yaml (bundled)"
  std::string rules_file;   // "" : --rules, else the bundled rules
  std::string report_dir;   // "" : --report-dir
};

// One daily series of the report with what the analyses found on it.
struct ChartSeries {
  std::string scope;  // "account" or the campaign id
  std::string scope_name;
  analyze::Metric metric = analyze::Metric::kCost;
  Date first = 0;
  std::vector<double> values;  // NaN: undefined that day
  std::vector<analyze::anomaly::PointScore> points;
  std::optional<analyze::forecast::ForecastResult> forecast;
  std::string forecast_error;  // why there is no fan ("" when there is one)
};

struct RunResults {
  // Inputs as the report names them.
  std::vector<std::string> inputs;
  std::string budgets_file;
  std::string ad_copy_file;
  std::string config_file;
  // Ingest.
  ingest::IngestReport ingest;
  int64_t rows = 0;
  std::string currency;  // "" when none or several
  Date first_day = 0;
  Date last_day = 0;
  // Analyze.
  Table campaign_kpis;  // by campaign, largest spend first
  std::vector<analyze::TrendFinding> account_trends;
  std::vector<analyze::TrendFinding> campaign_trends;
  analyze::TrendOptions trend_options;
  std::vector<ChartSeries>
      charts;  // the account's cost, conversions, CPA, ROAS; top campaigns' cost
  std::vector<analyze::PacingRow> pacing;
  std::string forecast_model;
  std::string detector;
  std::vector<double> levels;
  int horizon = 0;
  // Decide.
  decide::Plan plan;
  std::optional<CopyAnalysis> copy;
  // Act.
  std::string target;
  bool applied = false;
  std::optional<act::RunReport> outcome;            // with --apply
  std::map<std::string, std::string> state_status;  // campaign id → status in the store after apply
  std::string store_path;                           // "" when no store was read or written
};

// Runs every stage; progress goes to `progress`, ingest notes to io.err (unless --quiet).
Result<RunResults> run_pipeline(const Settings& settings, const RunOptions& options,
                                RunProgress& progress, Io& io);

// The command: the pipeline, the report written with report::write_report, the summary on stdout.
// Exit status 0, or 1 when an action failed on --apply; errors return their status.
int run_pipeline_command(const Settings& settings, const RunOptions& options, Io& io);

}  // namespace adpilot::cli
