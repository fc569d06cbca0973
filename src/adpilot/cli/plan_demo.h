// The demo's decisions section: what the bundled default rules would do on the sample.
#pragma once

#include <string>

#include "adpilot/core/table.h"

namespace adpilot::cli {

// Text for people; changes nothing and reads no store. Empty when data/rules.yaml is absent.
std::string plan_demo_section(const std::string& data_dir, const Table& data);

}  // namespace adpilot::cli
