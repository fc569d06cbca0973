// apply_plan and undo_run with the google_ads target: a real store, the fake API over loopback.
#include <gtest/gtest.h>

#include "act/plan_builder.h"
#include "adpilot/act/apply.h"
#include "adpilot/act/google_ads_executor.h"
#include "fakes/google_ads_server.h"
#include "store/temp_dir.h"

namespace adpilot::act {
namespace {

decide::EntitySnapshot google_campaign(const std::string& id, const std::string& name, Micros budget,
                                       const std::string& status = "ENABLED") {
  auto entity = testing::campaign(id, name, budget, status);
  entity.account_id = "1234567890";
  return entity;
}

class GoogleAdsApplyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fake_.add_campaign({111, "Search - Brand", "ENABLED", 901, 50'000'000});
    fake_.add_campaign({222, "Display - Remarketing", "PAUSED", 902, 20'000'000});
    fake_.add_campaign({333, "Search - Generic", "ENABLED", 903, 80'000'000});
    auto opened = store::Store::open(dir_.file("adpilot.db"));
    ASSERT_TRUE(opened.ok()) << opened.error().to_string();
    store_.emplace(std::move(opened).value());
  }

  RunReport apply(const decide::Plan& plan) {
    auto executor = registry_.create(connect::kGoogleAds, *store_);
    EXPECT_TRUE(executor.ok()) << (executor.ok() ? "" : executor.error().to_string());
    auto report = apply_plan(plan, **executor, *store_, {});
    EXPECT_TRUE(report.ok()) << report.error().to_string();
    return report.ok() ? std::move(report).value() : RunReport{};
  }

  testing::GoogleAdsServer fake_;
  connect::ConnectorSettings settings_ = testing::google_ads_settings(fake_);
  ExecutorRegistry registry_ =
      make_executor_registry([this](const std::string&) -> Result<connect::ConnectorSettings> { return settings_; });
  testing::TempDir dir_;
  std::optional<store::Store> store_;
  decide::EntitySnapshot brand_ = google_campaign("111", "Search - Brand", 50'000'000);
  decide::EntitySnapshot display_ = google_campaign("222", "Display - Remarketing", 20'000'000, "PAUSED");
  decide::EntitySnapshot generic_ = google_campaign("333", "Search - Generic", 80'000'000);
};

TEST_F(GoogleAdsApplyTest, AppliesWithAuditRowsIsIdempotentAndUndoes) {
  const decide::Plan plan = testing::make_plan(
      {brand_, display_, generic_},
      {testing::pause(brand_), testing::budget(generic_, 96'000'000), testing::alert(display_),
       testing::bid(brand_, -0.1)});
  const RunReport first = apply(plan);
  ASSERT_EQ(first.actions.size(), 4U);
  EXPECT_EQ(first.target, "google_ads");
  EXPECT_EQ(first.actions[0].outcome, Outcome::kApplied);
  EXPECT_EQ(first.actions[0].detail, "status ENABLED → PAUSED");
  EXPECT_EQ(first.actions[1].outcome, Outcome::kApplied);
  EXPECT_TRUE(first.actions[1].detail.starts_with("daily budget 80")) << first.actions[1].detail;
  EXPECT_TRUE(first.actions[1].detail.ends_with("→ 96 USD")) << first.actions[1].detail;
  EXPECT_EQ(first.actions[2].outcome, Outcome::kAlert);
  EXPECT_EQ(first.actions[3].outcome, Outcome::kFailed);
  EXPECT_NE(first.actions[3].detail.find("no Google Ads API mapping"), std::string::npos);
  EXPECT_EQ(fake_.campaign(111)->status, "PAUSED");
  EXPECT_EQ(fake_.campaign(333)->budget_micros, 96'000'000);

  auto audit = store_->audit({});
  ASSERT_TRUE(audit.ok());
  ASSERT_EQ(audit->size(), 4U);
  EXPECT_EQ((*audit)[0].status, store::kStatusApplied);
  EXPECT_EQ(nlohmann::json::parse((*audit)[0].before)["status"], "ENABLED");
  EXPECT_EQ(nlohmann::json::parse((*audit)[0].after)["status"], "PAUSED");
  EXPECT_EQ(nlohmann::json::parse((*audit)[1].after)["daily_budget_micros"], 96'000'000);
  EXPECT_EQ(nlohmann::json::parse((*audit)[2].before)["status"], "PAUSED");  // the alert read the state
  EXPECT_EQ((*audit)[3].status, store::kStatusFailed);

  // Again: what was done is skipped (no second mutate); the refused bid is tried and refused again.
  const int mutates = fake_.count(":mutate");
  const RunReport second = apply(plan);
  EXPECT_EQ(second.count(Outcome::kSkipped), 3);
  EXPECT_EQ(second.count(Outcome::kFailed), 1);
  EXPECT_EQ(fake_.count(":mutate"), mutates);

  auto undone = undo_run(first.run_id, registry_, *store_);
  ASSERT_TRUE(undone.ok()) << undone.error().to_string();
  EXPECT_EQ(undone->count(Outcome::kReverted), 2);
  EXPECT_EQ(fake_.campaign(111)->status, "ENABLED");
  EXPECT_EQ(fake_.campaign(333)->budget_micros, 80'000'000);
}

TEST_F(GoogleAdsApplyTest, UndoRefusesWhenTheCampaignChangedSince) {
  const decide::Plan plan = testing::make_plan({brand_}, {testing::pause(brand_)});
  const RunReport first = apply(plan);
  ASSERT_EQ(first.count(Outcome::kApplied), 1);
  // Someone enables it again in Google Ads; undo must not fight that change.
  const decide::Plan other = testing::make_plan({brand_}, {testing::enable(brand_)});
  ASSERT_EQ(apply(other).count(Outcome::kApplied), 1);
  auto undone = undo_run(first.run_id, registry_, *store_);
  ASSERT_TRUE(undone.ok()) << undone.error().to_string();
  ASSERT_EQ(undone->actions.size(), 1U);
  EXPECT_EQ(undone->actions[0].outcome, Outcome::kFailed);
  EXPECT_EQ(fake_.campaign(111)->status, "ENABLED");
}

TEST_F(GoogleAdsApplyTest, MissingCredentialsFailTheExecutorUpFront) {
  settings_.credentials = connect::Credentials();
  auto executor = registry_.create(connect::kGoogleAds, *store_);
  ASSERT_FALSE(executor.ok());
  EXPECT_NE(executor.error().message.find("missing credentials: developer_token, client_id, client_secret, "
                                          "refresh_token"),
            std::string::npos)
      << executor.error().message;
}

}  // namespace
}  // namespace adpilot::act
