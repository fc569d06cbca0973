#include "adpilot/analyze/pacing.h"

#include <gtest/gtest.h>

#include <fstream>

#include "adpilot/analyze/forecast/naive.h"

namespace adpilot::analyze {
namespace {

forecast::ForecasterRegistry registry() {
  forecast::ForecasterRegistry r;
  r.add("snaive", forecast::make_snaive);
  return r;
}

DailySeries steady(double per_day, int days) {
  DailySeries s;
  s.id = "c1";
  s.first = *parse_iso_date("2026-11-01");
  for (int d = 0; d < days; ++d) {
    s.impressions.push_back(1000);
    s.clicks.push_back(10);
    s.cost.push_back(per_day);
    s.conversions.push_back(1);
    s.revenue.push_back(0);
  }
  return s;
}

TEST(PacingTest, SteadySpendWorkedByHand) {
  // 100 a day for 15 days of November (30 days): 1,500 spent, 15 × 100 to come → 3,000.
  PacingOptions options;
  options.model = "snaive";
  auto rows = compute_pacing({steady(100, 15)}, {{"c1", 2026, 11, 3000}}, registry(), options);
  ASSERT_TRUE(rows.ok()) << rows.error().to_string();
  const PacingRow& r = rows->front();
  EXPECT_EQ(r.days_elapsed, 15);
  EXPECT_EQ(r.days_remaining, 15);
  EXPECT_DOUBLE_EQ(r.spend_to_date, 1500);
  EXPECT_DOUBLE_EQ(r.projected, 3000);
  EXPECT_EQ(r.verdict, "on track");
  EXPECT_DOUBLE_EQ(*r.recommended_daily_budget, 100);
  // The same spend against 2,000 over-paces, against 5,000 under-paces.
  rows = compute_pacing({steady(100, 15)}, {{"c1", 2026, 11, 2000}, {"c1", 2026, 11, 5000}}, registry(), options);
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ((*rows)[0].verdict, "over-pacing");
  EXPECT_NEAR(*(*rows)[0].recommended_daily_budget, 500.0 / 15.0, 1e-9);
  EXPECT_EQ((*rows)[1].verdict, "under-pacing");
  EXPECT_NE((*rows)[1].explanation.find("233.33/day for the remaining 15 days"), std::string::npos)
      << (*rows)[1].explanation;
}

TEST(PacingTest, ExhaustedAndMissingCampaigns) {
  PacingOptions options;
  options.model = "snaive";
  auto rows = compute_pacing({steady(100, 15)}, {{"c1", 2026, 11, 1000}, {"ghost", 2026, 11, 10}}, registry(), options);
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ((*rows)[0].verdict, "exhausted");
  EXPECT_EQ((*rows)[1].verdict, "no data");
}

TEST(PacingTest, BudgetsFileErrorsNameTheLine) {
  const std::string path = testing::TempDir() + "/adpilot_budgets_test.csv";
  {
    std::ofstream out(path);
    out << "campaign_id,month,budget\nc1,2026-11,3000\nc2,November,100\n";
  }
  auto budgets = read_budgets(path, std::nullopt);
  ASSERT_FALSE(budgets.ok());
  EXPECT_EQ(budgets.error().context.line, 3);
  EXPECT_EQ(budgets.error().context.field, "month");
  {
    std::ofstream out(path);
    out << "campaign_id,month,budget\nc1,2026-11,\"$3,000.00\"\n";
  }
  budgets = read_budgets(path, std::nullopt);
  ASSERT_TRUE(budgets.ok()) << budgets.error().to_string();
  EXPECT_DOUBLE_EQ(budgets->front().amount, 3000.0);
  EXPECT_EQ(budgets->front().month, 11);
}

}  // namespace
}  // namespace adpilot::analyze
