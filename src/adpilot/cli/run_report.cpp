#include "adpilot/cli/run_report.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace adpilot::cli {

namespace {

constexpr act::Outcome kOutcomes[] = {act::Outcome::kApplied, act::Outcome::kReverted, act::Outcome::kUnchanged,
                                      act::Outcome::kAlert,   act::Outcome::kSkipped,  act::Outcome::kFailed};

}  // namespace

std::string action_line(const act::ActionOutcome& outcome) {
  return fmt::format("  #{:<3} {:<9} {:<7} {} {} '{}': {}\n", outcome.index, act::outcome_name(outcome.outcome),
                     outcome.action, outcome.entity_level, outcome.entity_id, outcome.entity_name, outcome.detail);
}

std::string run_summary(const act::RunReport& report, const char* kind) {
  std::string counts;
  for (const act::Outcome outcome : kOutcomes) {
    if (const int n = report.count(outcome); n > 0) {
      counts += fmt::format("{}{} {}", counts.empty() ? "" : ", ", n, act::outcome_name(outcome));
    }
  }
  std::string out = fmt::format("run {} ({} of plan {}, target {}): {}", report.run_id, kind, report.plan_id,
                                report.target, counts.empty() ? "no actions" : counts);
  if (report.seeded > 0) {
    out += fmt::format("; {} new entities in the simulated state", report.seeded);
  }
  return out + "\n";
}

std::string run_report_json(const act::RunReport& report, const char* kind) {
  nlohmann::json actions = nlohmann::json::array();
  for (const auto& action : report.actions) {
    actions.push_back({{"index", action.index},
                       {"outcome", act::outcome_name(action.outcome)},
                       {"action", action.action},
                       {"entity", {{"level", action.entity_level}, {"id", action.entity_id}, {"name", action.entity_name}}},
                       {"detail", action.detail}});
  }
  nlohmann::json counts = nlohmann::json::object();
  for (const act::Outcome outcome : kOutcomes) {
    counts[act::outcome_name(outcome)] = report.count(outcome);
  }
  nlohmann::json out{{"kind", kind},
                     {"run_id", report.run_id == 0 ? nlohmann::json(nullptr) : nlohmann::json(report.run_id)},
                     {"plan_id", report.plan_id},
                     {"target", report.target},
                     {"seeded", report.seeded},
                     {"counts", counts},
                     {"actions", actions}};
  if (!report.note.empty()) {
    out["note"] = report.note;
  }
  return out.dump(2) + "\n";
}

}  // namespace adpilot::cli
