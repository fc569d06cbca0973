// The google_ads executor against the fake Google Ads API over loopback: mutates, partial
// failure, validateOnly, retries, a lost answer, and apply/undo through a real store.
#include <gtest/gtest.h>

#include "act/plan_builder.h"
#include "adpilot/act/apply.h"
#include "adpilot/act/google_ads_executor.h"
#include "fakes/google_ads_server.h"
#include "store/temp_dir.h"

namespace adpilot::act {
namespace {

using std::chrono::milliseconds;
using testing::GoogleAdsServer;

decide::EntitySnapshot google_campaign(const std::string& id, const std::string& name, Micros budget,
                                       const std::string& status = "ENABLED") {
  auto entity = testing::campaign(id, name, budget, status);
  entity.account_id = "1234567890";
  return entity;
}

class GoogleAdsExecutorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fake_.add_campaign({111, "Search - Brand", "ENABLED", 901, 50'000'000});
    fake_.add_campaign({222, "Display - Remarketing", "PAUSED", 902, 20'000'000});
    fake_.add_campaign({333, "Search - Generic", "ENABLED", 903, 80'000'000});
    settings_ = testing::google_ads_settings(fake_);
    settings_.http.sleep = [this](milliseconds wait) { waits_.push_back(wait); };
    settings_.http.log = [this](const std::string& line) { log_.push_back(line); };
    auto opened = store::Store::open(dir_.file("adpilot.db"));
    ASSERT_TRUE(opened.ok()) << opened.error().to_string();
    store_.emplace(std::move(opened).value());
  }

  std::unique_ptr<Executor> executor(const connect::ConnectorSettings& settings) {
    auto made = make_google_ads_executor(*store_, settings);
    EXPECT_TRUE(made.ok()) << (made.ok() ? "" : made.error().to_string());
    return made.ok() ? std::move(*made) : nullptr;
  }
  std::unique_ptr<Executor> executor() { return executor(settings_); }

  GoogleAdsServer fake_;
  connect::ConnectorSettings settings_;
  std::vector<milliseconds> waits_;
  std::vector<std::string> log_;
  testing::TempDir dir_;
  std::optional<store::Store> store_;
  decide::EntitySnapshot brand_ = google_campaign("111", "Search - Brand", 50'000'000);
  decide::EntitySnapshot display_ = google_campaign("222", "Display - Remarketing", 20'000'000, "PAUSED");
  decide::EntitySnapshot generic_ = google_campaign("333", "Search - Generic", 80'000'000);
};

TEST_F(GoogleAdsExecutorTest, PauseEnableAndBudgetChangeTheAccount) {
  auto google = executor();
  auto paused = google->apply(testing::pause(brand_));
  ASSERT_TRUE(paused.ok()) << paused.error().to_string();
  EXPECT_EQ(paused->before.status, "ENABLED");
  EXPECT_EQ(paused->after.status, "PAUSED");
  EXPECT_EQ(fake_.campaign(111)->status, "PAUSED");
  auto enabled = google->apply(testing::enable(display_));
  ASSERT_TRUE(enabled.ok()) << enabled.error().to_string();
  EXPECT_EQ(fake_.campaign(222)->status, "ENABLED");
  auto budget = google->apply(testing::budget(generic_, 96'000'000));
  ASSERT_TRUE(budget.ok()) << budget.error().to_string();
  EXPECT_EQ(budget->before.daily_budget, 80'000'000);
  EXPECT_EQ(budget->after.daily_budget, 96'000'000);
  EXPECT_EQ(budget->after.currency, "USD");
  EXPECT_EQ(fake_.campaign(333)->budget_micros, 96'000'000);
  const auto requests = fake_.requests();
  const auto& last = requests.back();
  EXPECT_EQ(last.path, "/v22/customers/1234567890/campaignBudgets:mutate");
  const auto body = nlohmann::json::parse(last.body);
  EXPECT_EQ(body["operations"][0]["update"]["resourceName"], "customers/1234567890/campaignBudgets/903");
  EXPECT_EQ(body["operations"][0]["update"]["amountMicros"], "96000000");
  EXPECT_EQ(body["operations"][0]["updateMask"], "amount_micros");
  EXPECT_EQ(body["partialFailure"], true);
  EXPECT_EQ(body["validateOnly"], false);
  // The state read and the change: 3 searches + 3 mutate operations.
  EXPECT_EQ(google_ads_usage(*google)->operations, 6);
}

TEST_F(GoogleAdsExecutorTest, AStateAlreadyAsAskedSendsNoMutate) {
  auto google = executor();
  auto same = google->apply(testing::pause(display_));  // 222 is PAUSED already
  ASSERT_TRUE(same.ok()) << same.error().to_string();
  EXPECT_EQ(same->before.status, "PAUSED");
  EXPECT_EQ(same->after.status, "PAUSED");
  EXPECT_EQ(fake_.count(":mutate"), 0);
}

