#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "act/plan_builder.h"
#include "adpilot/act/apply.h"
#include "store/temp_dir.h"

namespace adpilot::act {
namespace {

using adpilot::testing::campaign;
using adpilot::testing::TempDir;

class UndoTest : public ::testing::Test {
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

  RunReport undo(int64_t run_id) {
    auto report = undo_run(run_id, registry_, *store_);
    EXPECT_TRUE(report.ok()) << report.error().to_string();
    return report.ok() ? std::move(report).value() : RunReport{};
  }

  store::EntityState entity(const std::string& id) {
    auto found = store_->find_entity("campaign", id);
    EXPECT_TRUE(found.ok() && found->has_value()) << id;
    return found.ok() && found->has_value() ? **found : store::EntityState{};
  }

  TempDir dir_;
  ExecutorRegistry registry_ = make_executor_registry();
  std::optional<store::Store> store_;
  std::unique_ptr<Executor> executor_;
  decide::EntitySnapshot brand_ = campaign("cmp_101", "Search - Brand", 400'000'000);
  decide::EntitySnapshot generic_ = campaign("cmp_104", "Search - Generic Outdoor", 1'100'000'000);
};

TEST_F(UndoTest, RevertsInReverseOrderAsAnAuditedRunAndRestoresTheState) {
  // Two actions on the same field of one entity: only reverse order gets back to the start.
  const decide::Plan plan = testing::make_plan(
      {brand_, generic_},
      {testing::budget(brand_, 500'000'000), testing::pause(generic_), testing::alert(brand_),
       testing::budget(brand_, 600'000'000), testing::bid(generic_, 0.25)});
  const RunReport applied = apply(plan);
  ASSERT_EQ(applied.count(Outcome::kApplied), 4);
  EXPECT_EQ(entity("cmp_101").daily_budget, 600'000'000);

  const RunReport undone = undo(applied.run_id);
  EXPECT_GT(undone.run_id, applied.run_id);
  ASSERT_EQ(undone.actions.size(), 4U);  // the alert has nothing to revert
  EXPECT_EQ(undone.count(Outcome::kReverted), 4);
  std::vector<int> order;
  for (const auto& outcome : undone.actions) {
    order.push_back(outcome.index);
  }
  EXPECT_EQ(order, (std::vector<int>{4, 3, 1, 0}));
  EXPECT_EQ(undone.actions[1].detail, "daily budget 600 USD → 500 USD");

  EXPECT_EQ(entity("cmp_101").daily_budget, 400'000'000);
  EXPECT_EQ(entity("cmp_104").status, "ENABLED");
  EXPECT_DOUBLE_EQ(entity("cmp_104").bid_modifier, 1.0);

  auto run = store_->find_run(undone.run_id);
  ASSERT_TRUE(run.ok() && run->has_value());
  EXPECT_EQ((*run)->kind, "undo");
  EXPECT_EQ((*run)->undo_of, applied.run_id);
  EXPECT_EQ((*run)->status, "done");

  auto undo_rows = store_->audit({.entity_id = "", .since = {}, .run_id = undone.run_id});
  ASSERT_TRUE(undo_rows.ok());
  ASSERT_EQ(undo_rows->size(), 4U);
  auto original_rows = store_->audit({.entity_id = "", .since = {}, .run_id = applied.run_id});
  ASSERT_TRUE(original_rows.ok());
  for (const auto& row : *undo_rows) {
    EXPECT_EQ(row.status, store::kStatusReverted);
    ASSERT_TRUE(row.reverts.has_value());
    EXPECT_EQ(row.plan_id, plan.id);
    EXPECT_EQ(row.summary.rfind("Undo: ", 0), 0U);
  }
  EXPECT_EQ((*undo_rows)[0].reverts, (*original_rows)[4].audit_id);
  EXPECT_EQ((*undo_rows)[3].reverts, (*original_rows)[0].audit_id);
  for (const auto& row : *original_rows) {
    EXPECT_EQ(row.status, row.action == "alert" ? store::kStatusAlert : store::kStatusUndone) << row.action_index;
  }
  // Undone changes are not in force, so they no longer count for cooldowns.
  auto changes = store_->applied_changes();
  ASSERT_TRUE(changes.ok());
  EXPECT_TRUE(changes->empty());
}

TEST_F(UndoTest, UndoingTwiceIsANoOpWithAClearNote) {
  const RunReport applied = apply(testing::make_plan({generic_}, {testing::pause(generic_)}));
  const RunReport first = undo(applied.run_id);
  const size_t rows = store_->audit({})->size();
  const RunReport second = undo(applied.run_id);
  EXPECT_EQ(second.run_id, 0);
  EXPECT_TRUE(second.actions.empty());
  EXPECT_EQ(second.note, "run " + std::to_string(applied.run_id) + " was already undone by run " +
                             std::to_string(first.run_id) + "; nothing to do");
  EXPECT_EQ(store_->audit({})->size(), rows);
  EXPECT_EQ(entity("cmp_104").status, "ENABLED");
}

TEST_F(UndoTest, ARunThatChangedNothingHasNothingToUndo) {
  const RunReport applied = apply(testing::make_plan({generic_}, {testing::alert(generic_)}));
  const RunReport undone = undo(applied.run_id);
  EXPECT_EQ(undone.run_id, 0);
  EXPECT_NE(undone.note.find("changed nothing"), std::string::npos);
}

TEST_F(UndoTest, UnknownRunsAndUndoRunsAreErrors) {
  auto unknown = undo_run(42, registry_, *store_);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(unknown.error().message, "there is no run 42 in the store");
  EXPECT_EQ(unknown.error().context.file, store_->path());

  const RunReport applied = apply(testing::make_plan({generic_}, {testing::pause(generic_)}));
  const RunReport undone = undo(applied.run_id);
  auto of_undo = undo_run(undone.run_id, registry_, *store_);
  ASSERT_FALSE(of_undo.ok());
  EXPECT_EQ(of_undo.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(of_undo.error().message.find("an undo cannot be undone"), std::string::npos);
}

TEST_F(UndoTest, AnEntityChangedByALaterRunIsLeftAloneUntilThatRunIsUndone) {
  const RunReport first = apply(testing::make_plan({brand_}, {testing::budget(brand_, 500'000'000), testing::pause(brand_)}));
  const RunReport second = apply(testing::make_plan({brand_}, {testing::budget(brand_, 700'000'000)}));
  const RunReport blocked = undo(first.run_id);
  ASSERT_EQ(blocked.actions.size(), 2U);
  EXPECT_EQ(blocked.actions[0].outcome, Outcome::kReverted);  // the pause: status is still PAUSED
  EXPECT_EQ(blocked.actions[1].outcome, Outcome::kFailed);
  EXPECT_EQ(blocked.actions[1].detail,
            "campaign 'cmp_101' changed since run " + std::to_string(first.run_id) +
                " set it: its daily budget is 700 USD, not 500 USD; undo the later run first");
  EXPECT_TRUE(blocked.any_failed());
  EXPECT_EQ(entity("cmp_101").status, "ENABLED");
  EXPECT_EQ(entity("cmp_101").daily_budget, 700'000'000);

  undo(second.run_id);
  const RunReport finished = undo(first.run_id);  // resumes: only the budget is left
  ASSERT_EQ(finished.actions.size(), 1U);
  EXPECT_EQ(finished.actions[0].outcome, Outcome::kReverted);
  EXPECT_EQ(entity("cmp_101").daily_budget, 400'000'000);
  EXPECT_NE(undo(first.run_id).note.find("already undone"), std::string::npos);
}

TEST_F(UndoTest, UndoRestoresOnlyTheFieldTheActionChanged) {
  const RunReport pause_run = apply(testing::make_plan({brand_}, {testing::pause(brand_)}));
  apply(testing::make_plan({brand_}, {testing::budget(brand_, 900'000'000)}));
  const RunReport undone = undo(pause_run.run_id);
  EXPECT_EQ(undone.count(Outcome::kReverted), 1);
  EXPECT_EQ(entity("cmp_101").status, "ENABLED");
  EXPECT_EQ(entity("cmp_101").daily_budget, 900'000'000);  // the later budget change stays
}

TEST_F(UndoTest, AnUndoneActionCanBeAppliedAgain) {
  const decide::Plan plan = testing::make_plan({generic_}, {testing::pause(generic_)});
  const RunReport first = apply(plan);
  undo(first.run_id);
  const RunReport again = apply(plan);
  EXPECT_EQ(again.count(Outcome::kApplied), 1);
  EXPECT_EQ(entity("cmp_104").status, "PAUSED");
}

}  // namespace
}  // namespace adpilot::act
