// The one-step forecasters the baseline chooses among. Each learns from cleaned values (outliers
// already clipped by the caller) and can be shifted when the series moves to a new level.
#pragma once

#include <vector>

#include "adpilot/analyze/anomaly/detail/sampling.h"

namespace adpilot::analyze::anomaly::detail {

// An exponentially weighted level: the forecast for series without a usable season. A fast and
// a slow one cover random-walk-like and noisy-flat series.
class LevelForecaster {
 public:
  explicit LevelForecaster(double alpha) : alpha_(alpha) {}
  bool ready() const { return has_level_; }
  double predict() const { return level_; }
  void learn(double value);
  void shift(double delta) { level_ += delta; }

 private:
  double alpha_;
  bool has_level_ = false;
  double level_ = 0.0;
};

// Seasonal forecast = trailing mean over the last period + the median, over the last kCycles
// cycles, of this phase's deviation from the trailing mean of its time. Under a linear trend the
// trailing mean lags by half a period at every phase alike, so the stored deviations carry the
// same lag and the forecast stays unbiased: the trend needs no term of its own. The median keeps
// one odd cycle (a holiday, a missed outlier) out of the profile.
class SeasonalForecaster {
 public:
  static constexpr int kCycles = 5;

  explicit SeasonalForecaster(const PeriodSpec& spec);
  const PeriodSpec& spec() const { return spec_; }
  // False until this phase has been seen once.
  bool ready(double timestamp_seconds) const;
  double predict(double timestamp_seconds) const;
  void learn(double timestamp_seconds, double value);
  // Moves the whole history by delta, as if the series had always been at its new level.
  void shift(double delta);

 private:
  double window_mean() const { return window_sum_ / static_cast<double>(window_count_); }

  PeriodSpec spec_;
  std::vector<double> deviations_;  // [bin * kCycles + slot]
  std::vector<int> deviation_count_;
  std::vector<int> deviation_next_;
  std::vector<double> window_;      // ring of the last spec_.bins cleaned values
  int window_next_ = 0;
  int window_count_ = 0;
  double window_sum_ = 0.0;
};

}  // namespace adpilot::analyze::anomaly::detail
