#include "adpilot/cli/forecasters.h"

#include "adpilot/analyze/forecast/arima.h"
#include "adpilot/analyze/forecast/combination.h"
#include "adpilot/analyze/forecast/ets.h"
#include "adpilot/analyze/forecast/naive.h"

namespace adpilot::cli {

analyze::forecast::ForecasterRegistry make_forecaster_registry() {
  namespace fc = analyze::forecast;
  fc::ForecasterRegistry registry;
  registry.add("naive", fc::make_naive);
  registry.add("snaive", fc::make_snaive);
  registry.add("ets", fc::make_ets);
  registry.add("arima", fc::make_arima);
  registry.add("auto", fc::make_combination);
  return registry;
}

}  // namespace adpilot::cli
