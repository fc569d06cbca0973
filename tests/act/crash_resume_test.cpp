// Crash safety, black-box: the real binary is killed by the fault point right after an action's
// commit, and running apply again finishes the plan with every action applied exactly once.
#include <gtest/gtest.h>

#include <map>

#include "act/plan_builder.h"
#include "adpilot/act/apply.h"
#include "store/temp_dir.h"

namespace adpilot::act {
namespace {

using adpilot::testing::campaign;
using adpilot::testing::run_adpilot;
using adpilot::testing::TempDir;

class CrashResumeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto brand = campaign("cmp_101", "Search - Brand", 400'000'000);
    const auto generic = campaign("cmp_104", "Search - Generic Outdoor", 1'100'000'000);
    const auto shopping = campaign("cmp_105", "Shopping - All Products", 450'000'000);
    plan_ = testing::make_plan({brand, generic, shopping},
                               {testing::pause(generic), testing::budget(brand, 480'000'000), testing::alert(shopping),
                                testing::bid(shopping, 0.1), testing::budget(shopping, 540'000'000)});
    testing::write_plan(plan_, dir_.file("plan.json"));
  }

  store::Store open_store() {
    auto store = store::Store::open(dir_.file("store.db"));
    EXPECT_TRUE(store.ok()) << store.error().to_string();
    return std::move(store).value();
  }

  // Rows per action index among those that hold the idempotency key.
  std::map<int, int> live_rows_per_action() {
    std::map<int, int> count;
    auto rows = open_store().audit({});
    EXPECT_TRUE(rows.ok());
    for (const auto& row : *rows) {
      if (row.status == store::kStatusApplied || row.status == store::kStatusAlert ||
          row.status == store::kStatusUnchanged) {
        ++count[row.action_index];
      }
    }
    return count;
  }

  TempDir dir_;
  decide::Plan plan_;
};

TEST_F(CrashResumeTest, KilledAfterActionOneThenResumedAppliesEachActionOnce) {
  const auto crashed =
      run_adpilot(dir_.path().string(), "apply plan.json --db store.db", "ADPILOT_FAULT_AFTER_ACTION=1");
  ASSERT_EQ(crashed.status, kFaultExitStatus) << crashed.err;
  // Died after exactly two actions: both committed, nothing after them.
  EXPECT_EQ(live_rows_per_action(), (std::map<int, int>{{0, 1}, {1, 1}}));
  EXPECT_NE(crashed.out.find("#0   applied   pause"), std::string::npos) << crashed.out;
  EXPECT_NE(crashed.out.find("#1   applied   budget"), std::string::npos) << crashed.out;
  EXPECT_EQ(crashed.out.find("#2"), std::string::npos) << crashed.out;
  EXPECT_EQ(crashed.out.find("run 1 "), std::string::npos) << "no summary after a crash";
  {
    auto store = open_store();
    auto run = store.find_run(1);
    ASSERT_TRUE(run.ok() && run->has_value());
    EXPECT_EQ((*run)->status, "running");  // the interrupted run never finished
    EXPECT_TRUE((*run)->finished_at.empty());
  }

  const auto resumed = run_adpilot(dir_.path().string(), "apply plan.json --db store.db");
  ASSERT_EQ(resumed.status, 0) << resumed.err;
  EXPECT_NE(resumed.out.find("#0   skipped   pause   campaign cmp_104 'Search - Generic Outdoor': already "
                             "applied in run 1"),
            std::string::npos)
      << resumed.out;
  EXPECT_NE(resumed.out.find("run 2 (apply of plan " + plan_.id + ", target simulate): 2 applied, 1 alert, 2 skipped"),
            std::string::npos)
      << resumed.out;
  EXPECT_EQ(live_rows_per_action(), (std::map<int, int>{{0, 1}, {1, 1}, {2, 1}, {3, 1}, {4, 1}}));

  auto store = open_store();
  const auto state = [&](const std::string& id) { return **store.find_entity("campaign", id); };
  EXPECT_EQ(state("cmp_104").status, "PAUSED");
  EXPECT_EQ(state("cmp_101").daily_budget, 480'000'000);
  EXPECT_DOUBLE_EQ(state("cmp_105").bid_modifier, 1.1);
  EXPECT_EQ(state("cmp_105").daily_budget, 540'000'000);
  EXPECT_EQ(store.audit({})->size(), 5U);
}

TEST_F(CrashResumeTest, KilledAfterTheLastActionLeavesNothingToDo) {
  const auto crashed =
      run_adpilot(dir_.path().string(), "apply plan.json --db store.db", "ADPILOT_FAULT_AFTER_ACTION=4");
  ASSERT_EQ(crashed.status, kFaultExitStatus) << crashed.err;
  EXPECT_EQ(live_rows_per_action().size(), 5U);
  const auto resumed = run_adpilot(dir_.path().string(), "apply plan.json --db store.db --format json");
  ASSERT_EQ(resumed.status, 0) << resumed.err;
  const auto report = nlohmann::json::parse(resumed.out);
  EXPECT_EQ(report["counts"]["skipped"], 5);
  EXPECT_EQ(report["counts"]["applied"], 0);
  EXPECT_EQ(report["run_id"], 2);
}

TEST_F(CrashResumeTest, AMalformedFaultPointIsAUsageError) {
  const auto run = run_adpilot(dir_.path().string(), "apply plan.json --db store.db", "ADPILOT_FAULT_AFTER_ACTION=one");
  EXPECT_EQ(run.status, 2);
  EXPECT_NE(run.err.find("ADPILOT_FAULT_AFTER_ACTION is 'one', not an action index"), std::string::npos) << run.err;
}

}  // namespace
}  // namespace adpilot::act
