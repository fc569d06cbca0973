// Settings → store: every command that opens the store (apply, history, state, undo, plan).
#pragma once

#include "adpilot/cli/commands.h"
#include "adpilot/store/store.h"

namespace adpilot::cli {

// Opens --db (or $ADPILOT_DB, or the default path of docs/store.md), creating it when absent.
Result<store::Store> open_store(const Settings& settings);

}  // namespace adpilot::cli
