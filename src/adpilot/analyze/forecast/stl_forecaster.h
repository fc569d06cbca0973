// STL forecasting as forecast::stlf: remove the season with STL, forecast the seasonally
// adjusted series with a non-seasonal model, add the last period of the seasonal component
// back. It works at any period, which is how the registry's ETS and ARIMA handle long periods
// (above kLongPeriod: weekly data at 52, hourly data at 168).
#pragma once

#include <memory>
#include <vector>

#include "adpilot/analyze/forecast/forecaster.h"
#include "adpilot/analyze/forecast/seasonal_adjust.h"

namespace adpilot::analyze::forecast {

// forecast's seasonal-strength cut-off (auto.arima differences seasonally above it): above
// kLongPeriod the registry's ETS and ARIMA remove a season this strong by STL and ignore a
// weaker one, as R's ets ignores every season beyond 24.
inline constexpr double kStrongSeason = 0.64;

// fit(): (1) the STL seasonal strength of y (seasonal_strength(), forecast's measure); when it
// is at least min_strength and the series has more than two periods, stl_adjust(y, period,
// s_window) removes the season (R's mstl(y)); otherwise nothing is removed; (2) the inner model
// fits the result. predict(): the inner forecast and its interval bounds plus the seasonal
// component of the last observed period, repeated.
//
//   StlForecaster stlf(52, make_ets(ForecastOptions{}));  // R: stlf(y), ets "ZZN" inside
//   if (stlf.fit(y)) { auto fc = stlf.predict(13, {80, 95}); }
class StlForecaster : public Forecaster {
 public:
  // inner: an unfitted non-seasonal forecaster (its period 1). min_strength 0: always adjust
  // (R's stlf).
  StlForecaster(int period, std::unique_ptr<Forecaster> inner, double min_strength = 0.0,
                int s_window = 11);
  std::string name() const override { return "stlf"; }
  Result<void> fit(const std::vector<double>& y) override;
  // The inner model's summary with the season added to the fitted values; model "STL[m] + …"
  // when a season was removed; params gain "seasonal_strength".
  const FitSummary& summary() const override { return summary_; }
  Result<ForecastResult> predict(int horizon, const std::vector<double>& levels) const override;

  const SeasonalAdjustment& adjustment() const { return adjustment_; }

 private:
  int period_;
  double min_strength_;
  int s_window_;
  std::unique_ptr<Forecaster> inner_;
  SeasonalAdjustment adjustment_;
  bool fitted_ = false;
  FitSummary summary_;
};

// R's stlf(y): STL + automatic non-seasonal ETS (model "ZZN").
std::unique_ptr<Forecaster> make_stl_ets(const ForecastOptions& options);
// R's stlf(y, method = "arima"): STL + auto ARIMA with seasonal = FALSE.
std::unique_ptr<Forecaster> make_stl_arima(const ForecastOptions& options);

// The registry's "ets" and "arima" at any period: up to kLongPeriod R's ets() and auto.arima()
// (make_ets, make_arima); above it an StlForecaster with min_strength kStrongSeason around the
// non-seasonal model, so a long period never reaches the seasonal state or ARIMA search.
std::unique_ptr<Forecaster> make_ets_for_period(const ForecastOptions& options);
std::unique_ptr<Forecaster> make_arima_for_period(const ForecastOptions& options);

}  // namespace adpilot::analyze::forecast
