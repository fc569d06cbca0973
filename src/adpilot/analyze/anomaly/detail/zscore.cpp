#include "adpilot/analyze/anomaly/detail/zscore.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "adpilot/analyze/anomaly/detail/seasonal_robust.h"

namespace adpilot::analyze::anomaly::detail {

namespace {

double normal_tail(double z) { return std::erfc(std::fabs(z) / std::sqrt(2.0)); }

}  // namespace

ZScoreDetector::ZScoreDetector(const DetectorOptions& options) : options_(options) {
  // Bisection for the |z| whose two-sided tail is the flag threshold's probability.
  const double wanted = tail_from_score(options.flag_threshold);
  double low = 0.0;
  double high = 40.0;
  for (int step = 0; step < 100; ++step) {
    const double mid = 0.5 * (low + high);
    (normal_tail(mid) > wanted ? low : high) = mid;
  }
  band_z_ = high;
}

double ZScoreDetector::update(double timestamp_seconds, double value) {
  last_ = unscored_point(timestamp_seconds, value);
  if (!std::isfinite(value)) {
    return 0.0;
  }
  ++seen_;
  const auto count = static_cast<double>(window_.size());
  if (count >= 2.0) {
    const double mean = sum_ / count;
    const double variance = std::max(sum_squares_ / count - mean * mean, 0.0);
    double sigma = std::sqrt(variance);
    if (options_.count_data) {
      sigma = std::max(sigma, std::sqrt(std::max(mean, 1.0)));
    }
    sigma = std::max(sigma, 1e-12);
    const double z = (value - mean) / sigma;
    // Two-sided normal tail; erfc keeps precision far out.
    const double p = normal_tail(z);
    last_.expected = mean;
    last_.lower = mean - band_z_ * sigma;
    last_.upper = mean + band_z_ * sigma;
    if (seen_ > options_.warmup_points) {
      last_.score = score_from_tail(p);
    }
    last_.flagged = last_.score >= options_.flag_threshold;
    if (last_.flagged) {
      last_.direction = z > 0.0 ? Direction::kUp : Direction::kDown;
      last_.severity = Severity::kMedium;
    }
  }
  window_.push_back(value);
  sum_ += value;
  sum_squares_ += value * value;
  if (static_cast<int>(window_.size()) > kWindow) {
    sum_ -= window_.front();
    sum_squares_ -= window_.front() * window_.front();
    window_.pop_front();
  }
  return last_.score;
}

}  // namespace adpilot::analyze::anomaly::detail
