// The forecaster registry every series command uses, built once per run.
#pragma once

#include "adpilot/analyze/forecast/forecaster.h"

namespace adpilot::cli {

analyze::forecast::ForecasterRegistry make_forecaster_registry();

}  // namespace adpilot::cli
