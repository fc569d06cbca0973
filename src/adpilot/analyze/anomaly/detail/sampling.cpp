#include "adpilot/analyze/anomaly/detail/sampling.h"

#include <algorithm>
#include <cmath>

namespace adpilot::analyze::anomaly::detail {
namespace {

constexpr double kDaySeconds = 86400.0;
constexpr double kWeekSeconds = 7.0 * kDaySeconds;
// Above this many bins a period is not modelled point by point (second-level data): its state
// would be large and each bin would see too few cycles to learn from.
constexpr int kMaxBins = 4096;

}  // namespace

int PeriodSpec::phase(double timestamp_seconds) const {
  double offset = std::fmod(timestamp_seconds, period_seconds);
  if (offset < 0.0) {
    offset += period_seconds;
  }
  // Half a bin of slack: timestamps a little early (clock jitter) land in their own bin.
  const auto bin = static_cast<int>(std::floor(offset / bin_seconds + 0.5));
  return bin % bins;
}

bool SamplingClock::observe(double timestamp_seconds) {
  if (ready()) {
    return false;
  }
  if (has_last_ && timestamp_seconds > last_) {
    intervals_.push_back(timestamp_seconds - last_);
  }
  has_last_ = true;
  last_ = timestamp_seconds;
  if (static_cast<int>(intervals_.size()) < kIntervalsNeeded) {
    return false;
  }
  std::nth_element(intervals_.begin(), intervals_.begin() + kIntervalsNeeded / 2, intervals_.end());
  interval_ = intervals_[kIntervalsNeeded / 2];
  intervals_.clear();
  return true;
}

std::vector<PeriodSpec> candidate_periods(double interval_seconds, int user_period) {
  std::vector<PeriodSpec> out;
  if (!(interval_seconds > 0.0)) {
    return out;
  }
  if (user_period > 1) {
    out.push_back({interval_seconds * user_period, interval_seconds, user_period});
    return out;
  }
  for (const double period : {kDaySeconds, kWeekSeconds}) {
    const double bins = std::round(period / interval_seconds);
    // A period must span at least two points, and the interval must divide it (nearly), or the
    // phases would drift from cycle to cycle.
    if (bins < 2.0 || bins > kMaxBins ||
        std::fabs(bins * interval_seconds - period) > 0.01 * period) {
      continue;
    }
    out.push_back({period, period / bins, static_cast<int>(bins)});
  }
  return out;
}

}  // namespace adpilot::analyze::anomaly::detail
