// Credentials never show: every log line and error text of runs that hit each failure path is
// searched for the secret values (distinctive strings, so a leak cannot hide).
#include <gtest/gtest.h>

#include "act/plan_builder.h"
#include "adpilot/act/google_ads_executor.h"
#include "adpilot/ingest/api/google_ads_source.h"
#include "fakes/google_ads_server.h"
#include "store/temp_dir.h"

namespace adpilot::act {
namespace {

using std::chrono::milliseconds;

TEST(GoogleAdsSecrets, NeverInLogsOrErrors) {
  testing::GoogleAdsServerConfig config;
  config.developer_token = "DEVTOKEN-s3cr3t-7f3a";
  config.client_id = "CLIENTID-s3cr3t-91b.apps.googleusercontent.com";
  config.client_secret = "CLIENTSECRET-s3cr3t-55e2";
  config.refresh_token = "1//REFRESH-s3cr3t-c0de";
  testing::GoogleAdsServer fake(config);
  fake.add_campaign({111, "Search - Brand", "ENABLED", 901, 50'000'000});
  fake.add_metrics({"campaign", 111, "2026-10-01", 10, 1, 1'000'000, 0, 0});
  std::vector<std::string> texts;
  auto settings = testing::google_ads_settings(fake);
  settings.http.timeout = milliseconds(300);
  settings.http.log = [&texts](const std::string& line) { texts.push_back(line); };
  const auto keep = [&texts](const auto& result) {
    if (!result.ok()) {
      texts.push_back(result.error().to_string());
    }
  };
  testing::TempDir dir;
  auto store = store::Store::open(dir.file("adpilot.db"));
  ASSERT_TRUE(store.ok());
  auto executor = make_google_ads_executor(*store, settings);
  ASSERT_TRUE(executor.ok());
  auto& google = **executor;
  const auto brand = testing::campaign("111", "Search - Brand", 50'000'000);

  fake.fail_next(1, 429);
  keep(google.apply(testing::pause(brand)));
  fake.expire_tokens();
  keep(google.apply(testing::enable(brand)));
  fake.fail_next(1, 503, ":mutate");
  keep(google.apply(testing::pause(brand)));
  fake.timeout_after_apply_next(1, milliseconds(1000));
  keep(google.apply(testing::enable(brand)));
  fake.fail_operation(0, "campaignBudgetError", "NEGATIVE_MONEY_AMOUNT", "Budget amount must not be negative.");
  keep(google.apply(testing::budget(brand, 1'000'000)));
  fake.fail_next(5, 500);
  keep(google.apply(testing::pause(brand)));
  keep(google.apply(testing::bid(brand, 0.1)));
  fake.malformed_next(1);
  keep(google.read_state(decide::EntityLevel::kCampaign, "111"));

  auto source = ingest::api::make_google_ads_source(settings);
  ASSERT_TRUE(source.ok());
  ingest::api::FetchRequest request;
  request.since = date_from_civil(2026, 10, 1);
  request.until = date_from_civil(2026, 10, 2);
  keep((*source)->fetch(request));
  fake.fail_next(5, 503);
  keep((*source)->fetch(request));

  auto bad_token = settings;
  bad_token.credentials.set("refresh_token", "1//OTHER-s3cr3t-dead");
  auto refused = ingest::api::make_google_ads_source(bad_token);
  ASSERT_TRUE(refused.ok());
  keep((*refused)->fetch(request));
  auto bad_client = settings;
  bad_client.credentials.set("client_secret", "WRONG-s3cr3t-beef");
  keep(validate_plan_google_ads(testing::make_plan({brand}, {testing::pause(brand)}), bad_client));

  // The runs did hit the failure paths (so the texts are worth searching).
  EXPECT_GE(texts.size(), 8U);
  bool saw_refresh = false;
  bool saw_oauth = false;
  for (const auto& text : texts) {
    saw_refresh = saw_refresh || text.find("401 UNAUTHENTICATED") != std::string::npos;
    saw_oauth = saw_oauth || text.find("invalid_grant") != std::string::npos;
    for (const char* secret : {"s3cr3t", "ya29.fake-access"}) {
      EXPECT_EQ(text.find(secret), std::string::npos) << "leaked " << secret << " in: " << text;
    }
  }
  EXPECT_TRUE(saw_refresh);
  EXPECT_TRUE(saw_oauth);
}

}  // namespace
}  // namespace adpilot::act
