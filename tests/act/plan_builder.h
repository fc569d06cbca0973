// Plans built in C++ for the act tests (the way `adpilot plan` will write them), and a runner
// for the real adpilot binary.
#pragma once

#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "adpilot/decide/plan.h"

namespace adpilot::testing {

inline decide::EntitySnapshot campaign(const std::string& id, const std::string& name, Micros budget,
                                       const std::string& status = "ENABLED") {
  decide::EntitySnapshot entity;
  entity.level = decide::EntityLevel::kCampaign;
  entity.id = id;
  entity.name = name;
  entity.account_id = "acct_demo";
  entity.channel = "google_ads";
  entity.status = status;
  entity.daily_budget = budget;
  entity.currency = "USD";
  return entity;
}

inline decide::PlannedAction action_on(const decide::EntitySnapshot& entity, decide::ActionKind kind,
                                       const std::string& rule) {
  decide::PlannedAction action;
  action.entity = entity;
  action.kind = kind;
  action.status_before = entity.status;
  action.status_after = entity.status;
  action.budget_before = entity.daily_budget;
  action.budget_after = entity.daily_budget;
  action.rule = rule;
  action.summary = std::string(decide::action_kind_name(kind)) + " '" + entity.name + "'";
  action.rationale = {{"rule", rule}, {"cpa", 84.2}};
  return action;
}

inline decide::PlannedAction pause(const decide::EntitySnapshot& entity) {
  auto action = action_on(entity, decide::ActionKind::kPause, "pause_high_cpa");
  action.status_after = "PAUSED";
  return action;
}

inline decide::PlannedAction enable(const decide::EntitySnapshot& entity) {
  auto action = action_on(entity, decide::ActionKind::kEnable, "enable_recovered");
  action.status_after = "ENABLED";
  return action;
}

inline decide::PlannedAction budget(const decide::EntitySnapshot& entity, Micros after) {
  auto action = action_on(entity, decide::ActionKind::kBudget, "raise_budget_high_roas");
  action.budget_after = after;
  return action;
}

inline decide::PlannedAction bid(const decide::EntitySnapshot& entity, double change) {
  auto action = action_on(entity, decide::ActionKind::kBid, "bid_down_low_cvr");
  action.bid_change = change;
  return action;
}

inline decide::PlannedAction alert(const decide::EntitySnapshot& entity) {
  return action_on(entity, decide::ActionKind::kAlert, "alert_ctr_drop");
}

inline decide::Plan make_plan(std::vector<decide::EntitySnapshot> entities, std::vector<decide::PlannedAction> actions) {
  decide::Plan plan;
  plan.as_of = date_from_civil(2026, 10, 29);
  plan.rules_file = "rules.yaml";
  plan.rules_hash = "0123456789abcdef";
  plan.inputs = {"performance.csv"};
  plan.entities = std::move(entities);
  plan.actions = std::move(actions);
  decide::finalize_plan(plan);
  return plan;
}

inline void write_plan(const decide::Plan& plan, const std::string& path) {
  std::ofstream(path) << decide::plan_to_json(plan).dump(2) << "\n";
}

inline std::string read_text(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

struct Run {
  int status = -1;  // the exit status, or -1 when it did not exit normally
  std::string out;
  std::string err;
};

// Runs `adpilot ARGS` through the shell in folder, with env ("NAME=value …") prepended.
inline Run run_adpilot(const std::string& folder, const std::string& args, const std::string& env = "") {
  const std::string out = folder + "/stdout.txt";
  const std::string err = folder + "/stderr.txt";
  const std::string command = "cd '" + folder + "' && " + env + " '" + ADPILOT_BINARY + "' " + args + " >'" + out +
                              "' 2>'" + err + "'";
  const int raw = std::system(command.c_str());
  Run run;
  run.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  run.out = read_text(out);
  run.err = read_text(err);
  return run;
}

}  // namespace adpilot::testing
