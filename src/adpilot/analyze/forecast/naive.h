// Benchmark forecasters: naive (last value) and seasonal naive (the value one period back), with
// the textbook prediction intervals (Hyndman & Athanasopoulos, FPP3 §5.5). They are the yardstick
// the ETS and ARIMA models must beat, and a fallback for series too short to fit them.
#pragma once

#include <memory>

#include "adpilot/analyze/forecast/forecaster.h"

namespace adpilot::analyze::forecast {

class NaiveForecaster : public Forecaster {
 public:
  // period 1: naive; period m > 1: seasonal naive.
  explicit NaiveForecaster(int period) : period_(period < 1 ? 1 : period) {}
  std::string name() const override { return period_ > 1 ? "snaive" : "naive"; }
  Result<void> fit(const std::vector<double>& y) override;
  const FitSummary& summary() const override { return summary_; }
  Result<ForecastResult> predict(int horizon, const std::vector<double>& levels) const override;

 private:
  int period_;
  std::vector<double> last_season_;
  double sigma_ = 0.0;
  FitSummary summary_;
};

std::unique_ptr<Forecaster> make_naive(const ForecastOptions& options);
std::unique_ptr<Forecaster> make_snaive(const ForecastOptions& options);

// The normal quantile for a two-sided level in percent: 95 → 1.959964.
double normal_quantile_for_level(double level_percent);

}  // namespace adpilot::analyze::forecast
