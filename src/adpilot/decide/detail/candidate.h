// A decision on its way to the plan: what a rule wants for an entity, and the record of why.
#pragma once

#include <nlohmann/json.hpp>

#include "adpilot/decide/plan.h"
#include "adpilot/decide/rules.h"

namespace adpilot::decide {

struct Candidate {
  const Rule* rule = nullptr;
  EntitySnapshot entity;
  PlannedAction action;   // kind, before/after, rule, priority, summary, rationale
  nlohmann::json guardrails = nlohmann::json::array();  // clips applied on the way
};

// Cooldowns, locks, one state change per entity, and the guardrails: moves candidates into the
// plan's actions or its not_taken list.
struct DecideInput;
void resolve_candidates(const RuleSet& rules, const DecideInput& input, Date as_of,
                        std::vector<Candidate> candidates, Plan& plan);

// The one-line summary of an action, from its figures.
std::string action_summary(const PlannedAction& action, const std::string& because);

}  // namespace adpilot::decide
