// adpilot forecast — point forecasts and intervals per entity (campaign files) or per series
// (--series FILE), fitted in parallel across series.
#include <fmt/format.h>

#include <atomic>
#include <cmath>
#include <cstdlib>
#include <thread>

#include "adpilot/analyze/forecast/forecaster.h"
#include "adpilot/cli/commands.h"
#include "adpilot/cli/forecasters.h"
#include "adpilot/cli/output.h"
#include "adpilot/cli/series_file.h"
#include "adpilot/cli/series_input.h"

namespace adpilot::cli {

namespace {

namespace fc = analyze::forecast;

struct Job {
  std::string id;
  std::string name;
  std::vector<double> y;
  Date first = 0;  // campaign mode: the date of y[0]
  Result<fc::ForecastResult> result = make_error(ErrorCode::kInternal, "not run");
};

// Fits every job with the chosen model, spreading jobs over threads (one model per job).
void run_jobs(std::vector<Job>& jobs, const fc::ForecasterRegistry& registry, const std::string& model,
              const fc::ForecastOptions& options, int horizon, const std::vector<double>& levels, int threads) {
  std::atomic<size_t> next{0};
  auto worker = [&] {
    for (size_t i = next++; i < jobs.size(); i = next++) {
      Job& job = jobs[i];
      auto forecaster = registry.create(model, options);
      if (!forecaster.ok()) {
        job.result = forecaster.error();
        continue;
      }
      if (auto fitted = (*forecaster)->fit(job.y); !fitted.ok()) {
        job.result = fitted.error();
        continue;
      }
      job.result = (*forecaster)->predict(horizon, levels);
    }
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < threads; ++t) {
    pool.emplace_back(worker);
  }
  worker();
  for (auto& thread : pool) {
    thread.join();
  }
}

Result<std::vector<double>> parse_levels(const Settings& settings) {
  std::vector<double> levels;
  for (const auto& text : settings.list("level")) {
    char* end = nullptr;
    const double level = std::strtod(text.c_str(), &end);
    if (end == text.c_str() || *end != '\0' || level <= 0 || level >= 100) {
      return make_error(ErrorCode::kInvalidArgument, fmt::format("'{}' is not a level between 0 and 100", text),
                        ErrorContext{"", 0, 0, "", "--level"});
    }
    levels.push_back(level);
  }
  return levels;
}

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
  std::vector<Job> jobs;
  std::string currency;
  analyze::Metric metric = analyze::Metric::kCost;
  if (plain) {
    auto series = read_series_file(settings.text("series"));
    if (!series.ok()) {
      return series.error();
    }
    for (auto& s : *series) {
      jobs.push_back(Job{s.id, "", std::move(s.values)});
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
      std::vector<double> y = s.daily(metric);
      double last = 0.0;
      for (double& v : y) {  // a ratio is undefined on days without its denominator: carry the last
        v = std::isnan(v) ? last : v;
        last = v;
      }
      jobs.push_back(Job{s.id, s.name, std::move(y), s.first});
    }
  }
  int threads = static_cast<int>(settings.integer("threads"));
  threads = threads > 0 ? threads : static_cast<int>(std::max(1U, std::thread::hardware_concurrency()));
  const auto registry = make_forecaster_registry();
  run_jobs(jobs, registry, settings.text("model"), options, horizon, *levels, threads);

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
  for (const Job& job : jobs) {
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
