// Simulated prediction intervals for ETS models without an analytic forecast variance (additive
// error with multiplicative season), as R's forecast.ets(simulate = TRUE): sample paths driven by
// Gaussian innovations with the fitted σ², then per-step sample quantiles (R's type 8). The
// generator is our own (xoshiro256** seeded by splitmix64, normals by Box–Muller) so that a
// seed gives the same intervals on every platform and standard library.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numbers>

#include "adpilot/analyze/forecast/detail/ets_model.h"

namespace adpilot::analyze::forecast::detail {

namespace {

class Random {
 public:
  explicit Random(uint64_t seed) {
    for (uint64_t& word : state_) {  // splitmix64 spreads any seed over the 256-bit state
      seed += 0x9e3779b97f4a7c15ULL;
      uint64_t z = seed;
      z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
      z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
      word = z ^ (z >> 31);
    }
  }

  // Uniform on (0, 1): 53 random bits, never exactly 0 (Box–Muller takes its log).
  double uniform() { return (static_cast<double>(next() >> 11) + 0.5) * 0x1.0p-53; }

  double normal() {
    if (has_spare_) {
      has_spare_ = false;
      return spare_;
    }
    const double radius = std::sqrt(-2.0 * std::log(uniform()));
    const double angle = 2.0 * std::numbers::pi * uniform();
    spare_ = radius * std::sin(angle);
    has_spare_ = true;
    return radius * std::cos(angle);
  }

 private:
  static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

  uint64_t next() {  // xoshiro256**
    const uint64_t result = rotl(state_[1] * 5, 7) * 9;
    const uint64_t t = state_[1] << 17;
    state_[2] ^= state_[0];
    state_[3] ^= state_[1];
    state_[1] ^= state_[2];
    state_[0] ^= state_[3];
    state_[2] ^= t;
    state_[3] = rotl(state_[3], 45);
    return result;
  }

  uint64_t state_[4] = {};
  double spare_ = 0.0;
  bool has_spare_ = false;
};

// R's quantile(type = 8) on sorted data: median-unbiased, p·n + (p + 1)/3 as the position.
double quantile_type8(const std::vector<double>& sorted, double prob) {
  const double n = static_cast<double>(sorted.size());
  const double position = n * prob + (prob + 1.0) / 3.0;  // 1-based
  const double floor_position = std::floor(position + 4.0 * 2.220446049250313e-16);
  double fraction = position - floor_position;
  if (std::fabs(fraction) < 4.0 * 2.220446049250313e-16) {
    fraction = 0.0;
  }
  const auto index = static_cast<long>(floor_position);
  const long last = static_cast<long>(sorted.size());
  const double lo = sorted[static_cast<size_t>(std::clamp(index, 1L, last) - 1)];
  const double hi = sorted[static_cast<size_t>(std::clamp(index + 1, 1L, last) - 1)];
  return (1.0 - fraction) * lo + fraction * hi;
}

}  // namespace

EtsForecast ets_simulated_forecast(const EtsFit& fit, int h, const std::vector<double>& levels,
                                   const EtsSimulationOptions& simulation) {
  const EtsSpec& spec = fit.spec;
  const auto steps = static_cast<size_t>(h);
  const auto paths = static_cast<size_t>(std::max(simulation.paths, 1));
  const double sigma = std::sqrt(fit.sigma2);
  std::vector<std::vector<double>> values(steps, std::vector<double>(paths));
  std::vector<double> state;
  std::vector<double> next_state;
  EtsScratch scratch;
  Random random(simulation.seed);
  for (size_t path = 0; path < paths; ++path) {
    state = fit.final_state;
    for (size_t step = 0; step < steps; ++step) {
      double f = 0.0;
      ets_point_forecasts(spec, fit.params, state.data(), 1, &f);
      double e = sigma * random.normal();
      double y = 0.0;
      if (spec.error == EtsKind::kMultiplicative) {
        e = std::max(e, -1.0);  // as R: a relative error below −100% would flip the sign
        y = f * (1.0 + e);
      } else {
        y = f + e;
      }
      values[step][path] = y;
      // One step of the recursions with y as the observation gives the next state.
      ets_run(spec, fit.params, state.data(), &y, 1, scratch, nullptr, nullptr, &next_state);
      state.swap(next_state);
    }
  }

  EtsForecast out;
  out.mean.assign(steps, 0.0);
  ets_point_forecasts(spec, fit.params, fit.final_state.data(), h, out.mean.data());
  out.lower.assign(levels.size(), std::vector<double>(steps));
  out.upper.assign(levels.size(), std::vector<double>(steps));
  for (size_t step = 0; step < steps; ++step) {
    std::vector<double>& sorted = values[step];
    std::sort(sorted.begin(), sorted.end());
    for (size_t level_idx = 0; level_idx < levels.size(); ++level_idx) {
      const double tail = (100.0 - levels[level_idx]) / 200.0;
      out.lower[level_idx][step] = quantile_type8(sorted, tail);
      out.upper[level_idx][step] = quantile_type8(sorted, 1.0 - tail);
    }
  }
  return out;
}

}  // namespace adpilot::analyze::forecast::detail
