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
constexpr double kTailShare = 0.01;
constexpr double kTailCount = 20.0;
// Prior: this many pseudo-observations of an exponential |z| with mean 0.8 (what |z| averages by
// construction of the scale), so the first scores are neither silent nor hair-triggered.
constexpr double kPriorCount = 20.0;
constexpr double kPriorMean = 0.8;
constexpr double kMinMeanExcess = 0.05;
// Weights grow instead of decaying; past this they are all scaled back down.
constexpr double kMaxIncrement = 1e100;

}  // namespace

void PrefixSums::add(int index, double amount) {
  for (size_t node = static_cast<size_t>(index) + 1; node < tree_.size(); node += node & (~node + 1)) {
    tree_[node] += amount;
  }
}

double PrefixSums::prefix(int end) const {
  double sum = 0.0;
  for (auto node = static_cast<size_t>(end); node > 0; node -= node & (~node + 1)) {
    sum += tree_[node];
  }
  return sum;
}

void PrefixSums::scale(double factor) {
  for (double& node : tree_) {
    node *= factor;
  }
}

TailCalibrator::TailCalibrator(double half_life)
    : lower_(kBins + 1),
      bin_weights_(kBins, 0.0),
      weights_(kBins),
      moments_(kBins),
      growth_(std::exp(std::log(2.0) / half_life)) {
  for (int bin = 0; bin <= kBins; ++bin) {
    lower_[bin] = std::expm1(bin * kBinWidth);
  }
  for (int bin = 0; bin < kBins; ++bin) {
    const double upper_tail = bin + 1 < kBins ? std::exp(-lower_[bin + 1] / kPriorMean) : 0.0;
    add_weight(bin, kPriorCount * (std::exp(-lower_[bin] / kPriorMean) - upper_tail));
  }
}

int TailCalibrator::bin_of(double value) const {
  const double position = std::log1p(std::max(value, 0.0)) / kBinWidth;
  return std::min(static_cast<int>(position), kBins - 1);
}

void TailCalibrator::add_weight(int bin, double weight) {
  const double center = 0.5 * (lower_[bin] + lower_[bin + 1]);
  bin_weights_[bin] += weight;
  weights_.add(bin, weight);
  moments_.add(bin, weight * center);
  total_ += weight;
  tail_stale_ = true;
}

void TailCalibrator::add(double value, double weight) {
  if (!std::isfinite(value)) {
    value = lower_[kBins - 1];
  }
  add_weight(bin_of(value), increment_ * weight);
  increment_ *= growth_;
  if (increment_ > kMaxIncrement) {
    const double factor = 1.0 / increment_;
    for (double& bin_weight : bin_weights_) {
      bin_weight *= factor;
    }
    weights_.scale(factor);
    moments_.scale(factor);
    total_ *= factor;
    increment_ = 1.0;
  }
}

const TailCalibrator::Tail& TailCalibrator::tail() const {
  if (!tail_stale_) {
    return tail_;
  }
  tail_stale_ = false;
  const double wanted = std::max(kTailShare * total_, kTailCount * increment_ / growth_);
  const int low = highest_bin_with_mass(wanted);
  const double mass = mass_from(low);
  const double moment = moments_.prefix(kBins) - moments_.prefix(low);
  tail_.start = lower_[low];
  tail_.fraction = std::clamp(mass / total_, 0.0, 1.0);
  tail_.mean_excess = mass > 0.0 ? std::max(moment / mass - tail_.start, kMinMeanExcess) : 1.0;
  return tail_;
}

int TailCalibrator::highest_bin_with_mass(double wanted) const {
  int low = 0;
  int high = kBins - 1;
  while (low < high) {
    const int mid = (low + high + 1) / 2;
    if (mass_from(mid) >= wanted) {
      low = mid;
    } else {
      high = mid - 1;
    }
  }
  return low;
}

double TailCalibrator::tail_probability(double value) const {
  // Beyond the top bin everything is stored as the top bin, so it is asked about as such too.
  value = std::min(value, lower_[kBins - 1]);
  const Tail& extrapolated = tail();
  if (value >= extrapolated.start) {
    const double excess = (value - extrapolated.start) / extrapolated.mean_excess;
    return std::max(extrapolated.fraction * std::exp(-excess), 1e-300);
  }
  const int value_bin = bin_of(value);
  // The mass above the value's bin, and the part of its own bin above it (flat within a bin).
  const double lower = lower_[value_bin];
  const double upper = lower_[value_bin + 1];
  const double mass =
      mass_from(value_bin + 1) + bin_weights_[value_bin] * (upper - value) / (upper - lower);
  return std::clamp(mass / total_, 1e-300, 1.0);
}

double TailCalibrator::value_with_mass_above(double wanted) const {
  // The highest bin whose mass from there up reaches `wanted`, then interpolate inside it.
  const int low = highest_bin_with_mass(wanted);
  const double above = mass_from(low + 1);
  if (bin_weights_[low] <= 0.0) {
    return lower_[low];
  }
  const double inside = std::clamp((wanted - above) / bin_weights_[low], 0.0, 1.0);
  return lower_[low + 1] - inside * (lower_[low + 1] - lower_[low]);
}

double TailCalibrator::value_for_tail(double p) const {
  const Tail& extrapolated = tail();
  if (p <= extrapolated.fraction) {
    return extrapolated.start + extrapolated.mean_excess * std::log(extrapolated.fraction / p);
  }
  return value_with_mass_above(p * total_);
}

}  // namespace adpilot::analyze::anomaly::detail
