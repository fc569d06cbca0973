#include "adpilot/analyze/trend.h"

#include <gtest/gtest.h>

namespace adpilot::analyze {
namespace {

DailySeries make_series(int days, double impressions, double ctr_before, double ctr_after, int change_day) {
  DailySeries s;
  s.id = "c1";
  s.first = *parse_iso_date("2026-10-01");
  for (int d = 0; d < days; ++d) {
    const double ctr = d < change_day ? ctr_before : ctr_after;
    s.impressions.push_back(impressions);
    s.clicks.push_back(impressions * ctr);
    s.cost.push_back(impressions * ctr * 0.5);
    s.conversions.push_back(impressions * ctr * 0.05);
    s.revenue.push_back(impressions * ctr * 2.0);
  }
  return s;
}

const TrendFinding& find(const std::vector<TrendFinding>& findings, Metric metric) {
  for (const auto& f : findings) {
    if (f.metric == metric) {
      return f;
    }
  }
  ADD_FAILURE() << "no finding for " << metric_name(metric);
  return findings.front();
}

TEST(TrendTest, SignificantCtrDropOnVolume) {
  // 10,000 impressions a day; CTR 2% then 1.64% in the last 7 days (−18%).
  const auto s = make_series(28, 10000, 0.02, 0.0164, 21);
  TrendOptions options;
  auto findings = compute_trends({s}, options);
  ASSERT_TRUE(findings.ok());
  const TrendFinding& ctr = find(*findings, Metric::kCtr);
  EXPECT_EQ(format_date(ctr.recent_start), "2026-10-22");
  EXPECT_EQ(format_date(ctr.recent_end), "2026-10-28");
  EXPECT_NEAR(*ctr.rel_change, -0.18, 1e-9);
  EXPECT_TRUE(ctr.significant);
  EXPECT_EQ(ctr.test, "two-proportion z");
  EXPECT_EQ(ctr.summary.rfind("CTR fell 18% (p ", 0), 0U) << ctr.summary;
}

TEST(TrendTest, SameDropOnLowVolumeIsNotSignificant) {
  // 140 impressions a day: 20 clicks in the prior week, 16.4 in the recent one.
  const auto s = make_series(14, 142.857142857, 0.02, 0.0164, 7);
  auto findings = compute_trends({s}, TrendOptions{});
  ASSERT_TRUE(findings.ok());
  const TrendFinding& ctr = find(*findings, Metric::kCtr);
  EXPECT_NEAR(*ctr.rel_change, -0.18, 1e-9);
  EXPECT_FALSE(ctr.significant);
  EXPECT_EQ(ctr.summary, "CTR fell 18% (not significant, 36 clicks)");
}

TEST(TrendTest, DirectionFromTheilSenAndMannKendall) {
  DailySeries s = make_series(28, 1000, 0.02, 0.02, 0);
  for (int d = 0; d < 28; ++d) {
    s.cost[static_cast<size_t>(d)] = 100.0 + 3.0 * d + ((d % 3) - 1);  // rising 3/day with noise
  }
  auto findings = compute_trends({s}, TrendOptions{});
  ASSERT_TRUE(findings.ok());
  const TrendFinding& cost = find(*findings, Metric::kCost);
  EXPECT_EQ(cost.direction, "rising");
  EXPECT_NEAR(cost.slope_per_day, 3.0, 0.2);
  EXPECT_EQ(find(*findings, Metric::kImpressions).direction, "flat");
}

TEST(TrendTest, ShortDataHasNoPriorWindow) {
  const auto s = make_series(5, 1000, 0.02, 0.02, 0);
  auto findings = compute_trends({s}, TrendOptions{});
  ASSERT_TRUE(findings.ok());
  const TrendFinding& ctr = find(*findings, Metric::kCtr);
  EXPECT_FALSE(ctr.prior.has_value());
  EXPECT_FALSE(ctr.p_value.has_value());
  EXPECT_EQ(ctr.summary, "CTR: undefined in one of the windows");
}

}  // namespace
}  // namespace adpilot::analyze
