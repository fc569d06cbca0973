#include "adpilot/decide/decide.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "adpilot/analyze/series.h"
#include "adpilot/core/format_number.h"
#include "adpilot/decide/detail/candidate.h"
#include "adpilot/decide/detail/entities.h"
#include "adpilot/decide/detail/facts.h"

namespace adpilot::decide {

namespace {

using nlohmann::json;

struct ScopeData {
  std::vector<analyze::DailySeries> series;
  std::vector<EntitySnapshot> entities;
};

json value_json(const Value& value, const std::string& symbol) {
  json out;
  switch (value.type) {
    case Value::Type::kNumber:
      out["value"] = std::isfinite(value.number) ? json(value.number) : json(nullptr);
      break;
    case Value::Type::kBool:
      out["value"] = value.boolean;
      break;
    case Value::Type::kString:
      out["value"] = value.text;
      break;
    case Value::Type::kUndefined:
      out["value"] = nullptr;
      break;
  }
  out["display"] = format_value(value, symbol);
  return out;
}

json comparisons_json(const std::vector<ComparisonTrace>& traces, const std::string& symbol) {
  json out = json::array();
  for (const auto& trace : traces) {
    json item{{"left", trace.left_text},
              {"op", trace.op},
              {"right", trace.right_text},
              {"left_value", value_json(trace.left, symbol)},
              {"right_value", value_json(trace.right, symbol)},
              {"result", trace.result}};
    if (!trace.bound.empty()) {
      item["bound"] = trace.bound;
      if (trace.point_value) {
        item["point_value"] = *trace.point_value;
      }
    }
    out.push_back(std::move(item));
  }
  return out;
}

std::string comparisons_text(const std::vector<ComparisonTrace>& traces, const std::string& symbol, bool only_true) {
  std::string out;
  for (const auto& trace : traces) {
    if (only_true && !trace.result) {
      continue;
    }
    const bool literal_right = trace.right_text == format_value(trace.right, symbol) ||
                               trace.right.type == Value::Type::kString;
    std::string left = trace.left_text;
    if (!trace.bound.empty()) {
      left += " " + trace.bound + " bound";
    }
    std::string text = fmt::format("{} {} {} {}", left, format_value(trace.left, symbol), trace.op, trace.right_text);
    if (!literal_right) {
      text += " " + format_value(trace.right, symbol);
    }
    out += (out.empty() ? "" : ", ") + text;
  }
  return out;
}

// Minimum-data guards: each with the figure it saw. Empty `failed` means all passed.
json check_guards(const Rule& rule, const WindowTotals& totals, const std::string& symbol, std::string& failed) {
  json out = json::array();
  auto guard_one = [&](const char* name, const std::optional<double>& required, double actual, Unit unit) {
    if (!required) {
      return;
    }
    const bool passed = actual >= *required;
    out.push_back(json{{"name", name},
                       {"required", *required},
                       {"actual", actual},
                       {"passed", passed}});
    if (!passed && failed.empty()) {
      failed = fmt::format("{} {} < {} required", name, format_value(Value::of_number(actual, unit), symbol),
                           format_value(Value::of_number(*required, unit), symbol));
    }
  };
  guard_one("impressions", rule.require.impressions, totals.impressions, Unit::kCount);
  guard_one("clicks", rule.require.clicks, totals.clicks, Unit::kCount);
  guard_one("conversions", rule.require.conversions, totals.conversions, Unit::kCount);
  guard_one("cost", rule.require.cost, totals.cost, Unit::kMoney);
  guard_one("days", rule.require.days, totals.active_days, Unit::kCount);
  return out;
}

Micros round_to_cents(double units) {
  return units_to_micros(std::round(units * 100.0) / 100.0);
}

}  // namespace

Result<Plan> make_plan(const RuleSet& rules, const DecideInput& input) {
  return guard([&]() -> Result<Plan> {
    ADP_ASSERT(input.data != nullptr);
    const Table& data = *input.data;
    const Column* date = data.find("date");
    if (date == nullptr || data.num_rows() == 0) {
      throw_error(ErrorCode::kSchema, "the data has no dated rows to decide on");
    }
    Date last = date->i32()[0];
    for (size_t row = 0; row < data.num_rows(); ++row) {
      last = std::max(last, date->i32()[row]);
    }
    const Date as_of = input.as_of.value_or(last);

    Plan plan;
    plan.as_of = as_of;
    plan.rules_file = rules.file;
    plan.rules_hash = rules.hash;
    plan.inputs = input.inputs;

    // (1) Scopes: campaigns always (they seed the simulated state), others when a rule needs them.
    std::map<EntityLevel, ScopeData> scopes;
    auto scope_data = [&](EntityLevel level) -> ScopeData& {
      auto it = scopes.find(level);
      if (it != scopes.end()) {
        return it->second;
      }
      ScopeData scope;
      auto series = analyze::daily_series(data, {scope_dimension(level)});
      if (!series.ok()) {
        throw ErrorException(series.error());
      }
      scope.series = std::move(*series);
      scope.entities = entity_snapshots(data, level, as_of, scope.series);
      std::map<std::string_view, const EntityState*> current;
      for (const auto& state : input.current_state) {
        if (state.level == level) {
          current[state.id] = &state;
        }
      }
      for (auto& entity : scope.entities) {
        if (auto found = current.find(entity.id); found != current.end()) {
          entity.status = found->second->status;
          entity.daily_budget = found->second->daily_budget;
        }
      }
      return scopes.emplace(level, std::move(scope)).first->second;
    };
    scope_data(EntityLevel::kCampaign);
    for (const auto& rule : rules.rules) {
      scope_data(rule.scope);
    }
    for (const auto& [level, scope] : scopes) {
      plan.entities.insert(plan.entities.end(), scope.entities.begin(), scope.entities.end());
    }

    // (2) Each rule on each entity.
    std::map<std::pair<EntityLevel, Date>, std::unique_ptr<ScopeWindow>> windows;
    std::vector<Candidate> candidates;
    for (const auto& rule : rules.rules) {
      ScopeData& scope = scope_data(rule.scope);
      const Date begin = rule.window.this_month ? month_start(as_of) : as_of - rule.window.days + 1;
      auto& window = windows[{rule.scope, begin}];
      if (!window) {
        window = std::make_unique<ScopeWindow>(scope.series, scope.entities, as_of, begin, rules.targets);
      }
      for (size_t e = 0; e < window->size(); ++e) {
        const EntitySnapshot& entity = scope.entities[e];
        const std::string symbol = currency_symbol(entity.currency);
        EntityEnvironment env(*window, e, rule.confidence);
        const EvalResult point = evaluate(rule.when, env);
        if (point.value.type != Value::Type::kBool || !point.value.boolean) {
          continue;
        }
        auto not_taken = [&](std::string reason) {
          plan.not_taken.push_back(NotTaken{entity, rule.then.kind, rule.name, std::move(reason)});
        };
        std::string failed_guard;
        json guards = check_guards(rule, window->totals(e), symbol, failed_guard);
        if (!failed_guard.empty()) {
          not_taken("not enough data: " + failed_guard);
          continue;
        }
        json confidence = nullptr;
        if (rule.confidence > 0) {
          EvalOptions options;
          options.confident_kpis = rule.confident_kpis;
          const EvalResult sure = evaluate(rule.when, env, options);
          confidence = json{{"level", rule.confidence},
                            {"kpis", rule.confident_kpis},
                            {"comparisons", comparisons_json(sure.comparisons, symbol)},
                            {"passed", sure.value.type == Value::Type::kBool && sure.value.boolean}};
          if (!confidence["passed"].get<bool>()) {
            std::string unclear;
            for (const auto& trace : sure.comparisons) {
              if (!trace.result && !trace.bound.empty()) {
                unclear = fmt::format("{} {} bound {} is not {} {} {}", trace.left_text, trace.bound,
                                      format_value(trace.left, symbol), trace.op, trace.right_text,
                                      format_value(trace.right, symbol));
                break;
              }
            }
            not_taken(fmt::format("not confident at {}: {}", format_percent(rule.confidence),
                                  unclear.empty() ? "the interval does not clear the threshold" : unclear));
            continue;
          }
        }
        // Feasibility against the entity's state.
        PlannedAction action;
        action.entity = entity;
        action.kind = rule.then.kind;
        action.rule = rule.name;
        action.priority = rule.priority;
        action.status_before = entity.status;
        action.status_after = entity.status;
        action.budget_before = entity.daily_budget;
        action.budget_after = entity.daily_budget;
        if (action.kind == ActionKind::kPause) {
          if (entity.status == "PAUSED" || entity.status == "REMOVED") {
            not_taken(fmt::format("already {}", entity.status == "PAUSED" ? "paused" : "removed"));
            continue;
          }
          action.status_after = "PAUSED";
        } else if (action.kind == ActionKind::kEnable) {
          if (entity.status == "ENABLED") {
            not_taken("already enabled");
            continue;
          }
          action.status_after = "ENABLED";
        } else if (action.kind == ActionKind::kBudget) {
          if (!entity.daily_budget && !rule.then.budget_set) {
            not_taken("no daily budget in the data to change by a percentage");
            continue;
          }
          const double before = entity.daily_budget ? micros_to_units(*entity.daily_budget) : 0.0;
          const double after = rule.then.budget_set ? rule.then.set_units : before * (1.0 + rule.then.change);
          action.budget_after = round_to_cents(after);
          if (action.budget_after == action.budget_before) {
            not_taken("the budget is already at the requested amount");
            continue;
          }
        } else if (action.kind == ActionKind::kBid) {
          action.bid_change = rule.then.change;
        }
        std::vector<std::pair<std::string, Value>> figures = env.seen();
        json figures_json = json::object();
        for (const auto& [name, value] : figures) {
          json item = value_json(value, symbol);
          if (has_interval(name) &&
              value.is_number()) {
            const double level = rule.confidence > 0 ? rule.confidence : 0.95;
            const Value lo = window->bound(e, name, "lower", level);
            const Value hi = window->bound(e, name, "upper", level);
            item["interval"] = {{"level", level},
                                {"lower", value_json(lo, symbol)},
                                {"upper", value_json(hi, symbol)}};
          }
          figures_json[name] = std::move(item);
        }
        const WindowTotals& t = window->totals(e);
        action.rationale = json{
            {"rule", rule.name},
            {"description", rule.description},
            {"scope", entity_level_name(rule.scope)},
            {"window", {{"text", rule.window.text}, {"start", format_date(begin)}, {"end", format_date(as_of)}}},
            {"condition", rule.when.source()},
            {"comparisons", comparisons_json(point.comparisons, symbol)},
            {"figures", figures_json},
            {"totals", {{"impressions", t.impressions}, {"clicks", t.clicks}, {"cost", t.cost},
                        {"conversions", t.conversions}, {"revenue", t.revenue}, {"days", t.active_days}}},
            {"guards", guards},
            {"confidence", confidence},
            {"then", rule.then.text},
            {"message", rule.then.message},
            {"currency", entity.currency}};
        action.summary = comparisons_text(point.comparisons, symbol, true);
        Candidate candidate;
        candidate.rule = &rule;
        candidate.entity = entity;
        candidate.action = std::move(action);
        candidates.push_back(std::move(candidate));
      }
    }

    // (3)–(5) Cooldowns, locks, conflicts, guardrails.
    resolve_candidates(rules, input, as_of, std::move(candidates), plan);
    finalize_plan(plan);
    return plan;
  });
}

}  // namespace adpilot::decide
