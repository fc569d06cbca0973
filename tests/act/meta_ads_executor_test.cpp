// apply_plan and undo_run with the meta_ads target: a real store, the fake Graph API over loopback.
#include <gtest/gtest.h>

#include <regex>

#include "act/plan_builder.h"
#include "adpilot/act/apply.h"
#include "adpilot/act/meta_ads_executor.h"
#include "fakes/meta_ads_server.h"
#include "store/temp_dir.h"

namespace adpilot::act {
namespace {

using std::chrono::milliseconds;

decide::EntitySnapshot meta_campaign(const std::string& id, const std::string& name, Micros budget,
                                     const std::string& status = "ENABLED", const std::string& currency = "USD") {
  auto entity = testing::campaign(id, name, budget, status);
  entity.account_id = "act_1234567890";
  entity.channel = "meta_ads";
  entity.currency = currency;
  return entity;
}

class MetaAdsExecutorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fake_.add_campaign("120001", "Prospecting", "ACTIVE", 5000);
    fake_.add_campaign("120002", "Retargeting", "PAUSED", 2000);
    fake_.add_campaign("120003", "Brand", "ACTIVE", 8000);
    fake_.add_campaign("120004", "Ad set budgets", "ACTIVE");
    fake_.add_adset("230001", "Lookalike 1%", "120004", "ACTIVE", 1500);
    auto opened = store::Store::open(dir_.file("adpilot.db"));
    ASSERT_TRUE(opened.ok()) << opened.error().to_string();
    store_.emplace(std::move(opened).value());
    settings_.http.log = [this](const std::string& line) { log_.push_back(line); };
  }

  Result<RunReport> try_apply(const decide::Plan& plan) {
    auto executor = registry_.create(connect::kMetaAds, *store_);
    if (!executor.ok()) {
      return executor.error();
    }
    return apply_plan(plan, **executor, *store_, {});
  }

  RunReport apply(const decide::Plan& plan) {
    auto report = try_apply(plan);
    EXPECT_TRUE(report.ok()) << report.error().to_string();
    return report.ok() ? std::move(report).value() : RunReport{};
  }

  size_t batch_posts() const {
    size_t posts = 0;
    for (const auto& request : fake_.requests()) {
      posts += request.in_batch && request.method == "POST" ? 1 : 0;
    }
    return posts;
  }

  testing::MetaAdsServer fake_;
  std::vector<milliseconds> waits_;
  std::vector<std::string> log_;
  connect::ConnectorSettings settings_ = fake_.settings(&waits_);
  ExecutorRegistry registry_ =
      make_executor_registry([this](const std::string&) -> Result<connect::ConnectorSettings> { return settings_; });
  testing::TempDir dir_;
  std::optional<store::Store> store_;
  decide::EntitySnapshot prospecting_ = meta_campaign("120001", "Prospecting", 50'000'000);
  decide::EntitySnapshot retargeting_ = meta_campaign("120002", "Retargeting", 20'000'000, "PAUSED");
  decide::EntitySnapshot brand_ = meta_campaign("120003", "Brand", 80'000'000);
};

