#include "adpilot/analyze/anomaly/detail/seasonal_robust.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace adpilot::analyze::anomaly::detail {
namespace {

// −log10 p at which the score is one half.
constexpr double kHalfScoreLog = 4.0;
// The calibrators forget with this half-life (points): long enough to know the tail of a
// 5-minute series from days of data, short enough to follow a change in its noise.
constexpr double kCalibrationHalfLife = 4000.0;
// Drift and volatility average about 40 points (weight 0.05): several hours of 5-minute data,
// a month of daily data. z is clipped first so that one outlier cannot make a drift (±3) and a
// spike counts as a spike, not as a noisy stretch (5).
constexpr double kDriftAlpha = 0.05;
constexpr double kDriftClip = 3.0;
constexpr double kVolatilityAlpha = 0.05;
constexpr double kVolatilityClip = 5.0;
// Dedup: a point scores fully only above every raw score of the last day (at least
// kMinDedupPoints points); otherwise it keeps kDedupFactor of its score.
constexpr double kDedupSeconds = 86400.0;
constexpr long long kMinDedupPoints = 3;
constexpr double kDedupFactor = 0.5;
// A forecaster takes part in the tests while its error scale is within this factor of the best's.
constexpr double kPlausibleScale = 2.0;
// Flagged points weigh fully in the calibration from this many points of history on.
constexpr double kFullWeightPoints = 500.0;
// Severity bands, as multiples of the flag threshold's −log10 p.
constexpr double kMediumSurprise = 1.4;
constexpr double kHighSurprise = 2.0;

}  // namespace

double score_from_tail(double p) {
  const double surprise = -std::log10(std::clamp(p, 1e-300, 1.0));
  return std::max(0.0, surprise / (surprise + kHalfScoreLog));
}

double tail_from_score(double score) {
  const double clamped = std::clamp(score, 0.0, 1.0 - 1e-12);
  return std::pow(10.0, -kHalfScoreLog * clamped / (1.0 - clamped));
}

SeasonalRobustDetector::Channel::Channel()
    : point(kCalibrationHalfLife), drift(kCalibrationHalfLife), volatility(kCalibrationHalfLife) {}

SeasonalRobustDetector::SeasonalRobustDetector(const DetectorOptions& options)
    : options_(options),
      baseline_(options.count_data),
      flag_p_(tail_from_score(options.flag_threshold)),
      flag_log_p_(-std::log10(flag_p_)) {}

double SeasonalRobustDetector::update(double timestamp_seconds, double value) {
  last_ = unscored_point(timestamp_seconds, value);
  if (!std::isfinite(value) || !std::isfinite(timestamp_seconds)) {
    return 0.0;
  }
  ++seen_;
  if (clock_.observe(timestamp_seconds)) {
    baseline_.add_seasonal(candidate_periods(clock_.interval(), options_.period), replay_);
    replay_.clear();
  }
  const size_t best = baseline_.forecast(timestamp_seconds, forecasts_);
  if (forecasts_[best].ready) {
    const double p = surprise(value, best);
    const double raw = seen_ > options_.warmup_points ? score_from_tail(p) : 0.0;
    last_.score = deduplicate(raw);
    describe(p, best);
  }
  learn(timestamp_seconds, value);
  return last_.score;
}

