// googleAds:searchStream → the canonical Table, against the fake API over loopback.
#include <gtest/gtest.h>

#include "adpilot/ingest/api/google_ads_source.h"
#include "fakes/google_ads_server.h"

using adpilot::Date;
using adpilot::date_from_civil;
using adpilot::Table;
using adpilot::ingest::api::FetchRequest;
using adpilot::ingest::api::Level;
using adpilot::ingest::api::MetricSource;
using adpilot::testing::GoogleAdsServer;
using adpilot::testing::GoogleAdsServerConfig;

namespace {

std::unique_ptr<MetricSource> make_source(const adpilot::connect::ConnectorSettings& settings) {
  auto source = adpilot::ingest::api::make_google_ads_source(settings);
  EXPECT_TRUE(source.ok()) << (source.ok() ? "" : source.error().to_string());
  return source.ok() ? std::move(*source) : nullptr;
}

void seed(GoogleAdsServer& fake) {
  fake.add_campaign({111, "Search - Brand", "ENABLED", 901, 50'000'000});
  fake.add_campaign({222, "Display - Remarketing", "PAUSED", 902, 12'340'000});
  fake.add_ad_group({5001, 111, "Brand exact", "ENABLED"});
  fake.add_ad({70001, 5001, "Brand RSA 1", "PAUSED"});
  fake.seed_metrics(
      "level,id,date,impressions,clicks,cost_micros,conversions,conversions_value\n"
      "campaign,111,2026-10-01,1000,50,1230000,2,150.5\n"
      "campaign,111,2026-10-02,1200,61,9007199254740993,3.5,200.25\n"
      "campaign,222,2026-10-01,5000,12,4500000,0,0\n"
      "campaign,222,2026-10-03,0,0,0,0,0\n"
      "campaign,111,2026-09-30,999,9,9,9,9\n"
      "ad_group,5001,2026-10-01,800,40,1000000,1.5,99.99\n"
      "ad,70001,2026-10-02,300,7,250000,1,10\n");
}

FetchRequest october(Level level = Level::kCampaign) {
  FetchRequest request;
  request.since = date_from_civil(2026, 10, 1);
  request.until = date_from_civil(2026, 10, 3);
  request.level = level;
  return request;
}

std::string text(const Table& table, const char* column, size_t row) {
  const auto* found = table.find(column);
  return found != nullptr && found->is_valid(row) ? std::string(found->str(row)) : std::string("<null>");
}

int64_t i64(const Table& table, const char* column, size_t row) { return table.find(column)->i64()[row]; }

}  // namespace

TEST(GoogleAdsSource, CampaignRowsFillTheCanonicalColumns) {
  GoogleAdsServer fake;
  seed(fake);
  auto source = make_source(adpilot::testing::google_ads_settings(fake));
  auto table = source->fetch(october());
  ASSERT_TRUE(table.ok()) << table.error().to_string();
  ASSERT_EQ(table->num_rows(), 4U);  // the 09-30 row is outside the range
  for (const char* column : {"date", "account_id", "campaign_id", "campaign_name", "channel", "impressions", "clicks",
                             "cost", "conversions", "revenue", "currency", "status", "budget"}) {
    EXPECT_NE(table->find(column), nullptr) << column;
  }
  EXPECT_EQ(table->find("ad_group_id"), nullptr);
  EXPECT_EQ(table->find("date")->i32()[0], date_from_civil(2026, 10, 1));
  EXPECT_EQ(table->find("date")->i32()[1], date_from_civil(2026, 10, 2));
  EXPECT_EQ(text(*table, "account_id", 0), "1234567890");
  EXPECT_EQ(text(*table, "campaign_id", 0), "111");
  EXPECT_EQ(text(*table, "campaign_name", 2), "Display - Remarketing");
  EXPECT_EQ(text(*table, "channel", 0), "google_ads");
  EXPECT_EQ(text(*table, "currency", 0), "USD");
  EXPECT_EQ(text(*table, "status", 2), "PAUSED");
  EXPECT_EQ(i64(*table, "impressions", 0), 1000);
  EXPECT_EQ(i64(*table, "clicks", 1), 61);
  EXPECT_EQ(i64(*table, "cost", 0), 1'230'000);  // micros, as the API gives them
  // 2^53 + 1 micros: would come back as ...992 through a double.
  EXPECT_EQ(i64(*table, "cost", 1), INT64_C(9007199254740993));
  EXPECT_DOUBLE_EQ(table->find("conversions")->f64()[1], 3.5);
  EXPECT_EQ(i64(*table, "revenue", 0), 150'500'000);
  EXPECT_EQ(i64(*table, "revenue", 1), 200'250'000);
  EXPECT_EQ(i64(*table, "budget", 2), 12'340'000);
  EXPECT_DOUBLE_EQ(table->find("cost")->number(0), 1.23);  // units at the Table boundary
  // A day with no activity: the API omits zero metrics; they read as 0, not missing.
  EXPECT_EQ(i64(*table, "impressions", 3), 0);
  EXPECT_TRUE(table->find("impressions")->is_valid(3));
  EXPECT_EQ(fake.count("googleAds:searchStream"), 2);  // the currency, then the report
}

