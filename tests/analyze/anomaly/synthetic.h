// Seeded synthetic series for the anomaly tests. The samplers are written out rather than taken
// from <random>'s distributions, whose output differs between standard libraries; mt19937's raw
// output is fixed by the standard.
#pragma once

#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

namespace adpilot::analyze::anomaly::testing {

class Sampler {
 public:
  explicit Sampler(uint32_t seed) : engine_(seed) {}
  double uniform() { return (static_cast<double>(engine_()) + 0.5) / 4294967296.0; }
  double normal() {  // Box–Muller
    const double radius = std::sqrt(-2.0 * std::log(uniform()));
    return radius * std::cos(6.283185307179586 * uniform());
  }
  int poisson(double mean) {  // Knuth: fine for the small means of these tests
    const double limit = std::exp(-mean);
    double product = uniform();
    int count = 0;
    while (product > limit) {
      product *= uniform();
      ++count;
    }
    return count;
  }

 private:
  std::mt19937 engine_;
};

constexpr double kDay = 86400.0;
constexpr double kHour = 3600.0;

// Daily campaign-like series: level 1000 rising 2 a day, weekends 30 % lower, noise σ = 20.
// Day 0 is a Monday (2024-01-01).
struct Series {
  std::vector<double> t;
  std::vector<double> y;
};

inline Series daily_series(int days, uint32_t seed) {
  constexpr double kStart = 19723.0 * kDay;  // 2024-01-01, a Monday
  Sampler sampler(seed);
  Series out;
  for (int day = 0; day < days; ++day) {
    const bool weekend = day % 7 >= 5;
    const double level = 1000.0 + 2.0 * day;
    out.t.push_back(kStart + day * kDay);
    out.y.push_back(level * (weekend ? 0.7 : 1.0) + 20.0 * sampler.normal());
  }
  return out;
}

// Hourly series with a daily cycle (peak in the afternoon), quieter weekends, a slow trend and
// noise σ = 3 on a level of 100.
inline Series hourly_series(int hours, uint32_t seed) {
  constexpr double kStart = 19723.0 * kDay;
  Sampler sampler(seed);
  Series out;
  for (int hour = 0; hour < hours; ++hour) {
    const int day = hour / 24;
    const double daily = 30.0 * std::sin(6.283185307179586 * ((hour % 24) - 9) / 24.0);
    const double weekly = day % 7 >= 5 ? -20.0 : 0.0;
    const double trend = 0.01 * hour;
    out.t.push_back(kStart + hour * kHour);
    out.y.push_back(100.0 + trend + daily + weekly + 3.0 * sampler.normal());
  }
  return out;
}

}  // namespace adpilot::analyze::anomaly::testing
