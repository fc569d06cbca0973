#include "adpilot/analyze/kpi.h"

#include <gtest/gtest.h>

namespace adpilot::analyze {
namespace {

struct Row {
  const char* date;
  const char* campaign;
  int64_t impressions;
  int64_t clicks;
  double cost;
  double conversions;
  double revenue;
};

Table make_table(const std::vector<Row>& rows) {
  Table t;
  Column& date = t.add_column("date", ColumnType::kDate);
  Column& campaign = t.add_column("campaign_id", ColumnType::kString);
  Column& imp = t.add_column("impressions", ColumnType::kInt64);
  Column& clk = t.add_column("clicks", ColumnType::kInt64);
  Column& cost = t.add_column("cost", ColumnType::kMoney);
  Column& conv = t.add_column("conversions", ColumnType::kDouble);
  Column& rev = t.add_column("revenue", ColumnType::kMoney);
  for (const Row& r : rows) {
    date.i32().push_back(*parse_iso_date(r.date));
    date.valid().push_back(1);
    campaign.append_string(r.campaign);
    imp.i64().push_back(r.impressions);
    imp.valid().push_back(1);
    clk.i64().push_back(r.clicks);
    clk.valid().push_back(1);
    cost.i64().push_back(units_to_micros(r.cost));
    cost.valid().push_back(1);
    conv.f64().push_back(r.conversions);
    conv.valid().push_back(1);
    rev.i64().push_back(units_to_micros(r.revenue));
    rev.valid().push_back(1);
  }
  return t;
}

const Column& col(const Table& t, const char* name) {
  const Column* c = t.find(name);
  EXPECT_NE(c, nullptr) << name;
  return *c;
}

TEST(KpiTest, RatiosOfSumsNotMeansOfRatios) {
  // CTRs 10% and 1%: the mean of ratios would say 5.5%, the ratio of sums 19/1000 = 1.9%.
  const Table t = make_table({{"2024-01-01", "a", 100, 10, 5.0, 1, 40},
                              {"2024-01-02", "a", 900, 9, 4.5, 2, 10}});
  auto out = compute_kpis(t, KpiQuery{});
  ASSERT_TRUE(out.ok()) << out.error().to_string();
  ASSERT_EQ(out->num_rows(), 1U);
  EXPECT_DOUBLE_EQ(col(*out, "ctr").f64()[0], 19.0 / 1000.0);
  EXPECT_DOUBLE_EQ(col(*out, "cpc").f64()[0], 9.5 / 19.0);
  EXPECT_DOUBLE_EQ(col(*out, "cpm").f64()[0], 1000.0 * 9.5 / 1000.0);
  EXPECT_DOUBLE_EQ(col(*out, "cvr").f64()[0], 3.0 / 19.0);
  EXPECT_DOUBLE_EQ(col(*out, "cpa").f64()[0], 9.5 / 3.0);
  EXPECT_DOUBLE_EQ(col(*out, "roas").f64()[0], 50.0 / 9.5);
  EXPECT_DOUBLE_EQ(col(*out, "aov").f64()[0], 50.0 / 3.0);
  EXPECT_EQ(col(*out, "profit").i64()[0], units_to_micros(40.5));
  EXPECT_EQ(col(*out, "cost").i64()[0], 9'500'000);
}

TEST(KpiTest, ZeroDenominatorsAreUndefinedNotZero) {
  const Table t = make_table({{"2024-01-01", "idle", 0, 0, 0, 0, 0},
                              {"2024-01-01", "noconv", 1000, 20, 12.5, 0, 0}});
  auto out = compute_kpis(t, KpiQuery{});
  ASSERT_TRUE(out.ok());
  ASSERT_EQ(out->num_rows(), 2U);
  // Rows are ordered by key: "idle" then "noconv".
  for (const char* name : {"ctr", "cpc", "cpm", "cvr", "cpa", "roas", "aov", "ctr_low", "cvr_low"}) {
    EXPECT_FALSE(col(*out, name).is_valid(0)) << name;
  }
  EXPECT_TRUE(col(*out, "ctr").is_valid(1));
  EXPECT_TRUE(col(*out, "cvr").is_valid(1));
  EXPECT_DOUBLE_EQ(col(*out, "cvr").f64()[1], 0.0);
  EXPECT_FALSE(col(*out, "cpa").is_valid(1));   // spend without conversions: CPA undefined
  EXPECT_FALSE(col(*out, "aov").is_valid(1));
  EXPECT_DOUBLE_EQ(col(*out, "roas").f64()[1], 0.0);
}

TEST(KpiTest, WilsonIntervalMatchesPublishedValues) {
  // Newcombe (1998), method 3: 10/100 → 0.0552 .. 0.1744; 0/50 → 0 .. 0.0713.
  auto ci = wilson_interval(10, 100);
  ASSERT_TRUE(ci.has_value());
  EXPECT_NEAR(ci->low, 0.0552291370606751, 1e-12);
  EXPECT_NEAR(ci->high, 0.17436566150491345, 1e-12);
  ci = wilson_interval(0, 50);
  ASSERT_TRUE(ci.has_value());
  EXPECT_EQ(ci->low, 0.0);
  EXPECT_NEAR(ci->high, 0.07134759913335872, 1e-12);
  EXPECT_FALSE(wilson_interval(3, 0).has_value());
  EXPECT_FALSE(wilson_interval(5, 4).has_value());  // view-through conversions above clicks
}

TEST(KpiTest, GrainsGroupByPeriodStart) {
  const Table t = make_table({{"2024-01-01", "a", 10, 1, 1, 0, 0},   // Monday
                              {"2024-01-07", "a", 20, 2, 1, 0, 0},   // Sunday, same week
                              {"2024-01-08", "a", 40, 4, 1, 0, 0},   // next Monday
                              {"2024-02-01", "a", 80, 8, 1, 0, 0}});
  KpiQuery weekly;
  weekly.grain = Grain::kWeek;
  auto out = compute_kpis(t, weekly);
  ASSERT_TRUE(out.ok());
  ASSERT_EQ(out->num_rows(), 3U);
  EXPECT_EQ(format_date(col(*out, "date").i32()[0]), "2024-01-01");
  EXPECT_EQ(col(*out, "impressions").i64()[0], 30);
  EXPECT_EQ(format_date(col(*out, "date").i32()[2]), "2024-01-29");
  KpiQuery monthly;
  monthly.grain = Grain::kMonth;
  out = compute_kpis(t, monthly);
  ASSERT_TRUE(out.ok());
  ASSERT_EQ(out->num_rows(), 2U);
  EXPECT_EQ(col(*out, "impressions").i64()[0], 70);
  EXPECT_EQ(format_date(col(*out, "date").i32()[1]), "2024-02-01");
}

TEST(KpiTest, StreamingEqualsOneShotAndSortsNaturally) {
  std::vector<Row> rows;
  for (int i = 0; i < 300; ++i) {
    rows.push_back({i % 2 == 0 ? "2024-03-01" : "2024-03-02", i % 3 == 0 ? "1178" : "916",
                    100 + i, i % 7, 0.5 * i, i % 2, 1.0 * i});
  }
  const Table whole = make_table(rows);
  KpiQuery query;
  query.by = {"campaign", "date"};
  auto one_shot = compute_kpis(whole, query);
  KpiAggregator streaming(query);
  for (size_t start = 0; start < rows.size(); start += 64) {
    const std::vector<Row> part(rows.begin() + static_cast<long>(start),
                                rows.begin() + static_cast<long>(std::min(rows.size(), start + 64)));
    ASSERT_TRUE(streaming.add(make_table(part)).ok());
  }
  auto streamed = streaming.finish();
  ASSERT_TRUE(one_shot.ok() && streamed.ok());
  ASSERT_EQ(one_shot->num_rows(), 4U);
  EXPECT_EQ(col(*one_shot, "campaign_id").str(0), "916");  // 916 < 1178 by value
  for (size_t r = 0; r < 4; ++r) {
    EXPECT_EQ(col(*one_shot, "campaign_id").str(r), col(*streamed, "campaign_id").str(r));
    EXPECT_EQ(col(*one_shot, "clicks").i64()[r], col(*streamed, "clicks").i64()[r]);
    EXPECT_EQ(col(*one_shot, "cost").i64()[r], col(*streamed, "cost").i64()[r]);
  }
}

TEST(KpiTest, SortTopAndErrors) {
  const Table t = make_table({{"2024-01-01", "a", 100, 1, 10, 1, 0},
                              {"2024-01-01", "b", 100, 5, 30, 0, 0},
                              {"2024-01-01", "c", 100, 3, 20, 2, 0}});
  KpiQuery query;
  query.sort = "cpa";
  query.top = 2;
  auto out = compute_kpis(t, query);
  ASSERT_TRUE(out.ok());
  ASSERT_EQ(out->num_rows(), 2U);
  EXPECT_EQ(col(*out, "campaign_id").str(0), "a");  // CPA 10 vs c's 10: tie broken by key
  query.sort = "campaign_id";
  EXPECT_FALSE(compute_kpis(t, query).ok());
  KpiQuery bad;
  bad.by = {"age"};
  auto missing = compute_kpis(t, bad);
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().message.find("no age column"), std::string::npos);
  EXPECT_NE(missing.error().hint.find("campaign_id"), std::string::npos);
}

}  // namespace
}  // namespace adpilot::analyze
