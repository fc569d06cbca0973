// Seeded random numbers for the data generator, identical on every machine.
//
// std::normal_distribution and friends are implementation-defined (libstdc++, libc++ and
// MSVC give different streams for the same engine), and libm's log/exp may differ in the last
// bit between platforms. So the engine (xoshiro256**), log, exp and every sampler are written
// here with only +, -, *, /, sqrt, frexp and ldexp, which IEEE 754 makes exact or correctly
// rounded; the target is built with -ffp-contract=off so no FMA changes a rounding.
#pragma once

#include <cmath>
#include <cstdint>

namespace adpilot::bench {

inline uint64_t splitmix64(uint64_t& state) {
  uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

constexpr double kLn2 = 0.6931471805599453094;

// Natural log for x > 0: x = m·2^e with m in [√½, √2), then 2·atanh((m−1)/(m+1)) as a
// fixed-length series (|s| ≤ 0.172, so 14 terms reach double precision).
inline double det_log(double x) {
  int exponent = 0;
  double mantissa = std::frexp(x, &exponent);
  if (mantissa < 0.70710678118654752440) {
    mantissa *= 2.0;
    exponent -= 1;
  }
  const double s = (mantissa - 1.0) / (mantissa + 1.0);
  const double s2 = s * s;
  double term = s;
  double sum = 0.0;
  for (int k = 0; k < 14; ++k) {
    sum += term / (2 * k + 1);
    term *= s2;
  }
  return exponent * kLn2 + 2.0 * sum;
}

// e^x: x = k·ln2 + r with |r| ≤ ln2/2, Taylor series for e^r, exact scaling by 2^k.
inline double det_exp(double x) {
  if (x < -740.0) {
    return 0.0;
  }
  if (x > 700.0) {
    x = 700.0;
  }
  const double k = std::floor(x / kLn2 + 0.5);
  const double r = x - k * kLn2;
  double term = 1.0;
  double sum = 1.0;
  for (int n = 1; n < 20; ++n) {
    term *= r / n;
    sum += term;
  }
  return std::ldexp(sum, static_cast<int>(k));
}

// xoshiro256** (Blackman & Vigna), seeded through splitmix64 as its authors recommend.
class Rng {
 public:
  explicit Rng(uint64_t seed) {
    for (uint64_t& word : state_) {
      word = splitmix64(seed);
    }
  }

  uint64_t next() {
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

  // Uniform in [0, 1) with 53 random bits.
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

  double uniform(double low, double high) { return low + (high - low) * uniform(); }

  // Standard normal by Marsaglia's polar method (needs log and sqrt only, no cos).
  double normal() {
    for (;;) {
      const double u = 2.0 * uniform() - 1.0;
      const double v = 2.0 * uniform() - 1.0;
      const double s = u * u + v * v;
      if (s > 0.0 && s < 1.0) {
        return u * std::sqrt(-2.0 * det_log(s) / s);
      }
    }
  }

  // Multiplicative noise with mean 1: exp(σZ − σ²/2).
  double lognormal_factor(double sigma) { return det_exp(sigma * normal() - 0.5 * sigma * sigma); }

  // Binomial(n, p): exact inversion when the mean is small (where the discreteness shows, e.g.
  // 0/1/2 conversions), normal approximation above a mean of 30 where it is indistinguishable.
  int64_t binomial(int64_t n, double p) {
    if (n <= 0 || p <= 0.0) {
      return 0;
    }
    if (p >= 1.0) {
      return n;
    }
    if (p > 0.5) {
      return n - binomial(n, 1.0 - p);
    }
    const double mean = static_cast<double>(n) * p;
    if (mean >= 30.0) {
      const double draw = mean + std::sqrt(mean * (1.0 - p)) * normal();
      return clamp_count(std::floor(draw + 0.5), n);
    }
    const double ratio = p / (1.0 - p);
    double mass = det_exp(static_cast<double>(n) * det_log(1.0 - p));
    double u = uniform();
    int64_t k = 0;
    while (u > mass && k < n) {
      u -= mass;
      mass *= ratio * static_cast<double>(n - k) / static_cast<double>(k + 1);
      ++k;
    }
    return k;
  }

  // Poisson(lambda): inversion below 30, normal approximation above.
  int64_t poisson(double lambda) {
    if (lambda <= 0.0) {
      return 0;
    }
    if (lambda >= 30.0) {
      const double draw = lambda + std::sqrt(lambda) * normal();
      return clamp_count(std::floor(draw + 0.5), INT64_MAX);
    }
    double mass = det_exp(-lambda);
    double u = uniform();
    int64_t k = 0;
    while (u > mass && k < 1000) {
      u -= mass;
      ++k;
      mass *= lambda / static_cast<double>(k);
    }
    return k;
  }

 private:
  static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

  static int64_t clamp_count(double value, int64_t max_value) {
    if (value <= 0.0) {
      return 0;
    }
    if (value >= static_cast<double>(max_value)) {
      return max_value;
    }
    return static_cast<int64_t>(value);
  }

  uint64_t state_[4];
};

}  // namespace adpilot::bench