double SeasonalRobustDetector::surprise(double value, size_t best) {
  if (channels_.size() < forecasts_.size()) {
    channels_.resize(forecasts_.size());
  }
  const double drift_norm = std::sqrt(kDriftAlpha / (2.0 - kDriftAlpha));
  double min_p = 1.0;
  tests_ = 0;
  for (size_t idx = 0; idx < forecasts_.size(); ++idx) {
    const Forecast& forecast = forecasts_[idx];
    if (!forecast.ready) {
      continue;
    }
    Channel& channel = channels_[idx];
    const double z = (value - forecast.expected) / forecast.scale;
    // Only plausible models of the series are tested: one whose errors are several times the best
    // one's has no power, and counting it would only raise the multiple-testing penalty. Its
    // statistics still learn, so it is ready when it becomes plausible.
    const bool counted = forecast.scale <= kPlausibleScale * forecasts_[best].scale;
    channel.drift_mean += kDriftAlpha * (std::clamp(z, -kDriftClip, kDriftClip) - channel.drift_mean);
    channel.volatility_mean +=
        kVolatilityAlpha * (std::min(std::fabs(z), kVolatilityClip) - channel.volatility_mean);
    channel.last_point = std::fabs(z);
    channel.last_drift = std::fabs(channel.drift_mean) / drift_norm;
    if (counted) {
      min_p = std::min({min_p, channel.point.tail_probability(channel.last_point),
                        channel.drift.tail_probability(channel.last_drift),
                        channel.volatility.tail_probability(channel.volatility_mean)});
      tests_ += 3;
    }
  }
  const double p = std::min(1.0, min_p * tests_);
  // Each statistic was tested against the history before it; now it joins that history. A
  // flagged point counts only n / kFullWeightPoints of a point while the history is short: with a
  // few dozen points the extrapolated tail rests on a handful of values, and one incident among
  // them would teach the detector that incidents are ordinary. Over a long history past incidents
  // are part of what the series does and count fully.
  double weight = 1.0;
  if (p < flag_p_) {
    weight = std::min(1.0, static_cast<double>(seen_) / kFullWeightPoints);
  }
  for (size_t idx = 0; idx < forecasts_.size(); ++idx) {
    if (!forecasts_[idx].ready) {
      continue;
    }
    Channel& channel = channels_[idx];
    channel.point.add(channel.last_point, weight);
    channel.drift.add(channel.last_drift, weight);
    channel.volatility.add(channel.volatility_mean, weight);
  }
  return p;
}

double SeasonalRobustDetector::deduplicate(double raw) {
  const long long window =
      clock_.ready() ? std::max(kMinDedupPoints, std::llround(kDedupSeconds / clock_.interval()))
                     : kMinDedupPoints;
  while (!recent_max_.empty() && recent_max_.front().first <= seen_ - window) {
    recent_max_.pop_front();
  }
  const double previous = recent_max_.empty() ? 0.0 : recent_max_.front().second;
  while (!recent_max_.empty() && recent_max_.back().second <= raw) {
    recent_max_.pop_back();
  }
  recent_max_.emplace_back(seen_, raw);
  return raw > previous ? raw : raw * kDedupFactor;
}

void SeasonalRobustDetector::describe(double p, size_t best) {
  const Forecast& forecast = forecasts_[best];
  // The band is where the shown forecaster's point test alone would not flag, at its Bonferroni
  // share of the flag probability.
  const double band =
      channels_[best].point.value_for_tail(flag_p_ / std::max(tests_, 1)) * forecast.scale;
  last_.expected = forecast.expected;
  last_.lower = forecast.expected - band;
  last_.upper = forecast.expected + band;
  last_.flagged = last_.score >= options_.flag_threshold;
  if (!last_.flagged) {
    return;
  }
  last_.direction = last_.value >= forecast.expected ? Direction::kUp : Direction::kDown;
  const double surprise = -std::log10(p);
  last_.severity = surprise >= kHighSurprise * flag_log_p_     ? Severity::kHigh
                   : surprise >= kMediumSurprise * flag_log_p_ ? Severity::kMedium
                                                               : Severity::kLow;
}

void SeasonalRobustDetector::learn(double timestamp_seconds, double value) {
  if (!clock_.ready()) {
    replay_.emplace_back(timestamp_seconds, value);
  }
  baseline_.learn(timestamp_seconds, value, forecasts_);
  for (size_t idx = 0; idx < forecasts_.size() && idx < channels_.size(); ++idx) {
    if (forecasts_[idx].shifted) {
      channels_[idx].drift_mean = 0.0;  // the drift is now part of the forecaster's level
    }
  }
}

}  // namespace adpilot::analyze::anomaly::detail