TEST(GoogleAdsSource, ReadsEveryBatchOfTheStream) {
  GoogleAdsServerConfig config;
  config.batch_size = 1;  // four batches of one row
  GoogleAdsServer fake(config);
  seed(fake);
  auto settings = adpilot::testing::google_ads_settings(fake);
  settings.currency = "EUR";  // given: no currency query
  auto source = make_source(settings);
  auto table = source->fetch(october());
  ASSERT_TRUE(table.ok()) << table.error().to_string();
  EXPECT_EQ(table->num_rows(), 4U);
  EXPECT_EQ(text(*table, "currency", 3), "EUR");
  EXPECT_EQ(fake.count("googleAds:searchStream"), 1);
  EXPECT_NE(fake.requests().back().body.find("FROM campaign WHERE segments.date BETWEEN '2026-10-01' AND "
                                             "'2026-10-03'"),
            std::string::npos);
}

TEST(GoogleAdsSource, AdGroupAndAdLevels) {
  GoogleAdsServer fake;
  seed(fake);
  auto source = make_source(adpilot::testing::google_ads_settings(fake));
  auto groups = source->fetch(october(Level::kAdGroup));
  ASSERT_TRUE(groups.ok()) << groups.error().to_string();
  ASSERT_EQ(groups->num_rows(), 1U);
  EXPECT_EQ(text(*groups, "ad_group_id", 0), "5001");
  EXPECT_EQ(text(*groups, "ad_group_name", 0), "Brand exact");
  EXPECT_EQ(text(*groups, "campaign_id", 0), "111");
  EXPECT_EQ(i64(*groups, "revenue", 0), 99'990'000);
  EXPECT_EQ(groups->find("budget"), nullptr);
  auto ads = source->fetch(october(Level::kAd));
  ASSERT_TRUE(ads.ok()) << ads.error().to_string();
  ASSERT_EQ(ads->num_rows(), 1U);
  EXPECT_EQ(text(*ads, "ad_id", 0), "70001");
  EXPECT_EQ(text(*ads, "ad_name", 0), "Brand RSA 1");
  EXPECT_EQ(text(*ads, "ad_group_id", 0), "5001");
  EXPECT_EQ(text(*ads, "status", 0), "PAUSED");
  EXPECT_EQ(ads->find("date")->i32()[0], date_from_civil(2026, 10, 2));
  EXPECT_NE(fake.requests().back().body.find("FROM ad_group_ad"), std::string::npos);
}

TEST(GoogleAdsSource, MalformedJsonIsAClearError) {
  GoogleAdsServer fake;
  seed(fake);
  auto settings = adpilot::testing::google_ads_settings(fake);
  settings.currency = "USD";
  auto source = make_source(settings);
  fake.malformed_next(1);
  auto table = source->fetch(october());
  ASSERT_FALSE(table.ok());
  EXPECT_EQ(table.error().code, adpilot::ErrorCode::kParse);
  EXPECT_NE(table.error().message.find("Google Ads searchStream for customer 1234567890: the answer is not valid "
                                       "JSON (request id fake-request-1)"),
            std::string::npos)
      << table.error().message;
}

TEST(GoogleAdsSource, ReportsUsageAndRefusesABackwardRange) {
  GoogleAdsServer fake;
  seed(fake);
  auto source = make_source(adpilot::testing::google_ads_settings(fake));
  ASSERT_TRUE(source->fetch(october()).ok());
  const auto usage = source->usage();
  EXPECT_EQ(usage.operations, 2);
  EXPECT_EQ(usage.requests, 2);
  EXPECT_NE(usage.note.find("of the 15,000 a day of basic access"), std::string::npos) << usage.note;
  FetchRequest backward = october();
  std::swap(backward.since, backward.until);
  auto refused = source->fetch(backward);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, adpilot::ErrorCode::kInvalidArgument);
}
