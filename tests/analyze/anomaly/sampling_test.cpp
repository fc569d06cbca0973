#include "adpilot/analyze/anomaly/detail/sampling.h"

#include <gtest/gtest.h>

namespace adpilot::analyze::anomaly::detail {
namespace {

TEST(AnomalySampling, PeriodsFollowTheInterval) {
  const auto five_minutes = candidate_periods(300.0, 0);
  ASSERT_EQ(five_minutes.size(), 2U);
  EXPECT_EQ(five_minutes[0].bins, 288);
  EXPECT_EQ(five_minutes[1].bins, 2016);
  const auto hourly = candidate_periods(3600.0, 0);
  ASSERT_EQ(hourly.size(), 2U);
  EXPECT_EQ(hourly[0].bins, 24);
  EXPECT_EQ(hourly[1].bins, 168);
  const auto daily = candidate_periods(86400.0, 0);
  ASSERT_EQ(daily.size(), 1U);
  EXPECT_EQ(daily[0].bins, 7);
  EXPECT_TRUE(candidate_periods(7 * 86400.0, 0).empty());
  // Second-level data: a day would need more bins than are modelled point by point.
  EXPECT_TRUE(candidate_periods(1.0, 0).empty());
  // An interval that does not divide the day gives no daily period.
  EXPECT_TRUE(candidate_periods(7 * 3600.0, 0).size() == 1U);
}

TEST(AnomalySampling, UserPeriodOverrides) {
  const auto periods = candidate_periods(1.0, 12);
  ASSERT_EQ(periods.size(), 1U);
  EXPECT_EQ(periods[0].bins, 12);
  EXPECT_EQ(periods[0].phase(0.0), 0);
  EXPECT_EQ(periods[0].phase(13.0), 1);
  EXPECT_EQ(periods[0].phase(-1.0), 11);
}

TEST(AnomalySampling, ClockTakesTheMedianIntervalAndToleratesGaps) {
  SamplingClock clock;
  double t = 0.0;
  int calls_until_ready = 0;
  while (!clock.ready()) {
    // One gap of three intervals among regular five-minute steps.
    t += calls_until_ready == 4 ? 900.0 : 300.0;
    clock.observe(t);
    ++calls_until_ready;
  }
  EXPECT_EQ(clock.interval(), 300.0);
  EXPECT_EQ(calls_until_ready, SamplingClock::kIntervalsNeeded + 1);
}

TEST(AnomalySampling, PhaseComesFromTheTimestamp) {
  const PeriodSpec day = candidate_periods(3600.0, 0)[0];
  EXPECT_EQ(day.phase(0.0), 0);
  EXPECT_EQ(day.phase(5 * 3600.0), 5);
  EXPECT_EQ(day.phase(86400.0 + 5 * 3600.0), 5);
  // A timestamp a little early (clock jitter) still lands in its own bin.
  EXPECT_EQ(day.phase(5 * 3600.0 - 20.0), 5);
}

}  // namespace
}  // namespace adpilot::analyze::anomaly::detail
