#include "adpilot/analyze/anomaly/detail/baseline.h"

#include <algorithm>
#include <cmath>

namespace adpilot::analyze::anomaly::detail {
namespace {

// E|e| = 0.798 σ for a normal error, so σ ≈ 1.2533 · mean |e|.
constexpr double kAbsToSigma = 1.2533;
// The error scale averages about four cycles of the shortest period, within these bounds: long
// enough to be stable, short enough to forget a forecaster's poor first cycles within a month of
// daily data and to follow a change of regime within a day of 5-minute data.
constexpr int kMaxErrorSpan = 256;
constexpr int kMinErrorSpan = 16;
constexpr int kSpanCycles = 4;
// An error counts at most this many scales in the running scale.
constexpr double kErrorClip = 5.0;
// A forecaster is used only after this many scored errors.
constexpr int kMinErrors = 5;
// Values teach the forecasters at most this many scales from their forecast (robust filtering):
// an outlier moves nothing, a real change gets through in steps and then by the shift handler.
constexpr double kLearnClip = 3.0;
constexpr double kFastAlpha = 0.5;
constexpr double kSlowAlpha = 0.05;
// A scale never falls below this share of the series' typical magnitude (mean |value|): exact
// repeats (a flat line, zeros between synthetic spikes) would otherwise drive the robust scale to
// nothing and make every later difference infinitely surprising.
constexpr double kRelativeFloor = 1e-4;
constexpr double kAbsoluteFloor = 1e-12;

}  // namespace

void ErrorScale::add(double abs_error, int span) {
  if (count_ >= kMinErrors && mean_abs_ > 0.0) {
    abs_error = std::min(abs_error, kErrorClip * sigma());
  }
  ++count_;
  const double weight = 1.0 / std::min(count_, span);
  mean_abs_ += weight * (abs_error - mean_abs_);
}

double ErrorScale::sigma() const { return kAbsToSigma * mean_abs_; }

Baseline::Baseline(bool count_data) : count_data_(count_data), error_span_(kMaxErrorSpan) {
  levels_.emplace_back(kFastAlpha);
  levels_.emplace_back(kSlowAlpha);
  candidates_.resize(levels_.size());
}

double Baseline::noise_floor(double expected) const {
  double floor = std::max(kAbsoluteFloor, kRelativeFloor * magnitude_);
  if (count_data_) {
    // Poisson: the variance of a count is at least its mean; 1 keeps near-zero means sane.
    floor = std::max(floor, std::sqrt(std::max(expected, 1.0)));
  }
  return floor;
}

void Baseline::add_seasonal(const std::vector<PeriodSpec>& specs,
                            const std::vector<std::pair<double, double>>& history) {
  for (const PeriodSpec& spec : specs) {
    error_span_ = std::clamp(kSpanCycles * spec.bins, kMinErrorSpan, error_span_);
    SeasonalForecaster& seasonal = seasonals_.emplace_back(spec);
    for (const auto& [timestamp, value] : history) {
      seasonal.learn(timestamp, value);
    }
    candidates_.emplace_back();
  }
}

std::size_t Baseline::forecast(double timestamp_seconds, std::vector<Forecast>& out) {
  const size_t level_count = levels_.size();
  out.resize(candidates_.size());
  size_t best = 0;
  bool have_best = false;
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
    Forecast& forecast = out[idx];
    forecast.ready = candidate.has_prediction && candidate.errors.count() >= kMinErrors;
    forecast.expected = candidate.prediction;
    forecast.scale = std::max(candidate.errors.sigma(), noise_floor(candidate.prediction));
    forecast.shifted = false;
    // Shown: the smallest plain mean error, outliers included, so a forecaster that is exact
    // most of the time but badly wrong at every turn of the day does not win.
    if (forecast.ready &&
        (!have_best || candidate.mean_abs_error < candidates_[best].mean_abs_error)) {
      best = idx;
      have_best = true;
    }
  }
  return best;
}

void Baseline::learn(double timestamp_seconds, double value, std::vector<Forecast>& out) {
  ++seen_;
  magnitude_ += (std::fabs(value) - magnitude_) / static_cast<double>(std::min(seen_, error_span_));
  const size_t level_count = levels_.size();
  for (size_t idx = 0; idx < candidates_.size(); ++idx) {
    Candidate& candidate = candidates_[idx];
    double cleaned = value;
    if (candidate.has_prediction) {
      const double error = value - candidate.prediction;
      candidate.errors.add(std::fabs(error), error_span_);
      const double weight = 1.0 / std::min(candidate.errors.count(), error_span_);
      candidate.mean_abs_error += weight * (std::fabs(error) - candidate.mean_abs_error);
    }
    if (out[idx].ready) {
      double prediction = candidate.prediction;
      const double scale = out[idx].scale;
      if (const auto delta = candidate.shifts.add(value - prediction, (value - prediction) / scale)) {
        if (idx < level_count) {
          levels_[idx].shift(*delta);
        } else {
          seasonals_[idx - level_count].shift(*delta);
        }
        prediction += *delta;
        out[idx].shifted = true;
      }
      const double limit = kLearnClip * scale;
      cleaned = prediction + std::clamp(value - prediction, -limit, limit);
    }
    if (idx < level_count) {
      levels_[idx].learn(cleaned);
    } else {
      seasonals_[idx - level_count].learn(timestamp_seconds, cleaned);
    }
  }
}

}  // namespace adpilot::analyze::anomaly::detail
