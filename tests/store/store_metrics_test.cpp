// The metric history of `adpilot sync` (schema version 2): days fetched, rows replaced per
// range, and a migration from a version-1 store that keeps its audit log.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include "adpilot/store/store.h"
#include "store/temp_dir.h"

namespace adpilot::store {
namespace {

using adpilot::testing::TempDir;

const SyncScope kScope{"google_ads", "1234567890", "campaign"};

MetricDay day_row(const std::string& id, Date date, int64_t clicks, Micros cost) {
  MetricDay row;
  row.entity_id = id;
  row.campaign_id = id;
  row.campaign_name = "Campaign " + id;
  row.date = date;
  row.channel = "google_ads";
  row.currency = "USD";
  row.status = "ENABLED";
  row.daily_budget = 50'000'000;
  row.impressions = clicks * 20;
  row.clicks = clicks;
  row.cost = cost;
  row.conversions = 1.5;
  row.revenue = 123'450'000;
  return row;
}

TEST(StoreMetricsTest, MarksFetchedDaysWithOrWithoutRows) {
  TempDir dir;
  auto store = Store::open(dir.file("a.db"));
  ASSERT_TRUE(store.ok()) << store.error().to_string();
  const Date d0 = date_from_civil(2026, 10, 1);
  ASSERT_TRUE(store->replace_metric_days(kScope, d0, d0 + 2, {day_row("1", d0, 5, 1'230'000)}, "t1").ok());
  auto days = store->synced_days(kScope, d0 - 5, d0 + 10);
  ASSERT_TRUE(days.ok());
  EXPECT_EQ(*days, (std::vector<Date>{d0, d0 + 1, d0 + 2}));  // the quiet days count as fetched
  // Another account or level is another history.
  auto other = store->synced_days({"google_ads", "999", "campaign"}, d0, d0 + 2);
  ASSERT_TRUE(other.ok());
  EXPECT_TRUE(other->empty());
}

TEST(StoreMetricsTest, ReplacingARangeDropsItsOldRowsAndKeepsOthers) {
  TempDir dir;
  auto store = Store::open(dir.file("a.db"));
  ASSERT_TRUE(store.ok());
  const Date d0 = date_from_civil(2026, 10, 1);
  ASSERT_TRUE(store->replace_metric_days(kScope, d0, d0 + 1,
                                         {day_row("1", d0, 5, 1'000'000), day_row("1", d0 + 1, 6, 2'000'000),
                                          day_row("2", d0 + 1, 7, 3'000'000)},
                                         "t1")
                  .ok());
  // Late conversions: day 2 fetched again, campaign 2 now has no row that day.
  auto late = day_row("1", d0 + 1, 9, 4'000'000);
  late.conversions = 4.0;
  ASSERT_TRUE(store->replace_metric_days(kScope, d0 + 1, d0 + 1, {late}, "t2").ok());
  auto rows = store->metric_days(kScope, d0, d0 + 1);
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 2U);
  EXPECT_EQ((*rows)[0].date, d0);
  EXPECT_EQ((*rows)[0].clicks, 5);
  EXPECT_EQ((*rows)[1].clicks, 9);
  EXPECT_EQ((*rows)[1].cost, 4'000'000);
  EXPECT_DOUBLE_EQ((*rows)[1].conversions, 4.0);
  EXPECT_EQ((*rows)[1].revenue, 123'450'000);
  ASSERT_TRUE((*rows)[1].daily_budget.has_value());
  EXPECT_EQ(*(*rows)[1].daily_budget, 50'000'000);
}

TEST(StoreMetricsTest, RowsOfOneEntityAndDayAreSummed) {
  // Ad-level rows fetched at campaign level (or a platform splitting a day by network) add up.
  TempDir dir;
  auto store = Store::open(dir.file("a.db"));
  ASSERT_TRUE(store.ok());
  const Date d0 = date_from_civil(2026, 10, 1);
  ASSERT_TRUE(
      store->replace_metric_days(kScope, d0, d0, {day_row("1", d0, 5, 1'000'000), day_row("1", d0, 2, 500'000)}, "t")
          .ok());
  auto rows = store->metric_days(kScope, d0, d0);
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 1U);
  EXPECT_EQ((*rows)[0].clicks, 7);
  EXPECT_EQ((*rows)[0].cost, 1'500'000);
}

TEST(StoreMetricsTest, ARowOutsideTheRangeFailsAndWritesNothing) {
  TempDir dir;
  auto store = Store::open(dir.file("a.db"));
  ASSERT_TRUE(store.ok());
  const Date d0 = date_from_civil(2026, 10, 1);
  auto bad = store->replace_metric_days(kScope, d0, d0, {day_row("1", d0, 1, 1), day_row("1", d0 + 3, 1, 1)}, "t");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("outside the range"), std::string::npos);
  auto days = store->synced_days(kScope, d0, d0 + 3);
  ASSERT_TRUE(days.ok());
  EXPECT_TRUE(days->empty());  // rolled back whole
  auto rows = store->metric_days(kScope, d0, d0 + 3);
  ASSERT_TRUE(rows.ok());
  EXPECT_TRUE(rows->empty());
}

TEST(StoreMetricsTest, AVersionOneStoreIsMigratedKeepingItsState) {
  TempDir dir;
  const std::string path = dir.file("v1.db");
  {
    auto store = Store::open(path);
    ASSERT_TRUE(store.ok());
    EntityState entity;
    entity.level = "campaign";
    entity.id = "c1";
    entity.name = "C1";
    entity.account_id = "a";
    entity.channel = "google_ads";
    entity.status = "ENABLED";
    entity.currency = "USD";
    entity.updated_at = "2026-11-01T00:00:00Z";
    ASSERT_TRUE(store->insert_entity_if_absent(entity).ok());
  }
  // Roll the file back to what version 1 wrote: no metric tables, user_version 1.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "DROP TABLE metric_days; DROP TABLE synced_days; PRAGMA user_version = 1;", nullptr,
                         nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  auto store = Store::open(path);
  ASSERT_TRUE(store.ok()) << store.error().to_string();
  EXPECT_EQ(store->schema_version(), 2);
  auto entity = store->find_entity("campaign", "c1");
  ASSERT_TRUE(entity.ok());
  EXPECT_TRUE(entity->has_value());
  EXPECT_TRUE(store->synced_days(kScope, 0, 100000)->empty());
}

}  // namespace
}  // namespace adpilot::store
