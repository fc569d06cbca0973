// The robust seasonal baseline: several one-step forecasters run side by side (a fast and a slow
// level, one seasonal forecaster per candidate period) and the one with the smallest recent
// error gives the expected value and the residual scale. Choosing by error rather than by a
// seasonality test means a period is used only when it actually predicts better, and a series
// whose pattern changes (a new weekly rhythm) moves to the forecaster that fits it now.
#pragma once

#include <utility>
#include <vector>

#include "adpilot/analyze/anomaly/detail/forecasters.h"
#include "adpilot/analyze/anomaly/detail/sampling.h"

namespace adpilot::analyze::anomaly::detail {

struct Forecast {
  bool ready = false;
  double expected = 0.0;
  double scale = 0.0;  // robust standard deviation of the chosen forecaster's recent errors
};

// A robust running scale of absolute errors: an exponentially weighted mean of |error|, each
// clipped to a few scales so one outlier cannot inflate it, converted to a standard deviation.
class ErrorScale {
 public:
  void add(double abs_error);
  int count() const { return count_; }
  double sigma() const;

 private:
  int count_ = 0;
  double mean_abs_ = 0.0;
};

class Baseline {
 public:
  Baseline();
  // Adds the seasonal candidates once the sampling clock knows the interval, and teaches them
  // the points seen before (timestamp, value), which the level forecasters already know.
  void add_seasonal(const std::vector<PeriodSpec>& specs,
                    const std::vector<std::pair<double, double>>& history);
  // The forecast for a point at t; learn() must follow with that point's value.
  Forecast forecast(double timestamp_seconds);
  void learn(double timestamp_seconds, double value);
  // The series moved to a new level: move every forecaster with it.
  void shift(double delta);

 private:
  struct Candidate {
    bool has_prediction = false;
    double prediction = 0.0;
    ErrorScale errors;
  };
  double clean(const Candidate& candidate, double value) const;

  std::vector<LevelForecaster> levels_;
  std::vector<SeasonalForecaster> seasonals_;
  std::vector<Candidate> candidates_;  // levels_ first, then seasonals_
};

}  // namespace adpilot::analyze::anomaly::detail
