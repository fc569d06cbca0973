// The Theta method (Assimakopoulos & Nikolopoulos 2000) as forecast::thetaf and the M4 'Theta'
// benchmark run it: simple exponential smoothing with drift equal to half the slope of the
// linear trend (Hyndman & Billah 2003), on the series seasonally adjusted by the classical
// multiplicative decomposition when the 90 % autocorrelation test finds a season. It has no
// seasonal state, so any period works, and it costs one one-parameter fit.
#pragma once

#include <memory>
#include <vector>

#include "adpilot/analyze/forecast/forecaster.h"
#include "adpilot/analyze/forecast/seasonal_adjust.h"

namespace adpilot::analyze::forecast {

// Steps of fit():
//   (1) seasonality_test at the period (needs more than two periods); when it passes, the
//       classical multiplicative decomposition removes the season;
//   (2) SES, ETS(A,N,N), fitted by least squares (= maximum likelihood) on the adjusted series;
//   (3) drift b/2 from the least-squares line through the adjusted series.
// predict(): mean_h = ℓ_n + (b/2)·(h − 1 + (1 − (1 − α)^n)/α), times the season factor, and
// thetaf's intervals mean ± z·σ·√((h − 1)α² + 1).
//
//   ThetaForecaster theta(12);
//   if (theta.fit(y)) { auto fc = theta.predict(12, {80, 95}); }
class ThetaForecaster : public Forecaster {
 public:
  explicit ThetaForecaster(int period) : period_(period < 1 ? 1 : period) {}
  std::string name() const override { return "theta"; }
  // Errors: non-finite values, fewer than 7 values (SES needs n > 6, as R's ets).
  Result<void> fit(const std::vector<double>& y) override;
  // params: alpha, drift (b/2), level (ℓ_n).
  const FitSummary& summary() const override { return summary_; }
  Result<ForecastResult> predict(int horizon, const std::vector<double>& levels) const override;

  const SeasonalAdjustment& adjustment() const { return adjustment_; }

 private:
  int period_;
  SeasonalAdjustment adjustment_;
  double alpha_ = 0.0;
  double drift_ = 0.0;
  double level_ = 0.0;
  double sigma2_ = 0.0;
  size_t n_ = 0;
  bool fitted_ = false;
  FitSummary summary_;
};

std::unique_ptr<Forecaster> make_theta(const ForecastOptions& options);

}  // namespace adpilot::analyze::forecast
