// What `plan` reads from the store: changes applied before (for cooldowns) and the simulated
// platform state (newer than the data). An absent store file means a first run: nothing.
#pragma once

#include <vector>

#include "adpilot/cli/options.h"
#include "adpilot/decide/decide.h"

namespace adpilot::cli {

struct PlanStoreContext {
  std::vector<decide::PastChange> history;
  std::vector<decide::EntityState> state;
};

Result<PlanStoreContext> load_plan_store_context(const Settings& settings);

}  // namespace adpilot::cli
