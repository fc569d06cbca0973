// adpilot forecast — point forecasts and intervals per entity (campaign files) or per series
// (--series FILE), fitted in parallel across series.
#include <fmt/format.h>

#include <cmath>
#include <cstdlib>

#include "adpilot/analyze/forecast/forecaster.h"
#include "adpilot/cli/commands.h"
#include "adpilot/cli/forecasters.h"
#include "adpilot/cli/output.h"
#include "adpilot/cli/series_file.h"
#include "adpilot/cli/series_forecast.h"
#include "adpilot/cli/series_input.h"

namespace adpilot::cli {

namespace {

namespace fc = analyze::forecast;

Result<void> forecast(const Settings& settings, Io& io) {
  auto levels = parse_levels(settings);
  if (!levels.ok()) {
    return levels.error();
  }
  const int horizon = static_cast<int>(settings.integer("horizon"));
  const bool plain = !settings.text("series").empty();
  fc::ForecastOptions options;
  options.period = static_cast<int>(settings.integer("period"));
  if (options.period == 0) {
    options.period = plain ? 1 : 7;
  }
  std::vector<ForecastJob> jobs;
  std::string currency;
  analyze::Metric metric = analyze::Metric::kCost;
  if (plain) {
    auto series = read_series_file(settings.text("series"));
    if (!series.ok()) {
      return series.error();
    }
    for (auto& s : *series) {
      jobs.push_back(ForecastJob{s.id, "", std::move(s.values)});
    }
  } else {
    auto parsed = analyze::parse_metric(settings.text("metric"));
    if (!parsed.ok()) {
      return parsed.error();
    }
    metric = *parsed;
    auto input = load_daily_series(settings, io);
    if (!input.ok()) {
      return input.error();
    }
    currency = input->currency;
    for (const auto& s : input->series) {
      jobs.push_back(ForecastJob{s.id, s.name, carry_undefined(s.daily(metric)), s.first});
    }
  }
  const auto registry = make_forecaster_registry();
  run_forecast_jobs(jobs, registry, settings.text("model"), options, horizon, *levels,
                    static_cast<int>(settings.integer("threads")));

  Table out;
  Column& id = out.add_column(plain ? "series_id" : "entity_id", ColumnType::kString);
  Column* name = plain ? nullptr : &out.add_column("entity_name", ColumnType::kString);
  Column* model = plain ? nullptr : &out.add_column("model", ColumnType::kString);
  Column* date = plain ? nullptr : &out.add_column("date", ColumnType::kDate);
  Column& step = out.add_column("step", ColumnType::kInt64);
  Column& mean = out.add_column("mean", ColumnType::kDouble);
  std::vector<Column*> bounds;
  for (const double level : *levels) {
    bounds.push_back(&out.add_column(fmt::format("lo_{}", level), ColumnType::kDouble));
    bounds.push_back(&out.add_column(fmt::format("hi_{}", level), ColumnType::kDouble));
  }
  size_t failed = 0;
  for (const ForecastJob& job : jobs) {
    if (!job.result.ok()) {
      ++failed;
      if (!settings.flag("quiet")) {
        std::fputs(fmt::format("adpilot: warning: {}: {}\n", job.id, job.result.error().message).c_str(), io.err);
      }
      continue;
    }
    const fc::ForecastResult& r = job.result.value();
    for (int h = 0; h < horizon; ++h) {
      id.append_string(job.id);
      if (!plain) {
        name->append_string(job.name);
        model->append_string(r.model);
        date->i32().push_back(job.first + static_cast<Date>(job.y.size()) + h);
        date->valid().push_back(1);
      }
      step.i64().push_back(h + 1);
      step.valid().push_back(1);
      mean.f64().push_back(r.mean[static_cast<size_t>(h)]);
      mean.valid().push_back(1);
      for (size_t l = 0; l < levels->size(); ++l) {
        bounds[2 * l]->f64().push_back(r.lower[l][static_cast<size_t>(h)]);
        bounds[2 * l]->valid().push_back(1);
        bounds[2 * l + 1]->f64().push_back(r.upper[l][static_cast<size_t>(h)]);
        bounds[2 * l + 1]->valid().push_back(1);
      }
    }
  }
  if (failed == jobs.size() && !jobs.empty()) {
    return make_error(ErrorCode::kInvalidArgument, "no series could be forecast", {},
                      "each series needs enough points for the model (see the warnings)");
  }
  return emit_table(settings, io, out, out, currency);
}

}  // namespace

int run_forecast(const Settings& settings, Io& io) {
  auto done = guard([&] { return forecast(settings, io); });
  return done.ok() ? kExitOk : report_error(done.error(), io);
}

}  // namespace adpilot::cli
