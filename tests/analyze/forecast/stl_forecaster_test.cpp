// STL forecasting: against R's stlf() (tests/fixtures/r/stlf_*.json), the seasonal-strength
// gate, and the routing of long periods away from the seasonal ETS and ARIMA searches.
#include "adpilot/analyze/forecast/stl_forecaster.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numbers>
#include <vector>

#include "adpilot/analyze/forecast/arima.h"
#include "adpilot/analyze/forecast/ets.h"
#include "analyze/forecast/seasonal_fixture.h"

namespace adpilot::analyze::forecast {
namespace {

using testing::json_numbers;
using testing::load_r_fixture;

bool close(double a, double b, double rel) {
  return std::fabs(a - b) <= rel * std::max(1.0, std::fabs(b));
}

// A deterministic noisy series: level 100, a sine season of the given amplitude and period,
// plus uniform noise in [−5, 5) from a 64-bit LCG (the same numbers on every platform).
std::vector<double> seasonal_noise(int n, int period, double amplitude) {
  std::vector<double> y;
  uint64_t state = 12345;
  for (int t = 0; t < n; ++t) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    const double u = static_cast<double>(state >> 11) / 9007199254740992.0;  // [0, 1)
    y.push_back(100.0 + amplitude * std::sin(2.0 * std::numbers::pi * t / period) +
                10.0 * (u - 0.5));
  }
  return y;
}

class StlfRTest : public ::testing::TestWithParam<const char*> {};

// stlf(y, h): the same decomposition (seasonal_adjust_test checks it to 1e-10), the same ETS
// model on the adjusted series, forecasts within 1e-3.
TEST_P(StlfRTest, MatchesStlf) {
  const auto j = load_r_fixture(std::string("stlf_") + GetParam());
  StlForecaster stlf(j.at("period").get<int>(), make_ets(ForecastOptions{}));
  ASSERT_TRUE(stlf.fit(json_numbers(j.at("data"))).ok());
  EXPECT_EQ(stlf.adjustment().kind, Decomposition::kStl);
  const std::string r_model = j.at("model").get<std::string>();  // "STL +  ETS(A,N,N)"
  const std::string ours = stlf.summary().model;                 // "STL[12] + ETS(A,N,N)"
  EXPECT_EQ(ours.substr(ours.find("ETS")), r_model.substr(r_model.find("ETS")));
  const int h = j.at("h").get<int>();
  auto fc = stlf.predict(h, {80, 95});
  ASSERT_TRUE(fc.ok());
  const auto mean = json_numbers(j.at("mean"));
  const auto lower80 = json_numbers(j.at("lower80"));
  const auto upper95 = json_numbers(j.at("upper95"));
  for (size_t i = 0; i < mean.size(); ++i) {
    EXPECT_TRUE(close(fc->mean[i], mean[i], 1e-3)) << "h=" << i + 1 << " " << fc->mean[i];
    EXPECT_TRUE(close(fc->lower[0][i], lower80[i], 1e-3)) << "h=" << i + 1;
    EXPECT_TRUE(close(fc->upper[1][i], upper95[i], 1e-3)) << "h=" << i + 1;
  }
}

INSTANTIATE_TEST_SUITE_P(R, StlfRTest, ::testing::Values("usaccdeaths", "taylor336"));

TEST(StlForecaster, GateKeepsOnlyAStrongSeason) {
  const std::vector<double> strong = seasonal_noise(5 * 52, 52, 40.0);
  const std::vector<double> weak = seasonal_noise(5 * 52, 52, 0.5);
  StlForecaster gated_strong(52, make_ets(ForecastOptions{}), kStrongSeason);
  StlForecaster gated_weak(52, make_ets(ForecastOptions{}), kStrongSeason);
  ASSERT_TRUE(gated_strong.fit(strong).ok());
  ASSERT_TRUE(gated_weak.fit(weak).ok());
  EXPECT_GT(gated_strong.summary().params.at("seasonal_strength"), kStrongSeason);
  EXPECT_EQ(gated_strong.adjustment().kind, Decomposition::kStl);
  EXPECT_LT(gated_weak.summary().params.at("seasonal_strength"), kStrongSeason);
  EXPECT_EQ(gated_weak.adjustment().kind, Decomposition::kNone);
  EXPECT_EQ(gated_weak.summary().model.find("STL"), std::string::npos);
  // Without the gate (R's stlf) even the weak season is removed.
  StlForecaster always(52, make_ets(ForecastOptions{}));
  ASSERT_TRUE(always.fit(weak).ok());
  EXPECT_EQ(always.adjustment().kind, Decomposition::kStl);
}

TEST(StlForecaster, ShortSeriesFitWithoutAdjustment) {
  const std::vector<double> y = seasonal_noise(2 * 52, 52, 40.0);  // two periods: no STL
  StlForecaster stlf(52, make_ets(ForecastOptions{}));
  ASSERT_TRUE(stlf.fit(y).ok());
  EXPECT_EQ(stlf.adjustment().kind, Decomposition::kNone);
  auto fc = stlf.predict(13, {95});
  ASSERT_TRUE(fc.ok());
  EXPECT_EQ(fc->mean.size(), 13u);
}

TEST(StlForecaster, PredictBeforeFitIsAnError) {
  StlForecaster stlf(12, make_ets(ForecastOptions{}));
  EXPECT_FALSE(stlf.predict(3, {95}).ok());
}

// Long periods never reach the seasonal ETS states or the seasonal ARIMA search: the model is
// a non-seasonal one, on the STL-adjusted series when the season is strong. (At period 52 R's
// auto.arima would search seasonal orders at lag 52, the slow path this avoids.)
TEST(LongPeriod, EtsAndArimaTakeTheStlRoute) {
  const std::vector<double> y = seasonal_noise(4 * 168, 168, 40.0);
  ForecastOptions options;
  options.period = 168;
  for (auto* factory : {&make_ets_for_period, &make_arima_for_period}) {
    auto model = factory(options);
    ASSERT_EQ(model->name(), "stlf");
    ASSERT_TRUE(model->fit(y).ok());
    const std::string name = model->summary().model;
    EXPECT_EQ(name.rfind("STL[168] + ", 0), 0u) << name;
    EXPECT_EQ(name.find("[168]", 4), std::string::npos) << name;  // no seasonal part inside
    auto fc = model->predict(168, {95});
    ASSERT_TRUE(fc.ok());
    EXPECT_EQ(fc->mean.size(), 168u);
  }
}

TEST(LongPeriod, ShortPeriodsStayWithRsModels) {
  ForecastOptions options;
  options.period = 24;
  EXPECT_EQ(make_ets_for_period(options)->name(), "ets");
  EXPECT_EQ(make_arima_for_period(options)->name(), "arima");
  options.period = 25;
  EXPECT_EQ(make_ets_for_period(options)->name(), "stlf");
  EXPECT_EQ(make_arima_for_period(options)->name(), "stlf");
}

}  // namespace
}  // namespace adpilot::analyze::forecast
