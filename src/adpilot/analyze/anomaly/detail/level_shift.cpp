#include "adpilot/analyze/anomaly/detail/level_shift.h"

#include <algorithm>
#include <cmath>
#include <cstddef>

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
  const auto middle = run.begin() + static_cast<std::ptrdiff_t>(run.size() / 2);
  std::nth_element(run.begin(), middle, run.end());
  residuals_.clear();
  return *middle;
}

}  // namespace adpilot::analyze::anomaly::detail
