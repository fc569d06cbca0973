#include "adpilot/act/apply.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "act/plan_builder.h"
#include "store/temp_dir.h"

namespace adpilot::act {
namespace {

using adpilot::testing::campaign;
using adpilot::testing::TempDir;
using nlohmann::json;

class ApplyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = store::Store::open(dir_.file("adpilot.db"));
    ASSERT_TRUE(opened.ok()) << opened.error().to_string();
    store_.emplace(std::move(opened).value());
    auto created = registry_.create("simulate", *store_);
    ASSERT_TRUE(created.ok());
    executor_ = std::move(created).value();
  }

  RunReport apply(const decide::Plan& plan) {
    auto report = apply_plan(plan, *executor_, *store_, {});
    EXPECT_TRUE(report.ok()) << report.error().to_string();
    return report.ok() ? std::move(report).value() : RunReport{};
  }

  store::EntityState entity(const std::string& id) {
    auto found = store_->find_entity("campaign", id);
    EXPECT_TRUE(found.ok() && found->has_value()) << id;
    return found.ok() && found->has_value() ? **found : store::EntityState{};
  }

  std::vector<store::AuditRecord> audit() {
    auto rows = store_->audit({});
    EXPECT_TRUE(rows.ok());
    return rows.ok() ? *rows : std::vector<store::AuditRecord>{};
  }

