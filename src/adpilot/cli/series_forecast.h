// Forecasts of many series at once, shared by `forecast` and `run`: one model per series, fitted
// in parallel across threads.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "adpilot/analyze/forecast/forecaster.h"
#include "adpilot/cli/options.h"
#include "adpilot/core/date.h"

namespace adpilot::cli {

struct ForecastJob {
  std::string id;
  std::string name;
  std::vector<double> y;
  Date first = 0;  // campaign mode: the date of y[0]
  Result<analyze::forecast::ForecastResult> result = make_error(ErrorCode::kInternal, "not run");
};

// Fits every job with the chosen model, spreading jobs over threads (0: every core).
// on_done(jobs finished so far) is called from the worker threads, one call at a time.
void run_forecast_jobs(std::vector<ForecastJob>& jobs,
                       const analyze::forecast::ForecasterRegistry& registry,
                       const std::string& model, const analyze::forecast::ForecastOptions& options,
                       int horizon, const std::vector<double>& levels, int threads,
                       const std::function<void(size_t)>& on_done = {});

// A ratio is undefined (NaN) on days without its denominator: carry the last defined value
// (0 before the first), since a model needs every point.
std::vector<double> carry_undefined(std::vector<double> y);

// --level: interval levels in percent, each strictly between 0 and 100.
Result<std::vector<double>> parse_levels(const Settings& settings);

}  // namespace adpilot::cli
