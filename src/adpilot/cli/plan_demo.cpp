#include "adpilot/cli/plan_demo.h"

#include <fmt/format.h>

#include <filesystem>

#include "adpilot/decide/decide.h"

namespace adpilot::cli {

std::string plan_demo_section(const std::string& data_dir, const Table& data) {
  const std::string rules_path = (std::filesystem::path(data_dir) / "rules.yaml").string();
  if (!std::filesystem::exists(rules_path)) {
    return "";
  }
  auto rules = decide::load_rules(rules_path);
  if (!rules.ok()) {
    return fmt::format("\nDecisions: the default rules did not load: {}\n", rules.error().to_string());
  }
  decide::DecideInput input;
  input.data = &data;
  auto plan = decide::make_plan(*rules, input);
  if (!plan.ok()) {
    return fmt::format("\nDecisions: {}\n", plan.error().to_string());
  }
  std::string text = fmt::format(
      "\nDecisions of the default rules (data/rules.yaml) as of {}: {} action{}, {} not taken\n",
      format_date(plan->as_of), plan->actions.size(), plan->actions.size() == 1 ? "" : "s",
      plan->not_taken.size());
  for (const auto& action : plan->actions) {
    text += fmt::format("  {}\n", action.summary);
  }
  text += "`adpilot plan data/sample/performance.csv --explain` gives the reasons; `--out plan.json` "
          "then `adpilot apply plan.json` carries them out on the simulated platform.\n";
  return text;
}

}  // namespace adpilot::cli
