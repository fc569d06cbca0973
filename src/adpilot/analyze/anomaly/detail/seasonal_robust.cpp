#include "adpilot/analyze/anomaly/detail/seasonal_robust.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <cstdio>  // DEBUG-REMOVE
#include <cstdlib>  // DEBUG-REMOVE

#include "adpilot/analyze/anomaly/detail/tune_debug.h"  // DEBUG-REMOVE

namespace adpilot::analyze::anomaly::detail {
namespace {

// −log10 p at which the score is one half.
constexpr double kHalfScoreLog = 4.0;
// The calibrator forgets with this half-life (points): long enough to know the tail of a
// 5-minute series from days of data, short enough to follow a change in its noise.
static const double kCalibrationHalfLife = tune("T_HL", 4000.0);
// The drift statistic: an exponential mean of z clipped to ±kDriftClip (one outlier cannot make
// a drift) with weight kDriftAlpha (about 20 points), scaled to unit variance for white noise.
static const double kDriftClip = tune("T_DCLIP", 3.0);
static const double kDriftAlpha = tune("T_DALPHA", 0.1);

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
      baseline_(options.count_data),
      flag_log_p_(-std::log10(tail_from_score(options.flag_threshold))) {}

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

  const size_t best = baseline_.forecast(timestamp_seconds, forecasts_);
  if (!forecasts_[best].ready) {
    learn(timestamp_seconds, value);
    return 0.0;
  }
  while (channels_.size() < forecasts_.size()) {
    channels_.push_back({TailCalibrator(kCalibrationHalfLife), TailCalibrator(kCalibrationHalfLife)});
  }
  const double drift_norm = std::sqrt(kDriftAlpha / (2.0 - kDriftAlpha));
  double min_p = 1.0;
  int tests = 0;
  double best_scale = 0.0;
  for (size_t idx = 0; idx < forecasts_.size(); ++idx) {
    const Forecast& forecast = forecasts_[idx];
    if (!forecast.ready) {
      continue;
    }
    Channel& channel = channels_[idx];
    const double scale = forecast.scale;
    const double z = (value - forecast.expected) / scale;
    channel.drift_mean += kDriftAlpha * (std::clamp(z, -kDriftClip, kDriftClip) - channel.drift_mean);
    const double drift = std::fabs(channel.drift_mean) / drift_norm;
    min_p = std::min({min_p, channel.point.tail_probability(std::fabs(z)),
                      channel.drift.tail_probability(drift)});
    tests += 2;
    channel.point.add(std::fabs(z));
    channel.drift.add(drift);
    if (std::getenv("ADP_DBG") != nullptr) {  // DEBUG-REMOVE
      std::fprintf(stderr, "%lld c%zu exp=%.3f sc=%.4f z=%.2f dr=%.2f pp=%.3g pd=%.3g%s\n", seen_, idx,
                   forecast.expected, scale, z, drift, channel.point.tail_probability(std::fabs(z)),
                   channel.drift.tail_probability(drift), idx == best ? " *" : "");
    }
    if (idx == best) {
      best_scale = scale;
    }
  }
  const double p = std::min(1.0, min_p * tests);
  const Forecast& forecast = forecasts_[best];
  const double residual = value - forecast.expected;
  // The band is where the best forecaster alone would not flag: its point test at the
  // Bonferroni share of the flag probability.
  const double flag_p = std::pow(10.0, -flag_log_p_) / std::max(tests, 1);
  const double band = channels_[best].point.value_for_tail(flag_p) * best_scale;
  last_.expected = forecast.expected;
  last_.lower = forecast.expected - band;
  last_.upper = forecast.expected + band;
  if (seen_ > options_.warmup_points) {
    last_.score = deduplicate(score_from_tail(p));
  }
  last_.flagged = last_.score >= options_.flag_threshold;
  if (last_.flagged) {
    last_.direction = residual > 0.0 ? Direction::kUp : Direction::kDown;
    const double surprise = -std::log10(p);
    last_.severity = surprise >= 2.0 * flag_log_p_   ? Severity::kHigh
                     : surprise >= 1.4 * flag_log_p_ ? Severity::kMedium
                                                     : Severity::kLow;
  }
  learn(timestamp_seconds, value);
  for (size_t idx = 0; idx < forecasts_.size(); ++idx) {
    if (forecasts_[idx].shifted) {
      channels_[idx].drift_mean = 0.0;  // the drift is now part of the level
    }
  }
  return last_.score;
}

double SeasonalRobustDetector::deduplicate(double raw) {
  static const long long window = std::getenv("ADP_R") ? std::atoll(std::getenv("ADP_R")) : 0;  // DEBUG-REMOVE
  static const double damp = std::getenv("ADP_DAMP") ? std::atof(std::getenv("ADP_DAMP")) : 0.5;  // DEBUG-REMOVE
  while (!recent_max_.empty() && recent_max_.front().first <= seen_ - window) {
    recent_max_.pop_front();
  }
  const double previous = recent_max_.empty() ? 0.0 : recent_max_.front().second;
  while (!recent_max_.empty() && recent_max_.back().second <= raw) {
    recent_max_.pop_back();
  }
  recent_max_.emplace_back(seen_, raw);
  return raw > previous ? raw : raw * damp;
}

void SeasonalRobustDetector::learn(double timestamp_seconds, double value) {
  if (!clock_.ready()) {
    replay_.emplace_back(timestamp_seconds, value);
  }
  baseline_.learn(timestamp_seconds, value, forecasts_);
}

}  // namespace adpilot::analyze::anomaly::detail