TEST_F(GoogleAdsExecutorTest, PartialFailureFailsOneActionAndAppliesTheOthers) {
  auto google = executor();
  fake_.fail_operation(1, "campaignBudgetError", "NON_MULTIPLE_OF_MINIMUM_CURRENCY_UNIT",
                       "Budget amount must be a multiple of the minimum currency unit.");
  const std::vector<decide::PlannedAction> actions = {testing::budget(brand_, 60'000'000),
                                                      testing::budget(display_, 25'000'000),
                                                      testing::budget(generic_, 90'000'000)};
  ASSERT_GE(google->max_batch(), 3U);
  auto results = google->apply_batch(actions);
  ASSERT_EQ(results.size(), 3U);
  ASSERT_TRUE(results[0].ok());
  ASSERT_FALSE(results[1].ok());
  ASSERT_TRUE(results[2].ok());
  EXPECT_EQ(results[1].error().code, ErrorCode::kData);
  EXPECT_EQ(results[1].error().message,
            "campaign 222: Budget amount must be a multiple of the minimum currency unit (campaignBudgetError "
            "NON_MULTIPLE_OF_MINIMUM_CURRENCY_UNIT), request id fake-request-2");
  EXPECT_EQ(fake_.campaign(111)->budget_micros, 60'000'000);
  EXPECT_EQ(fake_.campaign(222)->budget_micros, 20'000'000);
  EXPECT_EQ(fake_.campaign(333)->budget_micros, 90'000'000);
  EXPECT_EQ(fake_.count("campaignBudgets:mutate"), 1);  // one request for the three
}

TEST_F(GoogleAdsExecutorTest, ThePlatformsOwnRefusalIsReadable) {
  auto google = executor();
  auto odd = google->apply(testing::budget(brand_, 50'000'001));  // not a whole cent
  ASSERT_FALSE(odd.ok());
  EXPECT_EQ(odd.error().code, ErrorCode::kData);
  EXPECT_NE(odd.error().message.find("campaign 111: Budget amount must be a multiple of the minimum currency unit "
                                     "(campaignBudgetError NON_MULTIPLE_OF_MINIMUM_CURRENCY_UNIT), request id "),
            std::string::npos)
      << odd.error().message;
  EXPECT_EQ(fake_.campaign(111)->budget_micros, 50'000'000);
}

TEST_F(GoogleAdsExecutorTest, BidsOtherLevelsAndUnknownCampaignsAreRefusedPerAction) {
  auto google = executor();
  auto ad_group = testing::pause(brand_);
  ad_group.entity.level = decide::EntityLevel::kAdGroup;
  auto unknown = testing::pause(google_campaign("999", "Gone", 1));
  const std::vector<decide::PlannedAction> actions = {testing::bid(brand_, -0.1), ad_group, unknown,
                                                      testing::pause(generic_)};
  auto results = google->apply_batch(actions);
  ASSERT_EQ(results.size(), 4U);
  for (size_t i = 0; i < 3; ++i) {
    ASSERT_FALSE(results[i].ok()) << i;
    EXPECT_EQ(results[i].error().code, ErrorCode::kData) << i;
  }
  EXPECT_NE(results[0].error().message.find("a bid change has no Google Ads API mapping"), std::string::npos);
  EXPECT_NE(results[1].error().message.find("changes campaigns only"), std::string::npos);
  EXPECT_EQ(results[2].error().message, "campaign 999 'Gone': not found in Google Ads customer 1234567890");
  ASSERT_TRUE(results[3].ok());
  EXPECT_EQ(fake_.campaign(333)->status, "PAUSED");
}

TEST_F(GoogleAdsExecutorTest, ValidateOnlyChangesNothing) {
  auto settings = settings_;
  settings.validate_only = true;
  auto google = executor(settings);
  auto checked = google->apply(testing::pause(brand_));
  ASSERT_TRUE(checked.ok()) << checked.error().to_string();
  EXPECT_EQ(checked->after.status, "ENABLED");  // nothing changed on the account
  EXPECT_EQ(fake_.campaign(111)->status, "ENABLED");
  EXPECT_EQ(fake_.applied_operations(), 0);
  EXPECT_EQ(nlohmann::json::parse(fake_.requests().back().body)["validateOnly"], true);
}

TEST_F(GoogleAdsExecutorTest, ValidatePlanListsWhatThePlatformWouldRefuse) {
  const decide::Plan plan = testing::make_plan(
      {brand_, display_, generic_},
      {testing::pause(brand_), testing::alert(display_), testing::budget(display_, 25'000'001),
       testing::bid(generic_, 0.2), testing::budget(generic_, 90'000'000)});
  auto issues = validate_plan_google_ads(plan, settings_);
  ASSERT_TRUE(issues.ok()) << issues.error().to_string();
  ASSERT_EQ(issues->size(), 2U);
  EXPECT_EQ((*issues)[0].action_index, 2);
  EXPECT_EQ((*issues)[0].entity, "campaign 222 'Display - Remarketing'");
  EXPECT_NE((*issues)[0].message.find("NON_MULTIPLE_OF_MINIMUM_CURRENCY_UNIT"), std::string::npos);
  EXPECT_EQ((*issues)[1].action_index, 3);
  EXPECT_NE((*issues)[1].message.find("bid"), std::string::npos);
  EXPECT_EQ(fake_.applied_operations(), 0);
  EXPECT_EQ(fake_.campaign(111)->status, "ENABLED");
  EXPECT_EQ(fake_.campaign(333)->budget_micros, 80'000'000);
}

