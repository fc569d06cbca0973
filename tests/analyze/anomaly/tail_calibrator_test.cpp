#include "adpilot/analyze/anomaly/detail/tail_calibrator.h"

#include <gtest/gtest.h>

#include <cmath>

#include "analyze/anomaly/synthetic.h"

namespace adpilot::analyze::anomaly::detail {
namespace {

TEST(AnomalyTailCalibrator, LearnsTheTailOfNormalNoise) {
  TailCalibrator calibrator(1e9);
  testing::Sampler sampler(1);
  for (int idx = 0; idx < 200000; ++idx) {
    calibrator.add(std::fabs(sampler.normal()));
  }
  // P(|Z| >= 1) = 0.317, P(|Z| >= 2) = 0.0455.
  EXPECT_NEAR(calibrator.tail_probability(1.0), 0.317, 0.01);
  EXPECT_NEAR(calibrator.tail_probability(2.0), 0.0455, 0.003);
  // Beyond the data the extrapolation keeps falling.
  EXPECT_LT(calibrator.tail_probability(6.0), 1e-4);
  EXPECT_LT(calibrator.tail_probability(8.0), calibrator.tail_probability(6.0));
}

TEST(AnomalyTailCalibrator, HeavyTailsNeedLargerValues) {
  TailCalibrator normal(1e9);
  TailCalibrator heavy(1e9);
  testing::Sampler sampler(2);
  for (int idx = 0; idx < 50000; ++idx) {
    const double z = std::fabs(sampler.normal());
    normal.add(z);
    // One point in fifty is ten times larger: the same threshold means fewer alarms.
    heavy.add(idx % 50 == 0 ? 10.0 * z : z);
  }
  EXPECT_GT(heavy.tail_probability(8.0), 10.0 * normal.tail_probability(8.0));
}

TEST(AnomalyTailCalibrator, InverseMatchesForward) {
  TailCalibrator calibrator(5000.0);
  testing::Sampler sampler(3);
  for (int idx = 0; idx < 20000; ++idx) {
    calibrator.add(std::fabs(sampler.normal()));
  }
  for (const double p : {0.3, 0.05, 1e-3, 1e-6}) {
    const double value = calibrator.value_for_tail(p);
    EXPECT_NEAR(std::log(calibrator.tail_probability(value)), std::log(p), 0.05) << p;
  }
}

TEST(AnomalyTailCalibrator, ForgetsOldNoise) {
  TailCalibrator calibrator(500.0);
  testing::Sampler sampler(4);
  for (int idx = 0; idx < 5000; ++idx) {
    calibrator.add(10.0 * std::fabs(sampler.normal()));  // a noisy past
  }
  for (int idx = 0; idx < 10000; ++idx) {
    calibrator.add(std::fabs(sampler.normal()));  // a quiet present
  }
  EXPECT_LT(calibrator.tail_probability(5.0), 1e-3);
}

TEST(AnomalyTailCalibrator, ProbabilitiesStayInRange) {
  TailCalibrator calibrator(100.0);
  EXPECT_LE(calibrator.tail_probability(0.0), 1.0);
  EXPECT_GT(calibrator.tail_probability(1e300), 0.0);
  calibrator.add(std::nan(""));
  calibrator.add(1e300);
  EXPECT_GT(calibrator.tail_probability(1e300), 0.0);
  EXPECT_LE(calibrator.tail_probability(-1.0), 1.0);
}

}  // namespace
}  // namespace adpilot::analyze::anomaly::detail
