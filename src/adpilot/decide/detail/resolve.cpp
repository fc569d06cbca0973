// From candidates to the plan: cooldowns, locks, one state change per entity, guardrails.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "adpilot/core/format_number.h"
#include "adpilot/decide/decide.h"
#include "adpilot/decide/detail/candidate.h"

namespace adpilot::decide {

namespace {

using nlohmann::json;

std::string money(Micros micros, const std::string& currency) {
  return format_money(micros_to_units(micros), currency_symbol(currency));
}

std::string signed_percent(double change) {
  return fmt::format("{}{}", change >= 0 ? "+" : "", format_percent(change));
}

int kind_rank(ActionKind kind) { return kind == ActionKind::kPause ? 0 : 1; }

// Orders the state changes of one run: higher priority first, pauses before other changes at the
// same priority, then rule order and entity id, so the plan is the same on every run.
bool before_in_plan(const Candidate& a, const Candidate& b) {
  if (a.rule->priority != b.rule->priority) {
    return a.rule->priority > b.rule->priority;
  }
  if (kind_rank(a.action.kind) != kind_rank(b.action.kind)) {
    return kind_rank(a.action.kind) < kind_rank(b.action.kind);
  }
  if (a.rule->order != b.rule->order) {
    return a.rule->order < b.rule->order;
  }
  return a.entity.id < b.entity.id;
}

}  // namespace

std::string action_summary(const PlannedAction& action, const std::string& because) {
  const std::string who = fmt::format("{} '{}' ({})", entity_level_name(action.entity.level), action.entity.name,
                                      action.entity.id);
  std::string what;
  switch (action.kind) {
    case ActionKind::kPause:
      what = "Pause " + who;
      break;
    case ActionKind::kEnable:
      what = "Enable " + who;
      break;
    case ActionKind::kBudget: {
      const Micros before = action.budget_before.value_or(0);
      const Micros after = action.budget_after.value_or(0);
      const std::string verb = after > before ? "Raise" : "Cut";
      what = fmt::format("{} the daily budget of {} from {} to {}", verb, who, money(before, action.entity.currency),
                         money(after, action.entity.currency));
      if (before > 0) {
        what += fmt::format(" ({})", signed_percent(static_cast<double>(after - before) / static_cast<double>(before)));
      }
      break;
    }
    case ActionKind::kBid:
      what = fmt::format("Change bids of {} by {}", who, signed_percent(action.bid_change));
      break;
    case ActionKind::kAlert: {
      const auto& message = action.rationale.contains("message") ? action.rationale["message"] : json();
      what = fmt::format("Alert on {}", who);
      if (message.is_string() && !message.get<std::string>().empty()) {
        what += ": " + message.get<std::string>();
      }
      break;
    }
  }
  return because.empty() ? what : fmt::format("{}: {} [rule {}]", what, because, action.rule);
}

void resolve_candidates(const RuleSet& rules, const DecideInput& input, Date as_of,
                        std::vector<Candidate> candidates, Plan& plan) {
  const Guardrails& g = rules.guardrails;
  auto not_taken = [&](const Candidate& c, std::string reason) {
    plan.not_taken.push_back(NotTaken{c.entity, c.action.kind, c.rule->name, std::move(reason)});
  };

  // (3) Locks and cooldowns; alerts change nothing and pass.
  std::vector<Candidate> alerts;
  std::map<std::pair<EntityLevel, std::string>, std::vector<Candidate>> by_entity;
  for (auto& c : candidates) {
    if (!changes_state(c.action.kind)) {
      alerts.push_back(std::move(c));
      continue;
    }
    if (is_locked(g, c.entity.id, c.entity.name)) {
      not_taken(c, "locked: guardrails.lock lists this entity");
      continue;
    }
    if (c.rule->cooldown_days > 0) {
      const PastChange* recent = nullptr;
      for (const auto& past : input.history) {
        if (past.level == c.entity.level && past.entity_id == c.entity.id && changes_state(past.kind) &&
            past.plan_as_of > as_of - c.rule->cooldown_days && past.plan_as_of <= as_of &&
            (recent == nullptr || past.plan_as_of > recent->plan_as_of)) {
          recent = &past;
        }
      }
      if (recent != nullptr) {
        not_taken(c, fmt::format("cooldown: changed ({}) by rule '{}' for {}; rule '{}' waits {} days",
                                 action_kind_name(recent->kind), recent->rule, format_date(recent->plan_as_of),
                                 c.rule->name, c.rule->cooldown_days));
        continue;
      }
    }
    by_entity[{c.entity.level, c.entity.id}].push_back(std::move(c));
  }

  // (4) One state change per entity.
  std::vector<Candidate> winners;
  for (auto& [key, list] : by_entity) {
    std::stable_sort(list.begin(), list.end(), [](const Candidate& a, const Candidate& b) {
      if (kind_rank(a.action.kind) != kind_rank(b.action.kind)) {
        return kind_rank(a.action.kind) < kind_rank(b.action.kind);
      }
      if (a.rule->priority != b.rule->priority) {
        return a.rule->priority > b.rule->priority;
      }
      return a.rule->order < b.rule->order;
    });
    Candidate& winner = list.front();
    json beaten = json::array();
    for (size_t i = 1; i < list.size(); ++i) {
      const Candidate& loser = list[i];
      std::string why;
      if (kind_rank(winner.action.kind) < kind_rank(loser.action.kind)) {
        why = "pause beats other changes";
      } else if (winner.rule->priority != loser.rule->priority) {
        why = fmt::format("higher priority {} > {}", winner.rule->priority, loser.rule->priority);
      } else {
        why = "same priority; the earlier rule in the file wins";
      }
      not_taken(loser, fmt::format("conflict: lost to rule '{}' ({} {}; {})", winner.rule->name,
                                   action_kind_name(winner.action.kind), entity_level_name(winner.entity.level), why));
      beaten.push_back(json{{"rule", loser.rule->name}, {"action", action_kind_name(loser.action.kind)}, {"why", why}});
    }
    if (!beaten.empty()) {
      winner.action.rationale["conflicts_won"] = beaten;
    }
    winners.push_back(std::move(winner));
  }
  std::sort(winners.begin(), winners.end(), before_in_plan);

  // (5) Guardrails, in plan order.
  Micros total_budget = 0;
  for (const auto& entity : plan.entities) {
    if (entity.level == EntityLevel::kCampaign && entity.daily_budget) {
      total_budget += *entity.daily_budget;
    }
  }
  const double total_limit =
      g.max_total_budget_change ? *g.max_total_budget_change * micros_to_units(total_budget) : -1.0;
  double total_used = 0.0;
  int state_changes = 0;
  std::vector<Candidate> kept;
  for (auto& c : winners) {
    PlannedAction& a = c.action;
    if (a.kind == ActionKind::kBudget) {
      const double before = micros_to_units(a.budget_before.value_or(0));
      double after = micros_to_units(a.budget_after.value_or(0));
      const double requested = after;
      auto clip = [&](const char* name, const std::string& limit, double new_after) {
        c.guardrails.push_back(json{{"name", name},
                                    {"limit", limit},
                                    {"requested", requested},
                                    {"applied", new_after}});
        after = new_after;
      };
      const std::string& cur = c.entity.currency;
      if (g.max_budget_change && before > 0 && std::fabs(after - before) > *g.max_budget_change * before + 1e-9) {
        const double bound = *g.max_budget_change * before;
        clip("max_budget_change", signed_percent(*g.max_budget_change).substr(1),
             after > before ? before + bound : before - bound);
      }
      if (g.budget_cap && after > before && after > *g.budget_cap) {
        if (before >= *g.budget_cap) {
          not_taken(c, fmt::format("guardrail budget_cap {}: the budget {} is already at or above it",
                                   money(units_to_micros(*g.budget_cap), cur), money(units_to_micros(before), cur)));
          continue;
        }
        clip("budget_cap", money(units_to_micros(*g.budget_cap), cur), *g.budget_cap);
      }
      if (g.budget_floor && after < before && after < *g.budget_floor) {
        if (before <= *g.budget_floor) {
          not_taken(c, fmt::format("guardrail budget_floor {}: the budget {} is already at or below it",
                                   money(units_to_micros(*g.budget_floor), cur), money(units_to_micros(before), cur)));
          continue;
        }
        clip("budget_floor", money(units_to_micros(*g.budget_floor), cur), *g.budget_floor);
      }
      if (total_limit >= 0) {
        const double delta = std::fabs(after - before);
        const double remaining = total_limit - total_used;
        if (delta > remaining + 1e-9) {
          if (remaining < 0.01) {
            not_taken(c, fmt::format("guardrail max_total_budget_change {}: the run already changes {} of {} "
                                     "allowed",
                                     signed_percent(*g.max_total_budget_change).substr(1),
                                     money(units_to_micros(total_used), cur), money(units_to_micros(total_limit), cur)));
            continue;
          }
          clip("max_total_budget_change", signed_percent(*g.max_total_budget_change).substr(1),
               after > before ? before + remaining : before - remaining);
        }
      }
      after = std::round(after * 100.0) / 100.0;
      a.budget_after = units_to_micros(after);
      if (a.budget_after == a.budget_before) {
        not_taken(c, "guardrails leave no change");
        continue;
      }
      total_used += std::fabs(after - before);
    }
    if (g.max_actions && state_changes >= *g.max_actions) {
      not_taken(c, fmt::format("guardrail max_actions {}: the run already has {} changes", *g.max_actions,
                               state_changes));
      continue;
    }
    ++state_changes;
    kept.push_back(std::move(c));
  }

  for (auto& c : alerts) {
    kept.push_back(std::move(c));
  }
  for (auto& c : kept) {
    c.action.rationale["guardrails"] = c.guardrails;
    c.action.summary = action_summary(c.action, c.action.summary);
    plan.actions.push_back(std::move(c.action));
  }
}

}  // namespace adpilot::decide
