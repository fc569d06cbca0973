// The option table. docs/options.md is generated from it (`adpilot help options --markdown`).
#include <iterator>
#include <vector>

#include "adpilot/cli/options.h"

namespace adpilot::cli {

namespace {

using K = OptionKind;

// clang-format off
const OptionDef kOptions[] = {
  // Output and run-time, shared by every subcommand.
  {"format", "f", K::kText, "FORMAT", "", "",
   "Output format: table, csv or json (default: table on a terminal, csv otherwise). An input "
   "format name (canonical, google_ads, …) given here is taken as --input-format.", kCmdAll},
  {"out", "o", K::kText, "PATH", "", "",
   "Write the output to PATH (via a temporary file renamed into place) instead of stdout.", kCmdAll},
  {"threads", "t", K::kInt, "N", "0", "",
   "Worker threads for parsing; 0 uses every core.", kCmdAll, 0, 256},
  {"config", "c", K::kText, "FILE", "", "",
   "adpilot.yaml (docs/config.md): option values (same names as the flags, also in the sections "
   "ingest/analyze/decide/act/report), the data files under `data:`, user column mappings under "
   "`formats:`.", kCmdAll},
  {"quiet", "q", K::kFlag, "", "false", "", "Print no notes on stderr, only errors.", kCmdAll},
  {"verbose", "v", K::kFlag, "", "false", "", "Print extra detail on stderr.", kCmdAll},
  // Ingest.
  {"input-format", "", K::kText, "NAME", "", "",
   "Force the input layout (canonical, google_ads, meta_ads, kaggle_fb, online_ads or a user "
   "mapping) instead of detecting it from the header.", kCmdIngest},
  {"year", "", K::kInt, "YYYY", "0", "",
   "The year of files whose dates have only a month and a day (online_ads).", kCmdIngest,
   0, 9999},
  {"delimiter", "", K::kText, "CHAR", "", "",
   "Field delimiter (',', ';', 'tab' or '|'); sniffed when absent.", kCmdIngest},
  {"decimal", "", K::kChoice, "CHAR", "", ".|,",
   "Decimal separator of numbers; default '.', or ',' for ';'-delimited files.", kCmdIngest},
  {"lenient", "", K::kFlag, "", "false", "",
   "Skip malformed rows (each counted and listed) instead of stopping at the first.", kCmdIngest},
  {"max-row-bytes", "", K::kInt, "N", "2097152", "",
   "Longest row accepted; a longer one is an error (a runaway quote, a binary file).", kCmdIngest,
   1024, 1LL << 31},
  {"missing", "", K::kChoice, "POLICY", "zero", "zero|drop|error",
   "Metric cells that are empty or '--': count them as 0, drop the row, or stop.", kCmdIngest},
  {"on-duplicate", "", K::kChoice, "POLICY", "drop", "drop|keep|error",
   "Rows identical to an earlier row.", kCmdIngest},
  {"on-duplicate-key", "", K::kChoice, "POLICY", "keep", "keep|first|error",
   "Rows for an entity and date seen before with other figures: keep all, keep the first, or stop.",
   kCmdIngest},
  {"on-negative", "", K::kChoice, "POLICY", "drop", "drop|keep|error",
   "Rows with a negative count or amount.", kCmdIngest},
  {"on-inconsistent", "", K::kChoice, "POLICY", "keep", "keep|drop|error",
   "Rows with more clicks than impressions or more conversions than clicks (view-through "
   "conversions make the latter legitimate).", kCmdIngest},
  {"on-unknown-currency", "", K::kChoice, "POLICY", "keep", "keep|drop|error",
   "Rows whose currency is not an ISO 4217 code.", kCmdIngest},
  {"since", "", K::kDate, "DATE", "", "", "Only rows on or after DATE (YYYY-MM-DD).", kCmdIngest},
  {"until", "", K::kDate, "DATE", "", "", "Only rows on or before DATE (YYYY-MM-DD).", kCmdIngest},
  // KPIs.
  {"by", "b", K::kList, "DIMS", "campaign", "",
   "Group by these comma-separated dimensions: account, campaign, ad_group, ad, channel, date, "
   "or a segment column (age, gender, interest, placement, …).", kCmdKpi | kCmdSeries},
  {"grain", "g", K::kChoice, "GRAIN", "total", "day|week|month|total",
   "Time grain; week periods start on Monday, month periods on the 1st.", kCmdKpi},
  {"sort", "", K::kText, "KPI", "", "",
   "Order groups by this metric or KPI, largest first (undefined last).", kCmdKpi},
  {"top", "", K::kInt, "N", "0", "", "Keep only the first N groups (0: all).", kCmdKpi, 0,
   1LL << 40},
  // Trends and other series analyses.
  {"window", "w", K::kText, "DAYS", "7d", "",
   "Period over period: the last DAYS (e.g. 7d, 2w) against the same number of days before.",
   kCmdTrends | kCmdRun},
  {"direction-window", "", K::kText, "DAYS", "28d", "",
   "The window of the Theil–Sen slope and the Mann–Kendall trend test.", kCmdTrends | kCmdRun},
  {"metrics", "m", K::kList, "METRICS", "", "",
   "Metrics to analyse: impressions, clicks, cost, conversions, revenue, ctr, cpc, cpm, cvr, cpa, "
   "roas (default: all but cpm).", kCmdTrends | kCmdAnomalies},
  {"as-of", "", K::kDate, "DATE", "", "",
   "The last day to count (default: the last day in the data).", kCmdTrends | kCmdPacing | kCmdPlan | kCmdRun},
  {"alpha", "", K::kText, "P", "0.05", "", "Significance level of the tests.", kCmdTrends | kCmdRun},
  // Anomalies.
  {"scores", "", K::kText, "FILE", "", "",
   "With --series: write every point's online anomaly score (timestamp,value,anomaly_score; "
   "series_id first when the file has several series).", kCmdAnomalies},
  {"detector", "", K::kText, "NAME", "seasonal_robust", "",
   "Anomaly detector: seasonal_robust or zscore.", kCmdAnomalies | kCmdRun},
  {"threshold", "", K::kText, "SCORE", "0.45", "",
   "Flag points whose anomaly score reaches this (0..1).", kCmdAnomalies | kCmdRun},
  // Forecasts and pacing.
  {"series", "", K::kText, "FILE", "", "",
   "Read plain series (series_id,timestamp,value) instead of campaign files.",
   kCmdForecast | kCmdAnomalies},
  {"period", "", K::kInt, "N", "0", "",
   "Seasonal period in points (7 for daily data, 52 weekly, 24 hourly …); 0: 7 for campaign "
   "data, 1 for plain series.", kCmdForecast | kCmdAnomalies, 0, 100000},
  {"metric", "", K::kText, "METRIC", "cost", "", "The metric to forecast.", kCmdForecast},
  {"horizon", "", K::kInt, "N", "14", "", "Steps to forecast.", kCmdForecast | kCmdRun, 1, 100000},
  {"level", "", K::kList, "LEVELS", "80,95", "", "Prediction interval levels in percent.",
   kCmdForecast | kCmdRun},
  {"model", "", K::kText, "NAME", "auto", "",
   "Forecasting model: auto, ets, arima, theta, stlf, stlf_arima, snaive or naive.", kCmdForecast | kCmdPacing},
  {"budgets", "", K::kText, "FILE", "", "",
   "Monthly budgets: CSV with campaign_id,month,budget (month YYYY-MM).", kCmdPacing | kCmdRun},
  {"month", "", K::kText, "YYYY-MM", "", "",
   "The month to pace (default: the month of --as-of or of the data's last day); also the month "
   "of budgets files without a month column.", kCmdPacing},
  {"tolerance", "", K::kText, "PERCENT", "10%", "",
   "How far the projection may land from the budget and still be on track.", kCmdPacing | kCmdRun},
  // Demo.
  {"data-dir", "", K::kText, "DIR", "", "",
   "Folder of the bundled sample data (default: the data/ folder adpilot was built from).",
   kCmdDemo},
};
// clang-format on

}  // namespace

std::span<const OptionDef> option_table() {
  static const std::vector<OptionDef> all = [] {
    std::vector<OptionDef> defs(std::begin(kOptions), std::end(kOptions));
    for (auto area : {decide_option_table(), act_option_table(), copy_option_table(),
                      run_option_table(), connect_option_table()}) {
      defs.insert(defs.end(), area.begin(), area.end());
    }
    return defs;
  }();
  return all;
}

}  // namespace adpilot::cli
