#include "adpilot/analyze/anomaly/detail/tail_calibrator.h"

#include <algorithm>
#include <cmath>

namespace adpilot::analyze::anomaly::detail {
namespace {

// Bins are uniform in log(1 + x): 2.5 % wide at large x, fine near 0, and 1e6 scales at the top.
constexpr double kBinWidth = 0.025;
constexpr int kBins = 553;  // log1p(1e6) / kBinWidth
// The extrapolated tail holds this share of the mass, or kTailCount observations while few are
// known, so its mean excess always rests on enough points.
constexpr double kTailShare = 0.02;
constexpr double kTailCount = 10.0;
// Prior: this many pseudo-observations of an exponential |z| with mean 0.8 (what |z| averages by
// construction of the scale), so the first scores are neither silent nor hair-triggered.
constexpr double kPriorCount = 20.0;
constexpr double kPriorMean = 0.8;
constexpr double kMinMeanExcess = 0.05;

}  // namespace

TailCalibrator::TailCalibrator(double half_life)
    : lower_(kBins + 1),
      center_(kBins),
      weights_(kBins, 0.0),
      growth_(std::exp(std::log(2.0) / half_life)) {
  for (int bin = 0; bin <= kBins; ++bin) {
    lower_[bin] = std::expm1(bin * kBinWidth);
  }
  for (int bin = 0; bin < kBins; ++bin) {
    center_[bin] = std::expm1((bin + 0.5) * kBinWidth);
    const double mass = std::exp(-lower_[bin] / kPriorMean) -
                        (bin + 1 < kBins ? std::exp(-lower_[bin + 1] / kPriorMean) : 0.0);
    weights_[bin] = kPriorCount * mass;
    total_ += weights_[bin];
  }
}

int TailCalibrator::bin_of(double value) const {
  const double position = std::log1p(std::max(value, 0.0)) / kBinWidth;
  return std::min(static_cast<int>(position), kBins - 1);
}

void TailCalibrator::add(double value) {
  if (!std::isfinite(value)) {
    value = lower_[kBins - 1];
  }
  tail_stale_ = true;
  weights_[bin_of(value)] += increment_;
  total_ += increment_;
  increment_ *= growth_;
  if (increment_ > 1e100) {
    rescale();
  }
}

void TailCalibrator::rescale() {
  tail_stale_ = true;
  for (double& weight : weights_) {
    weight /= increment_;
  }
  total_ /= increment_;
  increment_ = 1.0;
}

const TailCalibrator::Tail& TailCalibrator::tail() const {
  if (!tail_stale_) {
    return tail_;
  }
  tail_stale_ = false;
  const double wanted = std::max(kTailShare * total_, kTailCount * increment_);
  double mass = 0.0;
  double moment = 0.0;
  int bin = kBins - 1;
  for (; bin > 0; --bin) {
    mass += weights_[bin];
    moment += weights_[bin] * center_[bin];
    if (mass >= wanted) {
      break;
    }
  }
  tail_.start = lower_[bin];
  tail_.fraction = std::min(mass / total_, 1.0);
  tail_.mean_excess = mass > 0.0 ? std::max(moment / mass - tail_.start, kMinMeanExcess) : 1.0;
  return tail_;
}

double TailCalibrator::tail_probability(double value) const {
  const Tail& extrapolated = tail();
  if (value >= extrapolated.start) {
    return extrapolated.fraction * std::exp(-(value - extrapolated.start) / extrapolated.mean_excess);
  }
  const int value_bin = bin_of(value);
  double mass = 0.0;
  for (int bin = kBins - 1; bin > value_bin; --bin) {
    mass += weights_[bin];
  }
  // The part of the value's own bin above it, assuming a flat density within the bin.
  const double lower = lower_[value_bin];
  const double upper = lower_[value_bin + 1];
  mass += weights_[value_bin] * (upper - value) / (upper - lower);
  return std::clamp(mass / total_, 1e-300, 1.0);
}

double TailCalibrator::value_for_tail(double p) const {
  const Tail& extrapolated = tail();
  if (p <= extrapolated.fraction) {
    return extrapolated.start + extrapolated.mean_excess * std::log(extrapolated.fraction / p);
  }
  const double wanted = p * total_;
  double mass = 0.0;
  for (int bin = kBins - 1; bin >= 0; --bin) {
    if (mass + weights_[bin] >= wanted) {
      const double inside = (wanted - mass) / weights_[bin];
      const double upper = lower_[bin + 1];
      return upper - inside * (upper - lower_[bin]);
    }
    mass += weights_[bin];
  }
  return 0.0;
}

}  // namespace adpilot::analyze::anomaly::detail