TEST_F(GoogleAdsExecutorTest, RetriesAMutateOn429WithBackoff) {
  auto google = executor();
  fake_.fail_next(2, 429, ":mutate");  // RESOURCE_EXHAUSTED: refused before anything was done
  auto result = google->apply(testing::pause(brand_));
  ASSERT_TRUE(result.ok()) << result.error().to_string();
  EXPECT_EQ(fake_.campaign(111)->status, "PAUSED");
  EXPECT_EQ(fake_.count("campaigns:mutate"), 3);
  EXPECT_EQ(fake_.applied_operations(), 1);
  ASSERT_EQ(waits_.size(), 2U);
  EXPECT_GE(waits_[0].count(), 50);  // 100 ms with jitter down to half
  EXPECT_LE(waits_[0].count(), 100);
  EXPECT_GE(waits_[1].count(), 100);  // then 200 ms
  EXPECT_LE(waits_[1].count(), 200);
  EXPECT_EQ(google_ads_usage(*google)->retries, 2);
}

TEST_F(GoogleAdsExecutorTest, ExhaustedRetriesStopTheAction) {
  auto google = executor();
  fake_.fail_next(10, 503);
  auto result = google->apply(testing::pause(brand_));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kIo);  // not a refusal: the run stops
  EXPECT_NE(result.error().message.find("UNAVAILABLE"), std::string::npos) << result.error().message;
  EXPECT_EQ(waits_.size(), 2U);  // three attempts of the state search
  EXPECT_EQ(fake_.count(":mutate"), 0);
}

TEST_F(GoogleAdsExecutorTest, ALostAnswerIsNotResentWhenTheChangeWasMade) {
  settings_.http.timeout = milliseconds(400);
  auto google = executor();
  ASSERT_TRUE(google->read_state(decide::EntityLevel::kCampaign, "111").ok());  // token fetched
  fake_.timeout_after_apply_next(1, milliseconds(2000));
  auto result = google->apply(testing::pause(brand_));
  ASSERT_TRUE(result.ok()) << result.error().to_string();
  EXPECT_EQ(result->after.status, "PAUSED");
  EXPECT_EQ(fake_.campaign(111)->status, "PAUSED");
  // Sent once; the state was read back instead of sending it again.
  EXPECT_EQ(fake_.count("campaigns:mutate"), 1);
  EXPECT_EQ(fake_.applied_operations(), 1);
  EXPECT_EQ(fake_.count("googleAds:searchStream"), 3);  // before, the change's read, the read-back
  bool said = false;
  for (const auto& line : log_) {
    said = said || line.find("reading 1 campaign(s) back before sending again") != std::string::npos;
  }
  EXPECT_TRUE(said);
}

TEST_F(GoogleAdsExecutorTest, AFailedMutateIsResentOnlyWhenTheStateShowsItNotMade) {
  auto google = executor();
  fake_.fail_next(1, 503, ":mutate");  // UNAVAILABLE: nothing done, but the client cannot know
  auto result = google->apply(testing::pause(brand_));
  ASSERT_TRUE(result.ok()) << result.error().to_string();
  EXPECT_EQ(fake_.campaign(111)->status, "PAUSED");
  EXPECT_EQ(fake_.count("campaigns:mutate"), 2);  // resent after the read-back showed it not made
  EXPECT_EQ(fake_.count("googleAds:searchStream"), 2);
  EXPECT_EQ(fake_.applied_operations(), 1);
  EXPECT_EQ(waits_.size(), 1U);
  bool said = false;
  for (const auto& line : log_) {
    said = said || line.find("0 of 1 change(s) had been made; 1 to send again") != std::string::npos;
  }
  EXPECT_TRUE(said);
}

TEST_F(GoogleAdsExecutorTest, AMutateWithoutAnswerEveryTimeStopsTheRun) {
  auto google = executor();
  fake_.fail_next(5, 500, ":mutate");
  auto result = google->apply(testing::budget(brand_, 70'000'000));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kIo);
  EXPECT_NE(result.error().message.find("campaign 111: campaignBudgets:mutate got no answer after 3 attempt(s)"),
            std::string::npos)
      << result.error().message;
  EXPECT_EQ(fake_.count("campaignBudgets:mutate"), 3);
  EXPECT_EQ(fake_.campaign(111)->budget_micros, 50'000'000);
}

}  // namespace
}  // namespace adpilot::act
