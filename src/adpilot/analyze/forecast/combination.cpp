#include "adpilot/analyze/forecast/combination.h"

#include <fmt/format.h>

#include <algorithm>

#include "adpilot/analyze/forecast/naive.h"
#include "adpilot/analyze/forecast/stl_forecaster.h"
#include "adpilot/analyze/forecast/theta.h"

namespace adpilot::analyze::forecast {

namespace {

// The rule over a handful of values (values is scratch and gets reordered).
double combine(std::vector<double>& values, CombineRule rule) {
  if (rule == CombineRule::kMean || values.size() < 3) {
    double sum = 0.0;
    for (const double v : values) {
      sum += v;
    }
    return sum / static_cast<double>(values.size());
  }
  const size_t mid = values.size() / 2;
  std::nth_element(values.begin(), values.begin() + static_cast<long>(mid), values.end());
  const double upper = values[mid];
  if (values.size() % 2 == 1) {
    return upper;
  }
  const double lower = *std::max_element(values.begin(), values.begin() + static_cast<long>(mid));
  return 0.5 * (lower + upper);
}

}  // namespace

CombinationForecaster::CombinationForecaster(std::vector<std::unique_ptr<Forecaster>> members,
                                             CombineRule rule, int period)
    : candidates_(std::move(members)), rule_(rule), period_(period) {
}

Result<void> CombinationForecaster::fit(const std::vector<double>& y) {
  fitted_.clear();
  fallback_.reset();
  for (auto& candidate : candidates_) {
    if (candidate->fit(y).ok()) {
      fitted_.push_back(candidate.get());
    }
  }
  if (fitted_.empty()) {
    fallback_ = make_naive(ForecastOptions{period_});
    if (auto fitted = fallback_->fit(y); !fitted.ok()) {
      fallback_.reset();
      return fitted;
    }
    fitted_.push_back(fallback_.get());
  }
  summary_ = fitted_.front()->summary();
  summary_.model = model_name();
  return {};
}

Result<ForecastResult> CombinationForecaster::predict(int horizon,
                                                      const std::vector<double>& levels) const {
  if (fitted_.empty()) {
    return make_error(ErrorCode::kInvalidArgument, "predict() needs a successful fit() first");
  }
  std::vector<ForecastResult> forecasts;
  for (const Forecaster* member : fitted_) {
    auto r = member->predict(horizon, levels);
    if (!r.ok()) {
      return r.error();
    }
    forecasts.push_back(std::move(*r));
  }
  ForecastResult out;
  out.model = model_name();
  out.levels = levels;
  const size_t steps = forecasts.front().mean.size();
  out.mean.resize(steps);
  out.lower.assign(levels.size(), std::vector<double>(steps));
  out.upper.assign(levels.size(), std::vector<double>(steps));
  std::vector<double> values(forecasts.size());
  for (size_t h = 0; h < steps; ++h) {
    for (size_t i = 0; i < forecasts.size(); ++i) {
      values[i] = forecasts[i].mean[h];
    }
    out.mean[h] = combine(values, rule_);
    for (size_t l = 0; l < levels.size(); ++l) {
      for (size_t i = 0; i < forecasts.size(); ++i) {
        values[i] = forecasts[i].lower[l][h];
      }
      out.lower[l][h] = combine(values, rule_);
      for (size_t i = 0; i < forecasts.size(); ++i) {
        values[i] = forecasts[i].upper[l][h];
      }
      out.upper[l][h] = combine(values, rule_);
    }
  }
  return out;
}

std::string CombinationForecaster::model_name() const {
  std::string names;
  for (const Forecaster* member : fitted_) {
    names += (names.empty() ? "" : " + ") + member->summary().model;
  }
  if (fitted_.size() < 2) {
    return names;
  }
  const bool median = rule_ == CombineRule::kMedian && fitted_.size() > 2;
  return fmt::format("{} of {}", median ? "median" : "mean", names);
}

std::unique_ptr<Forecaster> make_combination(const ForecastOptions& options) {
  std::vector<std::unique_ptr<Forecaster>> members;
  members.push_back(make_ets_for_period(options));
  members.push_back(make_arima_for_period(options));
  members.push_back(make_theta(options));
  return std::make_unique<CombinationForecaster>(std::move(members), CombineRule::kMedian,
                                                 options.period);
}

}  // namespace adpilot::analyze::forecast
