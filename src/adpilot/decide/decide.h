// decide: facts → decisions. make_plan() evaluates every rule on every entity of its scope, then
// resolves what may actually be done: data guards, confidence, cooldown, locks, conflicts
// between rules on one entity, and the guardrails of the rules file. The result is a Plan
// (plan.h) whose every action and every decision not taken carries its reasons.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "adpilot/core/table.h"
#include "adpilot/decide/plan.h"
#include "adpilot/decide/rules.h"

namespace adpilot::decide {

// A change applied in an earlier run (from the store's audit log), for cooldowns.
struct PastChange {
  EntityLevel level = EntityLevel::kCampaign;
  std::string entity_id;
  ActionKind kind = ActionKind::kPause;
  Date plan_as_of = 0;  // the as-of day of the plan that made it
  std::string rule;
};

// The platform's current state of an entity when it is newer than the data (the simulated store
// after an apply): it replaces the status and budget the data shows.
struct EntityState {
  EntityLevel level = EntityLevel::kCampaign;
  std::string id;
  std::string status;
  std::optional<Micros> daily_budget;
};

struct DecideInput {
  const Table* data = nullptr;       // canonical rows (ingest)
  std::optional<Date> as_of;         // default: the data's last day
  std::vector<std::string> inputs;   // file names, recorded in the plan
  std::vector<PastChange> history;
  std::vector<EntityState> current_state;
};

// Phases: (1) entities and daily series per scope, (2) each rule on each entity: condition,
// data guards, confidence, feasibility, (3) cooldowns and locks, (4) one state change per entity
// (pause beats other changes; then higher priority; then the earlier rule), (5) guardrails:
// per-entity budget change, cap and floor, account-wide budget change, max actions.
//   auto plan = make_plan(*rules, DecideInput{&table});
Result<Plan> make_plan(const RuleSet& rules, const DecideInput& input);

// The plan for people: each action with the figures, thresholds and guards behind it, then the
// decisions not taken and why.
std::string explain_plan(const Plan& plan);
// One action's rationale as lines for people (rule, window, condition, the comparisons indented
// two spaces, figures, guards, confidence, conflicts won, guardrail clips); explain_plan prints them.
std::vector<std::string> explain_action(const PlannedAction& action);

}  // namespace adpilot::decide
