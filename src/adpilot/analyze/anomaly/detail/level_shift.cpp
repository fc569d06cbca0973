#include "adpilot/analyze/anomaly/detail/level_shift.h"

#include <algorithm>
#include <cmath>

namespace adpilot::analyze::anomaly::detail {

std::optional<double> LevelShiftDetector::add(double residual, double z) {
  const int sign = z > 0.0 ? 1 : -1;
  if (std::fabs(z) < kShiftZ || !std::isfinite(residual)) {
    residuals_.clear();
    return std::nullopt;
  }
  if (sign != sign_) {
    residuals_.clear();
    sign_ = sign;
  }
  residuals_.push_back(residual);
  if (static_cast<int>(residuals_.size()) < kRun) {
    return std::nullopt;
  }
  // The median residual of the run: the smallest steps of a ramp do not overshoot it.
  std::vector<double> run = residuals_;
  std::nth_element(run.begin(), run.begin() + kRun / 2, run.end());
  residuals_.clear();
  return run[kRun / 2];
}

}  // namespace adpilot::analyze::anomaly::detail
