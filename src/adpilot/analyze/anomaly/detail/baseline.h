// The robust baseline: several one-step forecasters run side by side (a fast and a slow level,
// one seasonal forecaster per candidate period). Each keeps its own robust error scale and its
// own level-shift handler; the detector tests a point against all of them, and the one with the
// smallest recent error gives the expected value shown to the user. Choosing by error rather
// than by a seasonality test means a period is used only where it predicts better.
#pragma once

#include <cstddef>
#include <utility>
#include <vector>

#include "adpilot/analyze/anomaly/detail/forecasters.h"
#include "adpilot/analyze/anomaly/detail/level_shift.h"
#include "adpilot/analyze/anomaly/detail/sampling.h"

namespace adpilot::analyze::anomaly::detail {

struct Forecast {
  bool ready = false;     // has a forecast and enough errors to know its scale
  double expected = 0.0;
  double scale = 0.0;     // robust standard deviation of recent errors, at least the noise floor
  bool shifted = false;   // the last learn() moved this forecaster to a new level
};

// A robust running scale of absolute errors: an exponentially weighted mean of |error|, each
// clipped to a few scales so one outlier cannot inflate it, converted to a standard deviation.
class ErrorScale {
 public:
  // span: the number of recent errors the scale averages (a running mean until there are as many).
  void add(double abs_error, int span);
  int count() const { return count_; }
  double sigma() const;

 private:
  int count_ = 0;
  double mean_abs_ = 0.0;
};

class Baseline {
 public:
  // count_data: the scale is at least the Poisson one, sqrt(expected).
  explicit Baseline(bool count_data);
  // Adds the seasonal candidates once the sampling clock knows the interval, and teaches them
  // the points seen before (timestamp, value), which the level forecasters already know.
  void add_seasonal(const std::vector<PeriodSpec>& specs,
                    const std::vector<std::pair<double, double>>& history);
  // Every candidate's forecast for a point at t, in a fixed order that only grows, and the index
  // of the one with the smallest recent error. learn() must follow with that point's value.
  std::size_t forecast(double timestamp_seconds, std::vector<Forecast>& out);
  // Learns the value; fills `out[i].shifted`.
  void learn(double timestamp_seconds, double value, std::vector<Forecast>& out);

 private:
  struct Candidate {
    bool has_prediction = false;
    double prediction = 0.0;
    ErrorScale errors;
    double mean_abs_error = 0.0;  // unclipped, for choosing the forecaster to show
    LevelShiftDetector shifts;
  };
  double noise_floor(double expected) const;

  bool count_data_;
  int seen_ = 0;
  int error_span_;  // errors the scales average: set from the shortest period once known
  double magnitude_ = 0.0;  // running mean of |value|
  std::vector<LevelForecaster> levels_;
  std::vector<SeasonalForecaster> seasonals_;
  std::vector<Candidate> candidates_;  // levels_ first, then seasonals_
};

}  // namespace adpilot::analyze::anomaly::detail
