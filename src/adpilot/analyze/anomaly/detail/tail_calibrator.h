// Turns a non-negative surprise statistic (|standardised residual|) into a tail probability
// learnt from the series' own past values, so one score threshold means the same rarity on a
// series with Gaussian noise and on one with heavy tails. The body of the distribution is an
// exponentially forgetting histogram; beyond its top few percent the tail is extrapolated as an
// exponential fitted to the mean excess (peaks over threshold), which keeps ranks among values
// more extreme than any seen so far.
#pragma once

#include <cstddef>
#include <vector>

namespace adpilot::analyze::anomaly::detail {

// Prefix sums over bins with O(log n) update and query (a Fenwick tree): the calibrator asks for
// tail masses at every point, and a scan over hundreds of bins there dominated the run time.
class PrefixSums {
 public:
  explicit PrefixSums(int size) : tree_(static_cast<std::size_t>(size) + 1, 0.0) {}
  void add(int index, double amount);
  double prefix(int end) const;  // sum of [0, end)
  void scale(double factor);

 private:
  std::vector<double> tree_;
};

class TailCalibrator {
 public:
  // half_life: points after which an observation weighs half.
  explicit TailCalibrator(double half_life);

  // weight: how much this value counts, relative to an ordinary one.
  void add(double value, double weight = 1.0);
  // P(X >= value) under the learnt distribution, in (0, 1].
  double tail_probability(double value) const;
  // The value whose tail probability is p (the inverse of tail_probability).
  double value_for_tail(double p) const;

 private:
  struct Tail {
    double start = 0.0;     // where the extrapolated tail begins
    double fraction = 0.0;  // its probability mass
    double mean_excess = 0.0;
  };
  const Tail& tail() const;
  // The value above which the (unnormalised) mass is `wanted`, interpolated within its bin.
  double value_with_mass_above(double wanted) const;
  double mass_from(int bin) const { return total_ - weights_.prefix(bin); }
  // The highest bin whose mass from there up reaches wanted (the mass falls as the bin rises).
  int highest_bin_with_mass(double wanted) const;
  int bin_of(double value) const;
  void add_weight(int bin, double weight);

  std::vector<double> lower_;  // bin edges, one more than bins
  std::vector<double> bin_weights_;
  PrefixSums weights_;
  PrefixSums moments_;  // weight · bin centre, for the mean excess
  double total_ = 0.0;
  double increment_ = 1.0;  // the weight of the next value; grows instead of decaying the rest
  double growth_;
  mutable Tail tail_;
  mutable bool tail_stale_ = true;
};

}  // namespace adpilot::analyze::anomaly::detail
