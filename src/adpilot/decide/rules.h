// Rules files (YAML; docs/rules.md is the reference): targets, guardrails and rules. Loading
// checks everything a run would trip over later (unknown names in conditions, actions that do
// not fit the scope, malformed units) and names the rule, line and column.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "adpilot/core/result.h"
#include "adpilot/decide/expr.h"
#include "adpilot/decide/plan.h"

namespace adpilot::decide {

// The look-back a rule reads: the last N days up to as-of, or the month to date.
struct RuleWindow {
  bool this_month = false;
  int days = 14;
  std::string text;  // as written: "14d", "this_month"
};

// Minimum data before a rule may act on an entity (a guard, not a condition: an entity that
// meets the condition but not the guard is reported as "not enough data").
struct Requirement {
  std::optional<double> impressions;
  std::optional<double> clicks;
  std::optional<double> conversions;
  std::optional<double> cost;  // currency units
  std::optional<double> days;  // days with delivery in the window
};

struct ActionSpec {
  ActionKind kind = ActionKind::kAlert;
  bool budget_set = false;  // budget: set 150 (absolute, currency units) vs ±%
  double change = 0.0;      // relative change for budget ±% and bid ±% (0.2 = +20%)
  double set_units = 0.0;   // the absolute daily budget for `set`
  std::string message;      // alert text
  std::string text;         // as written
};

struct Rule {
  std::string name;
  std::string description;
  EntityLevel scope = EntityLevel::kCampaign;
  RuleWindow window;
  Expr when;
  Requirement require;
  double confidence = 0.0;                // 0: off; else the interval's level (0.9)
  std::vector<std::string> confident_kpis;  // the KPIs whose intervals must clear
  ActionSpec then;
  int cooldown_days = 0;
  int priority = 0;
  int order = 0;  // position in the file, for ties
  int line = 0;   // 1-based line of the rule in the file
  int when_line = 0;
  int when_column = 0;
};

struct Guardrails {
  std::optional<double> max_budget_change;        // per entity per run, fraction (0.3)
  std::optional<double> max_total_budget_change;  // account-wide per run, fraction of the total daily budget
  std::optional<int> max_actions;                 // state-changing actions per run
  std::optional<double> budget_cap;               // never raise a daily budget above (units)
  std::optional<double> budget_floor;             // never cut a daily budget below (units)
  std::vector<std::string> lock;                  // ids or names (with * wildcards) never touched
};

struct RuleSet {
  std::string file;
  std::string hash;  // of the file's bytes
  std::map<std::string, Value> targets;  // target.cpa → $40
  Guardrails guardrails;
  std::vector<Rule> rules;
};

// Reads and checks a rules file.
//   auto rules = load_rules("data/rules.yaml");
Result<RuleSet> load_rules(const std::string& path);
// The same from text; `file` names it in errors.
Result<RuleSet> parse_rules(const std::string& text, const std::string& file);

// "14d" → 14, "2w" → 14; nullopt when malformed.
std::optional<int> parse_day_count(const std::string& text);

// Whether an entity is locked: its id or name matches an entry (* matches any run of characters).
bool is_locked(const Guardrails& guardrails, const std::string& id, const std::string& name);

}  // namespace adpilot::decide
