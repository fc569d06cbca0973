#include "adpilot/analyze/stats.h"

#include <gtest/gtest.h>

#include <cmath>

namespace adpilot::analyze {
namespace {

// Reference values from R 4.2.2, recorded with:
//   prop.test(c(180, 220), c(10000, 10000), correct=FALSE)               → X² = 2.0203…², p = 0.04335175
//   cor.test(seq_along(y), y, method="kendall", exact=FALSE, continuity=TRUE)
//     y = c(3,5,4,6,8,7,9,12,11,13,12,15)                                   → z = 3.849123, p = 1.185415e-4
//     y = c(1,2,2,3,3,3,2,4)                                                → z = 1.969596, p = 0.04888463
//   t.test(c(10,12,11,13,12,14,13), c(8,9,10,9,8,10,9))                   → t = 5.284229

TEST(StatsTest, TwoProportionMatchesR) {
  const TestResult r = two_proportion_test(180, 10000, 220, 10000);
  EXPECT_NEAR(std::fabs(r.statistic), 2.02030508910442, 1e-9);
  EXPECT_LT(r.statistic, 0);
  EXPECT_NEAR(r.p_value, 0.0433517512608626, 1e-9);
}

TEST(StatsTest, MannKendallMatchesRsKendallTest) {
  MannKendall mk = mann_kendall({3, 5, 4, 6, 8, 7, 9, 12, 11, 13, 12, 15});
  EXPECT_NEAR(mk.z, 3.84912302109144, 1e-9);
  EXPECT_NEAR(mk.p_value, 0.000118541465414851, 1e-12);
  mk = mann_kendall({1, 2, 2, 3, 3, 3, 2, 4});  // ties: the variance correction matters
  EXPECT_NEAR(mk.z, 1.96959649289584, 1e-9);
  EXPECT_NEAR(mk.p_value, 0.0488846339161812, 1e-9);
  mk = mann_kendall({5, 5, 5, 5});
  EXPECT_EQ(mk.p_value, 1.0);
}

TEST(StatsTest, WelchStatisticMatchesR) {
  const TestResult r = welch_test({10, 12, 11, 13, 12, 14, 13}, {8, 9, 10, 9, 8, 10, 9});
  EXPECT_NEAR(r.statistic, 5.28422907556788, 1e-9);
}

TEST(StatsTest, TheilSenWorkedByHand) {
  // Pairwise slopes of (0,1) (1,3) (2,2) (3,5): 2, 0.5, 4/3, −1, 1, 3 → median (1 + 4/3)/2;
  // intercepts y − b·x: 1, 1.833, −0.333, 1.5 → median 1.25.
  const TheilSen ts = theil_sen({1, 3, 2, 5});
  EXPECT_NEAR(ts.slope, (1.0 + 4.0 / 3.0) / 2.0, 1e-12);
  EXPECT_NEAR(ts.intercept, 1.25, 1e-12);
  EXPECT_NEAR(theil_sen({1, 2, 3, 100, 5, 6}).slope, 1.0, 1e-12);  // robust to one outlier
}

TEST(StatsTest, RateTestByHand) {
  // 60 vs 40 events over equal exposure: under H0 a ~ Bin(100, 0.5): z = (60 − 50)/5 = 2.
  TestResult r = rate_test(60, 7, 40, 7);
  EXPECT_NEAR(r.statistic, 2.0, 1e-12);
  EXPECT_NEAR(r.p_value, 0.0455002638963584, 1e-9);
  // Dispersion 4 doubles the standard error: z = 1.
  r = rate_test(60, 7, 40, 7, 4.0);
  EXPECT_NEAR(r.statistic, 1.0, 1e-12);
  EXPECT_NEAR(count_dispersion({2, 2, 2}), 1.0, 1e-12);
  EXPECT_NEAR(count_dispersion({0, 10}), 10.0, 1e-12);  // sample variance 50 / mean 5
}

TEST(StatsTest, RatioTestDetectsAShift) {
  const std::vector<double> cost(7, 100.0);
  const TestResult same = ratio_test({300, 310, 290, 305, 295, 300, 300}, cost,
                                     {300, 305, 295, 310, 290, 300, 300}, cost);
  EXPECT_GT(same.p_value, 0.5);
  const TestResult shifted = ratio_test({400, 410, 390, 405, 395, 400, 400}, cost,
                                        {300, 305, 295, 310, 290, 300, 300}, cost);
  EXPECT_LT(shifted.p_value, 1e-6);
}

TEST(StatsTest, PoissonIntervalMatchesR) {
  // R 4.2.2: for (k in c(0, 1, 5, 42, 1000)) poisson.test(k)$conf.int; the fractional count from
  // qgamma(0.025, 2.5), qgamma(0.975, 3.5).
  struct Case {
    double k, low, high;
  };
  for (const Case c : {Case{0, 0.0, 3.68887945}, Case{1, 0.02531781, 5.57164339}, Case{5, 1.62348639, 11.66833208},
                       Case{42, 30.26990573, 56.77179878}, Case{1000, 938.97301841, 1063.95213602},
                       Case{2.5, 0.41560581, 8.00638214}}) {
    const PoissonInterval interval = poisson_interval(c.k, 0.95);
    EXPECT_NEAR(interval.low, c.low, 1e-6) << c.k;
    EXPECT_NEAR(interval.high, c.high, 1e-6) << c.k;
  }
  EXPECT_NEAR(regularized_gamma_p(2.5, 3.0), 0.6937810816, 1e-9);  // pgamma(3, 2.5)
  EXPECT_NEAR(regularized_gamma_p(10, 30), 0.9999928782, 1e-9);    // pgamma(30, 10)
  EXPECT_EQ(regularized_gamma_p(3, 0), 0.0);
}

}  // namespace
}  // namespace adpilot::analyze