TEST_F(MetaAdsExecutorTest, AppliesInBatchesWithAuditRowsIsIdempotentAndUndoes) {
  const decide::Plan plan = testing::make_plan(
      {prospecting_, retargeting_, brand_},
      {testing::pause(prospecting_), testing::budget(brand_, 96'015'000), testing::alert(retargeting_),
       testing::enable(retargeting_), testing::bid(prospecting_, -0.1)});
  const RunReport first = apply(plan);
  ASSERT_EQ(first.actions.size(), 5U);
  EXPECT_EQ(first.target, "meta_ads");
  EXPECT_EQ(first.actions[0].outcome, Outcome::kApplied);
  EXPECT_EQ(first.actions[0].detail, "status ENABLED → PAUSED");
  EXPECT_EQ(first.actions[1].outcome, Outcome::kApplied);
  EXPECT_EQ(first.actions[1].detail, "daily budget 80 USD → 96.02 USD");  // rounded to whole cents
  EXPECT_EQ(first.actions[2].outcome, Outcome::kAlert);
  EXPECT_EQ(first.actions[3].outcome, Outcome::kApplied);
  EXPECT_EQ(first.actions[4].outcome, Outcome::kFailed);
  EXPECT_NE(first.actions[4].detail.find("does not change bids on Meta"), std::string::npos);

  EXPECT_EQ(fake_.object("120001")->status, "PAUSED");
  EXPECT_EQ(fake_.object("120003")->daily_budget, 9602);  // cents
  EXPECT_EQ(fake_.object("120002")->status, "ACTIVE");
  // Actions 0–1 and 3–4 each went as one batch read and one batch write.
  EXPECT_EQ(fake_.batch_requests(), 4U);
  EXPECT_EQ(batch_posts(), 3U);

  const auto rows = store_->audit({.entity_id = "", .since = {}, .run_id = first.run_id});
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 5U);
  EXPECT_EQ((*rows)[0].status, store::kStatusApplied);
  EXPECT_EQ((*rows)[1].before.find("\"daily_budget_micros\":80000000") != std::string::npos, true);
  EXPECT_NE((*rows)[1].after.find("\"daily_budget_micros\":96020000"), std::string::npos);
  EXPECT_EQ((*rows)[2].status, store::kStatusAlert);
  EXPECT_EQ((*rows)[4].status, store::kStatusFailed);

  // Again: every action already holds an outcome (the refused bid is retried and refused again).
  const size_t posts = batch_posts();
  const RunReport second = apply(plan);
  EXPECT_EQ(second.count(Outcome::kSkipped), 4);
  EXPECT_EQ(second.count(Outcome::kFailed), 1);
  EXPECT_EQ(batch_posts(), posts);

  const auto undone = undo_run(first.run_id, registry_, *store_);
  ASSERT_TRUE(undone.ok()) << undone.error().to_string();
  EXPECT_EQ(undone->count(Outcome::kReverted), 3);
  EXPECT_EQ(fake_.object("120001")->status, "ACTIVE");
  EXPECT_EQ(fake_.object("120003")->daily_budget, 8000);
  EXPECT_EQ(fake_.object("120002")->status, "PAUSED");
}

TEST_F(MetaAdsExecutorTest, OneFailingCallFailsOnlyItsAction) {
  fake_.refuse_updates_of("120002");
  const decide::Plan plan = testing::make_plan(
      {prospecting_, retargeting_, brand_},
      {testing::pause(prospecting_), testing::enable(retargeting_), testing::pause(brand_)});
  const RunReport report = apply(plan);
  ASSERT_EQ(report.actions.size(), 3U);
  EXPECT_EQ(report.actions[0].outcome, Outcome::kApplied);
  EXPECT_EQ(report.actions[1].outcome, Outcome::kFailed);
  EXPECT_NE(report.actions[1].detail.find("(#100) Invalid parameter [code 100, subcode 1885272, fbtrace_id AfakeTrace42]"),
            std::string::npos);
  EXPECT_NE(report.actions[1].detail.find("campaign 120002"), std::string::npos);
  EXPECT_EQ(report.actions[2].outcome, Outcome::kApplied);
  EXPECT_EQ(fake_.object("120001")->status, "PAUSED");
  EXPECT_EQ(fake_.object("120002")->status, "PAUSED");
  EXPECT_EQ(fake_.object("120003")->status, "PAUSED");
  EXPECT_EQ(batch_posts(), 3U);
  EXPECT_EQ(fake_.batch_requests(), 2U);  // one read, one write
}

