// "auto": the median of three automatic forecasts, ETS, ARIMA and Theta, each at the series'
// period (ETS and ARIMA through make_ets_for_period / make_arima_for_period, so long periods
// take the STL route). AICc cannot choose between the families (their likelihoods are of
// different data once ARIMA differences), and the M4 competition found simple combinations
// more accurate than any member; the median, unlike the mean, ignores one member that goes
// astray. Members that cannot be fitted drop out (two left: their mean; one: itself); when
// none can, the naive method stands in.
#pragma once

#include <memory>
#include <vector>

#include "adpilot/analyze/forecast/forecaster.h"

namespace adpilot::analyze::forecast {

// How the members' forecasts are combined, step by step and bound by bound.
enum class CombineRule { kMedian, kMean };

// A combination of the given unfitted members (at least one).
//
//   std::vector<std::unique_ptr<Forecaster>> members;
//   members.push_back(make_theta(options));
//   members.push_back(make_ets_for_period(options));
//   CombinationForecaster c(std::move(members), CombineRule::kMean);
class CombinationForecaster : public Forecaster {
 public:
  CombinationForecaster(std::vector<std::unique_ptr<Forecaster>> members, CombineRule rule,
                        int period = 1);
  std::string name() const override { return "auto"; }
  // Fits every member; an error only when none fits and the naive fallback fails too.
  Result<void> fit(const std::vector<double>& y) override;
  // The first fitted member's summary, model "median of A + B + C".
  const FitSummary& summary() const override { return summary_; }
  // Each step's mean and each interval bound combined by the rule over the fitted members (an
  // approximation for the bounds that keeps the members' widths and asymmetry).
  Result<ForecastResult> predict(int horizon, const std::vector<double>& levels) const override;

  // The members that fitted, in the order given.
  size_t fitted_members() const { return fitted_.size(); }

 private:
  std::string model_name() const;

  std::vector<std::unique_ptr<Forecaster>> candidates_;
  std::vector<Forecaster*> fitted_;
  std::unique_ptr<Forecaster> fallback_;
  CombineRule rule_;
  int period_;
  FitSummary summary_;
};

// Factory for the registry ("auto"): the median of ETS, ARIMA and Theta at options.period.
std::unique_ptr<Forecaster> make_combination(const ForecastOptions& options);

}  // namespace adpilot::analyze::forecast
