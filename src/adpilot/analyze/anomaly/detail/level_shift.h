// Tells a level shift from an outlier: a run of consecutive residuals far out on the same side is
// a new level, not a string of anomalies, and the baseline should move there so that a permanent
// change stops alarming after the run (the first points of the run still score as anomalies).
#pragma once

#include <optional>
#include <vector>

namespace adpilot::analyze::anomaly::detail {

class LevelShiftDetector {
 public:
  // A run this long of |z| >= kShiftZ with one sign is a shift: 5 such points in a row are far
  // too unlikely (< 1e-8 under normal noise) to be chance, and few enough that daily data moves
  // to its new level within a week.
  static constexpr int kRun = 5;
  static constexpr double kShiftZ = 3.0;

  // residual = value − expected, z = residual / scale. Returns the shift to apply, if any.
  std::optional<double> add(double residual, double z);
  void reset() { residuals_.clear(); }

 private:
  std::vector<double> residuals_;  // the current run
  int sign_ = 0;
};

}  // namespace adpilot::analyze::anomaly::detail
