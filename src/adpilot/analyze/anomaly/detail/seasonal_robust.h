// "seasonal_robust": the default detector. Per point:
//   1. every forecaster of the robust baseline (baseline.h) predicts the value and gives its
//      error scale (floored by the Poisson noise for count data) → z = (value − forecast) / scale;
//   2. three surprises per plausible forecaster (error scale within 2× of the best one's): the
//      point |z|; the drift, a slow exponential mean of clipped z (a shift too small to show in
//      one point); the volatility, a slow mean of clipped |z| (a burst of unpredictability: noise,
//      a broken rhythm). Each becomes a tail probability learnt from this series' own history
//      (tail_calibrator.h); the smallest, times the number of tests (Bonferroni), is the point's
//      probability. A point is anomalous when some plausible model of the series finds it rare:
//      a break of the daily pattern is rare to the seasonal forecaster even where a level
//      forecaster sees a usual jump;
//   3. the score is that probability on a log scale (score_from_tail), deduplicated: within a
//      day of a higher raw score a point keeps only half its score, so one incident raises one
//      alarm rather than one per point;
//   4. learn: every forecaster learns from the value clipped to its forecast ± a few scales, and
//      a run of same-sided outliers moves it to the new level (baseline.h, level_shift.h).
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
    Channel();
    TailCalibrator point;
    TailCalibrator drift;
    TailCalibrator volatility;
    double drift_mean = 0.0;       // exponential mean of clipped z
    double volatility_mean = 0.0;  // exponential mean of clipped |z|
    double last_point = 0.0;       // this point's |z| and |drift|, before they are learnt
    double last_drift = 0.0;
  };
  // Tests the value against every ready forecaster, then adds its statistics to their histories;
  // returns the Bonferroni tail probability and sets tests_ to the number of tests made.
  double surprise(double value, std::size_t best);
  double deduplicate(double raw);
  void describe(double p, std::size_t best);
  void learn(double timestamp_seconds, double value);

  DetectorOptions options_;
  SamplingClock clock_;
  Baseline baseline_;
  std::vector<Forecast> forecasts_;
  std::vector<Channel> channels_;
  int tests_ = 0;
  // The first points, kept until the clock knows the interval and replayed into the seasonal
  // forecasters then, so they do not lose the series' first cycle.
  std::vector<std::pair<double, double>> replay_;
  double flag_p_;      // the tail probability at the flag threshold
  double flag_log_p_;  // and its −log10
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
