// "zscore": the textbook baseline, kept to measure the default against. The mean and standard
// deviation of the last kWindow points give z; the score is the two-sided normal tail on the
// same log scale as the default detector. No season, no trend, no robustness.
#pragma once

#include <deque>
#include <string>

#include "adpilot/analyze/anomaly/online_detector.h"

namespace adpilot::analyze::anomaly::detail {

class ZScoreDetector : public AnomalyDetector {
 public:
  static constexpr int kWindow = 288;

  explicit ZScoreDetector(const DetectorOptions& options);
  std::string name() const override { return "zscore"; }
  double update(double timestamp_seconds, double value) override;
  const PointScore& last() const override { return last_; }

 private:
  DetectorOptions options_;
  double band_z_;  // |z| at the flag threshold
  std::deque<double> window_;
  double sum_ = 0.0;
  double sum_squares_ = 0.0;
  long long seen_ = 0;
  PointScore last_;
};

}  // namespace adpilot::analyze::anomaly::detail
