#include "adpilot/cli/series_forecast.h"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdlib>
#include <mutex>
#include <thread>

namespace adpilot::cli {

void run_forecast_jobs(std::vector<ForecastJob>& jobs,
                       const analyze::forecast::ForecasterRegistry& registry,
                       const std::string& model, const analyze::forecast::ForecastOptions& options,
                       int horizon, const std::vector<double>& levels, int threads,
                       const std::function<void(size_t)>& on_done) {
  if (threads <= 0) {
    threads = static_cast<int>(std::max(1U, std::thread::hardware_concurrency()));
  }
  std::atomic<size_t> next{0};
  std::mutex done_mutex;
  size_t done = 0;
  auto worker = [&] {
    for (size_t i = next++; i < jobs.size(); i = next++) {
      ForecastJob& job = jobs[i];
      auto forecaster = registry.create(model, options);
      if (!forecaster.ok()) {
        job.result = forecaster.error();
      } else if (auto fitted = (*forecaster)->fit(job.y); !fitted.ok()) {
        job.result = fitted.error();
      } else {
        job.result = (*forecaster)->predict(horizon, levels);
      }
      if (on_done) {
        const std::lock_guard<std::mutex> lock(done_mutex);
        on_done(++done);
      }
    }
  };
  std::vector<std::thread> pool;
  const size_t extra = std::min(jobs.size(), static_cast<size_t>(threads));
  for (size_t t = 1; t < extra; ++t) {
    pool.emplace_back(worker);
  }
  worker();
  for (auto& thread : pool) {
    thread.join();
  }
}

std::vector<double> carry_undefined(std::vector<double> y) {
  double last = 0.0;
  for (double& v : y) {
    v = std::isnan(v) ? last : v;
    last = v;
  }
  return y;
}

Result<std::vector<double>> parse_levels(const Settings& settings) {
  std::vector<double> levels;
  for (const auto& text : settings.list("level")) {
    char* end = nullptr;
    const double level = std::strtod(text.c_str(), &end);
    if (end == text.c_str() || *end != '\0' || level <= 0 || level >= 100) {
      return make_error(ErrorCode::kInvalidArgument,
                        fmt::format("'{}' is not a level between 0 and 100", text),
                        ErrorContext{"", 0, 0, "", "--level"});
    }
    levels.push_back(level);
  }
  return levels;
}

}  // namespace adpilot::cli
