#include "adpilot/analyze/anomaly/detail/forecasters.h"

#include <algorithm>
#include <array>
#include <cstddef>

namespace adpilot::analyze::anomaly::detail {

void LevelForecaster::learn(double value) {
  if (!has_level_) {
    level_ = value;
    has_level_ = true;
    return;
  }
  level_ += alpha_ * (value - level_);
}

SeasonalForecaster::SeasonalForecaster(const PeriodSpec& spec)
    : spec_(spec),
      deviations_(static_cast<size_t>(spec.bins) * kCycles, 0.0),
      deviation_count_(static_cast<size_t>(spec.bins), 0),
      deviation_next_(static_cast<size_t>(spec.bins), 0),
      window_(static_cast<size_t>(spec.bins), 0.0) {}

bool SeasonalForecaster::ready(double timestamp_seconds) const {
  return window_count_ > 0 && deviation_count_[spec_.phase(timestamp_seconds)] > 0;
}

double SeasonalForecaster::predict(double timestamp_seconds) const {
  const int bin = spec_.phase(timestamp_seconds);
  const int count = deviation_count_[bin];
  std::array<double, kCycles> values{};
  std::copy_n(deviations_.begin() + static_cast<std::ptrdiff_t>(bin) * kCycles, count, values.begin());
  const auto mid = values.begin() + count / 2;
  std::nth_element(values.begin(), mid, values.begin() + count);
  double median = *mid;
  if (count % 2 == 0) {
    median = 0.5 * (median + *std::max_element(values.begin(), mid));
  }
  return window_mean() + median;
}

void SeasonalForecaster::shift(double delta) {
  // Deviations are relative to the trailing mean, so moving the stored values moves the forecast.
  for (int slot = 0; slot < window_count_; ++slot) {
    window_[slot] += delta;
  }
  window_sum_ += delta * static_cast<double>(window_count_);
}

void SeasonalForecaster::learn(double timestamp_seconds, double value) {
  if (window_count_ > 0) {
    const int bin = spec_.phase(timestamp_seconds);
    deviations_[static_cast<size_t>(bin) * kCycles + deviation_next_[bin]] = value - window_mean();
    deviation_next_[bin] = (deviation_next_[bin] + 1) % kCycles;
    deviation_count_[bin] = std::min(deviation_count_[bin] + 1, kCycles);
  }
  if (window_count_ == spec_.bins) {
    window_sum_ -= window_[window_next_];
  } else {
    ++window_count_;
  }
  window_[window_next_] = value;
  window_sum_ += value;
  window_next_ = (window_next_ + 1) % spec_.bins;
  // Re-add once per cycle so rounding errors of the running sum cannot pile up.
  if (window_next_ == 0 && window_count_ == spec_.bins) {
    window_sum_ = 0.0;
    for (const double stored : window_) {
      window_sum_ += stored;
    }
  }
}

}  // namespace adpilot::analyze::anomaly::detail