TEST_F(MetaAdsExecutorTest, RefusesABudgetChangeBeyondMetasHourlyLimit) {
  std::vector<decide::PlannedAction> actions;
  for (const Micros budget : {51'000'000, 52'000'000, 53'000'000, 54'000'000, 55'000'000}) {
    actions.push_back(testing::budget(prospecting_, budget));
  }
  const RunReport report = apply(testing::make_plan({prospecting_}, actions));
  ASSERT_EQ(report.actions.size(), 5U);
  for (size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(report.actions[i].outcome, Outcome::kApplied) << i;
  }
  ASSERT_EQ(report.actions[4].outcome, Outcome::kFailed);
  const std::regex expected(
      R"(campaign 120001: its budget already changed 4 times in the last hour \(Meta allows 4\); next change possible after \d\d:\d\d UTC)");
  EXPECT_TRUE(std::regex_match(report.actions[4].detail, expected)) << report.actions[4].detail;
  EXPECT_EQ(fake_.object("120001")->daily_budget, 5400);

  // A later plan counts the changes from the audit log.
  const RunReport later = apply(testing::make_plan({prospecting_}, {testing::budget(prospecting_, 60'000'000)}));
  ASSERT_EQ(later.actions.size(), 1U);
  EXPECT_EQ(later.actions[0].outcome, Outcome::kFailed);
  EXPECT_TRUE(std::regex_match(later.actions[0].detail, expected)) << later.actions[0].detail;
  EXPECT_EQ(fake_.object("120001")->daily_budget, 5400);
  // Status changes are not limited.
  const RunReport pause = apply(testing::make_plan({prospecting_}, {testing::pause(prospecting_)}));
  EXPECT_EQ(pause.actions[0].outcome, Outcome::kApplied);
}

TEST_F(MetaAdsExecutorTest, ThrottlingIsRetriedAfterRecordedWaits) {
  settings_.http.retry.max_attempts = 4;
  fake_.throttle_next(1, 80004);            // the whole batch request
  fake_.throttle_item_next("120001", 1);    // one call inside a batch
  const auto started = std::chrono::steady_clock::now();
  const RunReport report = apply(testing::make_plan({prospecting_, brand_},
                                                    {testing::pause(prospecting_), testing::pause(brand_)}));
  ASSERT_EQ(report.actions.size(), 2U);
  EXPECT_EQ(report.actions[0].outcome, Outcome::kApplied);
  EXPECT_EQ(report.actions[1].outcome, Outcome::kApplied);
  EXPECT_EQ(fake_.object("120001")->status, "PAUSED");
  EXPECT_EQ(waits_.size(), 2U);
  for (const auto wait : waits_) {
    EXPECT_GT(wait.count(), 0);
  }
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(5));  // recorded, not slept
}

TEST_F(MetaAdsExecutorTest, AnExpiredTokenStopsTheRunWithoutRetries) {
  settings_.currency = "USD";  // so prepare makes no call
  settings_.http.retry.max_attempts = 5;
  fake_.expire_token();
  const auto report = try_apply(testing::make_plan({prospecting_}, {testing::pause(prospecting_)}));
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(report.error().message.find("expired or been revoked"), std::string::npos);
  EXPECT_NE(report.error().hint.find("create a new system-user token"), std::string::npos);
  EXPECT_EQ(fake_.http_requests(), 1U);
  EXPECT_TRUE(waits_.empty());
  EXPECT_EQ(fake_.object("120001")->status, "ACTIVE");
}

