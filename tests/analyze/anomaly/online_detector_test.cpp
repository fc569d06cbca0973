#include "adpilot/analyze/anomaly/online_detector.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <set>
#include <vector>

#include "analyze/anomaly/synthetic.h"

namespace adpilot::analyze::anomaly {
namespace {

using testing::daily_series;
using testing::hourly_series;
using testing::kDay;
using testing::Sampler;
using testing::Series;

std::vector<PointScore> run(const Series& series, const DetectorOptions& options = {}) {
  auto scores = score_series(series.t, series.y, options);
  EXPECT_TRUE(scores.ok()) << (scores.ok() ? "" : scores.error().to_string());
  return scores.ok() ? std::move(scores).value() : std::vector<PointScore>{};
}

std::set<size_t> flagged(const std::vector<PointScore>& scores) {
  std::set<size_t> out;
  for (size_t idx = 0; idx < scores.size(); ++idx) {
    if (scores[idx].flagged) {
      out.insert(idx);
    }
  }
  return out;
}

TEST(AnomalyDetector, FindsSpikeDipAndShiftOnWeeklyPatternWithTrend) {
  Series series = daily_series(210, 7);
  series.y[60] += 400.0;   // spike (about 20 σ)
  series.y[100] -= 400.0;  // dip
  for (size_t day = 150; day < series.y.size(); ++day) {
    series.y[day] += 300.0;  // permanent level shift
  }
  const auto scores = run(series);
  const auto found = flagged(scores);
  EXPECT_TRUE(found.count(60));
  EXPECT_EQ(scores[60].direction, Direction::kUp);
  EXPECT_TRUE(found.count(100));
  EXPECT_EQ(scores[100].direction, Direction::kDown);
  EXPECT_TRUE(found.count(150));
  EXPECT_EQ(scores[150].direction, Direction::kUp);
  // Nothing else, except on the days right after the shift while the baseline moves there.
  for (size_t idx : found) {
    const bool expected = idx == 60 || idx == 100 || (idx >= 150 && idx <= 156);
    EXPECT_TRUE(expected) << "unexpected alarm on day " << idx;
  }
}

TEST(AnomalyDetector, FlaggedPointCarriesExpectedRangeDirectionAndSeverity) {
  Series series = daily_series(120, 11);
  const double clean = series.y[90];
  series.y[90] = clean * 0.2;  // an outage
  const auto scores = run(series);
  const PointScore& point = scores[90];
  ASSERT_TRUE(point.flagged);
  EXPECT_EQ(point.direction, Direction::kDown);
  EXPECT_NE(point.severity, Severity::kNone);
  EXPECT_NEAR(point.expected, clean, 100.0);
  EXPECT_LT(point.lower, point.expected);
  EXPECT_GT(point.upper, point.expected);
  EXPECT_LT(point.value, point.lower);
  // An ordinary day lies inside its range and is not flagged.
  EXPECT_FALSE(scores[91].flagged);
  EXPECT_GE(scores[91].value, scores[91].lower);
  EXPECT_LE(scores[91].value, scores[91].upper);
}

TEST(AnomalyDetector, CleanDailySeriesWithTrendRaisesNoAlarm) {
  for (uint32_t seed = 1; seed <= 5; ++seed) {
    const auto found = flagged(run(daily_series(365, seed)));
    EXPECT_LE(found.size(), 1U) << "seed " << seed;
  }
}

TEST(AnomalyDetector, CleanHourlySeriesWithDailyAndWeeklyCyclesRarelyAlarms) {
  const Series series = hourly_series(24 * 7 * 10, 3);
  const auto found = flagged(run(series));
  // False-positive rate bound: at most one alarm in 1000 points.
  EXPECT_LE(static_cast<double>(found.size()), 1e-3 * static_cast<double>(series.y.size()));
}

TEST(AnomalyDetector, HourlySeriesBreakOfDailyCycleIsFound) {
  Series series = hourly_series(24 * 7 * 6, 5);
  // At 3 am the series is near its trough; a value at the daytime peak is normal for the level
  // forecasters but breaks the daily pattern.
  const size_t idx = 24 * 30 + 3;
  series.y[idx] += 60.0;
  const auto scores = run(series);
  EXPECT_TRUE(scores[idx].flagged);
}

TEST(AnomalyDetector, OneIncidentRaisesOneAlarm) {
  // Three hours far above the pattern: the first hour alarms, the next ones score no higher and
  // are deduplicated (one incident, one alert).
  Series series = hourly_series(24 * 7 * 5, 21);
  const size_t start = 24 * 28 + 14;
  for (size_t idx = start; idx < start + 3; ++idx) {
    series.y[idx] += 80.0;
  }
  const auto scores = run(series);
  EXPECT_TRUE(scores[start].flagged);
  EXPECT_FALSE(scores[start + 1].flagged);
  EXPECT_FALSE(scores[start + 2].flagged);
}

TEST(AnomalyDetector, LowVolumeCountsNeedALargeChange) {
  Sampler sampler(17);
  Series series;
  for (int day = 0; day < 120; ++day) {
    series.t.push_back(day * kDay);
    series.y.push_back(sampler.poisson(3.0));
  }
  series.y[70] = 2.0;
  series.y[71] = 6.0;   // 2 → 6: ordinary for a Poisson count of mean 3
  series.y[100] = 40.0;  // 3 → 40: not
  DetectorOptions options;
  options.count_data = true;
  const auto scores = run(series, options);
  EXPECT_FALSE(scores[71].flagged);
  EXPECT_TRUE(scores[100].flagged);
  EXPECT_EQ(scores[100].direction, Direction::kUp);
}

TEST(AnomalyDetector, CountFloorKeepsNearZeroCountsQuiet) {
  // Mostly zero conversions with the odd 1 or 2: without the Poisson floor the robust scale is
  // near zero and every conversion would alarm.
  Sampler sampler(23);
  Series series;
  for (int day = 0; day < 150; ++day) {
    series.t.push_back(day * kDay);
    series.y.push_back(sampler.poisson(0.3));
  }
  DetectorOptions options;
  options.count_data = true;
  EXPECT_TRUE(flagged(run(series, options)).empty());
}

TEST(AnomalyDetector, ScoreOfAPointDoesNotChangeWhenLaterPointsArrive) {
  Series series = hourly_series(24 * 7 * 4, 9);
  series.y[400] += 50.0;
  const auto full = run(series);
  Series prefix;
  prefix.t.assign(series.t.begin(), series.t.begin() + 450);
  prefix.y.assign(series.y.begin(), series.y.begin() + 450);
  const auto partial = run(prefix);
  ASSERT_EQ(partial.size(), 450U);
  for (size_t idx = 0; idx < partial.size(); ++idx) {
    EXPECT_EQ(partial[idx].score, full[idx].score) << "point " << idx;
    EXPECT_EQ(partial[idx].flagged, full[idx].flagged) << "point " << idx;
  }
}

TEST(AnomalyDetector, ScoresStayInUnitIntervalOnHostileInput) {
  Sampler sampler(5);
  Series series;
  for (int idx = 0; idx < 3000; ++idx) {
    series.t.push_back(idx * 300.0);
    double value = sampler.normal();
    if (idx % 97 == 0) {
      value = 1e12;
    } else if (idx % 89 == 0) {
      value = -1e9;
    } else if (idx >= 1000 && idx < 1500) {
      value = 42.0;  // a flat stretch: the robust scale collapses to its floor
    } else if (idx % 211 == 0) {
      value = std::numeric_limits<double>::quiet_NaN();
    }
    series.y.push_back(value);
  }
  series.t[2000] = series.t[1999];         // a repeated timestamp
  series.t[2500] = series.t[2499] - 60.0;  // and one slightly out of order
  for (const PointScore& point : run(series)) {
    EXPECT_GE(point.score, 0.0);
    EXPECT_LE(point.score, 1.0);
    EXPECT_FALSE(std::isnan(point.score));
  }
}

TEST(AnomalyDetector, MissingValuesScoreZeroAndTeachNothing) {
  Series series = daily_series(80, 13);
  Series gappy = series;
  gappy.y[40] = std::numeric_limits<double>::quiet_NaN();
  const auto scores = run(gappy);
  EXPECT_EQ(scores[40].score, 0.0);
  EXPECT_FALSE(scores[40].flagged);
  EXPECT_TRUE(std::isnan(scores[40].expected));
  EXPECT_TRUE(flagged(scores).empty());
}

TEST(AnomalyDetector, WarmUpPointsScoreZero) {
  Series series = daily_series(30, 2);
  series.y[5] = 1e6;
  DetectorOptions options;
  options.warmup_points = 10;
  const auto scores = run(series, options);
  for (int idx = 0; idx < 10; ++idx) {
    EXPECT_EQ(scores[idx].score, 0.0);
  }
}

TEST(AnomalyDetector, MismatchedLengthsAreAnError) {
  const auto scores = score_series({1.0, 2.0}, {1.0}, DetectorOptions{});
  ASSERT_FALSE(scores.ok());
  EXPECT_EQ(scores.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(scores.error().message.find("2 timestamps but 1 values"), std::string::npos);
}

TEST(AnomalyDetector, InvalidOptionsAreRejected) {
  DetectorOptions options;
  options.flag_threshold = 1.5;
  const auto result = validate_options(options);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(result.error().message.find("flag threshold"), std::string::npos);
  options = DetectorOptions{};
  options.period = 1;
  EXPECT_FALSE(validate_options(options).ok());
  options = DetectorOptions{};
  options.warmup_points = -1;
  EXPECT_FALSE(validate_options(options).ok());
  EXPECT_TRUE(validate_options(DetectorOptions{}).ok());
}

}  // namespace
}  // namespace adpilot::analyze::anomaly
