// "seasonal_robust": the default detector. Per point:
//   1. every forecaster of the robust baseline (baseline.h) predicts the value and gives its
//      error scale, floored by the count noise (variance ≥ expected value) for count data;
//   2. for each forecaster, two surprises: the point's |z|, and the drift (a short exponential
//      mean of clipped z, for shifts too small to show in one point); each becomes a tail
//      probability learnt from this series' own history (tail_calibrator.h). The smallest, times
//      the number of tests (Bonferroni), is the point's probability; the score is its log. A point
//      is anomalous when some plausible model of the series finds it rare: a break of the daily
//      pattern is rare to the seasonal forecaster even where a level forecaster sees a usual jump;
//   3. learn: a run of same-sided outliers moves the baseline to the new level (level_shift.h),
//      then every forecaster learns from the value clipped to its forecast ± a few scales.
#pragma once

#include <deque>
#include <string>
#include <utility>
#include <vector>

#include "adpilot/analyze/anomaly/detail/baseline.h"
#include "adpilot/analyze/anomaly/detail/sampling.h"
#include "adpilot/analyze/anomaly/detail/tail_calibrator.h"
#include "adpilot/analyze/anomaly/online_detector.h"

namespace adpilot::analyze::anomaly::detail {

class SeasonalRobustDetector : public AnomalyDetector {
 public:
  explicit SeasonalRobustDetector(const DetectorOptions& options);
  std::string name() const override { return "seasonal_robust"; }
  double update(double timestamp_seconds, double value) override;
  const PointScore& last() const override { return last_; }

 private:
  // The surprise statistics of one forecaster, each with its own calibration.
  struct Channel {
    TailCalibrator point;
    TailCalibrator drift;
    double drift_mean = 0.0;  // exponential mean of clipped z
  };
  void learn(double timestamp_seconds, double value);
  double deduplicate(double raw);

  DetectorOptions options_;
  SamplingClock clock_;
  Baseline baseline_;
  std::vector<Forecast> forecasts_;
  std::vector<Channel> channels_;
  // The first points, kept until the clock knows the interval and replayed into the seasonal
  // forecasters then, so they do not lose the series' first cycle.
  std::vector<std::pair<double, double>> replay_;
  double flag_log_p_;  // −log10 of the tail probability at the flag threshold
  long long seen_ = 0;
  // Recent raw scores (point number, score), decreasing: the sliding maximum for the dedup.
  std::deque<std::pair<long long, double>> recent_max_;
  PointScore last_;
};

// Score in [0, 1] for a tail probability, and back: 0.5 at p = 1e-4, rising slowly to 1 so that
// ever rarer events still rank above one another.
double score_from_tail(double p);
double tail_from_score(double score);

}  // namespace adpilot::analyze::anomaly::detail
