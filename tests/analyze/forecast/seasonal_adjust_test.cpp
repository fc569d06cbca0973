// Seasonal adjustment: autocorrelation, the M4 seasonality test, R's classical multiplicative
// decomposition and STL adjustment, by hand and against R (make_seasonal_fixtures.R).
#include "adpilot/analyze/forecast/seasonal_adjust.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "analyze/forecast/seasonal_fixture.h"

namespace adpilot::analyze::forecast {
namespace {

using testing::json_numbers;
using testing::load_r_fixture;

// 100 × (0.5, 1.5, 1, 1) repeated: an exact multiplicative season with mean factor 1.
std::vector<double> exact_season(int periods) {
  const double factors[] = {0.5, 1.5, 1.0, 1.0};
  std::vector<double> y;
  for (int i = 0; i < 4 * periods; ++i) {
    y.push_back(100.0 * factors[i % 4]);
  }
  return y;
}

TEST(Autocorrelation, WorkedByHand) {
  // Deviations −1.5, −0.5, 0.5, 1.5: c0 = 5, c1 = 1.25, c2 = −1.5.
  const std::vector<double> r = autocorrelation({1, 2, 3, 4}, 2);
  ASSERT_EQ(r.size(), 2u);
  EXPECT_DOUBLE_EQ(r[0], 0.25);
  EXPECT_DOUBLE_EQ(r[1], -0.3);
}

TEST(Autocorrelation, ConstantSeriesHasNone) {
  const std::vector<double> r = autocorrelation({3, 3, 3, 3, 3}, 3);
  EXPECT_EQ(r, (std::vector<double>{0, 0, 0}));
}

TEST(SeasonalityTest, FindsAnExactSeasonAndNothingInAConstant) {
  EXPECT_TRUE(seasonality_test(exact_season(5), 4));
  EXPECT_FALSE(seasonality_test(std::vector<double>(40, 7.0), 4));
}

TEST(SeasonalityTest, NeedsMoreThanTwoPeriods) {
  EXPECT_FALSE(seasonality_test(exact_season(2), 4));  // n = 2m
  EXPECT_TRUE(seasonality_test(exact_season(3), 4));
  EXPECT_FALSE(seasonality_test(exact_season(5), 1));
}

TEST(ClassicalMultiplicative, RecoversAnExactSeasonByHand) {
  // The centred 2×4 moving average of a periodic series is its period mean, 100, so the ratios
  // are the factors themselves and the adjusted series is flat.
  const SeasonalAdjustment a = classical_multiplicative(exact_season(3), 4);
  ASSERT_EQ(a.kind, Decomposition::kClassicalMultiplicative);
  const double factors[] = {0.5, 1.5, 1.0, 1.0};
  for (size_t t = 0; t < a.adjusted.size(); ++t) {
    EXPECT_NEAR(a.seasonal[t], factors[t % 4], 1e-12) << t;
    EXPECT_NEAR(a.adjusted[t], 100.0, 1e-10) << t;
  }
  // n = 12: step 1 is position 12 ≡ 0, step 2 position 1, …
  EXPECT_NEAR(a.season_at(1), 0.5, 1e-12);
  EXPECT_NEAR(a.season_at(2), 1.5, 1e-12);
  EXPECT_NEAR(a.season_at(5), 0.5, 1e-12);
  EXPECT_NEAR(a.restore(100.0, 2), 150.0, 1e-10);
}

TEST(ClassicalMultiplicative, TooShortOrZeroFactorsLeaveTheSeriesAlone) {
  EXPECT_EQ(classical_multiplicative(exact_season(1), 4).kind, Decomposition::kNone);
  std::vector<double> zeros = exact_season(3);
  for (size_t t = 0; t < zeros.size(); t += 4) {
    zeros[t] = 0.0;  // a factor of exactly zero (thetaf falls back to no adjustment)
  }
  const SeasonalAdjustment a = classical_multiplicative(zeros, 4);
  EXPECT_EQ(a.kind, Decomposition::kNone);
  EXPECT_EQ(a.adjusted, zeros);
  EXPECT_DOUBLE_EQ(a.restore(42.0, 3), 42.0);
}

// decompose(y, "multiplicative")$figure as thetaf uses it.
class ClassicalRTest : public ::testing::TestWithParam<const char*> {};

TEST_P(ClassicalRTest, FactorsMatchDecompose) {
  const auto j = load_r_fixture(std::string("theta_") + GetParam());
  ASSERT_TRUE(j.at("seasonal").get<bool>());
  const int period = j.at("period").get<int>();
  const SeasonalAdjustment a = classical_multiplicative(json_numbers(j.at("data")), period);
  const std::vector<double> figure = json_numbers(j.at("figure"));
  ASSERT_EQ(a.kind, Decomposition::kClassicalMultiplicative);
  ASSERT_EQ(figure.size(), static_cast<size_t>(period));
  for (size_t i = 0; i < figure.size(); ++i) {
    EXPECT_NEAR(a.seasonal[i], figure[i], 1e-12) << i;
  }
}

INSTANTIATE_TEST_SUITE_P(R, ClassicalRTest,
                         ::testing::Values("airpassengers", "usaccdeaths", "taylor48"));

// mstl(y)'s seasonal component, at a short and a long period.
class StlRTest : public ::testing::TestWithParam<const char*> {};

TEST_P(StlRTest, SeasonalComponentMatchesMstl) {
  const auto j = load_r_fixture(std::string("stlf_") + GetParam());
  const std::vector<double> y = json_numbers(j.at("data"));
  const SeasonalAdjustment a = stl_adjust(y, j.at("period").get<int>());
  const std::vector<double> seasonal = json_numbers(j.at("seasonal"));
  ASSERT_EQ(a.kind, Decomposition::kStl);
  ASSERT_EQ(a.seasonal.size(), seasonal.size());
  double scale = 0.0;
  for (const double v : y) {
    scale = std::max(scale, std::fabs(v));
  }
  for (size_t t = 0; t < seasonal.size(); ++t) {
    EXPECT_NEAR(a.seasonal[t], seasonal[t], 1e-10 * scale) << t;
    EXPECT_NEAR(a.adjusted[t], y[t] - seasonal[t], 1e-10 * scale) << t;
  }
}

INSTANTIATE_TEST_SUITE_P(R, StlRTest, ::testing::Values("usaccdeaths", "taylor336"));

TEST(StlAdjust, NeedsMoreThanTwoPeriods) {
  const std::vector<double> y = exact_season(2);
  const SeasonalAdjustment a = stl_adjust(y, 4);
  EXPECT_EQ(a.kind, Decomposition::kNone);
  EXPECT_EQ(a.adjusted, y);
  EXPECT_DOUBLE_EQ(a.restore(5.0, 1), 5.0);
}

}  // namespace
}  // namespace adpilot::analyze::forecast
