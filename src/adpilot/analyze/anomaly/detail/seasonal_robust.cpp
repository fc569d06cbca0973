#include "adpilot/analyze/anomaly/detail/seasonal_robust.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace adpilot::analyze::anomaly::detail {
namespace {

// −log10 p at which the score is one half.
constexpr double kHalfScoreLog = 4.0;
// The calibrator forgets with this half-life (points): long enough to know the tail of a
// 5-minute series from days of data, short enough to follow a change in its noise.
constexpr double kCalibrationHalfLife = 4000.0;
// A scale never falls below this share of the expected level: exact repeats (a flat line) would
// otherwise make any rounding difference infinitely surprising.
constexpr double kRelativeFloor = 1e-6;
constexpr double kAbsoluteFloor = 1e-12;

}  // namespace

double score_from_tail(double p) {
  const double surprise = -std::log10(std::clamp(p, 1e-300, 1.0));
  return surprise / (surprise + kHalfScoreLog);
}

double tail_from_score(double score) {
  const double clamped = std::clamp(score, 0.0, 1.0 - 1e-12);
  return std::pow(10.0, -kHalfScoreLog * clamped / (1.0 - clamped));
}

SeasonalRobustDetector::SeasonalRobustDetector(const DetectorOptions& options)
    : options_(options),
      calibrator_(kCalibrationHalfLife),
      flag_log_p_(-std::log10(tail_from_score(options.flag_threshold))) {}

double SeasonalRobustDetector::noise_floor(double expected) const {
  double floor = std::max(kAbsoluteFloor, kRelativeFloor * std::fabs(expected));
  if (options_.count_data) {
    // Poisson: the variance of a count is at least its mean; 1 keeps near-zero means sane.
    floor = std::max(floor, std::sqrt(std::max(expected, 1.0)));
  }
  return floor;
}

double SeasonalRobustDetector::update(double timestamp_seconds, double value) {
  last_ = PointScore{};
  last_.timestamp = timestamp_seconds;
  last_.value = value;
  last_.expected = std::numeric_limits<double>::quiet_NaN();
  last_.lower = last_.expected;
  last_.upper = last_.expected;
  if (!std::isfinite(value) || !std::isfinite(timestamp_seconds)) {
    return 0.0;
  }
  ++seen_;
  if (clock_.observe(timestamp_seconds)) {
    baseline_.add_seasonal(candidate_periods(clock_.interval(), options_.period), replay_);
    replay_.clear();
  }

  const Forecast forecast = baseline_.forecast(timestamp_seconds);
  if (!forecast.ready) {
    learn(timestamp_seconds, value);
    return 0.0;
  }
  const double scale = std::max(forecast.scale, noise_floor(forecast.expected));
  const double residual = value - forecast.expected;
  const double z = residual / scale;
  const double p = calibrator_.tail_probability(std::fabs(z));
  const double band = calibrator_.value_for_tail(std::pow(10.0, -flag_log_p_)) * scale;
  last_.expected = forecast.expected;
  last_.lower = forecast.expected - band;
  last_.upper = forecast.expected + band;
  if (seen_ > options_.warmup_points) {
    last_.score = score_from_tail(p);
  }
  last_.flagged = last_.score >= options_.flag_threshold;
  if (last_.flagged) {
    last_.direction = residual > 0.0 ? Direction::kUp : Direction::kDown;
    const double surprise = -std::log10(p);
    last_.severity = surprise >= 2.0 * flag_log_p_   ? Severity::kHigh
                     : surprise >= 1.4 * flag_log_p_ ? Severity::kMedium
                                                     : Severity::kLow;
  }
  calibrator_.add(std::fabs(z));
  if (const auto delta = shifts_.add(residual, z)) {
    baseline_.shift(*delta);
  }
  learn(timestamp_seconds, value);
  return last_.score;
}

void SeasonalRobustDetector::learn(double timestamp_seconds, double value) {
  if (!clock_.ready()) {
    replay_.emplace_back(timestamp_seconds, value);
  }
  baseline_.learn(timestamp_seconds, value);
}

}  // namespace adpilot::analyze::anomaly::detail
