// The demo's ad-copy section: lint, sentiment and copy-vs-performance on the bundled sample.
#pragma once

#include <string>

#include "adpilot/core/table.h"

namespace adpilot::cli {

// A short report on data_dir/sample/ad_copy.csv joined to the demo's performance rows, starting
// with a blank line. Never fails: a problem becomes a one-line note, so the rest of the demo
// still prints.
std::string copy_demo_section(const std::string& data_dir, const Table& performance);

}  // namespace adpilot::cli
