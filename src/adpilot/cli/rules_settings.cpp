#include "adpilot/cli/rules_settings.h"

#ifndef ADPILOT_DEFAULT_DATA_DIR
#define ADPILOT_DEFAULT_DATA_DIR "data"
#endif

namespace adpilot::cli {

std::string bundled_rules_path() {
  return std::string(ADPILOT_DEFAULT_DATA_DIR) + "/rules.yaml";
}

Result<decide::RuleSet> load_rules_setting(const Settings& settings) {
  const std::string given = settings.text("rules");
  auto rules = decide::load_rules(given.empty() ? bundled_rules_path() : given);
  if (rules.ok() && given.empty()) {
    rules->file = "rules.yaml (bundled)";
  }
  return rules;
}

}  // namespace adpilot::cli
