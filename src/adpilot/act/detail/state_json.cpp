#include "adpilot/act/detail/state_json.h"

#include <fmt/format.h>


namespace adpilot::act::detail {

namespace {

using nlohmann::json;

std::string money_text(const std::optional<Micros>& micros, const std::string& currency) {
  if (!micros) {
    return "none";
  }
  return currency.empty() ? format_micros_plain(*micros) : format_micros_plain(*micros) + " " + currency;
}

}  // namespace

json state_json(const store::EntityState& state) {
  return json{{"status", state.status},
              {"daily_budget_micros", state.daily_budget ? json(*state.daily_budget) : json(nullptr)},
              {"bid_modifier", state.bid_modifier}};
}

json planned_json(const decide::PlannedAction& action) {
  const auto micros = [](const std::optional<Micros>& value) { return value ? json(*value) : json(nullptr); };
  return json{{"status_before", action.status_before},
              {"status_after", action.status_after},
              {"budget_before_micros", micros(action.budget_before)},
              {"budget_after_micros", micros(action.budget_after)},
              {"bid_change", action.bid_change}};
}

store::EntityState parse_state(const std::string& text) {
  const json parsed = json::parse(text, nullptr, false);
  const auto malformed = [&] {
    throw_error(ErrorCode::kParse, fmt::format("store: the audit state '{}' is not a state object", text));
  };
  if (!parsed.is_object() || !parsed.contains("status") || !parsed["status"].is_string() ||
      !parsed.contains("bid_modifier") || !parsed["bid_modifier"].is_number()) {
    malformed();
  }
  const json& budget = parsed.value("daily_budget_micros", json(nullptr));
  if (!budget.is_null() && !budget.is_number_integer()) {
    malformed();
  }
  store::EntityState state;
  state.status = parsed["status"].get<std::string>();
  state.daily_budget = budget.is_null() ? std::nullopt : std::optional<Micros>(budget.get<Micros>());
  state.bid_modifier = parsed["bid_modifier"].get<double>();
  return state;
}

bool same_state(const store::EntityState& a, const store::EntityState& b) {
  return a.status == b.status && a.daily_budget == b.daily_budget && a.bid_modifier == b.bid_modifier;
}

bool same_field(decide::ActionKind kind, const store::EntityState& a, const store::EntityState& b) {
  switch (kind) {
    case decide::ActionKind::kPause:
    case decide::ActionKind::kEnable:
      return a.status == b.status;
    case decide::ActionKind::kBudget:
      return a.daily_budget == b.daily_budget;
    case decide::ActionKind::kBid:
      return a.bid_modifier == b.bid_modifier;
    case decide::ActionKind::kAlert:
      break;
  }
  return true;
}

void copy_field(decide::ActionKind kind, const store::EntityState& from, store::EntityState& into) {
  switch (kind) {
    case decide::ActionKind::kPause:
    case decide::ActionKind::kEnable:
      into.status = from.status;
      break;
    case decide::ActionKind::kBudget:
      into.daily_budget = from.daily_budget;
      break;
    case decide::ActionKind::kBid:
      into.bid_modifier = from.bid_modifier;
      break;
    case decide::ActionKind::kAlert:
      break;
  }
}

const char* field_name(decide::ActionKind kind) {
  switch (kind) {
    case decide::ActionKind::kPause:
    case decide::ActionKind::kEnable:
      return "status";
    case decide::ActionKind::kBudget:
      return "daily budget";
    case decide::ActionKind::kBid:
      return "bid";
    case decide::ActionKind::kAlert:
      break;
  }
  return "nothing";
}

std::string field_value(decide::ActionKind kind, const store::EntityState& state) {
  switch (kind) {
    case decide::ActionKind::kPause:
    case decide::ActionKind::kEnable:
      return state.status;
    case decide::ActionKind::kBudget:
      return money_text(state.daily_budget, state.currency);
    case decide::ActionKind::kBid:
      return fmt::format("×{:g}", state.bid_modifier);
    case decide::ActionKind::kAlert:
      break;
  }
  return "";
}

std::string describe_change(decide::ActionKind kind, const store::EntityState& before,
                            const store::EntityState& after) {
  if (kind == decide::ActionKind::kAlert) {
    return "no change (alert)";
  }
  return fmt::format("{} {} → {}", field_name(kind), field_value(kind, before), field_value(kind, after));
}

std::string describe_drift(const decide::PlannedAction& action, const store::EntityState& actual) {
  if ((action.kind == decide::ActionKind::kPause || action.kind == decide::ActionKind::kEnable) &&
      !action.status_before.empty() && action.status_before != actual.status) {
    return fmt::format("the plan saw status {}", action.status_before);
  }
  if (action.kind == decide::ActionKind::kBudget && action.budget_before != actual.daily_budget) {
    return fmt::format("the plan saw daily budget {}", money_text(action.budget_before, actual.currency));
  }
  return "";
}

}  // namespace adpilot::act::detail
