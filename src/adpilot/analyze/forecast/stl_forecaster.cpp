#include "adpilot/analyze/forecast/stl_forecaster.h"

#include <fmt/format.h>

#include "adpilot/analyze/forecast/arima.h"
#include "adpilot/analyze/forecast/ets.h"

namespace adpilot::analyze::forecast {

StlForecaster::StlForecaster(int period, std::unique_ptr<Forecaster> inner, double min_strength,
                             int s_window)
    : period_(period < 1 ? 1 : period),
      min_strength_(min_strength),
      s_window_(s_window),
      inner_(std::move(inner)) {
}

Result<void> StlForecaster::fit(const std::vector<double>& y) {
  fitted_ = false;
  summary_ = FitSummary{};
  const double strength = seasonal_strength(y, period_);
  adjustment_ = strength >= min_strength_ ? stl_adjust(y, period_, s_window_)
                                          : SeasonalAdjustment{Decomposition::kNone, 1, y, {}};
  if (auto fitted = inner_->fit(adjustment_.adjusted); !fitted.ok()) {
    return fitted;
  }
  summary_ = inner_->summary();
  summary_.params["seasonal_strength"] = strength;
  if (adjustment_.kind == Decomposition::kStl) {
    summary_.model = fmt::format("STL[{}] + {}", period_, summary_.model);
    for (size_t t = 0; t < summary_.fitted.size() && t < adjustment_.seasonal.size(); ++t) {
      summary_.fitted[t] += adjustment_.seasonal[t];
    }
  }
  fitted_ = true;
  return {};
}

Result<ForecastResult> StlForecaster::predict(int horizon,
                                              const std::vector<double>& levels) const {
  if (!fitted_) {
    return make_error(ErrorCode::kInvalidArgument, "predict() needs a successful fit() first");
  }
  auto inner = inner_->predict(horizon, levels);
  if (!inner.ok()) {
    return inner.error();
  }
  ForecastResult out = std::move(*inner);
  out.model = summary_.model;
  for (size_t h = 0; h < out.mean.size(); ++h) {
    const int step = static_cast<int>(h) + 1;
    out.mean[h] = adjustment_.restore(out.mean[h], step);
    for (size_t l = 0; l < out.lower.size(); ++l) {
      out.lower[l][h] = adjustment_.restore(out.lower[l][h], step);
      out.upper[l][h] = adjustment_.restore(out.upper[l][h], step);
    }
  }
  return out;
}

std::unique_ptr<Forecaster> make_stl_ets(const ForecastOptions& options) {
  return std::make_unique<StlForecaster>(options.period, make_ets(ForecastOptions{}));
}

std::unique_ptr<Forecaster> make_stl_arima(const ForecastOptions& options) {
  return std::make_unique<StlForecaster>(options.period, make_arima(ForecastOptions{}));
}

std::unique_ptr<Forecaster> make_ets_for_period(const ForecastOptions& options) {
  if (options.period <= kLongPeriod) {
    return make_ets(options);
  }
  return std::make_unique<StlForecaster>(options.period, make_ets(ForecastOptions{}),
                                         kStrongSeason);
}

std::unique_ptr<Forecaster> make_arima_for_period(const ForecastOptions& options) {
  if (options.period <= kLongPeriod) {
    return make_arima(options);
  }
  return std::make_unique<StlForecaster>(options.period, make_arima(ForecastOptions{}),
                                         kStrongSeason);
}

}  // namespace adpilot::analyze::forecast
