// The JSON the audit log keeps for an entity's state and for what the plan saw and asked for,
// and the helpers apply and undo share.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

#include "adpilot/core/result.h"
#include "adpilot/decide/plan.h"
#include "adpilot/store/store.h"

namespace adpilot::act::detail {

// Inside the act stage a store call that fails ends the run: its error is thrown and turned
// back into a Result by guard() at the stage's boundary.
template <typename T>
T take(Result<T> result) {
  if (!result.ok()) {
    throw ErrorException(result.error());
  }
  return std::move(result).value();
}
inline void take(Result<void> result) {
  if (!result.ok()) {
    throw ErrorException(result.error());
  }
}

// {"status": "PAUSED", "daily_budget_micros": 400000000 | null, "bid_modifier": 1.1}
nlohmann::json state_json(const store::EntityState& state);
// {"status_before", "status_after", "budget_before_micros", "budget_after_micros", "bid_change"}
nlohmann::json planned_json(const decide::PlannedAction& action);
// The status, budget and bid modifier of a state_json text; throws on a malformed one.
store::EntityState parse_state(const std::string& text);

// Whether status, budget and bid modifier are equal.
bool same_state(const store::EntityState& a, const store::EntityState& b);
// The same for the one field an action kind changes (status, daily budget or bid modifier), and
// a copy of that field: undo restores only what the action changed.
bool same_field(decide::ActionKind kind, const store::EntityState& a, const store::EntityState& b);
void copy_field(decide::ActionKind kind, const store::EntityState& from, store::EntityState& into);

// The field an action kind changes ("status", "daily budget", "bid") and its value as a person
// reads it ("PAUSED", "500 USD", "×1.1").
const char* field_name(decide::ActionKind kind);
std::string field_value(decide::ActionKind kind, const store::EntityState& state);
// The change of that field: "status ENABLED → PAUSED",
// "daily budget 400 → 500 USD", "bid ×1 → ×1.1".
std::string describe_change(decide::ActionKind kind, const store::EntityState& before,
                            const store::EntityState& after);
// Where the store's state differs from what the plan saw: "the plan saw status PAUSED", or "".
std::string describe_drift(const decide::PlannedAction& action, const store::EntityState& actual);

}  // namespace adpilot::act::detail