TEST_F(MetaAdsExecutorTest, SecretsNeverReachLogsErrorsOrTheAuditLog) {
  const std::string token = "EAAZ-distinctive-token-5150";
  const std::string secret = "distinctive-app-secret-0451";
  fake_.set_token(token);
  settings_.credentials.set("access_token", token);
  settings_.credentials.set("app_secret", secret);
  settings_.http.retry.max_attempts = 3;
  fake_.throttle_next(1, 17);
  fake_.refuse_updates_of("120003");
  const RunReport report = apply(testing::make_plan(
      {prospecting_, brand_}, {testing::pause(prospecting_), testing::pause(brand_), testing::bid(brand_, 0.1)}));
  ASSERT_EQ(report.actions.size(), 3U);
  EXPECT_EQ(report.actions[0].outcome, Outcome::kApplied);
  EXPECT_EQ(report.actions[1].outcome, Outcome::kFailed);
  std::vector<std::string> texts = log_;
  for (const auto& action : report.actions) {
    texts.push_back(action.detail);
  }
  const auto rows = store_->audit({});
  ASSERT_TRUE(rows.ok());
  for (const auto& row : *rows) {
    texts.push_back(row.error + row.before + row.after + row.planned);
  }
  fake_.expire_token();
  const auto expired = try_apply(testing::make_plan({brand_}, {testing::enable(brand_)}));
  ASSERT_FALSE(expired.ok());
  texts.push_back(expired.error().to_string());
  EXPECT_FALSE(log_.empty());
  for (const auto& text : texts) {
    EXPECT_EQ(text.find(token), std::string::npos) << text;
    EXPECT_EQ(text.find(secret), std::string::npos) << text;
  }
}

