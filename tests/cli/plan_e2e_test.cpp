// `adpilot plan` on the bundled sample, through the real binary: the decisions against a golden
// file, then plan → apply → history → state → plan again → undo with the simulated state checked.
// ADPILOT_UPDATE_GOLDEN=1 rewrites the golden file (review the diff before committing it).
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "store/temp_dir.h"

namespace adpilot::cli {
namespace {

using nlohmann::json;
using testing::TempDir;

struct CommandRun {
  int status = -1;
  std::string out;
  std::string err;
};

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Runs adpilot in folder (its own stdout/stderr files live in a sibling folder).
CommandRun run(const TempDir& dir, const std::string& args) {
  const std::string out = dir.file("../" + dir.path().filename().string() + ".out");
  const std::string err = dir.file("../" + dir.path().filename().string() + ".err");
  const std::string command =
      "cd '" + dir.path().string() + "' && '" + ADPILOT_BINARY + "' " + args + " >'" + out + "' 2>'" + err + "'";
  const int raw = std::system(command.c_str());
  CommandRun result;
  result.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  result.out = read_text(out);
  result.err = read_text(err);
  std::filesystem::remove(out);
  std::filesystem::remove(err);
  return result;
}

// A folder holding a copy of the sample, so the plan names its input by a relative path.
void copy_sample(const TempDir& dir) {
  std::filesystem::copy_file(std::string(ADPILOT_SOURCE_DIR) + "/data/sample/performance.csv",
                             dir.file("performance.csv"));
}

json state_by_id(const std::string& text) {
  json out = json::object();
  for (const auto& entity : json::parse(text)) {
    out[entity["id"].get<std::string>()] = entity;
  }
  return out;
}

TEST(PlanEndToEndTest, DefaultRulesOnTheSampleMatchTheGoldenPlan) {
  TempDir dir;
  copy_sample(dir);
  const CommandRun plan = run(dir, "plan performance.csv --db none.db --format json");
  ASSERT_EQ(plan.status, 0) << plan.err;
  EXPECT_FALSE(std::filesystem::exists(dir.file("none.db"))) << "plan must not create the store";
  const std::string golden_path = std::string(ADPILOT_SOURCE_DIR) + "/tests/golden/plan_sample.json";
  if (std::getenv("ADPILOT_UPDATE_GOLDEN") != nullptr) {
    std::ofstream(golden_path) << plan.out;
  }
  const json expected = json::parse(read_text(golden_path));
  const json actual = json::parse(plan.out);
  EXPECT_EQ(actual, expected) << "the plan differs from tests/golden/plan_sample.json; if the change is "
                                 "intended, rerun with ADPILOT_UPDATE_GOLDEN=1 and review the diff";
  // What the default rules are there to do on this account (data/sample/README.md).
  std::map<std::string, std::string> by_entity;
  for (const auto& action : actual["actions"]) {
    by_entity[action["entity"]["id"].get<std::string>()] = action["action"].get<std::string>();
  }
  EXPECT_EQ(by_entity["cmp_104"], "pause");  // CPA ten times the median
  EXPECT_EQ(by_entity["cmp_203"], "pause");  // spends without converting
  EXPECT_EQ(by_entity["cmp_102"], "budget");  // high ROAS, budget-limited
  EXPECT_EQ(by_entity.count("cmp_101"), 0U);
  EXPECT_EQ(by_entity.count("cmp_202"), 0U);
}

TEST(PlanEndToEndTest, PlanApplyHistoryStateUndo) {
  TempDir dir;
  copy_sample(dir);
  const CommandRun plan = run(dir, "plan performance.csv --db s.db --out plan.json --format table");
  ASSERT_EQ(plan.status, 0) << plan.err;
  EXPECT_NE(plan.out.find("Plan "), std::string::npos);
  const json written = json::parse(read_text(dir.file("plan.json")));
  const size_t actions = written["actions"].size();
  ASSERT_GE(actions, 3U);

  const CommandRun apply = run(dir, "apply plan.json --db s.db");
  ASSERT_EQ(apply.status, 0) << apply.err << apply.out;
  EXPECT_NE(apply.out.find("run 1"), std::string::npos) << apply.out;

  const CommandRun state = run(dir, "state --db s.db --format json");
  ASSERT_EQ(state.status, 0) << state.err;
  const json after = state_by_id(state.out);
  ASSERT_EQ(after.size(), 12U);
  for (const auto& action : written["actions"]) {
    const json& entity = after[action["entity"]["id"].get<std::string>()];
    if (action["action"] == "pause") {
      EXPECT_EQ(entity["status"], "PAUSED");
    } else if (action["action"] == "budget") {
      EXPECT_EQ(std::llround(entity["daily_budget"].get<double>() * 1e6), action["budget_after_micros"].get<int64_t>())
          << entity.dump();
    }
  }
  EXPECT_EQ(after["cmp_101"]["status"], "ENABLED");

  const CommandRun history = run(dir, "history --db s.db --format json");
  ASSERT_EQ(history.status, 0) << history.err;
  EXPECT_EQ(json::parse(history.out).size(), actions);

  // Planned again on the same data: the store's state and history stand in for the platform's.
  const CommandRun again = run(dir, "plan performance.csv --db s.db --format json");
  ASSERT_EQ(again.status, 0) << again.err;
  const json second = json::parse(again.out);
  EXPECT_EQ(second["actions"].size(), 0U) << second["actions"].dump(1);
  bool saw_cooldown = false;
  bool saw_paused = false;
  for (const auto& item : second["not_taken"]) {
    const std::string reason = item["reason"].get<std::string>();
    saw_cooldown = saw_cooldown || reason.rfind("cooldown:", 0) == 0;
    saw_paused = saw_paused || reason == "already paused";
  }
  EXPECT_TRUE(saw_cooldown);
  EXPECT_TRUE(saw_paused);

  // Re-applying the same plan changes nothing.
  const CommandRun reapply = run(dir, "apply plan.json --db s.db");
  ASSERT_EQ(reapply.status, 0) << reapply.err;
  EXPECT_EQ(state_by_id(run(dir, "state --db s.db --format json").out), after);

  const CommandRun undo = run(dir, "undo 1 --db s.db");
  ASSERT_EQ(undo.status, 0) << undo.err << undo.out;
  const json restored = state_by_id(run(dir, "state --db s.db --format json").out);
  for (const auto& entity : written["entities"]) {
    const json& now = restored[entity["id"].get<std::string>()];
    EXPECT_EQ(now["status"], entity["status"]) << now.dump();
    EXPECT_EQ(std::llround(now["daily_budget"].get<double>() * 1e6), entity["daily_budget_micros"].get<int64_t>())
        << now.dump();
  }
  const CommandRun twice = run(dir, "undo 1 --db s.db");
  EXPECT_EQ(twice.status, 0) << twice.err;
  EXPECT_EQ(state_by_id(run(dir, "state --db s.db --format json").out), restored);

  // After the undo the cooldown no longer holds: the plan is the first one again.
  const CommandRun third = run(dir, "plan performance.csv --db s.db --format json");
  EXPECT_EQ(json::parse(third.out)["id"], written["id"]);
}

}  // namespace
}  // namespace adpilot::cli
