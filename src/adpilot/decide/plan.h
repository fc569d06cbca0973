// A plan: the decisions of one `adpilot plan` run, as the act stage consumes them. The JSON form
// (docs/plan.md) is the contract between `plan` and `apply`; its id is a hash of its content, so
// the same decisions on the same data always give the same id, and (id, action index) is the
// idempotency key of apply.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "adpilot/core/date.h"
#include "adpilot/core/money.h"
#include "adpilot/core/result.h"

namespace adpilot::decide {

enum class EntityLevel : uint8_t { kCampaign, kAdGroup, kAd };
enum class ActionKind : uint8_t { kPause, kEnable, kBudget, kBid, kAlert };

const char* entity_level_name(EntityLevel level);  // "campaign", "ad_group", "ad"
const char* action_kind_name(ActionKind kind);     // "pause", "enable", "budget", "bid", "alert"
std::optional<EntityLevel> parse_entity_level(std::string_view text);
std::optional<ActionKind> parse_action_kind(std::string_view text);

// Whether applying the action changes platform state (alerts do not).
inline bool changes_state(ActionKind kind) { return kind != ActionKind::kAlert; }

// An entity as the data last showed it: what `apply --target simulate` seeds its state from.
struct EntitySnapshot {
  EntityLevel level = EntityLevel::kCampaign;
  std::string id;
  std::string name;
  std::string account_id;
  std::string channel;                // google_ads, meta_ads, … ("" when unknown)
  std::string status;                 // ENABLED, PAUSED, … ("ENABLED" when the data has none)
  std::optional<Micros> daily_budget; // absent when the data has no budget column
  std::string currency;               // ISO 4217 or ""
};

struct PlannedAction {
  int index = 0;  // position in the plan, 0-based
  EntitySnapshot entity;
  ActionKind kind = ActionKind::kAlert;
  // The state the rule saw and the state it asks for. Status: pause → PAUSED, enable → ENABLED.
  // Budget: absolute daily budgets in micros, after guardrails. Bid: a relative change (0.1 = +10%).
  std::string status_before;
  std::string status_after;
  std::optional<Micros> budget_before;
  std::optional<Micros> budget_after;
  double bid_change = 0.0;
  std::string rule;
  int priority = 0;
  std::string summary;         // one line a person reads: "Pause 'Search - Generic': CPA $84 …"
  nlohmann::json rationale;    // figures, intervals, thresholds, guards passed, guardrail clips
};

// A decision that was reached but not put in the plan, and why.
struct NotTaken {
  EntitySnapshot entity;
  ActionKind kind = ActionKind::kAlert;
  std::string rule;
  std::string reason;  // "conflict: lost to rule 'x' (pause beats budget)", "guardrail: …", "cooldown: …"
};

struct Plan {
  static constexpr int kSchemaVersion = 1;
  std::string id;              // content hash (32 hex digits), filled by finalize_plan()
  Date as_of = 0;              // the last day of data the rules looked at
  std::string rules_file;
  std::string rules_hash;      // hash of the rules file's bytes
  std::vector<std::string> inputs;
  std::vector<EntitySnapshot> entities;  // every entity in the data, for seeding state
  std::vector<PlannedAction> actions;
  std::vector<NotTaken> not_taken;
};

// Numbers actions 0..n-1 and sets id to the hash of the plan's JSON without the id.
void finalize_plan(Plan& plan);

nlohmann::json plan_to_json(const Plan& plan);
// Checks the schema version, every field's type, and that the id matches the content (a plan
// edited by hand gets a clear error rather than a silent new idempotency key).
Result<Plan> plan_from_json(const nlohmann::json& json, const std::string& file);
Result<Plan> read_plan_file(const std::string& path);

}  // namespace adpilot::decide