TEST_F(MetaAdsExecutorTest, BudgetsUseTheAccountCurrencysMinorUnit) {
  testing::MetaAdsServer yen;
  yen.set_account("999", "JPY");
  yen.add_campaign("7", "Tokyo", "ACTIVE", 5000);
  settings_ = yen.settings(&waits_);
  const auto tokyo = meta_campaign("7", "Tokyo", 5'000'000'000, "ENABLED", "JPY");
  const RunReport report = apply(testing::make_plan({tokyo}, {testing::budget(tokyo, 6'000'400'000)}));
  ASSERT_EQ(report.actions.size(), 1U);
  EXPECT_EQ(report.actions[0].outcome, Outcome::kApplied);
  EXPECT_EQ(report.actions[0].detail, "daily budget 5000 JPY → 6000 JPY");
  EXPECT_EQ(yen.object("7")->daily_budget, 6000);  // ×1 for yen

  // A plan in another currency than the account's is refused rather than misread.
  const auto dollars = meta_campaign("7", "Tokyo", 50'000'000, "ENABLED", "USD");
  const RunReport wrong = apply(testing::make_plan({dollars}, {testing::budget(dollars, 60'000'000)}));
  EXPECT_EQ(wrong.actions[0].outcome, Outcome::kFailed);
  EXPECT_NE(wrong.actions[0].detail.find("the plan's amounts are in USD but the ad account bills in JPY"),
            std::string::npos);
  EXPECT_EQ(yen.object("7")->daily_budget, 6000);
}

TEST_F(MetaAdsExecutorTest, AdSetBudgetsAndRefusalsThatNeedNoCall) {
  decide::EntitySnapshot adset = meta_campaign("230001", "Lookalike 1%", 15'000'000);
  adset.level = decide::EntityLevel::kAdGroup;
  const auto no_daily = meta_campaign("120004", "Ad set budgets", 10'000'000);
  const auto ghost = meta_campaign("999999", "Gone", 10'000'000);
  const RunReport report = apply(testing::make_plan(
      {adset, no_daily, ghost},
      {testing::budget(adset, 18'000'000), testing::budget(no_daily, 20'000'000), testing::pause(ghost)}));
  ASSERT_EQ(report.actions.size(), 3U);
  EXPECT_EQ(report.actions[0].outcome, Outcome::kApplied);
  EXPECT_EQ(fake_.object("230001")->daily_budget, 1800);
  EXPECT_EQ(report.actions[1].outcome, Outcome::kFailed);
  EXPECT_NE(report.actions[1].detail.find("campaign 120004 has no daily budget on Meta"), std::string::npos);
  EXPECT_EQ(report.actions[2].outcome, Outcome::kFailed);
  EXPECT_NE(report.actions[2].detail.find("Meta has no campaign 999999"), std::string::npos);
  EXPECT_EQ(batch_posts(), 1U);
}

TEST_F(MetaAdsExecutorTest, ValidateOnlyChecksWithoutSending) {
  settings_.validate_only = true;
  const RunReport report = apply(testing::make_plan({prospecting_}, {testing::pause(prospecting_)}));
  ASSERT_EQ(report.actions.size(), 1U);
  EXPECT_EQ(report.actions[0].outcome, Outcome::kFailed);
  EXPECT_EQ(report.actions[0].detail, "checked, not sent (validate only): status ENABLED → PAUSED");
  EXPECT_EQ(fake_.object("120001")->status, "ACTIVE");
  EXPECT_EQ(batch_posts(), 0U);
}

TEST_F(MetaAdsExecutorTest, UnchangedActionsSendNothing) {
  const RunReport report = apply(testing::make_plan(
      {retargeting_, brand_}, {testing::pause(retargeting_), testing::budget(brand_, 80'000'000)}));
  ASSERT_EQ(report.actions.size(), 2U);
  EXPECT_EQ(report.actions[0].outcome, Outcome::kUnchanged);
  EXPECT_EQ(report.actions[1].outcome, Outcome::kUnchanged);
  EXPECT_EQ(batch_posts(), 0U);
}

TEST_F(MetaAdsExecutorTest, ManyActionsGoInBatchesOfFifty) {
  std::vector<decide::EntitySnapshot> entities;
  std::vector<decide::PlannedAction> actions;
  for (int i = 0; i < 120; ++i) {
    const std::string id = std::to_string(500000 + i);
    fake_.add_campaign(id, "C" + id, "ACTIVE", 1000);
    entities.push_back(meta_campaign(id, "C" + id, 10'000'000));
    actions.push_back(testing::pause(entities.back()));
  }
  const RunReport report = apply(testing::make_plan(entities, actions));
  EXPECT_EQ(report.count(Outcome::kApplied), 120);
  EXPECT_EQ(fake_.batch_requests(), 6U);  // 50 + 50 + 20, each read then written
  EXPECT_EQ(fake_.object("500119")->status, "PAUSED");
}

}  // namespace
}  // namespace adpilot::act

namespace adpilot::act {
namespace {

// A process that dies right after action 0's audit row commits has already sent the whole batch
// to Meta; the next apply skips action 0 and finds the others in place (unchanged), so every
// action ends with exactly one outcome and nothing is sent twice.
TEST_F(MetaAdsExecutorTest, ACrashInsideABatchResumesWithoutRepeatingChanges) {
  GTEST_FLAG_SET(death_test_style, "fast");
  const decide::Plan plan = testing::make_plan(
      {prospecting_, brand_, retargeting_},
      {testing::pause(prospecting_), testing::pause(brand_), testing::enable(retargeting_)});
  const std::string path = store_->path();
  EXPECT_EXIT(
      {
        auto store = store::Store::open(path);
        auto executor = registry_.create(connect::kMetaAds, *store);
        ApplyOptions options;
        options.fault_after_action = 0;
        (void)apply_plan(plan, **executor, *store, options);
        std::exit(0);
      },
      ::testing::ExitedWithCode(kFaultExitStatus), "");
  EXPECT_EQ(fake_.object("120003")->status, "PAUSED");  // sent with action 0, not yet recorded
  const size_t posts = batch_posts();
  const RunReport resumed = apply(plan);
  ASSERT_EQ(resumed.actions.size(), 3U);
  EXPECT_EQ(resumed.actions[0].outcome, Outcome::kSkipped);
  EXPECT_EQ(resumed.actions[1].outcome, Outcome::kUnchanged);
  EXPECT_EQ(resumed.actions[2].outcome, Outcome::kUnchanged);
  EXPECT_EQ(batch_posts(), posts);
  const auto rows = store_->audit({});
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ(rows->size(), 3U);
}

}  // namespace
}  // namespace adpilot::act
