// Writes an HTML report page for the browser test (report_page.mjs) to open:
//   adpilot_report_sample OUT.html            the sample report (tests/report/sample_report.h)
//   adpilot_report_sample OUT.html --awkward  the sample plus the series a chart script trips on:
//                                             all days undefined, one day, no history (forecast
//                                             only), flat zeros, millions, tiny rates, negatives;
//                                             and markup in every name
// The page is written to a temporary file beside OUT.html and renamed into place.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>

#include "adpilot/report/html.h"
#include "report/sample_report.h"

namespace {

using adpilot::report::MetricSeries;

MetricSeries awkward_series(const std::string& metric, const std::string& label,
                            const std::string& unit, const std::string& scope_name) {
  MetricSeries series;
  series.scope = "cmp_<9>";
  series.scope_name = scope_name;
  series.metric = metric;
  series.label = label;
  series.unit = unit;
  series.first = adpilot::date_from_civil(2025, 10, 1);
  return series;
}

adpilot::report::Report awkward_report() {
  const std::string hostile = "</script><script>alert(\"x\")</script> & 'Co' <!--";
  adpilot::report::Report report = adpilot::testing::sample_report();
  report.title = hostile;
  report.campaigns[0].campaign_name = hostile;
  report.series[0].scope_name = hostile;

  MetricSeries undefined_days = awkward_series("cpa", "CPA", "money", hostile);
  undefined_days.values.assign(20, std::nullopt);
  report.series.push_back(undefined_days);

  MetricSeries one_day = awkward_series("cost", "Spend", "money", "One day");
  one_day.values = {42.5};
  report.series.push_back(one_day);

  MetricSeries forecast_only = awkward_series("conversions", "Conversions", "number", "New");
  forecast_only.forecast = report.series[1].forecast;
  report.series.push_back(forecast_only);

  MetricSeries zeros = awkward_series("clicks", "Clicks", "number", "Idle");
  zeros.values.assign(30, 0.0);
  report.series.push_back(zeros);

  MetricSeries millions = awkward_series("impressions", "Impressions", "number", "Video");
  MetricSeries tiny_rates = awkward_series("ctr", "CTR", "percent", "Display");
  MetricSeries losses = awkward_series("profit", "Profit", "money", "Losing");
  for (int day = 0; day < 30; ++day) {
    millions.values.emplace_back(2.0e6 + 1.5e5 * (day % 7));
    tiny_rates.values.emplace_back(0.00004 + 0.00001 * (day % 5));
    losses.values.emplace_back(-800.0 + 60.0 * day);
  }
  report.series.push_back(millions);
  report.series.push_back(tiny_rates);
  report.series.push_back(losses);
  return report;
}

}  // namespace

int main(int argc, char** argv) {
  const bool awkward = argc == 3 && std::string(argv[2]) == "--awkward";
  if (argc != 2 && !awkward) {
    std::fprintf(stderr, "usage: adpilot_report_sample OUT.html [--awkward]\n");
    return 2;
  }
  const std::filesystem::path out = argv[1];
  std::error_code error;
  if (out.has_parent_path()) {
    std::filesystem::create_directories(out.parent_path(), error);
    if (error) {
      std::fprintf(stderr, "adpilot_report_sample: cannot create %s: %s\n",
                   out.parent_path().c_str(), error.message().c_str());
      return 1;
    }
  }
  const std::string page =
      adpilot::report::render_html(awkward ? awkward_report() : adpilot::testing::sample_report());
  const std::filesystem::path temp = out.string() + ".tmp";
  {
    std::ofstream file(temp, std::ios::binary | std::ios::trunc);
    file.write(page.data(), static_cast<std::streamsize>(page.size()));
    file.close();
    if (!file) {
      std::fprintf(stderr, "adpilot_report_sample: cannot write %s\n", temp.c_str());
      return 1;
    }
  }
  std::filesystem::rename(temp, out, error);
  if (error) {
    std::fprintf(stderr, "adpilot_report_sample: cannot rename %s to %s: %s\n", temp.c_str(),
                 out.c_str(), error.message().c_str());
    return 1;
  }
  std::printf("%s (%zu bytes)\n", out.c_str(), page.size());
  return 0;
}
