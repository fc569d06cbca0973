// Settings → connector settings: the account, API endpoints, version, timeouts and credentials a
// platform connector needs, resolved only when a connector is actually used.
#pragma once

#include <string>

#include "adpilot/act/executor.h"
#include "adpilot/cli/commands.h"
#include "adpilot/connect/settings.h"

namespace adpilot::cli {

// `account_fallback` is used when --account is not given (apply: the plan's account).
connect::SettingsResolver make_settings_resolver(const Settings& settings,
                                                 const std::string& account_fallback = "");

// The executor registry with the platform targets wired to the settings.
act::ExecutorRegistry make_cli_executor_registry(const Settings& settings,
                                                 const std::string& account_fallback = "");

// The default credentials file: $XDG_CONFIG_HOME/adpilot/credentials.yaml or
// ~/.config/adpilot/credentials.yaml.
std::string default_credentials_path();

}  // namespace adpilot::cli
