#include "adpilot/cli/run_pipeline.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "adpilot/analyze/anomaly/detector_registry.h"
#include "adpilot/analyze/kpi.h"
#include "adpilot/cli/connector_settings.h"
#include "adpilot/cli/copy_input.h"
#include "adpilot/cli/copy_scorer.h"
#include "adpilot/cli/forecasters.h"
#include "adpilot/cli/ingest_settings.h"
#include "adpilot/cli/pacing_input.h"
#include "adpilot/cli/plan_store.h"
#include "adpilot/cli/rules_settings.h"
#include "adpilot/cli/series_anomalies.h"
#include "adpilot/cli/series_forecast.h"
#include "adpilot/cli/series_input.h"
#include "adpilot/cli/store_settings.h"
#include "adpilot/cli/trend_settings.h"
#include "adpilot/core/format_number.h"
#include "adpilot/decide/decide.h"
#include "adpilot/store/store.h"

namespace adpilot::cli {

namespace {

namespace an = analyze::anomaly;
namespace fc = analyze::forecast;
using analyze::Metric;

// The account's key metrics get a chart each; then the spend of the largest campaigns, so the
// chart count stays small and the same from run to run.
constexpr Metric kAccountCharts[] = {Metric::kCost, Metric::kConversions, Metric::kCpa,
                                     Metric::kRoas};
constexpr size_t kTopCampaignCharts = 3;

std::string count_text(double value) {
  return format_count(value, 0);
}

Result<Table> ingest_stage(const Settings& settings, const std::vector<std::string>& files,
                           RunProgress& progress, Io& io, ingest::IngestReport& report) {
  progress.begin("ingest");
  auto registry = make_format_registry(settings);
  if (!registry.ok()) {
    return registry.error();
  }
  auto options = make_ingest_options(settings, *registry);
  if (!options.ok()) {
    return options.error();
  }
  Table data;
  bool first_chunk = true;
  auto read = ingest::ingest_stream(files, *options, *registry, [&](Table&& chunk) -> Result<void> {
    if (first_chunk) {
      data = std::move(chunk);
      first_chunk = false;
    } else {
      data.append(chunk);
    }
    progress.update(fmt::format("{} rows read", count_text(static_cast<double>(data.num_rows()))));
    return {};
  });
  if (!read.ok()) {
    return read.error();
  }
  report = std::move(read).value();
  progress.end(fmt::format("{} rows read, {} kept",
                           count_text(static_cast<double>(report.totals.rows_read)),
                           count_text(static_cast<double>(data.num_rows()))));
  print_ingest_notes(report, settings, io);
  if (data.num_rows() == 0) {
    return make_error(ErrorCode::kData, "no rows to analyse",
                      ErrorContext{files.front(), 0, 0, "", ""},
                      "every row was dropped by the policies or the --since/--until range; "
                      "`adpilot check` shows why");
  }
  return data;
}

Result<void> trends_stage(const Settings& settings, RunResults& out,
                          const analyze::DailySeries& account,
                          const std::vector<analyze::DailySeries>& campaigns,
                          RunProgress& progress) {
  progress.begin("trends");
  auto options = trend_options_from(settings);
  if (!options.ok()) {
    return options.error();
  }
  out.trend_options = *options;
  auto account_trends = analyze::compute_trends({account}, *options);
  if (!account_trends.ok()) {
    return account_trends.error();
  }
  out.account_trends = std::move(account_trends).value();
  auto campaign_trends = analyze::compute_trends(campaigns, *options);
  if (!campaign_trends.ok()) {
    return campaign_trends.error();
  }
  out.campaign_trends = std::move(campaign_trends).value();
  progress.end(fmt::format("{} series", campaigns.size() + 1));
  return {};
}

void add_chart(RunResults& out, const analyze::DailySeries& series, const std::string& scope,
               Metric metric) {
  ChartSeries chart;
  chart.scope = scope;
  chart.scope_name = scope == "account" ? "Account" : series.name;
  chart.metric = metric;
  chart.first = series.first;
  chart.values = series.daily(metric);
  out.charts.push_back(std::move(chart));
}

Result<void> anomalies_stage(const Settings& settings, RunResults& out,
                             const std::vector<const analyze::DailySeries*>& sources,
                             RunProgress& progress) {
  progress.begin("anomalies");
  const an::DetectorRegistry registry = an::make_detector_registry();
  an::DetectorOptions options;
  char* end = nullptr;
  const std::string threshold = settings.text("threshold");
  options.flag_threshold = std::strtod(threshold.c_str(), &end);
  if (end == threshold.c_str() || *end != '\0' ||
      !(options.flag_threshold > 0.0 && options.flag_threshold <= 1.0)) {
    return make_error(ErrorCode::kInvalidArgument,
                      fmt::format("'{}' is not a score between 0 and 1", threshold),
                      ErrorContext{"", 0, 0, "", "--threshold"});
  }
  out.detector = settings.text("detector");
  for (size_t i = 0; i < out.charts.size(); ++i) {
    auto points =
        score_daily_metric(registry, out.detector, options, *sources[i], out.charts[i].metric);
    if (!points.ok()) {
      return points.error();
    }
    out.charts[i].points = std::move(points).value();
    progress.update(fmt::format("{} of {} series", i + 1, out.charts.size()));
  }
  size_t flagged = 0;
  for (const auto& chart : out.charts) {
    flagged +=
        static_cast<size_t>(std::count_if(chart.points.begin(), chart.points.end(),
                                          [](const an::PointScore& p) { return p.flagged; }));
  }
  progress.end(fmt::format("{} series, {} anomalous days", out.charts.size(), flagged));
  return {};
}

Result<void> forecasts_stage(const Settings& settings, RunResults& out, RunProgress& progress) {
  progress.begin("forecasts");
  auto levels = parse_levels(settings);
  if (!levels.ok()) {
    return levels.error();
  }
  out.levels = *levels;
  out.horizon = static_cast<int>(settings.integer("horizon"));
  out.forecast_model = settings.text("forecast-model");
  const fc::ForecasterRegistry registry = make_forecaster_registry();
  if (auto probe = registry.create(out.forecast_model, fc::ForecastOptions{7}); !probe.ok()) {
    Error error = probe.error();
    error.context.option = "--forecast-model";
    return error;
  }
  std::vector<ForecastJob> jobs;
  jobs.reserve(out.charts.size());
  for (const auto& chart : out.charts) {
    jobs.push_back(
        ForecastJob{chart.scope, chart.scope_name, carry_undefined(chart.values), chart.first});
  }
  const size_t total = jobs.size();
  run_forecast_jobs(jobs, registry, out.forecast_model, fc::ForecastOptions{7}, out.horizon,
                    out.levels, static_cast<int>(settings.integer("threads")), [&](size_t done) {
                      progress.update(fmt::format("{} of {} series", done, total));
                    });
  for (size_t i = 0; i < jobs.size(); ++i) {
    if (jobs[i].result.ok()) {
      out.charts[i].forecast = std::move(jobs[i].result).value();
    } else {
      out.charts[i].forecast_error = jobs[i].result.error().message;
    }
  }
  progress.end(
      fmt::format("{} series, model {}, {} days ahead", total, out.forecast_model, out.horizon));
  return {};
}

Result<void> pacing_stage(const Settings& settings, RunResults& out,
                          const std::vector<analyze::DailySeries>& campaigns,
                          RunProgress& progress) {
  progress.begin("pacing");
  auto request = read_pacing_request(settings);
  if (!request.ok()) {
    return request.error();
  }
  analyze::PacingOptions options;
  options.as_of = settings.date("as-of");
  options.tolerance = request->tolerance;
  options.model = out.forecast_model;
  keep_paced_month(*request, campaigns, options.as_of);
  const fc::ForecasterRegistry registry = make_forecaster_registry();
  auto rows = analyze::compute_pacing(campaigns, request->budgets, registry, options);
  if (!rows.ok()) {
    return rows.error();
  }
  out.pacing = std::move(rows).value();
  progress.end(fmt::format("{} campaigns with a budget", out.pacing.size()));
  return {};
}

Result<void> rules_stage(const Settings& settings, const RunOptions& options, const Table& data,
                         RunResults& out, RunProgress& progress) {
  progress.begin("rules");
  const std::string given =
      options.rules_file.empty() ? settings.text("rules") : options.rules_file;
  auto rules = decide::load_rules(given.empty() ? bundled_rules_path() : given);
  if (!rules.ok()) {
    return rules.error();
  }
  if (!options.shown_rules.empty()) {
    rules->file = options.shown_rules;
  } else if (given.empty()) {
    rules->file = "rules.yaml (bundled)";  // the same plan id wherever adpilot was built
  }
  decide::DecideInput input;
  input.data = &data;
  input.as_of = settings.date("as-of");
  input.inputs = out.inputs;
  if (options.use_store) {
    auto context = load_plan_store_context(settings);
    if (!context.ok()) {
      return context.error();
    }
    input.history = std::move(context->history);
    input.current_state = std::move(context->state);
    // The report names the store only when it was read (a first run has none).
    const std::string path =
        settings.text("db").empty() ? store::default_store_path() : settings.text("db");
    std::error_code ec;
    if (std::filesystem::exists(path, ec)) {
      out.store_path = path;
    }
  }
  auto plan = decide::make_plan(*rules, input);
  if (!plan.ok()) {
    return plan.error();
  }
  out.plan = std::move(plan).value();
  progress.end(
      fmt::format("{} actions, {} not taken", out.plan.actions.size(), out.plan.not_taken.size()));
  return {};
}

Result<void> copy_stage(const Settings& settings, const std::string& file, const std::string& shown,
                        const Table& data, RunResults& out, RunProgress& progress) {
  progress.begin("ad copy");
  auto ads = read_ad_copy(file, std::nullopt);
  if (!ads.ok()) {
    return ads.error();
  }
  auto scorer = make_copy_scorer(settings.text("copy-model"),
                                 static_cast<int>(settings.integer("threads")), "--copy-model");
  if (!scorer.ok()) {
    return scorer.error();
  }
  // Performance per ad when the data has ads; copy analysis works without it.
  std::optional<AdPerformanceData> performance;
  if (data.find("ad_id") != nullptr) {
    analyze::KpiQuery query;
    query.by = {"ad"};
    auto by_ad = analyze::compute_kpis(data, query);
    if (by_ad.ok()) {
      auto outcomes = performance_from_kpis(*by_ad);
      if (outcomes.ok()) {
        performance = std::move(outcomes).value();
      }
    }
  }
  auto analysis = analyze_copy(shown, std::move(ads).value(), **scorer,
                               performance ? &*performance : nullptr, CopyAnalysisOptions{});
  if (!analysis.ok()) {
    return analysis.error();
  }
  out.copy = std::move(analysis).value();
  progress.end(fmt::format("{} ads, {} errors, {} warnings", out.copy->ads.size(), out.copy->errors,
                           out.copy->warnings));
  return {};
}

Result<void> apply_stage(const Settings& settings, RunResults& out, RunProgress& progress) {
  progress.begin("apply");
  auto store = open_store(settings);
  if (!store.ok()) {
    return store.error();
  }
  out.store_path = settings.text("db").empty() ? store::default_store_path() : settings.text("db");
  const std::string account = out.plan.entities.empty() ? "" : out.plan.entities.front().account_id;
  const act::ExecutorRegistry registry = make_cli_executor_registry(settings, account);
  auto executor = registry.create(out.target, *store);
  if (!executor.ok()) {
    return executor.error();
  }
  act::ApplyOptions options;
  const size_t total = out.plan.actions.size();
  size_t done = 0;
  options.on_action = [&](const act::ActionOutcome&) {
    progress.update(fmt::format("{} of {} actions", ++done, total));
  };
  auto report = act::apply_plan(out.plan, **executor, *store, options);
  if (!report.ok()) {
    return report.error();
  }
  out.applied = true;
  out.outcome = std::move(report).value();
  if (auto entities = store->entities(); entities.ok()) {
    for (const auto& entity : *entities) {
      if (entity.level == "campaign") {
        out.state_status[entity.id] = entity.status;
      }
    }
  }
  progress.end(fmt::format("{} applied, {} failed", out.outcome->count(act::Outcome::kApplied),
                           out.outcome->count(act::Outcome::kFailed)));
  return {};
}

}  // namespace

Result<RunResults> run_pipeline(const Settings& settings, const RunOptions& options,
                                RunProgress& progress, Io& io) {
  const std::vector<std::string>& files = settings.positional;
  if (files.empty()) {
    return make_error(ErrorCode::kInvalidArgument,
                      fmt::format("{} has no input files", options.command), {},
                      "give campaign CSV files as arguments, or list them under data: in --config "
                      "(docs/config.md)");
  }
  RunResults out;
  out.inputs = options.shown_inputs.empty() ? files : options.shown_inputs;
  out.budgets_file =
      options.shown_budgets.empty() ? settings.text("budgets") : options.shown_budgets;
  out.ad_copy_file =
      options.shown_ad_copy.empty() ? settings.text("ad-copy") : options.shown_ad_copy;
  out.config_file = settings.text("config");
  out.target = settings.text("target");

  auto data = ingest_stage(settings, files, progress, io, out.ingest);
  if (!data.ok()) {
    return data.error();
  }
  out.rows = static_cast<int64_t>(data->num_rows());
  out.currency = single_currency(out.ingest);

  progress.begin("KPIs");
  analyze::KpiQuery by_campaign;
  by_campaign.by = {"campaign"};
  by_campaign.sort = "cost";
  auto kpis = analyze::compute_kpis(*data, by_campaign);
  if (!kpis.ok()) {
    return kpis.error();
  }
  out.campaign_kpis = std::move(kpis).value();
  auto account_series = analyze::daily_series(*data, {});
  if (!account_series.ok()) {
    return account_series.error();
  }
  auto campaign_series = analyze::daily_series(*data, {"campaign"});
  if (!campaign_series.ok()) {
    return campaign_series.error();
  }
  if (account_series->empty()) {
    return make_error(ErrorCode::kData, "the data has no daily rows to analyse");
  }
  const analyze::DailySeries& account = account_series->front();
  out.first_day = account.first;
  out.last_day = account.last();
  progress.end(fmt::format("{} campaigns, {} days", out.campaign_kpis.num_rows(), account.size()));

  if (auto done = trends_stage(settings, out, account, *campaign_series, progress); !done.ok()) {
    return done.error();
  }

  // The charted series: the account's key metrics, then the largest campaigns' spend.
  std::vector<const analyze::DailySeries*> sources;
  for (const Metric metric : kAccountCharts) {
    add_chart(out, account, "account", metric);
    sources.push_back(&account);
  }
  const Column* campaign_id = out.campaign_kpis.find("campaign_id");
  for (size_t row = 0;
       campaign_id != nullptr && row < out.campaign_kpis.num_rows() && row < kTopCampaignCharts;
       ++row) {
    const std::string id(campaign_id->is_valid(row) ? campaign_id->str(row) : "");
    if (id.empty()) {
      continue;  // no campaign ids in the data: no per-campaign chart
    }
    for (const auto& series : *campaign_series) {
      if (series.id == id) {
        add_chart(out, series, id, Metric::kCost);
        sources.push_back(&series);
      }
    }
  }
  if (auto done = anomalies_stage(settings, out, sources, progress); !done.ok()) {
    return done.error();
  }
  if (auto done = forecasts_stage(settings, out, progress); !done.ok()) {
    return done.error();
  }
  if (!settings.text("budgets").empty()) {
    if (auto done = pacing_stage(settings, out, *campaign_series, progress); !done.ok()) {
      return done.error();
    }
  }
  if (auto done = rules_stage(settings, options, *data, out, progress); !done.ok()) {
    return done.error();
  }
  if (const std::string file = settings.text("ad-copy"); !file.empty()) {
    if (auto done = copy_stage(settings, file, out.ad_copy_file, *data, out, progress);
        !done.ok()) {
      return done.error();
    }
  }
  if (settings.flag("apply")) {
    if (!options.use_store) {
      return make_error(ErrorCode::kInvalidArgument,
                        fmt::format("{} never applies a plan", options.command), {},
                        "use adpilot run --apply");
    }
    if (auto done = apply_stage(settings, out, progress); !done.ok()) {
      return done.error();
    }
  }
  return out;
}

}  // namespace adpilot::cli
