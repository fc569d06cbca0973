// The plan for people (`adpilot plan --explain`).
#include <fmt/format.h>

#include "adpilot/core/format_number.h"
#include "adpilot/decide/decide.h"

namespace adpilot::decide {

namespace {

using nlohmann::json;

std::string display(const json& value) {
  if (value.is_object() && value.contains("display")) {
    return value["display"].get<std::string>();
  }
  return value.dump();
}

// One line per comparison, indented two spaces under the line that introduces them.
void explain_comparisons(std::vector<std::string>& lines, const json& comparisons) {
  for (const auto& c : comparisons) {
    std::string left = c["left"].get<std::string>();
    if (c.contains("bound")) {
      left += " (" + c["bound"].get<std::string>() + " bound)";
    }
    const std::string right = c["right"].get<std::string>();
    const std::string right_value = display(c["right_value"]);
    lines.push_back(fmt::format("  {} {} {} {}{}  {}", left, display(c["left_value"]), c["op"].get<std::string>(), right,
                                right_value == right ? "" : " " + right_value, c["result"].get<bool>() ? "yes" : "no"));
  }
}

}  // namespace

std::vector<std::string> explain_action(const PlannedAction& action) {
  std::vector<std::string> lines;
  const json& r = action.rationale;
  lines.push_back(fmt::format("rule {} (priority {}){}", action.rule, action.priority,
                              r.value("description", "").empty() ? "" : ": " + r["description"].get<std::string>()));
  if (r.contains("window")) {
    lines.push_back(fmt::format("window {}: {} to {}", r["window"]["text"].get<std::string>(),
                                r["window"]["start"].get<std::string>(), r["window"]["end"].get<std::string>()));
  }
  lines.push_back(fmt::format("when {}", r.value("condition", "")));
  if (r.contains("comparisons")) {
    explain_comparisons(lines, r["comparisons"]);
  }
  if (r.contains("figures") && !r["figures"].empty()) {
    std::string figures;
    for (const auto& [name, value] : r["figures"].items()) {
      std::string item = fmt::format("{} {}", name, display(value));
      if (value.contains("interval")) {
        const auto& iv = value["interval"];
        item += fmt::format(" ({} interval {} – {})", format_percent(iv["level"].get<double>()),
                            display(iv["lower"]), display(iv["upper"]));
      }
      figures += (figures.empty() ? "" : "; ") + item;
    }
    lines.push_back(fmt::format("figures: {}", figures));
  }
  if (r.contains("guards") && !r["guards"].empty()) {
    std::string guards;
    for (const auto& g : r["guards"]) {
      guards += fmt::format("{}{} {} ≥ {}", guards.empty() ? "" : ", ", g["name"].get<std::string>(),
                            format_count(g["actual"].get<double>(), 0), format_count(g["required"].get<double>(), 0));
    }
    lines.push_back(fmt::format("guards passed: {}", guards));
  }
  if (r.contains("confidence") && r["confidence"].is_object()) {
    lines.push_back(fmt::format("confidence {}: the interval clears the threshold",
                                format_percent(r["confidence"]["level"].get<double>())));
    explain_comparisons(lines, r["confidence"]["comparisons"]);
  }
  if (r.contains("conflicts_won")) {
    for (const auto& c : r["conflicts_won"]) {
      lines.push_back(fmt::format("won over rule {} ({}): {}", c["rule"].get<std::string>(), c["action"].get<std::string>(),
                                  c["why"].get<std::string>()));
    }
  }
  if (r.contains("guardrails")) {
    for (const auto& g : r["guardrails"]) {
      lines.push_back(fmt::format("clipped by guardrail {} ({}): {:.2f} requested, {:.2f} planned",
                                  g["name"].get<std::string>(), g["limit"].get<std::string>(), g["requested"].get<double>(),
                                  g["applied"].get<double>()));
    }
  }
  return lines;
}

std::string explain_plan(const Plan& plan) {
  std::string out = fmt::format("Plan {} — as of {}, rules {} ({} action{}, {} not taken)\n", plan.id,
                                format_date(plan.as_of), plan.rules_file, plan.actions.size(),
                                plan.actions.size() == 1 ? "" : "s", plan.not_taken.size());
  for (const auto& action : plan.actions) {
    out += fmt::format("\n#{} {}\n", action.index, action.summary);
    for (const auto& line : explain_action(action)) {
      out += "   " + line + "\n";
    }
  }
  if (!plan.not_taken.empty()) {
    out += "\nNot taken:\n";
    for (const auto& item : plan.not_taken) {
      out += fmt::format("  - {} {} '{}' ({}) by rule {}: {}\n", action_kind_name(item.kind),
                         entity_level_name(item.entity.level), item.entity.name, item.entity.id, item.rule, item.reason);
    }
  }
  return out;
}

}  // namespace adpilot::decide
