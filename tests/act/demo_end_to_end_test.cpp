// End to end on the bundled demo data: a plan over its campaigns, then the real binary's apply,
// history, state and undo, with the simulated state checked at each step.
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>

#include "act/plan_builder.h"
#include "adpilot/ingest/ingest.h"
#include "store/temp_dir.h"

namespace adpilot::act {
namespace {

using adpilot::testing::run_adpilot;
using adpilot::testing::TempDir;
using nlohmann::json;

// The campaigns as the demo data's last day shows them (what `adpilot plan` puts in a plan).
std::vector<decide::EntitySnapshot> demo_campaigns() {
  const auto registry = ingest::FormatRegistry::with_presets();
  auto table = ingest::ingest_table({std::string(ADPILOT_SOURCE_DIR) + "/data/sample/performance.csv"}, {}, registry);
  EXPECT_TRUE(table.ok()) << table.error().to_string();
  const Column& date = *table->find("date");
  const Date last = *std::max_element(date.i32().begin(), date.i32().end());
  std::map<std::string, decide::EntitySnapshot> by_id;
  for (size_t row = 0; row < table->num_rows(); ++row) {
    if (date.i32()[row] != last) {
      continue;
    }
    decide::EntitySnapshot entity;
    entity.id = table->find("campaign_id")->str(row);
    entity.name = table->find("campaign_name")->str(row);
    entity.account_id = table->find("account_id")->str(row);
    entity.channel = table->find("channel")->str(row);
    entity.status = table->find("status")->str(row);
    entity.daily_budget = table->find("budget")->i64()[row];
    entity.currency = table->find("currency")->str(row);
    by_id[entity.id] = entity;
  }
  std::vector<decide::EntitySnapshot> out;
  for (auto& [id, entity] : by_id) {
    out.push_back(std::move(entity));
  }
  return out;
}

json state_by_id(const std::string& json_text) {
  json out = json::object();
  for (const auto& entity : json::parse(json_text)) {
    out[entity["id"].get<std::string>()] = entity;
  }
  return out;
}

TEST(DemoEndToEndTest, PlanApplyHistoryUndoOnTheSampleData) {
  const auto campaigns = demo_campaigns();
  ASSERT_EQ(campaigns.size(), 12U);
  std::map<std::string, decide::EntitySnapshot> by_id;
  for (const auto& entity : campaigns) {
    by_id[entity.id] = entity;
  }
  ASSERT_EQ(by_id["cmp_104"].daily_budget, 1'100'000'000);
  ASSERT_EQ(by_id["cmp_106"].status, "PAUSED");
  const decide::Plan plan = testing::make_plan(
      campaigns, {testing::pause(by_id["cmp_104"]), testing::budget(by_id["cmp_102"], 780'000'000),
                  testing::alert(by_id["cmp_103"]), testing::bid(by_id["cmp_105"], 0.1)});
  TempDir dir;
  const std::string folder = dir.path().string();
  testing::write_plan(plan, dir.file("plan.json"));

  const auto applied = run_adpilot(folder, "apply plan.json --db store.db");
  ASSERT_EQ(applied.status, 0) << applied.err;
  EXPECT_NE(applied.out.find("#0   applied   pause   campaign cmp_104 'Search - Generic Outdoor': status ENABLED → PAUSED"),
            std::string::npos)
      << applied.out;
  EXPECT_NE(applied.out.find("#1   applied   budget  campaign cmp_102 'Search - Tents, Shelters': daily budget "
                             "650 USD → 780 USD"),
            std::string::npos)
      << applied.out;
  EXPECT_NE(applied.out.find("run 1 (apply of plan " + plan.id +
                             ", target simulate): 3 applied, 1 alert; 12 new entities in the simulated state"),
            std::string::npos)
      << applied.out;

  auto state = run_adpilot(folder, "state --db store.db --format json");
  ASSERT_EQ(state.status, 0) << state.err;
  json entities = state_by_id(state.out);
  ASSERT_EQ(entities.size(), 12U);
  EXPECT_EQ(entities["cmp_104"]["status"], "PAUSED");
  EXPECT_EQ(entities["cmp_102"]["daily_budget"], 780);
  EXPECT_DOUBLE_EQ(entities["cmp_105"]["bid_modifier"].get<double>(), 1.1);
  EXPECT_EQ(entities["cmp_106"]["status"], "PAUSED");
  EXPECT_EQ(entities["cmp_101"]["daily_budget"], 400);

  const auto history = run_adpilot(folder, "history --db store.db --format json");
  ASSERT_EQ(history.status, 0) << history.err;
  const json rows = json::parse(history.out);
  ASSERT_EQ(rows.size(), 4U);
  EXPECT_EQ(rows[0]["entity"]["id"], "cmp_104");
  EXPECT_EQ(rows[0]["before"]["status"], "ENABLED");
  EXPECT_EQ(rows[0]["after"]["status"], "PAUSED");
  EXPECT_EQ(rows[0]["rule"], "pause_high_cpa");
  EXPECT_EQ(rows[0]["plan_id"], plan.id);
  EXPECT_EQ(rows[0]["plan_as_of"], "2026-10-29");
  EXPECT_EQ(rows[2]["status"], "alert");

  const auto one_entity = run_adpilot(folder, "history --db store.db --entity cmp_102 --format csv");
  ASSERT_EQ(one_entity.status, 0) << one_entity.err;
  EXPECT_NE(one_entity.out.find("daily budget 650 → 780"), std::string::npos) << one_entity.out;
  EXPECT_EQ(one_entity.out.find("cmp_104"), std::string::npos) << one_entity.out;

  const auto undone = run_adpilot(folder, "undo 1 --db store.db");
  ASSERT_EQ(undone.status, 0) << undone.err;
  EXPECT_NE(undone.out.find("run 2 (undo of run 1 of plan " + plan.id + ", target simulate): 3 reverted"),
            std::string::npos)
      << undone.out;
  // Newest first.
  EXPECT_LT(undone.out.find("#3"), undone.out.find("#1"));
  EXPECT_LT(undone.out.find("#1"), undone.out.find("#0"));

  state = run_adpilot(folder, "state --db store.db --format json");
  ASSERT_EQ(state.status, 0) << state.err;
  entities = state_by_id(state.out);
  for (const auto& entity : campaigns) {
    EXPECT_EQ(entities[entity.id]["status"], entity.status) << entity.id;
    EXPECT_EQ(entities[entity.id]["daily_budget"].get<double>(), micros_to_units(*entity.daily_budget)) << entity.id;
    EXPECT_DOUBLE_EQ(entities[entity.id]["bid_modifier"].get<double>(), 1.0) << entity.id;
  }

  const auto after_undo = run_adpilot(folder, "history --db store.db --format json");
  const json all_rows = json::parse(after_undo.out);
  ASSERT_EQ(all_rows.size(), 7U);
  EXPECT_EQ(all_rows[0]["status"], "undone");
  EXPECT_EQ(all_rows[4]["status"], "reverted");
  EXPECT_EQ(all_rows[4]["reverts"], all_rows[3]["audit_id"]);

  const auto again = run_adpilot(folder, "undo 1 --db store.db");
  EXPECT_EQ(again.status, 0) << again.err;
  EXPECT_EQ(again.out, "run 1 was already undone by run 2; nothing to do\n");
}

}  // namespace
}  // namespace adpilot::act
