// The "auto" combination: the median (or mean) of its members step by step and bound by bound,
// members that fail dropping out, the naive fallback; and the registry's three members on R's
// AirPassengers.
#include "adpilot/analyze/forecast/combination.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <vector>

#include "adpilot/analyze/forecast/stl_forecaster.h"
#include "adpilot/analyze/forecast/theta.h"
#include "analyze/forecast/seasonal_fixture.h"

namespace adpilot::analyze::forecast {
namespace {

// A member that forecasts `value + step` with bounds ∓ width, or fails to fit.
class FixedForecaster : public Forecaster {
 public:
  FixedForecaster(double value, double width, bool fits)
      : value_(value), width_(width), fits_(fits) {
    summary_.model = fits ? "fixed" : "broken";
  }
  std::string name() const override { return "fixed"; }
  Result<void> fit(const std::vector<double>&) override {
    if (!fits_) {
      return make_error(ErrorCode::kData, "cannot fit");
    }
    return {};
  }
  const FitSummary& summary() const override { return summary_; }
  Result<ForecastResult> predict(int horizon, const std::vector<double>& levels) const override {
    ForecastResult r;
    r.levels = levels;
    r.lower.assign(levels.size(), {});
    r.upper.assign(levels.size(), {});
    for (int h = 1; h <= horizon; ++h) {
      r.mean.push_back(value_ + h);
      for (size_t l = 0; l < levels.size(); ++l) {
        r.lower[l].push_back(value_ + h - width_);
        r.upper[l].push_back(value_ + h + width_);
      }
    }
    return r;
  }

 private:
  double value_;
  double width_;
  bool fits_;
  FitSummary summary_;
};

std::vector<std::unique_ptr<Forecaster>> members(std::initializer_list<FixedForecaster> list) {
  std::vector<std::unique_ptr<Forecaster>> out;
  for (const auto& m : list) {
    out.push_back(std::make_unique<FixedForecaster>(m));
  }
  return out;
}

const std::vector<double> kSeries = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};

TEST(Combination, MedianOfThreeIgnoresTheOutlier) {
  CombinationForecaster c(members({{10, 1, true}, {1000, 50, true}, {20, 4, true}}),
                          CombineRule::kMedian);
  ASSERT_TRUE(c.fit(kSeries).ok());
  EXPECT_EQ(c.fitted_members(), 3u);
  auto fc = c.predict(2, {95});
  ASSERT_TRUE(fc.ok());
  EXPECT_DOUBLE_EQ(fc->mean[0], 21.0);  // median of 11, 1001, 21
  EXPECT_DOUBLE_EQ(fc->mean[1], 22.0);
  EXPECT_DOUBLE_EQ(fc->lower[0][0], 17.0);  // median of 10, 951, 17
  EXPECT_DOUBLE_EQ(fc->upper[0][0], 25.0);  // median of 12, 1051, 25
  EXPECT_EQ(fc->model, "median of fixed + fixed + fixed");
}

TEST(Combination, MeanRuleAndAFailedMember) {
  CombinationForecaster mean(members({{10, 1, true}, {1000, 50, true}, {20, 4, true}}),
                             CombineRule::kMean);
  ASSERT_TRUE(mean.fit(kSeries).ok());
  EXPECT_DOUBLE_EQ(mean.predict(1, {})->mean[0], (11.0 + 1001.0 + 21.0) / 3.0);
  // Two members left: the median of two is their mean.
  CombinationForecaster two(members({{10, 1, true}, {0, 0, false}, {20, 4, true}}),
                            CombineRule::kMedian);
  ASSERT_TRUE(two.fit(kSeries).ok());
  EXPECT_EQ(two.fitted_members(), 2u);
  auto fc = two.predict(1, {80});
  EXPECT_DOUBLE_EQ(fc->mean[0], 16.0);
  EXPECT_DOUBLE_EQ(fc->lower[0][0], (10.0 + 17.0) / 2.0);
  EXPECT_EQ(fc->model, "mean of fixed + fixed");
}

TEST(Combination, NaiveStandsInWhenNoMemberFits) {
  CombinationForecaster c(members({{10, 1, false}, {20, 1, false}}), CombineRule::kMedian);
  ASSERT_TRUE(c.fit(kSeries).ok());
  auto fc = c.predict(3, {95});
  ASSERT_TRUE(fc.ok());
  EXPECT_EQ(fc->model, "NAIVE");
  EXPECT_DOUBLE_EQ(fc->mean[2], 10.0);
  EXPECT_FALSE(c.fit({}).ok());  // the fallback cannot fit an empty series either
  EXPECT_FALSE(c.predict(1, {}).ok());
}

// The registry's auto on a classic seasonal series: all three members fit, and each step is
// the median of the three members fitted on their own.
TEST(Combination, RegistryAutoIsTheMedianOfEtsArimaTheta) {
  const auto j = testing::load_r_fixture("theta_airpassengers");
  const std::vector<double> y = testing::json_numbers(j.at("data"));
  ForecastOptions options;
  options.period = 12;
  auto combined = make_combination(options);
  ASSERT_TRUE(combined->fit(y).ok());
  auto fc = combined->predict(12, {95});
  ASSERT_TRUE(fc.ok());
  EXPECT_EQ(fc->model.rfind("median of ETS(", 0), 0u) << fc->model;
  EXPECT_NE(fc->model.find(" + ARIMA("), std::string::npos) << fc->model;
  EXPECT_NE(fc->model.find(" + Theta"), std::string::npos) << fc->model;
  std::vector<ForecastResult> alone;
  for (auto* factory : {&make_ets_for_period, &make_arima_for_period, &make_theta}) {
    auto member = factory(options);
    ASSERT_TRUE(member->fit(y).ok());
    alone.push_back(*member->predict(12, {95}));
  }
  for (size_t h = 0; h < 12; ++h) {
    std::vector<double> means = {alone[0].mean[h], alone[1].mean[h], alone[2].mean[h]};
    std::sort(means.begin(), means.end());
    EXPECT_DOUBLE_EQ(fc->mean[h], means[1]) << "h=" << h + 1;
    EXPECT_LT(fc->lower[0][h], fc->mean[h]);
    EXPECT_GT(fc->upper[0][h], fc->mean[h]);
  }
}

}  // namespace
}  // namespace adpilot::analyze::forecast
