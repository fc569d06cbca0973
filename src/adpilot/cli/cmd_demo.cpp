// adpilot demo — the bundled sample data through the pipeline built so far: ingest with the
// quality report, then KPIs for the account and per campaign.
#include <fmt/format.h>

#include <filesystem>

#include "adpilot/analyze/kpi.h"
#include "adpilot/cli/commands.h"
#include "adpilot/cli/copy_demo.h"
#include "adpilot/cli/ingest_settings.h"
#include "adpilot/cli/output.h"
#include "adpilot/cli/plan_demo.h"
#include "adpilot/cli/quality_view.h"
#include "adpilot/core/format_number.h"

#ifndef ADPILOT_DEFAULT_DATA_DIR
#define ADPILOT_DEFAULT_DATA_DIR "data"
#endif

namespace adpilot::cli {

namespace {

Result<void> demo(const Settings& settings, Io& io) {
  const std::string data_dir =
      settings.text("data-dir").empty() ? ADPILOT_DEFAULT_DATA_DIR : settings.text("data-dir");
  const std::string file = (std::filesystem::path(data_dir) / "sample" / "performance.csv").string();
  if (!std::filesystem::exists(file)) {
    return make_error(ErrorCode::kNotFound, "the bundled sample data is missing",
                      ErrorContext{file, 0, 0, "", "--data-dir"},
                      "point --data-dir at the project's data/ folder");
  }
  auto registry = make_format_registry(settings);
  if (!registry.ok()) {
    return registry.error();
  }
  auto options = make_ingest_options(settings, *registry);
  if (!options.ok()) {
    return options.error();
  }
  ingest::IngestReport report;
  auto table = ingest::ingest_table({file}, *options, *registry, &report);
  if (!table.ok()) {
    return table.error();
  }
  const std::string symbol = currency_symbol(single_currency(report));
  std::string text = fmt::format("adpilot demo: {} rows of sample data ({} .. {})\n\n",
                                 format_count(static_cast<double>(table->num_rows()), 0),
                                 format_date(report.files[0].min_date),
                                 format_date(report.files[0].max_date));
  text += "Data quality\n" + quality_text(report, false) + "\n";

  analyze::KpiQuery account;
  account.by = {"account"};
  auto totals = analyze::compute_kpis(*table, account);
  if (!totals.ok()) {
    return totals.error();
  }
  text += "Account\n" +
          render_pretty(totals->select({"account_id", "impressions", "clicks", "cost",
                                        "conversions", "revenue", "ctr", "cvr", "cpa", "roas",
                                        "profit"}),
                        symbol) +
          "\n";

  analyze::KpiQuery campaigns;
  campaigns.by = settings.list("by");
  campaigns.sort = "cost";
  auto by_campaign = analyze::compute_kpis(*table, campaigns);
  if (!by_campaign.ok()) {
    return by_campaign.error();
  }
  text += fmt::format("By {}, largest spend first\n", fmt::join(campaigns.by, ", ")) +
          render_pretty(by_campaign->select({"campaign_id", "campaign_name", "impressions", "clicks",
                                               "cost", "conversions", "revenue", "ctr", "cpc",
                                               "cvr", "cpa", "roas"}),
                        symbol);
  text += plan_demo_section(data_dir, *table);
  text += copy_demo_section(data_dir, *table);
  return write_output(settings.text("out"), text, io.out);
}

}  // namespace

int run_demo(const Settings& settings, Io& io) {
  auto done = guard([&] { return demo(settings, io); });
  return done.ok() ? kExitOk : report_error(done.error(), io);
}

}  // namespace adpilot::cli