  TempDir dir_;
  ExecutorRegistry registry_ = make_executor_registry();
  std::optional<store::Store> store_;
  std::unique_ptr<Executor> executor_;
  decide::EntitySnapshot brand_ = campaign("cmp_101", "Search - Brand", 400'000'000);
  decide::EntitySnapshot generic_ = campaign("cmp_104", "Search - Generic Outdoor", 1'100'000'000);
  decide::EntitySnapshot display_ = campaign("cmp_106", "Display - Remarketing", 250'000'000, "PAUSED");
};

TEST_F(ApplyTest, SeedsEveryEntityOnceAndAppliesEachActionWithItsAuditRow) {
  const decide::Plan plan = testing::make_plan(
      {brand_, generic_, display_},
      {testing::pause(generic_), testing::budget(brand_, 480'000'000), testing::alert(display_),
       testing::bid(brand_, -0.1)});
  const RunReport report = apply(plan);
  EXPECT_EQ(report.seeded, 3);
  EXPECT_EQ(report.plan_id, plan.id);
  EXPECT_EQ(report.target, "simulate");
  EXPECT_GT(report.run_id, 0);
  ASSERT_EQ(report.actions.size(), 4U);
  EXPECT_EQ(report.count(Outcome::kApplied), 3);
  EXPECT_EQ(report.count(Outcome::kAlert), 1);
  EXPECT_EQ(report.actions[0].detail, "status ENABLED → PAUSED");
  EXPECT_EQ(report.actions[1].detail, "daily budget 400 USD → 480 USD");
  EXPECT_EQ(report.actions[3].detail, "bid ×1 → ×0.9");

  EXPECT_EQ(entity("cmp_104").status, "PAUSED");
  EXPECT_EQ(entity("cmp_101").daily_budget, 480'000'000);
  EXPECT_DOUBLE_EQ(entity("cmp_101").bid_modifier, 0.9);
  EXPECT_EQ(entity("cmp_106").status, "PAUSED");  // the alert changed nothing

  const auto rows = audit();
  ASSERT_EQ(rows.size(), 4U);
  const auto& paused = rows[0];
  EXPECT_EQ(paused.run_id, report.run_id);
  EXPECT_EQ(paused.plan_id, plan.id);
  EXPECT_EQ(paused.action_index, 0);
  EXPECT_EQ(paused.entity_id, "cmp_104");
  EXPECT_EQ(paused.entity_name, "Search - Generic Outdoor");
  EXPECT_EQ(paused.action, "pause");
  EXPECT_EQ(paused.status, store::kStatusApplied);
  EXPECT_EQ(paused.rule, "pause_high_cpa");
  EXPECT_EQ(json::parse(paused.before)["status"], "ENABLED");
  EXPECT_EQ(json::parse(paused.after)["status"], "PAUSED");
  EXPECT_EQ(json::parse(paused.planned)["status_after"], "PAUSED");
  EXPECT_DOUBLE_EQ(json::parse(paused.rationale)["cpa"].get<double>(), 84.2);
  EXPECT_EQ(paused.plan_as_of, plan.as_of);
  EXPECT_EQ(paused.applied_at.size(), 20U);  // 2026-11-26T00:25:26Z
  EXPECT_EQ(rows[1].action_index, 1);
  EXPECT_EQ(json::parse(rows[1].before)["daily_budget_micros"], 400'000'000);
  EXPECT_EQ(json::parse(rows[1].after)["daily_budget_micros"], 480'000'000);
  EXPECT_EQ(rows[2].status, store::kStatusAlert);
  EXPECT_EQ(rows[2].before, rows[2].after);

  auto run = store_->find_run(report.run_id);
  ASSERT_TRUE(run.ok() && run->has_value());
  EXPECT_EQ((*run)->status, "done");
  EXPECT_EQ((*run)->kind, "apply");
  EXPECT_FALSE((*run)->finished_at.empty());
}

TEST_F(ApplyTest, ApplyingTwiceSkipsEveryActionAndLeavesStateAlone) {
  const decide::Plan plan = testing::make_plan(
      {brand_, generic_}, {testing::pause(generic_), testing::budget(brand_, 480'000'000), testing::alert(brand_)});
  const RunReport first = apply(plan);
  const auto state_after_first = store_->entities();
  const RunReport second = apply(plan);
  EXPECT_NE(second.run_id, first.run_id);
  EXPECT_EQ(second.seeded, 0);
  EXPECT_EQ(second.count(Outcome::kSkipped), 3);
  EXPECT_NE(second.actions[0].detail.find("already applied in run " + std::to_string(first.run_id)),
            std::string::npos)
      << second.actions[0].detail;
  EXPECT_NE(second.actions[2].detail.find("already recorded (alert) in run"), std::string::npos);
  EXPECT_EQ(audit().size(), 3U);  // no new rows
  const auto state_after_second = store_->entities();
  ASSERT_TRUE(state_after_first.ok() && state_after_second.ok());
  ASSERT_EQ(state_after_first->size(), state_after_second->size());
  for (size_t i = 0; i < state_after_first->size(); ++i) {
    EXPECT_EQ((*state_after_first)[i].status, (*state_after_second)[i].status);
    EXPECT_EQ((*state_after_first)[i].daily_budget, (*state_after_second)[i].daily_budget);
    EXPECT_EQ((*state_after_first)[i].updated_at, (*state_after_second)[i].updated_at);
  }
}

TEST_F(ApplyTest, TheAuditKeepsTheStoreStateAndThePlansViewWhenTheyDiffer) {
  // A first plan pauses cmp_104; a second plan, made from older data, still sees it ENABLED
  // and wants its budget at 900.
  apply(testing::make_plan({generic_}, {testing::pause(generic_), testing::budget(generic_, 1'000'000'000)}));
  const RunReport report = apply(testing::make_plan({generic_}, {testing::pause(generic_), testing::budget(generic_, 900'000'000)}));
  ASSERT_EQ(report.actions.size(), 2U);
  EXPECT_EQ(report.actions[0].outcome, Outcome::kUnchanged);
  EXPECT_EQ(report.actions[0].detail, "status PAUSED → PAUSED (the plan saw status ENABLED)");
  EXPECT_EQ(report.actions[1].outcome, Outcome::kApplied);
  EXPECT_EQ(report.actions[1].detail, "daily budget 1000 USD → 900 USD (the plan saw daily budget 1100 USD)");
  const auto rows = audit();
  ASSERT_EQ(rows.size(), 4U);
  EXPECT_EQ(rows[2].status, store::kStatusUnchanged);
  EXPECT_EQ(json::parse(rows[3].before)["daily_budget_micros"], 1'000'000'000);
  EXPECT_EQ(json::parse(rows[3].planned)["budget_before_micros"], 1'100'000'000);
}

TEST_F(ApplyTest, ExistingStateIsNeverOverwrittenBySeeding) {
  apply(testing::make_plan({generic_}, {testing::pause(generic_)}));
  decide::EntitySnapshot newer = generic_;
  newer.status = "ENABLED";
  newer.daily_budget = 5'000'000;
  const RunReport report = apply(testing::make_plan({newer, brand_}, {testing::alert(newer)}));
  EXPECT_EQ(report.seeded, 1);  // only cmp_101 is new
  EXPECT_EQ(entity("cmp_104").status, "PAUSED");
  EXPECT_EQ(entity("cmp_104").daily_budget, 1'100'000'000);
}

TEST_F(ApplyTest, ARefusedActionIsRecordedAsFailedAndTheRunGoesOn) {
  const decide::Plan plan = testing::make_plan(
      {brand_, generic_}, {testing::budget(brand_, -5), testing::bid(brand_, -1.5), testing::pause(generic_)});
  const RunReport report = apply(plan);
  ASSERT_EQ(report.actions.size(), 3U);
  EXPECT_EQ(report.actions[0].outcome, Outcome::kFailed);
  EXPECT_EQ(report.actions[0].detail, "a daily budget must be a positive amount");
  EXPECT_EQ(report.actions[1].outcome, Outcome::kFailed);
  EXPECT_NE(report.actions[1].detail.find("would leave no bid"), std::string::npos);
  EXPECT_EQ(report.actions[2].outcome, Outcome::kApplied);
  EXPECT_TRUE(report.any_failed());
  EXPECT_EQ(entity("cmp_101").daily_budget, 400'000'000);
  const auto rows = audit();
  ASSERT_EQ(rows.size(), 3U);
  EXPECT_EQ(rows[0].status, store::kStatusFailed);
  EXPECT_EQ(rows[0].error, "a daily budget must be a positive amount");
  auto run = store_->find_run(report.run_id);
  ASSERT_TRUE(run.ok() && run->has_value());
  EXPECT_EQ((*run)->status, "failed");
  // Failed actions do not hold their key: running the plan again tries them again.
  const RunReport again = apply(plan);
  EXPECT_EQ(again.count(Outcome::kFailed), 2);
  EXPECT_EQ(again.count(Outcome::kSkipped), 1);
}

TEST_F(ApplyTest, ARemovedEntityCannotBeChanged) {
  const auto removed = campaign("cmp_900", "Old", 1'000'000, "REMOVED");
  const RunReport report = apply(testing::make_plan({removed}, {testing::enable(removed)}));
  ASSERT_EQ(report.actions.size(), 1U);
  EXPECT_EQ(report.actions[0].outcome, Outcome::kFailed);
  EXPECT_NE(report.actions[0].detail.find("REMOVED"), std::string::npos);
}

TEST_F(ApplyTest, UnknownTargetsAreAnErrorListingTheKnownOnes) {
  auto created = registry_.create("google_adz", *store_);
  ASSERT_FALSE(created.ok());
  EXPECT_EQ(created.error().message, "unknown target 'google_adz'; known: google_ads, meta_ads, simulate");
  EXPECT_EQ(created.error().context.option, "--target");
}

TEST_F(ApplyTest, EachActionIsReportedAsItIsDone) {
  std::vector<int> seen;
  ApplyOptions options;
  options.on_action = [&](const ActionOutcome& outcome) {
    seen.push_back(outcome.index);
    // The action's transaction has committed by the time it is reported.
    auto rows = store_->audit({});
    ASSERT_TRUE(rows.ok());
    EXPECT_EQ(rows->size(), seen.size());
  };
  auto report = apply_plan(testing::make_plan({brand_, generic_}, {testing::pause(generic_), testing::pause(brand_)}),
                           *executor_, *store_, options);
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(seen, (std::vector<int>{0, 1}));
}

}  // namespace
}  // namespace adpilot::act
