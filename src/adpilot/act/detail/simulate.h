// The `simulate` target: a platform whose state (status, daily budget, bid modifier per entity)
// lives in the store's entities table, seeded from the data the first time an entity is seen.
#pragma once

#include <memory>

#include "adpilot/act/executor.h"

namespace adpilot::act::detail {

std::unique_ptr<Executor> make_simulate_executor(store::Store& store);

}  // namespace adpilot::act::detail
