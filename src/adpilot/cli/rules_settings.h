// The rules file of `plan` and `run`: --rules, or the bundled data/rules.yaml.
#pragma once

#include <string>

#include "adpilot/cli/options.h"
#include "adpilot/decide/rules.h"

namespace adpilot::cli {

// The default rules adpilot was built with (ADPILOT_DEFAULT_DATA_DIR/rules.yaml).
std::string bundled_rules_path();

// Loads --rules, or the bundled rules, which the plan then names "rules.yaml (bundled)" so the
// same decisions get the same plan id wherever adpilot was built.
Result<decide::RuleSet> load_rules_setting(const Settings& settings);

}  // namespace adpilot::cli
