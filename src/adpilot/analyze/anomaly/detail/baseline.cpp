#include "adpilot/analyze/anomaly/detail/baseline.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace adpilot::analyze::anomaly::detail {
namespace {

// E|e| = 0.798 σ for a normal error, so σ ≈ 1.2533 · mean |e|.
constexpr double kAbsToSigma = 1.2533;
// The error scale averages about this many points: long enough to be stable, short enough to
// follow a change of regime within a day of 5-minute data.
constexpr int kErrorSpan = 256;
// An error counts at most this many scales in the running scale.
constexpr double kErrorClip = 5.0;
// A forecaster is chosen only after this many scored errors.
constexpr int kMinErrors = 5;
// Values teach the forecasters at most this many scales from their forecast (robust filtering):
// an outlier moves nothing, a real change gets through in steps and then by the shift handler.
constexpr double kLearnClip = 3.0;
constexpr double kFastAlpha = 0.5;
constexpr double kSlowAlpha = 0.05;

}  // namespace

void ErrorScale::add(double abs_error) {
  if (count_ >= kMinErrors && mean_abs_ > 0.0) {
    abs_error = std::min(abs_error, kErrorClip * sigma());
  }
  ++count_;
  const double weight = 1.0 / std::min(count_, kErrorSpan);
  mean_abs_ += weight * (abs_error - mean_abs_);
}

double ErrorScale::sigma() const { return kAbsToSigma * mean_abs_; }

Baseline::Baseline() {
  levels_.emplace_back(kFastAlpha);
  levels_.emplace_back(kSlowAlpha);
  candidates_.resize(levels_.size());
}

void Baseline::add_seasonal(const std::vector<PeriodSpec>& specs,
                            const std::vector<std::pair<double, double>>& history) {
  for (const PeriodSpec& spec : specs) {
    SeasonalForecaster& seasonal = seasonals_.emplace_back(spec);
    for (const auto& [timestamp, value] : history) {
      seasonal.learn(timestamp, value);
    }
    candidates_.emplace_back();
  }
}

Forecast Baseline::forecast(double timestamp_seconds) {
  const size_t level_count = levels_.size();
  for (size_t idx = 0; idx < candidates_.size(); ++idx) {
    Candidate& candidate = candidates_[idx];
    if (idx < level_count) {
      candidate.has_prediction = levels_[idx].ready();
      candidate.prediction = candidate.has_prediction ? levels_[idx].predict() : 0.0;
    } else {
      const SeasonalForecaster& seasonal = seasonals_[idx - level_count];
      candidate.has_prediction = seasonal.ready(timestamp_seconds);
      candidate.prediction = candidate.has_prediction ? seasonal.predict(timestamp_seconds) : 0.0;
    }
  }
  // The forecaster with the smallest recent error among those that have a record; before any
  // has one, the fast level (it is ready from the second point on).
  const Candidate* best = nullptr;
  for (const Candidate& candidate : candidates_) {
    if (!candidate.has_prediction || candidate.errors.count() < kMinErrors) {
      continue;
    }
    if (best == nullptr || candidate.errors.sigma() < best->errors.sigma()) {
      best = &candidate;
    }
  }
  if (best == nullptr) {
    best = &candidates_.front();
  }
  Forecast out;
  out.ready = best->has_prediction && best->errors.count() > 0;
  out.expected = best->prediction;
  out.scale = best->errors.sigma();
  return out;
}

double Baseline::clean(const Candidate& candidate, double value) const {
  if (!candidate.has_prediction || candidate.errors.count() < kMinErrors) {
    return value;
  }
  const double limit = kLearnClip * candidate.errors.sigma();
  return candidate.prediction + std::clamp(value - candidate.prediction, -limit, limit);
}

void Baseline::learn(double timestamp_seconds, double value) {
  const size_t level_count = levels_.size();
  for (size_t idx = 0; idx < candidates_.size(); ++idx) {
    Candidate& candidate = candidates_[idx];
    const double cleaned = clean(candidate, value);
    if (candidate.has_prediction) {
      candidate.errors.add(std::fabs(value - candidate.prediction));
    }
    if (idx < level_count) {
      levels_[idx].learn(cleaned);
    } else {
      seasonals_[idx - level_count].learn(timestamp_seconds, cleaned);
    }
  }
}

void Baseline::shift(double delta) {
  for (LevelForecaster& level : levels_) {
    level.shift(delta);
  }
  for (SeasonalForecaster& seasonal : seasonals_) {
    seasonal.shift(delta);
  }
  for (Candidate& candidate : candidates_) {
    candidate.prediction += delta;
  }
}

}  // namespace adpilot::analyze::anomaly::detail
