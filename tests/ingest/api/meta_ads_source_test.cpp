#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "adpilot/ingest/api/meta_ads_source.h"
#include "fakes/meta_ads_server.h"

namespace adpilot::ingest::api {
namespace {

using testing::MetaAdsServer;

nlohmann::json campaign_row(const std::string& day, const std::string& id, const std::string& spend) {
  return {{"date_start", day},          {"date_stop", day},          {"campaign_id", id},
          {"campaign_name", "Cmp " + id}, {"impressions", "1000"},     {"clicks", "40"},
          {"inline_link_clicks", "25"}, {"spend", spend}};
}

std::unique_ptr<MetricSource> source_for(const connect::ConnectorSettings& settings) {
  auto source = make_meta_ads_source(settings);
  EXPECT_TRUE(source.ok()) << source.error().to_string();
  return std::move(*source);
}

FetchRequest days(int from, int to, Level level = Level::kCampaign) {
  return {.since = date_from_civil(2026, 11, from), .until = date_from_civil(2026, 11, to), .level = level};
}

// The row of a table where the column equals the text, by date.
size_t find_row(const Table& table, const std::string& column, const std::string& value, Date date) {
  const Column& key = *table.find(column);
  const Column& dates = *table.find("date");
  for (size_t row = 0; row < table.num_rows(); ++row) {
    if (key.str(row) == value && dates.i32()[row] == date) {
      return row;
    }
  }
  ADD_FAILURE() << "no row " << column << "=" << value;
  return 0;
}

TEST(MetaAdsSource, FollowsPagingAndKeepsStringNumbersExact) {
  MetaAdsServer fake;
  fake.set_page_size(2);
  fake.add_campaign("120001", "Prospecting", "ACTIVE", 5000);
  fake.add_campaign("120002", "Retargeting", "PAUSED", 1999);
  fake.add_campaign("120003", "CBO off", "ACTIVE");
  // Amounts a double cannot hold exactly; summed as micros they must stay exact.
  fake.add_insight("campaign", campaign_row("2026-11-01", "120001", "12.34"));
  fake.add_insight("campaign", campaign_row("2026-11-02", "120001", "0.1"));
  fake.add_insight("campaign", campaign_row("2026-11-03", "120001", "0.2"));
  fake.add_insight("campaign", campaign_row("2026-11-01", "120002", "123456789.987654"));
  fake.add_insight("campaign", campaign_row("2026-11-02", "120003", "0.000001"));
  fake.add_insight("campaign", campaign_row("2026-10-31", "120003", "99"));  // outside the range
  auto source = source_for(fake.settings());
  auto table = source->fetch(days(1, 3));
  ASSERT_TRUE(table.ok()) << table.error().to_string();
  ASSERT_EQ(table->num_rows(), 5u);
  // 5 rows at 2 per page: three insights pages, plus the currency and two campaign pages.
  size_t insight_pages = 0;
  for (const auto& request : fake.requests()) {
    insight_pages += request.path == "/v24.0/act_1234567890/insights" ? 1 : 0;
  }
  EXPECT_EQ(insight_pages, 3u);
  const Column& cost = *table->find("cost");
  int64_t total = 0;
  for (size_t row = 0; row < table->num_rows(); ++row) {
    total += cost.i64()[row];
  }
  EXPECT_EQ(total, 12'340'000 + 100'000 + 200'000 + 123'456'789'987'654 + 1);
  const size_t row = find_row(*table, "campaign_id", "120002", date_from_civil(2026, 11, 1));
  EXPECT_EQ(cost.i64()[row], 123'456'789'987'654);
  EXPECT_EQ(table->find("campaign_name")->str(row), "Cmp 120002");
  EXPECT_EQ(table->find("impressions")->i64()[row], 1000);
  EXPECT_EQ(table->find("clicks")->i64()[row], 25);  // link clicks, not clicks (all)
  EXPECT_EQ(table->find("account_id")->str(row), "act_1234567890");
  EXPECT_EQ(table->find("channel")->str(row), "meta_ads");
  EXPECT_EQ(table->find("currency")->str(row), "USD");
  EXPECT_EQ(table->find("status")->str(row), "PAUSED");
  EXPECT_EQ(table->find("budget")->i64()[row], 19'990'000);  // 1999 cents
  const size_t first = find_row(*table, "campaign_id", "120001", date_from_civil(2026, 11, 1));
  EXPECT_EQ(table->find("status")->str(first), "ENABLED");  // Meta's ACTIVE
  EXPECT_EQ(table->find("budget")->i64()[first], 50'000'000);
  const size_t no_budget = find_row(*table, "campaign_id", "120003", date_from_civil(2026, 11, 2));
  EXPECT_FALSE(table->find("budget")->is_valid(no_budget));
  const auto usage = source->usage();
  EXPECT_EQ(static_cast<size_t>(usage.requests), fake.http_requests());
}

TEST(MetaAdsSource, SendsTheDocumentedInsightsQuery) {
  MetaAdsServer fake;
  auto source = source_for(fake.settings());
  ASSERT_TRUE(source->fetch(days(1, 7)).ok());
  for (const auto& request : fake.requests()) {
    if (request.path != "/v24.0/act_1234567890/insights") {
      continue;
    }
    EXPECT_EQ(request.params.find("level")->second, "campaign");
    EXPECT_EQ(request.params.find("time_increment")->second, "1");
    EXPECT_EQ(request.params.find("time_range")->second, R"({"since":"2026-11-01","until":"2026-11-07"})");
    EXPECT_EQ(request.params.find("fields")->second,
              "campaign_id,campaign_name,impressions,clicks,inline_link_clicks,spend,actions,action_values");
    EXPECT_EQ(request.authorization, std::string("Bearer ") + MetaAdsServer::kToken);
    return;
  }
  FAIL() << "no insights request";
}

TEST(MetaAdsSource, ConversionsAndRevenueComeFromOneActionType) {
  MetaAdsServer fake;
  auto row = campaign_row("2026-11-01", "7", "50");
  // Meta reports the same purchases under several overlapping types; only one may be counted.
  row["actions"] = {{{"action_type", "link_click"}, {"value", "25"}},
                    {{"action_type", "purchase"}, {"value", "9"}},
                    {{"action_type", "omni_purchase"}, {"value", "8"}},
                    {{"action_type", "offsite_conversion.fb_pixel_purchase"}, {"value", "7.5"}},
                    {{"action_type", "lead"}, {"value", "3"}}};
  row["action_values"] = {{{"action_type", "purchase"}, {"value", "999.99"}},
                          {{"action_type", "offsite_conversion.fb_pixel_purchase"}, {"value", "812.37"}}};
  fake.add_insight("campaign", row);
  auto fallback = campaign_row("2026-11-02", "7", "20");
  fallback["actions"] = {{{"action_type", "purchase"}, {"value", "2"}}, {{"action_type", "omni_purchase"}, {"value", "3"}}};
  fallback["action_values"] = {{{"action_type", "omni_purchase"}, {"value", "0.3"}}};
  fake.add_insight("campaign", fallback);
  fake.add_insight("campaign", campaign_row("2026-11-03", "7", "1"));  // no actions at all

  auto table = source_for(fake.settings())->fetch(days(1, 3));
  ASSERT_TRUE(table.ok()) << table.error().to_string();
  const auto at = [&](int day) { return find_row(*table, "campaign_id", "7", date_from_civil(2026, 11, day)); };
  EXPECT_DOUBLE_EQ(table->find("conversions")->f64()[at(1)], 7.5);
  EXPECT_EQ(table->find("revenue")->i64()[at(1)], 812'370'000);
  EXPECT_DOUBLE_EQ(table->find("conversions")->f64()[at(2)], 3.0);  // omni_purchase before purchase
  EXPECT_EQ(table->find("revenue")->i64()[at(2)], 300'000);
  EXPECT_DOUBLE_EQ(table->find("conversions")->f64()[at(3)], 0.0);
  EXPECT_EQ(table->find("revenue")->i64()[at(3)], 0);

  auto settings = fake.settings();
  settings.conversion_action = "lead";
  auto leads = source_for(settings)->fetch(days(1, 1));
  ASSERT_TRUE(leads.ok());
  EXPECT_DOUBLE_EQ(leads->find("conversions")->f64()[0], 3.0);
  EXPECT_EQ(leads->find("revenue")->i64()[0], 0);  // no value reported for leads
}

TEST(MetaAdsSource, ReadsAdSetAndAdLevelsWithTheirIds) {
  MetaAdsServer fake;
  fake.set_account("777", "JPY");
  fake.add_campaign("1", "C");
  fake.add_adset("21", "Young", "1", "ACTIVE", 3000);
  fake.add_ad("31", "Boots video", "21", "1", "PAUSED");
  nlohmann::json adset = campaign_row("2026-11-05", "1", "1234");
  adset["adset_id"] = "21";
  adset["adset_name"] = "Young";
  fake.add_insight("adset", adset);
  nlohmann::json ad = adset;
  ad["ad_id"] = "31";
  ad["ad_name"] = "Boots video";
  ad["spend"] = "617";
  fake.add_insight("ad", ad);
  auto source = source_for(fake.settings());

  auto adsets = source->fetch(days(5, 5, Level::kAdGroup));
  ASSERT_TRUE(adsets.ok()) << adsets.error().to_string();
  ASSERT_EQ(adsets->num_rows(), 1u);
  EXPECT_EQ(adsets->find("ad_group_id")->str(0), "21");
  EXPECT_EQ(adsets->find("ad_group_name")->str(0), "Young");
  EXPECT_EQ(adsets->find("campaign_id")->str(0), "1");
  EXPECT_EQ(adsets->find("currency")->str(0), "JPY");
  EXPECT_EQ(adsets->find("cost")->i64()[0], 1'234'000'000);
  EXPECT_EQ(adsets->find("budget")->i64()[0], 3'000'000'000);  // 3000 yen: Meta's JPY offset is 1
  EXPECT_EQ(adsets->find("ad_id"), nullptr);

  auto ads = source->fetch(days(5, 5, Level::kAd));
  ASSERT_TRUE(ads.ok()) << ads.error().to_string();
  ASSERT_EQ(ads->num_rows(), 1u);
  EXPECT_EQ(ads->find("ad_id")->str(0), "31");
  EXPECT_EQ(ads->find("ad_name")->str(0), "Boots video");
  EXPECT_EQ(ads->find("ad_group_id")->str(0), "21");
  EXPECT_EQ(ads->find("status")->str(0), "PAUSED");
  EXPECT_FALSE(ads->find("budget")->is_valid(0));
  bool asked_ad_level = false;
  for (const auto& request : fake.requests()) {
    if (request.path == "/v24.0/act_777/insights" && request.params.find("level")->second == "ad") {
      asked_ad_level = request.params.find("fields")->second.find("ad_id,ad_name") != std::string::npos;
    }
  }
  EXPECT_TRUE(asked_ad_level);
}

TEST(MetaAdsSource, LongRangesAreReadInWindows) {
  MetaAdsServer fake;
  fake.add_insight("campaign", campaign_row("2026-09-15", "1", "1"));
  fake.add_insight("campaign", campaign_row("2026-11-20", "1", "2"));
  auto table = source_for(fake.settings())
                   ->fetch({.since = date_from_civil(2026, 9, 1), .until = date_from_civil(2026, 11, 30)});
  ASSERT_TRUE(table.ok());
  EXPECT_EQ(table->num_rows(), 2u);
  size_t windows = 0;
  for (const auto& request : fake.requests()) {
    windows += request.path == "/v24.0/act_1234567890/insights" ? 1 : 0;
  }
  EXPECT_EQ(windows, 3u);  // 91 days in windows of 31
}

TEST(MetaAdsSource, MalformedAnswersAreClearErrors) {
  MetaAdsServer fake;
  fake.add_insight("campaign", campaign_row("2026-11-01", "1", "1"));
  auto source = source_for(fake.settings());
  ASSERT_TRUE(source->fetch(days(1, 1)).ok());  // currency cached from here on
  fake.malformed_next(1);
  auto broken = source->fetch(days(1, 1));
  ASSERT_FALSE(broken.ok());
  EXPECT_EQ(broken.error().code, ErrorCode::kParse);
  EXPECT_NE(broken.error().message.find("not valid JSON"), std::string::npos);
  EXPECT_NE(broken.error().message.find("insights of act_1234567890"), std::string::npos);

  MetaAdsServer odd;
  odd.add_insight("campaign", campaign_row("2026-11-01", "1", "1"));
  odd.add_insight("campaign", campaign_row("2026-11-02", "1", "12,5x"));
  const auto bad = source_for(odd.settings())->fetch(days(1, 2));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().context.field, "spend");
  EXPECT_NE(bad.error().message.find("row 2 of page 1"), std::string::npos);
  EXPECT_NE(bad.error().message.find("'12,5x'"), std::string::npos);
}

TEST(MetaAdsSource, AnExpiredTokenStopsTheSync) {
  MetaAdsServer fake;
  fake.expire_token();
  const auto result = source_for(fake.settings())->fetch(days(1, 1));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(result.error().hint.find("new system-user token"), std::string::npos);
  EXPECT_EQ(fake.http_requests(), 1u);
}

}  // namespace
}  // namespace adpilot::ingest::api
