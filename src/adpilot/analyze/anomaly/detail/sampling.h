// The sampling clock of a series: its interval, learnt from the first timestamps, and the seasonal
// periods that interval implies (1 day and 7 days of points; 7 points for daily data).
#pragma once

#include <vector>

namespace adpilot::analyze::anomaly::detail {

// One seasonal period, cut into bins of one sampling interval. The phase of a point comes from
// its timestamp, not its index, so gaps and repeated timestamps do not shift the cycle.
struct PeriodSpec {
  double period_seconds = 0.0;
  double bin_seconds = 0.0;
  int bins = 0;

  int phase(double timestamp_seconds) const;
};

class SamplingClock {
 public:
  // Intervals needed before the clock is trusted: few, because daily campaign data must be
  // seasonal within its first weeks, and the median of eight is robust to a gap or two.
  static constexpr int kIntervalsNeeded = 8;

  // Returns true on the call that makes the clock ready.
  bool observe(double timestamp_seconds);
  bool ready() const { return interval_ > 0.0; }
  double interval() const { return interval_; }

 private:
  bool has_last_ = false;
  double last_ = 0.0;
  std::vector<double> intervals_;
  double interval_ = 0.0;
};

// Candidate periods for a sampling interval. user_period > 0 (points) overrides the derivation.
std::vector<PeriodSpec> candidate_periods(double interval_seconds, int user_period);

}  // namespace adpilot::analyze::anomaly::detail
