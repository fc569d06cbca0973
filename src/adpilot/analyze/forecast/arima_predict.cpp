// ArimaForecaster's predictions: point forecasts, standard errors and normal intervals (R's
// predict.Arima and forecast.Arima).
#include <fmt/format.h>

#include <cmath>

#include "adpilot/analyze/forecast/arima.h"
#include "adpilot/analyze/forecast/detail/arima_model.h"
#include "adpilot/analyze/forecast/naive.h"

namespace adpilot::analyze::forecast {

Result<ArimaPrediction> ArimaForecaster::predict_se(int horizon) const {
  if (!fit_) {
    return make_error(ErrorCode::kInvalidArgument, "predict() called before fit()");
  }
  if (horizon < 1) {
    return make_error(ErrorCode::kInvalidArgument,
                      fmt::format("forecast horizon must be at least 1, got {}", horizon));
  }
  ArimaPrediction out;
  std::vector<double> variance;
  detail::arima_forecast(*fit_, horizon, out.mean, variance);
  out.se.resize(variance.size());
  for (size_t h = 0; h < variance.size(); ++h) {
    out.se[h] = std::sqrt(std::max(variance[h], 0.0) * fit_->sigma2);
  }
  return out;
}

Result<ForecastResult> ArimaForecaster::predict(int horizon,
                                                const std::vector<double>& levels) const {
  for (double level : levels) {
    if (!(level > 0.0 && level < 100.0)) {
      return make_error(
          ErrorCode::kInvalidArgument,
          fmt::format("interval level must be between 0 and 100 (percent), got {}", level));
    }
  }
  auto prediction = predict_se(horizon);
  if (!prediction) {
    return prediction.error();
  }
  ForecastResult out;
  out.model = summary_.model;
  out.mean = prediction->mean;
  out.levels = levels;
  for (double level : levels) {
    const double z = normal_quantile_for_level(level);
    std::vector<double> lower(out.mean.size());
    std::vector<double> upper(out.mean.size());
    for (size_t h = 0; h < out.mean.size(); ++h) {
      lower[h] = out.mean[h] - z * prediction->se[h];
      upper[h] = out.mean[h] + z * prediction->se[h];
    }
    out.lower.push_back(std::move(lower));
    out.upper.push_back(std::move(upper));
  }
  return out;
}

}  // namespace adpilot::analyze::forecast
